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

import re
from dataclasses import dataclass

from marsad.document import PlaceMention
from marsad.events.context import SentenceContext
from marsad.events.lexicon import compass_words, cues
from marsad.records import Place

ORIGIN_PREPS = frozenset({"from", "out"})
DESTINATION_PREPS = frozenset({"to", "towards", "toward", "into", "for", "onto"})
# Verbs whose direct object is the place left behind.
LEAVE_VERBS = frozenset({"leave", "evacuate", "exit", "abandon", "flee", "vacate", "quit"})
MOVEMENT_TYPES = frozenset({"RETREAT", "MOBILIZE"})
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
    text = ctx.span.doc.text
    heads = {t.i for t in (ctx.place_token(m) for m in ctx.places if m.place is not None) if t is not None}
    for m in ctx.places:
        if m.place is None or is_dateline(m, text, ctx.sentence.start):
            continue
        tok = ctx.place_token(m)
        if tok is None or _acting_party(tok, m.place) or _where_told(tok, trigger):
            continue
        role, in_clause, owned = _role_on_path(tok, trigger, others)
        out.append(PlaceRole(m, role, in_clause, owned, abs(tok.i - trigger.i),
                           is_bearing(tok, lambda t: t.i in heads)))
    return out


def _acting_party(tok, place: Place) -> bool:
    """A place named as who acts stands for its people or government: "brokered by Russia",
    "the Damascus government and Russia implemented a ceasefire" (a country as subject)."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return True
    return tok.dep_ == "nsubj" and place.precision == "country"


# How telling a place's precision is: a town named beside a province or a country wins.
SPECIFICITY = {"point": 0, "town": 0, "district": 0, "admin1": 1, "region": 1, "country": 2}


def _specific_first(pool: list[PlaceRole]) -> list[PlaceRole]:
    """The most specific places first, in their order among equals (a stable sort); a place
    named only as a bearing comes after every other."""
    return sorted(pool, key=lambda r: (r.bearing, SPECIFICITY.get(r.mention.place.precision or "", 1)))


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


def event_places(trigger, event_type: str, mode: str | None, ctx: SentenceContext,
                 others: frozenset[int] = frozenset()) -> tuple[Place | None, Place | None, Place | None]:
    """(location, origin, destination) for one trigger; `others` are the sentence's other
    trigger words, whose clauses' places are theirs."""
    roles = place_roles(trigger, ctx, others)
    if not roles:
        return None, None, None
    inside = sorted((r for r in roles if r.in_clause), key=lambda r: r.mention.start)
    movement = event_type in MOVEMENT_TYPES or (event_type == "CONCEDE" and mode == "allow")
    if not movement:
        # Else the nearest place no other event of the sentence owns ("the agreement will allow
        # them to go to Idlib": Idlib is the going's).
        outside = sorted((r for r in roles if not r.owned), key=lambda r: r.distance)
        pool = inside or outside
        if not pool:
            return None, None, None
        return _specific_first(pool)[0].mention.place, None, None
    # A permission ("allowed them to withdraw to Idlib") shares the movement it allows.
    grants = event_type == "CONCEDE"
    pool = _specific_first(inside or sorted((r for r in roles if grants or not r.owned),
                                            key=lambda r: r.distance))
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
