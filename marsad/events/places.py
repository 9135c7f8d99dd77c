"""Where an event happens, or where a movement starts and ends.

Only literal, resolved places of `doc.places` count ("US troops" names no place).
Each place mention's head word is followed up the parse to the trigger; the first
preposition on the way says its role: "from", "out of" -> origin; "to", "towards",
"into", "for" -> destination; anything else -> location. The object of "leave",
"evacuate", "exit" is an origin. Places outside the trigger's clause are a
fallback: the nearest one in the sentence. One action at several places is
located at the first named (EVENTS.md section 8).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from marsad.data import load_tsv
from marsad.document import PlaceMention
from marsad.events.context import SentenceContext
from marsad.events.lexicon import compass_words, cues
from marsad.records import Place

ORIGIN_PREPS = frozenset({"from", "out"})
DESTINATION_PREPS = frozenset({"to", "towards", "toward", "into", "for", "onto"})
# Verbs whose direct object is the place left behind.
LEAVE_VERBS = frozenset({"leave", "evacuate", "exit", "abandon", "flee", "vacate", "quit"})
MOVEMENT_TYPES = frozenset({"RETREAT", "MOBILIZE"})
# Retreats that move nobody: fighters surrender, disarm or free captives where they are.
STAYING_MODES = frozenset({"surrender", "disarm", "release"})
# Prepositions of a place people are only sent to (not "into": that place is entered).
SENT_TO = frozenset({"to", "towards", "toward", "for"})
MAX_HOPS = 8
# How a clause hangs off a verb of saying ("X took Afrin, Erdogan announced").
TOLD_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "conj"})


@dataclass(frozen=True)
class PlaceRole:
    mention: PlaceMention
    role: str           # origin | destination | location
    in_clause: bool     # reached the trigger through the parse
    owned: bool         # reached another trigger first: that event's place
    distance: int       # tokens between the place and the trigger
    bearing: bool = False   # only a reference point ("7km southwest of Damascus")
    anaphor: bool = False   # "the town", "there": a place named earlier


def _prep_role(tok) -> str | None:
    """The role a preposition (or a leave-verb object) gives the phrase below it."""
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "prt", "agent"):
        prep = tok.head.lower_
        if prep == "of" and tok.head.head.lower_ == "out":
            return "origin"
        if prep in ORIGIN_PREPS:
            return "origin"
        if prep in DESTINATION_PREPS:
            return "destination"
        return None if prep == "of" else "location"
    if tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in LEAVE_VERBS:
        return "origin"
    return None


def _role_on_path(token, trigger, others: frozenset[int] = frozenset()) -> tuple[str, bool, bool]:
    """Walk from a place's head word to the trigger. The direction nearest the trigger decides:
    "withdraw from the camp in southern Damascus" is an origin, not a location. Also says
    whether the walk passed another trigger first (the place is that event's)."""
    direction = location = None
    described = False   # passed through a relative clause describing an argument
    cur = token
    for _ in range(MAX_HOPS):
        if cur.i == trigger.i:
            return direction or location or "location", not described, False
        if cur.i in others:
            return direction or location or "location", False, True
        if cur.dep_ == "relcl":
            described = True    # "the group, which is trained at At Tanf, has been clashing ..."
        role = _prep_role(cur)
        if role in ("origin", "destination"):
            direction = role
        elif role == "location" and direction is None:
            location = role
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return direction or location or "location", False, False


def is_bearing(tok, is_place) -> bool:
    """A place named only to locate another place: "Moadamiyeh, 7km southwest of Damascus",
    "the Eastern Qalamoun region northeast of Damascus" (`is_place(token)`: a place mention)."""
    if tok is None or tok.dep_ != "pobj" or tok.head.lower_ != "of" or tok.head.head.lower_ not in compass_words():
        return False
    return is_place(tok.head.head.head)


def _where_told(tok, trigger) -> bool:
    """A place in a phrase of the verb of saying above the trigger is where the news was told,
    not where it happened: "X took Afrin, Erdogan announced in a speech in Canakkale",
    "Speaking at a conference in Baghdad, al-Abadi said his forces had regained ...". A place
    right after a preposition may set the scene ("In Daraa, a faction said it killed four")."""
    cur = tok
    for _ in range(MAX_HOPS):
        if cur.i == trigger.i or cur.head.i == cur.i:
            return False
        below, cur = cur, cur.head
        if cur.pos_ == "VERB" and cur.lemma_.lower() in cues("report"):
            told = (below.dep_ == "prep" and tok.head.i != below.i) or (below is not tok and below.dep_ == "advcl")
            return told and trigger in cur.subtree and trigger not in below.subtree
        if below.dep_ == "advcl" and below.lemma_.lower() in cues("report"):
            return trigger not in below.subtree
    return False


def place_roles(trigger, ctx: SentenceContext, others: frozenset[int] = frozenset()) -> list[PlaceRole]:
    out = []
    text = ctx.segment_text
    heads = {t.i for t in (ctx.place_token(m) for m in ctx.places if m.place is not None) if t is not None}
    for m in ctx.places:
        if m.place is None or is_dateline(m, text, ctx.sentence.start):
            continue
        tok = ctx.place_token(m)
        if tok is None or _acting_party(tok, m) or _where_told(tok, trigger):
            continue
        role, in_clause, owned = _role_on_path(tok, trigger, others)
        if not in_clause and _described_by(tok, trigger):
            role, in_clause = "location", True
        owned = owned and not _sets_the_scene(tok, ctx.span)
        out.append(PlaceRole(m, role, in_clause, owned, abs(tok.i - trigger.i),
                           is_bearing(tok, lambda t: t.i in heads)))
    for tok, mention in anaphors(ctx):
        if any(mention.place == r.mention.place for r in out):
            continue
        role, in_clause, owned = _role_on_path(tok, trigger, others)
        out.append(PlaceRole(mention, role, in_clause, owned, abs(tok.i - trigger.i), anaphor=True))
    return out


@functools.lru_cache(maxsize=None)
def place_nouns() -> dict[str, str]:
    """noun -> the kind of earlier place it points back to ("the town": a town)."""
    return {r["word"].lower(): r["takes"] for r in load_tsv("event_place_nouns.tsv")}


POINTING = frozenset({"the", "this", "that"})
# What each kind of place noun may point back to first; failing that, any local place.
FITS = {"town": ("town", "point", "district"), "admin1": ("admin1",)}


def _pointing_noun(tok, nouns: dict[str, str]) -> str | None:
    """The kind of place "the town", "this area" or "there" points back to, or None. A noun
    with its own name ("the town of Manbij"), inside a longer noun ("the city centre") or
    plural ("the rebel-held districts": parts of a place) is no pointer."""
    if tok.lower_ == "there":
        return "any" if tok.dep_ == "advmod" else None
    kind = nouns.get(tok.lower_) if tok.tag_ == "NN" else None
    if kind is None or tok.dep_ == "compound":
        return None
    children = list(tok.children)
    if not any(c.dep_ == "det" and c.lower_ in POINTING for c in children):
        return None
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in children):
        return None     # "the Ramouseh area" names a place the gazetteer may lack
    return None if any(c.dep_ == "prep" and c.lower_ == "of" for c in children) else kind


