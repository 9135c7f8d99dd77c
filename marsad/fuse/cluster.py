"""Grouping the event records of one block into incidents.

A block (`marsad.fuse.blocking`) holds records connected by possible matches; no
incident crosses blocks. Inside a block, records with a time are taken in a canonical
order (start of their time span, then content) and each joins the largest earlier
group whose every member it is compatible with (complete linkage: a month-long
campaign reported day by day does not chain into one incident), or starts a new one.
Only groups still open in time and near in place are tried. Records without any time
come last: each joins a group with a time only when exactly one fits it (an event of
unknown date that fits two events has nothing to choose between them), else the
largest group of timeless records it fits, else starts its own. The order is a
function of the records' content, so the result does not depend on the order
documents were ingested in.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from marsad.fuse.blocking import WIDE, near, place_cell
from marsad.fuse.compat import Interval, same_event, time_interval
from marsad.fuse.model import FuseSettings, Report
from marsad.records import to_dict


def content_key(report: Report) -> str:
    """The record's content without its ids, which depend on file names and, for a
    clashing name, on ingest order."""
    content = {k: v for k, v in to_dict(report.event).items() if k not in ("doc_id", "event_id")}
    return json.dumps(content, sort_keys=True, ensure_ascii=False)


@dataclass
class _Group:
    order: int
    members: list[tuple[Report, Interval | None]] = field(default_factory=list)
    end: int | None = None  # the last day of its members' spans; None while all are timeless

    def add(self, report: Report, interval: Interval | None) -> None:
        self.members.append((report, interval))
        if interval is not None:
            self.end = interval[1] if self.end is None else max(self.end, interval[1])

    def fits(self, report: Report, interval: Interval | None, settings: FuseSettings) -> bool:
        return all(same_event(report, m, interval, mi, settings) for m, mi in self.members)

    def rank(self) -> tuple[int, int]:
        return len(self.members), -self.order


def cluster_block(reports: list[Report], settings: FuseSettings,
                  keys: dict[int, str] | None = None) -> list[list[Report]]:
    """The incidents of one block, each a list of reports in canonical order. `keys`
    maps `id(report)` to its `content_key`, when the caller has them already."""
    keys = keys or {id(r): content_key(r) for r in reports}
    items = [(time_interval(r, settings), f"{keys[id(r)]}\x00{r.event.event_id}", r)
             for r in reports]
    groups: list[_Group] = []

    def start(report: Report, interval: Interval | None) -> _Group:
        groups.append(_Group(order=len(groups)))
        groups[-1].add(report, interval)
        return groups[-1]

    index: dict[tuple[int, int] | str, list[_Group]] = {}
    for interval, _, report in sorted((x for x in items if x[0] is not None),
                                      key=lambda x: (x[0][0], x[1])):
        cell = place_cell(report)
        best = None
        for c in (list(index) if cell == WIDE else near(cell) + [WIDE]):
            if c not in index:
                continue
            index[c] = [g for g in index[c] if g.end >= interval[0]]  # drop groups ended before
            for g in index[c]:
                if (best is None or g.rank() > best.rank()) and g.fits(report, interval, settings):
                    best = g
        if best is None:
            index.setdefault(cell, []).append(start(report, interval))
        else:
            best.add(report, interval)
    for _, _, report in sorted((x for x in items if x[0] is None), key=lambda x: x[1]):
        fits = [g for g in groups if g.fits(report, None, settings)]
        timed = [g for g in fits if g.end is not None]
        fits = timed if len(timed) == 1 else [g for g in fits if g.end is None]
        if fits:
            max(fits, key=_Group.rank).add(report, None)
        else:
            start(report, None)
    return [[m for m, _ in g.members] for g in groups]
