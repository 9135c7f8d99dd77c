"""What only the SQLite backend has: a file, WAL mode, and SQLite's write lock."""
import sqlite3
import threading

import pytest

from marsad.errors import UsageError
from marsad.store import StoreError, open_store, prepare
from tests.store.test_store import STAGES, make_doc


def test_open_store_missing_file_without_create_creates_nothing(tmp_path, cfg):
    with pytest.raises(UsageError, match="no Marsad database"):
        open_store(str(tmp_path / "absent.db"), cfg, create=False)
    assert not (tmp_path / "absent.db").exists()


def test_open_store_refuses_a_file_that_is_not_a_database(tmp_path, cfg):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(UsageError, match="junk.db"):
        open_store(str(junk), cfg)


def test_open_store_uses_wal_mode(tmp_path, cfg):
    with open_store(str(tmp_path / "w.db"), cfg) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.integrity_check() == "ok"


def test_three_openers_of_one_new_store_all_succeed(tmp_path, cfg):
    # SQLite refused the switch to WAL at once ("database is locked", without its busy
    # wait) while another connection was turning the new file to WAL or migrating it:
    # one opener in ten or so failed. A race, so many new stores.
    errors = []

    def open_and_close(path):
        try:
            open_store(path, cfg).close()
        except UsageError as e:
            errors.append(e)

    for trial in range(40):
        path = str(tmp_path / f"new-{trial}.db")
        openers = [threading.Thread(target=open_and_close, args=(path,)) for _ in range(3)]
        for t in openers:
            t.start()
        for t in openers:
            t.join(60)
    assert errors == []


def test_write_while_another_writer_holds_the_lock_is_a_store_error(tmp_path, cfg, fixtures_dir,
                                                                    monkeypatch):
    from marsad.store import sqlite as sqlite_backend

    story = (fixtures_dir / "store" / "evacuation_deal.txt").read_text(encoding="utf-8")
    monkeypatch.setattr(sqlite_backend, "BUSY_TIMEOUT_MS", 50)
    path = str(tmp_path / "locked.db")
    s = open_store(path, cfg)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(StoreError, match="locked.db.*locked"):
        s.add(prepare(make_doc("a", story), STAGES, cfg))
    other.execute("ROLLBACK")
    assert s.add(prepare(make_doc("a", story), STAGES, cfg)).doc_id == "a"
    s.commit()
    s.close()
