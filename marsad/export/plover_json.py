"""The `plover-json` format: one PLOVER/POLECAT JSON record per line
(shared/research/anchors.md section 2). Fields PLOVER has no place for (status,
sources, quantities, confidence) ride in a `marsad` object, so nothing is dropped."""
from __future__ import annotations

import functools
import json
from typing import IO, Iterable

from marsad import __version__
from marsad.data import load_tsv
from marsad.export.base import ExportContext, ExportReport, country_info, main_place
from marsad.records import Actor, EventRecord, Place, to_dict

# PLOVER actor sectors for Marsad's actor kinds.
SECTOR = {"state_forces": "MIL", "government": "GOV", "armed_group": "REB",
          "civilians": "CVL", "foreign_state": "MIL", "media": "JRN"}
# GeoNames feature class and code for a place's precision.
FEATURE = {"point": ("S", None), "town": ("P", "PPL"), "district": ("A", "ADM2"),
           "admin1": ("A", "ADM1"), "region": ("L", "RGN"), "country": ("A", "PCLI")}
# PLOVER's modality contexts for Marsad's statuses.
STATUS_CONTEXT = {"planned": "future", "denied": "negation"}


def coder() -> str:
    """'marsad X.Y': the coder that made the record."""
    return "marsad " + ".".join(__version__.split(".")[:2])


def plover_record(event: EventRecord, ctx: ExportContext) -> dict:
    doc = ctx.document(event.doc_id)
    _, place = main_place(event)
    record = {
        "id": event.event_id,
        "date": event.date,
        "source": _actors(event.actor),
        "target": _actors(event.recipient),
        "event": event.type,
        "mode": event.mode,
        "context": [STATUS_CONTEXT[event.status]] if event.status in STATUS_CONTEXT else [],
        "event_loc": event_loc(place),
        "event_text": " ".join(e.text for e in event.evidence),
        "cite_info": {"url": doc and doc.url, "title": doc and doc.title,
                      "publication": doc and doc.outlet, "language": doc and doc.language,
                      "date": doc and doc.published},
        "coder": coder(),
        "coded_date": ctx.now.date().isoformat(),
        "marsad": {k: to_dict(getattr(event, k)) for k in (
            "doc_id", "section", "status", "date_text", "quantities", "fatalities", "sources",
            "confirmed", "confidence", "origin", "destination", "evidence", "acled")},
    }
    if event.type == "ASSAULT":
        record["dead"] = event.fatalities
    return record


def _actors(actor: Actor | None) -> list[dict]:
    if actor is None:
        return []
    code = _actor_codes().get(actor.id or "")
    if code is None and actor.kind == "international_org":
        code = "IGO"
    return [{"actor_text": actor.name, "identifier_id": actor.id, "code": code,
             "sector": SECTOR.get(actor.kind)}]


@functools.lru_cache(maxsize=1)
def _actor_codes() -> dict[str, str | None]:
    """Actor id -> ISO 3166 alpha-3 of its home state (actors.tsv `country`)."""
    return {row["id"]: country_info(row["country"]).get("iso3") for row in load_tsv("actors.tsv")
            if row.get("country")}


def event_loc(place: Place | None) -> dict | None:
    """A place as a GeoNames-shaped object."""
    if place is None:
        return None
    feature_class, feature_code = FEATURE.get(place.precision, (None, None))
    return {"geonameid": place.geonameid, "name": place.name, "lat": place.lat, "lon": place.lon,
            "feature_class": feature_class, "feature_code": feature_code,
            "country_code": place.country, "cc3": country_info(place.country).get("iso3"),
            "admin1": place.admin1, "precision": place.precision}


def write_plover(events: Iterable[EventRecord], out: IO, ctx: ExportContext) -> ExportReport:
    report = ExportReport()
    for event in events:
        out.write(json.dumps(plover_record(event, ctx), ensure_ascii=False) + "\n")
        report.written += 1
    return report
