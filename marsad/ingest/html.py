"""HTML pages: article body and metadata through trafilatura (first version)."""
from __future__ import annotations

from marsad.errors import NOT_HTML, InputError
from marsad.ingest.model import Parsed


def parse_html(html: str, url: str | None = None, origin: str = "") -> Parsed:
    import trafilatura

    result = trafilatura.bare_extraction(html, url=url, include_comments=False,
                                         with_metadata=True, as_dict=True)
    if not result:
        raise InputError(origin, NOT_HTML, "no article text in the page")
    return Parsed(body=result.get("text") or "", title=result.get("title"),
                  published=result.get("date"), outlet=result.get("sitename"),
                  url=result.get("url") or url)
