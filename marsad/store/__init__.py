"""The store: every ingested document with its raw bytes, records, events and places.

`open_store(url_or_path, cfg)` returns a `Store`: a SQLite file, or a PostgreSQL
database shared by a team (`postgresql://user:pass@host:port/dbname`). `Store` holds
the policy every backend shares (which stored document a new one duplicates);
`sql.py` holds the SQL both backends share, `sqlite.py` and `postgres.py` what
differs. Writes go through one connection inside a transaction that the caller ends
with `commit()`, one writer at a time, so a crash loses at most the uncommitted batch
and never half a document.

    with open_store("marsad.db", cfg) as store:
        if not store.has_content(content_hash(raw.data)):
            store.add(prepare(doc, stages, cfg))
        store.commit()
"""
from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Iterator

from marsad.config import Config
from marsad.document import Document
from marsad.errors import InputError, MarsadError
from marsad.records import DocumentRecord, EventRecord, PlaceMentionRecord
from marsad.store import dedup

if TYPE_CHECKING:  # fusion's records; marsad.fuse never imports the store
    from marsad.fuse.model import Incident, Report, Story
    from marsad.store.filters import EventFilter


class StoreError(MarsadError):
    """The database refused a write: locked by another writer, disk full, read-only."""


@dataclass
class StoredDocumentRecord(DocumentRecord):
    """The document record of EVENTS.md section 2 plus the original it duplicates."""
    duplicate_of: str | None = None


@dataclass(frozen=True)
class DocumentSummary:
    """One row of `marsad docs`."""
    doc_id: str
    outlet: str | None
    published: str | None
    title: str | None
    n_comments: int
    duplicate_of: str | None


@dataclass(frozen=True)
class Failure:
    origin: str
    code: str
    reason: str
    first_seen: str
    last_seen: str
    attempts: int


@dataclass(frozen=True)
class Prepared:
    """One processed document, ready to store. Made without the store (a pure function
    of the document), so worker processes can prepare while one writer stores."""
    record: DocumentRecord
    origin: str
    raw: bytes
    content_hash: str
    fingerprint: dedup.Fingerprint | None
    stages: str
    events: list[EventRecord] = field(default_factory=list)
    places: list[PlaceMentionRecord] = field(default_factory=list)


@dataclass(frozen=True)
class Stored:
    """What `Store.add` did: the id stored under and the original it duplicates, if any."""
    doc_id: str
    duplicate_of: str | None = None
    similarity: float | None = None


def renamed(item: Prepared, doc_id: str) -> Prepared:
    """`item` stored under another doc_id: its records and event ids follow."""
    old = item.record.doc_id
    return replace(
        item, record=replace(item.record, doc_id=doc_id),
        events=[replace(e, doc_id=doc_id, event_id=doc_id + e.event_id[len(old):]
                        if e.event_id.startswith(old + "/") else e.event_id) for e in item.events],
        places=[replace(p, doc_id=doc_id) for p in item.places])


def content_hash(data: bytes) -> str:
    """The identity of an input: its bytes exactly as read."""
    return hashlib.sha256(data).hexdigest()


def prepare(doc: Document, stages: str, cfg: Config) -> Prepared:
    """The storable form of one processed document: records, hash and fingerprint."""
    raw = doc.raw
    data = raw.data if raw else doc.body.encode("utf-8")
    return Prepared(
        record=doc.record(), origin=raw.origin if raw else doc.doc_id, raw=data,
        content_hash=content_hash(data),
        fingerprint=dedup.fingerprint(doc.body, dedup.DedupSettings.from_config(cfg)),
        stages=stages, events=list(doc.events), places=doc.place_records())


