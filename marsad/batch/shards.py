"""Parquet shards: the rows of one processed document, their files, and reading them back.

An output folder holds four tables, one sub-folder each, partitioned Hive-style by the
month the document was published (`published_month=2018-04`, or `unknown`):

    documents/published_month=2018-04/part-000000064-3f9a....parquet
    events/published_month=2018-04/part-000000064-3f9a....parquet
    places/published_month=2018-04/part-000000064-3f9a....parquet
    failures/part-000000064-3f9a....parquet          (not partitioned)

Each chunk of inputs gives at most one file per table and partition, named by the
chunk's first sequence number (so files sort in input order) and its key. A document
row carries the raw bytes (so a store loaded from shards is as complete as one filled
by `marsad ingest`) and `record`, the contract record as JSON; every table adds flat
columns for querying. Files are written under a temporary name and renamed, so a file
that exists is whole.
"""
from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from marsad.errors import MESSAGES
from marsad.export.parquet import schema as event_schema
from marsad.export.parquet import parquet_row
from marsad.records import PlaceMentionRecord, to_json
from marsad.store import Prepared

TABLES = ("documents", "events", "places", "failures")
PARTITION = "published_month"
UNDATED = "unknown"

DOCUMENT_COLUMNS = (("seq", "int64"), ("doc_id", "string"), ("origin", "string"),
                    ("published", "string"), ("outlet", "string"), ("url", "string"),
                    ("title", "string"), ("language", "string"), ("n_comments", "int64"),
                    ("n_events", "int64"), ("stages", "string"), ("content_hash", "string"),
                    ("raw", "binary"), ("record", "string"))
PLACE_SCALARS = ("doc_id", "text", "start", "end", "section", "geonameid", "name", "lat", "lon",
                 "admin1", "country", "precision", "confidence", "literal", "comment_id")
# `message` says what the code means; `reason` is the detail the reader gave.
FAILURE_COLUMNS = (("origin", "string"), ("code", "string"), ("message", "string"),
                   ("reason", "string"))


@dataclass(frozen=True)
class DocRows:
    """One processed document as shard rows, made in the worker that processed it."""
    month: str
    document: dict
    events: list[dict]
    places: list[dict]


def month_of(published: str | None) -> str:
    """'2018-04-12' -> '2018-04'; a bare year or no date -> 'unknown'."""
    return published[:7] if published and len(published) >= 7 else UNDATED


def doc_rows(item: Prepared) -> DocRows:
    """The rows of one prepared document (its `seq` is set by the writer)."""
    rec = item.record
    document = {"seq": None, "doc_id": rec.doc_id, "origin": item.origin,
                "published": rec.published, "outlet": rec.outlet, "url": rec.url,
                "title": rec.title, "language": rec.language, "n_comments": len(rec.comments),
                "n_events": len(item.events), "stages": item.stages,
                "content_hash": item.content_hash, "raw": item.raw, "record": to_json(rec)}
    return DocRows(month=month_of(rec.published), document=document,
                   events=[parquet_row(e) for e in item.events],
                   places=[place_row(p) for p in item.places])


def place_row(place: PlaceMentionRecord) -> dict:
    row = {k: getattr(place, k) for k in PLACE_SCALARS}
    row["record"] = to_json(place)
    return row


def failure_row(origin: str, code: str, reason: str) -> dict:
    return {"origin": origin, "code": code, "message": MESSAGES.get(code, "error"),
            "reason": reason}


def schema(table: str):
    import pyarrow as pa

    kinds = {"string": pa.string(), "int64": pa.int64(), "binary": pa.binary(),
             "float64": pa.float64(), "bool": pa.bool_()}
    if table == "documents":
        return pa.schema([(name, kinds[kind]) for name, kind in DOCUMENT_COLUMNS])
    if table == "events":
        return event_schema()
    if table == "places":
        place_kinds = {"start": "int64", "end": "int64", "geonameid": "int64", "lat": "float64",
                       "lon": "float64", "confidence": "float64", "literal": "bool"}
        return pa.schema([(c, kinds[place_kinds.get(c, "string")]) for c in PLACE_SCALARS]
                         + [("record", pa.string())])
    return pa.schema([(name, kinds[kind]) for name, kind in FAILURE_COLUMNS])


def shard_name(first_seq: int, key: str) -> str:
    return f"part-{first_seq:09d}-{key}.parquet"


def write_chunk(out: Path, first_seq: int, key: str, docs: list[DocRows],
                failures: list[dict]) -> int:
    """Write one chunk's shards (each whole or not at all); the files written."""
    tables: dict[tuple[str, str | None], list[dict]] = defaultdict(list)
    for n, doc in enumerate(docs):
        tables[("documents", doc.month)].append({**doc.document, "seq": first_seq + n})
        tables[("events", doc.month)].extend(doc.events)
        tables[("places", doc.month)].extend(doc.places)
    if failures:
        tables[("failures", None)] = failures
    name = shard_name(first_seq, key)
    written = 0
    for (table, month), rows in sorted(tables.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        if rows:
            folder = out / table / (f"{PARTITION}={month}" if month else "")
            _write_atomically(folder / name, rows, schema(table))
            written += 1
    return written


def _write_atomically(path: Path, rows: list[dict], table_schema) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    pq.write_table(pa.Table.from_pylist(rows, schema=table_schema), tmp, compression="zstd")
    os.replace(tmp, path)


# ---------------------------------------------------------------- reading back

@dataclass
class ChunkShards:
    """All rows one chunk wrote, documents in input order."""
    name: str
    documents: list[dict]
    events: list[dict]
    places: list[dict]
    failures: list[dict]


def chunk_names(out: Path) -> list[str]:
    """Shard file names present under `out`, in input order."""
    return sorted({p.name for table in TABLES for p in (out / table).rglob("part-*.parquet")})


def read_chunk(out: Path, name: str) -> ChunkShards:
    import pyarrow.parquet as pq

    rows: dict[str, list[dict]] = {}
    for table in TABLES:
        rows[table] = [row for path in sorted((out / table).rglob(name))
                       for row in pq.read_table(path).to_pylist()]
    rows["documents"].sort(key=lambda r: r["seq"])
    return ChunkShards(name, rows["documents"], rows["events"], rows["places"], rows["failures"])


def iter_chunks(out: Path) -> Iterator[ChunkShards]:
    for name in chunk_names(out):
        yield read_chunk(out, name)


def canonical_content(out: Path) -> dict[str, list[str]]:
    """Every row of every table as canonical JSON, sorted: what two runs over the same
    inputs must share whatever engine ran them and in whatever order chunks finished."""
    rows: dict[str, list[str]] = {table: [] for table in TABLES}
    for chunk in iter_chunks(out):
        for table, found in rows.items():
            found.extend(json.dumps({k: (v.hex() if isinstance(v, bytes) else v)
                                     for k, v in row.items()}, sort_keys=True, ensure_ascii=False)
                         for row in getattr(chunk, table))
    return {table: sorted(found) for table, found in rows.items()}

