"""The `parquet` format (pyarrow): one row per event, the flat columns of the `csv`
format typed (floats, integers, booleans), every nested field of the contract record
as a JSON string column, and `record`, the whole record as JSON. pandas, DuckDB and
Polars read it as is."""
from __future__ import annotations

import json
from typing import IO, Iterable

from marsad.export.base import ExportContext, ExportReport
from marsad.export.flat import COLUMNS, flat_row
from marsad.records import EventRecord, to_dict, to_json

NESTED = ("actor", "recipient", "location", "origin", "destination", "quantities", "sources",
          "evidence", "acled")
FLOAT_COLUMNS = ("place_lat", "place_lon", "confidence")
INT_COLUMNS = ("fatalities",)
BOOL_COLUMNS = ("confirmed",)


def schema():
    import pyarrow as pa

    def kind(column):
        if column in FLOAT_COLUMNS:
            return pa.float64()
        if column in INT_COLUMNS:
            return pa.int64()
        if column in BOOL_COLUMNS:
            return pa.bool_()
        return pa.string()

    return pa.schema([(c, kind(c)) for c in COLUMNS]
                     + [(f"{k}_json", pa.string()) for k in NESTED] + [("record", pa.string())])


def parquet_row(event: EventRecord) -> dict:
    row = flat_row(event)
    for key in NESTED:
        value = to_dict(getattr(event, key))
        row[f"{key}_json"] = None if value is None else json.dumps(value, ensure_ascii=False)
    row["record"] = to_json(event)
    return row


def write_parquet(events: Iterable[EventRecord], out: IO, ctx: ExportContext) -> ExportReport:
    import pyarrow as pa  # loaded only when this format is asked for
    import pyarrow.parquet as pq

    rows = [parquet_row(e) for e in events]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema()), out)
    return ExportReport(written=len(rows))
