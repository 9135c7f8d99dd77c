"""Which incidents a query asks for (`marsad incidents --type ... --disputed`)."""
from __future__ import annotations

from marsad.fuse.model import Incident


def _names(inc: Incident) -> list[str]:
    return [x for a in (inc.actor, inc.recipient) if a for x in (a.id, a.name) if x]


def _place_names(inc: Incident) -> list[str]:
    return [x for p in (inc.location, inc.origin, inc.destination) if p
            for x in (p.name, p.admin1, p.country) if x]


def matches(inc: Incident, type: str | None = None, actor: str | None = None,
            place: str | None = None, since: str | None = None, until: str | None = None,
            section: str | None = None, status: str | None = None,
            disputed: bool = False) -> bool:
    """True when the incident passes every filter given. `actor` and `place` match any
    part of an actor id or name, or of a place, admin1 or country name (case-folded);
    `since`/`until` compare ISO dates at the precision given (an undated incident is
    dated by its first report)."""
    when = inc.date or inc.first_reported
    checks = (
        type is None or inc.type == type.upper(),
        section is None or inc.section == section,
        status is None or inc.status == status
        or any(b.value == status for b in inc.provenance.get("status", [])),
        actor is None or any(actor.casefold() in n.casefold() for n in _names(inc)),
        place is None or any(place.casefold() in n.casefold() for n in _place_names(inc)),
        since is None or (when is not None and when[:len(since)] >= since),
        until is None or (when is not None and when[:len(until)] <= until),
        not disputed or bool(inc.disputes),
    )
    return all(checks)
