"""The sample store (sample_store.py) for the exporter tests."""
import pytest

from tests.export.sample_store import build_sample_store
from marsad.store import open_store


@pytest.fixture
def store(tmp_path, cfg):
    s = open_store(build_sample_store(str(tmp_path / "s.db"), cfg), cfg)
    yield s
    s.close()


@pytest.fixture
def stored(store):
    """The stored event records by event_id."""
    return {e.event_id: e for e in store.query_events()}
