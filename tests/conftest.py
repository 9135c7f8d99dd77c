"""Shared test fixtures. Seeds and dev sets are read from ../shared at test time,
never copied into the repo; tests that need them skip with a reason when absent."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"../shared not found beside the repo ({SHARED})")
    return SHARED


@pytest.fixture(scope="session")
def cfg():
    from marsad.config import load_config

    return load_config()


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
