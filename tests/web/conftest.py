"""Browser fixtures for the web pages: the examples/ store served by the real app on a
loopback port, and Debian's Chromium driven by Playwright. Every page a test opens is
watched: a request to any other host is aborted and recorded, and console errors, page
errors and dialogs are collected, so a test can assert that nothing left the machine and
nothing ran that should not have."""
from __future__ import annotations

import os
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import FIXTURES, REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STATIC = REPO / "marsad" / "web" / "static"
SCREENSHOTS = REPO / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 800}


def _unavailable(reason: str):
    """Skip on a developer's machine; in CI a missing browser or build is a failure."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the web tests must run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> str:
    from marsad.cli import main

    db = str(tmp_path_factory.mktemp("web") / "examples.db")
    assert main(["ingest", str(REPO / "examples"), "--db", db, "--workers", "1"]) == 0
    return db


@contextmanager
def serving(db: str):
    """The real app (marsad.api.create_app) over `db` under uvicorn in a thread, on a port
    the OS picks, bound before the server starts so no other process can take it."""
    if not (STATIC / "vendor" / "leaflet" / "leaflet.js").is_file() \
            or not (STATIC / "basemap" / "countries.geojson").is_file():
        _unavailable("vendored libraries or basemap missing: run python tools/build_web.py")
    import uvicorn

    from marsad.api import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail(f"the web app over {db} did not start within 20 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def base_url(web_db) -> str:
    with serving(web_db) as url:
        yield url


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory) -> str:
    """Two reports of one shelling whose every text field holds the payloads of
    tests/fixtures/api/xss_payloads.txt: URL, title, outlet, body, comment authors and texts (a
    thread), actor, recipient, place, sources, evidence and place mentions. They disagree on
    the status, so fusion makes a disputed incident whose values and sources are payloads."""
    from marsad.records import (Actor, Comment, DocumentRecord, EventRecord, Evidence, Place,
                                PlaceMentionRecord, Source)

    lines = (FIXTURES / "api" / "xss_payloads.txt").read_text(encoding="utf-8").splitlines()
    payloads = [line for line in lines if line.strip()]
    documents = []
    for n, status in enumerate(("occurred", "denied")):
        doc_id = f"hostile-{n}"
        wording = ("Report {i}: {p} shelled the market.", "Witness {i} saw {p} fire on the port road.")[n]
        sentences = [wording.format(i=i, p=p) for i, p in enumerate(payloads)]
        body = "\n\n".join(sentences)
        comments = [Comment(f"c{i}", f"c{i - 1}" if i % 2 else None, i % 2, p, f"Reader says {p}")
                    for i, p in enumerate(payloads)]
        url = ("javascript:alert(1)", "https://example.org/\"><script>alert(1)</script>")[n]
        rec = DocumentRecord(doc_id, None, url, payloads[n], "2020-01-02", "en",
                             payloads[-1 - n], body, comments)
        place = Place(payloads[2], None, 35.1, 36.7, payloads[3], "SY", "town")
        events, mentions = [], []
        for i, p in enumerate(payloads[:6]):
            events.append(EventRecord(
                doc_id, f"{doc_id}/e{i + 1}", "ASSAULT", "shelling", "article",
                Actor(None, p, "armed_group"), Actor(None, payloads[-1 - i], "civilians"),
                place, None, None, "2020-01-02", p, status=status,
                sources=[Source(payloads[n * 6 + i], None, "unknown")],
                evidence=[Evidence("article", sentences[i]),
                          Evidence("comment", comments[i].text, comments[i].id)]))
            start = body.index(p)
            mentions.append(PlaceMentionRecord(doc_id, p, start, start + len(p), "article",
                                               None, p, 35.1, 36.7, p, "SY", "town", 0.5))
        documents.append((rec, events, mentions))
    return build_store(tmp_path_factory.mktemp("hostile-web") / "hostile.db", documents)


def build_store(path: Path, documents) -> str:
    """A store holding (document record, events, place mentions) triples, fused."""
    from marsad import fuse
    from marsad.config import load_config
    from marsad.store import Prepared, content_hash, open_store

    cfg = load_config()
    with open_store(str(path), cfg) as store:
        for rec, events, mentions in documents:
            raw = rec.body.encode()
            store.add(Prepared(rec, rec.doc_id, raw, content_hash(raw), None, "test", events,
                               mentions))
        store.commit()
        fuse.run(store, cfg)
    return str(path)


@pytest.fixture(scope="session")
def many_db(tmp_path_factory) -> str:
    """1,200 placed events (more than one page of the map's API), spread over Syria and
    over a month, in twelve documents."""
    from marsad.records import Actor, DocumentRecord, EventRecord, Evidence, Place

    documents = []
    for d in range(12):
        doc_id = f"many-{d}"
        sentences = [f"Shelling number {i} hit village {d}-{i}." for i in range(100)]
        body = " ".join(sentences)
        rec = DocumentRecord(doc_id, None, None, f"Report {d}", "2019-03-31", "en", "Desk", body)
        events = [EventRecord(
            doc_id, f"{doc_id}/e{i + 1}", "ASSAULT" if i % 3 else "RETREAT", None, "article",
            Actor("SYR_GOV", "government forces", "state_forces"), None,
            Place(f"village {d}-{i}", None, 32.5 + (i % 10) * 0.45, 36.0 + d * 0.3, None, "SY",
                  "town"), None, None, f"2019-03-{1 + (i + d) % 28:02d}", None,
            evidence=[Evidence("article", sentences[i])]) for i in range(100)]
        documents.append((rec, events, []))
    return build_store(tmp_path_factory.mktemp("many-web") / "many.db", documents)


@pytest.fixture(scope="session")
def empty_url(tmp_path_factory) -> str:
    with serving(build_store(tmp_path_factory.mktemp("empty-web") / "empty.db", [])) as url:
        yield url


@pytest.fixture(scope="session")
def many_url(many_db) -> str:
    with serving(many_db) as url:
        yield url


@pytest.fixture(scope="session")
def hostile_url(hostile_db) -> str:
    with serving(hostile_db) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.is_file():
        _unavailable(f"{CHROMIUM} not installed (apt install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Watch:
    """What a page did that it should not have."""
    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.outside_requests == [], "requests left 127.0.0.1"
        assert self.console_errors == [], "console errors"
        assert self.page_errors == [], "uncaught page errors"
        assert self.dialogs == [], "a dialog opened (a script ran)"


@pytest.fixture
def page(browser, base_url):
    """A fresh 1280x800 page on the examples app whose every request is checked: loopback
    ones go through, any other is aborted and recorded in `page.watch`."""
    yield from watched_page(browser, base_url)


@pytest.fixture
def hostile_page(browser, hostile_url):
    """The same, on the app over the hostile store."""
    yield from watched_page(browser, hostile_url)


@pytest.fixture
def empty_page(browser, empty_url):
    """The same, on the app over a store with nothing in it."""
    yield from watched_page(browser, empty_url)


@pytest.fixture
def many_page(browser, many_url):
    """The same, on the app over the 1,200-event store."""
    yield from watched_page(browser, many_url)


def watched_page(browser, base_url):
    context = browser.new_context(viewport=VIEWPORT, base_url=base_url)
    context.set_default_timeout(15000)
    watch = Watch()
    own_host = urlsplit(base_url).netloc

    def gate(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob") or parts.netloc == own_host:
            route.continue_()
        else:
            watch.outside_requests.append(url)
            route.abort()

    context.route("**/*", gate)
    pg = context.new_page()
    pg.on("console", lambda m: m.type == "error" and watch.console_errors.append(m.text))
    pg.on("pageerror", lambda e: watch.page_errors.append(str(e)))

    def dialog(d):
        watch.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    pg.on("dialog", dialog)
    pg.watch = watch
    yield pg
    context.close()


@pytest.fixture(scope="session")
def api(base_url):
    """GET a JSON answer from the running app (to compare what the page shows with it)."""
    import httpx

    with httpx.Client(base_url=base_url, timeout=10) as client:
        def get(path: str, **params):
            response = client.get(path, params=params)
            response.raise_for_status()
            return response.json()
        yield get


@pytest.fixture(scope="session")
def screenshot():
    """save(page, name): the visible page as docs/screenshots/<name>.png, overwritten
    each run, for docs/web.md and the README."""
    def save(pg, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        pg.screenshot(path=str(path))
        return path
    return save
