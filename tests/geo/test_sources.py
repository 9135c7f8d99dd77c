"""Gazetteer sources: admin1 centres, and the data files written or derived for Marsad."""
import math

import pytest

from marsad import data
from marsad.geo import normalize
from marsad.geo.sources import midpoint


def test_admin1_centre_is_the_middle_of_its_extent_not_where_towns_crowd():
    crowded_corner = [(-27.5, 153.0)] * 50 + [(-10.5, 142.5), (-29.0, 138.0)]
    lat, lon = midpoint(crowded_corner)
    assert (lat, lon) == (-19.75, 145.5)


@pytest.mark.parametrize("name", ["world_features.tsv", "us_counties.tsv"])
def test_place_files_have_sources_centres_and_features(name):
    path = data.path(name)
    head = path.read_text(encoding="utf-8").splitlines()[:2]
    assert head[0].startswith("# source:") and head[1].startswith("# licence:")
    rows = data.load_tsv(name)
    assert len(rows) > 300
    for r in rows:
        assert r["name"] and r["feature"] and r["precision"]
        lat, lon = float(r["lat"]), float(r["lon"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180 and not (math.isclose(lat, 0) and math.isclose(lon, 0))


def test_world_features_add_no_second_reading_of_a_curated_name():
    curated = {normalize.key(n) for r in data.load_tsv("regions.tsv")
               for n in [r["name"], *r["aliases"].split("|")] if n}
    for r in data.load_tsv("world_features.tsv"):
        for n in [r["name"], *r["aliases"].split("|")]:
            assert not n or normalize.key(n) not in curated, n


def test_us_counties_are_inside_the_united_states():
    for r in data.load_tsv("us_counties.tsv"):
        assert r["country"] == "US" and r["feature"] == "ADM2" and r["admin1"]
        assert 17 <= float(r["lat"]) <= 72 and (-180 <= float(r["lon"]) <= -64 or float(r["lon"]) > 170)
