"""Bytes to text: pick the encoding, refuse binary, repair mojibake."""
from __future__ import annotations

import re

from marsad.config import Config
from marsad.errors import BINARY, EMPTY, TOO_LARGE, UNDECODABLE, InputError

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|div|article|p)\b",
                         re.I | re.S)
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF", b"MZ")


def decode(data: bytes, origin: str, cfg: Config) -> str:
    if not data or not data.strip():
        raise InputError(origin, EMPTY)
    if len(data) > int(cfg["ingest.max_bytes"]):
        raise InputError(origin, TOO_LARGE, f"{len(data):,} bytes > ingest.max_bytes "
                                            f"{int(cfg['ingest.max_bytes']):,}")
    if data.startswith(_BINARY_MAGIC) or data[:4096].count(b"\x00") > 8:
        raise InputError(origin, BINARY)
    for enc in ("utf-8-sig",):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            text = None
    if text is None:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is None:
            raise InputError(origin, UNDECODABLE)
        text = data.decode(best.encoding, errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:2000].encode("utf-8", "ignore")))
