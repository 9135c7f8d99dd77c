"""Stage 3: toponyms in the body and every comment, resolved to places (`doc.places`).

`recognize.find_toponyms` finds names, region phrases, demonyms and metonyms in each
segment's parse; `resolve.resolve_document` picks a gazetteer place for each using the
whole document; the gazetteer (`gazetteer.open_gazetteer`) is built once into the cache
directory and opened read-only. Offsets are into each segment's text.
"""
from __future__ import annotations

from marsad.config import Config
from marsad.document import Document, PlaceMention
from marsad.geo import recognize, resolve
from marsad.geo.gazetteer import Gazetteer, open_gazetteer

REQUIRES = ("sentences", "parses")
ASSIGNS = ("places",)


def candidates_for(gz: Gazetteer, top: recognize.Toponym) -> list:
    cands = gz.lookup(top.name, fuzzy=len(top.name) >= 6)
    if len(top.name) <= 3:  # abbreviations mean only what they spell ('Ga.', not 'GHA')
        cands = [c for c in cands if c.matched == top.name] or cands
    if cands and all(c.how in ("skeleton", "fuzzy") for c in cands):
        # A near miss must at least be in the curated data or well known.
        cands = [c for c in cands if c.source in recognize.CURATED or c.population >= 10_000]
    return cands


def ranked_candidates(gz: Gazetteer, name: str) -> list:
    """What the gazetteer knows about a name, most likely first (for `gazetteer lookup`)."""
    return sorted(gz.lookup(name), key=lambda c: -resolve.base_score(c))


def place_mentions(doc: Document, gz: Gazetteer) -> list[PlaceMention]:
    per_segment: list[tuple[str, str, object, list[recognize.Toponym]]] = []
    for seg in doc.segments():
        parse = doc.parses.get(seg.key)
        if parse is None or not seg.text.strip():
            continue
        per_segment.append((seg.key, seg.text, parse, recognize.find_toponyms(parse, seg.text, gz)))
    # One sense per document: a plain name used as a place once is a place where it recurs.
    names = {t.name for *_, tops in per_segment for t in tops
             if t.origin in ("gazetteer", "ner") and t.text == t.name and t.literal}
    found: list[tuple[str, recognize.Toponym]] = []
    for key, text, parse, tops in per_segment:
        tops = sorted(tops + recognize.repeats(parse, text, tops, names), key=lambda t: t.start)
        found += [(key, t) for t in tops]
    results = resolve.resolve_document([t for _, t in found], lambda t: candidates_for(gz, t))
    return [PlaceMention(key, t.start, t.end, t.text, r.place, r.confidence,
                         resolve.is_literal(t, r.feature), r.feature)
            for (key, t), r in zip(found, results)]


def run_batch(docs: list[Document], cfg: Config) -> None:
    gz = open_gazetteer(cfg)
    for doc in docs:
        doc.places = place_mentions(doc, gz)


def run(doc: Document, cfg: Config) -> None:
    run_batch([doc], cfg)
