"""Event records as flat rows: the `csv` format, the `marsad events` table, and the
scalar columns of the `parquet` format."""
from __future__ import annotations

import csv
from typing import IO, Iterable

from marsad.export.base import ExportContext, ExportReport, main_place
from marsad.records import EventRecord, Quantity

COLUMNS = ("event_id", "doc_id", "type", "mode", "section", "actor_id", "actor_name",
           "actor_kind", "recipient_id", "recipient_name", "recipient_kind", "place_role",
           "place_name", "place_lat", "place_lon", "place_admin1", "place_country",
           "place_precision", "origin", "destination", "date", "date_text", "status",
           "fatalities", "quantities", "sources", "confirmed", "confidence",
           "acled_event_type", "acled_sub_event_type", "evidence")
# Joins the items of a list field in one cell.
LIST_SEPARATOR = "; "
EVIDENCE_SEPARATOR = " | "
# A spreadsheet runs a cell that starts with one of these as a formula; such cells
# get a leading apostrophe (OWASP's CSV-injection advice).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def quantity_text(q: Quantity) -> str:
    """'1500 civilians', '300-500 fighters', '~5500 people'."""
    amount = f"{_num(q.low)}-{_num(q.high)}" if q.low is not None and q.high is not None \
        else _num(q.value)
    return f"{'~' if q.approx else ''}{amount} {q.unit}"


def _num(value) -> str:
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else str(value)


def flat_row(event: EventRecord) -> dict:
    """One event as {column: scalar}, in COLUMNS order; absent values are None."""
    role, place = main_place(event)
    actor, recipient = event.actor, event.recipient
    return {
        "event_id": event.event_id, "doc_id": event.doc_id, "type": event.type,
        "mode": event.mode, "section": event.section,
        "actor_id": actor and actor.id, "actor_name": actor and actor.name,
        "actor_kind": actor and actor.kind,
        "recipient_id": recipient and recipient.id, "recipient_name": recipient and recipient.name,
        "recipient_kind": recipient and recipient.kind,
        "place_role": role, "place_name": place and place.name,
        "place_lat": place and place.lat, "place_lon": place and place.lon,
        "place_admin1": place and place.admin1, "place_country": place and place.country,
        "place_precision": place and place.precision,
        "origin": event.origin and event.origin.name,
        "destination": event.destination and event.destination.name,
        "date": event.date, "date_text": event.date_text, "status": event.status,
        "fatalities": event.fatalities,
        "quantities": LIST_SEPARATOR.join(quantity_text(q) for q in event.quantities) or None,
        "sources": LIST_SEPARATOR.join(s.name for s in event.sources) or None,
        "confirmed": event.confirmed, "confidence": event.confidence,
        "acled_event_type": event.acled and event.acled.event_type,
        "acled_sub_event_type": event.acled and event.acled.sub_event_type,
        "evidence": EVIDENCE_SEPARATOR.join(e.text for e in event.evidence) or None,
    }


def safe_cell(value) -> str:
    """A CSV cell: '' for None, true/false for booleans, text from documents guarded
    against being run as a spreadsheet formula (numbers are left alone)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return str(value)


def write_csv_rows(rows: Iterable[dict], columns: tuple[str, ...], out: IO) -> int:
    """Header and rows, every cell quoted when it holds a comma, quote or newline."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
        n += 1
    return n


def write_csv(events: Iterable[EventRecord], out: IO, ctx: ExportContext) -> ExportReport:
    return ExportReport(written=write_csv_rows((flat_row(e) for e in events), COLUMNS, out))
