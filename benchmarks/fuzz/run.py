"""Run every atheris fuzz target for a number of executions and print a table.

    python benchmarks/fuzz/run.py                      # 100,000 executions per target
    python benchmarks/fuzz/run.py --runs 2000 --json   # a short run, results as JSON
    python benchmarks/fuzz/run.py html warc            # only these targets

Each target (`fuzz_<name>.py`) runs in its own process, one after another, at a lower
priority (`--nice`), from seeds written by `seeds.py` into a fresh corpus directory. An
input that raises anything but Marsad's numbered InputError, breaks a checked contract,
takes longer than `--timeout` seconds or pushes memory past `--rss-mb` is a crash: libFuzzer
stops the target and writes the input to the artifacts directory, whose path is printed.
A target stopped by `--max-seconds` before its executions are done shows fewer executions.
Exit status 1 when any target crashed or did not start.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from seeds import TARGETS, seeds  # noqa: E402

_DONE = re.compile(r"Done (\d+) runs in")
_EXECUTED = re.compile(r"stat::number_of_executed_units:\s*(\d+)")
_CRASH_PREFIXES = ("crash-", "timeout-", "oom-", "leak-", "slow-unit-")


@dataclass
class Result:
    target: str
    executions: int
    seconds: float
    exec_per_s: float
    crashes: int
    peak_rss_mb: float
    status: str         # ok | crash | error
    artifacts: str      # directory of the crashing inputs and the log


def _executions(log: str) -> int:
    found = _EXECUTED.findall(log) or _DONE.findall(log)
    return int(found[-1]) if found else 0


def run_target(name: str, runs: int, timeout: int, rss_mb: int, max_seconds: int,
               nice: int, work: Path) -> Result:
    """Fuzz one target in a child process; its peak RSS is read from that child alone."""
    corpus, artifacts = work / name / "corpus", work / name / "artifacts"
    corpus.mkdir(parents=True)
    artifacts.mkdir(parents=True)
    for i, seed in enumerate(seeds(name)):
        (corpus / f"seed-{i}").write_bytes(seed)
    scratch = work / name / "tmp"
    scratch.mkdir()
    log_path = artifacts / "fuzz.log"
    cmd = [sys.executable, str(HERE / f"fuzz_{name}.py"), f"-runs={runs}", f"-timeout={timeout}",
           f"-rss_limit_mb={rss_mb}", f"-max_total_time={max_seconds}", "-print_final_stats=1",
           f"-artifact_prefix={artifacts}/", str(corpus)]
    start = time.monotonic()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=HERE,
                                env={**os.environ, "TMPDIR": str(scratch)},
                                preexec_fn=(lambda: os.nice(nice)) if nice else None)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except KeyboardInterrupt:
            proc.kill()
            raise
        proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - start
    text = log_path.read_text(errors="replace")
    crashes = sum(1 for p in artifacts.iterdir() if p.name.startswith(_CRASH_PREFIXES))
    executions = _executions(text)
    if crashes:
        state = "crash"
    elif proc.returncode != 0 or executions == 0:
        state, crashes = "error", 1   # a target that dies without an artifact still failed
    else:
        state = "ok"
    return Result(name, executions, round(seconds, 1), round(executions / max(seconds, 1e-9), 1),
                  crashes, round(usage.ru_maxrss / 1024, 1), state, str(artifacts))


def print_table(results: list[Result]) -> None:
    print("| target | executions | seconds | exec/s | crashes | peak RSS |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(f"| {r.target} | {r.executions:,} | {r.seconds:.1f} | {r.exec_per_s:,.0f} | "
              f"{r.crashes} | {r.peak_rss_mb:.0f} MB |")
    for r in results:
        if r.status != "ok":
            print(f"{r.target}: {r.status}; inputs and log in {r.artifacts}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("targets", nargs="*", choices=[[], *TARGETS], metavar="TARGET",
                    help=f"targets to run (default: all of {', '.join(TARGETS)})")
    ap.add_argument("--runs", type=int, default=100_000, help="executions per target")
    ap.add_argument("--timeout", type=int, default=30,
                    help="seconds one input may take (generous: the machine may be shared)")
    ap.add_argument("--rss-mb", type=int, default=2048, help="memory limit of a target")
    ap.add_argument("--max-seconds", type=int, default=3600, help="wall-time limit of a target")
    ap.add_argument("--nice", type=int, default=10, help="niceness of the fuzzing processes")
    ap.add_argument("--work", help="where corpora, artifacts and results.jsonl go "
                                   "(default: a new temp dir)")
    ap.add_argument("--json", action="store_true", help="print results as JSON, not a table")
    args = ap.parse_args(argv)
    work = Path(args.work or tempfile.mkdtemp(prefix="marsad-fuzz-run-"))
    results = []
    for name in args.targets or TARGETS:
        results.append(run_target(name, args.runs, args.timeout, args.rss_mb, args.max_seconds,
                                  args.nice, work))
        with open(work / "results.jsonl", "a") as done:  # kept if a long run is stopped midway
            done.write(json.dumps(asdict(results[-1])) + "\n")
        if not args.json:
            print(f"{name}: {results[-1].executions:,} executions, {results[-1].status}",
                  file=sys.stderr)
    if args.json:
        print(json.dumps([asdict(r) for r in results], indent=1))
    else:
        print_table(results)
    return 1 if any(r.status != "ok" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
