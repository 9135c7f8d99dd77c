"""Grouping event records into incidents, block by block.

A block holds the records of one type and section whose time falls in one quarter
(records without any time form a block of their own per type). Blocks never share an
incident, so fusing a new document re-clusters only the blocks it touches, and the
cost grows with the records per block, not with all pairs.

Inside a block, records are taken in a canonical order (time, then content) and each
joins the largest earlier group whose every member it is compatible with (complete
linkage: a month-long campaign reported day by day does not chain into one incident),
or starts a new one. Only groups still open in time and near in place are tried. The
order is a function of the records' content, so the result does not depend on the
order documents were ingested in.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from marsad.fuse.compat import COARSE, Interval, anchor, same_event, time_interval
from marsad.fuse.model import FuseSettings, Report
from marsad.records import to_dict

UNDATED = "undated"
WIDE = "wide"  # the index cell of groups without a precise place: tried by every record


def block_key(report: Report, interval: Interval | None) -> str:
    """`TYPE|section|2018Q1` (the quarter of the middle of the record's time)."""
    e = report.event
    if interval is None:
        bucket = UNDATED
    else:
        middle = date.fromordinal((interval[0] + interval[1]) // 2)
        bucket = f"{middle.year}Q{(middle.month - 1) // 3 + 1}"
    return f"{e.type}|{e.section}|{bucket}"


def content_key(report: Report) -> str:
    """The record's content without its ids, which depend on file names and, for a
    clashing name, on ingest order."""
    content = {k: v for k, v in to_dict(report.event).items() if k not in ("doc_id", "event_id")}
    return json.dumps(content, sort_keys=True, ensure_ascii=False)


def place_cell(report: Report) -> tuple[int, int] | str:
    """A one-degree grid cell for a precise place; WIDE for none or a coarse one."""
    p = anchor(report)
    if p is None or p.lat is None or p.lon is None or p.precision in COARSE:
        return WIDE
    return int(p.lat // 1), int(p.lon // 1)


def _near(cell: tuple[int, int] | str) -> list[tuple[int, int] | str]:
    if cell == WIDE:
        return []
    return [(cell[0] + i, cell[1] + j) for i in (-1, 0, 1) for j in (-1, 0, 1)]


@dataclass
class _Group:
    order: int
    members: list[tuple[Report, Interval | None]] = field(default_factory=list)
    end: int | None = None

    def add(self, report: Report, interval: Interval | None) -> None:
        self.members.append((report, interval))
        if interval is not None:
            self.end = interval[1] if self.end is None else max(self.end, interval[1])


def group_by_block(reports: Iterable[Report], settings: FuseSettings) -> dict[str, list[Report]]:
    blocks: dict[str, list[Report]] = {}
    for r in reports:
        blocks.setdefault(block_key(r, time_interval(r, settings)), []).append(r)
    return blocks


def cluster_block(reports: list[Report], settings: FuseSettings,
                  keys: dict[int, str] | None = None) -> list[list[Report]]:
    """The incidents of one block, each a list of reports in canonical order. `keys`
    maps `id(report)` to its `content_key`, when the caller has them already."""
    keys = keys or {id(r): content_key(r) for r in reports}
    items = sorted(((time_interval(r, settings), f"{keys[id(r)]}\x00{r.event.event_id}", r)
                    for r in reports), key=lambda x: ((x[0] or (0, 0))[0], x[1]))
    index: dict[tuple[int, int] | str, list[_Group]] = {}
    groups: list[_Group] = []
    for interval, _, report in items:
        cell = place_cell(report)
        cells = list(index) if cell == WIDE else _near(cell) + [WIDE]
        best = None
        for c in cells:
            if interval is not None and c in index:  # drop groups that ended before now
                index[c] = [g for g in index[c] if g.end is None or g.end >= interval[0]]
            for g in index.get(c, ()):
                if (best is None or (len(g.members), -g.order) > (len(best.members), -best.order)) \
                        and all(same_event(report, m, interval, mi, settings) for m, mi in g.members):
                    best = g
        if best is None:
            best = _Group(order=len(groups))
            groups.append(best)
            index.setdefault(cell, []).append(best)
        best.add(report, interval)
    return [[m for m, _ in g.members] for g in groups]
