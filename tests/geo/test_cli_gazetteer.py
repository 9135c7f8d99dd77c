"""`marsad gazetteer build | lookup | import` driven as a user would, in a subprocess."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

GEO_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "geo"


@pytest.fixture(scope="module")
def config_file(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli-gazetteer")
    cfg = d / "marsad.toml"
    cfg.write_text(f'[geo]\ncache_dir = "{d / "cache"}"\nsources = ["admin1", "regions", "user"]\n'
                   f'user_places = "{GEO_FIXTURES / "user_places.tsv"}"\n', encoding="utf-8")
    return cfg


def marsad(config_file, *args):
    return subprocess.run([sys.executable, "-m", "marsad", "--config", str(config_file), *args],
                          capture_output=True, text=True, timeout=600)


def test_build_then_lookup_prints_candidates_as_json_lines(config_file):
    built = marsad(config_file, "gazetteer", "build")
    assert built.returncode == 0 and "gazetteer ready" in built.stderr
    out = marsad(config_file, "gazetteer", "lookup", "Deir", "Azur")
    assert out.returncode == 0
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows[0]["name"] == "Deir ez-Zor" and rows[0]["feature"] == "ADM1"
    assert {"geonameid", "lat", "lon", "admin1", "country", "population", "how"} <= set(rows[0])


def test_lookup_of_unknown_name_exits_1(config_file):
    out = marsad(config_file, "gazetteer", "lookup", "Qwxzzyv")
    assert out.returncode == 1 and out.stdout == "" and "no place known" in out.stderr


def test_import_adds_geonames_places(config_file):
    out = marsad(config_file, "gazetteer", "import", str(GEO_FIXTURES / "places_sample.txt"))
    assert out.returncode == 0, out.stderr
    mosul = marsad(config_file, "gazetteer", "lookup", "Mossul")
    assert [json.loads(x)["geonameid"] for x in mosul.stdout.splitlines()] == [99072]


def test_import_of_missing_file_is_a_usage_error(config_file, tmp_path):
    out = marsad(config_file, "gazetteer", "import", str(tmp_path / "SY.zip"))
    assert out.returncode == 1 and "no such file" in out.stderr
