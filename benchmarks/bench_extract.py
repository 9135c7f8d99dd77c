"""Extraction throughput next to the bare spaCy pipeline, on the same texts, in one run.

    python benchmarks/bench_extract.py              # dev sets from ../shared, else examples/
    python benchmarks/bench_extract.py --repeat 3   # more text for steadier numbers

Prints a table: documents/s and words/s (one process, so per core) for spaCy alone
(`nlp.pipe` over the same body and comment texts) and for the whole `extract` path
(nlp -> geo -> actors -> events, ingest excluded and timed apart), the share of the
events stage, the ratio extract/spaCy (the figure that matters) and peak memory.
Models and gazetteers load before timing starts.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def texts() -> list[tuple[str, bytes]]:
    found = sorted((SHARED / "dev-gold").glob("*.txt")) + sorted((SHARED / "dev-extra").glob("*.txt"))
    if not found:
        found = sorted((REPO / "examples").glob("*.txt"))
    return [(p.stem, p.read_bytes()) for p in found]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1, help="process the texts this many times")
    args = ap.parse_args()

    from marsad.config import load_config
    from marsad.document import RawInput
    from marsad.nlp import load_model
    from marsad.pipeline import Pipeline

    cfg = load_config()
    pipe = Pipeline.for_command("extract", cfg)
    inputs = texts() * args.repeat
    if not inputs:
        print("no texts found", file=sys.stderr)
        return 1
    # Warm-up: load every model and table once, outside the timings.
    warm = pipe.make_document(RawInput("warm", "warm", inputs[0][1]))
    pipe.annotate([warm])

    t0 = time.perf_counter()
    docs = [pipe.make_document(RawInput(f"{name}-{i}", name, data)) for i, (name, data) in enumerate(inputs)]
    t_ingest = time.perf_counter() - t0
    segments = [seg.text for d in docs for seg in d.segments() if seg.text.strip()]
    words = sum(len(s.split()) for s in segments)

    nlp = load_model(cfg["nlp.model"])
    t0 = time.perf_counter()
    for _ in nlp.pipe(segments, batch_size=64):
        pass
    t_spacy = time.perf_counter() - t0

    stage_time = {}
    for stage in pipe.stages[1:]:
        t0 = time.perf_counter()
        stage.run_batch(docs, cfg)
        stage_time[stage.name] = time.perf_counter() - t0
    t_extract = sum(stage_time.values())
    events = sum(len(d.events) for d in docs)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    n = len(docs)
    print(f"{n} documents, {words} words, {events} events (one process = one core)")
    print(f"{'path':<22}{'seconds':>9}{'docs/s':>10}{'words/s':>11}")
    print(f"{'spaCy nlp.pipe alone':<22}{t_spacy:>9.2f}{n / t_spacy:>10.1f}{words / t_spacy:>11.0f}")
    print(f"{'extract (no ingest)':<22}{t_extract:>9.2f}{n / t_extract:>10.1f}{words / t_extract:>11.0f}")
    for name, secs in stage_time.items():
        print(f"{'  stage ' + name:<22}{secs:>9.2f}{n / secs if secs else float('inf'):>10.1f}"
              f"{words / secs if secs else float('inf'):>11.0f}")
    print(f"{'ingest (apart)':<22}{t_ingest:>9.2f}{n / t_ingest:>10.1f}{words / t_ingest:>11.0f}")
    print(f"ratio extract/spaCy throughput: {t_spacy / t_extract:.2f}")
    print(f"peak memory: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
