"""Stage 4: actor mentions, resolved to the canonical ids of EVENTS.md section 6.

Every registry phrase in the body and the comments becomes an `ActorMention`: named actors
("Hay'at Tahrir al-Sham", "the Kremlin"), sources credited in the text ("SOHR", "Reuters",
with `is_source`), places that stand for a government when they act ("Ankara said",
"talks with Damascus"), and generic heads ("rebels", "government forces", "the jihadists")
resolved by the story's context: its focus country and its dominant jihadist group.

The event extractor uses `document_context`, `resolve_actor`, `actor_at`, `noun_phrase`,
and, from `marsad.actors.attribution` (re-exported here), `credited_sources` and
`confirmation`; `marsad.actors.outlets` turns credited phrases into sources.
"""
from __future__ import annotations

import functools
import re

from marsad.actors.attribution import confirmation, credited_sources
from marsad.actors.outlets import default_source, source_for_phrase
from marsad.actors.registry import (
    METONYM, SOURCE, ActorContext, Hit, Registry, find_phrases, hit_actor, load_registry, phrase_key,
    resolve_actor, story_context,
)
from marsad.config import Config
from marsad.data import load_tsv
from marsad.document import ARTICLE, ActorMention, Document

REQUIRES = ("sentences", "parses")
ASSIGNS = ("actors",)

# Other stages import from here, never from the submodules.
__all__ = ["REQUIRES", "ASSIGNS", "run", "run_batch", "document_context", "resolve_actor", "actor_at",
           "noun_phrase", "ActorContext", "credited_sources", "confirmation", "source_for_phrase",
           "default_source"]

# Syntactic roles in which a place name acts ("Ankara said", "Moscow's jets", "deal with Damascus").
AGENT_DEPS = ("nsubj", "nsubjpass", "poss", "dative")
AGENT_PREPS = ("by", "with", "against", "between")
# A noun phrase longer than this loses its relative clauses ("... who entered the province").
LONG_PHRASE = 16


def _segment_hits(doc: Document, reg: Registry) -> dict[str, list[Hit]]:
    return {seg.key: find_phrases(seg.text, reg) for seg in doc.segments() if seg.text.strip()}


def _context(doc: Document, reg: Registry, hits: dict[str, list[Hit]]) -> ActorContext:
    text = "\n".join(x for x in (doc.title, doc.body) if x)
    return story_context(text, [h for hs in hits.values() for h in hs], reg)


def document_context(doc: Document, cfg: Config | None = None) -> ActorContext:
    """The focus country and dominant jihadist group of a document (pure; cheap to recompute)."""
    reg = load_registry(cfg)
    return _context(doc, reg, _segment_hits(doc, reg))


@functools.lru_cache(maxsize=4)
def _party_verbs(user_dir: str | None = None) -> frozenset[str]:
    """Verbs whose object is a party, not a destination ("accused Damascus", "urged Ankara")."""
    return frozenset(r["lemma"] for r in load_tsv("actor_party_verbs.tsv", user_dir))


def _acts(parsed, hit: Hit, as_modifier: bool, party_verbs: frozenset[str]) -> bool:
    """Does a place name stand in a party's position in the parse? A country written like a
    demonym ("a US convoy") also acts as a modifier."""
    if parsed is None:
        return False
    span = parsed.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    if tok.dep_ == "poss" and (tok.head.pos_ == "PROPN" or tok.head.ent_type_ in ("GPE", "LOC", "FAC")):
        return False    # "Syria's Aleppo", "Turkey's Erdogan": a place or a person of the country acts, if anyone
    if tok.dep_ in AGENT_DEPS:
        return True
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in party_verbs:
        return True
    if as_modifier and tok.dep_ in ("compound", "amod", "nmod") and tok.head.pos_ in ("NOUN", "PROPN"):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in AGENT_PREPS


