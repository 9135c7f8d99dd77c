"""One incident from the reports grouped for it: merged fields with provenance,
disputes between sources, independent reports and confidence. Pure functions.

Every field keeps each value any record gives, with the sources, event ids and
documents behind it (`provenance`); the merged value is the one most independent
documents give. Where records credited to different sources give different values
the field becomes a dispute, listing every value instead of silently picking one.
"""
from __future__ import annotations

import hashlib
import re
from typing import Any, Callable

from marsad.fuse.cluster import content_key
from marsad.fuse.compat import places_compatible
from marsad.fuse.model import Backing, Dispute, FuseSettings, Incident, Report
from marsad.records import Quantity, to_dict

# Strongest first: what happened beats what was planned; a denial never hides a claim.
STATUS_STRENGTH = ("occurred", "failed", "planned", "denied")
# Status values that contradict a claim, rather than follow it in time (planned -> occurred).
CONTRADICTING = frozenset({"denied", "failed"})
PRECISION_ORDER = ("point", "town", "district", "admin1", "region", "country")
PLACE_FIELDS = ("location", "origin", "destination")
# Two counts of one thing agree when within this share of the larger.
QUANTITY_TOLERANCE = 0.15


def incident_id(reports: list[Report], keys: dict[int, str] | None = None) -> str:
    """Derived from the records' content and event ids (the incident lists both), so any
    ingest order gives the same id, and two incidents of records alike in all but their
    ids (one document telling one thing twice) never share one."""
    keys = keys or {id(r): content_key(r) for r in reports}
    digest = hashlib.sha1("\n".join(sorted(f"{keys[id(r)]}\x00{r.event.event_id}"
                                           for r in reports)).encode("utf-8"))
    return "inc-" + digest.hexdigest()[:12]


def credited_names(report: Report) -> list[str]:
    """The sources a record credits, else the outlet (or document) speaking itself."""
    names = [s.name for s in report.event.sources if s.name]
    return names or [report.outlet or report.doc_id]


def independent_reports(reports: list[Report]) -> int:
    """Documents that are not copies of one another: near-duplicates share a root,
    and syndicated copies share the wording of their evidence."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    by_text: dict[str, str] = {}
    for r in reports:
        find(r.root)
        for ev in r.event.evidence:
            text = re.sub(r"\W+", " ", (ev.text or "").casefold()).strip()
            if len(text) > 40:
                parent[find(r.root)] = find(by_text.setdefault(text, r.root))
    return len({find(r.root) for r in reports})


def _backings(reports: list[Report], value_of: Callable[[Report], Any],
              same: Callable[[Any, Any], bool]) -> list[Backing]:
    """The distinct values of a field, each with who gives it; most supported first."""
    out: list[Backing] = []
    for r in reports:
        value = value_of(r)
        if value is None:
            continue
        backing = next((b for b in out if same(b.value, value)), None)
        if backing is None:
            backing = Backing(value)
            out.append(backing)
        backing.sources = sorted(set(backing.sources) | set(credited_names(r)))
        backing.event_ids = sorted(set(backing.event_ids) | {r.event.event_id})
        backing.doc_ids = sorted(set(backing.doc_ids) | {r.doc_id})
    if len(out) < 2:  # most fields of most incidents: nothing to order (serialising is costly)
        return out
    return sorted(out, key=lambda b: (-len(b.doc_ids), -len(b.event_ids), str(to_dict(b.value))))


def _disputed(backings: list[Backing]) -> bool:
    """Different values given by different sources (one source wavering is no dispute)."""
    return len(backings) > 1 and len({tuple(b.sources) for b in backings}) > 1


def _actor_key(actor) -> str:
    return (actor.id or actor.name or "").casefold()


def _place_detail(place) -> int:
    return PRECISION_ORDER.index(place.precision) if place.precision in PRECISION_ORDER else 99


def _quantity_agrees(a: Quantity, b: Quantity) -> bool:
    if a.unit != b.unit or a.value is None or b.value is None:
        return a.unit == b.unit and a.value == b.value
    if a.low is not None and a.high is not None and a.low <= b.value <= a.high:
        return True
    if b.low is not None and b.high is not None and b.low <= a.value <= b.high:
        return True
    return abs(a.value - b.value) <= QUANTITY_TOLERANCE * max(abs(a.value), abs(b.value))


def _dates_agree(a: str, b: str) -> bool:
    """A coarser date holds a finer one ("2018-02" and "2018-02-09")."""
    return a.startswith(b) or b.startswith(a)


def field_backings(reports: list[Report], settings: FuseSettings) -> dict[str, list[Backing]]:
    """Every field's values with their support (quantities per unit)."""
    def places_agree(a, b):
        return places_compatible(a, b, settings)

    out = {
        "actor": _backings(reports, lambda r: r.event.actor,
                           lambda a, b: _actor_key(a) == _actor_key(b)),
        "recipient": _backings(reports, lambda r: r.event.recipient,
                               lambda a, b: _actor_key(a) == _actor_key(b)),
        **{f: _backings(reports, lambda r, f=f: getattr(r.event, f), places_agree)
           for f in PLACE_FIELDS},
        "date": _backings(reports, lambda r: r.event.date, _dates_agree),
        "status": _backings(reports, lambda r: r.event.status, lambda a, b: a == b),
        "mode": _backings(reports, lambda r: r.event.mode, lambda a, b: a == b),
        "fatalities": _backings(reports, lambda r: r.event.fatalities, lambda a, b: a == b),
    }
    units = sorted({q.unit for r in reports for q in r.event.quantities if q.unit})
    out["quantities"] = [b for unit in units for b in _backings(
        reports, lambda r, u=unit: next((q for q in r.event.quantities if q.unit == u), None),
        _quantity_agrees)]
    return out


