"""The one object that flows through the pipeline.

A `Document` starts as raw bytes from a `RawInput` (ingest), gains its body and
comments (ingest), sentences and parses (nlp), place mentions (geo), actor mentions
(actors) and events (events). Stages only add to it; each declares what it reads and
writes (see `marsad.pipeline`). Every span carries the segment it lives in and
character offsets into that segment's text, so evidence and highlights are exact.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from marsad.records import Comment, DocumentRecord, EventRecord, Place, PlaceMentionRecord

ARTICLE = "article"
COMMENT = "comment"


@dataclass(frozen=True)
class RawInput:
    """One document's bytes as read, with what the container said about it.

    `origin` names where it came from for error messages and resume
    (a file path, or "archive.warc.gz#record-12", or "feed.xml#item-3").
    `meta` may carry url, title, published, outlet, kind ("html"/"text") given by
    the container (a WARC header, a feed item, a JSON Lines field).
    """
    doc_id: str
    origin: str
    data: bytes
    path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Segment:
    """A piece of text that spans point into: the article body or one comment."""
    section: str            # ARTICLE or COMMENT
    comment_id: str | None  # set for comments
    text: str

    @property
    def key(self) -> str:
        return self.comment_id or ARTICLE


@dataclass
class Sentence:
    segment: str            # Segment.key
    start: int
    end: int
    text: str


@dataclass
class PlaceMention:
    """A toponym in a segment, resolved (or not) to a gazetteer place."""
    segment: str
    start: int
    end: int
    text: str
    place: Place | None
    confidence: float
    literal: bool = True
    feature: str | None = None       # gazetteer feature code, for disambiguation debugging


@dataclass
class ActorMention:
    segment: str
    start: int
    end: int
    text: str
    actor_id: str | None
    kind: str | None
    is_source: bool = False          # a media/monitor name credited as a source


@dataclass
class Document:
    doc_id: str
    path: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    outlet: str | None = None
    body: str = ""
    comments: list[Comment] = field(default_factory=list)
    raw: RawInput | None = None
    # annotations added by stages
    sentences: list[Sentence] = field(default_factory=list)
    parses: dict[str, Any] = field(default_factory=dict)       # Segment.key -> spaCy Doc
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def segments(self) -> Iterator[Segment]:
        yield Segment(ARTICLE, None, self.body)
        for c in self.comments:
            yield Segment(COMMENT, c.id, c.text)

    def segment_text(self, key: str) -> str:
        if key == ARTICLE:
            return self.body
        for c in self.comments:
            if c.id == key:
                return c.text
        raise KeyError(key)

    def record(self) -> DocumentRecord:
        return DocumentRecord(self.doc_id, self.path, self.url, self.title, self.published,
                              self.language, self.outlet, self.body, list(self.comments))

    def place_records(self) -> list[PlaceMentionRecord]:
        out = []
        for m in self.places:
            p = m.place
            out.append(PlaceMentionRecord(
                doc_id=self.doc_id, text=m.text, start=m.start, end=m.end,
                section=ARTICLE if m.segment == ARTICLE else COMMENT,
                geonameid=p.geonameid if p else None, name=p.name if p else None,
                lat=p.lat if p else None, lon=p.lon if p else None,
                admin1=p.admin1 if p else None, country=p.country if p else None,
                precision=p.precision if p else None, confidence=round(m.confidence, 3),
                literal=m.literal, comment_id=None if m.segment == ARTICLE else m.segment))
        return out