# What follows a dateline's place: "DAMASCUS -", "BEIRUT (Reuters) -", "Rural Damascus, SANA -".
DATELINE_HEAD = re.compile(r"\s*(?:[A-Z][\w'’]*\s+){0,2}")   # "Rural " of "Rural Damascus"
DATELINE_TAIL = re.compile(r"(?:\s*,\s*[^\n,.]{1,30}?)?(?:\s*\([^()\n]{1,30}\))?\s*[-–—:]\s")


def _dateline(text: str, hit: Hit) -> bool:
    """Does a place name open its line as the story's dateline? It says where the news was filed,
    and acts for nobody whatever the parser makes of it."""
    line_start = text.rfind("\n", 0, hit.start) + 1
    return DATELINE_HEAD.fullmatch(text[line_start:hit.start]) is not None \
        and DATELINE_TAIL.match(text, hit.end) is not None


def _demonym(hit: Hit, reg: Registry) -> bool:
    return phrase_key(hit.text) in reg.demonyms or phrase_key(hit.text, True) in reg.demonyms


def run(doc: Document, cfg: Config) -> None:
    reg = load_registry(cfg)
    hits = _segment_hits(doc, reg)
    ctx = _context(doc, reg, hits)
    party_verbs = _party_verbs(cfg.get("data.user_dir"))
    texts = {seg.key: seg.text for seg in doc.segments()}
    for key, seg_hits in hits.items():
        parsed = doc.parses.get(key)
        for hit in seg_hits:
            if hit.kind == METONYM and (_dateline(texts[key], hit)
                                        or not _acts(parsed, hit, _demonym(hit, reg), party_verbs)):
                continue
            actor_id, kind, _ = hit_actor(hit, reg, ctx)
            doc.actors.append(ActorMention(key, hit.start, hit.end, hit.text, actor_id, kind,
                                           is_source=hit.kind == SOURCE or hit.also_source is not None))


def run_batch(docs: list[Document], cfg: Config) -> None:
    for doc in docs:
        run(doc, cfg)


def actor_at(doc: Document, segment: str, start: int, end: int) -> ActorMention | None:
    """The actor mention that best covers [start, end) of a segment: most overlap, then earliest."""
    best, best_overlap = None, 0
    for m in doc.actors:
        if m.segment != segment:
            continue
        overlap = min(end, m.end) - max(start, m.start)
        if overlap > best_overlap:
            best, best_overlap = m, overlap
    return best


def noun_phrase(doc: Document, mention: ActorMention) -> tuple[int, int, str]:
    """The whole noun phrase around a mention, as (start, end, text) in its segment:
    "ISIS" in "ISIS fighters besieged in the eastern Hama pocket" gives that phrase, and
    "civilians" in "1,500 civilians and ISIS family members" gives the coordination."""
    text = doc.segment_text(mention.segment) if mention.segment != ARTICLE else doc.body
    parsed = doc.parses.get(mention.segment)
    span = parsed.char_span(mention.start, mention.end, alignment_mode="expand") if parsed else None
    if span is None or not len(span):
        return mention.start, mention.end, mention.text
    head = span.root
    while head.dep_ in ("compound", "amod", "nmod", "poss", "nummod") and head.head is not head \
            and head.head.pos_ in ("NOUN", "PROPN") and head.head.i > head.i:
        head = head.head
    tokens = list(head.subtree)
    # Infinitival clauses ("fighters to escape ...") never belong to the name; relative ones
    # ("fighters who entered the province") do, unless the phrase grows too long.
    cut = {t.i for c in head.children if c.dep_ in ("relcl", "acl", "advcl")
           and (len(tokens) > LONG_PHRASE or any(x.lower_ == "to" and x.dep_ == "aux" for x in c.children))
           for t in c.subtree}
    tokens = [t for t in tokens if t.i not in cut]
    sent = head.sent
    tokens = [t for t in tokens if sent.start <= t.i < sent.end]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in ("cc", "punct")):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "cc"):
        tokens.pop(0)
    if not tokens:
        return mention.start, mention.end, mention.text
    start = min(tokens[0].idx, mention.start)
    end = max(tokens[-1].idx + len(tokens[-1]), mention.end)
    phrase = text[start:end].rstrip()
    return start, start + len(phrase), phrase
