"""The store tests run against both backends: `store_url` is a fresh SQLite file or a
fresh PostgreSQL schema. PostgreSQL comes from env MARSAD_TEST_PG (a server URL on
which the tests may create schemas; `.ci/start-postgres` makes one). Without it the
PostgreSQL cases skip, except in CI (CI=true), where they fail: CI must run them."""
from __future__ import annotations

import os
import uuid

import pytest

BACKENDS = ("sqlite", "postgresql")


def pg_server_url() -> str:
    """The test server's URL, or skip (fail in CI) when there is none."""
    url = os.environ.get("MARSAD_TEST_PG", "").strip()
    if not url:
        reason = "MARSAD_TEST_PG is not set (run `eval \"$(.ci/start-postgres)\"` to get one)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the PostgreSQL store tests: {reason}")
        pytest.skip(reason)
    return url


def with_search_path(url: str, schema: str) -> str:
    """`url` with `schema` first on its search_path (where the store's tables go)."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


class PgSchemas:
    """Makes fresh schemas on the test server and drops them all at the end."""

    def __init__(self, url: str):
        import psycopg

        self.url = url
        self.conn = psycopg.connect(url, autocommit=True)
        self.made: list[str] = []

    def fresh(self) -> str:
        schema = f"marsad_test_{uuid.uuid4().hex[:12]}"
        self.conn.execute(f"CREATE SCHEMA {schema}")
        self.made.append(schema)
        return with_search_path(self.url, schema)

    def close(self) -> None:
        for schema in self.made:
            self.conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        self.conn.close()


@pytest.fixture(scope="session")
def pg_schemas():
    schemas = PgSchemas(pg_server_url())
    yield schemas
    schemas.close()


def make_url(backend: str, request, directory) -> str:
    if backend == "sqlite":
        return str(directory / f"{uuid.uuid4().hex[:8]}.db")
    return request.getfixturevalue("pg_schemas").fresh()


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path) -> str:
    """Where a new, empty store goes: a SQLite path or a PostgreSQL URL."""
    return make_url(request.param, request, tmp_path)

