"""What a format parser (text, HTML) returns: the parts of a document record."""
from __future__ import annotations

from dataclasses import dataclass, field

from marsad.records import Comment


@dataclass
class Parsed:
    body: str
    comments: list[Comment] = field(default_factory=list)
    title: str | None = None
    published: str | None = None   # ISO date (YYYY-MM-DD, or YYYY-MM) found in the page/text
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
