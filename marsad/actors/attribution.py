"""Whom a sentence credits for its claim, and whether it calls the claim confirmed.

`credited_sources(doc, sentence)` reads the sentence's parse: "according to X", the subject
of a reporting verb ("SOHR reported", "a Hezbollah commander told Reuters": the speaker,
not the listener), the object of "citing"/"quoting", an outlet a claim went out through,
an outlet in parentheses at a claim's end ("(Al-Masdar)"), an unnamed monitor (the
document's monitoring group), and a pronoun speaker ("he said") through the last source
credited just before. Impersonal reports ("it was reported", "reports said") and negated
reporting verbs credit nobody. A wire agency stands behind every body claim, a credit line
behind those that credit nobody else; the outlet's own voice is never a source (see
`marsad.actors.outlets`, which also turns each credited phrase into a `records.Source`).
"""
from __future__ import annotations

import functools
import re

from marsad.actors.outlets import (
    cue_words, default_source, own_voice, registered_leaning, source_for_phrase, wire_source,
)
from marsad.actors.registry import (
    GENERIC, SOURCE, ActorContext, Registry, build_registry, find_phrases, focus_country, load_registry,
    tokenize,
)
from marsad.data import load_tsv
from marsad.document import ARTICLE, Document, Sentence
from marsad.records import Source

__all__ = ["credited_sources", "confirmation", "same_words", "default_source", "source_for_phrase",
           "wire_source"]

PRONOUNS = ("he", "she", "it", "they", "we", "i", "this", "that", "these", "those")
RELATIVES = ("who", "which", "that")
# Subjects that are documents, not speakers: they credit only whoever they belong to
# ("a report of the pro-government blog al-Masdar News claimed", "footage obtained by Reuters").
DOCUMENT_HEADS = ("report", "statement", "footage", "video", "image", "photo", "picture",
                  "announcement", "post", "tweet")
# A definite "the agency" or "the monitor" points back at the last source named.
ANAPHOR_HEADS = ("agency", "monitor", "watchdog", "broadcaster", "channel", "newspaper", "outlet")
MONITOR_HEADS = ("monitor", "monitors", "watchdog", "observatory")
CHANNEL_PREPS = ("via", "through", "by")   # "claimed via its Amaq agency", "a statement carried by"
OBJECT_CREDITS = ("quote", "cite")      # "quoting X", "citing X", "X quoted Y as saying"
FUNCTION_WORDS = frozenset(("the", "a", "an", "of", "and", "al", "el", "s"))
LOOK_BACK = 3                           # sentences searched for a pronoun's source
HEADLINE_SHARE = 1.0                    # share of capitalised long words in a headline
TIME_STAMP = re.compile(r"^(?:\d{1,2}[:.])?\d{2}\s*[-–—]\s*")     # a live blog's "12:25 -"
LEAD_CREDIT = re.compile(r"\s*(?:according to\b|(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}sources?\b)", re.I)
DETACHED = re.compile(r"\s*(?:according to|as reported by|citing)\b")


# ---------------------------------------------------------------- vocabulary

@functools.lru_cache(maxsize=4)
def _verbs(user_dir: str | None = None) -> frozenset[str]:
    return frozenset(r["lemma"] for r in load_tsv("actor_source_verbs.tsv", user_dir))


@functools.lru_cache(maxsize=1)
def _confirmation_rules() -> tuple[tuple[re.Pattern, bool], ...]:
    return tuple((re.compile(r["pattern"], re.I), r["value"].strip().lower() == "true")
                 for r in load_tsv("actor_confirmation.tsv"))


# ---------------------------------------------------------------- confirmation

def confirmation(sentence_text: str) -> bool | None:
    """False where the text calls a claim unconfirmed or unverifiable, True where it says
    confirmed, else None. "could not be confirmed" -> False; "confirmed to Reuters" -> True."""
    for pattern, value in _confirmation_rules():
        if pattern.search(sentence_text or ""):
            return value
    return None


# ---------------------------------------------------------------- reading the parse

def _phrase_tokens(tok) -> list:
    """A credited noun phrase: the token's subtree without its coordinated siblings."""
    drop = {t.i for c in tok.children if c.dep_ in ("conj", "cc", "relcl", "npadvmod")
            for t in c.subtree}
    sent = tok.sent
    toks = [t for t in tok.subtree if t.i not in drop and sent.start <= t.i < sent.end]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    return toks


