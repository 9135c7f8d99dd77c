"""The `acled-csv` format: one row per event in ACLED's columns and conventions
(shared/research/anchors.md section 1; docs/export.md says what is lossy).

Events whose type has no ACLED equivalent (statements, `acled` null) are skipped
unless `ctx.keep_all`; the count goes to the report's notes."""
from __future__ import annotations

import functools
from typing import IO, Iterable

from marsad.data import load_tsv
from marsad.export.base import ExportContext, ExportReport, country_info, main_place
from marsad.export.flat import LIST_SEPARATOR, write_csv_rows
from marsad.records import Actor, EventRecord

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
           "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
           "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
           "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
           "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp")
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Riots": "Political violence",
            "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}
# ACLED's eight actor categories (Inter) for Marsad's actor kinds; "other" has none.
INTER = {"state_forces": "State forces", "government": "State forces",
         "armed_group": "Rebel group", "civilians": "Civilians", "media": "Civilians",
         "foreign_state": "External/Other forces", "international_org": "External/Other forces"}
# geo_precision: 1 a named town, 2 part of a region or near a town, 3 a larger region.
GEO_PRECISION = {"point": 1, "town": 1, "district": 2, "region": 2, "admin1": 3}
# ACLED codes a month known only as a month to its middle (time_precision 3).
MID_MONTH = "15"


def acled_rows(events: Iterable[EventRecord], ctx: ExportContext, report: ExportReport):
    skipped = 0
    for event in events:
        if event.acled is None and not ctx.keep_all:
            skipped += 1
            continue
        yield acled_row(event, ctx)
    if skipped:
        report.notes.append(f"{skipped} event(s) with no ACLED type (statements) skipped;"
                            " --all keeps them")


def acled_row(event: EventRecord, ctx: ExportContext) -> dict:
    event_date, time_precision = _acled_date(event.date)
    _, place = main_place(event)
    country = country_info(place.country if place else None)
    inter1, inter2 = _inter(event.actor), _inter(event.recipient)
    event_type = event.acled.event_type if event.acled else None
    doc = ctx.document(event.doc_id)
    return {
        "event_id_cnty": event.event_id, "event_date": event_date,
        "year": event.date[:4] if event.date else None, "time_precision": time_precision,
        "disorder_type": DISORDER.get(event_type), "event_type": event_type,
        "sub_event_type": event.acled.sub_event_type if event.acled else None,
        "actor1": actor_name(event.actor, country.get("name")), "assoc_actor_1": None,
        "inter1": inter1,
        "actor2": actor_name(event.recipient, country.get("name")), "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == "Civilians"
        and DISORDER.get(event_type) == "Political violence" else None,
        "iso": country.get("isonumeric"), "region": None, "country": country.get("name"),
        "admin1": place and place.admin1, "admin2": None, "admin3": None,
        "location": place and place.name,
        "latitude": _coord(place and place.lat), "longitude": _coord(place and place.lon),
        "geo_precision": GEO_PRECISION.get(place.precision) if place else None,
        "source": LIST_SEPARATOR.join(_sources(event, doc.outlet if doc else None)) or None,
        "source_scale": None,
        "notes": " ".join(event.evidence[0].text.split()) if event.evidence else None,
        "fatalities": event.fatalities or 0,
        "tags": LIST_SEPARATOR.join(_tags(event)) or None,
        "timestamp": int(ctx.now.timestamp()),
    }


def _acled_date(date: str | None) -> tuple[str | None, int | None]:
    """(event_date, time_precision): a day is 1; a month is its middle, 3; a year alone
    or no date is no ACLED date."""
    if date and len(date) == 10:
        return date, 1
    if date and len(date) == 7:
        return f"{date}-{MID_MONTH}", 3
    return None, None


@functools.lru_cache(maxsize=1)
def _actor_names() -> dict[str, str]:
    return {row["id"]: row["name"] for row in load_tsv("actors.tsv")}


def actor_name(actor: Actor | None, country: str | None = None) -> str | None:
    """The registry's name for a known actor, else the words of the text; civilians
    are "Civilians (Country)", as ACLED names them."""
    if actor is None:
        return None
    if actor.kind == "civilians":
        return f"Civilians ({country})" if country else "Civilians"
    return _actor_names().get(actor.id or "", actor.name)


def _inter(actor: Actor | None) -> str | None:
    return INTER.get(actor.kind) if actor else None


def _interaction(inter1: str | None, inter2: str | None) -> str | None:
    if inter1 and inter2:
        return f"{inter1}-{inter2}"
    return f"{inter1 or inter2} only" if inter1 or inter2 else None


def _coord(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _sources(event: EventRecord, outlet: str | None) -> list[str]:
    """The outlet that published the report, then the sources it credits, once each."""
    names = [outlet] if outlet else []
    return list(dict.fromkeys(names + [s.name for s in event.sources if s.name]))


def _tags(event: EventRecord) -> list[str]:
    """What ACLED's columns have no room for: Marsad's type, mode, status and section."""
    tags = [f"marsad type={event.type}" + (f"/{event.mode}" if event.mode else ""),
            f"status={event.status}"]
    if event.confirmed is False:
        tags.append("unconfirmed")
    if event.section == "comment":
        tags.append("reader comment")
    return tags


def write_acled_csv(events: Iterable[EventRecord], out: IO, ctx: ExportContext) -> ExportReport:
    report = ExportReport()
    report.written = write_csv_rows(acled_rows(events, ctx, report), COLUMNS, out)
    return report
