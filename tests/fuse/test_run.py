"""Fusion over the store: incremental, and independent of ingest order."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad import fuse
from marsad.records import DocumentRecord, event_from_dict, to_json
from marsad.store import Prepared, content_hash, open_store, sql
from tests.store.conftest import pg_schemas, store_url  # noqa: F401 - both backends

REPO = Path(__file__).resolve().parents[2]


def _prepared(name: str, events, published: str | None = "2018-05-03",
              outlet: str | None = None) -> Prepared:
    return Prepared(
        record=DocumentRecord(name, None, None, name, published, "en", outlet or name.upper(),
                              f"{name} body"),
        origin=name, raw=name.encode(), content_hash=content_hash(name.encode()), fingerprint=None,
        stages="extract", events=events)


def _docs(event):
    """Four documents: a deal told by state media and denied by a blog, a withdrawal
    whose sources disagree, and an unrelated strike."""
    specs = {
        "sana": [event("sana", 1, type="AGREE", mode="deal", actor="SYR_REBELS", location="rastan",
                       date="2018-05-02", sources=("SANA",)),
                 event("sana", 2, origin="rastan", destination="idlib", status="planned",
                       actor="SYR_REBELS", sources=("SANA",), quantities=((1000, "fighters"),))],
        "blog": [event("blog", 1, type="AGREE", mode="deal", actor="SYR_REBELS", location="rastan",
                       status="denied"),
                 event("blog", 2, origin="rastan", destination="deir_ezzor", status="planned",
                       actor="SYR_REBELS", sources=("SOHR",), quantities=((200, "fighters"),))],
        "wire": [event("wire", 1, type="AGREE", mode="deal", actor="SYR_REBELS", location="rastan",
                       date="2018-05-02", sources=("Reuters",))],
        "far": [event("far", 1, type="ASSAULT", mode="airstrike", actor="RUS", location="raqqa",
                      date="2018-05-02")],
    }
    return {name: _prepared(name, events) for name, events in specs.items()}


def _ingest_in(order, docs, path, cfg):
    with open_store(str(path), cfg) as store:
        for name in order:
            store.add(docs[name])
            store.commit()
            fuse.run(store, cfg)
        return [to_json(inc) for inc in store.incidents()], store.stories()


def test_run_three_ingest_orders_give_the_same_incidents(event, tmp_path, cfg):
    docs = _docs(event)
    results = [_ingest_in(order, docs, tmp_path / f"{i}.db", cfg) for i, order in enumerate(
        (["sana", "blog", "wire", "far"], ["far", "wire", "blog", "sana"], ["blog", "far", "sana", "wire"]))]
    assert results[0] == results[1] == results[2]
    incidents = [json.loads(line) for line in results[0][0]]
    assert len(incidents) == 3
    deal = next(i for i in incidents if i["type"] == "AGREE")
    assert deal["n_reports"] == 3 and {d["field"] for d in deal["disputes"]} == {"status"}
    move = next(i for i in incidents if i["type"] == "RETREAT")
    assert {d["field"] for d in move["disputes"]} == {"destination", "quantities"}
    assert deal["story_id"] == move["story_id"]


def test_run_redoes_only_blocks_with_new_events(event, tmp_path, cfg):
    docs = _docs(event)
    with open_store(str(tmp_path / "s.db"), cfg) as store:
        store.add(docs["sana"])
        store.add(docs["far"])
        store.commit()
        assert fuse.run(store, cfg)[0] == 3    # AGREE, RETREAT and ASSAULT blocks
        assert fuse.run(store, cfg)[0] == 0    # nothing new
        store.add(docs["wire"])
        store.commit()
        assert fuse.run(store, cfg) == (1, 3)  # only the AGREE block; the deal gains a report


def test_incidents_cli_prints_disputed_incidents_and_one_incident(event, tmp_path, cfg):
    db = tmp_path / "c.db"
    _ingest_in(["sana", "blog", "wire", "far"], _docs(event), db, cfg)
    run = lambda *a: subprocess.run([sys.executable, "-m", "marsad", *a, "--db", str(db)],
                                    capture_output=True, text=True, cwd=REPO, check=True).stdout
    lines = [json.loads(x) for x in run("incidents", "--disputed", "--format", "jsonl").splitlines()]
    assert {x["type"] for x in lines} == {"AGREE", "RETREAT"}
    assert all(x["event_ids"] and x["story_id"] and x["disputes"] for x in lines)
    one = json.loads(run("incident", lines[0]["incident_id"]))
    assert sorted(r["event_id"] for r in one["reports"]) == lines[0]["event_ids"]
    assert "RETREAT" in run("incidents", "--type", "retreat")


def test_fuse_eval_dev_sets_meet_the_bar(shared_dir):
    out = subprocess.run([sys.executable, str(REPO / "tools" / "fuse_eval.py"),
                          str(shared_dir / "dev-gold"), str(shared_dir / "dev-extra"), "--json"],
                         capture_output=True, text=True, check=True).stdout
    result = json.loads(out)
    assert result["incident_bcubed"][2] >= 0.75
    assert result["disputes_found"] >= 0.7 * result["gold_disputes"]


def test_run_fusing_one_document_at_a_time_gives_what_fusing_all_at_once_gives(
        shared_dir, store_url, cfg):
    import random

    docs, reports = [], []
    for folder in ("dev-gold", "dev-extra"):
        for f in sorted((shared_dir / folder).glob("*.gold.json")):
            gold = json.loads(f.read_text(encoding="utf-8"))
            events = [event_from_dict(e) for e in gold["events"]]
            docs.append(_prepared(gold["doc_id"], events, gold.get("published"), gold.get("outlet")))
            reports += [fuse.Report(e, gold.get("published"), docs[-1].record.outlet) for e in events]
    random.Random(5).shuffle(docs)
    with open_store(store_url, cfg) as store:
        for doc in docs:
            store.add(doc)
            store.commit()
            fuse.run(store, cfg)
        stored = [to_json(inc) for inc in store.incidents()], store.stories()
    found, stories = fuse.fuse_reports(reports, fuse.FuseSettings.from_config(cfg))
    assert stored == ([to_json(inc) for inc in found], stories)


def test_run_a_later_report_across_a_quarter_boundary_joins_the_stored_incident(
        event, store_url, cfg):
    told = event("a", 1, type="ASSAULT", mode="airstrike", actor="RUS", location="saraqib",
                 date="2018-03-31")
    retold = event("b", 1, type="ASSAULT", mode="airstrike", actor="RUS", location="saraqib",
                   date="2018-04-01")
    with open_store(store_url, cfg) as store:
        store.add(_prepared("a", [told], "2018-03-31"))
        assert fuse.run(store, cfg) == (1, 1)
        store.add(_prepared("b", [retold], "2018-04-01"))
        assert fuse.run(store, cfg) == (1, 1)          # the stored block, redone with b
        assert [inc.event_ids for inc in store.incidents()] == [["a/e1", "b/e1"]]


def test_migration_7_fuses_a_store_fused_under_quarter_blocks_again(event, store_url, cfg,
                                                                    monkeypatch):
    told = event("a", 1, type="ASSAULT", mode="airstrike", actor="RUS", location="saraqib",
                 date="2018-03-31")
    retold = event("b", 1, type="ASSAULT", mode="airstrike", actor="RUS", location="saraqib",
                   date="2018-04-01")
    current = sql.migrations()
    monkeypatch.setattr(sql, "migrations", lambda: [m for m in current if m[0] < 7])
    with open_store(store_url, cfg) as old:  # as an older Marsad left it: one incident a quarter
        for name, e, day in (("a", told, "2018-03-31"), ("b", retold, "2018-04-01")):
            old.add(_prepared(name, [e], day))
            quarter = f"ASSAULT|article|2018Q{1 if name == 'a' else 2}"
            (inc,) = fuse.fuse_reports([fuse.Report(e, day)])[0]
            inc.block = quarter
            old.replace_incident_blocks({quarter: [inc]}, [(e.event_id, quarter)])
        old.commit()
        assert old.count_incidents() == 2
    monkeypatch.undo()
    with open_store(store_url, cfg) as new:
        assert [inc.event_ids for inc in new.incidents()] == [["a/e1", "b/e1"]]
        assert len(new.stories()) == 1
        new.add(_prepared("c", [event("c", 1, type="ASSAULT", mode="airstrike", actor="RUS",
                                      location="saraqib", date="2018-04-02")], "2018-04-02"))
        assert fuse.run(new, cfg) == (1, 1)            # the re-fused store fuses on incrementally
        assert [inc.event_ids for inc in new.incidents()] == [["a/e1", "b/e1", "c/e1"]]
