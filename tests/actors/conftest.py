"""Helpers for the actors tests: documents built by hand and parsed by the real nlp stage."""
from __future__ import annotations

import pytest

from marsad.document import Document
from marsad.records import Comment


@pytest.fixture(scope="session")
def make_doc(cfg):
    """Build a Document from a body (and comment texts), run nlp and actors on it."""
    from marsad import actors, nlp

    def build(body: str, comments: tuple[str, ...] = (), run_actors: bool = True, **meta) -> Document:
        doc = Document(doc_id="t", body=body, **meta)
        doc.comments = [Comment(f"c{i}", None, 0, None, text) for i, text in enumerate(comments, 1)]
        nlp.run(doc, cfg)
        if run_actors:
            actors.run(doc, cfg)
        return doc

    return build
