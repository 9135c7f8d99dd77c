"""Parse and ingest throughput (documents/s) and peak memory on the benchmark corpus.

    python benchmarks/bench_ingest.py [--docs 3000] [--seed 7] [--corpus DIR] [--until parse]

Builds (or reuses) the corpus of `benchmarks/corpus.py`, then measures each row in a fresh
child process, so each peak RSS (`resource.getrusage`, the child's own maximum) belongs to
that row alone:

- parse:  `Pipeline.for_command("parse")` over `marsad.ingest.sources.iter_inputs`;
- ingest: the `marsad ingest` command into a temporary database, run up to `--until`'s
  stages (parse by default: the store path without the slow model stages);
- ingest, 1 and 2 workers: the same with `--workers 1` (in process) and `--workers 2`, then
  the scaling ratio (2-worker docs/s over 1-worker docs/s).

A row whose command Marsad does not have yet prints "n/a".
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (benchmarks/ is a folder of scripts, not a package)

MEASURES = ("parse", "ingest", "ingest_w1", "ingest_w2")
WORKERS = {"ingest_w1": 1, "ingest_w2": 2}


def peak_rss_mb() -> float:
    """This process's peak resident set size (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_parse(docs_dir: Path, until: str) -> dict:
    from marsad.ingest.sources import iter_inputs
    from marsad.pipeline import Pipeline

    pipeline = Pipeline.for_command("parse")
    errors: list = []
    start = time.perf_counter()
    n = sum(1 for _ in pipeline.process(iter_inputs([str(docs_dir)], pipeline.cfg), on_error=errors.append))
    return {"docs": n, "errors": len(errors), "seconds": time.perf_counter() - start}


def measure_ingest(docs_dir: Path, until: str, workers: int | None = None) -> dict:
    from marsad.cli import build_parser, main

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        argv = ["ingest", str(docs_dir), "--db", str(db), "--until", until]
        if workers is not None:
            argv += ["--workers", str(workers)]
        try:
            build_parser().parse_args(argv)
        except SystemExit:
            return {"na": "marsad has no `ingest` command with --db/--until"
                          + ("/--workers" if workers is not None else "") + " yet"}
        messages = io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stderr(messages):
            status = main(argv)
        seconds = time.perf_counter() - start
        stored = _stored_count(db)
    # The command's summary line ends "..., failed N"; its per-input errors are the other lines.
    failed = re.search(r"failed (\d+)", messages.getvalue())
    return {"docs": stored, "errors": int(failed.group(1)) if failed else None, "seconds": seconds,
            "status": status}


def _stored_count(db: Path) -> int | None:
    """Documents in the store, counted through `marsad docs --format jsonl`."""
    proc = subprocess.run([sys.executable, "-m", "marsad", "docs", "--db", str(db), "--format", "jsonl"],
                          capture_output=True, text=True)
    return sum(1 for line in proc.stdout.splitlines() if line.strip()) if proc.returncode == 0 else None


def run_child(measure: str, docs_dir: Path, until: str) -> dict:
    """Run one measure in a fresh interpreter; its JSON result, or the failure."""
    proc = subprocess.run([sys.executable, __file__, "--measure", measure, "--corpus-docs", str(docs_dir),
                           "--until", until], capture_output=True, text=True)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        return {"failed": f"exit {proc.returncode}: {proc.stderr.strip()[-300:]}"}
    return json.loads(lines[-1])


def row(name: str, result: dict) -> str:
    if "na" in result or "failed" in result:
        return f"{name:<22} {'n/a':>6} {'':>6} {'':>8} {'':>8} {'':>9}  {result.get('na') or result.get('failed')}"
    rate = result["docs"] / result["seconds"] if result["docs"] and result["seconds"] else 0.0
    errors = "-" if result["errors"] is None else str(result["errors"])
    return (f"{name:<22} {result['docs'] if result['docs'] is not None else '-':>6} {errors:>6} "
            f"{result['seconds']:>8.1f} {rate:>8.1f} {result['peak_rss_mb']:>9.0f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=3000, help="documents in the generated corpus")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "marsad-bench-corpus",
                    help="where the corpus is generated (reused when it matches)")
    ap.add_argument("--until", default="parse", choices=("parse", "geoparse", "extract"),
                    help="stages `marsad ingest` runs")
    ap.add_argument("--measure", choices=MEASURES, help=argparse.SUPPRESS)
    ap.add_argument("--corpus-docs", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure:  # child mode: one measure, one JSON line
        if args.measure in WORKERS:
            result = measure_ingest(args.corpus_docs, args.until, WORKERS[args.measure])
        else:
            fn = {"parse": measure_parse, "ingest": measure_ingest}[args.measure]
            result = fn(args.corpus_docs, args.until)
        result["peak_rss_mb"] = peak_rss_mb()
        print(json.dumps(result))
        return 0
    manifest = corpus.generate(args.corpus, args.docs, args.seed)
    docs_dir = args.corpus / "docs"
    print(f"bench_ingest: {manifest['docs']} documents in {manifest['files']} files "
          f"({manifest['bytes'] / 1e6:.1f} MB; {', '.join(f'{k} {v}' for k, v in manifest['per_format'].items())}), "
          f"seed {manifest['seed']}")
    print(f"{'measure':<22} {'docs':>6} {'errors':>6} {'seconds':>8} {'docs/s':>8} {'peak MB':>9}")
    rates = {}
    for measure in MEASURES:
        name = measure if measure == "parse" else f"ingest (--until {args.until})"
        if measure in WORKERS:
            name = f"ingest --workers {WORKERS[measure]}"
        result = run_child(measure, docs_dir, args.until)
        if result.get("docs") and result.get("seconds"):
            rates[measure] = result["docs"] / result["seconds"]
        print(row(name, result), flush=True)
    if "ingest_w1" in rates and "ingest_w2" in rates:
        print(f"scaling, 2 workers over 1: {rates['ingest_w2'] / rates['ingest_w1']:.2f}x "
              f"(peak MB is the parent's alone with workers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