def anaphors(ctx: SentenceContext) -> list[tuple[object, PlaceMention]]:
    """(word, the earlier place it stands for) for each word of the sentence that points back
    to a place: "the regime took the town", "fighters left the province", "clashes there".
    A place the sentence itself named before the word is the one it points to (and when
    that one is unknown to the gazetteer, so is the word's)."""
    if "anaphors" in ctx.memo:
        return ctx.memo["anaphors"]
    nouns = place_nouns()
    named = [(m.start, m.end) for m in ctx.places]
    out = ctx.memo["anaphors"] = []
    for tok in ctx.span:
        kind = _pointing_noun(tok, nouns)
        if kind is None or any(s <= tok.idx < e for s, e in named):
            continue
        scene = scene_before(ctx, tok.idx)
        own = [m for m in scene if m.start >= ctx.sentence.start]
        place = antecedent(kind, _nearest_fit(kind, own) if own else scene)
        if place is not None:
            out.append((tok, PlaceMention(ctx.sentence.segment, tok.idx, tok.idx + len(tok), tok.text, place, 0.5)))
    return out


def _nearest_fit(kind: str, own: list[PlaceMention]) -> list[PlaceMention]:
    """Of a sentence's own earlier places, the nearest one of the word's kind (else the
    nearest one), as a one-place scene."""
    fits = FITS.get(kind, ())
    return [next((m for m in reversed(own) if m.place is not None and m.place.precision in fits), own[-1])]


