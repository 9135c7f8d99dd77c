"""`marsad serve` for real: a uvicorn server on a loopback port in a subprocess, the
host rules, and reads answering while a `marsad ingest` process writes the store."""
from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx

from marsad.api import create_app
from marsad.cli import main
from marsad.config import load_config
from marsad.store import open_store
from tests.api.conftest import TestClient
from tests.conftest import REPO

MARSAD = [sys.executable, "-m", "marsad"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 60) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read()}")
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"no answer from {url} in {seconds}s")


def test_serve_answers_on_loopback_then_stops(example_db):
    port = free_port()
    proc = subprocess.Popen(MARSAD + ["serve", "--db", example_db, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        r = wait_for(f"http://127.0.0.1:{port}/api/stats", proc)
        assert r.status_code == 200 and r.json()["events"] > 0
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "server" not in r.headers
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert "127.0.0.1" in proc.stderr.read()


def test_serve_refuses_a_missing_database(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "nowhere.db")]) == 1
    assert "nowhere.db" in capsys.readouterr().err


def test_serve_refuses_a_non_loopback_host_from_config(example_db, tmp_path, capsys):
    conf = tmp_path / "open.toml"
    conf.write_text('[serve]\nhost = "0.0.0.0"\n', encoding="utf-8")
    assert main(["--config", str(conf), "serve", "--db", example_db, "--get", "/api/stats"]) == 1
    assert "--host" in capsys.readouterr().err


def test_serve_warns_on_an_explicit_open_host(example_db, capsys):
    assert main(["serve", "--db", example_db, "--host", "0.0.0.0", "--get", "/api/stats"]) == 0
    assert "warning" in capsys.readouterr().err


def test_serve_get_answers_in_process(example_db, capsys):
    assert main(["serve", "--db", example_db, "--get", "/api/events?type=RETREAT&limit=2"]) == 0
    assert '"type":"RETREAT"' in capsys.readouterr().out
    assert main(["serve", "--db", example_db, "--get", "/api/events/none/e1"]) == 1


def test_serve_token_env_must_hold_a_token(example_db, monkeypatch, capsys):
    monkeypatch.delenv("MARSAD_TEST_TOKEN", raising=False)
    assert main(["serve", "--db", example_db, "--token-env", "MARSAD_TEST_TOKEN",
                 "--get", "/api/stats"]) == 1
    assert "MARSAD_TEST_TOKEN" in capsys.readouterr().err


def test_reads_answer_while_an_ingest_process_writes(tmp_path, example_db):
    db, conf = str(tmp_path / "live.db"), tmp_path / "small_batches.toml"
    conf.write_text("[store]\nbatch_size = 1\n", encoding="utf-8")  # a commit per document
    open_store(db, load_config()).close()
    client = TestClient(create_app(db))
    writer = subprocess.Popen(MARSAD + ["--config", str(conf), "ingest", str(REPO / "examples"),
                                        "--db", db, "--workers", "1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen, during = [], 0
    try:
        while writer.poll() is None:
            for url in ("/api/stats", "/api/events?limit=5", "/api/documents?limit=5"):
                r = client.get(url)
                assert r.status_code == 200, r.text
            seen.append(client.get("/api/stats").json()["documents"])
            during += 1
    finally:
        writer.wait(timeout=300)
    assert writer.returncode == 0, writer.stderr.read()
    assert during >= 5, "the ingest ended before reads could overlap it"
    assert seen == sorted(seen) and len(set(seen)) > 1  # documents appeared while we read
    final = client.get("/api/stats").json()
    with open_store(example_db, load_config(), create=False) as same_inputs:
        assert final["documents"] == same_inputs.count("documents")
        assert final["events"] == same_inputs.count("events")
