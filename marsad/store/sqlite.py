"""The SQLite backend of `Store`: a file, its connection and its write lock.

WAL mode lets readers (`marsad docs`, the web layer) run while one ingest writes; a
write transaction (`BEGIN IMMEDIATE`, SQLite's single write lock) opens at the first
write and ends at `commit()`, so a kill loses only the uncommitted batch. The queries
are in `sql.py`, shared with PostgreSQL.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from marsad.config import Config
from marsad.errors import UsageError
from marsad.store.filters import EventFilter
from marsad.store.sql import Dialect, SQLStore, event_where

# Readers and a second writer wait this long for the write lock before giving up.
BUSY_TIMEOUT_MS = 30_000


class SQLiteStore(SQLStore):
    dialect = Dialect()
    refusals = (sqlite3.OperationalError,)  # locked by another writer, disk full, read-only

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

    @property
    def location(self) -> str:
        return self.path

    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def _begin_write(self) -> None:
        self._checked(self.conn.execute, "BEGIN IMMEDIATE")

    def integrity_check(self) -> str:
        """"ok", or what SQLite's own check of the file found wrong."""
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

    def own_files(self) -> frozenset[str]:
        if self.path == ":memory:":
            return frozenset()
        main = str(Path(self.path).resolve())
        return frozenset(main + suffix for suffix in ("", "-wal", "-shm", "-journal"))


def _event_where(f: EventFilter) -> tuple[str, tuple]:
    """`sql.event_where` in SQLite's spelling (marsad.store.queries builds on it)."""
    return event_where(f, SQLiteStore.dialect)
