"""Web safety: headers on every answer, JSON typed as JSON, hostile document text
returned as inert data, files only from inside the pages folder, writes only with the
operator's token."""
from __future__ import annotations

import json

import pytest

from marsad.api import create_app
from marsad.api.security import CONTENT_SECURITY_POLICY
from marsad.config import load_config
from marsad.store import open_store
from tests.api.conftest import TestClient, new_store_url
from tests.store.conftest import BACKENDS

API_URLS = ["/api/stats", "/api/events", "/api/geo/events", "/api/geo/points", "/api/timeline", "/api/incidents",
            "/api/documents", "/api/places", "/api/actors", "/api/sources", "/api/openapi.json"]


def assert_secured(response):
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("url", API_URLS + ["/api/events/none/e1", "/api/nothing",
                                            "/api/events?limit=0", "/api/events?type=x"])
def test_every_api_answer_is_secured_json(client, url):
    r = client.get(url)
    assert_secured(r)
    assert r.headers["content-type"] == "application/json"
    json.loads(r.text)


def test_pages_and_static_files_are_secured(example_db, static_dir):
    with TestClient(create_app(example_db, static_dir=static_dir)) as c:
        for url, kind in (("/", "text/html"), ("/incidents/inc-1", "text/html"),
                          ("/documents/a/b", "text/html"), ("/static/app.js", "text/javascript")):
            r = c.get(url)
            assert r.status_code == 200 and r.headers["content-type"].startswith(kind), url
            assert_secured(r)


def test_missing_page_shell_is_plain_404(example_db, tmp_path):
    with TestClient(create_app(example_db, static_dir=tmp_path / "empty")) as c:
        r = c.get("/")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/plain")
    assert "index.html" in r.text
    assert_secured(r)


def test_unhandled_error_is_secured_json_500(example_db, monkeypatch):
    from marsad.store import queries

    def broken(store):
        raise RuntimeError("boom <script>")

    monkeypatch.setattr(queries, "stats", broken)
    with TestClient(create_app(example_db)) as c:
        r = c.get("/api/stats")
    assert r.status_code == 500 and r.json() == {"detail": "internal error"}
    assert_secured(r)


@pytest.mark.parametrize("url", ["/docs", "/redoc", "/docs/oauth2-redirect"])
def test_no_swagger_pages_that_load_from_a_cdn(client, url):
    assert client.get(url).status_code == 404


def test_openapi_document_has_no_external_urls(client):
    text = client.get("/api/openapi.json").text
    assert "cdn" not in text.lower() and "http://" not in text and "https://" not in text


@pytest.mark.parametrize("path", [
    "/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/%2E%2E%2Fsecret.txt",
    "/static/..%2fsecret.txt", "/static/..%5csecret.txt", "/static//etc/passwd",
    "/static/%2fetc%2fpasswd", "/static/./app.js/../../secret.txt", "/static/app.js%00.html",
    "/static/.hidden", "/static/", "/static/link-out.txt", "/static/link-dir/secret.txt",
])
def test_static_paths_cannot_leave_the_folder(example_db, static_dir, path):
    (static_dir / "link-out.txt").symlink_to(static_dir.parent / "secret.txt")
    (static_dir / "link-dir").symlink_to(static_dir.parent, target_is_directory=True)
    (static_dir / ".hidden").write_text("dotfile", encoding="utf-8")
    with TestClient(create_app(example_db, static_dir=static_dir)) as c:
        r = c.get(path)
    assert r.status_code == 404, path
    assert "not for the web" not in r.text and "root:" not in r.text and "dotfile" not in r.text


def test_symlink_inside_the_folder_is_served(example_db, static_dir):
    (static_dir / "alias.js").symlink_to(static_dir / "app.js")
    with TestClient(create_app(example_db, static_dir=static_dir)) as c:
        assert c.get("/static/alias.js").text == "export const ok = 1;\n"


def _walk_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _walk_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _walk_strings(v)


HOSTILE_URLS = ["/api/events?limit=1000", "/api/geo/events?limit=1000", "/api/geo/points?limit=1000", "/api/incidents?limit=1000",
                "/api/documents?limit=1000", "/api/places?limit=1000", "/api/sources",
                "/api/documents/hostile-0", "/api/events/hostile-4/e1"]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_text_comes_back_as_inert_json_data(hostile_client, payloads, url):
    r = hostile_client.get(url)
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert_secured(r)
    # payloads come back verbatim inside JSON string values (typed JSON, nosniff: data,
    # never markup); the pages insert them as text
    strings = list(_walk_strings(r.json()))
    assert any(p in s for s in strings for p in payloads)


