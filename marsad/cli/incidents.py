"""`marsad incidents | incident | fuse`: events of all documents fused into incidents."""
from __future__ import annotations

import sys

from marsad import fuse
from marsad.cli.common import add_db_argument, add_filter_arguments, config, emit
from marsad.errors import UsageError
from marsad.records import SECTIONS, STATUSES
from marsad.store import open_store


def _db(args, cfg) -> str:
    return args.db or cfg["store.path"]


def run_incidents(args) -> int:
    """Example: marsad incidents --type RETREAT --place Homs --disputed --format jsonl"""
    cfg = config(args)
    for name, allowed in (("section", SECTIONS), ("status", STATUSES)):
        if getattr(args, name) and getattr(args, name) not in allowed:
            raise UsageError(f"--{name} must be one of {', '.join(allowed)}")
    with open_store(_db(args, cfg), cfg, create=False) as store:
        found = fuse.incidents(store, type=args.type, actor=args.actor, place=args.place,
                               since=args.since, until=args.until, section=args.section,
                               status=args.status, disputed=args.disputed)
    if args.format == "jsonl":
        for inc in found:
            emit(inc)
        return 0
    print(f"{'incident_id':<16} {'type':<9} {'date':<10} {'status':<8} {'reports':>7}  "
          f"{'disputes':<22} {'actor':<12} place")
    for inc in found:
        place = inc.location or inc.origin or inc.destination
        print(f"{inc.incident_id:<16} {inc.type:<9} {inc.date or '-':<10} {inc.status:<8} "
              f"{inc.n_reports:>7}  {','.join(d.field for d in inc.disputes) or '-':<22.22} "
              f"{(inc.actor.id or inc.actor.name) if inc.actor else '-':<12.12} "
              f"{place.name if place else '-'}")
    return 0


def run_incident(args) -> int:
    """Example: marsad incident inc-3f2a9c0d1b7e --db war.db"""
    cfg = config(args)
    with open_store(_db(args, cfg), cfg, create=False) as store:
        inc = store.incident(args.incident)
        if inc is None:
            raise UsageError(f"no incident {args.incident!r} in {_db(args, cfg)}")
        emit({"incident": inc, "reports": fuse.supporting_reports(store, inc)})
    return 0


def run_fuse(args) -> int:
    """Example: marsad fuse --db war.db"""
    cfg = config(args)
    with open_store(_db(args, cfg), cfg, create=False) as store:
        blocks, total = fuse.run(store, cfg)
    print(f"marsad: fused {blocks} block(s); {total} incident(s) stored", file=sys.stderr)
    return 0


def register(sub) -> None:
    p = sub.add_parser("incidents", help="list incidents: events fused across documents")
    add_filter_arguments(p, per_event=False)
    p.add_argument("--disputed", action="store_true", help="only incidents whose sources disagree")
    p.add_argument("--format", choices=("table", "jsonl"), default="table")
    p.set_defaults(func=run_incidents)

    p = sub.add_parser("incident", help="one incident with every supporting sentence and source")
    p.add_argument("incident", metavar="ID")
    add_db_argument(p)
    p.set_defaults(func=run_incident)

    p = sub.add_parser("fuse", help="fuse the events not fused yet into incidents and stories")
    add_db_argument(p)
    p.set_defaults(func=run_fuse)
