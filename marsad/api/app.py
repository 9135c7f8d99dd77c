"""The web application: the JSON API under /api/ and the pages of marsad/web/static/.

    app = create_app("war.db")          # then: uvicorn.run(app, host="127.0.0.1")

Reads only: each request borrows a read-only connection to the store (a SQLite file
or a PostgreSQL URL), so `marsad ingest` may write the same store meanwhile. No page or API answer loads anything from another
origin: the OpenAPI document is served, but no Swagger/ReDoc page (they load from a CDN).
"""
from __future__ import annotations

import gc
import re
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad.api.deps import StorePool
from marsad.api.routes import catalog, documents, events, incidents
from marsad.api.security import SecurityHeaders, contained_file, media_type
from marsad.config import Config, load_config
from marsad.errors import MarsadError
from marsad.store import open_store

STATIC_DIR = Path(__file__).resolve().parents[1] / "web" / "static"
# Page path -> the shell that renders it (its script then asks the API).
# A CLI flag in an error message, and the query parameter that stands for it.
CLI_FLAG = re.compile(r"--(since|until|type|section|status)\b")
QUERY_NAMES = {"since": "date_from", "until": "date_to"}
PAGES = {"index": "index.html", "incident": "incident.html", "document": "document.html"}
# Answers from this size on go gzipped to clients that accept it. Level 1: JSON shrinks
# 5-15x at a few ms per MB, where level 9 costs ten times the time for a few % more.
GZIP_MIN_BYTES, GZIP_LEVEL = 1024, 1


def create_app(db: str, cfg: Config | None = None, token: str | None = None,
               static_dir: str | Path | None = None) -> FastAPI:
    """The app over the store at `db` (which must exist). `token` enables the write
    endpoints, which then require `Authorization: Bearer <token>`."""
    cfg = cfg or load_config()
    with open_store(db, cfg, create=False):  # names a missing path; brings the schema up to date
        pass
    pool = StorePool(db, cfg)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # What is loaded by now lives as long as the server: out of the collector's full
        # passes, which otherwise scan it all and stalled requests for 60-100 ms (measured).
        gc.freeze()
        yield
        pool.close()

    app = FastAPI(title="Marsad", version="1",
                  description="War reporting as sourced, geocoded event records (EVENTS.md).",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.pool, app.state.token = pool, token
    app.state.static_dir = Path(static_dir) if static_dir else STATIC_DIR
    for module in (catalog, events, incidents, documents):
        app.include_router(module.router, prefix="/api")
    if token:
        from marsad.api.routes import ingest  # exists only when the operator set a token

        app.include_router(ingest.router, prefix="/api")
    _add_pages(app)
    _add_error_handlers(app)
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES, compresslevel=GZIP_LEVEL)
    app.add_middleware(SecurityHeaders)  # added last: outermost, so every answer gets the headers
    return app


def _add_pages(app: FastAPI) -> None:
    def shell(name: str):
        target = contained_file(app.state.static_dir, PAGES[name])
        if target is None:
            return PlainTextResponse(f"page {PAGES[name]} is not installed", status_code=404)
        return FileResponse(target, media_type="text/html; charset=utf-8")

    @app.get("/", include_in_schema=False)
    def index_page():
        return shell("index")

    @app.get("/incidents/{incident_id}", include_in_schema=False)
    def incident_page(incident_id: str):
        return shell("incident")

    @app.get("/documents/{doc_id:path}", include_in_schema=False)
    def document_page(doc_id: str):
        return shell("document")

    @app.get("/static/{path:path}", include_in_schema=False)
    def static_file(path: str):
        target = contained_file(app.state.static_dir, path)
        if target is None:
            return PlainTextResponse("not found", status_code=404)
        return FileResponse(target, media_type=media_type(target))


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(MarsadError)
    async def usage_error(request: Request, exc: MarsadError):
        # EventFilter's messages name CLI flags; say which query parameter instead.
        message = CLI_FLAG.sub(lambda m: QUERY_NAMES.get(m[1], m[1]), str(exc))
        return JSONResponse({"detail": message}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if not request.url.path.startswith("/api/"):
            return PlainTextResponse(str(exc.detail), status_code=exc.status_code,
                                     headers=exc.headers)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        return JSONResponse({"detail": _plain(exc.errors())}, status_code=422)


def _plain(errors) -> list[dict]:
    """Validation errors without the echoed input (which may be large or hostile)."""
    return [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in errors]
