"""Stage 2: spaCy parses and sentences for the body and every comment.

spaCy's small English pipeline loads once per process (`load_model`). Each segment
(the body, each comment) is parsed separately so that no sentence spans the article
and a comment. Date and number readers (`nlp.dates`, `nlp.quantities`) are pure
functions the later stages call on spans.
"""
from __future__ import annotations

import functools

from marsad.config import Config
from marsad.document import Document, Sentence

REQUIRES = ("body", "comments")
ASSIGNS = ("sentences", "parses")


@functools.lru_cache(maxsize=4)
def load_model(name: str):
    import spacy  # imported here: importing marsad must stay cheap

    return spacy.load(name)


def run_batch(docs: list[Document], cfg: Config) -> None:
    nlp = load_model(cfg["nlp.model"])
    limit = int(cfg["nlp.max_chars"])
    nlp.max_length = max(nlp.max_length, limit + 1)
    items = [(d, seg) for d in docs for seg in d.segments() if seg.text.strip()]
    texts = (seg.text[:limit] for _, seg in items)
    for (doc, seg), parsed in zip(items, nlp.pipe(texts, batch_size=64)):
        doc.parses[seg.key] = parsed
        for s in parsed.sents:
            if s.text.strip():
                doc.sentences.append(Sentence(seg.key, s.start_char, s.end_char, s.text))


def run(doc: Document, cfg: Config) -> None:
    run_batch([doc], cfg)
