"""Load test of `marsad serve`: many concurrent clients over loopback, optionally while
an ingest writes the same store.

    python benchmarks/load_api.py [--seconds 60] [--clients 50] [--with-ingest] [--db PATH]

Without --db it serves a copy of the examples/ store (built once in benchmarks/out/).
The server runs in its own process (`marsad serve` on a free 127.0.0.1 port); the
clients are asyncio tasks of one httpx.AsyncClient in this process, each sending the
next request of a mix (stats, filtered events, map features, timeline, incidents, one
incident, documents, one document) as soon as the last is answered, until the time is
up or --max-requests were sent. --with-ingest runs `marsad ingest` over a generated
corpus (benchmarks/corpus.py, 300 documents) into the served store meanwhile. Prints
requests, errors (any status but 200, or no answer), throughput, p50/p95/p99 in ms.
"""
from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "benchmarks" / "out"
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_api import percentile, start_server  # noqa: E402

MARSAD = [sys.executable, "-m", "marsad"]


def examples_store() -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "load-examples.db"
    if not db.exists():
        subprocess.run(MARSAD + ["ingest", str(REPO / "examples"), "--db", str(db) + ".part",
                                 "--workers", "1"], check=True, stderr=subprocess.DEVNULL)
        Path(str(db) + ".part").rename(db)
    return db


def request_mix(client: httpx.Client) -> list[str]:
    event = client.get("/api/events?limit=1").json()["items"][0]
    incident = client.get("/api/incidents?limit=1").json()["items"][0]
    return ["/api/stats", "/api/events", "/api/events?type=ASSAULT&date_from=2018",
            "/api/events?place=homs", "/api/events?q=civilians&section=article",
            "/api/geo/events?limit=1000", "/api/timeline", "/api/incidents?disputed=true",
            f"/api/incidents/{incident['incident_id']}", "/api/documents",
            f"/api/documents/{event['doc_id']}", f"/api/events/{event['event_id']}",
            "/api/places", "/api/actors", "/api/sources"]


async def load(base: str, paths: list[str], clients: int, seconds: float,
               max_requests: int) -> tuple[list[float], list[str]]:
    times: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + seconds
    sent = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def one_client(k: int, http: httpx.AsyncClient) -> None:
        nonlocal sent
        i = k
        while time.monotonic() < deadline and sent < max_requests:
            sent += 1
            path = paths[i % len(paths)]
            i += 1
            t0 = time.perf_counter()
            try:
                r = await http.get(path)
                if r.status_code != 200:
                    errors.append(f"{path}: {r.status_code}")
            except httpx.HTTPError as e:
                errors.append(f"{path}: {type(e).__name__}")
            times.append((time.perf_counter() - t0) * 1000)

    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        await asyncio.gather(*(one_client(k, http) for k in range(clients)))
    return times, errors


def start_ingest(db: Path) -> subprocess.Popen:
    corpus = OUT / "load-corpus"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "corpus.py"), str(corpus),
                    "--docs", "300"], check=True, stdout=subprocess.DEVNULL)
    return subprocess.Popen(MARSAD + ["ingest", str(corpus / "docs"), "--db", str(db),
                                      "--workers", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--with-ingest", action="store_true")
    parser.add_argument("--db", help="serve this store (default: a copy of the examples store)")
    args = parser.parse_args()
    if args.db:
        db = Path(args.db)
    else:
        db = OUT / "load-served.db"
        shutil.copyfile(examples_store(), db)
        for suffix in ("-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    proc, base = start_server(str(db))
    writer = None
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            paths = request_mix(client)
            before = client.get("/api/stats").json()
        writer = start_ingest(db) if args.with_ingest else None
        t0 = time.monotonic()
        times, errors = asyncio.run(load(base, paths, args.clients, args.seconds, args.max_requests))
        elapsed = time.monotonic() - t0
        writing = writer is not None and writer.poll() is None
        after = httpx.get(base + "/api/stats", timeout=30).json()
    finally:
        if writer is not None:
            writer.wait(timeout=600)
        proc.terminate()
        proc.wait(timeout=20)
    times.sort()
    print(f"{'clients':>7} {'seconds':>7} {'ingest':>12} {'requests':>8} {'errors':>6} "
          f"{'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    ingest = ("no" if writer is None else
              f"+{after['documents'] - before['documents']} docs" + ("…" if writing else ""))
    print(f"{args.clients:>7} {elapsed:>7.0f} {ingest:>12} {len(times):>8} {len(errors):>6} "
          f"{len(times) / elapsed:>6.0f} {percentile(times, 50):>7.1f} {percentile(times, 95):>7.1f} "
          f"{percentile(times, 99):>7.1f}")
    for line in sorted(set(errors))[:10]:
        print(f"  error: {line}")
    logged = [line for line in (OUT / "server.log").read_text().splitlines() if line.strip()]
    if logged:
        print(f"  server log ({len(logged)} lines): {logged[-1][:200]}")
    if writer is not None and writer.returncode not in (0, 1):
        print(f"  ingest exited {writer.returncode}: {writer.stderr.read()[-500:]}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