def antecedent(kind: str, scene: list[PlaceMention]) -> Place | None:
    """The place a pointing word stands for: of the places of its kind the story named
    before (`scene`, in text order), the one it names most, the latest among equals; else
    the same among its local places. "The city" in a story about Homs is Homs, even just
    after a word on Aleppo. "The province" wants a province; an unknown place (None) ends
    the search."""
    fits = FITS.get(kind, ())
    places = [m.place for m in scene]
    if any(p is None for p in places[-1:]):
        return None
    pool = [p for p in places if p is not None and p.precision in fits]
    if not pool and kind != "admin1":
        pool = [p for p in places if p is not None and _local_enough(p)]
    if not pool:
        return None
    counts: dict[str, int] = {}
    for p in pool:
        counts[p.name] = counts.get(p.name, 0) + 1
    return max(reversed(pool), key=lambda p: counts[p.name])


def scene_mentions(doc, segment: str) -> list[PlaceMention]:
    """A segment's resolved place mentions that may set a story's scene: no dateline, no
    bearing ("7km southwest of Damascus"), no party ("the army of Damascus"), no provenance
    ("families from Homs")."""
    text = doc.segment_text(segment)
    starts = sorted(s.start for s in doc.sentences if s.segment == segment)
    parse = doc.parses.get(segment)
    mentions = [m for m in doc.places if m.segment == segment and m.place is not None]
    spans = [parse.char_span(m.start, m.end, alignment_mode="expand") if parse is not None else None
             for m in mentions]
    heads = {span.root.i for span in spans if span is not None}
    out = []
    for m, span in zip(mentions, spans):
        sentence_start = starts[max(0, bisect.bisect_right(starts, m.start) - 1)] if starts else 0
        tok = span.root if span is not None else None
        if is_dateline(m, text, sentence_start) or is_bearing(tok, lambda t: t.i in heads) \
                or (tok is not None and (_acting_party(tok, m) or _provenance(tok))):
            continue
        out.append(m)
    return out


