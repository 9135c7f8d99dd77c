"""Event records out of the store in the field's formats, registered by name.

    with open_store("war.db", cfg, create=False) as store:
        report = export(store, "acled-csv", EventFilter(type="ASSAULT"), sys.stdout)

`EXPORTERS` maps a format's name to its `Exporter`; `register()` adds one (the
built-ins below go through it too). docs/export.md lists the columns and what each
format loses.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, Iterable

from marsad.errors import UsageError

from marsad.export.acled_csv import write_acled_csv
from marsad.export.base import ExportContext, Exporter, ExportReport, main_place
from marsad.export.flat import flat_row, write_csv
from marsad.export.geojson import write_geojson
from marsad.export.parquet import write_parquet
from marsad.export.plover_json import write_plover
from marsad.records import EventRecord, to_json

__all__ = ["EXPORTERS", "ExportContext", "ExportReport", "Exporter", "export", "export_to",
           "flat_row", "main_place", "register"]

EXPORTERS: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    EXPORTERS[exporter.name] = exporter
    return exporter


def write_jsonl(events: Iterable[EventRecord], out: IO, ctx: ExportContext) -> ExportReport:
    report = ExportReport()
    for event in events:
        out.write(to_json(event) + "\n")
        report.written += 1
    return report


for _builtin in (
        Exporter("jsonl", "event records exactly as stored (EVENTS.md section 3)", write_jsonl,
                 suffix=".jsonl"),
        Exporter("csv", "one flat row per event", write_csv, suffix=".csv"),
        Exporter("acled-csv", "ACLED's columns and conventions", write_acled_csv, suffix=".csv"),
        Exporter("plover-json", "PLOVER/POLECAT JSON records, one per line", write_plover,
                 suffix=".jsonl"),
        Exporter("geojson", "a FeatureCollection of the events with a point", write_geojson,
                 suffix=".geojson"),
        Exporter("parquet", "one row per event, nested fields as JSON (pyarrow)", write_parquet,
                 binary=True, needs_file=True, suffix=".parquet")):
    register(_builtin)


def export(store, fmt: str, filters, out: IO, keep_all: bool = False) -> ExportReport:
    """Write the store's events that pass `filters` (an EventFilter) in format `fmt`."""
    exporter = EXPORTERS[fmt]
    ctx = ExportContext(document=store.document, keep_all=keep_all)
    return exporter.write(store.iter_events(filters), out, ctx)


def export_to(store, fmt: str, filters, path: str | None, keep_all: bool = False) -> ExportReport:
    """`export` to the file at `path`, or to stdout when it is None. The file appears
    whole or not at all (written beside it, then renamed), so a failed export never
    leaves half a file in place of an older one, and never writes over the database."""
    exporter = EXPORTERS[fmt]
    if path is None:
        if exporter.needs_file:
            raise UsageError(f"--format {fmt} writes a binary file: give -o FILE")
        return export(store, fmt, filters, sys.stdout, keep_all)
    target = Path(path)
    if str(target.resolve()) in store.own_files():
        raise UsageError(f"{path}: is the database itself; choose another -o FILE")
    partial = target.with_name(target.name + ".part")
    try:
        with (open(partial, "wb") if exporter.binary
              else open(partial, "w", encoding="utf-8", newline="")) as out:
            report = export(store, fmt, filters, out, keep_all)
        os.replace(partial, target)
    except OSError as e:
        raise UsageError(f"{path}: cannot write ({e.strerror})") from e
    finally:
        partial.unlink(missing_ok=True)
    return report
