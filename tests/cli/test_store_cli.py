"""`marsad ingest | docs | show` as a user runs them, including a real kill and resume."""
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from marsad.records import DocumentRecord

STORED_FIELDS = [*DocumentRecord.__dataclass_fields__, "duplicate_of"]


def run_marsad(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "marsad", *args], input=stdin, cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def docs_jsonl(db):
    p = run_marsad("docs", "--db", str(db), "--format", "jsonl")
    assert p.returncode == 0, p.stderr
    return [json.loads(line) for line in p.stdout.splitlines()]


def test_ingest_then_docs_and_show(tmp_path, fixtures_dir):
    db = tmp_path / "m.db"
    p = run_marsad("ingest", str(fixtures_dir / "store"), "--db", str(db), "--until", "parse")
    assert p.returncode == 0, p.stderr
    assert "stored 3" in p.stderr and "failed 0" in p.stderr
    records = docs_jsonl(db)
    assert [r["doc_id"] for r in records] == ["dam_offensive", "evacuation_deal", "second_evacuation"]
    for r in records:
        assert list(r) == STORED_FIELDS and r["duplicate_of"] is None
    table = run_marsad("docs", "--db", str(db))
    assert table.returncode == 0 and len(table.stdout.splitlines()) == 4
    assert "evacuation_deal" in table.stdout
    shown = run_marsad("show", "evacuation_deal", "--db", str(db))
    assert shown.returncode == 0
    assert json.loads(shown.stdout) == records[1]


def test_ingest_again_skips_everything_and_exits_0(tmp_path, fixtures_dir):
    db = tmp_path / "m.db"
    run_marsad("ingest", str(fixtures_dir / "store"), "--db", str(db), "--until", "parse")
    p = run_marsad("ingest", str(fixtures_dir / "store"), "--db", str(db), "--until", "parse")
    assert p.returncode == 0 and "stored 0" in p.stderr and "already stored 3" in p.stderr
    assert len(docs_jsonl(db)) == 3


def test_ingest_bad_inputs_exit_1_named_with_reason_others_stored(tmp_path, fixtures_dir):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    db = tmp_path / "db" / "m.db"
    db.parent.mkdir()
    p = run_marsad("ingest", str(tmp_path / "empty.txt"), str(fixtures_dir / "store" / "dam_offensive.txt"),
                   str(tmp_path / "image.txt"), str(tmp_path / "nope.txt"), "--db", str(db), "--until", "parse")
    assert p.returncode == 1
    summary_at = p.stderr.index("failed 3")
    for name in ("empty.txt", "image.txt", "nope.txt"):
        assert name in p.stderr[summary_at:]
    assert [r["doc_id"] for r in docs_jsonl(db)] == ["dam_offensive"]
    failures = sqlite3.connect(db).execute("SELECT origin, code FROM failures").fetchall()
    assert len(failures) == 3 and all(code.startswith("E0") for _, code in failures)


def test_ingest_reads_stdin(tmp_path, fixtures_dir):
    db = tmp_path / "m.db"
    text = (fixtures_dir / "store" / "dam_offensive.txt").read_text(encoding="utf-8")
    p = run_marsad("ingest", "-", "--db", str(db), "--until", "parse", stdin=text)
    assert p.returncode == 0, p.stderr
    [rec] = docs_jsonl(db)
    assert rec["doc_id"] == "stdin" and "Qasr al-Ma dam" in rec["body"]


