"""Stage 1: bytes → Document (body, comments, title, date, outlet, language).

`sources.iter_inputs` turns paths (files, folders, WARC, feeds, JSON Lines, stdin)
into `RawInput`s; `build_document` decodes one, picks the HTML or plain-text parser,
and fills the document record. Bad input raises `InputError` naming the input.
"""
from __future__ import annotations

from marsad.config import Config
from marsad.document import Document, RawInput
from marsad.errors import EMPTY, InputError
from marsad.ingest import decode, html, meta, text
from marsad.ingest.model import Parsed

REQUIRES: tuple[str, ...] = ()
ASSIGNS = ("body", "comments", "title", "published", "outlet", "language", "url")


def parse_raw(raw: RawInput, cfg: Config) -> Parsed:
    """Decode and parse one input with the parser its content calls for."""
    decoded = decode.decode(raw.data, raw.origin, cfg)
    kind = raw.meta.get("kind") or ("html" if decode.looks_like_html(decoded) else "text")
    if kind == "html":
        parsed = html.parse_html(decoded, url=raw.meta.get("url"), origin=raw.origin)
    else:
        parsed = text.parse_text(decoded)
    if not parsed.body.strip() and not parsed.comments:
        raise InputError(raw.origin, EMPTY, "no article text found")
    return parsed


def build_document(raw: RawInput, cfg: Config, published: str | None = None) -> Document:
    """The document record of one input; container metadata beats what the page says,
    and a caller's `published` beats both."""
    parsed = parse_raw(raw, cfg)
    m = raw.meta
    url = m.get("url") or parsed.url
    return Document(
        doc_id=raw.doc_id, path=raw.path, url=url,
        title=m.get("title") or parsed.title,
        published=published or m.get("published") or parsed.published,
        language=parsed.language or meta.detect_language(parsed.body),
        outlet=m.get("outlet") or parsed.outlet or meta.outlet_from_url(url),
        body=parsed.body, comments=parsed.comments, raw=raw)