def disputes(backings: dict[str, list[Backing]]) -> list[Dispute]:
    out = []
    for name in ("actor", "recipient", *PLACE_FIELDS, "date", "fatalities"):
        if _disputed(backings[name]):
            out.append(Dispute(name, backings[name]))
    by_unit: dict[str, list[Backing]] = {}
    for b in backings["quantities"]:
        by_unit.setdefault(b.value.unit, []).append(b)
    for unit in sorted(by_unit):
        if _disputed(by_unit[unit]):
            out.append(Dispute("quantities", by_unit[unit]))
    statuses = backings["status"]
    if {b.value for b in statuses} & CONTRADICTING and _disputed(statuses):
        out.append(Dispute("status", statuses))
    return out


def _top(backings: list[Backing]):
    return backings[0].value if backings else None


def _top_place(backings: list[Backing], reports: list[Report], name: str, settings: FuseSettings):
    """The most detailed place among those agreeing with the best supported one."""
    if not backings:
        return None
    top = backings[0].value
    agreeing = [getattr(r.event, name) for r in reports if getattr(r.event, name) is not None
                and places_compatible(top, getattr(r.event, name), settings)]
    return min(agreeing or [top], key=_place_detail)  # a place without usable coordinates agrees with none


def build_incident(reports: list[Report], block: str, settings: FuseSettings,
                   keys: dict[int, str] | None = None) -> Incident:
    """The merged view of the reports of one incident (`keys` as for `incident_id`)."""
    backings = field_backings(reports, settings)
    statuses = {r.event.status for r in reports}
    n_reports = independent_reports(reports)
    published = sorted({r.published[:10] for r in reports if r.published})
    quantities = []
    for b in backings["quantities"]:
        if all(q.unit != b.value.unit for q in quantities):
            quantities.append(b.value)
    best = max((r.event.confidence or 0.0) for r in reports)
    confidence = 1 - (1 - min(best, 1.0)) * (1 - settings.corroboration) ** (n_reports - 1)
    fatalities = [b.value for b in backings["fatalities"]]
    return Incident(
        incident_id=incident_id(reports, keys), type=reports[0].event.type,
        section=reports[0].event.section, mode=_top(backings["mode"]),
        actor=_top(backings["actor"]), recipient=_top(backings["recipient"]),
        **{f: _top_place(backings[f], reports, f, settings) for f in PLACE_FIELDS},
        date=_top(backings["date"]), quantities=quantities,
        fatalities=min(fatalities) if fatalities else None,
        status=next((s for s in STATUS_STRENGTH if s in statuses), "occurred"),
        event_ids=sorted(r.event.event_id for r in reports),
        doc_ids=sorted({r.doc_id for r in reports}), n_reports=n_reports,
        outlets=sorted({r.outlet for r in reports if r.outlet}),
        sources=sorted({n for r in reports for n in credited_names(r)}),
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        confidence=round(confidence, 3), disputes=disputes(backings),
        provenance={k: v for k, v in backings.items() if v}, block=block)
