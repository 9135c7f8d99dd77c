"""What every response carries and what no request may do: security headers on every
answer (errors included), files served only from inside their folder, and the bearer
token that write endpoints require."""
from __future__ import annotations

import hmac
import json
import logging
import mimetypes
from pathlib import Path

from fastapi import HTTPException, Request
from starlette.datastructures import MutableHeaders

log = logging.getLogger("marsad.api")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-resource-policy": "same-origin",
}
# Types the pages' files need that Python's table may lack or get wrong.
MEDIA_TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
               ".json": "application/json", ".geojson": "application/geo+json",
               ".svg": "image/svg+xml", ".woff2": "font/woff2", ".html": "text/html",
               ".map": "application/json", ".pbf": "application/x-protobuf"}


class SecurityHeaders:
    """ASGI middleware, outermost: adds SECURITY_HEADERS to every response, and turns
    an unhandled error into a JSON 500 (with the headers) instead of a bare one."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def send_secured(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        try:
            await self.app(scope, receive, send_secured)
        except Exception:  # noqa: BLE001 - the server stays up; the error is logged in full
            log.exception("error answering %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            body = json.dumps({"detail": "internal error"}).encode()
            await send_secured({"type": "http.response.start", "status": 500,
                                "headers": [(b"content-type", b"application/json"),
                                            (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})


def contained_file(root: Path, relative: str) -> Path | None:
    """The regular file at `relative` under `root`, or None when the path leaves the
    folder (`..`, an absolute path, a symlink pointing out), is hidden or is no file."""
    if not relative or "\x00" in relative or "\\" in relative:
        return None
    parts = Path(relative).parts
    if Path(relative).is_absolute() or any(p in ("..", ".") or p.startswith(".") for p in parts):
        return None
    base = root.resolve()
    try:
        target = (base / relative).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a symlink loop
        return None
    if not target.is_relative_to(base) or not target.is_file():
        return None
    return target


def media_type(path: Path) -> str:
    return MEDIA_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] \
        or "application/octet-stream"


def require_token(request: Request) -> None:
    """Dependency of write endpoints: `Authorization: Bearer <token>` must match the
    operator's token (compared in constant time)."""
    expected = request.app.state.token
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if not expected or scheme.lower() != "bearer" or not hmac.compare_digest(
            value.strip().encode(), expected.encode()):
        raise HTTPException(401, "a valid `Authorization: Bearer` token is required",
                            headers={"WWW-Authenticate": "Bearer"})
