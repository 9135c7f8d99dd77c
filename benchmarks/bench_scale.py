"""Scaling of `marsad batch`: 1 and 2 local workers and a 2-worker Dask LocalCluster.

    python benchmarks/bench_scale.py [--docs 3000] [--seed 7] [--until extract] [--sizes 1000,10000]

On the corpus of `benchmarks/corpus.py`, each row runs `marsad.batch.run` in a fresh child
process into a temporary folder and prints documents/s, words/s (words of the processed
bodies), the peak resident memory of the busiest worker process (sampled every 0.2 s; with
one worker the pipeline runs in the child itself) and the scaling ratio over one worker.
Times are wall clock from the call to its return: worker start and model loading included.
Then the bare spaCy pipeline (`marsad.nlp.load_model(nlp.model)`, `nlp.pipe` in one
process) over the same bodies gives spaCy's words per CPU-second (what one core does)
beside the whole pipeline's, with one worker. CPU ms/doc adds up every process of a row (driver and
workers, start-up included): on a shared machine it shows what extra work more workers
cost even when the wall-clock ratio is blurred by other jobs. `--sizes 1000,10000` adds the time of 2 local workers on
corpora of those sizes (near-linear growth shows as a flat seconds-per-1000 column).
The machine is shared: the load average before each row is printed beside it.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (benchmarks/ is a folder of scripts, not a package)

ROWS = (("local", 1), ("local", 2), ("dask", 2))


class PeakRss:
    """Peak RSS (MB) and CPU seconds of each process under this one, sampled in a thread;
    this process's own peak stands in when there is no child (one local worker)."""

    def __init__(self, interval: float = 0.2):
        import psutil

        self.me, self.interval = psutil.Process(), interval
        self.peaks: dict[int, float] = {}
        self.cpu: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        while not self.stop.wait(self.interval):
            for child in self.me.children(recursive=True):
                try:
                    rss = child.memory_info().rss / 2**20
                    times = child.cpu_times()
                except psutil.Error:
                    continue
                self.peaks[child.pid] = max(self.peaks.get(child.pid, 0.0), rss)
                self.cpu[child.pid] = times.user + times.system

    def __enter__(self) -> "PeakRss":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()

    def per_worker(self) -> float:
        import resource

        if self.peaks:
            return max(self.peaks.values())
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(docs_dir: Path, engine: str, workers: int, until: str) -> dict:
    """One batch run; what the table shows, and the bodies' word count."""
    from marsad.batch import run
    from marsad.batch.shards import iter_chunks
    from marsad.config import load_config

    cfg = load_config()
    with tempfile.TemporaryDirectory() as tmp, PeakRss() as rss:
        start, cpu_start = time.perf_counter(), time.process_time()
        summary = run([str(docs_dir)], Path(tmp) / "out", cfg, engine=engine, workers=workers,
                      until=until)
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu_start + sum(rss.cpu.values())
        words = sum(len(json.loads(d["record"])["body"].split())
                    for chunk in iter_chunks(Path(tmp) / "out") for d in chunk.documents)
    return {"docs": summary.documents, "failed": summary.failed, "words": words,
            "seconds": seconds, "rss": rss.per_worker(), "cpu": cpu}


