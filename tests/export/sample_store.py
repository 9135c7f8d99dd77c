"""A store built by code from tests/fixtures/export/sample_store.json: three documents
and seven event records written by hand, added through the Store API (no pipeline),
so the event, export and CLI tests do not depend on the extractor's output."""
from __future__ import annotations

import json
from pathlib import Path

from marsad.records import document_from_dict, event_from_dict
from marsad.store import Prepared, content_hash, open_store

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "export" / "sample_store.json"


def sample_records() -> tuple[list, list]:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return ([document_from_dict(d) for d in data["documents"]],
            [event_from_dict(e) for e in data["events"]])


def build_sample_store(path: str, cfg) -> str:
    """Fill a new database at `path` with the sample records; returns the path."""
    docs, events = sample_records()
    with open_store(path, cfg) as store:
        for doc in docs:
            raw = doc.body.encode("utf-8")
            store.add(Prepared(record=doc, origin=doc.path, raw=raw, content_hash=content_hash(raw),
                               fingerprint=None, stages="extract",
                               events=[e for e in events if e.doc_id == doc.doc_id]))
        store.commit()
    return path
