"""Stories: the incidents of one deal or campaign, linked and put in order.

Two incidents belong to one story when one document tells both and they share an
actor or a place, or when, told apart, they share an actor, lie close in place
(any of their places) and close in time. Links chain (a deal -> the evacuation ->
the arrival at the destination, far from the origin), so a story is a connected
group. Candidate pairs come from the documents and from (time bucket, place cell)
keys, never from all pairs. Each story lists its incidents by time, and on the same
day by where a deal's sequence puts their type (talks, deal, passage, departure,
arrival, reactions).
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from marsad.fuse.compat import date_interval, located, parse_day, places_compatible
from marsad.fuse.model import FuseSettings, Incident, Story
from marsad.records import Place

# Where a type usually falls in a deal's sequence; types not listed come after.
SEQUENCE = ("CONSULT", "AGREE", "CONCEDE", "RETREAT", "MOBILIZE", "ASSAULT", "COERCE")


def _places(inc: Incident) -> list[Place]:
    return [p for p in (inc.location, inc.origin, inc.destination) if p is not None]


def _actors(inc: Incident) -> set[str]:
    return {(a.id or a.name or "").casefold() for a in (inc.actor, inc.recipient) if a} - {""}


def _day(inc: Incident, settings: FuseSettings) -> int | None:
    """A day to place the incident in time: its own date, else its first report."""
    interval = date_interval(inc.date, settings)
    if interval is not None:
        return (interval[0] + interval[1]) // 2
    first = parse_day(inc.first_reported)
    return first[0].toordinal() if first else None


@dataclass(frozen=True)
class _Facts:
    """What linking compares, computed once per incident."""
    docs: frozenset[str]
    actors: frozenset[str]
    places: tuple[Place, ...]
    day: int | None


def _facts(inc: Incident, settings: FuseSettings) -> _Facts:
    return _Facts(frozenset(inc.doc_ids), frozenset(_actors(inc)), tuple(_places(inc)),
                  _day(inc, settings))


def _places_near(a: _Facts, b: _Facts, near: FuseSettings) -> bool:
    return any(places_compatible(p, q, near) for p in a.places for q in b.places)


def linked(a: _Facts, b: _Facts, settings: FuseSettings) -> bool:
    near = FuseSettings(town_km=settings.story_km, district_km=settings.story_km,
                        admin1_km=settings.story_km * 2)
    shared_actor = bool(a.actors & b.actors)
    if a.docs & b.docs:  # one report tells both: near places, or a shared actor where one has none
        placeless = not (a.places and b.places)
        return _places_near(a, b, near) or (placeless and shared_actor)
    return (shared_actor and a.day is not None and b.day is not None
            and abs(a.day - b.day) <= settings.story_days and _places_near(a, b, near))


# Neighbouring (time, lat, lon) cells, each pair of cells once: the cell itself is
# handled apart, and of two opposite offsets only the later one is kept.
_HALF = tuple((dt, dy, dx) for dt in (0, 1) for dy in (-1, 0, 1) for dx in (-1, 0, 1)
              if (dt, dy, dx) > (0, 0, 0))
# The width in days of the time buckets in the store's story keys: fixed, so the keys
# stay valid whatever `story_days` a later run uses (a lookup spans enough of them).
KEY_DAYS = 7


def _cells(f: _Facts) -> set[tuple[int, int]]:
    return {(int(p.lat // 1), int(p.lon // 1)) for p in f.places if located(p)}


def _candidates(facts: list[_Facts], settings: FuseSettings) -> Iterable[tuple[int, int]]:
    """Pairs worth comparing: told by one document, or sharing an actor in neighbouring
    (time, place) cells. A pair may come more than once (two shared keys)."""
    keys: dict[object, list[int]] = defaultdict(list)
    for i, f in enumerate(facts):
        for doc in f.docs:
            keys[("doc", doc)].append(i)
        if f.day is None:
            continue
        for actor in f.actors:  # told apart, linked incidents share an actor
            for y, x in _cells(f):
                keys[(actor, f.day // settings.story_days, y, x)].append(i)
    for key, members in keys.items():
        for n, i in enumerate(members):
            for j in members[n + 1:]:
                yield i, j
        if key[0] != "doc":
            actor, t, y, x = key
            for dt, dy, dx in _HALF:
                for j in keys.get((actor, t + dt, y + dy, x + dx), ()):
                    for i in members:
                        yield i, j


def story_keys(inc: Incident, settings: FuseSettings) -> list[str]:
    """The keys the store files an incident under for `story_lookup_keys`: `d:` each of
    its documents, and `a:` (a KEY_DAYS bucket of its day, its one-degree cells, each
    actor) when it has a day, as `_candidates` pairs incidents."""
    f = _facts(inc, settings)
    keys = [f"d:{doc}" for doc in sorted(f.docs)]
    if f.day is not None:
        keys += [f"a:{f.day // KEY_DAYS}:{y}:{x}:{actor}"
                 for actor in sorted(f.actors) for y, x in sorted(_cells(f))]
    return keys


def story_lookup_keys(inc: Incident, settings: FuseSettings) -> list[str]:
    """The story keys of every incident `_candidates` can pair with this one (and a few
    more): its documents, and its actors in the story_days buckets before, at and after
    its own, in its cells and the eight around each."""
    f = _facts(inc, settings)
    keys = [f"d:{doc}" for doc in sorted(f.docs)]
    if f.day is not None:
        t = f.day // settings.story_days
        weeks = range((t - 1) * settings.story_days // KEY_DAYS,
                      ((t + 2) * settings.story_days - 1) // KEY_DAYS + 1)
        keys += [f"a:{w}:{y + dy}:{x + dx}:{actor}" for actor in sorted(f.actors)
                 for y, x in sorted(_cells(f)) for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                 for w in weeks]
    return keys


def linked_to(seeds: list[Incident], others: list[Incident],
              settings: FuseSettings) -> list[Incident]:
    """The incidents of `others` that a seed links to (`build_stories` would join them)."""
    facts = [_facts(inc, settings) for inc in seeds + others]
    n = len(seeds)
    hit: set[int] = set()
    for i, j in _candidates(facts, settings):
        i, j = min(i, j), max(i, j)
        if i < n <= j and j not in hit and linked(facts[i], facts[j], settings):
            hit.add(j)
    return [others[j - n] for j in sorted(hit)]


def story_id(incident_ids: list[str]) -> str:
    return "story-" + hashlib.sha1("\n".join(sorted(incident_ids)).encode()).hexdigest()[:12]


def build_stories(incidents: list[Incident], settings: FuseSettings) -> list[Story]:
    """Group incidents into stories and set each incident's `story_id`."""
    incidents = sorted(incidents, key=lambda inc: inc.incident_id)
    parent = list(range(len(incidents)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    facts = [_facts(inc, settings) for inc in incidents]
    for i, j in _candidates(facts, settings):
        if find(i) != find(j) and linked(facts[i], facts[j], settings):
            parent[max(find(i), find(j))] = min(find(i), find(j))
    groups: dict[int, list[Incident]] = defaultdict(list)
    for i, inc in enumerate(incidents):
        groups[find(i)].append(inc)

    def order(inc: Incident):
        day = _day(inc, settings)
        rank = SEQUENCE.index(inc.type) if inc.type in SEQUENCE else len(SEQUENCE)
        return (day is None, day or 0, rank, inc.incident_id)

    stories = []
    for members in groups.values():
        members.sort(key=order)
        sid = story_id([m.incident_id for m in members])
        for m in members:
            m.story_id = sid
        dates = sorted(d for d in (m.date for m in members) if d)
        stories.append(Story(sid, [m.incident_id for m in members], [m.type for m in members],
                             dates[0] if dates else None, dates[-1] if dates else None))
    return sorted(stories, key=lambda s: s.story_id)
