"""`marsad export`: the stored event records in one of the field's formats."""
from __future__ import annotations

import sys

from marsad.cli.common import add_filter_arguments, config
from marsad.cli.events import event_filter
from marsad.export import EXPORTERS, export_to
from marsad.store import open_store


def run_export(args) -> int:
    """Example: marsad export --format acled-csv --type ASSAULT -o strikes.csv --db war.db"""
    cfg, filters = config(args), event_filter(args)
    with open_store(args.db or cfg["store.path"], cfg, create=False) as store:
        report = export_to(store, args.format, filters, args.output, args.all)
    for note in report.notes:
        print(f"marsad: {note}", file=sys.stderr)
    where = ", ".join(f"{k}={v}" for k, v in filters.active().items())
    print(f"marsad: {report.written} event(s) exported as {args.format}"
          + (f" ({where})" if where else ""), file=sys.stderr)
    return 0


def register(sub) -> None:
    p = sub.add_parser("export", help="export stored events (ACLED CSV, PLOVER, GeoJSON, ...)",
                       description="Write the stored event records that pass every filter given "
                       "in one format: " + "; ".join(f"{e.name}: {e.description}"
                                                     for e in EXPORTERS.values()) + ".")
    p.add_argument("--format", required=True, choices=list(EXPORTERS), help="output format")
    add_filter_arguments(p)
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--all", action="store_true",
                   help="acled-csv: keep events with no ACLED type (statements)")
    p.set_defaults(func=run_export)
