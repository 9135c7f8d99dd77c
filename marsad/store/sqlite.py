"""The SQLite backend of `Store`: a file, its connection and its write lock.

WAL mode lets readers (`marsad docs`, the web layer) run while one ingest writes; a
write transaction (`BEGIN IMMEDIATE`, SQLite's single write lock) opens at the first
write and ends at `commit()`, so a kill loses only the uncommitted batch. The queries
are in `sql.py`, shared with PostgreSQL.
"""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

from marsad.config import Config
from marsad.errors import UsageError
from marsad.store.sql import Dialect, SQLStore

# Readers and a second writer wait this long for the write lock before giving up.
BUSY_TIMEOUT_MS = 30_000


class SQLiteStore(SQLStore):
    dialect = Dialect()
    refusals = (sqlite3.OperationalError,)  # locked by another writer, disk full, read-only

    def __init__(self, path: str, cfg: Config, create: bool = True, read_only: bool = False):
        super().__init__(cfg)
        self.path = path
        if (read_only or not create) and (path == ":memory:" or not Path(path).is_file()):
            raise UsageError(f"no Marsad database at {path} (run `marsad ingest` first)")
        if read_only:
            self._open_read_only()
            return
        try:
            self.conn = sqlite3.connect(path, isolation_level=None,
                                        timeout=BUSY_TIMEOUT_MS / 1000)
            self._use_wal()
            # NORMAL in WAL mode survives a killed process; only power loss can drop the
            # last commits, never corrupt the database.
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise UsageError(f"{path}: not a usable Marsad database ({e})") from e

    def _use_wal(self) -> None:
        """Switch the file to WAL mode (it stays so). SQLite answers "locked" at once, without
        waiting, when another connection holds a lock during the switch (two processes
        opening a new store together), so wait for it here, up to the busy timeout."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    self.conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _open_read_only(self) -> None:
        # `mode=ro`: no migration, no write lock; safe to hand from one server thread to
        # another (one at a time), as the API's connection pool does.
        try:
            self.conn = sqlite3.connect(
                f"file:{quote(str(Path(self.path).resolve()))}?mode=ro", uri=True,
                isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
            if not self._has_table("schema_migrations"):
                raise UsageError(f"{self.path}: not a Marsad database (no schema_migrations)")
            if self._pending_migrations():
                raise UsageError(f"{self.path}: the store's schema is older than this Marsad;"
                                 " open it once for writing (e.g. `marsad ingest`) to upgrade it")
        except sqlite3.DatabaseError as e:
            raise UsageError(f"{self.path}: not a usable Marsad database ({e})") from e

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

