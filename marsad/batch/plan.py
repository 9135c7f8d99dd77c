"""Cutting the input stream into chunks, and the manifest of the chunks already done.

The driver reads the inputs as `marsad ingest` does (`marsad.ingest.sources.iter_inputs`:
folders walked in order, a WARC or JSON Lines file streamed record by record), so the
workers need no access to the input files and a huge container spreads over every
worker, chunk by chunk. Each input gets its doc_id as ingest would give it: an input
whose bytes came earlier in the run is skipped, and a doc_id already handed out gets
`~N`. A chunk's key is a hash of the origins in it, so a rerun over the same inputs cuts
the same chunks and skips those the manifest lists as done.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from marsad.document import RawInput
from marsad.errors import InputError, UsageError
from marsad.store import Store, content_hash

MANIFEST = "_manifest.jsonl"
# A chunk also ends after this many items of any kind, so a long run of unreadable or
# duplicate inputs never gathers into one unbounded chunk.
ITEMS_PER_CHUNK_FACTOR = 4


@dataclass
class Chunk:
    """Consecutive inputs sent to one worker together, and what the driver already knows
    about them: read errors and inputs skipped as repeats."""
    key: str
    first_seq: int                      # documents admitted before this chunk
    raws: list[RawInput] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)
    repeats: int = 0                    # same bytes as an earlier input of the run
    notes: list[str] = field(default_factory=list)


class _NoStore:
    """Stands in for a store that holds nothing, so a run hands out doc_ids by the
    store's own rule (`Store.unique_doc_id`) without opening one."""

    def doc_id_taken(self, doc_id: str) -> bool:
        return False


@dataclass
class Admission:
    """The inputs of one run seen so far: content hashes and doc_ids handed out. Holds
    ~100 bytes per document, so a run of ten million documents needs about 1 GB here."""
    hashes: set[bytes] = field(default_factory=set)
    given: set[str] = field(default_factory=set)

    def admit(self, raw: RawInput) -> tuple[RawInput | None, str | None]:
        """(the input under a fresh doc_id, a note if renamed), or (None, None) for a repeat."""
        digest = bytes.fromhex(content_hash(raw.data))[:16]
        if digest in self.hashes:
            return None, None
        self.hashes.add(digest)
        doc_id = Store.unique_doc_id(_NoStore(), raw.doc_id, self.given)
        self.given.add(doc_id)
        if doc_id == raw.doc_id:
            return raw, None
        return (replace(raw, doc_id=doc_id),
                f"{raw.origin}: doc_id {raw.doc_id!r} is taken by another input; written as {doc_id!r}")


def plan_chunks(items: Iterable[RawInput | InputError], docs_per_chunk: int) -> Iterator[Chunk]:
    """Chunks of up to `docs_per_chunk` admitted inputs, in input order."""
    admission = Admission()
    seq, origins = 0, []
    chunk = Chunk(key="", first_seq=0)
    for item in items:
        origins.append(item.origin)
        if isinstance(item, InputError):
            chunk.failures.append(item)
        else:
            raw, note = admission.admit(item)
            if raw is None:
                chunk.repeats += 1
            else:
                chunk.raws.append(raw)
                seq += 1
            if note:
                chunk.notes.append(note)
        if len(chunk.raws) >= docs_per_chunk or len(origins) >= ITEMS_PER_CHUNK_FACTOR * docs_per_chunk:
            chunk.key = chunk_key(origins)
            yield chunk
            chunk, origins = Chunk(key="", first_seq=seq), []
    if origins:
        chunk.key = chunk_key(origins)
        yield chunk


def chunk_key(origins: list[str]) -> str:
    return hashlib.sha1("\n".join(origins).encode("utf-8", "surrogateescape")).hexdigest()[:16]


class Manifest:
    """`DIR/_manifest.jsonl`: a header line naming the stages, then one line per chunk
    whose shards are all written. A line is appended only after its files are renamed
    into place, so a crash leaves at worst a chunk that is redone and overwritten."""

    def __init__(self, out: Path, stages: str):
        self.path = out / MANIFEST
        self.done: set[str] = set()
        out.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            self._read(stages)
        else:
            self._append({"stages": stages})

    def _read(self, stages: str) -> None:
        lines = []
        with open(self.path, encoding="utf-8") as f:
            for line in f:
                try:
                    lines.append(json.loads(line))
                except ValueError:  # cut off by a crash while appending: that chunk is redone
                    continue
        with open(self.path, "rb+") as f:
            if f.seek(0, os.SEEK_END) > 0:
                f.seek(-1, os.SEEK_END)
                if f.read(1) != b"\n":
                    f.write(b"\n")  # the next line must not join the cut-off one
        made_with = lines[0].get("stages") if lines else None
        if made_with != stages:
            raise UsageError(f"{self.path.parent}: holds shards made by the pipeline "
                             f"{made_with!r}, not {stages!r}; write to another --out folder")
        self.done = {line["chunk"] for line in lines[1:] if "chunk" in line}

    def mark(self, chunk: Chunk, documents: int, failures: int) -> None:
        self._append({"chunk": chunk.key, "first_seq": chunk.first_seq, "documents": documents,
                      "failures": failures})
        self.done.add(chunk.key)

    def _append(self, entry: dict) -> None:
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")
            f.flush()
            os.fsync(f.fileno())
