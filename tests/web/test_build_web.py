"""tools/build_web.py: the TopoJSON decoder, Douglas-Peucker, ring clean-up, the basemap
layers it writes, and its error when npm is missing."""
from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import REPO

spec = importlib.util.spec_from_file_location("build_web", REPO / "tools" / "build_web.py")
build_web = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_web)

BASEMAP = REPO / "marsad" / "web" / "static" / "basemap"


def test_decode_arcs_dequantises_delta_encoded_points():
    topology = {"transform": {"scale": [0.5, 2.0], "translate": [10.0, 20.0]},
                "arcs": [[[0, 0], [2, 1], [1, -1]]]}
    (arc,) = build_web.decode_arcs(topology)
    assert arc.tolist() == [[10.0, 20.0], [11.0, 22.0], [11.5, 20.0]]


def test_decode_arcs_without_transform_keeps_coordinates():
    (arc,) = build_web.decode_arcs({"arcs": [[[1.5, 2.5], [3.0, 4.0]]]})
    assert arc.tolist() == [[1.5, 2.5], [3.0, 4.0]]


def test_ring_from_arcs_joins_and_reverses_arcs():
    lower = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]])
    upper = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    ring = build_web.ring_from_arcs([0, ~1], [lower, upper])
    assert ring.tolist() == [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]


def test_douglas_peucker_drops_wiggles_and_keeps_corners():
    line = np.array([[0, 0], [1, 0.001], [2, -0.001], [3, 0], [3, 5], [6, 5]], dtype=float)
    assert build_web.douglas_peucker(line, 0.01).tolist() == [[0, 0], [3, 0], [3, 5], [6, 5]]


def test_douglas_peucker_keeps_spike_along_the_chord():
    line = np.array([[0, 0], [0, 3], [0, 1]], dtype=float)  # out along the line and back
    assert build_web.douglas_peucker(line, 0.5).tolist() == line.tolist()


def test_douglas_peucker_closed_ring_keeps_its_far_side():
    ring = np.array([[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]], dtype=float)
    assert len(build_web.douglas_peucker(ring, 0.1)) >= 4


def segment_distance(p, a, b) -> float:
    ab, ap = b - a, p - a
    length = float(ab @ ab)
    t = 0.0 if length == 0 else min(max(float(ap @ ab) / length, 0.0), 1.0)
    return float(np.hypot(*(ap - t * ab)))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(-50, 50), st.floats(-50, 50)), min_size=2, max_size=40,
                unique=True),
       st.floats(0.001, 5))
def test_douglas_peucker_stays_within_tolerance(points, tolerance):
    line = np.array(points, dtype=float)
    kept = build_web.douglas_peucker(line, tolerance)
    assert kept[0].tolist() == line[0].tolist() and kept[-1].tolist() == line[-1].tolist()
    # every kept point is an original one, in order, and every dropped point lies within
    # the tolerance of the simplified line between the kept points around it
    kept_at = [0]
    for p in kept.tolist()[1:]:
        kept_at.append(next(i for i in range(kept_at[-1] + 1, len(line)) if line[i].tolist() == p))
    for a, b in zip(kept_at, kept_at[1:]):
        for i in range(a + 1, b):
            assert segment_distance(line[i], line[a], line[b]) <= tolerance * (1 + 1e-9) + 1e-12


def test_round_ring_removes_repeats_and_closes():
    ring = np.array([[0.00001, 0.0], [0.00002, 0.0], [1.0, 0.0], [1.0, 1.0]])
    assert build_web.round_ring(ring, 3) == [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]


