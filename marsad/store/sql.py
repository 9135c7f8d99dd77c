"""The SQL every backend shares: one `SQLStore` over a DB-API connection, with a
`Dialect` (dialect.py) for the few places where SQLite and PostgreSQL differ, and the
WHERE clauses of event filters (where.py).

Queries are written once, in SQLite's spelling (`?` parameters); a dialect rewrites
what it must (PostgreSQL's `%s` parameters, its JSON operators, its column types in
the migrations). A backend (`sqlite.py`, `postgres.py`) only connects, opens the write
transaction its own way (one writer at a time, like SQLite's write lock) and says which
driver errors mean "the database refused" (`StoreError`).

Migrations in `migrations/NNN_name.sql` are portable SQL, run in order; the versions
applied are recorded in `schema_migrations`. Opening a store applies the missing ones
in one transaction under the writer lock, so two processes opening an old store at
once migrate it once and a failed migration leaves it as it was.
"""
from __future__ import annotations

import json
from abc import abstractmethod
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from marsad.errors import MESSAGES, InputError
from marsad.records import (PlaceMentionRecord, document_from_dict, event_from_dict, to_dict,
                            to_json)
from marsad.store import (DocumentSummary, Failure, Prepared, Store, StoredDocumentRecord,
                          StoreError, renamed)
from marsad.store.dialect import SEARCH_TABLES, Dialect  # Dialect: the backends' base
from marsad.store.event_keys import (SEARCH_SHIFT, document_search_rows, incident_keys, key_rows,
                                     search_rows)
from marsad.store.filters import EventFilter
from marsad.store.where import event_where

MIGRATIONS = Path(__file__).with_name("migrations")
# Migration version -> the SQLStore method that fills its new tables from stored rows.
FILLS = {5: "_fill_event_keys", 6: "_make_api_tables", 7: "_fill_fusion_keys",
         8: "_fill_story_keys"}
FILL_BATCH = 2000
KEY_INSERT = "INSERT INTO event_keys (event_row, facet, key) VALUES (?, ?, ?)"
SEARCH_INSERT = {table: f"INSERT INTO {table} (rowid, text) VALUES (?, ?)" for table in SEARCH_TABLES}
INCIDENT_KEY_INSERT = ("INSERT INTO incident_keys (incident_id, facet, key) VALUES (?, ?, ?)"
                       " ON CONFLICT DO NOTHING")
