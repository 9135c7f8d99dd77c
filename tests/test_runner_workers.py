"""`ingest` in worker processes: the same store as one process, failures reported alike."""
import json
import pickle

import pytest

from marsad.cli import main
from marsad.config import load_config
from marsad.pipeline import STAGES, Pipeline, PipelineError
from marsad.records import to_dict
from marsad.runner import ingest
from marsad.store import open_store
from marsad.workers import worker_count


def story(i: int) -> str:
    """A distinct short report per number."""
    towns = ["Kafr Nabl", "Saraqib", "Ariha", "Taftanaz", "Binnish"]
    return (f"Shelling report {i}\n\nGovernment forces shelled {towns[i % 5]} on day {i} of the "
            f"offensive, residents said, and at least {i + 2} people were wounded when a school "
            f"was hit. Rebels said they repelled an attack on the front line near the town. "
            f"Council member {i * 7919 % 1000} gave the figures.\n")


def stored_content(db, cfg) -> dict:
    """Everything a run stores except timestamps: documents, events, places, failures."""
    with open_store(str(db), cfg, create=False) as store:
        return {
            "documents": [to_dict(d) for d in store.documents()],
            "events": [to_dict(e) for e in store.events()],
            "places": [to_dict(p) for p in store.places()],
            "failures": sorted((f.origin, f.code, f.reason, f.attempts) for f in store.failures()),
        }


def mixed_folder(root, fixtures_dir):
    """Text, HTML and JSON Lines reports, a syndicated copy, a doc_id clash, bad inputs."""
    src = root / "in"
    (src / "other").mkdir(parents=True)
    for name in ("dam_offensive.txt", "evacuation_deal.txt"):
        (src / name).write_text((fixtures_dir / "store" / name).read_text(encoding="utf-8"), encoding="utf-8")
    deal = (fixtures_dir / "store" / "evacuation_deal.txt").read_text(encoding="utf-8")
    (src / "other" / "evacuation_deal.txt").write_text("Buses leave the besieged towns\n\n"
                                                        + deal.split("\n", 2)[2], encoding="utf-8")
    (src / "page.html").write_text(f"<html><head><title>Strikes</title></head><body><article>"
                                   f"<h1>Strikes</h1><p>{story(1)}</p></article></body></html>",
                                   encoding="utf-8")
    (src / "wire.jsonl").write_text(json.dumps({"id": "w1", "text": story(2)}) + "\n{broken\n"
                                    + json.dumps({"id": "w2", "text": story(3)}) + "\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return src


def test_ingest_two_workers_store_what_one_process_stores(tmp_path, cfg, fixtures_dir):
    src = mixed_folder(tmp_path, fixtures_dir)
    for workers in (1, 2):
        assert main(["ingest", str(src), "--db", str(tmp_path / f"w{workers}.db"),
                     "--workers", str(workers)]) == 1  # the bad inputs
    one, two = stored_content(tmp_path / "w1.db", cfg), stored_content(tmp_path / "w2.db", cfg)
    assert one == two
    assert len(one["documents"]) == 6 and len(one["failures"]) == 3
    assert one["events"] and one["places"]
    assert any(d["duplicate_of"] == "evacuation_deal" for d in one["documents"])
    assert "evacuation_deal~2" in {d["doc_id"] for d in one["documents"]}


def test_ingest_many_chunks_in_two_workers_keep_input_order(tmp_path, cfg):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(14):
        (src / f"r{i:02}.txt").write_text(story(i), encoding="utf-8")
    (src / "r07_copy.txt").write_text("Copied\n\n" + story(7).split("\n", 2)[2], encoding="utf-8")
    (src / "r09_empty.txt").write_bytes(b"")
    parse = Pipeline.for_command("parse", cfg)
    contents, counts = [], []
    for workers in (1, 2):
        with open_store(str(tmp_path / f"p{workers}.db"), cfg) as store:
            summary = ingest([str(src)], store, parse, cfg, workers=workers)
        counts.append((summary.stored, summary.duplicates, summary.failed))
        contents.append(stored_content(tmp_path / f"p{workers}.db", cfg))
    assert counts[0] == counts[1] and counts[0][0] == 15 and counts[0][2] == 1
    assert contents[0] == contents[1]
    assert any(d["duplicate_of"] for d in contents[0]["documents"])  # link order matters here
    assert [d["doc_id"] for d in contents[1]["documents"]][:3] == ["r00", "r01", "r02"]


STAGE = '''
import os
REQUIRES = ("body",)
ASSIGNS = ()

def run(doc, cfg):
    if "explodes" in doc.body:
        raise RuntimeError("a stage bug")
    if "vanishes" in doc.body:
        os._exit(3)  # the worker dies, as after an out-of-memory kill
'''


@pytest.fixture
def fragile_pipeline(tmp_path, monkeypatch, cfg):
    """parse plus a stage that fails on some documents; importable by spawned workers,
    which start with this process's sys.path."""
    (tmp_path / "fragile_stage.py").write_text(STAGE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(STAGES, "fragile", "fragile_stage")
    return Pipeline(["ingest", "fragile"], cfg)


@pytest.mark.parametrize("word", ["explodes", "vanishes"])
def test_ingest_worker_side_failure_is_reported_and_the_rest_stored(tmp_path, cfg, fragile_pipeline, word):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(5):
        (src / f"r{i}.txt").write_text(story(i), encoding="utf-8")
    (src / "r2.txt").write_text(story(2).replace("offensive", f"offensive that {word}"), encoding="utf-8")
    with open_store(str(tmp_path / "f.db"), cfg) as store:
        summary = ingest([str(src)], store, fragile_pipeline, cfg, workers=2)
        stored = [d.doc_id for d in store.summaries()]
        failures = store.failures()
    assert stored == ["r0", "r1", "r3", "r4"]
    assert [(f.origin, f.code) for f in failures] == [(str(src / "r2.txt"), "E099")]
    assert summary.failed == 1
    if word == "explodes":
        assert "RuntimeError: a stage bug" in failures[0].reason


def test_ingest_workers_that_cannot_start_stop_the_run_without_failing_inputs(tmp_path, monkeypatch, cfg):
    (tmp_path / "parent_only_stage.py").write_text(
        "import multiprocessing\n"
        "if multiprocessing.parent_process() is not None:\n"
        "    raise ImportError('not in a worker')\n"
        "REQUIRES = ('body',)\nASSIGNS = ()\n\ndef run(doc, cfg):\n    pass\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(STAGES, "parent_only", "parent_only_stage")
    pipeline = Pipeline(["ingest", "parent_only"], cfg)
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"r{i}.txt").write_text(story(i), encoding="utf-8")
    with open_store(str(tmp_path / "s.db"), cfg) as store:
        with pytest.raises(PipelineError, match="worker processes keep dying"):
            ingest([str(src)], store, pipeline, cfg, workers=2)
        assert (store.count("documents"), store.failures()) == (0, [])


def test_worker_count_all_cores_unless_asked(cfg):
    assert worker_count(3, cfg) == 3
    assert worker_count(None, load_config(ingest__workers=2)) == 2
    assert worker_count(0, cfg) == worker_count(None, load_config(ingest__workers=0)) >= 1


def test_config_pickles_for_workers():
    c = load_config(store__batch_size=3)
    assert pickle.loads(pickle.dumps(c)) == c
