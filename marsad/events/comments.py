"""Reader comments: only concrete factual claims about a specific event count.

A comment sentence yields an event only when it is told as fact (no question,
no first- or second-person opinion, no exclamation, no mockery or insult from
`event_opinion.tsv`, no modal: the sentence rules already drop those), in a tense
that tells a specific event, and names an actor or place (EVENTS.md section 7.5).
Opinions, insults, wishes and predictions tell no event.
"""
from __future__ import annotations

from marsad.events.candidate import Candidate
from marsad.events.lexicon import opinion_words
from marsad.events.status import OCCURRED

# Subjects that make a comment sentence a reader's own view, not a report.
PERSONAL = frozenset({"i", "you", "we", "u", "ya"})
# Types a reader can report as fact; statements (ACCUSE, REQUEST...) in comments are the reader's own voice.
FACT_TYPES = frozenset({"ASSAULT", "RETREAT", "COERCE", "MOBILIZE", "AGREE", "CONSULT", "CONCEDE", "AID"})


# Tags of a clause verb that tells a specific past or ongoing event ("surrendered", "have
# captured", "is negotiating"), not a generalisation ("SAA fights", "they make such deals").
TOLD_TAGS = frozenset({"VBD", "VBN", "VBG"})


def is_factual_claim(cand: Candidate, span) -> bool:
    if cand.type not in FACT_TYPES or cand.status != OCCURRED:
        return False
    if cand.type == "CONCEDE" and cand.mode == "allow":
        return False  # "the US let 1000s of ISIS fighters escape": the reader's claim is the escape
    if cand.trigger_tag not in TOLD_TAGS:
        return False
    text = span.text.strip()
    if text.endswith(("?", "!")):
        return False
    words = opinion_words()
    if any(t.lower_ in words for t in span):
        return False
    if any(t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in PERSONAL for t in span):
        return False
    return cand.actor is not None or bool(cand.places())
