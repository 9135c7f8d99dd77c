"""What the event rules read from the rest of the pipeline, behind one seam.

Dates, quantities, sources and confirmation come from other stages' pure
functions, and places and actors from the mentions they left on the Document.
`SentenceContext` gathers them for one sentence, indexed by spaCy token, so the
rules in `roles`, `places`, `status` and `sentence` stay pure functions of tokens.
A piece of the pipeline that is missing or fails on one sentence yields nothing
(and a warning on the document) instead of losing the document's other events.
"""
from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass, field
from typing import Any, Callable

from marsad.document import ActorMention, Document, PlaceMention, Sentence
from marsad.records import Source


def _optional(module: str, name: str) -> Callable | None:
    """A function of another stage, or None while that stage is not installed."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def _call(doc: Document, what: str, fn: Callable | None, *args, **kwargs) -> Any:
    if fn is None:
        return None
    try:
        return fn(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - another stage's bug must not sink this document's events
        doc.warnings.append(f"events: {what} failed: {type(e).__name__}: {e}")
        return None


@dataclass
class SentenceContext:
    """One sentence with its parse and the mentions other stages found in it. Dates,
    numbers and sources are read on first use: most sentences tell no event."""
    doc: Document
    sentence: Sentence
    span: Any                                   # spaCy Span of the sentence
    actors: list[ActorMention] = field(default_factory=list)     # whole segment, by position
    places: list[PlaceMention] = field(default_factory=list)     # this sentence, literal only
    resolver: Callable[[str], tuple] | None = None               # phrase -> (id, kind, name)
    memo: dict[str, Any] = field(default_factory=dict)    # per-sentence results rules reuse across triggers

    @functools.cached_property
    def dates(self) -> list[Any]:
        """DateMentions, offsets in the sentence."""
        fn = _optional("marsad.nlp.dates", "find_dates")
        return _call(self.doc, "find_dates", fn, self.sentence.text, self.doc.published) or []

    @functools.cached_property
    def quantities(self) -> list[Any]:
        """QuantityMentions, offsets in the sentence."""
        fn = _optional("marsad.nlp.quantities", "find_quantities")
        return _call(self.doc, "find_quantities", fn, self.sentence.text) or []

    @functools.cached_property
    def sources(self) -> list[Source]:
        fn = _optional("marsad.actors.attribution", "credited_sources")
        return _call(self.doc, "credited_sources", fn, self.doc, self.sentence) or []

    @functools.cached_property
    def confirmed(self) -> bool | None:
        fn = _optional("marsad.actors.attribution", "confirmation")
        return _call(self.doc, "confirmation", fn, self.sentence.text)

    def resolve(self, phrase: str) -> tuple[str | None, str | None]:
        """(id, kind) of an actor phrase no mention covers ("Turkish air strikes"), or (None, None)."""
        if self.resolver is None:
            return None, None
        found = _call(self.doc, "resolve_actor", self.resolver, phrase)
        return (found[0], found[1]) if found else (None, None)

    @functools.cached_property
    def segment_text(self) -> str:
        """The text of the sentence's segment (what offsets count in), without spaCy's
        `Doc.text`, which joins every token again on each call."""
        try:
            return self.doc.segment_text(self.sentence.segment)
        except KeyError:
            return self.span.doc.text

    @property
    def offset(self) -> int:
        return self.sentence.start

    def token_at(self, start: int, end: int):
        """The syntactic head token of a segment character range, or None."""
        s = self.span.doc.char_span(start, end, alignment_mode="expand")
        return s.root if s is not None and len(s) else None

    def actor_in(self, start: int, end: int, sources_too: bool = False) -> list[ActorMention]:
        """Actor mentions inside a segment character range, in text order."""
        return [m for m in self.actors if m.start >= start and m.end <= end
                and (sources_too or not m.is_source)]

    def actor_before(self, pos: int) -> ActorMention | None:
        """A pronoun's antecedent: the nearest resolved actor mention before it that is a
        subject ("they" in "..., while at Suweida they withdraw" is who acted, not whom), else
        the nearest one."""
        nearest = subject = None
        for m in self.actors:
            if m.end <= pos and m.actor_id and not m.is_source:
                nearest = m
                tok = self.token_at(m.start, m.end)
                if tok is not None and tok.dep_ in ("nsubj", "nsubjpass"):
                    subject = m
        return subject or nearest

    def place_token(self, m: PlaceMention):
        return self.token_at(m.start, m.end)


def actor_resolver(doc: Document) -> Callable[[str], tuple] | None:
    """The actor registry's phrase resolver, bound to this document's story context
    (computed on the first phrase that needs it)."""
    resolve = _optional("marsad.actors", "resolve_actor")
    document_context = _optional("marsad.actors", "document_context")
    if resolve is None:
        return None

    @functools.lru_cache(maxsize=None)
    def story():
        return _call(doc, "document_context", document_context, doc) if document_context else None

    return lambda phrase: resolve(phrase, story())


def build(doc: Document, sentence: Sentence, span, segment_actors: list[ActorMention],
          resolver: Callable[[str], tuple] | None = None) -> SentenceContext:
    places = [p for p in doc.places if p.segment == sentence.segment and p.literal
              and p.start >= sentence.start and p.end <= sentence.end]
    return SentenceContext(doc=doc, sentence=sentence, span=span, actors=segment_actors,
                           places=places, resolver=resolver)
