"""Fusion time for synthetic event records: it should grow near-linearly.

    python benchmarks/bench_fuse.py [--sizes 10000 100000] [--seed 7]

Each size draws real-world events spread over Syria (type, mode,
actor, town-precise place, day date; one in ten placeless, one in five undated so
that the publication date stands in), and has each reported by one to three documents
with small differences (a place a few km off, a day off, a different source). Two
layouts: `dense` puts every size in the same three years (100,000 records is ten
times as many reports a day), `archive` lengthens the time covered with the size (a
store that grows by ingesting more days). It prints, per layout and size: records,
incidents found, CPU seconds (process time, steadier than wall time on a shared
machine) for blocking+clustering+merging, for stories, in total, and microseconds
per record.
"""
from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marsad.fuse import FuseSettings, Report, fuse_blocks  # noqa: E402
from marsad.fuse.stories import build_stories  # noqa: E402
from marsad.records import EVENT_TYPES, MODES, Actor, Evidence, EventRecord, Place, Source  # noqa: E402

ACTORS = ("SYR_GOV", "ISIS", "HTS", "SDF", "RUS", "TUR", "SYR_REBELS", "CIVILIANS", "FSA", "IRN")
START = date(2016, 1, 1)


def synthetic(n_records: int, seed: int, span_days: int = 3 * 365) -> list[Report]:
    rng = random.Random(seed)
    reports: list[Report] = []
    n_event = 0
    while len(reports) < n_records:
        n_event += 1
        etype = rng.choice(EVENT_TYPES)
        mode = rng.choice(MODES.get(etype, (None,)))
        actor = rng.choice(ACTORS)
        lat, lon = rng.uniform(32.5, 37.0), rng.uniform(35.7, 42.0)
        day = START + timedelta(days=rng.randrange(span_days))
        placeless = rng.random() < 0.1
        for k in range(rng.choice((1, 1, 2, 3))):
            doc = f"d{n_event}-{k}"
            place = None if placeless else Place(
                f"town {n_event}", None, lat + rng.uniform(-0.05, 0.05),
                lon + rng.uniform(-0.05, 0.05), None, "SY", "town")
            when = day + timedelta(days=rng.choice((0, 0, 1)))
            event = EventRecord(
                doc_id=doc, event_id=f"{doc}/e1", type=etype, mode=mode, section="article",
                actor=Actor(actor, actor, None), recipient=None, location=place, origin=None,
                destination=None, date=None if rng.random() < 0.2 else when.isoformat(),
                date_text=None, sources=[Source(rng.choice(("SANA", "SOHR", "Reuters")), None, None)],
                evidence=[Evidence("article", f"report {doc} of event {n_event}")])
            reports.append(Report(event, (when + timedelta(days=1)).isoformat(), f"outlet{k}"))
    return reports[:n_records]


def measure(n: int, seed: int, span_days: int) -> tuple[int, int, float, float]:
    reports = synthetic(n, seed, span_days)
    settings = FuseSettings()
    # The input records live throughout; keep the collector from re-scanning them on
    # every full collection (which alone made 100,000 records cost 1.6x per record).
    gc.collect()
    gc.freeze()
    t0 = time.process_time()
    incidents = [inc for block in fuse_blocks(reports, settings).values() for inc in block]
    t1 = time.process_time()
    build_stories(incidents, settings)
    t2 = time.process_time()
    gc.unfreeze()
    return n, len(incidents), t1 - t0, t2 - t1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    smallest = min(args.sizes)
    print(f"{'layout':<8} {'records':>8} {'days':>6} {'incidents':>9} {'cluster s':>9} "
          f"{'stories s':>9} {'total s':>8} {'us/record':>9}")
    for layout in ("dense", "archive"):
        for n in args.sizes:
            span = 3 * 365 if layout == "dense" else 3 * 365 * n // smallest
            n, found, cluster, stories = measure(n, args.seed, span)
            total = cluster + stories
            print(f"{layout:<8} {n:>8} {span:>6} {found:>9} {cluster:>9.2f} {stories:>9.2f} "
                  f"{total:>8.2f} {total / n * 1e6:>9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