class Store(ABC):
    """Documents, events, place mentions and failures, in one database."""

    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.dedup = dedup.DedupSettings.from_config(cfg)

    # -------------------------------------------------------------- writing

    def add(self, item: Prepared) -> Stored | None:
        """Store one document with its events and places, linked to the original it
        near-duplicates. None if its content is already stored (another writer won)."""
        original, score = self.find_original(item)
        doc_id = self._insert(item, original, score)
        if doc_id is None:
            return None
        if item.fingerprint:
            self._index_bands(doc_id, item.fingerprint.bands)
        self.clear_failure(item.origin)
        return Stored(doc_id, original, score)

    def find_original(self, item: Prepared) -> tuple[str | None, float | None]:
        """The stored document this one duplicates (exact body first, then the most
        similar band candidate at or over the threshold; earliest stored on ties)."""
        fp = item.fingerprint
        if fp is None:
            return None, None
        exact = self._doc_with_body_hash(fp.body_hash)
        if exact is not None:
            return exact, 1.0
        candidates = self._band_candidates(fp.bands)
        if not candidates:
            return None, None
        best, best_score = None, self.dedup.threshold
        mine = dedup.body_shingles(item.record.body, self.dedup)
        for doc_id, original, body in candidates:
            score = dedup.jaccard(mine, dedup.body_shingles(body, self.dedup))
            if score > best_score or (best is None and score >= best_score):
                best, best_score = original or doc_id, score
        return (best, round(best_score, 3)) if best else (None, None)

    def unique_doc_id(self, doc_id: str, taken: set[str] = frozenset()) -> str:
        """`doc_id`, or `doc_id~N` with the smallest N >= 2 that neither the store nor
        `taken` (ids handed out but not yet written) holds."""
        candidate, n = doc_id, 1
        while candidate in taken or self.doc_id_taken(candidate):
            n += 1
            candidate = f"{doc_id}~{n}"
        return candidate

    @abstractmethod
    def has_content(self, content_hash: str) -> bool: ...

    @abstractmethod
    def doc_id_taken(self, doc_id: str) -> bool: ...

    @abstractmethod
    def record_failure(self, err: InputError) -> None: ...

    @abstractmethod
    def clear_failure(self, origin: str) -> None: ...

    @abstractmethod
    def commit(self) -> None: ...

    @abstractmethod
    def rollback(self) -> None: ...

    @abstractmethod
    def close(self) -> None:
        """Roll back what was not committed, then close."""

    def own_files(self) -> frozenset[str]:
        """Absolute paths of the files this store writes, which an ingest of the folder
        holding them must not read as documents. None for a server database."""
        return frozenset()

    @abstractmethod
    def _insert(self, item: Prepared, duplicate_of: str | None,
                similarity: float | None) -> str | None:
        """Write the document with its events and places; the doc_id it is stored under
        (another if a concurrent writer took its own), or None if its content is stored."""

    @abstractmethod
    def _index_bands(self, doc_id: str, bands: tuple[int, ...]) -> None: ...

    @abstractmethod
    def _doc_with_body_hash(self, body_hash: str) -> str | None:
        """The original (or, if that is itself a duplicate, its original) with this body."""

    @abstractmethod
    def _band_candidates(self, bands: tuple[int, ...]) -> list[tuple[str, str | None, str]]:
        """(doc_id, duplicate_of, body) of stored documents sharing a band key, in
        ingest order."""

    # -------------------------------------------------------------- reading

    @abstractmethod
    def document(self, doc_id: str) -> StoredDocumentRecord | None: ...

    @abstractmethod
    def documents(self) -> Iterator[StoredDocumentRecord]: ...

    @abstractmethod
    def summaries(self) -> Iterator[DocumentSummary]: ...

    @abstractmethod
    def raw(self, doc_id: str) -> bytes | None: ...

    @abstractmethod
    def events(self, doc_id: str | None = None) -> list[EventRecord]: ...

    @abstractmethod
    def query_events(self, filters: "EventFilter | None" = None, limit: int | None = None,
                     offset: int = 0) -> list[EventRecord]:
        """The event records that pass `filters` (marsad.store.filters), ordered by
        (date, event_id) with undated events last; `limit`/`offset` page through them."""

    @abstractmethod
    def count_events(self, filters: "EventFilter | None" = None) -> int:
        """How many event records pass `filters`."""

    def iter_events(self, filters: "EventFilter | None" = None) -> Iterator[EventRecord]:
        """`query_events` one record at a time (a backend may stream them from its
        cursor, so an export of the whole store never holds it in memory)."""
        yield from self.query_events(filters)

    @abstractmethod
    def places(self, doc_id: str | None = None) -> list[PlaceMentionRecord]: ...

    @abstractmethod
    def failures(self) -> list[Failure]: ...

    @abstractmethod
    def count(self, table: str) -> int:
        """Rows in one of: documents, events, places, failures, dedup_bands."""

    # -------------------------------------------------------------- fusion (marsad.fuse)

    @abstractmethod
    def unfused_reports(self) -> list["Report"]:
        """Event records not fused yet, with their document's date, outlet and original."""

    @abstractmethod
    def reports_in_blocks(self, blocks: list[str]) -> list["Report"]:
        """The fused event records of these blocks."""

    @abstractmethod
    def fused_reports_with_keys(self, wanted: list[tuple[str, str]]) -> list[tuple["Report", str]]:
        """The fused event records filed under any (kind, key) of `wanted`
        (`marsad.fuse.blocking.lookup_keys`), each once, with its block."""

    @abstractmethod
    def file_fusion_keys(self, rows: list[tuple[str, str, str]]) -> None:
        """File fused event records under (event_id, kind, key) rows, for later lookups."""

    @abstractmethod
    def replace_incident_blocks(self, redone: dict[str, list["Incident"]],
                                assigned: list[tuple[str, str]]) -> None:
        """Put the incidents of each block in `redone` in place of that block's old
        ones (a block mapped to no incidents is dropped: its events moved to another),
        and record the block of each event of the new ones (event_id, block)."""

    @abstractmethod
    def replace_stories(self, stories: list["Story"]) -> None:
        """Replace every story, and set each incident's story_id."""

    @abstractmethod
    def stories_of_blocks(self, blocks: list[str]) -> list[str]:
        """The ids of the stories the incidents of these blocks belong to."""

    @abstractmethod
    def incidents_of_stories(self, story_ids: list[str]) -> list["Incident"]:
        """The incidents of these stories, by id."""

    @abstractmethod
    def incidents_by_story_keys(self, keys: list[str]) -> list["Incident"]:
        """The incidents filed under any of these story keys
        (`marsad.fuse.stories.story_lookup_keys`), each once, by id."""

    @abstractmethod
    def file_story_keys(self, rows: list[tuple[str, str]]) -> None:
        """File incidents under (incident_id, key) rows (`marsad.fuse.stories.story_keys`)."""

    @abstractmethod
    def replace_stories_of(self, old: list[str], stories: list["Story"]) -> None:
        """Drop the stories `old`, and write `stories` with each incident's story_id
        (the incidents of `old` that remain are all in `stories`)."""

    @abstractmethod
    def incidents(self) -> list["Incident"]:
        """Every incident, by id."""

    @abstractmethod
    def incident(self, incident_id: str) -> "Incident | None": ...

    @abstractmethod
    def stories(self) -> list["Story"]: ...

    @abstractmethod
    def count_incidents(self) -> int: ...

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()  # closing rolls back whatever was not committed


def open_store(url_or_path: str, cfg: Config, create: bool = True,
               read_only: bool = False) -> Store:
    """The store at a path (or `sqlite:///path`), or in a PostgreSQL database
    (`postgresql://user:pass@host:port/dbname`). With `create=False` a missing
    database (or one without Marsad's tables) is a UsageError instead of a new one.
    `read_only` (implies `create=False`) opens an existing, up-to-date store for
    reading only: it neither migrates nor takes the write lock, and refuses writes."""
    if url_or_path.startswith(("postgres://", "postgresql://")):
        from marsad.store.postgres import PostgresStore

        return PostgresStore(url_or_path, cfg, create=create, read_only=read_only)
    from marsad.store.sqlite import SQLiteStore

    return SQLiteStore(url_or_path.removeprefix("sqlite:///"), cfg, create=create,
                       read_only=read_only)
