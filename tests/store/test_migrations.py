"""Versioned migrations on each backend: a store made by an older Marsad (fewer
migrations) opens in this one with every row intact, a failing migration leaves the
store as it was, and two processes opening an old store at once migrate it once."""
import threading

import pytest

from marsad.errors import UsageError
from marsad.fuse import run as fuse
from marsad.records import Actor, EventRecord, Place
from marsad.document import PlaceMention
from marsad.errors import EMPTY, InputError
from marsad.store import open_store, prepare, sql
from tests.store.test_store import STAGES, make_doc

CURRENT = sql.migrations()


def only_migrations_up_to(monkeypatch, version: int, extra=()) -> None:
    monkeypatch.setattr(sql, "migrations", lambda: [m for m in CURRENT if m[0] <= version] + list(extra))


def fill(store, cfg, fixtures_dir) -> None:
    """Two documents with an event and a place each, and a failure."""
    place = Place("Tal Hamra", None, 35.1, 36.7, "Hama", "SY", "town")
    for name in ("evacuation_deal", "dam_offensive"):
        doc = make_doc(name, (fixtures_dir / "store" / f"{name}.txt").read_text(encoding="utf-8"))
        doc.places = [PlaceMention("article", 0, 9, "Tal Hamra", place, 0.8)]
        doc.events = [EventRecord(name, f"{name}/e1", "RETREAT", "evacuate", "article",
                                  Actor(None, "fighters", "armed_group"), None, None, place, None,
                                  "2018-03-06", "on Tuesday")]
        store.add(prepare(doc, STAGES, cfg))
    store.record_failure(InputError("in/empty.txt", EMPTY, "no article text found"))
    store.commit()


def contents(store) -> tuple:
    return (list(store.documents()), [store.raw(d.doc_id) for d in store.summaries()],
            store.events(), store.places(), [(f.origin, f.attempts) for f in store.failures()],
            store.count("dedup_bands"))


@pytest.mark.parametrize("old_version", [v for v, _, _ in CURRENT[:-1]])
def test_open_store_made_at_an_old_version_applies_the_rest_and_keeps_every_row(
        store_url, cfg, fixtures_dir, monkeypatch, old_version):
    only_migrations_up_to(monkeypatch, old_version)
    with open_store(store_url, cfg) as old:
        assert old.schema_version() == old_version
        fill(old, cfg, fixtures_dir)
        before = contents(old)
    monkeypatch.undo()
    with open_store(store_url, cfg, create=False) as new:
        assert new.schema_version() == CURRENT[-1][0]
        assert contents(new) == before
        fuse(new, cfg)                                   # the newer tables work on old rows
        fused = sorted(e for inc in new.incidents() for e in inc.event_ids)
        assert fused == sorted(e.event_id for e in new.events())


def test_a_failing_migration_leaves_the_store_as_it_was(store_url, cfg, fixtures_dir, monkeypatch):
    only_migrations_up_to(monkeypatch, CURRENT[0][0])
    with open_store(store_url, cfg) as old:
        fill(old, cfg, fixtures_dir)
        before = contents(old)
    broken = (CURRENT[-1][0] + 1, "broken", "CREATE TABLE half_done (x INTEGER);\n"
              "INSERT INTO no_such_table VALUES (1);")
    only_migrations_up_to(monkeypatch, CURRENT[-1][0], [broken])
    with pytest.raises(UsageError, match="no_such_table"):
        open_store(store_url, cfg)
    monkeypatch.undo()
    only_migrations_up_to(monkeypatch, CURRENT[0][0])
    with open_store(store_url, cfg, create=False) as s:
        assert s.schema_version() == CURRENT[0][0]      # not even the good ones half-applied
        assert contents(s) == before
        with pytest.raises(Exception):
            s.execute("SELECT COUNT(*) FROM half_done").fetchone()


def test_two_processes_opening_an_old_store_at_once_migrate_it_once(store_url, cfg, monkeypatch):
    errors = []

    def open_and_close():
        try:
            open_store(store_url, cfg).close()
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    openers = [threading.Thread(target=open_and_close) for _ in range(3)]
    for t in openers:
        t.start()
    for t in openers:
        t.join(60)
    assert errors == []
    with open_store(store_url, cfg) as s:
        versions = [v for (v,) in s.execute("SELECT version FROM schema_migrations").fetchall()]
    assert sorted(versions) == [v for v, _, _ in CURRENT]


def test_migration_5_fills_the_filter_index_of_stored_events(store_url, cfg, fixtures_dir,
                                                             monkeypatch):
    from marsad.store.filters import EventFilter

    only_migrations_up_to(monkeypatch, 4)
    with open_store(store_url, cfg) as old:
        fill(old, cfg, fixtures_dir)
        assert old.schema_version() == 4
    monkeypatch.undo()
    with open_store(store_url, cfg, create=False) as new:
        assert new.count_events(EventFilter(actor="FIGHTERS")) == 2
        assert new.count_events(EventFilter(place="tal ham")) == 2
        assert new.count_events(EventFilter(place="Aleppo")) == 0
        n_keys = new.execute("SELECT COUNT(*) FROM event_keys").fetchone()[0]
    with open_store(store_url, cfg) as again:             # filled once, not on every open
        assert again.execute("SELECT COUNT(*) FROM event_keys").fetchone()[0] == n_keys


def test_migration_8_files_stored_incidents_under_story_keys_and_relinks_their_stories(
        store_url, cfg, fixtures_dir, monkeypatch):
    from marsad.fuse import FuseSettings, fuse_new
    from marsad.fuse.stories import build_stories

    only_migrations_up_to(monkeypatch, 7)
    with open_store(store_url, cfg) as old:
        fill(old, cfg, fixtures_dir)
        fuse_new(old, FuseSettings.from_config(cfg), link=False)  # incidents, no story yet
        old.commit()
    monkeypatch.undo()
    with open_store(store_url, cfg, create=False) as new:
        found = new.incidents()
        assert new.stories() == build_stories(found, FuseSettings.from_config(cfg))
        assert all(inc.story_id for inc in found)
        keyed = {i for (i,) in new.execute("SELECT DISTINCT incident_id FROM story_keys")}
        assert keyed == {inc.incident_id for inc in found}
