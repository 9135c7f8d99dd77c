"""The ingest job: every input kind stored once, resume, failures, batches, pipeline choice."""
import gzip
import io
import json
import sqlite3
import sys
import types

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad import pipeline as pipeline_module
from marsad.config import load_config
from marsad.pipeline import Pipeline, PipelineError
from marsad.records import EventRecord
from marsad.runner import IngestSummary, choose_pipeline, ingest, retry_failed
from marsad.store import open_store

REPORT = ("Government forces shelled the northern outskirts of {town} on {day}, residents said, "
          "and at least {n} people were wounded when a market was hit during the morning. "
          "Rebels said they had repelled an attempt to storm the {side} front line overnight.")


def report(i: int) -> str:
    """A distinct short report per number: different town, day, count and wording."""
    towns = ["Kafr Nabl", "Maarat", "Saraqib", "Ariha", "Jisr", "Taftanaz", "Binnish", "Sarmin"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    return (f"Report number {i} from our desk\n\n"
            + REPORT.format(town=towns[i % 8], day=days[i % 7], n=i + 3, side=["western", "eastern"][i % 2])
            + f" Local council member {i * 7919 % 1000} described the {i}th day of strikes in detail.\n")


@pytest.fixture
def parse_pipeline(cfg):
    return Pipeline.for_command("parse", cfg)


@pytest.fixture
def store(tmp_path, cfg):
    s = open_store(str(tmp_path / "t.db"), cfg)
    yield s
    s.close()


def warc_bytes(pages: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                                      http_headers=headers))
    return out.getvalue()


def html_page(title: str, text: str) -> str:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{text}</p><p>{text.replace('residents', 'witnesses')}</p></article></body></html>")


def rss(items: list[tuple[str, str]]) -> str:
    entries = "".join(f"<item><title>{t}</title><link>https://example.org/{n}</link>"
                      f"<description>{body}</description></item>" for n, (t, body) in enumerate(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>'
            f"{entries}</channel></rss>")


def test_ingest_stores_every_input_kind(tmp_path, store, cfg, parse_pipeline):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "plain.txt").write_text(report(1), encoding="utf-8")
    (src / "sub" / "page.html").write_text(html_page("Market hit", report(2)), encoding="utf-8")
    (src / "lines.jsonl").write_text("\n".join(json.dumps({"id": f"j{i}", "text": report(i)})
                                               for i in (3, 4)) + "\n", encoding="utf-8")
    (src / "wire.xml").write_text(rss([("Item one", report(5)), ("Item two", report(6))]), encoding="utf-8")
    (src / "crawl.warc.gz").write_bytes(warc_bytes([("https://example.org/a", html_page("A", report(7)))]))
    (src / "zipped.txt.gz").write_bytes(gzip.compress(report(8).encode()))
    summary = ingest([str(src)], store, parse_pipeline, cfg)
    assert (summary.stored, summary.failed, summary.skipped) == (8, 0, 0), summary.failures
    ids = {d.doc_id for d in store.summaries()}
    assert {"plain", "page", "j3", "j4", "zipped"} <= ids and len(ids) == 8
    bodies = " ".join(d.body for d in store.documents())
    for i in range(1, 9):
        assert f"at least {i + 3} people" in bodies


def test_ingest_again_is_a_no_op(tmp_path, store, cfg, parse_pipeline):
    for i in range(3):
        (tmp_path / f"r{i}.txt").write_text(report(i), encoding="utf-8")
    first = ingest([str(tmp_path)], store, parse_pipeline, cfg)
    again = ingest([str(tmp_path)], store, parse_pipeline, cfg)
    assert (first.stored, again.stored, again.skipped) == (3, 0, 3)
    assert store.count("documents") == 3


def test_ingest_records_bad_inputs_and_stores_the_others(tmp_path, store, cfg, parse_pipeline):
    (tmp_path / "good.txt").write_text(report(1), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "text": "%s"}\nnot json\n' % report(2).replace("\n", " "))
    summary = ingest([str(tmp_path), str(tmp_path / "missing.txt")], store, parse_pipeline, cfg)
    assert summary.stored == 2 and summary.failed == 3
    failed = {f.origin for f in store.failures()}
    assert str(tmp_path / "empty.txt") in failed and str(tmp_path / "missing.txt") in failed
    assert any(o.startswith(str(tmp_path / "bad.jsonl")) for o in failed)


