"""Which stored event records a query wants: one value object shared by the CLI
(`marsad events`, `marsad export`) and the HTTP API.

Every field is optional and the fields combine with AND. Text matches ignore case and
accents (`marsad.store.event_keys.fold`): `actor` is an actor id or a piece of the
actor's or the recipient's name; `place` is a piece of the name or admin1 of the
location, origin or destination, or their country code; `source` is a credited source's
id or a piece of its name. `since`/`until` bound the event's own date (ISO, at any
precision); a date given as a month or a year counts as its whole period, so "2018-05"
is inside `--since 2018-05-20`, and events with no date are left out whenever a bound is
given.

    EventFilter(type="retreat", place="Homs", since="2018-05")
"""
from __future__ import annotations

import re
from datetime import date
from dataclasses import dataclass, fields

from marsad.errors import UsageError
from marsad.records import EVENT_TYPES, SECTIONS, STATUSES

ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Sorts after every character of an ISO date, so "2018-05" + PERIOD_END is the upper end of May.
PERIOD_END = "~"


@dataclass(frozen=True)
class EventFilter:
    type: str | None = None
    actor: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None
    section: str | None = None
    status: str | None = None
    source: str | None = None
    doc_id: str | None = None

    def __post_init__(self):
        for f in fields(self):  # blank values (an empty query parameter) filter nothing
            value = getattr(self, f.name)
            if value is not None and not str(value).strip():
                object.__setattr__(self, f.name, None)
        for name, choices, case in (("type", EVENT_TYPES, str.upper),
                                    ("section", SECTIONS, str.lower),
                                    ("status", STATUSES, str.lower)):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, case(value.strip()))
                _check_choice(name, getattr(self, name), choices)
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not _is_iso_date(value):
                raise UsageError(f"--{name} must be YYYY-MM-DD, YYYY-MM or YYYY, not {value!r}")
        if self.since and self.until and self.since > self.until + PERIOD_END:
            raise UsageError(f"--since {self.since} is after --until {self.until}")

    def active(self) -> dict[str, str]:
        """The fields that filter something, by name."""
        return {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) is not None}


def _is_iso_date(value: str) -> bool:
    if not ISO_DATE.match(value):
        return False
    try:  # a real month and day, not only the shape of one
        date.fromisoformat((value + "-01-01")[:10])
    except ValueError:
        return False
    return True


def _check_choice(name: str, value: str | None, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise UsageError(f"--{name} must be one of {', '.join(choices)}, not {value!r}")

