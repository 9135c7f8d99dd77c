"""Stage 2: spaCy parses and sentences for the body and every comment.

spaCy's small English pipeline loads once per process (`load_model`). Each segment
(the body, each comment) is parsed separately so that no sentence spans the article
and a comment, and a blank line always ends a sentence (the parser alone runs
sentences across paragraphs, which lets a credit at one paragraph's end leak into the
next). Long texts are parsed in paragraph-aligned pieces and joined back, so offsets
stay exact and nothing past `nlp.max_chars` is dropped. Date and number readers
(`nlp.dates`, `nlp.quantities`) are pure functions the later stages call on spans.
"""
from __future__ import annotations

import functools
import re

from marsad.config import Config
from marsad.document import Document, Sentence

REQUIRES = ("body", "comments")
ASSIGNS = ("sentences", "parses")

PARAGRAPH_BREAKS = "marsad_paragraph_breaks"
_BLANK_LINE = re.compile(r"\n\s*\n")


def _mark_paragraph_breaks(doc):
    """A token after a blank line starts a sentence (set before the parser runs)."""
    for i, token in enumerate(doc[1:], start=1):
        prev = doc[i - 1]
        if token.is_space:
            continue
        if _BLANK_LINE.search(prev.whitespace_ + (prev.text if prev.is_space else "")):
            token.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def load_model(name: str):
    import spacy  # imported here: importing marsad must stay cheap
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=_mark_paragraph_breaks)
    nlp = spacy.load(name)
    nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


def pieces(text: str, limit: int) -> list[str]:
    """Contiguous slices of `text`, each at most `limit` characters, cut after a newline
    (else after a space) where one is near the limit; "".join(pieces) == text."""
    out, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = max(window.rfind("\n"), window.rfind(" ") if "\n" not in window else -1)
        end = start + (cut + 1 if cut > limit // 2 else limit)
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def _parse(nlp, texts: list[str], limit: int):
    """Parse each text; long ones piece by piece, joined into one Doc with exact offsets."""
    from spacy.tokens import Doc

    jobs = [(i, p) for i, t in enumerate(texts) for p in pieces(t, limit)]
    parsed: dict[int, list] = {}
    for (i, _), d in zip(jobs, nlp.pipe((p for _, p in jobs), batch_size=64)):
        parsed.setdefault(i, []).append(d)
    return [parsed[i][0] if len(parsed[i]) == 1 else Doc.from_docs(parsed[i], ensure_whitespace=False)
            for i in range(len(texts))]


def sentences(key: str, parsed) -> list[Sentence]:
    """The sentences of a parsed segment, trimmed of surrounding whitespace."""
    out = []
    text = parsed.text
    for s in parsed.sents:
        start, end = s.start_char, s.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Sentence(key, start, end, text[start:end]))
    return out


def run_batch(docs: list[Document], cfg: Config) -> None:
    nlp = load_model(cfg["nlp.model"])
    limit = int(cfg["nlp.max_chars"])
    nlp.max_length = max(nlp.max_length, limit + 1)
    items = [(d, seg) for d in docs for seg in d.segments() if seg.text.strip()]
    for (doc, seg), parsed in zip(items, _parse(nlp, [seg.text for _, seg in items], limit)):
        doc.parses[seg.key] = parsed
        doc.sentences.extend(sentences(seg.key, parsed))


def run(doc: Document, cfg: Config) -> None:
    run_batch([doc], cfg)
