"""Fusion time for synthetic event records: it should grow near-linearly.

    python benchmarks/bench_fuse.py [--sizes 10000 100000] [--seed 7] [--batch 1000]
    python benchmarks/bench_fuse.py --store 20000 [--batch 100]   # through a SQLite store

Each size draws real-world events spread over Syria (type, mode, actor, town-precise
place, a day date, sometimes only its month or year; one in ten placeless, one in five
with no date of its own so that the publication date stands in, and one in fifty with
no date and no publication date at all), and has each reported by one to three
documents with small differences (a place a few km off, a day off, a different
source). Two layouts: `dense` puts every size in the same three years (100,000 records
is ten times as many reports a day), `archive` lengthens the time covered with the
size (a store that grows by ingesting more days). It prints, per layout and size:
records, incidents found, the largest block, CPU seconds (process time, steadier than
wall time on a shared machine) for blocking+clustering+merging, for stories, in total,
microseconds per record, and the incremental case: the latest `--batch` records (by
publication date) fused into a store already holding the others (`marsad.fuse.fuse_new` over an in-memory
store), its CPU seconds and how many stored records it re-clustered. With `--store N`
it instead stores N dense records in a SQLite file (one document each), fuses them with
`fuse.run`, adds the latest `--batch` as new documents and times that second `fuse.run`
(which relinks only the stories its incidents touch), then times reading every incident
and linking them all, and says whether that gives the same stories (`same`).
"""
from __future__ import annotations

import argparse
import gc
import tempfile
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marsad import fuse  # noqa: E402
from marsad.config import load_config  # noqa: E402
from marsad.fuse import FuseSettings, Report, fuse_blocks, fuse_new  # noqa: E402
from marsad.fuse.blocking import index_keys, kind  # noqa: E402
from marsad.fuse.stories import build_stories  # noqa: E402
from marsad.records import (EVENT_TYPES, MODES, Actor, DocumentRecord, Evidence,  # noqa: E402
                            EventRecord, Place, Source)
from marsad.store import Prepared, content_hash, open_store  # noqa: E402

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
        precision = rng.choices((10, 7, 4), weights=(90, 8, 2))[0]  # day, month or year date
        for k in range(rng.choice((1, 1, 2, 3))):
            doc = f"d{n_event}-{k}"
            place = None if placeless else Place(
                f"town {n_event}", None, lat + rng.uniform(-0.05, 0.05),
                lon + rng.uniform(-0.05, 0.05), None, "SY", "town")
            when = day + timedelta(days=rng.choice((0, 0, 1)))
            timeless = rng.random() < 0.02
            dated = not timeless and rng.random() >= 0.2
            event = EventRecord(
                doc_id=doc, event_id=f"{doc}/e1", type=etype, mode=mode, section="article",
                actor=Actor(actor, actor, None), recipient=None, location=place, origin=None,
                destination=None, date=when.isoformat()[:precision] if dated else None,
                date_text=None, sources=[Source(rng.choice(("SANA", "SOHR", "Reuters")), None, None)],
                evidence=[Evidence("article", f"report {doc} of event {n_event}")])
            published = None if timeless else (when + timedelta(days=1)).isoformat()
            reports.append(Report(event, published, f"outlet{k}"))
    return reports[:n_records]


class MemoryStore:
    """The incidents part of a store, in memory: what `fuse_new` reads and writes when
    it leaves stories alone (`--store` times them through a real store)."""

    def __init__(self, reports: list[Report], settings: FuseSettings):
        self.fresh, self.block_of, self.keys, self.blocks, self.reloaded = reports, {}, {}, {}, 0
        self.by_id = {r.event.event_id: r for r in reports}
        self.settings = settings

    def unfused_reports(self) -> list[Report]:
        return self.fresh

    def fused_reports_with_keys(self, wanted):
        ids = {e for k in wanted for e in self.keys.get(k, ())}
        return [(self.by_id[e], self.block_of[e]) for e in sorted(ids)]

    def reports_in_blocks(self, blocks):
        out = [self.by_id[e] for b in blocks for inc in self.blocks[b] for e in inc.event_ids]
        self.reloaded += len(out)
        return out

    def replace_incident_blocks(self, redone, assigned):
        for block, found in redone.items():
            self.blocks.pop(block, None)
            if found:
                self.blocks[block] = found
        self.block_of.update(assigned)

    def file_fusion_keys(self, rows):
        for event_id, k, key in rows:
            self.keys.setdefault((k, key), []).append(event_id)

    def add(self, reports: list[Report]) -> None:
        self.fresh = reports
        self.by_id.update((r.event.event_id, r) for r in reports)


