"""The offline gazetteer: a SQLite file of places and their spellings.

Built once from installed registry data and the repo's data files (see
`marsad.geo.sources`) into the cache directory (`geo.cache_dir`), under a name keyed
by a hash of its inputs, then opened read-only: opening takes milliseconds and a
lookup is an index probe. `marsad gazetteer import` adds GeoNames dump files to it.

Tables: `place` (one row per place, with its admin1 and a bounding box used to shift
directional phrases), `alias` (every spelling of a place by `normalize.key` and
`normalize.skeleton`), `meta` (inputs hash, imported files).
"""
from __future__ import annotations

import functools
import hashlib
import os
import sqlite3
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator

from marsad.config import Config
from marsad.geo import normalize

SCHEMA_VERSION = "4"
# Fuzzy matching only considers towns at least this big (and curated places, units).
FUZZY_MIN_POPULATION = 10_000
KEY_CACHE_SIZE = 200_000

SCHEMA = """
CREATE TABLE place (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL,
    lat REAL, lon REAL, country TEXT, admin1_code TEXT, admin1 TEXT, population INTEGER,
    feature TEXT, precision TEXT, source TEXT,
    south REAL, west REAL, north REAL, east REAL);
CREATE TABLE alias (key TEXT NOT NULL, skel TEXT NOT NULL, place INTEGER NOT NULL,
    name TEXT NOT NULL, main INTEGER NOT NULL);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE fuzzy_key (key TEXT PRIMARY KEY) WITHOUT ROWID;
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS alias_key ON alias(key);
CREATE INDEX IF NOT EXISTS alias_skel ON alias(skel);
CREATE INDEX IF NOT EXISTS place_admin ON place(country, admin1_code, feature);
"""
PLACE_COLUMNS = ("geonameid", "name", "lat", "lon", "country", "admin1_code", "admin1",
                 "population", "feature", "precision", "source", "south", "west", "north", "east")


@dataclass(frozen=True)
class PlaceRow:
    """A place as a source gives it, before it gets a row id."""
    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1_code: str | None
    admin1: str | None
    population: int
    feature: str
    precision: str
    source: str
    aliases: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None   # south, west, north, east


@dataclass(frozen=True)
class Candidate:
    """A place a name may refer to, with how the name matched it."""
    id: int
    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1_code: str | None
    admin1: str | None
    population: int
    feature: str
    precision: str
    source: str
    bbox: tuple[float, float, float, float] | None
    matched: str = ""      # the spelling that matched
    how: str = "key"       # exact, key, skeleton, fuzzy


# ---------------------------------------------------------------- locations

def cache_dir(cfg: Config | None) -> Path:
    configured = cfg.get("geo.cache_dir") if cfg is not None else None
    if configured:
        return Path(os.path.expanduser(str(configured)))
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "marsad"


def input_files(cfg: Config | None) -> list[Path]:
    from marsad.geo import sources

    return sources.input_files(cfg)


def inputs_hash(cfg: Config | None) -> str:
    """Changes when any input of the build changes (data files, package versions, schema)."""
    from marsad.geo import sources

    h = hashlib.sha256(SCHEMA_VERSION.encode())
    h.update(sources.fingerprint(cfg).encode())
    for p in input_files(cfg):
        h.update(str(p).encode())
        h.update(p.read_bytes() if p.exists() else b"-")
    return h.hexdigest()[:12]


def db_path(cfg: Config | None) -> Path:
    return cache_dir(cfg) / f"gazetteer-{inputs_hash(cfg)}.sqlite"


# ---------------------------------------------------------------- building

def _aliases(row: PlaceRow) -> Iterator[tuple[str, str, str, int]]:
    seen = set()
    for i, name in enumerate((row.name, *row.aliases)):
        if not name or not normalize.is_latin(name):
            continue
        k = normalize.key(name)
        if len(k) < 2 or (k, name) in seen:
            continue
        seen.add((k, name))
        yield k, normalize.skeleton_of_key(k), name, int(i == 0)


