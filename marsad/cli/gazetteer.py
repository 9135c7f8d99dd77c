"""`marsad gazetteer build | lookup NAME | import FILE...`: the offline gazetteer."""
from __future__ import annotations

import sys
from pathlib import Path

from marsad.cli.common import config, emit
from marsad.errors import UsageError


def _say(message: str) -> None:
    print(f"marsad: {message}", file=sys.stderr)


def run_build(args) -> int:
    """Example: marsad gazetteer build"""
    from marsad.geo import gazetteer

    path = gazetteer.build(config(args), progress=_say)
    _say(f"gazetteer ready: {path}")
    return 0


def run_lookup(args) -> int:
    """Example: marsad gazetteer lookup "Deir Azur" """
    from marsad.geo import gazetteer, ranked_candidates

    gz = gazetteer.open_gazetteer(config(args))
    rows = ranked_candidates(gz, " ".join(args.name))
    for row in rows:
        emit(row)
    if not rows:
        _say(f"no place known as {' '.join(args.name)!r}")
    return 0 if rows else 1


def run_import(args) -> int:
    """Example: marsad gazetteer import SY.zip admin1CodesASCII.txt alternateNamesV2.zip"""
    from marsad.geo import dumps, gazetteer

    files = [Path(f) for f in args.files]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    gz = gazetteer.open_gazetteer(config(args))
    gz.close()
    counts = dumps.import_into(gz.path, files, progress=_say)
    gazetteer.forget(gz.path)
    _say(f"imported into {gz.path}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def register(sub) -> None:
    p = sub.add_parser("gazetteer", help="build, query or extend the offline gazetteer",
                       description="The offline gazetteer (GeoNames + Marsad's curated places).")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    b = verbs.add_parser("build", help="build the gazetteer into the cache directory now")
    b.set_defaults(func=run_build)
    lk = verbs.add_parser("lookup", help="show what Marsad knows about a place name (JSON Lines)")
    lk.add_argument("name", nargs="+", metavar="NAME")
    lk.set_defaults(func=run_lookup)
    im = verbs.add_parser("import", help="add GeoNames dump files (SY.zip, allCountries.zip, "
                                         "admin1CodesASCII.txt, alternateNamesV2.zip)")
    im.add_argument("files", nargs="+", metavar="FILE")
    im.set_defaults(func=run_import)