def _with_conjuncts(tok) -> list:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.extend(_with_conjuncts(c))
    return out


def _owner(tok):
    """For a document-like subject ("a report of X", "footage obtained by Reuters"), its owner."""
    for t in tok.subtree:
        if t is tok:
            continue
        if t.dep_ == "poss" or (t.dep_ == "pobj" and t.head.lower_ in ("of", "by", "from")):
            return t
    return None


def _runs(tokens: list) -> list[list]:
    """Adjacent subjects are one name split by the parser ("Haider al - Abadi")."""
    runs: list[list] = []
    for tok in sorted(tokens, key=lambda t: t.i):
        gap = tok.doc[runs[-1][-1].right_edge.i + 1:tok.left_edge.i] if runs else None
        if runs and gap is not None and tok.left_edge.i > runs[-1][-1].right_edge.i \
                and all(t.is_punct and t.text in "-\u2010\u2011" for t in gap):
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs


def _subjects(verb, reg: Registry) -> list:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if not subjects and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj"):
        # "SANA put the toll at 78, saying ...": the participle's speaker is the clause's
        # subject when that subject is an outlet (not any actor: "rebels shelled the town,
        # saying ..." does not make the rebels the shelling's source).
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj" and _source_word(c, reg)]
    if not subjects and verb.i > verb.sent.start:
        # "..., officials told Reuters" parsed without a subject: the noun just before speaks.
        prev = verb.doc[verb.i - 1]
        if prev.pos_ in ("NOUN", "PROPN") and _speaker_like(prev, reg):
            subjects = [prev]
    if verb.lemma_.lower() in OBJECT_CREDITS:
        subjects += [c for c in verb.children if c.dep_ == "dobj"]
    return subjects


def _speakers(span, verbs: frozenset[str], reg: Registry, skip: int | None = None) -> list[tuple[list, str]]:
    """(heads, how) for each credited phrase in a parsed sentence span; `heads` holds one
    token, or several when the parser split one name."""
    found: list[tuple[list, str]] = []
    for tok in span:
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            obj = next((c for c in (to.children if to is not None else ()) if c.dep_ == "pobj"), None)
            if obj is not None:
                found += [([t], "phrase") for t in _according_to(tok, obj)]
            continue
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in verbs or _reduced(tok) \
                or tok.i == skip or any(c.dep_ == "neg" for c in tok.children):
            continue    # "which the coalition did not confirm" credits nobody
        subjects = []
        for subj in _subjects(tok, reg):
            if subj.lower_ in RELATIVES and tok.dep_ == "relcl":
                subj = tok.head     # "Abu Kanaan, who said ..."
            subjects += _with_conjuncts(subj)
        for run in _runs(subjects):
            head = run[-1]
            if len(run) == 1 and head.lower_ in PRONOUNS:
                found.append((run, "pronoun"))
            elif head.lemma_.lower() in DOCUMENT_HEADS:
                owner = _owner(head)
                if owner is not None:
                    found.append(([owner], "phrase"))
            elif len(run) > 1 or _speaker_like(head, reg):
                found.append((run, "phrase"))
    return found


def _according_to(according, obj) -> list:
    """The phrases credited by "according to": the object and its conjuncts, but not a clause's
    subject the parser joined to them when the verb was left without one ("According to a military
    source, 400 fighters will leave": the fighters leave, they credit nothing)."""
    conjuncts = _with_conjuncts(obj)
    verb = according.head
    if verb.pos_ in ("VERB", "AUX") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        comma = next((t.i for t in obj.doc[obj.i:max(obj.i, verb.i)] if t.text == ","), None)
        if comma is not None:
            conjuncts = [t for t in conjuncts if t.i < comma]
    return conjuncts


def _reduced(verb) -> bool:
    """A bare participle ("buses reported to be carrying ...") says who was reported, not who reports."""
    return verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children)


def _source_word(tok, reg: Registry) -> bool:
    """Does the phrase headed by `tok` name a registered outlet ("the state news agency SANA")?"""
    return any(h.kind == SOURCE or h.also_source for h in find_phrases(
        tok.doc[tok.left_edge.i:tok.i + 1].text, reg))


