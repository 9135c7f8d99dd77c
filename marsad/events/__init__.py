"""Stage 5: events. Where a sentence becomes an event record.

For each sentence of the body and of every comment, `sentence.events_in_sentence`
finds trigger words (`triggers.tsv`), keeps those the clause asserts (`status`),
reads actor and recipient (`roles`), places (`places`), the date and numbers of
the trigger's clause, and the sources the sentence credits. Comment claims pass
`comments.is_factual_claim`. `merge` folds retellings into one record per real
event, and `records_from` turns each into an `EventRecord` with its evidence
sentences, fatalities, ACLED type (`acled`) and a calibrated confidence.
"""
from __future__ import annotations

from marsad.config import Config
from marsad.document import ARTICLE, COMMENT, Document
from marsad.events import context
from marsad.events.acled import acled_type
from marsad.events.candidate import Candidate
from marsad.events.comments import is_factual_claim
from marsad.events.merge import merge, same_place
from marsad.events.places import context_place, scene_mentions
from marsad.events.sentence import STATEMENTS, events_in_sentence
from marsad.records import EventRecord

REQUIRES = ("sentences", "parses", "places", "actors")
ASSIGNS = ("events",)


def _predicates(ctx_actors, places, parse):
    """is_place(token) and is_actor(token) over one segment's mentions."""
    place_spans = [(p.start, p.end) for p in places if p.literal]
    actor_spans = [(a.start, a.end) for a in ctx_actors if not a.is_source]

    def covered(token, spans) -> bool:
        lo, hi = token.idx, token.idx + len(token.text)
        return any(s <= lo and hi <= e for s, e in spans)

    def is_place(token) -> bool:
        return covered(token, place_spans)

    def is_actor(token) -> bool:
        if covered(token, actor_spans):
            return True
        # A noun phrase that holds an actor mention ("the Syrian government", "1,500 civilians").
        return any(covered(t, actor_spans) for t in token.subtree if t.dep_ in ("compound", "amod", "poss")
                   or t.i == token.i)

    return is_place, is_actor


def fatalities(cand: Candidate) -> int | None:
    """The lowest exact death toll the event's sentences give; vague amounts never count."""
    tolls = [q.value for q in cand.quantities if q.unit == "killed" and q.value is not None
             and not (q.approx and q.low is not None)]
    return int(min(tolls)) if tolls else None


def confidence(cand: Candidate) -> float:
    """A score from the evidence's strength (calibrated on the dev sets: docs/events.md)."""
    score = 0.3 + 0.35 * cand.weight
    score += 0.15 if cand.actor is not None and cand.actor.id and "actor" not in cand.inferred else 0.0
    score += 0.1 if cand.places() and "place" not in cand.inferred else 0.0
    score += 0.05 if len(cand.evidence) > 1 else 0.0
    if cand.section == COMMENT:
        score -= 0.25
    return round(max(0.05, min(0.95, score)), 2)


def records_from(doc: Document, cands: list[Candidate]) -> list[EventRecord]:
    out = []
    for i, c in enumerate(cands, 1):
        out.append(EventRecord(
            doc_id=doc.doc_id, event_id=f"{doc.doc_id}/e{i}", type=c.type, mode=c.mode,
            section=c.section, actor=c.actor, recipient=c.recipient, location=c.location,
            origin=c.origin, destination=c.destination, date=c.date, date_text=c.date_text,
            quantities=c.quantities, fatalities=fatalities(c), status=c.status, sources=c.sources,
            confirmed=c.confirmed, evidence=c.evidence, confidence=confidence(c),
            acled=acled_type(c.type, c.mode, c.actor.kind if c.actor else None, c.violent)))
    return out


def candidates(doc: Document) -> list[Candidate]:
    """Every event each sentence tells, in text order (body first, then comments)."""
    out: list[Candidate] = []
    resolver = context.actor_resolver(doc)
    by_segment: dict[str, list] = {}
    for m in sorted(doc.actors, key=lambda m: (m.segment, m.start)):
        by_segment.setdefault(m.segment, []).append(m)
    for sent in doc.sentences:
        parse = doc.parses.get(sent.segment)
        if parse is None:
            continue
        span = parse.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        seg_actors = by_segment.get(sent.segment, [])
        ctx = context.build(doc, sent, span, seg_actors, resolver)
        seg_places = [p for p in doc.places if p.segment == sent.segment]
        is_place, is_actor = _predicates(seg_actors, seg_places, parse)
        section = ARTICLE if sent.segment == ARTICLE else COMMENT
        for cand in events_in_sentence(ctx, section, is_place, is_actor):
            if section == COMMENT and not is_factual_claim(cand, span):
                continue
            out.append(cand)
    return out


def story_places(doc: Document, segment: str) -> list:
    """A segment's place mentions that may set a story's scene (`places.scene_mentions`)."""
    return scene_mentions(doc, segment)


def far_destinations(events: list[Candidate]) -> list:
    """Places the story only sends people to ("withdraw towards Jarabulus"): they are not where
    the story is set, unless an event also happens or starts there."""
    scenes = [p for c in events for p in (c.location, c.origin) if p is not None]
    return [c.destination for c in events if c.destination is not None
            and not any(same_place(c.destination, s) for s in scenes)]


def place_from_context(doc: Document, cand: Candidate, away: list = ()) -> None:
    """An event told with no place of its own is set where the story is (section 3: "the area");
    a withdrawal told only with where it goes starts where the story is, up to its own words.
    `away`: destinations only (`far_destinations`), never the scene."""
    scene = [p for p in story_places(doc, cand.segment) if not any(same_place(p.place, a) for a in away)]
    if cand.type == "RETREAT" and cand.destination is not None and cand.origin is None:
        origin = context_place([p for p in scene
                                if not same_place(p.place, cand.destination)], cand.segment, cand.position)
        if origin is not None:
            cand.origin = origin
            cand.inferred.add("place")
        return
    if cand.places() or cand.type in STATEMENTS:
        return
    place = context_place(scene, cand.segment, cand.sentence_start)
    if place is None:
        return
    if cand.type == "RETREAT":
        cand.origin = place
    else:
        cand.location = place
    cand.inferred.add("place")


def actor_from_context(earlier: list[Candidate], cand: Candidate) -> None:
    """An event told without its actor ("151 people had been killed in the blast") is done by
    whoever did the last event of its kind in the same text."""
    if cand.actor is not None or cand.type in STATEMENTS:
        return
    for prev in reversed(earlier):
        if prev.segment == cand.segment and prev.type == cand.type and prev.actor is not None:
            cand.actor = prev.actor
            cand.inferred.add("actor")
            return


def run(doc: Document, cfg: Config) -> None:
    events = merge(candidates(doc))
    away = far_destinations(events)
    for i, cand in enumerate(events):
        place_from_context(doc, cand, away)
        actor_from_context(events[:i], cand)
    doc.events = records_from(doc, events)