def test_ingest_same_name_in_two_folders_stores_both_under_distinct_ids(tmp_path, store, cfg, parse_pipeline):
    for n, folder in enumerate(("one", "two")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(report(n), encoding="utf-8")
    summary = ingest([str(tmp_path / "one"), str(tmp_path / "two")], store, parse_pipeline, cfg)
    assert [d.doc_id for d in store.summaries()] == ["a", "a~2"]
    assert any("'a~2'" in note and "two" in note for note in summary.notes)


def test_ingest_identical_inputs_in_one_run_are_stored_once(tmp_path, store, cfg, parse_pipeline):
    (tmp_path / "x.txt").write_text(report(1), encoding="utf-8")
    (tmp_path / "y.txt").write_text(report(1), encoding="utf-8")
    summary = ingest([str(tmp_path)], store, parse_pipeline, cfg)
    assert (summary.stored, summary.skipped) == (1, 1)


def test_ingest_links_near_duplicates_and_counts_them(tmp_path, store, cfg, parse_pipeline, fixtures_dir):
    story = (fixtures_dir / "store" / "evacuation_deal.txt").read_text(encoding="utf-8")
    (tmp_path / "a_wire.txt").write_text(story, encoding="utf-8")
    (tmp_path / "b_outlet.txt").write_text("Convoys roll out of Tal Hamra\n\n" + story.split("\n", 2)[2],
                                           encoding="utf-8")
    summary = ingest([str(tmp_path)], store, parse_pipeline, cfg)
    assert (summary.stored, summary.duplicates) == (2, 1)
    assert store.document("b_outlet").duplicate_of == "a_wire"


def test_retry_failed_stores_an_input_that_was_fixed(tmp_path, store, cfg, parse_pipeline):
    bad = tmp_path / "later.txt"
    bad.write_bytes(b"")
    (tmp_path / "ok.txt").write_text(report(1), encoding="utf-8")
    assert ingest([str(tmp_path)], store, parse_pipeline, cfg).failed == 1
    still = retry_failed(store, parse_pipeline, cfg)
    assert (still.stored, still.failed, store.failures()[0].attempts) == (0, 1, 2)
    bad.write_text(report(2), encoding="utf-8")
    fixed = retry_failed(store, parse_pipeline, cfg)
    assert (fixed.stored, fixed.failed, fixed.skipped) == (1, 0, 0)
    assert store.failures() == []


def test_retry_failed_rereads_only_the_failed_record_of_a_container(tmp_path, store, cfg, parse_pipeline):
    lines = tmp_path / "batch.jsonl"
    lines.write_text(json.dumps({"id": "ok", "text": report(1)}) + "\n{broken\n", encoding="utf-8")
    ingest([str(lines)], store, parse_pipeline, cfg)
    lines.write_text(json.dumps({"id": "ok", "text": report(1)}) + "\n"
                     + json.dumps({"id": "fixed", "text": report(2)}) + "\n", encoding="utf-8")
    summary = retry_failed(store, parse_pipeline, cfg)
    assert (summary.stored, summary.failed) == (1, 0)
    assert [d.doc_id for d in store.summaries()] == ["ok", "fixed"]


def test_ingest_commits_in_batches_while_running(tmp_path, cfg, parse_pipeline):
    cfg2 = load_config(store__batch_size=2)
    for i in range(7):
        (tmp_path / f"r{i}.txt").write_text(report(i), encoding="utf-8")
    db = tmp_path / "b.db"
    committed_seen = []

    def progress(summary: IngestSummary) -> None:
        with sqlite3.connect(db) as reader:
            committed_seen.append(reader.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    with open_store(str(db), cfg2) as store:
        summary = ingest([str(tmp_path / f"r{i}.txt") for i in range(7)], store, parse_pipeline, cfg2,
                         progress=progress)
    assert summary.total == 7 and summary.stored == 7
    assert 0 < max(committed_seen[:-1]) < 7          # commits happened before the end
    assert all(n % 2 == 0 for n in committed_seen[:-1])


def test_ingest_interrupted_keeps_committed_batches_and_rerun_completes(tmp_path, parse_pipeline):
    cfg2 = load_config(store__batch_size=2)
    paths = []
    for i in range(6):
        (tmp_path / f"r{i}.txt").write_text(report(i), encoding="utf-8")
        paths.append(str(tmp_path / f"r{i}.txt"))
    db = str(tmp_path / "i.db")

    def interrupt_after_three(summary):
        if summary.stored == 3:
            raise KeyboardInterrupt

    with open_store(db, cfg2) as store:
        with pytest.raises(KeyboardInterrupt):
            ingest(paths, store, parse_pipeline, cfg2, progress=interrupt_after_three)
    with open_store(db, cfg2) as store:
        assert store.count("documents") == 2
        summary = ingest(paths, store, parse_pipeline, cfg2)
        assert (summary.stored, summary.skipped) == (4, 2)
        assert sorted(d.doc_id for d in store.summaries()) == [f"r{i}" for i in range(6)]


def test_ingest_stores_the_events_the_pipeline_assigns(tmp_path, store, cfg, monkeypatch):
    fake = types.ModuleType("fake_events_stage")
    fake.REQUIRES, fake.ASSIGNS = ("body",), ("events",)
    fake.run = lambda doc, cfg: doc.events.append(EventRecord(
        doc.doc_id, f"{doc.doc_id}/e1", "ASSAULT", "shelling", "article", None, None, None, None,
        None, None, None))
    monkeypatch.setitem(sys.modules, "fake_events_stage", fake)
    monkeypatch.setitem(pipeline_module.STAGES, "fake_events", "fake_events_stage")
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "a.txt").write_text(report(1), encoding="utf-8")
    (tmp_path / "two" / "a.txt").write_text(report(2), encoding="utf-8")
    ingest([str(tmp_path / "one"), str(tmp_path / "two")], store,
           Pipeline(["ingest", "fake_events"], cfg), cfg)
    assert [e.event_id for e in store.events("a~2")] == ["a~2/e1"]
    assert store.count("events") == 2


def test_choose_pipeline_falls_back_past_stages_that_do_not_load(cfg, monkeypatch):
    monkeypatch.setitem(pipeline_module.STAGES, "not_written_yet", "marsad.no_such_stage_module")
    monkeypatch.setitem(pipeline_module.UP_TO, "everything", ("ingest", "nlp", "not_written_yet",
                                                             "geo", "actors", "events"))
    chosen, notes = choose_pipeline(cfg)
    assert "not_written_yet" not in [s.name for s in chosen.stages]
    assert any(n.startswith("everything pipeline unavailable") for n in notes)
    with pytest.raises(PipelineError, match="everything"):
        choose_pipeline(cfg, until="everything")


def test_choose_pipeline_until_parse_is_ingest_only(cfg):
    chosen, notes = choose_pipeline(cfg, until="parse")
    assert [s.name for s in chosen.stages] == ["ingest"] and notes == []


def test_ingest_of_the_folder_holding_the_database_skips_its_files(tmp_path, store, cfg, parse_pipeline):
    (tmp_path / "r.txt").write_text(report(1), encoding="utf-8")
    ingest([str(tmp_path)], store, parse_pipeline, cfg)
    summary = ingest([str(tmp_path)], store, parse_pipeline, cfg)
    assert (summary.stored, summary.skipped, summary.failed) == (0, 1, 0)
    assert [d.doc_id for d in store.summaries()] == ["r"]


def test_retry_failed_leaves_standard_input_failures_with_a_note(store, cfg, parse_pipeline, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert ingest(["-"], store, parse_pipeline, cfg).failed == 1
    summary = retry_failed(store, parse_pipeline, cfg)
    assert (summary.stored, summary.failed) == (0, 0)
    assert any("standard input" in n for n in summary.notes)
    assert len(store.failures()) == 1


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(0, 5)), min_size=1, max_size=12))
def test_ingest_stores_each_distinct_content_once_under_distinct_ids(files):
    """Any mix of repeated names and repeated contents, ingested twice."""
    import tempfile
    from pathlib import Path

    cfg = load_config()
    parse = Pipeline.for_command("parse", cfg)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n, (name, content) in enumerate(files):
            folder = Path(tmp) / f"f{n}"
            folder.mkdir()
            (folder / f"{name}.txt").write_text(report(content), encoding="utf-8")
            paths.append(str(folder))
        with open_store(str(Path(tmp) / "p.db"), cfg) as store:
            first = ingest(paths, store, parse, cfg)
            second = ingest(paths, store, parse, cfg)
            ids = [d.doc_id for d in store.summaries()]
        distinct = len({content for _, content in files})
        assert first.stored == distinct == len(ids) == len(set(ids))
        assert (second.stored, second.skipped) == (0, len(files))
        assert all(i.split("~")[0] in {"a", "b", "c"} for i in ids)
