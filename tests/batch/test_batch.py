"""`marsad batch` with the local engine: shards, failures, manifest and rerun."""
from __future__ import annotations

import json
import sys

import pyarrow.dataset as ds
import pytest

from marsad.batch import run
from marsad.batch.shards import canonical_content, iter_chunks
from marsad.cli import main
from marsad.errors import UsageError


def test_run_writes_partitioned_tables(local_run):
    out, summary = local_run
    docs = ds.dataset(out / "documents", format="parquet", partitioning="hive").to_table().to_pylist()
    assert summary.documents == len(docs) > 0
    assert {d["published_month"] for d in docs} >= {"2018-03", "unknown"}
    # the flat columns agree with the record they sit beside
    for d in docs:
        record = json.loads(d["record"])
        assert (d["doc_id"], d["published"]) == (record["doc_id"], record["published"])
        assert d["raw"] and len(d["content_hash"]) == 64
    events = ds.dataset(out / "events", format="parquet", partitioning="hive").to_table().to_pylist()
    assert len(events) == summary.events > 0
    assert all(json.loads(e["record"])["event_id"] == e["event_id"] for e in events)
    assert {e["doc_id"] for e in events} <= {d["doc_id"] for d in docs}


def test_run_records_bad_inputs_in_failures_shard(local_run, batch_inputs):
    out, summary = local_run
    failures = ds.dataset(out / "failures", format="parquet").to_table().to_pylist()
    origins = {f["origin"] for f in failures}
    assert str(batch_inputs / "empty.txt") in origins
    assert str(batch_inputs / "image.txt") in origins
    assert f"{batch_inputs / 'wire.jsonl'}:line 2" in origins
    assert summary.failed == len(failures) == 3
    assert all(f["code"].startswith("E") and f["message"] for f in failures)


def test_run_skips_repeats_and_renames_taken_doc_ids(local_run):
    out, summary = local_run
    ids = [r["doc_id"] for c in iter_chunks(out) for r in c.documents]
    assert summary.repeats == 1
    assert len(ids) == len(set(ids))
    assert "dam_offensive~2" in ids
    assert any("dam_offensive~2" in note for note in summary.notes)


def test_run_spreads_a_container_over_chunks(local_run, batch_inputs):
    out, _ = local_run
    chunks_with_warc = [c.name for c in iter_chunks(out)
                        if any("crawl.warc.gz#record" in r["origin"] for r in c.documents)]
    seqs = [r["seq"] for c in iter_chunks(out) for r in c.documents]
    assert len(chunks_with_warc) >= 2  # three WARC records, chunks of three documents
    assert seqs == sorted(set(seqs))  # files sort in input order


def test_rerun_skips_done_chunks_and_changes_nothing(local_run, batch_inputs, small_chunks_cfg):
    out, first = local_run
    before = canonical_content(out)
    again = run([str(batch_inputs)], out, small_chunks_cfg, engine="local", workers=1)
    assert again.chunks == 0 and again.chunks_skipped == first.chunks
    assert canonical_content(out) == before


def test_rerun_redoes_a_chunk_not_marked_done(batch_inputs, small_chunks_cfg, tmp_path):
    out = tmp_path / "out"
    first = run([str(batch_inputs)], out, small_chunks_cfg, workers=1)
    manifest = out / "_manifest.jsonl"
    lines = manifest.read_text().splitlines()
    manifest.write_text("\n".join(lines[:-1]) + "\n")  # as if killed before marking the last chunk
    before = canonical_content(out)
    again = run([str(batch_inputs)], out, small_chunks_cfg, workers=1)
    assert (again.chunks, again.chunks_skipped) == (1, first.chunks - 1)
    assert canonical_content(out) == before  # the redone chunk's files are replaced, not doubled
    assert not list(out.rglob(".tmp-*"))


def test_run_refuses_a_folder_of_another_pipeline(batch_inputs, small_chunks_cfg, tmp_path):
    out = tmp_path / "out"
    run([str(batch_inputs / "empty.txt")], out, small_chunks_cfg, until="parse", workers=1)
    with pytest.raises(UsageError, match="another --out"):
        run([str(batch_inputs / "empty.txt")], out, small_chunks_cfg, until="geoparse", workers=1)


def test_dask_engine_without_dask_names_the_extra(monkeypatch, batch_inputs, tmp_path, cfg):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    monkeypatch.delitem(sys.modules, "marsad.batch.dask_engine", raising=False)
    with pytest.raises(UsageError, match=r"pip install 'marsad\[dask\]'"):
        run([str(batch_inputs / "empty.txt")], tmp_path / "out", cfg, engine="dask", until="parse")


def test_cli_batch_exit_status_and_summary(batch_inputs, tmp_path, capsys):
    status = main(["batch", str(batch_inputs / "empty.txt"), str(batch_inputs / "wire.jsonl"),
                   "--out", str(tmp_path / "out"), "--until", "parse", "--workers", "1"])
    err = capsys.readouterr().err
    assert status == 1  # some inputs failed
    assert "wrote 2 documents" in err and "failed 2" in err and "failures/" in err