def write_places(con: sqlite3.Connection, rows: Iterable[PlaceRow]) -> int:
    """Insert places; a row whose geonameid is already present updates that place instead."""
    n = 0
    cur = con.cursor()
    for row in rows:
        existing = None
        if row.geonameid is not None:
            existing = cur.execute("SELECT id, population FROM place WHERE geonameid = ?",
                                   (row.geonameid,)).fetchone()
        if existing:  # a refinement keeps what the earlier source knew better (population)
            row = replace(row, population=max(row.population, existing[1] or 0))
        values = _place_values(row)
        if existing:
            pid = existing[0]
            cur.execute(f"UPDATE place SET {', '.join(c + ' = ?' for c in PLACE_COLUMNS)} "
                        "WHERE id = ?", (*values, pid))
        else:
            cur.execute(f"INSERT INTO place ({', '.join(PLACE_COLUMNS)}) "
                        f"VALUES ({', '.join('?' * len(PLACE_COLUMNS))})", values)
            pid = cur.lastrowid
        have = {r[0] for r in cur.execute("SELECT name FROM alias WHERE place = ?", (pid,))} \
            if existing else set()
        cur.executemany("INSERT INTO alias (key, skel, place, name, main) VALUES (?, ?, ?, ?, ?)",
                        [(k, s, pid, name, main) for k, s, name, main in _aliases(row)
                         if name not in have])
        n += 1
    return n


def _place_values(row: PlaceRow) -> tuple:
    south, west, north, east = row.bbox or (None, None, None, None)
    return (row.geonameid, row.name, row.lat, row.lon, row.country, row.admin1_code, row.admin1,
            row.population, row.feature, row.precision, row.source, south, west, north, east)


def build(cfg: Config | None, target: Path | None = None, progress=None) -> Path:
    """Build the gazetteer from every registered source into `target` (atomically)."""
    from marsad.geo import dumps, sources

    target = target or db_path(cfg)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_orphan_builds(target.parent)
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000;" + SCHEMA
                          + "CREATE INDEX place_geonameid ON place(geonameid);"
                          + "CREATE INDEX alias_place ON alias(place);")
        for name, rows in sources.all_sources(cfg):
            n = write_places(con, rows)
            if progress:
                progress(f"{name}: {n} places")
        con.executescript(INDEXES)
        con.execute("INSERT INTO meta VALUES ('inputs', ?)", (inputs_hash(cfg),))
        refresh_fuzzy_keys(con)
        con.commit()
        for f in previous_imports(target.parent):
            if Path(f).exists():
                dumps.import_files(con, [Path(f)], progress)
        con.commit()
    except BaseException:  # a failed or interrupted build leaves no half-written file
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(tmp, target)
    return target


def remove_orphan_builds(directory: Path) -> None:
    """Delete unfinished builds of processes that no longer run (killed mid-build): each is
    a gazetteer-sized file nobody will finish."""
    for tmp in directory.glob("gazetteer-*.tmp*"):
        pid = tmp.suffix[len(".tmp"):]
        if pid.isdigit() and not _running(int(pid)):
            tmp.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def refresh_fuzzy_keys(con: sqlite3.Connection) -> None:
    """The spellings fuzzy matching compares with, kept apart so that reading them is quick."""
    con.execute("DELETE FROM fuzzy_key")
    con.execute("INSERT INTO fuzzy_key SELECT DISTINCT a.key FROM alias a JOIN place p "
                "ON p.id = a.place WHERE p.source IN ('regions', 'user', 'admin1') "
                "OR p.population >= ?", (FUZZY_MIN_POPULATION,))
    con.commit()


def previous_imports(directory: Path) -> list[str]:
    """Dump files imported into any earlier gazetteer in this directory (kept on rebuild)."""
    found: list[str] = []
    for p in sorted(directory.glob("gazetteer-*.sqlite")):
        try:
            con = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
            try:
                found += [r[0] for r in con.execute("SELECT v FROM meta WHERE k LIKE 'import:%'")]
            finally:
                con.close()
        except sqlite3.Error:
            continue
    return list(dict.fromkeys(found))


# ---------------------------------------------------------------- reading

