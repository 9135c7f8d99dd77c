"""`marsad load`: the shards of `marsad batch` into a store, as `marsad ingest` stores.

Documents are added in input order through `Store.add` (so near-duplicates link to
their original the same way), skipping any whose bytes the store already holds; a
doc_id the store already gives another document becomes `doc_id~N`, its events and
places following. Failures are recorded unless the store already lists that origin.
Loading the same shards twice changes nothing. Fusion runs at the end, over the
documents just added, so `marsad incidents` works on the loaded store.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from marsad.batch.shards import TABLES, ChunkShards, iter_chunks
from marsad.config import Config
from marsad.errors import InputError, UsageError
from marsad.fuse import run as fuse
from marsad.records import PlaceMentionRecord, document_from_dict, event_from_dict
from marsad.store import Prepared, Store, dedup, renamed


@dataclass
class LoadSummary:
    total: int | None = None
    stored: int = 0
    duplicates: int = 0             # stored, linked to an original
    skipped: int = 0                # already in the store
    failed: int = 0                 # failures recorded
    incidents: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.stored + self.skipped

    def line(self) -> str:
        return (f"stored {self.stored} (near-duplicates linked: {self.duplicates}), skipped as "
                f"already stored {self.skipped}, failures recorded {self.failed}; "
                f"{self.incidents} incidents")


def load(out: Path, store: Store, cfg: Config,
         progress: Callable[[LoadSummary], None] | None = None) -> LoadSummary:
    if not any((out / table).is_dir() for table in TABLES):
        raise UsageError(f"{out}: no shards here (expected documents/, events/, places/, "
                         f"failures/ written by marsad batch)")
    summary = LoadSummary()
    report = progress or (lambda s: None)
    settings = dedup.DedupSettings.from_config(cfg)
    batch_size = max(1, int(cfg["store.batch_size"]))
    known_failures = {f.origin for f in store.failures()}
    writes = 0
    try:
        for chunk in iter_chunks(out):
            for item in _prepared(chunk, settings):
                if store.has_content(item.content_hash):
                    summary.skipped += 1
                    report(summary)
                    continue
                item = _under_free_id(item, store, summary)
                stored = store.add(item)
                if stored is None:  # another writer stored the same bytes meanwhile
                    summary.skipped += 1
                else:
                    summary.stored += 1
                    summary.duplicates += stored.duplicate_of is not None
                writes += 1
                if writes % batch_size == 0:
                    store.commit()
                report(summary)
            for row in chunk.failures:
                if row["origin"] not in known_failures:
                    store.record_failure(InputError(row["origin"], row["code"], row["reason"] or ""))
                    known_failures.add(row["origin"])
                    summary.failed += 1
        store.commit()
    except BaseException:
        store.rollback()  # drop the unfinished batch; loading again redoes it
        raise
    _, summary.incidents = fuse(store, cfg)
    return summary


def _prepared(chunk: ChunkShards, settings: dedup.DedupSettings):
    """Each document of a chunk, rebuilt as `marsad.store.prepare` made it."""
    events, places = defaultdict(list), defaultdict(list)
    for row in chunk.events:
        events[row["doc_id"]].append(event_from_dict(json.loads(row["record"])))
    for row in chunk.places:
        places[row["doc_id"]].append(PlaceMentionRecord(**json.loads(row["record"])))
    for row in chunk.documents:
        record = document_from_dict(json.loads(row["record"]))
        yield Prepared(record=record, origin=row["origin"], raw=row["raw"],
                       content_hash=row["content_hash"],
                       fingerprint=dedup.fingerprint(record.body, settings), stages=row["stages"],
                       events=events[record.doc_id], places=places[record.doc_id])


def _under_free_id(item: Prepared, store: Store, summary: LoadSummary) -> Prepared:
    """The document under a doc_id the store does not give another document."""
    old = item.record.doc_id
    new = store.unique_doc_id(old)
    if new == old:
        return item
    summary.notes.append(f"{item.origin}: doc_id {old!r} is taken in the store; stored as {new!r}")
    return renamed(item, new)
