"""Import GeoNames dump files, as GeoNames publishes them, into a gazetteer file.

Recognised by name: a place table (`SY.txt`, `SY.zip`, `allCountries.zip`,
`cities500.zip`...: 19 tab-separated columns), `admin1CodesASCII.txt` (admin1 names),
`alternateNamesV2.zip`/`alternateNames.txt` (extra spellings of places already in the
gazetteer). Files are streamed line by line, zipped or not, so allCountries (1.5 GB
unzipped) never sits in memory. Malformed lines are skipped and counted.
"""
from __future__ import annotations

import io
import sqlite3
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from marsad.geo import normalize
from marsad.geo.gazetteer import PlaceRow, refresh_fuzzy_keys, write_places

BATCH = 5000
# GeoNames language codes in alternate names that are not names (links, codes).
NOT_NAMES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "unlc", "fr_1793", "tcid"})


def precision_of(feature_class: str, feature_code: str) -> str:
    if feature_class == "A":
        if feature_code.startswith("PCL"):
            return "country"
        return "admin1" if feature_code == "ADM1" else "district"
    if feature_class == "P":
        return "town"
    if feature_class in ("L", "T") or feature_code in ("STM", "LK", "BAY", "GULF", "SEA"):
        return "region"
    return "point"


def feature_of(feature_class: str, feature_code: str) -> str:
    if feature_class == "A" and feature_code.startswith("PCL"):
        return "PCLI"
    return feature_code or feature_class or "PPL"


@contextmanager
def open_text(path: Path, member_suffix: str = ".txt"):
    """A text stream of the file, or of the data member of a zip archive."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as z:
            members = [m for m in z.namelist()
                       if m.endswith(member_suffix) and not m.lower().startswith(
                           ("readme", "iso-languagecodes"))]
            if not members:
                raise ValueError(f"{path}: no {member_suffix} file inside")
            with z.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="\n")
    else:
        with open(path, encoding="utf-8", errors="replace", newline="\n") as f:
            yield f


def kind_of(path: Path) -> str:
    name = path.name.lower()
    if name.startswith("admin1codes"):
        return "admin1"
    if name.startswith("alternatenames"):
        return "alternates"
    return "places"


def _admin1_names(con: sqlite3.Connection) -> dict[tuple[str, str], str]:
    return {(r[0], r[1]): r[2] for r in con.execute(
        "SELECT country, admin1_code, admin1 FROM place WHERE feature = 'ADM1' AND admin1 IS NOT NULL")}


def place_rows(lines, admin1: dict[tuple[str, str], str], bad: list[int]) -> Iterator[PlaceRow]:
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 15 or not cols[0].isdigit():
            bad[0] += 1
            continue
        try:
            lat, lon = float(cols[4]), float(cols[5])
        except ValueError:
            bad[0] += 1
            continue
        cc, a1 = cols[8] or None, cols[10] or None
        names = admin1.get((cc, a1)) if cc and a1 else None
        aliases = tuple(a for a in cols[3].split(",") if len(a) > 3) + ((cols[2],) if cols[2] else ())
        yield PlaceRow(int(cols[0]), cols[1], lat, lon, cc, a1,
                       names if cols[7] != "ADM1" else cols[1],
                       int(cols[14]) if cols[14].isdigit() else 0,
                       feature_of(cols[6], cols[7]), precision_of(cols[6], cols[7]), "geonames",
                       aliases)


def import_admin1(con: sqlite3.Connection, lines, bad: list[int]) -> int:
    """admin1CodesASCII.txt: names the admin1 of places that have only its code."""
    n = 0
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 2 or "." not in cols[0]:
            bad[0] += 1
            continue
        cc, code = cols[0].split(".", 1)
        name = cols[2] if len(cols) > 2 and cols[2] else cols[1]
        con.execute("UPDATE place SET admin1 = ? WHERE country = ? AND admin1_code = ? "
                    "AND admin1 IS NULL", (name, cc, code))
        n += 1
    return n


def import_alternates(con: sqlite3.Connection, lines, bad: list[int]) -> int:
    """alternateNamesV2: more spellings for places already in the gazetteer."""
    n = 0
    cur = con.cursor()
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4 or not cols[1].isdigit():
            bad[0] += 1
            continue
        lang, name = cols[2], cols[3]
        if lang in NOT_NAMES or len(name) <= 3 or not normalize.is_latin(name):
            continue
        hit = cur.execute("SELECT id FROM place WHERE geonameid = ?", (int(cols[1]),)).fetchone()
        if not hit:
            continue
        k = normalize.key(name)
        if cur.execute("SELECT 1 FROM alias WHERE place = ? AND key = ?", (hit[0], k)).fetchone():
            continue
        cur.execute("INSERT INTO alias (key, skel, place, name, main) VALUES (?, ?, ?, ?, 0)",
                    (k, normalize.skeleton_of_key(k), hit[0], name))
        n += 1
        if n % BATCH == 0:
            con.commit()
    return n


def _batched(rows: Iterator[PlaceRow], size: int) -> Iterator[list[PlaceRow]]:
    batch: list[PlaceRow] = []
    for r in rows:
        batch.append(r)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def import_files(con: sqlite3.Connection, files: list[Path],
                 progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Add dump files to an open gazetteer; returns counts per file (and bad lines)."""
    counts: dict[str, int] = {}
    for path in files:
        bad = [0]
        kind = kind_of(path)
        with open_text(path) as lines:
            if kind == "admin1":
                n = import_admin1(con, lines, bad)
            elif kind == "alternates":
                n = import_alternates(con, lines, bad)
            else:
                n = 0
                admin1 = _admin1_names(con)
                for batch in _batched(place_rows(lines, admin1, bad), BATCH):
                    n += write_places(con, batch)
                    con.commit()
                    if progress:
                        progress(f"{path.name}: {n} places")
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                    (f"import:{path.resolve()}", str(path.resolve())))
        con.commit()
        refresh_fuzzy_keys(con)
        counts[path.name] = n
        counts[f"{path.name}:bad_lines"] = bad[0]
        if progress:
            progress(f"{path.name}: {n} {kind} imported, {bad[0]} malformed lines skipped")
    return counts


def import_into(db: Path, files: list[Path], progress=None) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        return import_files(con, files, progress)
    finally:
        con.close()
