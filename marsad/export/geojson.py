"""The `geojson` format: a FeatureCollection (RFC 7946) with one Point Feature per
event that has coordinates (location, else destination, else origin); the contract
record is the Feature's properties. Events without coordinates are counted, not written."""
from __future__ import annotations

import json
from typing import IO, Iterable

from marsad.export.base import ExportContext, ExportReport, main_place
from marsad.records import EventRecord, to_dict


def feature(event: EventRecord) -> dict | None:
    """The event as a Feature, or None when it has no point."""
    role, place = main_place(event)
    if place is None or place.lat is None or place.lon is None:
        return None
    return {"type": "Feature", "id": event.event_id,
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": {**to_dict(event), "place_role": role}}


def write_geojson(events: Iterable[EventRecord], out: IO, ctx: ExportContext) -> ExportReport:
    """Writes one feature per line."""
    report, unplaced = ExportReport(), 0
    out.write('{"type": "FeatureCollection", "features": [')
    for event in events:
        f = feature(event)
        if f is None:
            unplaced += 1
            continue
        out.write(("\n" if not report.written else ",\n") + json.dumps(f, ensure_ascii=False))
        report.written += 1
    out.write("\n]}\n")
    if unplaced:
        report.notes.append(f"{unplaced} event(s) without coordinates left out of the GeoJSON")
    return report