def _provenance(tok) -> bool:
    """"displaced families from Palmyra and Homs", "a delegation from Moscow": where people
    come from is not where the story is."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ == "from" and tok.head.head.pos_ in ("NOUN", "PROPN")


def scene_before(ctx: SentenceContext, pos: int) -> list[PlaceMention]:
    """The literal scene places before a position, and this sentence's unresolved ones (an
    unknown place the word may point to); never a place only gone to."""
    scene = [m for m in scene_mentions(ctx.doc, ctx.sentence.segment) if m.literal and m.end <= pos]
    unknown = [m for m in ctx.places if m.place is None and m.end <= pos]
    return sorted((m for m in scene + unknown if not _sent_to(ctx.place_token(m))), key=lambda m: m.start)


def _sent_to(tok) -> bool:
    """A place named only as where people go ("withdraw towards the city of Jarabulus") is
    not where the story is set; one pushed "into" is."""
    cur = tok
    for _ in range(4):
        if cur is None or cur.pos_ in ("VERB", "AUX"):
            return False
        role = _prep_role(cur)
        if role is not None:
            return role == "destination" and cur.head.lower_ in SENT_TO
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


# Nouns whose "of" names who they belong to: "the army of Damascus", "the offensive of Ankara".
AGENT_NOUNS = frozenset({"army", "forces", "troops", "government", "regime", "offensive",
                         "ally", "allies", "authorities"})


def _acting_party(tok, m: PlaceMention) -> bool:
    """A place named as who acts stands for its people or government: "brokered by Russia",
    "the Damascus government and Russia implemented a ceasefire" (a country as subject);
    so does a capital or country one deals with or whose army acts ("settlements with
    Damascus", "the army of Damascus")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return True
    seat = m.place.precision == "country" or m.feature == "PPLC"
    if seat and tok.dep_ == "pobj" and (tok.head.lower_ == "with" or tok.head.lower_ == "of"
                                        and tok.head.head.lower_ in AGENT_NOUNS):
        return True
    return tok.dep_ == "nsubj" and m.place.precision == "country"


def _sets_the_scene(tok, span) -> bool:
    """"At Idlib, HTS is going after IS and preparing to face the offensive": a place in a
    phrase opening the sentence sets the scene of all its events, not only the first."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
        return False
    return all(t.is_punct or t.like_num or t.ent_type_ in ("DATE", "TIME")
               for t in span.doc[span.start:prep.i])


def _described_by(tok, trigger) -> bool:
    """The trigger tells of the noun that holds the place, in a clause describing it: "the
    villages of al-Foua and Kafraya, which are besieged by rebels"."""
    cur = trigger
    for _ in range(MAX_HOPS):
        if cur.dep_ == "relcl":
            noun = cur.head
            return tok in noun.subtree and tok not in cur.subtree
        if cur.head.i == cur.i or cur.pos_ == "VERB" and cur.dep_ not in ("xcomp", "conj", "auxpass"):
            return False
        cur = cur.head
    return False


# How telling a place's precision is: a town named beside a province or a country wins.
SPECIFICITY = {"point": 0, "town": 0, "district": 0, "admin1": 1, "region": 1, "country": 2}


def _specific_first(pool: list[PlaceRole]) -> list[PlaceRole]:
    """The most specific places first, in their order among equals (a stable sort); a place
    named only as a bearing comes after every other."""
    return sorted(pool, key=lambda r: (r.bearing, r.anaphor, SPECIFICITY.get(r.mention.place.precision or "", 1)))


def context_place(places: list[PlaceMention], segment: str, before: int) -> Place | None:
    """Where a story's later sentences ("the town", "the area") are set: the last local place
    the segment named before a position."""
    best = None
    for m in places:
        if m.segment == segment and m.literal and m.place is not None and m.end <= before \
                and _local_enough(m.place):
            best = m
    return best.place if best else None


def _local_enough(place: Place) -> bool:
    """A town, a province, or a region inside one province ("eastern Hama pocket"); not a
    country or a sweep across several ("northern Syria")."""
    if place.precision == "country":
        return False
    return place.precision != "region" or bool(place.admin1)


# After a dateline's place: an optional ", Country" or ", Kurdistan Region", then the dash,
# colon or agency parenthesis that opens the report.
DATELINE_TAIL = re.compile(r"(?:\s*,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})?\s*[-–—:(]")


def is_dateline(m: PlaceMention, text: str, sentence_start: int) -> bool:
    """"BEIRUT - ...", "ISTANBUL: ...", "ERBIL, Kurdistan Region - ...", "SANAA, Yemen (AP) -":
    the place a report was filed from, not where it happened."""
    if text[sentence_start:m.start].strip(" \n\t\"'“"):
        return False
    return DATELINE_TAIL.match(text, m.end) is not None


def is_movement(event_type: str, mode: str | None) -> bool:
    """Whether an event has an origin and a destination rather than a location."""
    if event_type == "CONCEDE":
        return mode == "allow"
    return event_type in MOVEMENT_TYPES and mode not in STAYING_MODES


def event_places(trigger, event_type: str, mode: str | None, ctx: SentenceContext,
                 others: frozenset[int] = frozenset()) -> tuple[Place | None, Place | None, Place | None]:
    """(location, origin, destination) for one trigger; `others` are the sentence's other
    trigger words, whose clauses' places are theirs."""
    roles = place_roles(trigger, ctx, others)
    if not roles:
        return None, None, None
    inside = sorted((r for r in roles if r.in_clause), key=lambda r: r.mention.start)
    movement = is_movement(event_type, mode)
    if not movement:
        # Else the nearest place no other event of the sentence owns ("the agreement will allow
        # them to go to Idlib": Idlib is the going's).
        outside = sorted((r for r in roles if not r.owned), key=lambda r: r.distance)
        pool = inside or outside
        if not pool:
            return None, None, None
        best = _specific_first(pool)[0]
        if best.mention.place.precision == "country":
            # "was due in Damascus ... to discuss a peace plan for Syria": a country is the
            # weakest word on where; a finer place of the sentence wins.
            finer = [r for r in _specific_first(outside) if not r.bearing
                     and r.mention.place.precision != "country"]
            best = finer[0] if finer else best
        return best.mention.place, None, None
    # A permission ("allowed them to withdraw to Idlib") shares the movement it allows.
    grants = event_type == "CONCEDE"
    pool = inside or sorted((r for r in roles if grants or not r.owned), key=lambda r: r.distance)
    if not pool and event_type == "RETREAT":
        # "The army took over Sinjar after the Peshmerga withdrew": what one side takes, the
        # other leaves.
        pool = sorted((r for r in roles if r.role != "destination"), key=lambda r: r.distance)[:1]
    pool = _specific_first(pool)
    origin = next((r.mention.place for r in pool if r.role == "origin"), None)
    destination = next((r.mention.place for r in pool if r.role == "destination"), None)
    location = None
    others = [r.mention.place for r in pool if r.role == "location"]
    if others:
        if origin is None and destination is None:
            # "fighters besieged in Yalda will withdraw": where the movers are is where they leave.
            origin = others[0] if event_type == "RETREAT" else None
            location = None if origin is not None else others[0]
        elif origin is None and event_type == "RETREAT":
            origin = others[0]
    return location, origin, destination
