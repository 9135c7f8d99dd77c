"""One record per real event per document (EVENTS.md section 7.1).

Sentences that retell an event ("the deal", "the convoy", a later paragraph) join
the record told first when nothing they say contradicts it: same type and
section, compatible actors, places within reach, dates that agree. Versions
credited to different sources that disagree on a number stay separate records,
and a comment's claims never join the article's or another comment's.
"""
from __future__ import annotations

import math
import re

from marsad.events.candidate import Candidate
from marsad.events.status import DENIED, FAILED
from marsad.records import Actor, Place

PLACE_KM = 40.0
WIDE = frozenset({"admin1", "region", "country"})
# Types where one document usually tells one instance (a deal, a truce, talks).
SINGULAR_TYPES = frozenset({"AGREE", "CONSULT"})
STOP_WORDS = frozenset({"the", "of", "and", "al", "el", "a", "an"})


def _tokens(s: str | None) -> set[str]:
    return set(re.findall(r"[^\W_]+", (s or "").lower())) - STOP_WORDS


def same_actor(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return False
    if a.id and b.id:
        return a.id == b.id
    return names_overlap(a.name, b.name)


def names_overlap(a: str | None, b: str | None) -> bool:
    """Do two phrases share at least half the words of the shorter one?"""
    ta, tb = _tokens(a), _tokens(b)
    return bool(ta and tb) and len(ta & tb) / min(len(ta), len(tb)) >= 0.5


def _km(a: Place, b: Place) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def same_place(a: Place, b: Place) -> bool:
    if a.geonameid and a.geonameid == b.geonameid:
        return True
    if None not in (a.lat, a.lon, b.lat, b.lon) and _km(a, b) <= PLACE_KM:
        return True
    if a.precision in WIDE and b.precision in WIDE and a.admin1 and a.admin1 == b.admin1:
        return True
    return bool(_tokens(a.name) & _tokens(b.name)) and (a.lat is None or b.lat is None)


def _places_agree(a: Candidate, b: Candidate) -> bool:
    """No role (location, origin, destination) names two places apart; a shared place is
    agreement enough when the roles differ ("left Hama" / "reached Idlib from Hama")."""
    pa, pb = a.places(), b.places()
    if not pa or not pb or any(same_place(x, y) for x in pa for y in pb):
        return True
    for role in ("location", "origin", "destination"):
        x, y = getattr(a, role), getattr(b, role)
        if x is not None and y is not None:
            return False
    return True


def _numbers_disagree(a: Candidate, b: Candidate) -> bool:
    mine = {q.unit: q.value for q in a.quantities}
    return any(q.unit in mine and mine[q.unit] != q.value for q in b.quantities)


def _dates_agree(a: Candidate, b: Candidate) -> bool:
    if not a.date or not b.date:
        return True
    n = min(len(a.date), len(b.date))
    return a.date[:n] == b.date[:n]


def _modes_agree(a: Candidate, b: Candidate) -> bool:
    """Fire from afar (air, artillery, bombs) may be told in several words; a clash on the ground
    is another event than the shelling told in the next sentence."""
    generic = (None, "other")
    return a.mode == b.mode or a.mode in generic or b.mode in generic or \
        {a.mode, b.mode} <= {"airstrike", "shelling", "bombing"} or \
        {a.mode, b.mode} == {"deal", "truce"}    # "the ceasefire" / "the agreements signed": one deal


def retells(first: Candidate, later: Candidate) -> bool:
    """Does `later` tell the event of `first` again?"""
    if first.type != later.type or first.section != later.section or later.another:
        return False
    if first.section == "comment" and first.segment != later.segment:
        return False
    if not (_modes_agree(first, later) and _places_agree(first, later) and _dates_agree(first, later)):
        return False
    if _numbers_disagree(first, later):
        return False  # another count is another event, or another source's version (section 7.1)
    if first.actor is not None and later.actor is not None:
        if not same_actor(first.actor, later.actor):
            return False
        return True
    # One side names no actor: a retelling only if it points back or shares a place, or counts
    # the victims of the attack told last ("two fighters were killed").
    if later.anaphoric or later.toll or first.type in SINGULAR_TYPES or first.sentence_start == later.sentence_start:
        return True
    return bool(first.places() and later.places())


def absorb(into: Candidate, other: Candidate) -> None:
    """Fold a retelling into the first telling: fill gaps, add evidence and sources."""
    # A passing mention ("under the deal, ... on Friday") tells its own clause's date, not the deal's.
    fields = ("actor", "recipient", "location", "origin", "destination") if other.reference else \
        ("actor", "recipient", "location", "origin", "destination", "date", "date_text")
    for f in fields:
        if getattr(into, f) is None and getattr(other, f) is not None:
            setattr(into, f, getattr(other, f))
    if into.mode in (None, "other") and other.mode not in (None, "other"):
        into.mode = other.mode
    if other.status in (FAILED, DENIED) and same_actor(into.actor, other.actor):
        into.status = other.status  # "ISIS members are not going to withdraw" after the plan
    texts = {e.text for e in into.evidence}
    into.evidence += [e for e in other.evidence if e.text not in texts]
    if not other.reference:     # a passing mention ("blamed the sides of the deal") credits nobody for the deal
        names = {(s.id or s.name) for s in into.sources}
        into.sources += [s for s in other.sources if (s.id or s.name) not in names]
    if into.confirmed is None:
        into.confirmed = other.confirmed
    known = {q.unit for q in into.quantities}
    into.quantities += [q for q in other.quantities if q.unit not in known]
    into.weight = min(1.0, max(into.weight, other.weight) + 0.05)


def merge(candidates: list[Candidate]) -> list[Candidate]:
    """Candidates in text order -> one per real event, in order of first telling."""
    out: list[Candidate] = []
    for cand in candidates:
        target = next((c for c in reversed(out) if retells(c, cand)), None)
        if target is None:
            if not cand.reference:
                out.append(cand)
        else:
            absorb(target, cand)
    return out
