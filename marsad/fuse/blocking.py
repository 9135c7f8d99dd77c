"""Which records can meet: candidate pairs, and the blocks they connect.

Two records of one kind (type and section) are worth comparing when their time spans
overlap (a day ± slack, a month, the days before publication: `compat.time_interval`).
A record with no time at all, or only a year (`compat.vague`), matches another
document's record only at the same town (`compat.undated_match`), so it is compared
only with the records at a town in its small grid cell or the eight around it, and
with the rest of its own document. A **block** is a connected group of records under
`compat.same_event`: no incident can hold records of two blocks, since every member of
an incident matches every other. So clustering block by block gives what clustering
everything at once gives, and a new record re-clusters only the blocks of the records
it matches.

Candidates for records with a time come from a sweep over their spans (only records
whose span is still open, in the record's one-degree place cell and the eight around
it, or all open ones for a record without a precise place): never from all pairs. The
store files each record under `index_keys` (the months its span touches, its town's
cell) and finds a new record's candidates by its `lookup_keys`.
"""
from __future__ import annotations

from datetime import date
from typing import Iterable, Iterator

from marsad.fuse.compat import (COARSE, Interval, anchor, located, precise_anchor,
                                same_event, time_interval, vague)
from marsad.fuse.model import FuseSettings, Report

WIDE = "wide"  # the cell of records without a precise place: compared with every open record
# The side of a town cell, in degrees, while `timeless_km` is at most 3 km: 0.1 degree of
# longitude is still 3.8 km at 70 degrees of latitude, so one town lies in neighbouring cells.
TOWN_CELL_DEGREES = 0.1
Cell = tuple[int, int]


def kind(report: Report) -> str:
    """`TYPE|section`: records of different kinds never share an incident."""
    return f"{report.event.type}|{report.event.section}"


def place_cell(report: Report) -> Cell | str:
    """A one-degree grid cell for a place finer than admin1; WIDE for none or a coarse one."""
    p = anchor(report)
    if not located(p) or p.precision in COARSE:
        return WIDE
    return int(p.lat // 1), int(p.lon // 1)


def near(cell: Cell | str) -> list[Cell]:
    """The cell and the eight around it (places within 50 km lie in these)."""
    if cell == WIDE:
        return []
    return [(cell[0] + i, cell[1] + j) for i in (-1, 0, 1) for j in (-1, 0, 1)]


def town_cell(report: Report, settings: FuseSettings) -> Cell | None:
    """A small grid cell of the record's town-precise place (None without one): records
    without a usable time meet only at the same town (`compat.undated_match`)."""
    p = precise_anchor(report)
    if p is None:
        return None
    side = TOWN_CELL_DEGREES * max(1.0, settings.timeless_km / 3)
    return int(p.lat // side), int(p.lon // side)


def months(interval: Interval) -> list[str]:
    """`YYYY-MM` of every month a time span touches (inside the calendar: day slack
    around 1 January of year 1 or 31 December 9999 falls outside it)."""
    first = date.fromordinal(max(interval[0], 1))
    last = date.fromordinal(min(interval[1], date.max.toordinal()))
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def index_keys(report: Report, settings: FuseSettings) -> list[str]:
    """The keys a stored record is filed under: `m:` each month of its time span (for a
    record with a usable time), `p:` its town's cell, and `u:` that cell again for a
    record without a usable time."""
    interval = time_interval(report, settings)
    keys = [] if vague(interval) else [f"m:{m}" for m in months(interval)]
    cell = town_cell(report, settings)
    if cell is not None:
        keys.append(f"p:{cell[0]}:{cell[1]}")
        if vague(interval):
            keys.append(f"u:{cell[0]}:{cell[1]}")
    return keys


def lookup_keys(report: Report, settings: FuseSettings) -> list[str]:
    """The keys of every stored record this one can match (and more): records sharing
    a month of its span, and those without a usable time at its town; for a record
    without a usable time, any record at its town."""
    interval = time_interval(report, settings)
    cell = town_cell(report, settings)
    cells = near(cell) if cell is not None else []
    if vague(interval):
        return [f"p:{y}:{x}" for y, x in cells]
    return [f"m:{m}" for m in months(interval)] + [f"u:{y}:{x}" for y, x in cells]


def candidate_pairs(items: list[tuple[Interval | None, Report]],
                    settings: FuseSettings) -> Iterator[tuple[int, int]]:
    """Index pairs of records (of one kind) worth comparing; a pair may come twice."""
    timed = sorted((i for i, (t, _) in enumerate(items) if not vague(t)),
                   key=lambda i: items[i][0][0])
    open_by_cell: dict[Cell | str, list[int]] = {}
    for i in timed:
        start, cell = items[i][0][0], place_cell(items[i][1])
        for c in (list(open_by_cell) if cell == WIDE else near(cell) + [WIDE]):
            if c not in open_by_cell:
                continue
            still = [j for j in open_by_cell[c] if items[j][0][1] >= start]
            if still:
                open_by_cell[c] = still
                yield from ((j, i) for j in still)
            else:
                del open_by_cell[c]
        open_by_cell.setdefault(cell, []).append(i)
    by_town: dict[Cell, list[int]] = {}
    by_doc: dict[str, list[int]] = {}
    for i, (_, report) in enumerate(items):
        cell = town_cell(report, settings)
        if cell is not None:
            by_town.setdefault(cell, []).append(i)
        by_doc.setdefault(report.doc_id, []).append(i)
    for i, (interval, report) in enumerate(items):
        if not vague(interval):
            continue
        cell = town_cell(report, settings)
        for j in [j for c in (near(cell) if cell else ()) for j in by_town.get(c, ())] \
                + by_doc[report.doc_id]:
            if j != i:
                yield j, i


def blocks_of(reports: Iterable[Report], settings: FuseSettings) -> list[list[Report]]:
    """The blocks (connected groups under `same_event`) of the reports."""
    by_kind: dict[str, list[Report]] = {}
    for r in reports:
        by_kind.setdefault(kind(r), []).append(r)
    out = []
    for members in by_kind.values():
        items = [(time_interval(r, settings), r) for r in members]
        parent = list(range(len(items)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i, j in candidate_pairs(items, settings):
            ri, rj = find(i), find(j)
            if ri != rj and same_event(items[i][1], items[j][1], items[i][0], items[j][0],
                                       settings):
                parent[max(ri, rj)] = min(ri, rj)
        groups: dict[int, list[Report]] = {}
        for i, (_, r) in enumerate(items):
            groups.setdefault(find(i), []).append(r)
        out += groups.values()
    return out
