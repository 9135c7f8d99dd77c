"""The SQLite backend of `Store`: the only module with SQL for SQLite.

WAL mode lets readers (`marsad docs`, the web layer) run while one ingest writes; a
write transaction opens at the first write and ends at `commit()`, so a kill loses
only the uncommitted batch. Migrations in `migrations/NNN_name.sql` run in order,
each in its own transaction, and are recorded in `schema_migrations`.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from marsad.config import Config
from marsad.errors import MESSAGES, InputError, UsageError
from marsad.records import PlaceMentionRecord, document_from_dict, event_from_dict, to_json
from marsad.store import (DocumentSummary, Failure, Prepared, Store, StoredDocumentRecord,
                          StoreError)
from marsad.store.filters import PERIOD_END, EventFilter

MIGRATIONS = Path(__file__).with_name("migrations")
# Readers and a second writer wait this long for the write lock before giving up.
BUSY_TIMEOUT_MS = 30_000


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration file, in order."""
    out = []
    for f in sorted(MIGRATIONS.glob("*.sql")):
        version, _, name = f.stem.partition("_")
        out.append((int(version), name, f.read_text(encoding="utf-8")))
    return out


class SQLiteStore(Store):
    def __init__(self, path: str, cfg: Config, create: bool = True):
        super().__init__(cfg)
        self.path = path
        if not create and (path == ":memory:" or not Path(path).is_file()):
            raise UsageError(f"no Marsad database at {path} (run `marsad ingest` first)")
        try:
            self.conn = sqlite3.connect(path, isolation_level=None,
                                        timeout=BUSY_TIMEOUT_MS / 1000)
            self.conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode survives a killed process; only power loss can drop the
            # last commits, never corrupt the database.
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise UsageError(f"{path}: not a usable Marsad database ({e})") from e

    # -------------------------------------------------------------- schema

    def _migrate(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                          "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        for version, name, sql in migrations():
            self.conn.execute("BEGIN IMMEDIATE")  # re-checked under the lock: two processes may race
            try:
                if self._one("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)) is None:
                    for statement in _statements(sql):
                        self.conn.execute(statement)
                    self.conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                                      (version, name, _now()))
            except sqlite3.Error:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def schema_version(self) -> int:
        return self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] or 0

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

    # -------------------------------------------------------------- writing

    def _checked(self, run, *args):
        try:
            return run(*args)
        except sqlite3.OperationalError as e:  # locked by another writer, disk full, read-only
            raise StoreError(f"{self.path}: {e}") from e

    def _write(self, sql: str, params=()) -> sqlite3.Cursor:
        """Run a write, opening the batch's transaction if none is open."""
        if not self.conn.in_transaction:
            self._checked(self.conn.execute, "BEGIN IMMEDIATE")
        return self._checked(self.conn.execute, sql, params)

    def _write_many(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            self._write(sql, rows[0])
            self._checked(self.conn.executemany, sql, rows[1:])

    def _insert(self, item: Prepared, duplicate_of: str | None, similarity: float | None) -> bool:
        rec, fp = item.record, item.fingerprint
        cur = self._write(
            "INSERT INTO documents (doc_id, content_hash, body_hash, origin, path, url, published,"
            " outlet, title, language, n_comments, raw, record, duplicate_of, similarity, stages,"
            " ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (content_hash) DO NOTHING",
            (rec.doc_id, item.content_hash, fp.body_hash if fp else None, item.origin, rec.path,
             rec.url, rec.published, rec.outlet, rec.title, rec.language, len(rec.comments),
             item.raw, to_json(rec), duplicate_of, similarity, item.stages, _now()))
        if cur.rowcount == 0:
            return False
        self._write_many(
            "INSERT INTO events (event_id, doc_id, type, mode, date, section, status, record)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(e.event_id, rec.doc_id, e.type, e.mode, e.date, e.section, e.status, to_json(e))
             for e in item.events])
        self._write_many(
            "INSERT INTO places (doc_id, geonameid, mention) VALUES (?, ?, ?)",
            [(rec.doc_id, p.geonameid, to_json(p)) for p in item.places])
        return True

    def _index_bands(self, doc_id: str, bands: tuple[int, ...]) -> None:
        self._write_many("INSERT INTO dedup_bands (band_key, doc_id) VALUES (?, ?)"
                              " ON CONFLICT DO NOTHING", [(k, doc_id) for k in bands])

    def record_failure(self, err: InputError) -> None:
        reason = MESSAGES.get(err.code, "error") + (f": {err.detail}" if err.detail else "")
        now = _now()
        self._write(
            "INSERT INTO failures (origin, code, reason, first_seen, last_seen, attempts)"
            " VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (origin) DO UPDATE SET code = excluded.code,"
            " reason = excluded.reason, last_seen = excluded.last_seen,"
            " attempts = failures.attempts + 1", (err.origin, err.code, reason, now, now))

    def clear_failure(self, origin: str) -> None:
        self._write("DELETE FROM failures WHERE origin = ?", (origin,))

    def commit(self) -> None:
        if self.conn.in_transaction:
            self._checked(self.conn.execute, "COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.rollback()
        self.conn.close()

    def own_files(self) -> frozenset[str]:
        if self.path == ":memory:":
            return frozenset()
        main = str(Path(self.path).resolve())
        return frozenset(main + suffix for suffix in ("", "-wal", "-shm", "-journal"))

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
        marks = ", ".join("?" * len(bands))
        rows = self.conn.execute(
            "SELECT d.doc_id, d.duplicate_of, d.record FROM documents d WHERE d.doc_id IN"
            f" (SELECT doc_id FROM dedup_bands WHERE band_key IN ({marks})) ORDER BY d.id",
            bands).fetchall()
        return [(doc_id, original, json.loads(record)["body"]) for doc_id, original, record in rows]

    def _one(self, sql: str, params=()):
        return self.conn.execute(sql, params).fetchone()

    # -------------------------------------------------------------- fusion

    _REPORTS = ("SELECT e.record, d.published, d.outlet, d.duplicate_of FROM events e"
                " JOIN documents d ON d.doc_id = e.doc_id")

    def unfused_reports(self) -> list:
        return _reports(self.conn.execute(
            self._REPORTS + " LEFT JOIN event_blocks b ON b.event_id = e.event_id"
            " WHERE b.event_id IS NULL ORDER BY e.id"))

    def reports_in_blocks(self, blocks: list[str]) -> list:
        out = []
        for i in range(0, len(blocks), 500):  # SQLite caps the parameters of one statement
            chunk = blocks[i:i + 500]
            out += _reports(self.conn.execute(
                self._REPORTS + " JOIN event_blocks b ON b.event_id = e.event_id"
                f" WHERE b.block IN ({', '.join('?' * len(chunk))}) ORDER BY e.id", chunk))
        return out

    def replace_incident_blocks(self, redone: dict, assigned: list[tuple[str, str]]) -> None:
        for block in redone:
            self._write("DELETE FROM incident_events WHERE incident_id IN"
                        " (SELECT incident_id FROM incidents WHERE block = ?)", (block,))
            self._write("DELETE FROM incidents WHERE block = ?", (block,))
        incidents = [inc for block in redone.values() for inc in block]
        self._write_many(
            "INSERT INTO incidents (incident_id, block, type, date, n_reports, disputed, story_id,"
            " record) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (incident_id) DO NOTHING",
            [(inc.incident_id, inc.block, inc.type, inc.date, inc.n_reports, int(bool(inc.disputes)),
              inc.story_id, to_json(inc)) for inc in incidents])
        self._write_many(
            "INSERT INTO incident_events (incident_id, event_id, doc_id) VALUES (?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            [(inc.incident_id, e, e.rsplit("/", 1)[0]) for inc in incidents for e in inc.event_ids])
        self._write_many("INSERT INTO event_blocks (event_id, block) VALUES (?, ?)"
                         " ON CONFLICT (event_id) DO UPDATE SET block = excluded.block", assigned)

    def replace_stories(self, stories: list) -> None:
        self._write("DELETE FROM stories")
        self._write("UPDATE incidents SET story_id = NULL")
        self._write_many("INSERT INTO stories (story_id, record) VALUES (?, ?)",
                         [(s.story_id, to_json(s)) for s in stories])
        self._write_many("UPDATE incidents SET story_id = ? WHERE incident_id = ?",
                         [(s.story_id, i) for s in stories for i in s.incident_ids])

    def incidents(self) -> list:
        return [_incident(r, story) for r, story in self.conn.execute(
            "SELECT record, story_id FROM incidents ORDER BY incident_id")]

    def incident(self, incident_id: str):
        row = self._one("SELECT record, story_id FROM incidents WHERE incident_id = ?",
                        (incident_id,))
        return _incident(*row) if row else None

    def stories(self) -> list:
        from marsad.fuse.model import Story

        return [Story(**json.loads(r)) for (r,) in self.conn.execute(
            "SELECT record FROM stories ORDER BY story_id")]

    def count_incidents(self) -> int:
        return self._one("SELECT COUNT(*) FROM incidents")[0]

    # -------------------------------------------------------------- reading

    def document(self, doc_id: str) -> StoredDocumentRecord | None:
        row = self._one("SELECT record, duplicate_of FROM documents WHERE doc_id = ?", (doc_id,))
        return _stored_record(*row) if row else None

    def documents(self) -> Iterator[StoredDocumentRecord]:
        for record, original in self.conn.execute(
                "SELECT record, duplicate_of FROM documents ORDER BY id"):
            yield _stored_record(record, original)

    def summaries(self) -> Iterator[DocumentSummary]:
        for row in self.conn.execute("SELECT doc_id, outlet, published, title, n_comments,"
                                     " duplicate_of FROM documents ORDER BY id"):
            yield DocumentSummary(*row)

    def raw(self, doc_id: str) -> bytes | None:
        row = self._one("SELECT raw FROM documents WHERE doc_id = ?", (doc_id,))
        return bytes(row[0]) if row else None

    def events(self, doc_id: str | None = None) -> list:
        sql, params = _by_doc("SELECT record FROM events", doc_id)
        return [event_from_dict(json.loads(r)) for (r,) in self.conn.execute(sql, params)]

    def query_events(self, filters: EventFilter | None = None, limit: int | None = None,
                     offset: int = 0) -> list:
        return list(self._events_where(filters, limit, offset))

    def iter_events(self, filters: EventFilter | None = None) -> Iterator:
        return self._events_where(filters, None, 0)

    def _events_where(self, filters: EventFilter | None, limit: int | None,
                      offset: int) -> Iterator:
        where, params = _event_where(filters or EventFilter())
        page = " LIMIT ? OFFSET ?" if limit is not None or offset else ""
        if page:
            params += (-1 if limit is None else max(limit, 0), max(offset, 0))
        cursor = self.conn.execute(
            "SELECT record FROM events" + where + " ORDER BY date IS NULL, date, event_id" + page,
            params)
        return (event_from_dict(json.loads(r)) for (r,) in cursor)  # read as consumed

    def count_events(self, filters: EventFilter | None = None) -> int:
        where, params = _event_where(filters or EventFilter())
        return self._one("SELECT COUNT(*) FROM events" + where, params)[0]

    def places(self, doc_id: str | None = None) -> list[PlaceMentionRecord]:
        sql, params = _by_doc("SELECT mention FROM places", doc_id)
        return [PlaceMentionRecord(**json.loads(r)) for (r,) in self.conn.execute(sql, params)]

    def failures(self) -> list[Failure]:
        return [Failure(*row) for row in self.conn.execute(
            "SELECT origin, code, reason, first_seen, last_seen, attempts FROM failures"
            " ORDER BY first_seen, origin")]

    def count(self, table: str) -> int:
        if table not in {"documents", "events", "places", "failures", "dedup_bands"}:
            raise ValueError(table)
        return self._one(f"SELECT COUNT(*) FROM {table}")[0]


def _by_doc(select: str, doc_id: str | None) -> tuple[str, tuple]:
    if doc_id is None:
        return select + " ORDER BY id", ()
    return select + " WHERE doc_id = ? ORDER BY id", (doc_id,)


def _event_where(f: EventFilter) -> tuple[str, tuple]:
    """The WHERE clause (with its parameters, in order) of an event filter. Values
    only ever travel as parameters; places, actors and sources are read from the
    stored record (JSON1, built into SQLite)."""
    clauses: list[tuple[str, tuple]] = []
    for column in ("type", "section", "status", "doc_id"):
        if getattr(f, column) is not None:
            clauses.append((f"{column} = ?", (getattr(f, column),)))
    if f.since is not None or f.until is not None:
        clauses.append(("date IS NOT NULL", ()))
    if f.since is not None:  # the event's period ends on or after `since`
        clauses.append(("date || ? >= ?", (PERIOD_END, f.since)))
    if f.until is not None:  # ... and starts on or before the end of `until`
        clauses.append(("date <= ?", (f.until + PERIOD_END,)))
    if f.actor is not None:
        clauses.append(_any_of(f.actor, [
            (f"upper(json_extract(record, '$.{a}.id')) = ?", "code") for a in _ACTOR_ROLES] + [
            (f"instr(lower(json_extract(record, '$.{a}.name')), ?) > 0", "text")
            for a in _ACTOR_ROLES]))
    if f.place is not None:
        clauses.append(_any_of(f.place, [
            (f"instr(lower(json_extract(record, '$.{p}.{key}')), ?) > 0", "text")
            for p in _PLACE_ROLES for key in ("name", "admin1")] + [
            (f"upper(json_extract(record, '$.{p}.country')) = ?", "code") for p in _PLACE_ROLES]))
    if f.source is not None:
        inner, params = _any_of(f.source, [
            ("upper(json_extract(s.value, '$.id')) = ?", "code"),
            ("instr(lower(json_extract(s.value, '$.name')), ?) > 0", "text")])
        clauses.append(("EXISTS (SELECT 1 FROM json_each(record, '$.sources') s"
                        f" WHERE {inner})", params))
    if not clauses:
        return "", ()
    return (" WHERE " + " AND ".join(f"({sql})" for sql, _ in clauses),
            tuple(p for _, params in clauses for p in params))


_ACTOR_ROLES = ("actor", "recipient")
_PLACE_ROLES = ("location", "origin", "destination")


def _any_of(value: str, tests: list[tuple[str, str]]) -> tuple[str, tuple]:
    """Tests joined by OR; each takes the value as a lower-case piece of text
    ("text") or as an upper-case id or code ("code")."""
    forms = {"text": value.strip().lower(), "code": value.strip().upper()}
    return " OR ".join(sql for sql, _ in tests), tuple(forms[form] for _, form in tests)


def _reports(rows) -> list:
    from marsad.fuse.model import Report  # fusion's record; imported when fusion asks

    return [Report(event_from_dict(json.loads(record)), published, outlet, original)
            for record, published, outlet, original in rows]


def _incident(record_json: str, story_id: str | None):
    from marsad.fuse.model import incident_from_dict

    inc = incident_from_dict(json.loads(record_json))
    inc.story_id = story_id
    return inc


def _stored_record(record_json: str, duplicate_of: str | None) -> StoredDocumentRecord:
    base = document_from_dict(json.loads(record_json))
    return StoredDocumentRecord(**{**vars(base), "duplicate_of": duplicate_of})


def _statements(sql: str) -> list[str]:
    """The statements of a migration file (they hold no semicolons inside strings)."""
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
