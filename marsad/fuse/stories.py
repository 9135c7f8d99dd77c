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
from typing import Iterable

from marsad.fuse.compat import date_interval, parse_day, places_compatible
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


def _places_near(a: Incident, b: Incident, settings: FuseSettings) -> bool:
    near = FuseSettings(town_km=settings.story_km, district_km=settings.story_km,
                        admin1_km=settings.story_km * 2)
    return any(places_compatible(p, q, near) for p in _places(a) for q in _places(b))


def linked(a: Incident, b: Incident, settings: FuseSettings) -> bool:
    shared_actor = bool(_actors(a) & _actors(b))
    if set(a.doc_ids) & set(b.doc_ids):
        return shared_actor or _places_near(a, b, settings)
    da, db = _day(a, settings), _day(b, settings)
    return (shared_actor and da is not None and db is not None
            and abs(da - db) <= settings.story_days and _places_near(a, b, settings))


def _candidates(incidents: list[Incident], settings: FuseSettings) -> Iterable[tuple[int, int]]:
    """Pairs worth comparing: told by one document, or in neighbouring (time, place) cells."""
    keys: dict[object, list[int]] = defaultdict(list)
    for i, inc in enumerate(incidents):
        for doc in inc.doc_ids:
            keys[("doc", doc)].append(i)
        day = _day(inc, settings)
        if day is None:
            continue
        for p in _places(inc):
            if p.lat is not None and p.lon is not None:
                keys[(day // settings.story_days, int(p.lat // 1), int(p.lon // 1))].append(i)
    seen = set()
    for key, members in keys.items():
        near = [members]
        if key[0] != "doc":
            t, y, x = key
            near += [keys.get((t + dt, y + dy, x + dx), []) for dt in (0, 1) for dy in (-1, 0, 1)
                     for dx in (-1, 0, 1) if (dt, dy, dx) != (0, 0, 0)]
        for i in members:
            for group in near:
                for j in group:
                    pair = (min(i, j), max(i, j))
                    if i != j and pair not in seen:
                        seen.add(pair)
                        yield pair


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

    for i, j in _candidates(incidents, settings):
        if find(i) != find(j) and linked(incidents[i], incidents[j], settings):
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