def measure(n: int, seed: int, span_days: int, batch: int) -> dict:
    reports = synthetic(n, seed, span_days)
    settings = FuseSettings()
    # The input records live throughout; keep the collector from re-scanning them on
    # every full collection (which alone made 100,000 records cost 1.6x per record).
    gc.collect()
    gc.freeze()
    t0 = time.process_time()
    blocks = fuse_blocks(reports, settings)
    t1 = time.process_time()
    incidents = [inc for block in blocks.values() for inc in block]
    build_stories(incidents, settings)
    t2 = time.process_time()
    # Incremental: the store holds all but the latest batch (news arrives in time order;
    # records without any date count as old), fused and filed, then fuses the batch.
    reports = sorted(reports, key=lambda r: r.published or r.event.date or "")
    old = reports[:-batch]
    store = MemoryStore(old, settings)
    store.replace_incident_blocks(fuse_blocks(old, settings), [])
    store.block_of = {e: b for b, found in store.blocks.items() for inc in found for e in inc.event_ids}
    store.file_fusion_keys([(r.event.event_id, kind(r), key) for r in old
                            for key in index_keys(r, settings)])
    store.add(reports[-batch:])
    t3 = time.process_time()
    fuse_new(store, settings, link=False)
    t4 = time.process_time()
    gc.unfreeze()
    return {"records": n, "incidents": len(incidents),
            "largest": max(len({e for inc in b for e in inc.event_ids}) for b in blocks.values()),
            "cluster": t1 - t0, "stories": t2 - t1, "batch": t4 - t3, "reloaded": store.reloaded}


def _document(report: Report) -> Prepared:
    name = report.doc_id
    return Prepared(DocumentRecord(name, None, None, name, report.published, "en", report.outlet,
                                   name), name, name.encode(), content_hash(name.encode()), None,
                    "extract", [report.event])


def measure_store(n: int, seed: int, batch: int) -> None:
    """`fuse.run` on a SQLite store of n records, then on `batch` new ones."""
    cfg = load_config()
    reports = sorted(synthetic(n, seed), key=lambda r: r.published or r.event.date or "")
    with tempfile.TemporaryDirectory() as tmp, open_store(f"{tmp}/bench.db", cfg) as store:
        for r in reports[:-batch]:
            store.add(_document(r))
        store.commit()
        t0 = time.perf_counter()
        fuse.run(store, cfg)
        t1 = time.perf_counter()
        for r in reports[-batch:]:
            store.add(_document(r))
        store.commit()
        t2, c2 = time.perf_counter(), time.process_time()
        blocks, incidents = fuse.run(store, cfg)
        t3, c3 = time.perf_counter(), time.process_time()
        relinked = store.stories()
        everything = build_stories(store.incidents(), FuseSettings.from_config(cfg))
        t4 = time.perf_counter()
    print(f"{'stored':>7} {'new':>5} {'incidents':>9} {'stories':>7} {'first run s':>11} "
          f"{'new run s':>9} {'cpu s':>6} {'blocks':>6} {'full relink s':>13} {'same':>5}")
    print(f"{n - batch:>7} {batch:>5} {incidents:>9} {len(everything):>7} {t1 - t0:>11.2f} "
          f"{t3 - t2:>9.2f} {c3 - c2:>6.2f} {blocks:>6} {t4 - t3:>13.2f} "
          f"{'yes' if relinked == everything else 'NO':>5}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, default=1000, help="records fused incrementally")
    parser.add_argument("--store", type=int, default=0, metavar="N",
                        help="measure fuse.run on a SQLite store of N records instead")
    args = parser.parse_args()
    if args.store:
        measure_store(args.store, args.seed, args.batch)
        return 0
    smallest = min(args.sizes)
    print(f"{'layout':<8} {'records':>8} {'days':>6} {'incidents':>9} {'largest':>7} "
          f"{'cluster s':>9} {'stories s':>9} {'total s':>8} {'us/record':>9} "
          f"{'batch s':>8} {'reloaded':>8}")
    for layout in ("dense", "archive"):
        for n in args.sizes:
            span = 3 * 365 if layout == "dense" else 3 * 365 * n // smallest
            m = measure(n, args.seed, span, args.batch)
            total = m["cluster"] + m["stories"]
            print(f"{layout:<8} {n:>8} {span:>6} {m['incidents']:>9} {m['largest']:>7} "
                  f"{m['cluster']:>9.2f} {m['stories']:>9.2f} {total:>8.2f} "
                  f"{total / n * 1e6:>9.0f} {m['batch']:>8.2f} {m['reloaded']:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
