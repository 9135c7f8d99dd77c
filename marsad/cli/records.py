"""`marsad parse | geoparse | extract FILE...`: print contract records, one JSON line each."""
from __future__ import annotations

from marsad.cli.common import ErrorReport, check_date, config, emit
from marsad.ingest.sources import iter_inputs
from marsad.pipeline import Pipeline
from marsad.workers import warm_up


def _records(command: str, doc):
    if command == "parse":
        return [doc.record()]
    if command == "geoparse":
        return doc.place_records()
    return doc.events


def run_records(args) -> int:
    """Example: marsad extract reports/*.html --published 2018-02-10"""
    cfg = config(args)
    report = ErrorReport()
    pipeline = Pipeline.for_command(args.command, cfg)
    warm_up(pipeline)  # a gazetteer built on first use must not eat a document's time budget
    docs = pipeline.process(iter_inputs(args.files, cfg), published=check_date(args.published),
                            on_error=report)
    for doc in docs:
        for rec in _records(args.command, doc):
            emit(rec)
    return report.status


def register(sub) -> None:
    helps = {"parse": "print the document record of each input",
             "geoparse": "print every place mention of each input",
             "extract": "print the event records of each input"}
    for name, text in helps.items():
        p = sub.add_parser(name, help=text, description=text + " (JSON Lines on stdout)")
        p.add_argument("files", nargs="+", metavar="FILE",
                       help="text, HTML, WARC, feed or JSON Lines files, folders, or - for stdin")
        p.add_argument("--published", metavar="YYYY-MM-DD",
                       help="publication date of the inputs, for resolving relative dates")
        p.set_defaults(func=run_records)
