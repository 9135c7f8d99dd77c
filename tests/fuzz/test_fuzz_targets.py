"""The short CI run of the atheris fuzz targets in benchmarks/fuzz/: each target runs in
its own process through `run.py` and must finish its executions with zero crashes.

The full run (100,000 executions a target) is `python benchmarks/fuzz/run.py`; its figures
are in docs/reliability.md. Here the slow targets (spaCy parses, trafilatura) run fewer
executions so the whole of tests/fuzz stays near a minute on two cores.
"""
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RUNNER = Path(__file__).resolve().parents[2] / "benchmarks" / "fuzz" / "run.py"
# executions per target in CI: enough for libFuzzer to mutate past every seed
SHORT_RUNS = {"text": 2000, "html": 300, "warc": 500, "feed": 1000, "jsonl": 1000,
              "decode": 2000, "dates": 2000, "quantities": 2000, "gazetteer": 200}


@pytest.fixture(scope="module")
def atheris_available():
    if importlib.util.find_spec("atheris") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("atheris is not installed; CI must run the fuzz targets")
        pytest.skip("atheris is not installed (pip install atheris)")


def test_short_runs_cover_every_target():
    sys.path.insert(0, str(RUNNER.parent))
    try:
        from seeds import TARGETS
    finally:
        sys.path.remove(str(RUNNER.parent))
    assert set(SHORT_RUNS) == set(TARGETS)
    assert all((RUNNER.parent / f"fuzz_{t}.py").is_file() for t in TARGETS)


@pytest.mark.parametrize("target", sorted(SHORT_RUNS))
def test_fuzz_target_runs_without_crashes(target, atheris_available, tmp_path):
    runs = SHORT_RUNS[target]
    proc = subprocess.run([sys.executable, str(RUNNER), target, "--runs", str(runs), "--json",
                           "--max-seconds", "600", "--work", str(tmp_path)],
                          capture_output=True, text=True, timeout=900)
    [result] = json.loads(proc.stdout)
    log = Path(result["artifacts"], "fuzz.log")
    tail = log.read_text(errors="replace")[-3000:] if log.exists() else proc.stderr
    assert result["crashes"] == 0 and result["status"] == "ok", tail
    assert result["executions"] >= runs, tail
    assert proc.returncode == 0
