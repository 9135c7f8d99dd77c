"""Marsad: war reporting in, a sourced, geocoded, dated record of events out.

The library is the product; the `marsad` command and the web app are thin skins
over it. Nothing heavy loads at import: models and tables load on first use.

    >>> import marsad
    >>> doc = marsad.extract("Rebels left Daraya on Friday.", published="2016-08-28")  # doctest: +SKIP
"""
from __future__ import annotations

__version__ = "0.1.0"

from marsad.config import Config, load_config  # noqa: E402
from marsad.document import Document, RawInput  # noqa: E402


def _run(command: str, data: bytes | str, doc_id: str, published: str | None,
         cfg: Config | None) -> Document:
    from marsad.pipeline import Pipeline

    raw = RawInput(doc_id=doc_id, origin=doc_id,
                   data=data.encode("utf-8") if isinstance(data, str) else data)
    pipeline = Pipeline.for_command(command, cfg)
    doc = pipeline.make_document(raw, published)
    pipeline.annotate([doc])
    return doc


def parse(data: bytes | str, doc_id: str = "doc", published: str | None = None,
          cfg: Config | None = None) -> Document:
    """One document (text or HTML), ingested: body, comments, title, date, outlet."""
    return _run("parse", data, doc_id, published, cfg)


def geoparse(data: bytes | str, doc_id: str = "doc", published: str | None = None,
             cfg: Config | None = None) -> Document:
    """As `parse`, plus sentences and resolved place mentions (`doc.places`)."""
    return _run("geoparse", data, doc_id, published, cfg)


def extract(data: bytes | str, doc_id: str = "doc", published: str | None = None,
            cfg: Config | None = None) -> Document:
    """As `geoparse`, plus actor mentions and event records (`doc.events`)."""
    return _run("extract", data, doc_id, published, cfg)


__all__ = ["Config", "Document", "RawInput", "load_config", "parse", "geoparse", "extract"]