def _speaker_like(tok, reg: Registry) -> bool:
    """A person, a group or a source word ("officials", "a spokesman"), not "the ceasefire"."""
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if tok.lemma_.lower() in cue_words():     # "officials" -> official
        return True
    premodifiers = " ".join(x.text for x in tok.doc[tok.left_edge.i:tok.i + 1])
    words = " " + " ".join(t.key for t in tokenize(premodifiers)) + " "
    if any(f" {cue} " in words for cue in cue_words()):
        return True
    return any(h.kind != GENERIC or h.bare for h in find_phrases(premodifiers, reg))


def _parenthesised_sources(text: str, reg: Registry) -> list[str]:
    """Registered outlets standing alone in brackets: "Eastern Qalamoun surrendered (Al-Masdar)"."""
    out = []
    for h in find_phrases(text, reg):
        if (h.kind == SOURCE or h.also_source) and text[:h.start].rstrip().endswith("(") \
                and text[h.end:].lstrip().startswith(")"):
            out.append(h.text)
    return out


def _outlets_before_verb(span, reg: Registry, verbs: frozenset[str]) -> list[str]:
    """Registered outlets right before a reporting word the parser missed: "..., Al Masdar reports"."""
    out = []
    for h in find_phrases(span.text, reg):
        if not (h.kind == SOURCE or h.also_source):
            continue
        after = span.doc.char_span(span.start_char + h.end, span.end_char, alignment_mode="expand")
        nxt = next((t for t in after if not t.is_space), None) if after is not None else None
        if nxt is not None and nxt.lemma_.lower() in verbs:
            out.append(h.text)
    return out


def _channel_outlets(span, reg: Registry, verbs: frozenset[str]) -> list[str]:
    """Registered outlets a claim went out through: "IS claimed the attacks via its Amaq news
    agency", "in a statement carried by its Amaq news agency"."""
    out = []
    for h in find_phrases(span.text, reg):
        if not (h.kind == SOURCE or h.also_source):
            continue
        found = span.doc.char_span(span.start_char + h.start, span.start_char + h.end,
                                   alignment_mode="expand")
        prep = found.root.head if found is not None and len(found) else None
        if prep is None or prep.lower_ not in CHANNEL_PREPS:
            continue
        up = [prep.head, prep.head.head]
        if any(t.lemma_.lower() in verbs or t.lemma_.lower() in DOCUMENT_HEADS for t in up):
            out.append(h.text)
    return out


def _trailing_credit(span, verbs: frozenset[str]) -> tuple[list[str], int | None]:
    """Wire style "..., state news agency SANA and a monitor group reported." read from the
    words, whatever the parser made of them: the phrases between the last comma and a final
    reporting verb (auxiliaries dropped), split at "and", and that verb, whose parsed
    subject is then not trusted."""
    toks = [t for t in span if not (t.is_punct or t.is_space)]
    if len(toks) < 3 or toks[-1].pos_ != "VERB" or toks[-1].lemma_.lower() not in verbs:
        return [], None
    verb = toks[-1]
    if any(c.dep_ == "neg" for c in verb.children):
        return [], verb.i     # "..., which the coalition did not confirm": nobody's credit
    comma = next((t for t in reversed(span[:verb.i - span.start]) if t.text == ","), None)
    if comma is None:
        return [], None
    words = [t for t in span.doc[comma.i + 1:verb.i] if not t.is_punct]
    while words and words[-1].pos_ in ("AUX", "PART", "ADV"):
        words.pop()
    if not 0 < len(words) <= 12:
        return [], None
    text = span.doc[words[0].i:words[-1].i + 1].text
    phrases = [p.strip() for p in re.split(r"\s+and\s+", text) if p.strip()]
    if len(words) == 1 and words[0].lemma_.lower() == "source":
        # "..., a Yemeni military source, sources reported": the bare "sources" sums up the
        # phrase before it, which says more.
        prev = next((t for t in reversed(span[:comma.i - span.start]) if t.text == ","), None)
        before = [t for t in span.doc[prev.i + 1:comma.i] if not t.is_punct] if prev is not None else []
        if 0 < len(before) <= 6 and before[-1].lemma_.lower() == "source":
            phrases.insert(0, span.doc[before[0].i:before[-1].i + 1].text)
    return phrases, verb.i