class Gazetteer:
    """Read-only access to a built gazetteer file."""

    def __init__(self, path: Path):
        self.path = path
        self.con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._by_key: dict[str, tuple[Candidate, ...]] = {}
        self._fuzzy: dict[str, tuple[str, ...]] | None = None

    def _candidates(self, sql: str, args: tuple, how: str) -> list[Candidate]:
        rows = self.con.execute(
            "SELECT p.id, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1_code, p.admin1,"
            " p.population, p.feature, p.precision, p.source, p.south, p.west, p.north, p.east,"
            f" a.name FROM alias a JOIN place p ON p.id = a.place WHERE {sql}", args)
        best: dict[int, Candidate] = {}
        for r in rows:
            bbox = None if r[12] is None else (r[12], r[13], r[14], r[15])
            c = Candidate(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8] or 0, r[9] or "",
                          r[10] or "town", r[11] or "", bbox, r[16], how)
            best.setdefault(c.id, c)
        return list(best.values())

    def by_key(self, k: str) -> tuple[Candidate, ...]:
        """Places with a spelling of this key."""
        if k not in self._by_key:
            if len(self._by_key) >= KEY_CACHE_SIZE:  # a long batch must not grow memory forever
                self._by_key.clear()
            self._by_key[k] = tuple(self._candidates("a.key = ?", (k,), "key")) if k else ()
        return self._by_key[k]

    def lookup(self, name: str, fuzzy: bool = True) -> list[Candidate]:
        """Every candidate for a surface name, best-matching spellings first."""
        found = [replace(c, how="exact") if normalize.fold(c.matched) == normalize.fold(name)
                 else c for c in self.by_key(normalize.key(name))]
        if not found and fuzzy:
            found = self.near(name)
        return found

    def near(self, name: str, min_len: int = 6, cutoff: float = 88.0) -> list[Candidate]:
        """Close misspellings: the same skeleton, else keys of similar length and spelling."""
        from rapidfuzz import fuzz, process

        k = normalize.key(name)
        skel = normalize.skeleton_of_key(k)
        if len(k) < min_len:
            return []
        out = [c for c in self._candidates("a.skel = ?", (skel,), "skeleton")
               if fuzz.ratio(normalize.key(c.matched), k) >= cutoff - 10]
        if not out:
            keys = [kk for kk in self._fuzzy_keys().get(k[:2], ()) if abs(len(kk) - len(k)) <= 2]
            out = [replace(c, how="fuzzy")
                   for kk, _, _ in process.extract(k, keys, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                   limit=5)
                   for c in self.by_key(kk)]
        return list({c.id: c for c in out}.values())

    def _fuzzy_keys(self) -> dict[str, tuple[str, ...]]:
        """Spellings worth a fuzzy match (curated places, units, towns of 10,000 or more),
        by their first two letters; read once."""
        if self._fuzzy is None:
            groups: dict[str, list[str]] = {}
            for (k,) in self.con.execute("SELECT key FROM fuzzy_key"):
                groups.setdefault(k[:2], []).append(k)
            self._fuzzy = {g: tuple(ks) for g, ks in groups.items()}
        return self._fuzzy

    def admin1_of(self, country: str | None, admin1_code: str | None) -> Candidate | None:
        if not country or not admin1_code:
            return None
        rows = self._candidates("p.country = ? AND p.admin1_code = ? AND p.feature = 'ADM1'",
                                (country, admin1_code), "key")
        return rows[0] if rows else None

    def country(self, code: str | None) -> Candidate | None:
        if not code:
            return None
        rows = self._candidates("p.country = ? AND p.feature = 'PCLI'", (code,), "key")
        return rows[0] if rows else None

    def stats(self) -> dict[str, int]:
        return {"places": self.con.execute("SELECT COUNT(*) FROM place").fetchone()[0],
                "spellings": self.con.execute("SELECT COUNT(*) FROM alias").fetchone()[0]}

    def close(self) -> None:
        self.con.close()


@functools.lru_cache(maxsize=4)
def _opened(path: str) -> Gazetteer:
    return Gazetteer(Path(path))


def forget(path: Path) -> None:
    """Drop the open handle after the file changed (an import), so the next open sees it."""
    _opened.cache_clear()


def open_gazetteer(cfg: Config | None) -> Gazetteer:
    """The gazetteer for this configuration (opened once per process), built on first use
    with a note on stderr."""
    path = db_path(cfg)
    if not path.exists():
        print(f"marsad: building the gazetteer in {path} (once; a minute or two)...",
              file=sys.stderr)
        build(cfg, path, progress=lambda m: print(f"marsad:   {m}", file=sys.stderr))
    return _opened(str(path))