def measure_spacy(docs_dir: Path) -> dict:
    """The bare spaCy pipeline over the bodies Marsad extracts (extraction not timed)."""
    from marsad.config import load_config
    from marsad.ingest.sources import iter_inputs
    from marsad.nlp import load_model
    from marsad.pipeline import Pipeline

    cfg = load_config()
    bodies = [doc.body for doc in Pipeline.for_command("parse", cfg).process(iter_inputs([str(docs_dir)], cfg))]
    nlp = load_model(cfg["nlp.model"])
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(bodies, batch_size=16):
        pass
    return {"docs": len(bodies), "words": sum(len(b.split()) for b in bodies),
            "seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu_start}


def run_child(args: list[str]) -> dict:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        return {"failed_run": f"exit {proc.returncode}: {proc.stderr.strip()[-400:]}"}
    return json.loads(lines[-1])


def load_average() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def print_row(name: str, r: dict, load: str, base: float | None) -> float | None:
    if "failed_run" in r:
        print(f"{name:<24} failed: {r['failed_run']}", flush=True)
        return None
    rate = r["docs"] / r["seconds"]
    # base None: this is the one-worker row; 0: there is no one-worker row to compare with
    ratio = "1.00x" if base is None else (f"{rate / base:.2f}x" if base else "-")
    print(f"{name:<24} {r['docs']:>6} {r['failed']:>6} {r['seconds']:>8.1f} {rate:>8.1f} "
          f"{r['words'] / r['seconds']:>9.0f} {r['rss']:>9.0f} {1000 * r['cpu'] / r['docs']:>10.0f} "
          f"{ratio:>8} {load:>6}", flush=True)
    return rate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=3000, help="documents in the generated corpus")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "marsad-scale-corpus",
                    help="where corpora are generated (reused when they match)")
    ap.add_argument("--until", default="extract", choices=("parse", "geoparse", "extract"))
    ap.add_argument("--sizes", default="", help="comma-separated corpus sizes to time with 2 "
                    "local workers (e.g. 1000,10000)")
    ap.add_argument("--rows", default="local:1,local:2,dask:2",
                    help="engine:workers rows to run (default: all three)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:  # child mode: one measure, one JSON line
        kind, _, rest = args.child.partition(":")
        docs_dir, _, workers = rest.rpartition(":")
        result = measure_spacy(Path(docs_dir)) if kind == "spacy" else \
            measure(Path(docs_dir), kind, int(workers), args.until)
        print(json.dumps(result))
        return 0

    manifest = corpus.generate(args.corpus / str(args.docs), args.docs, args.seed)
    docs_dir = args.corpus / str(args.docs) / "docs"
    print(f"bench_scale: {manifest['docs']} documents in {manifest['files']} files "
          f"({manifest['bytes'] / 1e6:.1f} MB), seed {manifest['seed']}, pipeline up to "
          f"{args.until}, {os.cpu_count()} cores")
    print(f"{'run':<24} {'docs':>6} {'failed':>6} {'seconds':>8} {'docs/s':>8} {'words/s':>9} "
          f"{'MB/worker':>9} {'CPU ms/doc':>10} {'scaling':>8} {'load':>6}")
    base, whole_per_cpu, cpu_per_doc = None, None, {}
    for engine, workers in [(e, int(w)) for e, w in (r.split(":") for r in args.rows.split(","))]:
        load = load_average()
        result = run_child(["--child", f"{engine}:{docs_dir}:{workers}", "--until", args.until])
        baseline = engine == "local" and workers == 1
        rate = print_row(f"batch {engine}, {workers} worker{'s' * (workers > 1)}", result, load,
                         None if baseline else base or 0.0)
        if rate:
            cpu_per_doc[(engine, workers)] = result["cpu"] / result["docs"]
        if engine == "local" and workers == 1 and rate:
            base = rate
            whole_per_cpu = result["words"] / result["cpu"]
    if ("local", 1) in cpu_per_doc and ("local", 2) in cpu_per_doc:
        bound = 2 * cpu_per_doc[("local", 1)] / cpu_per_doc[("local", 2)]
        print(f"CPU per document, 2 local workers over 1: "
              f"{cpu_per_doc[('local', 2)] / cpu_per_doc[('local', 1)]:.2f}x, so on 2 otherwise idle "
              f"cores 2 workers can reach {bound:.2f}x")
    spacy = run_child(["--child", f"spacy:{docs_dir}:1"])
    if "failed_run" in spacy:
        print(f"bare spaCy: failed: {spacy['failed_run']}")
    else:
        # per CPU-second: what one core does, whatever else the machine is running
        bare = spacy["words"] / spacy["cpu"]
        line = f"words per CPU-second (one core): bare spaCy {bare:,.0f} ({spacy['docs']} bodies)"
        if whole_per_cpu:
            line += f", whole pipeline {whole_per_cpu:,.0f}; whole / spaCy: {whole_per_cpu / bare:.2f}"
        print(line)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if sizes:
        print(f"\n{'docs':>8} {'seconds':>9} {'s/1000 docs':>12} {'CPU ms/doc':>10} {'load':>6}   "
              f"(batch local, 2 workers)")
        for n in sizes:
            corpus.generate(args.corpus / str(n), n, args.seed)
            load = load_average()
            r = run_child(["--child", f"local:{args.corpus / str(n) / 'docs'}:2", "--until", args.until])
            if "failed_run" in r:
                print(f"{n:>8} failed: {r['failed_run']}")
                continue
            print(f"{r['docs']:>8} {r['seconds']:>9.1f} {1000 * r['seconds'] / max(r['docs'], 1):>12.1f} "
                  f"{1000 * r['cpu'] / max(r['docs'], 1):>10.0f} {load:>6}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
