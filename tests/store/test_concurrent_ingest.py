"""Two `marsad ingest` processes into one store at once (a team sharing a database):
every input stored exactly once, whichever process stored it, on each backend."""
import random
import subprocess
import sys

import pytest

from marsad.store import open_store

N_DOCS = 40


def generated_report(rng: random.Random, vocabulary: list[str]) -> str:
    """Random words: no two reports share a shingle run long enough to link them."""
    return "Report\n\n" + " ".join(rng.choice(vocabulary) for _ in range(80)) + ".\n"


@pytest.mark.slow
def test_two_ingests_at_once_store_each_input_once(store_url, cfg, tmp_path):
    rng = random.Random(2018)
    vocabulary = ["".join(rng.choice("abcdefghiklmnoprstuy") for _ in range(rng.randint(3, 8)))
                  for _ in range(500)]
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for i in range(N_DOCS):
        (inputs / f"doc{i:03d}.txt").write_text(generated_report(rng, vocabulary), encoding="utf-8")
    (tmp_path / "small_batches.toml").write_text("[store]\nbatch_size = 3\n")
    open_store(store_url, cfg).close()  # both start on a migrated store
    command = [sys.executable, "-m", "marsad", "--config", str(tmp_path / "small_batches.toml"),
               "ingest", str(inputs), "--db", store_url, "--until", "parse", "--workers", "1"]
    runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in runs]
    for code, stderr in results:
        assert code == 0, stderr
    stored = [int(stderr.split("stored ")[1].split()[0]) for _, stderr in results]
    assert sum(stored) == N_DOCS, stored
    print(f"stored by each process: {stored}")
    with open_store(store_url, cfg, create=False) as store:
        assert sorted(d.doc_id for d in store.summaries()) == [f"doc{i:03d}" for i in range(N_DOCS)]
        assert store._one("SELECT COUNT(DISTINCT content_hash) FROM documents")[0] == N_DOCS
        assert store.count("dedup_bands") == N_DOCS * cfg["store.dedup_bands"]
        assert store.failures() == []
