"""`marsad serve`: the web pages and JSON API over a store (docs/api.md)."""
from __future__ import annotations

import ipaddress
import os
import sys

from marsad.cli.common import add_db_argument, config
from marsad.errors import UsageError

LOOPBACK_NAMES = ("localhost",)
KEEP_ALIVE_SECONDS = 75


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run_serve(args) -> int:
    """Example: marsad serve --db war.db   (then open http://127.0.0.1:8765/)"""
    cfg = config(args)
    host = args.host or cfg["serve.host"]
    if not is_loopback(host):
        if not args.host:  # only a flag typed on this command line opens the server to others
            raise UsageError(f"serve.host {host!r} in the config is not a loopback address; "
                             "pass --host explicitly to serve beyond this machine")
        print(f"marsad: warning: serving on {host}: other machines can read this store",
              file=sys.stderr)
    token = None
    if args.token_env:  # the operator's secret stays out of the command line and the config
        token = os.environ.get(args.token_env, "").strip()
        if not token:
            raise UsageError(f"--token-env {args.token_env}: that environment variable is empty or unset")
    from marsad.api import create_app  # fastapi and uvicorn load only for this verb

    app = create_app(args.db or cfg["store.path"], cfg, token=token)
    if args.get:
        return _get(app, args.get)
    import uvicorn

    port = args.port if args.port is not None else int(cfg["serve.port"])
    print(f"marsad: serving http://{host}:{port}/ (Ctrl-C stops)", file=sys.stderr)
    # Pages and clients reuse connections; uvicorn's 5 s idle close races with a reuse by a
    # busy client (the request then fails mid-read), so idle connections live longer.
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False,
                timeout_keep_alive=KEEP_ALIVE_SECONDS)
    return 0


def _get(app, path: str) -> int:
    """Answer one GET in-process and print the body (for scripts and checks)."""
    import warnings

    with warnings.catch_warnings():  # starlette's notice about httpx concerns its own tests
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    with TestClient(app) as client:
        response = client.get(path)
    sys.stdout.write(response.text + ("" if response.text.endswith("\n") else "\n"))
    return 0 if response.status_code < 400 else 1


def register(sub) -> None:
    p = sub.add_parser("serve", help="serve the web map, timeline and JSON API over a store",
                       description="Serve the pages and the read-only JSON API (/api/, OpenAPI at "
                       "/api/openapi.json) on 127.0.0.1 unless --host says otherwise.")
    add_db_argument(p)
    p.add_argument("--host", help="address to listen on (default: serve.host, 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default: serve.port, 8765)")
    p.add_argument("--token-env", metavar="VAR",
                   help="environment variable holding a token; enables POST /api/ingest, "
                   "which then requires Authorization: Bearer TOKEN")
    p.add_argument("--get", metavar="PATH", help="answer one GET (e.g. /api/stats) and exit")
    p.set_defaults(func=run_serve)