def test_hostile_document_view_keeps_every_payload_exactly(hostile_client, payloads):
    for i, p in enumerate(payloads):
        view = hostile_client.get(f"/api/documents/hostile-{i}").json()
        doc = view["document"]
        assert doc["title"] == p and doc["outlet"] == p and p in doc["body"]
        assert doc["comments"][0]["author"] == p
        event = view["events"][0]
        assert event["actor"]["name"] == p and event["location"]["name"] == p
        for h in event["highlights"]:
            text = doc["body"] if h["section"] == "article" else doc["comments"][0]["text"]
            assert text[h["start"]:h["end"]] == event["evidence"][h["evidence"]]["text"]


def test_hostile_text_never_reaches_an_html_answer(hostile_db, payloads, static_dir):
    with TestClient(create_app(hostile_db, static_dir=static_dir)) as c:
        for url in ("/", "/incidents/<script>alert(1)</script>", "/documents/hostile-0",
                    "/static/<img src=x onerror=alert(1)>", "/nothing/<svg onload=alert(1)>"):
            r = c.get(url)
            assert_secured(r)
            assert not any(p in r.text for p in payloads), url


def test_write_endpoint_absent_without_token(client):
    assert client.post("/api/ingest", json={"id": "x", "text": "x"}).status_code in (404, 405)
    assert "/api/ingest" not in client.get("/api/openapi.json").json()["paths"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic czNjcmV0", "Bearer", "s3cret-token"])
def test_write_endpoint_refuses_without_the_token(example_db, header):
    headers = {"Authorization": header} if header else {}
    with TestClient(create_app(example_db, token="s3cret-token")) as c:
        r = c.post("/api/ingest", json={"id": "x", "text": "Rebels shelled Homs."}, headers=headers)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert_secured(r)
        assert c.get("/api/events?doc_id=x").json()["total"] == 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_write_endpoint_stores_with_the_token(backend, request, tmp_path):
    db = new_store_url(backend, request, tmp_path, "new.db")
    with open_store(db, load_config()):  # an empty store, as `marsad ingest` of nothing leaves
        pass
    text = ("On Monday, Syrian government forces shelled the town of Talbiseh in Homs province, "
            "killing four civilians, the Syrian Observatory for Human Rights said.")
    with TestClient(create_app(str(db), token="s3cret-token")) as c:
        auth = {"Authorization": "Bearer s3cret-token"}
        r = c.post("/api/ingest", json={"id": "posted", "text": text, "published": "2018-05-07"},
                   headers=auth)
        assert r.status_code == 200 and r.json()["stored"] and r.json()["doc_id"] == "posted"
        assert c.get("/api/documents/posted").json()["document"]["body"].startswith("On Monday")
        again = c.post("/api/ingest", json={"id": "posted", "text": text}, headers=auth)
        assert again.json()["stored"] is False
        assert c.post("/api/ingest", json={"id": "both", "text": "a", "html": "b"},
                      headers=auth).status_code == 422


def test_large_answers_go_gzipped_to_clients_that_accept_it(example_db, static_dir):
    (static_dir / "big.js").write_text("export const names = [" + '"x",' * 5000 + "];\n",
                                       encoding="utf-8")
    with TestClient(create_app(example_db, static_dir=static_dir)) as c:
        for url in ("/api/events?limit=50", "/api/timeline", "/static/big.js"):
            zipped = c.get(url, headers={"Accept-Encoding": "gzip"})
            plain = c.get(url, headers={"Accept-Encoding": "identity"})
            assert zipped.headers["content-encoding"] == "gzip", url
            assert "content-encoding" not in plain.headers and zipped.content == plain.content, url
            assert_secured(zipped)
        small = c.get("/api/events/none/e1", headers={"Accept-Encoding": "gzip"})
        assert "content-encoding" not in small.headers  # under GZIP_MIN_BYTES: not worth it


@pytest.mark.parametrize("backend", BACKENDS)
def test_whole_store_timeline_follows_new_writes(backend, request, tmp_path):
    from marsad.records import DocumentRecord, EventRecord
    from marsad.store import Prepared, content_hash

    def add(store, n):
        rec = DocumentRecord(f"d{n}", None, None, None, None, "en", None, f"body {n}", [])
        event = EventRecord(f"d{n}", f"d{n}/e1", "ASSAULT", None, "article", None, None, None, None,
                            None, f"2019-0{n}-01", None)
        store.add(Prepared(rec, f"d{n}", rec.body.encode(), content_hash(rec.body.encode()), None,
                           "t", [event], []))
        store.commit()

    db = new_store_url(backend, request, tmp_path, "timeline.db")
    with open_store(db, load_config()) as store:
        add(store, 1)
    with TestClient(create_app(db)) as c:
        assert [i["date"] for i in c.get("/api/timeline").json()["items"]] == ["2019-01-01"]
        with open_store(db, load_config()) as store:  # another process ingests meanwhile
            add(store, 2)
        assert [i["date"] for i in c.get("/api/timeline").json()["items"]] == ["2019-01-01",
                                                                               "2019-02-01"]
