"""Stores for the API tests: the repo's examples/ ingested once per session, and a
hand-built store whose every text field holds a hostile payload. Each is built once
per backend (a SQLite file, a PostgreSQL schema on MARSAD_TEST_PG: see
tests/store/conftest.py), and every test that uses one runs on both."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO
from tests.store.conftest import BACKENDS, PgSchemas, pg_server_url

with warnings.catch_warnings():  # starlette's notice about httpx concerns its own tests
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="session")
def api_pg_schemas():
    schemas = PgSchemas(pg_server_url())
    yield schemas
    schemas.close()


def new_store_url(backend: str, request, directory, name: str) -> str:
    """Where a new store goes: a SQLite file in `directory`, or a fresh PostgreSQL schema."""
    if backend == "sqlite":
        return str(directory / name)
    return request.getfixturevalue("api_pg_schemas").fresh()


@pytest.fixture(scope="session", params=BACKENDS)
def example_db(request, tmp_path_factory) -> str:
    from marsad.cli import main

    db = new_store_url(request.param, request, tmp_path_factory.mktemp("api"), "examples.db")
    assert main(["ingest", str(REPO / "examples"), "--db", db, "--workers", "1"]) == 0
    return db


@pytest.fixture(scope="session")
def client(example_db) -> TestClient:
    from marsad.api import create_app

    with TestClient(create_app(example_db)) as c:
        yield c


@pytest.fixture(scope="session")
def payloads() -> list[str]:
    lines = (FIXTURES / "api" / "xss_payloads.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip()]


@pytest.fixture(scope="session", params=BACKENDS)
def hostile_db(request, tmp_path_factory, payloads) -> str:
    """One document per payload: title, outlet, body, a comment, an event whose actor,
    place, source and evidence carry the payload, and a place mention of it."""
    from marsad import fuse
    from marsad.config import load_config
    from marsad.records import (Actor, Comment, DocumentRecord, EventRecord, Evidence, Place,
                                PlaceMentionRecord, Source)
    from marsad.store import Prepared, content_hash, open_store

    cfg = load_config()
    db = new_store_url(request.param, request, tmp_path_factory.mktemp("hostile"), "hostile.db")
    with open_store(db, cfg) as store:
        for i, p in enumerate(payloads):
            doc_id = f"hostile-{i}"
            body = f"Fighters shelled the town. {p} was written on a wall."
            comment = Comment("c1", None, 0, p, f"I saw {p} there.")
            rec = DocumentRecord(doc_id, None, None, p, "2020-01-02", "en", p, body, [comment])
            place = Place(p, None, 35.0 + i / 100, 36.0, p, "SY", "town")
            event = EventRecord(
                doc_id, f"{doc_id}/e1", "ASSAULT", "shelling", "article", Actor(None, p, "other"),
                None, place, None, None, "2020-01-02", p, sources=[Source(p, None, "unknown")],
                evidence=[Evidence("article", f"{p} was written on a wall."),
                          Evidence("comment", f"I saw {p} there.", "c1")])
            mention = PlaceMentionRecord(doc_id, p, 0, len(p), "article", None, p, 35.0, 36.0,
                                         p, "SY", "town", 0.5)
            raw = body.encode()
            store.add(Prepared(rec, doc_id, raw, content_hash(raw), None, "test", [event], [mention]))
        store.commit()
        fuse.run(store, cfg)
    return db


@pytest.fixture(scope="session")
def hostile_client(hostile_db) -> TestClient:
    from marsad.api import create_app

    with TestClient(create_app(hostile_db)) as c:
        yield c


@pytest.fixture
def static_dir(tmp_path) -> Path:
    """A pages folder with the three shells, a script, and a secret beside it."""
    static = tmp_path / "static"
    static.mkdir()
    for name in ("index.html", "incident.html", "document.html"):
        (static / name).write_text(f"<!doctype html><title>{name}</title>", encoding="utf-8")
    (static / "app.js").write_text("export const ok = 1;\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not for the web", encoding="utf-8")
    return static
