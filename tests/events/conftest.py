"""Event tests run the real pipeline (ingest -> nlp -> geo -> actors -> events) on texts we write."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def extract():
    """extract(text, published=None) -> list of EventRecord, through `marsad.extract`."""
    import marsad

    def run(text: str, published: str | None = None):
        return marsad.extract(text, doc_id="t", published=published).events

    return run


@pytest.fixture(scope="session")
def parse(cfg):
    """parse(text) -> spaCy Doc, with the model the pipeline uses."""
    from marsad.nlp import load_model

    nlp = load_model(cfg["nlp.model"])
    return nlp


def find(events, type_, **fields):
    """The events of one type whose fields match (actor id via actor=..., status=..., mode=...)."""
    out = []
    for e in events:
        if e.type != type_:
            continue
        if "actor" in fields and (e.actor.id if e.actor else None) != fields["actor"]:
            continue
        if any(getattr(e, k) != v for k, v in fields.items() if k != "actor"):
            continue
        out.append(e)
    return out
