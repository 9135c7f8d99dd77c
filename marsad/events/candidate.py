"""An event as read from one sentence, before merging into a record."""
from __future__ import annotations

from dataclasses import dataclass, field

from marsad.records import Actor, Evidence, Place, Quantity, Source


@dataclass
class Candidate:
    type: str
    mode: str | None
    section: str                    # article | comment
    segment: str                    # "article" or a comment id
    actor: Actor | None
    recipient: Actor | None
    location: Place | None
    origin: Place | None
    destination: Place | None
    date: str | None
    date_text: str | None
    status: str
    weight: float                   # trigger strength, 0..1
    position: int                   # character offset of the trigger in its segment
    sentence_start: int
    evidence: list[Evidence] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    confirmed: bool | None = None
    anaphoric: bool = False         # "the deal", "the withdrawal": retells an event told before
    trigger_tag: str = ""           # tense tag of the verb that tells the trigger (VBD, VBZ...)
    reference: bool = False         # a passing mention ("reaction to the deal"): may only join a record
    toll: bool = False              # "two fighters were killed", no killer named: counts an attack told before
    another: bool = False           # "similar agreements", "another attack": never retells an earlier record
    inferred: set[str] = field(default_factory=set)   # fields filled from the story, not the sentence
    violent: bool = True            # false for territory taken without a fight

    def places(self) -> list[Place]:
        return [p for p in (self.location, self.origin, self.destination) if p is not None]