def _sentence_span(doc: Document, sentence: Sentence):
    parsed = doc.parses.get(sentence.segment)
    if parsed is None:
        return None
    return parsed.char_span(sentence.start, sentence.end, alignment_mode="expand")


def _headline(line: str) -> bool:
    """A title-case line ("Nationwide Ceasefire Declared In Syria") reports, it credits nobody."""
    words = re.findall(r"[^\W\d_]{4,}", line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= HEADLINE_SHARE


def _line_at(text: str, at: int) -> str:
    return text[text.rfind("\n", 0, at) + 1:(text.find("\n", at) + 1 or len(text) + 1) - 1]


def _phrase_text(text: str, toks: list, head) -> str:
    """The words of a credited phrase, without a dateline or paragraph before the speaker."""
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    cut = max(text.rfind(":", start, head.idx), text.rfind("\n", start, head.idx))
    return TIME_STAMP.sub("", text[cut + 1 if cut >= 0 else start:end].strip())


def _anaphor(src: Source, before: str, whole: str, reg: Registry) -> Source:
    """"the news agency", "the monitor": the last source named before. A monitor left
    unnamed ("monitors have reported", "a monitor group", "the Britain-based monitor") is
    the monitoring group the document names, before or after (the first, if several)."""
    if src.id is not None:
        return src
    words = [t.key for t in tokenize(src.name)]
    if words and words[-1] in MONITOR_HEADS or "monitoring" in words:
        named = _named_sources(before, reg)[::-1] + _named_sources(whole, reg)
        monitor = next((m for m in named if reg.sources[m.id].type == "monitor"), None)
        if monitor is not None:
            return monitor
    if len(words) >= 2 and words[0] == "the" and words[-1] in ANAPHOR_HEADS:
        return _last_named_source(before, reg) or src
    return src


def _explicit(doc: Document, sentence: Sentence, reg: Registry, ctx: ActorContext,
              verbs: frozenset[str]) -> tuple[list[Source], bool]:
    """Sources the sentence names itself, and whether a pronoun speaker was left unresolved."""
    span = _sentence_span(doc, sentence)
    if span is None or _headline(sentence.text):
        return [], False
    text = doc.segment_text(sentence.segment)
    before = text[:sentence.start]
    phrases, pronoun = [], False
    trailing, final_verb = _trailing_credit(span, verbs)
    for heads, how in _speakers(span, verbs, reg, skip=final_verb):
        if how == "pronoun":
            pronoun = True
            continue
        toks = sorted({t for h in heads for t in _phrase_tokens(h)}, key=lambda t: t.i)
        if toks and not _headline(_line_at(text, heads[-1].idx)):
            phrases.append(_phrase_text(text, toks, heads[-1]))
    phrases += _parenthesised_sources(sentence.text, reg)
    phrases += trailing
    phrases += _outlets_before_verb(span, reg, verbs)
    phrases += _channel_outlets(span, reg, verbs)
    out = []
    for phrase in phrases:
        if phrase.strip(" \"'“”‘’").lower() in PRONOUNS:
            pronoun = True
            continue
        src = _anaphor(source_for_phrase(phrase, ctx, reg), before, text, reg)
        words = tokenize(src.name)
        if not any(t.key.isalnum() for t in words):
            continue
        if src.id is None and words[-1].key in ("report", "reports"):
            continue    # "reports said": impersonal
        out.append(src)
    return out, pronoun


def _named_sources(text: str, reg: Registry) -> list[Source]:
    """The registered sources named in a text, in order."""
    out = []
    for h in find_phrases(text, reg):
        sid = h.key if h.kind == SOURCE else h.also_source
        if sid in reg.sources:
            out.append(Source(h.text, sid, reg.sources[sid].leaning))
    return out


def _last_named_source(text: str, reg: Registry) -> Source | None:
    named = _named_sources(text, reg)
    return named[-1] if named else None


def _detached_credit(doc: Document, sentence: Sentence, reg: Registry, ctx: ActorContext,
                     verbs: frozenset[str]) -> list[Source]:
    """A credit split off as its own sentence at a paragraph's end ("... governorate.
    according to the Syrian Radio station Sham FM.") covers the paragraph before it."""
    text = doc.segment_text(sentence.segment)
    later = [s for s in doc.sentences if s.segment == sentence.segment and s.start >= sentence.end]
    content_end = sentence.start + len(sentence.text.rstrip())
    for n, nxt in enumerate(later):
        if "\n" in text[content_end:nxt.start + len(nxt.text) - len(nxt.text.lstrip())]:
            break       # a paragraph break: the credit belongs to another paragraph
        if DETACHED.match(nxt.text):
            return _explicit(doc, nxt, reg, ctx, verbs)[0]
        if n == 0 and LEAD_CREDIT.match(nxt.text):
            # "... converging towards Aleppo. According to local sources, 12 buses have left
            # Deir Ezzor.": a next sentence that opens on its credit, or whose speakers are
            # unnamed sources, goes on telling the same story.
            found, pronoun = _explicit(doc, nxt, reg, ctx, verbs)
            if found and not pronoun:
                return found
        content_end = nxt.start + len(nxt.text.rstrip())
    return []


@functools.lru_cache(maxsize=64)
def _focus(text: str, user_dir: str | None, user_file: str | None) -> str | None:
    """The focus country of a document text, remembered: callers ask once per sentence."""
    return focus_country(text, build_registry(user_dir, user_file))


def _dedupe(sources: list[Source]) -> list[Source]:
    """One source per id or name; an unnamed-id phrase inside another's name adds nothing."""
    out: list[Source] = []
    for s in sources:
        if s.id and any(o.id == s.id for o in out):
            continue
        if not s.id and any(s.name.lower() in o.name.lower() for o in out):
            continue
        out = [o for o in out if o.id or o.name.lower() not in s.name.lower()] + [s]
    return out


def credited_sources(doc: Document, sentence: Sentence, cfg=None,
                     ctx: ActorContext | None = None, actor_name: str | None = None) -> list[Source]:
    """Whom `sentence` credits for its claim (empty when the outlet speaks for itself).

    Needs the nlp stage's parses; without a parse of the segment it returns [].
    Pass `ctx` (from `marsad.actors.document_context`) to skip recomputing the focus country.
    For a statement event (ACCUSE, REJECT, THREATEN...), pass its actor's words as
    `actor_name`: a speaker who is that actor made the statement and is not its source
    ("Prime Minister al-Abadi said" for Abadi's criticism), while another speaker stays
    ("Putin said Moscow would guarantee the deal" credits Putin for Moscow's support).
    """
    reg = load_registry(cfg)
    verbs = _verbs(cfg.get("data.user_dir") if cfg else None)
    if ctx is None:
        user = (cfg.get("data.user_dir"), cfg.get("actors.user_file")) if cfg else (None, None)
        ctx = ActorContext(_focus("\n".join(x for x in (doc.title, doc.body) if x), *user))
    found, pronoun = _explicit(doc, sentence, reg, ctx, verbs)
    if pronoun and not found:
        earlier = [s for s in doc.sentences if s.segment == sentence.segment and s.end <= sentence.start]
        for prev in reversed(earlier[-LOOK_BACK:]):
            found, _ = _explicit(doc, prev, reg, ctx, verbs)
            if found:
                break
    if not found and not pronoun:
        found = _detached_credit(doc, sentence, reg, ctx, verbs)
    # The speaker of a statement and the outlet itself are nobody's source; what is left
    # decides whether a credit line applies.
    found = [s for s in found if not own_voice(s, doc, reg)
             and not (actor_name and same_words(s.name, actor_name))]
    if sentence.segment == ARTICLE:
        # A wire agency stands behind every claim of its copy, beside whoever it quotes; a
        # credit line ("Source: Al Jazeera") only behind claims that credit nobody else.
        article_source = wire_source(doc, reg) or (None if found else default_source(doc, reg))
        if article_source is not None and article_source.id in reg.sources:
            article_source = Source(article_source.name, article_source.id,
                                    registered_leaning(reg.sources[article_source.id], ctx))
        if article_source is not None and not own_voice(article_source, doc, reg):
            found.append(article_source)
    return _dedupe(found)


def _content_words(text: str) -> set[str]:
    return {t.key for t in tokenize(text) if t.key.isalnum()} - FUNCTION_WORDS


def same_words(a: str, b: str) -> bool:
    """Do two phrases name the same party: at least half the words of the shorter shared?"""
    wa, wb = _content_words(a), _content_words(b)
    return bool(wa and wb) and len(wa & wb) * 2 >= min(len(wa), len(wb))
