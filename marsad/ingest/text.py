"""Plain-text documents: body only (first version; comment threads to come)."""
from __future__ import annotations

from marsad.ingest.model import Parsed


def parse_text(text: str) -> Parsed:
    lines = text.strip().split("\n")
    title = lines[0].strip() if lines else None
    body = "\n".join(lines[1:]).strip() if len(lines) > 1 else text.strip()
    return Parsed(body=body, title=title)