def test_ingest_links_syndicated_copy_and_recrawl_with_new_comment(tmp_path, fixtures_dir):
    story = (fixtures_dir / "store" / "evacuation_deal.txt").read_text(encoding="utf-8")
    headline, rest = story.split("\n", 1)
    comments = ("\n\n2 Comments\n\n  1. Rob says:\n      Good that the shelling has stopped at last.\n"
                "\n  2. Marta says:\n      They said the same thing last year.\n")
    extra = "\n  3. Karim says:\n      My cousin is on one of those buses.\n"
    (tmp_path / "a_original.txt").write_text(story + comments, encoding="utf-8")
    (tmp_path / "b_syndicated.txt").write_text("Exodus from Tal Hamra begins" + "\n" + rest, encoding="utf-8")
    (tmp_path / "c_recrawl.txt").write_text(story + comments + extra, encoding="utf-8")
    (tmp_path / "d_other.txt").write_text(
        (fixtures_dir / "store" / "second_evacuation.txt").read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "db.sqlite"
    p = run_marsad("ingest", str(tmp_path), "--db", str(db), "--until", "parse")
    assert p.returncode == 0, p.stderr
    assert "near-duplicates linked: 2" in p.stderr
    links = {r["doc_id"]: r["duplicate_of"] for r in docs_jsonl(db)}
    assert links == {"a_original": None, "b_syndicated": "a_original", "c_recrawl": "a_original",
                     "d_other": None}


def test_show_unknown_id_is_a_clear_error(tmp_path, fixtures_dir):
    db = tmp_path / "m.db"
    run_marsad("ingest", str(fixtures_dir / "store" / "dam_offensive.txt"), "--db", str(db),
               "--until", "parse")
    p = run_marsad("show", "no_such_doc", "--db", str(db))
    assert p.returncode == 1 and p.stdout == ""
    assert "no_such_doc" in p.stderr


def test_docs_without_a_database_is_an_error_and_creates_nothing(tmp_path):
    p = run_marsad("docs", "--db", str(tmp_path / "none.db"))
    assert p.returncode == 1 and "none.db" in p.stderr
    assert not (tmp_path / "none.db").exists()


def test_ingest_default_db_is_marsad_db_in_the_working_directory(tmp_path, fixtures_dir):
    p = run_marsad("ingest", str(fixtures_dir / "store" / "dam_offensive.txt"), "--until", "parse",
                   cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "marsad.db").is_file()


def test_ingest_retry_failed_after_the_input_is_fixed(tmp_path, fixtures_dir):
    late = tmp_path / "late.txt"
    late.write_bytes(b"")
    db = tmp_path / "db" / "m.db"
    db.parent.mkdir()
    assert run_marsad("ingest", str(late), "--db", str(db), "--until", "parse").returncode == 1
    late.write_text((fixtures_dir / "store" / "dam_offensive.txt").read_text(encoding="utf-8"))
    p = run_marsad("ingest", "--retry-failed", "--db", str(db), "--until", "parse")
    assert p.returncode == 0, p.stderr
    assert [r["doc_id"] for r in docs_jsonl(db)] == ["late"]
    assert run_marsad("ingest", "--db", str(db)).returncode == 1   # neither PATHs nor --retry-failed


def generated_report(rng: random.Random, vocabulary: list[str]) -> str:
    """A document of random words: no two share a shingle run long enough to link them."""
    paragraphs = [" ".join(rng.choice(vocabulary) for _ in range(60)) + "." for _ in range(3)]
    return "Generated report\n\n" + "\n\n".join(p.capitalize() for p in paragraphs) + "\n"


@pytest.mark.slow
def test_ingest_killed_mid_run_resumes_and_stores_each_input_once(tmp_path):
    rng = random.Random(20180210)
    vocabulary = ["".join(rng.choice("abcdefghijklmnoprstuwy") for _ in range(rng.randint(3, 9)))
                  for _ in range(2000)]
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    n_docs = 600
    for i in range(n_docs):
        (inputs / f"doc{i:04d}.txt").write_text(generated_report(rng, vocabulary), encoding="utf-8")
    (tmp_path / "small_batches.toml").write_text("[store]\nbatch_size = 7\n")
    db = tmp_path / "kill.db"
    command = [sys.executable, "-m", "marsad", "--config", str(tmp_path / "small_batches.toml"),
               "ingest", str(inputs), "--db", str(db), "--until", "parse"]

    kills = 0
    for wait_for_rows in (20, 200):
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while child.poll() is None and time.monotonic() < deadline:
            if _committed_rows(db) >= wait_for_rows:
                os.kill(child.pid, signal.SIGKILL)
                kills += 1
                break
            time.sleep(0.005)
        child.wait(timeout=60)
    assert kills >= 1, "the ingest finished before it could be killed: make the inputs bigger"
    before = _committed_rows(db)
    assert 0 < before < n_docs

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"skipped as already stored {before}" in rerun.stderr
    conn = sqlite3.connect(db)
    ids = [row[0] for row in conn.execute("SELECT doc_id FROM documents")]
    assert sorted(ids) == [f"doc{i:04d}" for i in range(n_docs)]
    assert conn.execute("SELECT COUNT(DISTINCT content_hash) FROM documents").fetchone()[0] == n_docs
    assert conn.execute("SELECT COUNT(*) FROM documents WHERE duplicate_of IS NOT NULL").fetchone()[0] == 0
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    orphans = conn.execute("SELECT COUNT(*) FROM dedup_bands WHERE doc_id NOT IN"
                           " (SELECT doc_id FROM documents)").fetchone()[0]
    assert orphans == 0


def _committed_rows(db) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.Error:  # schema not created yet, or the writer holds the lock
        return 0
