"""A small gazetteer for geo tests: the shipped admin1 and curated data, a user file and a
GeoNames-format sample imported as a user would, built once per session (seconds)."""
from __future__ import annotations

from pathlib import Path

import pytest

from marsad.config import load_config

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="session")
def geo_cfg(tmp_path_factory):
    return load_config(geo__cache_dir=str(tmp_path_factory.mktemp("gazetteer")),
                       geo__sources=["admin1", "regions", "user"],
                       geo__user_places=str(FIXTURES / "geo" / "user_places.tsv"))


@pytest.fixture(scope="session")
def gz(geo_cfg):
    from marsad.geo import dumps, gazetteer

    g = gazetteer.open_gazetteer(geo_cfg)
    dumps.import_into(g.path, [FIXTURES / "geo" / "places_sample.txt"])
    gazetteer.forget(g.path)
    return gazetteer.open_gazetteer(geo_cfg)


@pytest.fixture(scope="session")
def nlp(cfg):
    from marsad.nlp import load_model

    return load_model(cfg["nlp.model"])