def test_compact_polygons_drops_collapsed_hole_and_keeps_land():
    outer = np.array([[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], dtype=float)
    speck = np.array([[1, 1], [1.0001, 1], [1, 1.0001], [1, 1]], dtype=float)
    (polygon,) = build_web.compact_polygons([[outer, speck]], 0.01, 3)
    assert len(polygon) == 1 and polygon[0][0] == [0.0, 0.0]


def test_compact_polygons_never_loses_a_small_islands_country():
    island = np.array([[0, 0], [0.0004, 0], [0.0004, 0.0004], [0, 0.0004], [0, 0]])
    polygons = build_web.compact_polygons([[island]], 0.02, 3)
    assert len(polygons) == 1 and len(polygons[0][0]) >= 4


def test_build_countries_neighbours_share_their_border():
    # two squares side by side; the shared border (arc 1) wiggles below the tolerance
    topology = {"type": "Topology", "arcs": [
        [[1, 0], [0, 0], [0, 1], [1, 1]],
        [[1, 1], [1.0001, 0.5], [1, 0]],
        [[1, 0], [2, 0], [2, 1], [1, 1]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "id": "1", "properties": {"name": "West"}},
            {"type": "Polygon", "arcs": [[2, ~1]], "id": "2", "properties": {"name": "East"}},
            {"type": "Point", "coordinates": [0, 0]}]}}}
    out = build_web.build_countries(topology, tolerance=0.01, decimals=3)
    assert [f["properties"]["name"] for f in out["features"]] == ["West", "East"]
    west, east = (f["geometry"]["coordinates"][0] for f in out["features"])
    assert {tuple(p) for p in west if p[0] == 1.0} == {tuple(p) for p in east if p[0] == 1.0}
    assert all(p[0] in (1.0, 0.0, 2.0) for p in west + east)  # the wiggle is gone


def test_build_admin1_keeps_names_and_drops_other_properties():
    square = [[[30, 30], [31, 30], [31, 31], [30, 31], [30, 30]]]
    collection = {"features": [
        {"properties": {"name": "Idlib", "admin": "Syria", "iso_a2": "SY", "woe_id": 1},
         "geometry": {"type": "MultiPolygon", "coordinates": [square, square]}},
        {"properties": {"name": "Nowhere"}, "geometry": None}]}
    (feature,) = build_web.build_admin1(collection, tolerance=0.01)["features"]
    assert feature["properties"] == {"name": "Idlib", "country": "Syria", "iso_a2": "SY"}
    assert feature["geometry"]["type"] == "MultiPolygon"


def test_ensure_node_modules_without_npm_names_the_problem(tmp_path, monkeypatch):
    monkeypatch.setattr(build_web.shutil, "which", lambda name: None)
    with pytest.raises(build_web.BuildError, match="npm not found"):
        build_web.ensure_node_modules(tmp_path)
    assert build_web.main(["--web", str(tmp_path), "--static", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()


def test_built_basemap_fits_its_size_budget():
    countries, admin1 = BASEMAP / "countries.geojson", BASEMAP / "admin1.geojson"
    if not countries.is_file() or not admin1.is_file():
        pytest.skip("basemap not built: run python tools/build_web.py")
    assert countries.stat().st_size < 1_000_000
    assert admin1.stat().st_size < 4_000_000
    names = {f["properties"]["name"] for f in json.loads(countries.read_text())["features"]}
    assert {"Syria", "Iraq", "Yemen", "Libya"} <= names


def write_locks(web_dir, pinned: str, installed: str | None) -> None:
    lock = {"packages": {"": {}, "node_modules/leaflet": {"version": pinned}}}
    (web_dir / "package-lock.json").write_text(json.dumps(lock))
    if installed is not None:
        (web_dir / "node_modules").mkdir()
        lock["packages"]["node_modules/leaflet"]["version"] = installed
        (web_dir / "node_modules" / ".package-lock.json").write_text(json.dumps(lock))


@pytest.mark.parametrize("installed, runs_npm", [("1.9.4", False), ("1.9.3", True), (None, True)])
def test_ensure_node_modules_runs_npm_ci_unless_pinned_versions_installed(
        tmp_path, monkeypatch, installed, runs_npm):
    write_locks(tmp_path, "1.9.4", installed)
    calls = []
    monkeypatch.setattr(build_web.shutil, "which", lambda name: "/usr/bin/npm")
    monkeypatch.setattr(build_web.subprocess, "run",
                        lambda cmd, **kw: calls.append(cmd) or
                        build_web.subprocess.CompletedProcess(cmd, 0, "", ""))
    build_web.ensure_node_modules(tmp_path)
    assert calls == ([["/usr/bin/npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"]]
                     if runs_npm else [])


def test_ensure_node_modules_reports_npm_failure(tmp_path, monkeypatch):
    write_locks(tmp_path, "1.9.4", None)
    monkeypatch.setattr(build_web.shutil, "which", lambda name: "/usr/bin/npm")
    monkeypatch.setattr(build_web.subprocess, "run", lambda cmd, **kw:
                        build_web.subprocess.CompletedProcess(cmd, 1, "", "ENOTFOUND registry"))
    with pytest.raises(build_web.BuildError, match="npm ci .* failed .*ENOTFOUND"):
        build_web.ensure_node_modules(tmp_path)
