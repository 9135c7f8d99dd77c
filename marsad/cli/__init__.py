"""The `marsad` command: one sub-command per verb, each a thin skin over the library.

Verb modules register themselves through `register(subparsers)`; each sets
`func(args) -> int` (the exit status). Records go to stdout as JSON Lines; progress,
warnings and errors go to stderr.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from marsad.errors import MarsadError

# Verb-group modules, in the order `marsad --help` lists them.
VERB_MODULES = [
    "marsad.cli.records",     # parse, geoparse, extract
    "marsad.cli.store",       # ingest, docs, show
    "marsad.cli.batch",       # batch (local or Dask, Parquet shards), load
    "marsad.cli.incidents",   # incidents, incident ID, fuse
    "marsad.cli.events",      # events (filtered)
    "marsad.cli.export",      # export --format acled-csv|plover-json|geojson|parquet|...
    "marsad.cli.gazetteer",   # gazetteer lookup / import
    "marsad.cli.evaluate",    # eval GOLD_DIR
    "marsad.cli.pipeline",    # pipeline --explain
    "marsad.cli.serve",       # serve (web pages and JSON API)
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="marsad", description="Turn war reporting into a sourced, geocoded record of events.")
    parser.add_argument("--config", help="a TOML file overriding marsad/defaults.toml")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in VERB_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name != name:
                raise
            continue  # a verb group still being built
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except MarsadError as e:
        print(f"marsad: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `marsad docs | head` is normal use
        return 0
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