COUNTED_TABLES = frozenset({"documents", "events", "places", "failures", "dedup_bands"})


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration file, in order."""
    out = []
    for f in sorted(MIGRATIONS.glob("*.sql")):
        version, _, name = f.stem.partition("_")
        out.append((int(version), name, f.read_text(encoding="utf-8")))
    return out


def statements(sql: str) -> list[str]:
    """The statements of a migration file (they hold no semicolons inside strings)."""
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


class SQLStore(Store):
    """Every query of `Store`. Subclasses set `conn`, `dialect` and `location` (the
    path or URL named in errors), and implement the hooks in the last section."""
    conn: object
    dialect: Dialect
    location: str
    # The driver's errors that mean the database refused (locked, full, read-only, gone).
    refusals: tuple[type[BaseException], ...] = ()

    # -------------------------------------------------------------- schema

    # False on a store whose schema predates the filter index (an older Marsad's, which a
    # test may write through this code): its writer then leaves the index out.
    writes_event_keys = True
    # ... and the same for the API's tables of migration 6 (listing, search, incident keys).
    writes_api_tables = True

    def _migrate(self) -> None:
        self._migrate_schema()
        self.writes_event_keys = self._has_table("event_keys")
        self.writes_api_tables = self._has_table("event_listing")

    def _migrate_schema(self) -> None:
        if not self._pending_migrations():
            return  # an up-to-date store opens without a write: read-only roles can read
        self._begin_write()
        try:
            self.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL"
                         " PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", schema=True)
            for version, name, sql in self._pending_migrations():  # again, under the lock
                for statement in statements(sql):
                    self.execute(statement, schema=True)
                if version in FILLS:  # data the new tables hold for the rows already stored
                    getattr(self, FILLS[version])()
                self.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, now()))
        except BaseException:
            self.rollback()
            raise
        self.commit()

    def _fill_event_keys(self) -> None:
        for rows in self._batches("events", "id", "record"):
            self._run_many(KEY_INSERT, key_rows(
                [(row_id, event_from_dict(json.loads(record))) for row_id, record in rows]))

    def _make_api_tables(self) -> None:
        # The filter index marked the events crediting a source ("sourced"); it now marks
        # those crediting none (a smaller set, which the leaning filter reads).
        self.execute("DELETE FROM event_keys WHERE facet IN ('sourced', 'unsourced')")
        self.execute("INSERT INTO event_keys (event_row, facet, key) SELECT id, 'unsourced', ''"
                     f" FROM events WHERE NOT EXISTS (SELECT 1 FROM"
                     f" {self.dialect.json_array('record', 'sources', 's')})")
        for statement in self._search_schema():
            self.execute(statement)
        self.execute(  # the keys hold the sentences folded; joined as search_rows joins them
            f"INSERT INTO event_search (rowid, text) SELECT event_row << {SEARCH_SHIFT},"
            f" {self.dialect.lines('key')} FROM event_keys WHERE facet = 'evidence' GROUP BY event_row")
        for rows in self._batches("documents", "id", "title, record"):
            self._run_many(SEARCH_INSERT["document_search"], [
                r for row_id, title, record in rows
                for r in document_search_rows(row_id, title, json.loads(record).get("body"))])
        for rows in self._batches("incidents", "incident_id", "record"):
            self._run_many(INCIDENT_KEY_INSERT, _incident_key_rows(
                [(incident_id, json.loads(record)) for incident_id, record in rows]))

    def _batches(self, table: str, key: str, columns: str) -> Iterator[list[tuple]]:
        """The rows (`key`, `columns`) of a table, FILL_BATCH at a time in `key` order:
        a big store's records are never all in memory."""
        last: tuple = ()
        while True:
            after = f" WHERE {key} > ?" if last else ""
            rows = self.execute(f"SELECT {key}, {columns} FROM {table}{after} ORDER BY {key}"
                                " LIMIT ?", last + (FILL_BATCH,)).fetchall()
            if not rows:
                return
            yield rows
            last = (rows[-1][0],)

    def _search_schema(self) -> list[str]:
        return self.dialect.search_schema()

    def _pending_migrations(self) -> list[tuple[int, str, str]]:
        applied = set()
        if self._has_table("schema_migrations"):
            applied = {v for (v,) in self.execute("SELECT version FROM schema_migrations")}
        return [m for m in migrations() if m[0] not in applied]

    def _has_table(self, name: str) -> bool:
        return self._one(self.dialect.table_exists, (name,)) is not None

    def schema_version(self) -> int:
        return self._one("SELECT MAX(version) FROM schema_migrations")[0] or 0

    # -------------------------------------------------------------- writing

    def _write(self, sql: str, params=()):
        """Run a write, opening the batch's transaction if none is open."""
        if not self.in_transaction():
            self._begin_write()
        return self._checked(self.execute, sql, params)

    def _write_many(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            if not self.in_transaction():
                self._begin_write()
            self._checked(self._run_many, sql, rows)

    def _insert(self, item: Prepared, duplicate_of: str | None,
                similarity: float | None) -> str | None:
        wanted = item.record.doc_id
        while not self._insert_document(item, duplicate_of, similarity):
            if self.has_content(item.content_hash):
                return None
            if not self.doc_id_taken(item.record.doc_id):
                raise StoreError(f"{self.location}: could not store {item.origin}")
            # Another writer took the doc_id after this input was admitted: the next free one.
            item = renamed(item, self.unique_doc_id(wanted))
        doc_id = item.record.doc_id
        self._write_many(
            "INSERT INTO events (event_id, doc_id, type, mode, date, section, status, record)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(e.event_id, doc_id, e.type, e.mode, e.date, e.section, e.status, to_json(e))
             for e in item.events])
        if item.events and self.writes_event_keys:  # the filter index, by the events' row ids
            row_ids = [r for (r,) in self.execute(
                "SELECT id FROM events WHERE doc_id = ? ORDER BY id", (doc_id,))]
            keys = key_rows(list(zip(row_ids, item.events)))
            self._write_many(KEY_INSERT, keys)
            if self.writes_api_tables:
                self._write("INSERT INTO event_listing (id, event_id, doc_id, type, date, section,"
                            " status) SELECT id, event_id, doc_id, type, date, section, status"
                            " FROM events WHERE doc_id = ?", (doc_id,))
                self._write_many(SEARCH_INSERT["event_search"], search_rows(keys))
        if self.writes_api_tables:
            (row_id,) = self._one("SELECT id FROM documents WHERE doc_id = ?", (doc_id,))
            self._write_many(SEARCH_INSERT["document_search"],
                             document_search_rows(row_id, item.record.title, item.record.body))
        self._write_many(
            "INSERT INTO places (doc_id, geonameid, mention) VALUES (?, ?, ?)",
            [(doc_id, p.geonameid, to_json(p)) for p in item.places])
        return doc_id

    def _insert_document(self, item: Prepared, duplicate_of: str | None,
                         similarity: float | None) -> bool:
        """Insert the document row; False if its content or its doc_id is taken."""
        rec, fp = item.record, item.fingerprint
        cur = self._write(
            "INSERT INTO documents (doc_id, content_hash, body_hash, origin, path, url, published,"
            " outlet, title, language, n_comments, raw, record, duplicate_of, similarity, stages,"
            " ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            (rec.doc_id, item.content_hash, fp.body_hash if fp else None, item.origin, rec.path,
             rec.url, rec.published, rec.outlet, rec.title, rec.language, len(rec.comments),
             item.raw, to_json(rec), duplicate_of, similarity, item.stages, now()))
        return cur.rowcount != 0

    def _index_bands(self, doc_id: str, bands: tuple[int, ...]) -> None:
        self._write_many("INSERT INTO dedup_bands (band_key, doc_id) VALUES (?, ?)"
                         " ON CONFLICT DO NOTHING", [(k, doc_id) for k in bands])

    def record_failure(self, err: InputError) -> None:
        reason = MESSAGES.get(err.code, "error") + (f": {err.detail}" if err.detail else "")
        stamp = now()
        self._write(
            "INSERT INTO failures (origin, code, reason, first_seen, last_seen, attempts)"
            " VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (origin) DO UPDATE SET code = excluded.code,"
            " reason = excluded.reason, last_seen = excluded.last_seen,"
            " attempts = failures.attempts + 1", (err.origin, err.code, reason, stamp, stamp))

    def clear_failure(self, origin: str) -> None:
        self._write("DELETE FROM failures WHERE origin = ?", (origin,))

    def commit(self) -> None:
        if self.in_transaction():
            self._checked(self.execute, "COMMIT")

    def rollback(self) -> None:
        if self.in_transaction():
            self.execute("ROLLBACK")

    def close(self) -> None:
        self.rollback()
        self.conn.close()

    # -------------------------------------------------------------- lookups

    def has_content(self, content_hash: str) -> bool:
        return self._one("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,)) is not None

    def doc_id_taken(self, doc_id: str) -> bool:
        return self._one("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)) is not None

    def _doc_with_body_hash(self, body_hash: str) -> str | None:
        row = self._one("SELECT COALESCE(duplicate_of, doc_id) FROM documents"
                        " WHERE body_hash = ? ORDER BY id LIMIT 1", (body_hash,))
        return row[0] if row else None

    def _band_candidates(self, bands: tuple[int, ...]) -> list[tuple[str, str | None, str]]:
        if not bands:
            return []
        rows = self.execute(
            "SELECT d.doc_id, d.duplicate_of, d.record FROM documents d WHERE d.doc_id IN"
            f" (SELECT doc_id FROM dedup_bands WHERE band_key IN ({_marks(bands)})) ORDER BY d.id",
            bands).fetchall()
        return [(doc_id, original, json.loads(record)["body"]) for doc_id, original, record in rows]

    # -------------------------------------------------------------- fusion

    _REPORTS = ("SELECT e.record, d.published, d.outlet, d.duplicate_of FROM events e"
                " JOIN documents d ON d.doc_id = e.doc_id")

    def unfused_reports(self) -> list:
        # Fusion reads inside its write transaction, so two fusions (two ingests ending at
        # once) run one after the other and never each redo a block from a stale view.
        if not self.in_transaction():
            self._begin_write()
        return _reports(self.execute(
            self._REPORTS + " LEFT JOIN event_blocks b ON b.event_id = e.event_id"
            " WHERE b.event_id IS NULL ORDER BY e.id"))

    def reports_in_blocks(self, blocks: list[str]) -> list:
        out = []
        for i in range(0, len(blocks), 500):  # SQLite caps the parameters of one statement
            chunk = blocks[i:i + 500]
            out += _reports(self.execute(
                self._REPORTS + " JOIN event_blocks b ON b.event_id = e.event_id"
                f" WHERE b.block IN ({_marks(chunk)}) ORDER BY e.id", chunk))
        return out

    def fused_reports_with_keys(self, wanted: list[tuple[str, str]]) -> list:
        by_kind: dict[str, list[str]] = {}
        for kind, key in wanted:
            by_kind.setdefault(kind, []).append(key)
        found = {}
        for kind, keys in sorted(by_kind.items()):
            for i in range(0, len(keys), 500):  # SQLite caps the parameters of one statement
                chunk = keys[i:i + 500]
                rows = self.execute(
                    "SELECT e.record, d.published, d.outlet, d.duplicate_of, b.block FROM events e"
                    " JOIN documents d ON d.doc_id = e.doc_id"
                    " JOIN event_blocks b ON b.event_id = e.event_id WHERE e.event_id IN"
                    f" (SELECT event_id FROM fusion_keys WHERE kind = ? AND key IN ({_marks(chunk)}))"
                    " ORDER BY e.id", (kind, *chunk)).fetchall()
                for report, (*_, block) in zip(_reports(row[:4] for row in rows), rows):
                    found[report.event.event_id] = (report, block)
        return list(found.values())

    def file_fusion_keys(self, rows: list[tuple[str, str, str]]) -> None:
        self._write_many("INSERT INTO fusion_keys (event_id, kind, key) VALUES (?, ?, ?)", rows)

    def _fill_fusion_keys(self) -> None:
        """A store fused under the old (type, section, quarter) blocks is fused again,
        inside the migration, so its incidents are those a new store would hold."""
        if self._one("SELECT 1 FROM event_blocks LIMIT 1") is None:
            return  # nothing fused yet: the next fusion files every record
        for table in ("stories", "incident_events", "incidents", "event_blocks"):
            self.execute(f"DELETE FROM {table}")  # derived from the events, rebuilt below
        from marsad.fuse import FuseSettings, fuse_new

        fuse_new(self, FuseSettings.from_config(self.cfg), link=False)  # 8 relinks them all

    def _fill_story_keys(self) -> None:
        """File every stored incident under its story keys and relink every story (a
        store fused before 008, or just re-fused by 007's fill without stories)."""
        from marsad.fuse import FuseSettings
        from marsad.fuse.stories import build_stories, story_keys

        settings = FuseSettings.from_config(self.cfg)
        found = self.incidents()
        self.file_story_keys([(inc.incident_id, key) for inc in found
                              for key in story_keys(inc, settings)])
        self.replace_stories(build_stories(found, settings))

    def replace_incident_blocks(self, redone: dict, assigned: list[tuple[str, str]]) -> None:
        for block in redone:  # (their incident_keys go with them: ON DELETE CASCADE)
            self._write("DELETE FROM incident_events WHERE incident_id IN"
                        " (SELECT incident_id FROM incidents WHERE block = ?)", (block,))
            self._write("DELETE FROM incidents WHERE block = ?", (block,))
        incidents = [inc for block in redone.values() for inc in block]
        self._write_many(
            "INSERT INTO incidents (incident_id, block, type, date, n_reports, disputed, story_id,"
            " record) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (incident_id) DO NOTHING",
            [(inc.incident_id, inc.block, inc.type, inc.date, inc.n_reports, int(bool(inc.disputes)),
              inc.story_id, to_json(inc)) for inc in incidents])
        if self.writes_api_tables:
            self._write_many(INCIDENT_KEY_INSERT, _incident_key_rows(
                [(inc.incident_id, to_dict(inc)) for inc in incidents]))
        self._write_many(
            "INSERT INTO incident_events (incident_id, event_id, doc_id) VALUES (?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            [(inc.incident_id, e, e.rsplit("/", 1)[0]) for inc in incidents for e in inc.event_ids])
        self._write_many("INSERT INTO event_blocks (event_id, block) VALUES (?, ?)"
                         " ON CONFLICT (event_id) DO UPDATE SET block = excluded.block", assigned)

    def stories_of_blocks(self, blocks: list[str]) -> list[str]:
        return sorted({story for chunk in _chunks(blocks) for (story,) in self.execute(
            f"SELECT DISTINCT story_id FROM incidents WHERE block IN ({_marks(chunk)})"
            " AND story_id IS NOT NULL", chunk)})

    def incidents_of_stories(self, story_ids: list[str]) -> list:
        return [_incident(r, story) for chunk in _chunks(story_ids) for r, story in self.execute(
            f"SELECT record, story_id FROM incidents WHERE story_id IN ({_marks(chunk)})"
            " ORDER BY incident_id", chunk)]

    def incidents_by_story_keys(self, keys: list[str]) -> list:
        found = {}
        for chunk in _chunks(keys):
            for incident_id, record, story in self.execute(
                    "SELECT incident_id, record, story_id FROM incidents WHERE incident_id IN"
                    f" (SELECT incident_id FROM story_keys WHERE key IN ({_marks(chunk)}))", chunk):
                found.setdefault(incident_id, (record, story))
        return [_incident(*found[i]) for i in sorted(found)]

    def file_story_keys(self, rows: list[tuple[str, str]]) -> None:
        self._write_many("INSERT INTO story_keys (incident_id, key) VALUES (?, ?)"
                         " ON CONFLICT DO NOTHING", rows)

    def replace_stories_of(self, old: list[str], stories: list) -> None:
        for chunk in _chunks(old):
            self._write(f"DELETE FROM stories WHERE story_id IN ({_marks(chunk)})", chunk)
        self._write_stories(stories)

    def replace_stories(self, stories: list) -> None:
        self._write("DELETE FROM stories")
        self._write("UPDATE incidents SET story_id = NULL")
        self._write_stories(stories)

    def _write_stories(self, stories: list) -> None:
        self._write_many("INSERT INTO stories (story_id, record) VALUES (?, ?)",
                         [(s.story_id, to_json(s)) for s in stories])
        self._write_many("UPDATE incidents SET story_id = ? WHERE incident_id = ?",
                         [(s.story_id, i) for s in stories for i in s.incident_ids])

    def incidents(self) -> list:
        return [_incident(r, story) for r, story in self.execute(
            "SELECT record, story_id FROM incidents ORDER BY incident_id")]

    def incident(self, incident_id: str):
        row = self._one("SELECT record, story_id FROM incidents WHERE incident_id = ?",
                        (incident_id,))
        return _incident(*row) if row else None

    def stories(self) -> list:
        from marsad.fuse.model import Story

        return [Story(**json.loads(r)) for (r,) in self.execute(
            "SELECT record FROM stories ORDER BY story_id")]

    def count_incidents(self) -> int:
        return self._one("SELECT COUNT(*) FROM incidents")[0]

    # -------------------------------------------------------------- reading

    def document(self, doc_id: str) -> StoredDocumentRecord | None:
        row = self._one("SELECT record, duplicate_of FROM documents WHERE doc_id = ?", (doc_id,))
        return _stored_record(*row) if row else None

    def documents(self) -> Iterator[StoredDocumentRecord]:
        for record, original in self._stream(
                "SELECT record, duplicate_of FROM documents ORDER BY id"):
            yield _stored_record(record, original)

    def summaries(self) -> Iterator[DocumentSummary]:
        for row in self._stream("SELECT doc_id, outlet, published, title, n_comments,"
                                " duplicate_of FROM documents ORDER BY id"):
            yield DocumentSummary(*row)

    def raw(self, doc_id: str) -> bytes | None:
        row = self._one("SELECT raw FROM documents WHERE doc_id = ?", (doc_id,))
        return bytes(row[0]) if row else None

    def events(self, doc_id: str | None = None) -> list:
        sql, params = _by_doc("SELECT record FROM events", doc_id)
        return [event_from_dict(json.loads(r)) for (r,) in self.execute(sql, params)]

    def query_events(self, filters: EventFilter | None = None, limit: int | None = None,
                     offset: int = 0) -> list:
        return list(self._events_where(filters, limit, offset))

    def iter_events(self, filters: EventFilter | None = None) -> Iterator:
        return self._events_where(filters, None, 0)

    def _events_where(self, filters: EventFilter | None, limit: int | None,
                      offset: int) -> Iterator:
        where, params = event_where(filters or EventFilter(), self.dialect)
        page = " LIMIT ? OFFSET ?" if limit is not None or offset else ""
        if page:
            params += (self.dialect.unlimited if limit is None else max(limit, 0), max(offset, 0))
        rows = self._stream(
            "SELECT record FROM events" + where + " ORDER BY date IS NULL, date, event_id" + page,
            params)
        return (event_from_dict(json.loads(r)) for (r,) in rows)  # read as consumed

    def count_events(self, filters: EventFilter | None = None) -> int:
        where, params = event_where(filters or EventFilter(), self.dialect)
        return self._one("SELECT COUNT(*) FROM events" + where, params)[0]

    def places(self, doc_id: str | None = None) -> list[PlaceMentionRecord]:
        sql, params = _by_doc("SELECT mention FROM places", doc_id)
        return [PlaceMentionRecord(**json.loads(r)) for (r,) in self.execute(sql, params)]

    def failures(self) -> list[Failure]:
        return [Failure(*row) for row in self.execute(
            "SELECT origin, code, reason, first_seen, last_seen, attempts FROM failures"
            " ORDER BY first_seen, origin")]

    def count(self, table: str) -> int:
        if table not in COUNTED_TABLES:
            raise ValueError(table)
        return self._one(f"SELECT COUNT(*) FROM {table}")[0]

    # -------------------------------------------------------------- backend hooks

    def execute(self, sql: str, params: Iterable = (), schema: bool = False):
        """Run one statement written with `?` parameters (and `self.dialect`'s pieces
        where the backends differ, e.g. `dialect.json_text`); the cursor. Open to
        read-only queries beyond the Store API (the HTTP API's)."""
        sql = self.dialect.schema(sql) if schema else sql
        return self.conn.execute(self.dialect.query(sql), tuple(params))

    def _run_many(self, sql: str, rows: list[tuple]) -> None:
        self.conn.cursor().executemany(self.dialect.query(sql), rows)

    def _stream(self, sql: str, params: Iterable = ()) -> Iterable[tuple]:
        """Rows read as they are consumed, while other queries may run meanwhile."""
        return self.execute(sql, params)

    def _one(self, sql: str, params: Iterable = ()):
        return self.execute(sql, params).fetchone()

    def _checked(self, run, *args):
        """`run(*args)`, with the driver's "database refused" errors as StoreError."""
        try:
            return run(*args)
        except self.refusals as e:
            raise StoreError(f"{self.location}: {e}") from e

    @abstractmethod
    def in_transaction(self) -> bool: ...

    @abstractmethod
    def _begin_write(self) -> None:
        """Open a write transaction, waiting for any other writer to finish its own."""


def _chunks(values: list, size: int = 500) -> Iterator[list]:
    """`values` in pieces: SQLite caps the parameters of one statement."""
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _marks(values) -> str:
    return ", ".join("?" * len(values))


def _by_doc(select: str, doc_id: str | None) -> tuple[str, tuple]:
    if doc_id is None:
        return select + " ORDER BY id", ()
    return select + " WHERE doc_id = ? ORDER BY id", (doc_id,)


def _reports(rows) -> list:
    from marsad.fuse.model import Report  # fusion's record; imported when fusion asks

    return [Report(event_from_dict(json.loads(record)), published, outlet, original)
            for record, published, outlet, original in rows]


def _incident_key_rows(records: list[tuple[str, dict]]) -> list[tuple[str, str, str]]:
    """(incident_id, facet, key) rows of incident records, in a stable order."""
    return [(incident_id, facet, key) for incident_id, record in records
            for facet, key in sorted(incident_keys(record))]


def _incident(record_json: str, story_id: str | None):
    from marsad.fuse.model import incident_from_dict

    inc = incident_from_dict(json.loads(record_json))
    inc.story_id = story_id
    return inc


def _stored_record(record_json: str, duplicate_of: str | None) -> StoredDocumentRecord:
    base = document_from_dict(json.loads(record_json))
    return StoredDocumentRecord(**{**vars(base), "duplicate_of": duplicate_of})

