"""`marsad events`: the stored event records that pass some filters."""
from __future__ import annotations

import sys

from marsad.cli.common import add_filter_arguments, config
from marsad.export import EXPORTERS, ExportContext, flat_row
from marsad.store import open_store
from marsad.store.filters import EventFilter

# (column title, flat_row key) of the table shown on a terminal.
TABLE = (("date", "date"), ("event", "event_id"), ("type", "type"), ("mode", "mode"),
         ("actor", "actor_name"), ("recipient", "recipient_name"), ("place", "place_name"),
         ("status", "status"), ("killed", "fatalities"))
CELL_WIDTH = 36


def event_filter(args) -> EventFilter:
    return EventFilter(type=args.type, actor=args.actor, place=args.place, since=args.since,
                       until=args.until, section=args.section, status=args.status,
                       source=args.source, doc_id=args.doc_id)


def run_events(args) -> int:
    """Example: marsad events --db war.db --type RETREAT --place Homs --format csv"""
    cfg, filters = config(args), event_filter(args)
    with open_store(args.db or cfg["store.path"], cfg, create=False) as store:
        events = store.query_events(filters, limit=args.limit)
    if args.format == "table":
        print_table([flat_row(e) for e in events], sys.stdout)
    else:
        EXPORTERS[args.format].write(events, sys.stdout, ExportContext())
    return 0


def print_table(rows: list[dict], out) -> None:
    """A rich table on a terminal; tab-free aligned plain text when piped."""
    cells = [[_cell(row[key]) for _, key in TABLE] for row in rows]
    if out.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(*(title for title, _ in TABLE))
        for line in cells:
            table.add_row(*line)
        Console(file=out).print(table)
        return
    widths = [max([len(title)] + [len(line[i]) for line in cells]) for i, (title, _) in
              enumerate(TABLE)]
    for line in [[title for title, _ in TABLE]] + cells:
        out.write("  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() + "\n")


def _cell(value) -> str:
    text = "-" if value is None else " ".join(str(value).split())
    return text if len(text) <= CELL_WIDTH else text[:CELL_WIDTH - 1] + "…"


def register(sub) -> None:
    p = sub.add_parser("events", help="list stored event records, filtered",
                       description="Print the stored event records that pass every filter given, "
                       "ordered by date (undated last) then event_id.")
    add_filter_arguments(p)
    p.add_argument("--format", choices=("jsonl", "csv", "table"), default="jsonl",
                   help="event records as JSON Lines, flat CSV rows, or a table for people")
    p.add_argument("--limit", type=int, help="print at most N events")
    p.set_defaults(func=run_events)
