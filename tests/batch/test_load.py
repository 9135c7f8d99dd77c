"""`marsad load`: shards into a store equal to what `marsad ingest` stores, then fusion."""
from __future__ import annotations

import pytest

from marsad.batch import load
from marsad.cli import main
from marsad.errors import UsageError
from marsad.records import to_dict
from marsad.store import open_store


def stored(db, cfg) -> dict:
    """What a store holds, timestamps and attempt counts aside."""
    with open_store(str(db), cfg, create=False) as store:
        return {
            "documents": [to_dict(d) for d in store.documents()],
            "raw": [store.raw(d.doc_id) for d in store.documents()],
            "events": sorted(str(to_dict(e)) for e in store.events()),
            "places": sorted(str(to_dict(p)) for p in store.places()),
            "failures": sorted((f.origin, f.code, f.reason) for f in store.failures()),
            "incidents": store.count_incidents(),
        }


@pytest.fixture(scope="module")
def ingested(batch_inputs, tmp_path_factory, cfg):
    db = tmp_path_factory.mktemp("ingest") / "ingest.db"
    main(["ingest", str(batch_inputs), "--db", str(db), "--workers", "1"])
    return stored(db, cfg)


def test_load_stores_what_ingest_stores(local_run, ingested, tmp_path, cfg):
    out, _ = local_run
    db = tmp_path / "loaded.db"
    assert main(["load", str(out), "--db", str(db)]) == 0
    loaded = stored(db, cfg)
    assert loaded == ingested
    assert loaded["incidents"] > 0 and loaded["events"] and len(loaded["failures"]) == 3


def test_load_twice_changes_nothing(local_run, tmp_path, cfg):
    out, _ = local_run
    db = tmp_path / "twice.db"
    with open_store(str(db), cfg) as store:
        first = load(out, store, cfg)
        second = load(out, store, cfg)
    assert first.stored > 0 and second.stored == 0 and second.skipped == first.done
    assert second.failed == 0
    with open_store(str(db), cfg, create=False) as store:
        assert all(f.attempts == 1 for f in store.failures())


def test_load_renames_a_doc_id_the_store_gives_another_document(local_run, tmp_path, cfg):
    out, _ = local_run
    db = tmp_path / "clash.db"
    notice = tmp_path / "w1.txt"  # doc_id w1, like a JSON Lines record of the shards
    notice.write_text("Unrelated notice\n\nThe market reopened on Monday after repairs to the "
                      "roof were finished by the council and traders returned to their stalls.\n",
                      encoding="utf-8")
    main(["ingest", str(notice), "--db", str(db), "--until", "parse"])
    with open_store(str(db), cfg) as store:
        summary = load(out, store, cfg)
        assert store.document("w1").path == str(notice)
        assert store.document("w1~2") is not None
        events = store.events("w1~2")
    assert any("stored as 'w1~2'" in note for note in summary.notes)
    assert events and all(e.doc_id == "w1~2" and e.event_id.startswith("w1~2/") for e in events)


def test_load_refuses_a_folder_without_shards(tmp_path, cfg):
    with open_store(str(tmp_path / "x.db"), cfg) as store, pytest.raises(UsageError, match="no shards"):
        load(tmp_path, store, cfg)
