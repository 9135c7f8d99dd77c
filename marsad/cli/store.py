"""`marsad ingest | docs | show`: fill the store and look inside it."""
from __future__ import annotations

import sys

from marsad.cli.common import add_db_argument, config, emit
from marsad.cli.progress import IngestProgress
from marsad.errors import UsageError
from marsad.pipeline import UP_TO
from marsad.runner import IngestSummary, choose_pipeline, ingest, retry_failed
from marsad.store import open_store
from marsad.workers import worker_count


def run_ingest(args) -> int:
    """Example: marsad ingest reports/ crawl.warc.gz --db war.db"""
    if bool(args.paths) == args.retry_failed:
        raise UsageError("give PATHs to ingest, or --retry-failed alone")
    cfg = config(args)
    with open_store(args.db or cfg["store.path"], cfg) as store:
        pipeline, notes = choose_pipeline(cfg, args.until)
        for note in notes:
            print(f"marsad: {note}", file=sys.stderr)
        workers = worker_count(args.workers, cfg)
        with IngestProgress() as bar:
            progress = bar if bar.enabled else None
            summary = (retry_failed(store, pipeline, cfg, progress, workers) if args.retry_failed
                       else ingest(args.paths, store, pipeline, cfg, progress, workers=workers))
    _print_summary(summary)
    return 1 if summary.failed else 0


def _print_summary(summary: IngestSummary) -> None:
    for note in summary.notes:
        print(f"marsad: {note}", file=sys.stderr)
    print(f"marsad: {summary.line()}", file=sys.stderr)
    for err in summary.failures:
        print(f"marsad: {err}", file=sys.stderr)


def run_docs(args) -> int:
    """Example: marsad docs --db war.db --format jsonl"""
    cfg = config(args)
    with open_store(args.db or cfg["store.path"], cfg, create=False) as store:
        if args.format == "jsonl":
            for record in store.documents():
                emit(record)
            return 0
        print(f"{'doc_id':<24} {'outlet':<18} {'date':<10} {'comments':>8}  "
              f"{'duplicate_of':<24} title")
        for d in store.summaries():
            print(f"{d.doc_id:<24} {d.outlet or '-':<18.18} {d.published or '-':<10.10} "
                  f"{d.n_comments:>8}  {d.duplicate_of or '-':<24} {(d.title or '-')[:70]}")
    return 0


def run_show(args) -> int:
    """Example: marsad show 000_d757 --db war.db"""
    cfg = config(args)
    with open_store(args.db or cfg["store.path"], cfg, create=False) as store:
        record = store.document(args.doc)
    if record is None:
        raise UsageError(f"no document {args.doc!r} in {args.db or cfg['store.path']}")
    emit(record)
    return 0


def register(sub) -> None:
    p = sub.add_parser("ingest", help="store documents (resumable, deduplicated)",
                       description="Run the pipeline over inputs and store each document with its "
                       "raw bytes, records, events and places. Already stored inputs are skipped; "
                       "near-duplicates are linked to their original.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="text, HTML, WARC, feed or JSON Lines files, folders, or - for stdin")
    add_db_argument(p)
    p.add_argument("--retry-failed", action="store_true",
                   help="ingest again the inputs that failed before")
    p.add_argument("--until", choices=sorted(UP_TO),
                   help="run the pipeline up to this command's stages "
                   "(default: the longest one available)")
    p.add_argument("--workers", type=int, metavar="N",
                   help="worker processes for the pipeline (default: ingest.workers; 0 or unset "
                   "means every local core; 1 runs in this process); output is the same for any N")
    p.set_defaults(func=run_ingest)

    p = sub.add_parser("docs", help="list stored documents")
    add_db_argument(p)
    p.add_argument("--format", choices=("table", "jsonl"), default="table",
                   help="a table for people, or document records as JSON Lines")
    p.set_defaults(func=run_docs)

    p = sub.add_parser("show", help="print one stored document record (JSON)")
    p.add_argument("doc", metavar="DOC", help="the document's doc_id")
    add_db_argument(p)
    p.set_defaults(func=run_show)
