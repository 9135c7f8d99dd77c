"""`marsad batch | load`: the pipeline over many inputs into Parquet shards, locally or on
a Dask cluster, and the shards into a store."""
from __future__ import annotations

import sys
from pathlib import Path

from marsad.batch import ENGINES, BatchSummary, load, run
from marsad.cli.common import add_db_argument, config
from marsad.cli.progress import IngestProgress
from marsad.pipeline import UP_TO
from marsad.store import open_store
from marsad.workers import worker_count


def run_batch(args) -> int:
    """Example: marsad batch crawl.warc.gz pages/ --out shards/ --engine dask --workers 8"""
    cfg = config(args)
    with IngestProgress() as bar:
        summary = run(args.paths, Path(args.out), cfg, engine=args.engine,
                      workers=worker_count(args.workers, cfg), scheduler=args.scheduler,
                      until=args.until, progress=bar if bar.enabled else None, on_start=_started)
    for note in summary.notes:
        print(f"marsad: {note}", file=sys.stderr)
    print(f"marsad: {summary.line()}" + (f"; see {args.out}/failures/" if summary.failed else ""),
          file=sys.stderr)
    return 1 if summary.failed else 0


def _started(summary: BatchSummary) -> None:
    if summary.dashboard:
        print(f"marsad: Dask dashboard: {summary.dashboard}", file=sys.stderr)


def run_load(args) -> int:
    """Example: marsad load shards/ --db war.db"""
    cfg = config(args)
    with open_store(args.db or cfg["store.path"], cfg) as store, IngestProgress() as bar:
        summary = load(Path(args.dir), store, cfg, progress=bar if bar.enabled else None)
    for note in summary.notes:
        print(f"marsad: {note}", file=sys.stderr)
    print(f"marsad: {summary.line()}", file=sys.stderr)
    return 0


def register(sub) -> None:
    p = sub.add_parser("batch", help="run the pipeline into Parquet shards (locally or on Dask)",
                       description="Run the pipeline over inputs and write documents, events, place "
                       "mentions and failures as Parquet shards partitioned by publication month. "
                       "A rerun skips the chunks already written. See docs/scaling.md.")
    p.add_argument("paths", nargs="+", metavar="INPUT",
                   help="text, HTML, WARC, feed or JSON Lines files, or folders")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the shards")
    p.add_argument("--engine", choices=ENGINES, default="local",
                   help="local: this machine's worker processes; dask: a Dask cluster "
                   "(pip install 'marsad[dask]')")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="a running Dask scheduler (tcp://host:8786); without it --engine dask "
                   "starts a local cluster")
    p.add_argument("--workers", type=int, metavar="N",
                   help="worker processes (default: ingest.workers; 0 or unset means every local "
                   "core); ignored with --scheduler")
    p.add_argument("--until", choices=sorted(UP_TO),
                   help="run the pipeline up to this command's stages (default: the longest one "
                   "available)")
    p.set_defaults(func=run_batch)

    p = sub.add_parser("load", help="load Parquet shards of marsad batch into a store",
                       description="Add the documents, events, places and failures of a marsad "
                       "batch folder to a store (skipping what it holds), then fuse incidents.")
    p.add_argument("dir", metavar="DIR", help="the --out folder of marsad batch")
    add_db_argument(p)
    p.set_defaults(func=run_load)
