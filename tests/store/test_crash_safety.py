"""Crash safety (issue 8): `marsad ingest` killed with SIGKILL at random points, then
run again, leaves the same store as a run that was never interrupted, on SQLite and
on PostgreSQL.

Each trial ingests the same small generated reports through the extract stage into a
fresh store, one document per transaction, kills the process once a random number of
documents is committed (plus a random delay, so kills land during startup, between
and inside writes, during fusion, or after the end), reruns the same command to the
end, and compares the store with a clean run's: every input stored exactly once,
the same events, places, duplicate links and incidents, nothing that refers to a
missing row, no failure left, and SQLite's own integrity check.

    python -m pytest tests/store/test_crash_safety.py -m slow -s    # prints the tally

MARSAD_CRASH_TRIALS (default 20) and MARSAD_CRASH_SEED (default 8) change the run;
a failing trial names its seed, its kill point and its database. The clean run is made
once, first: run it on a tree nobody edits meanwhile (a changed extractor changes the
records, which the comparison would report).
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter

import pytest

from marsad.store import open_store

TRIALS = int(os.environ.get("MARSAD_CRASH_TRIALS", "20"))
SEED = int(os.environ.get("MARSAD_CRASH_SEED", "8"))
N_DOCS = 8
SENTENCES_PER_REPORT = 8
RUN_TIMEOUT_S = 300

FORCES = ["Government forces", "Rebel fighters", "Pro-government militias", "Turkish-backed factions"]
TOWNS = ["Saraqib", "Maarat al-Numan", "Douma", "Jisr al-Shughur", "Tal Rifaat", "Daraa", "Manbij"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SENTENCES = [
    "{force} shelled {town} on {day}, killing {n} civilians, a monitoring group said.",
    "{force} said they had captured two villages near {town} after clashes on {day}.",
    "Hundreds of families fled {town} toward {town2} on {day}, local activists said.",
    "An air strike hit a market in {town} on {day}, killing at least {n} people.",
    "{force} accused {force2} of shelling a hospital in {town}.",
    "Aid agencies called on both sides to open a corridor out of {town}.",
]


def generated_report(rng: random.Random) -> str:
    """A short war report from the templates: events, places and dates to extract."""
    town = rng.choice(TOWNS)
    body = []
    for template in (rng.choice(SENTENCES) for _ in range(SENTENCES_PER_REPORT)):
        force, force2 = rng.sample(FORCES, 2)
        place = rng.choice([town, *TOWNS])
        body.append(template.format(force=force, force2=force2, town=place,
                                     town2=rng.choice([t for t in TOWNS if t != place]),
                                     day=rng.choice(DAYS), n=rng.randint(2, 40)))
    return f"Fighting around {town}\n\n" + "\n\n".join(body) + "\n"


@pytest.fixture(scope="module")
def crash_inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash")
    inputs = root / "inputs"
    inputs.mkdir()
    rng = random.Random(SEED)
    for i in range(N_DOCS):
        (inputs / f"report{i:02d}.txt").write_text(generated_report(rng), encoding="utf-8")
    config = root / "one_per_commit.toml"
    config.write_text("[store]\nbatch_size = 1\n")
    return inputs, config


def ingest_command(inputs, config, url) -> list[str]:
    return [sys.executable, "-m", "marsad", "--config", str(config), "ingest", str(inputs),
            "--db", url, "--until", "extract", "--workers", "1"]


def committed(url: str) -> tuple[int, int]:
    """(documents, incidents) committed in the store, read by another connection."""
    try:
        if url.startswith("postgresql://"):
            import psycopg

            with psycopg.connect(url, autocommit=True) as conn:
                return conn.execute("SELECT (SELECT COUNT(*) FROM documents),"
                                    " (SELECT COUNT(*) FROM incidents)").fetchone()
        with sqlite3.connect(f"file:{url}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT (SELECT COUNT(*) FROM documents),"
                                " (SELECT COUNT(*) FROM incidents)").fetchone()
    except Exception:  # noqa: BLE001 - no database or no tables yet, or the writer holds the lock
        return 0, 0


def snapshot(url: str, cfg) -> dict:
    """What a finished ingest must have stored, and every row that refers to a missing one."""
    with open_store(url, cfg, create=False) as store:
        def rows(sql):
            return sorted(tuple(r) for r in store.execute(sql).fetchall())

        facts = {
            "documents": rows("SELECT doc_id, duplicate_of FROM documents"),
            "distinct contents": rows("SELECT COUNT(DISTINCT content_hash) FROM documents"),
            "events": rows("SELECT event_id, doc_id, record FROM events"),
            "places": rows("SELECT doc_id, mention FROM places"),
            "band rows": rows("SELECT COUNT(*) FROM dedup_bands"),
            "incidents": rows("SELECT incident_id, n_reports FROM incidents"),
            "incident events": rows("SELECT incident_id, event_id FROM incident_events"),
            "fused events": rows("SELECT COUNT(*) FROM event_blocks"),
            "stories": rows("SELECT COUNT(*) FROM stories"),
            "failures": rows("SELECT origin FROM failures"),
            "orphans": rows(
                "SELECT 'event', event_id FROM events WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
                " UNION ALL SELECT 'place', doc_id FROM places"
                " WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
                " UNION ALL SELECT 'band', doc_id FROM dedup_bands"
                " WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
                " UNION ALL SELECT 'incident event', event_id FROM incident_events"
                " WHERE event_id NOT IN (SELECT event_id FROM events)"
                " UNION ALL SELECT 'unfused event', event_id FROM events"
                " WHERE event_id NOT IN (SELECT event_id FROM event_blocks)"
                " UNION ALL SELECT 'event fused twice', event_id FROM incident_events"
                " GROUP BY event_id HAVING COUNT(*) > 1"),
        }
        if hasattr(store, "integrity_check"):  # SQLite's own check of the file
            facts["integrity"] = [(store.integrity_check(),)]
            facts["foreign keys"] = rows("PRAGMA foreign_key_check")
    return facts


def kill_point(rng: random.Random) -> tuple[int, float]:
    """Documents to wait for, then seconds more: 0 documents and up to 2 s lands in
    start-up (model loading, migrations); some documents and no delay lands between or
    inside document writes; all of them and up to 0.3 s lands in fusion or after."""
    wait_docs = rng.randint(0, N_DOCS)
    if wait_docs == 0:
        return 0, rng.uniform(0, 2.0)
    return wait_docs, rng.uniform(0, 0.3) if wait_docs == N_DOCS else 0.0


def kill_at(command: list[str], url: str, wait_docs: int, delay: float) -> str:
    """Run `command`, SIGKILL it at the kill point; where the kill landed."""
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while child.poll() is None and committed(url)[0] < wait_docs and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(delay)
    if child.poll() is not None:
        return "after the run ended"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=60)
    docs, incidents = committed(url)
    if docs == 0:
        return "before the first commit"
    if docs < N_DOCS:
        return "between documents"
    return "after the documents, before fusion committed" if incidents == 0 else "after fusion"


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_ingest_killed_at_random_points_then_rerun_equals_a_clean_run(
        backend, crash_inputs, tmp_path, request, cfg):
    from tests.store.conftest import make_url

    inputs, config = crash_inputs
    clean_url = make_url(backend, request, tmp_path)
    clean = subprocess.run(ingest_command(inputs, config, clean_url), capture_output=True,
                           text=True, timeout=RUN_TIMEOUT_S)
    assert clean.returncode == 0, clean.stderr
    expected = snapshot(clean_url, cfg)
    assert len(expected["documents"]) == N_DOCS and expected["events"] and expected["incidents"]
    assert expected["orphans"] == [] and expected["failures"] == []

    rng = random.Random(SEED)
    landed = Counter()
    for trial in range(TRIALS):
        url = make_url(backend, request, tmp_path)
        wait_docs, delay = kill_point(rng)
        where = kill_at(ingest_command(inputs, config, url), url, wait_docs, delay)
        landed[where] += 1
        rerun = subprocess.run(ingest_command(inputs, config, url), capture_output=True,
                               text=True, timeout=RUN_TIMEOUT_S)
        context = (f"trial {trial} (seed {SEED}, killed {where}: after {wait_docs} documents"
                   f" + {delay:.2f}s) in {url}")
        assert rerun.returncode == 0, f"{context}: {rerun.stderr}"
        got = snapshot(url, cfg)
        for fact, value in expected.items():
            assert got[fact] == value, f"{context}: {fact} differ from a clean run"
    print(f"\n{backend}: {TRIALS} trials passed; kills landed: "
          + ", ".join(f"{where} {n}" for where, n in landed.most_common()))
    assert sum(n for where, n in landed.items() if where != "after the run ended") >= TRIALS // 2
