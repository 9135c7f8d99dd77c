"""The records of shared/spec/EVENTS.md, typed.

Every JSON object Marsad prints or stores is one of these dataclasses, turned into
a dict by `to_dict` (the one serialiser). Field names and order follow the contract;
fields may be added, never renamed.
"""
from __future__ import annotations

import dataclasses
import functools
import json
from dataclasses import dataclass, field
from typing import Any

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODES = {
    "ASSAULT": ("clash", "airstrike", "shelling", "bombing", "execution", "capture", "other"),
    "RETREAT": ("withdraw", "evacuate", "surrender", "disarm", "release"),
    "CONCEDE": ("ceasefire", "allow", "other"),
    "COERCE": ("arrest", "siege", "seize", "other"),
    "MOBILIZE": ("deploy", "reinforce", "other"),
    "AGREE": ("deal", "truce", "other"),
}
STATUSES = ("occurred", "planned", "failed", "denied")
SECTIONS = ("article", "comment")
PRECISIONS = ("point", "town", "district", "admin1", "region", "country")
ACTOR_KINDS = ("state_forces", "government", "armed_group", "civilians", "foreign_state",
               "international_org", "media", "other")
QUANTITY_UNITS = ("fighters", "civilians", "people", "families", "killed", "injured", "buses",
                  "vehicles", "villages", "km", "other")


def to_dict(record: Any) -> Any:
    """Turn a record (or list/dict of records) into plain JSON-able values, in field order."""
    if isinstance(record, (str, int, float, type(None))):
        return record  # most values: answered before any reflection (the API sends thousands)
    names = _field_names(type(record))
    if names is not None:
        return {name: to_dict(getattr(record, name)) for name in names}
    if isinstance(record, (list, tuple)):
        return [to_dict(x) for x in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    return record


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The exported fields of a record class (internal ones left out); None for any
    other class."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls) if not f.metadata.get("internal"))


def to_json(record: Any) -> str:
    """One JSON line, UTF-8 text kept as is."""
    return json.dumps(to_dict(record), ensure_ascii=False)


# ---------------------------------------------------------------- documents (section 2)

@dataclass
class Comment:
    id: str
    parent: str | None
    depth: int
    author: str | None
    text: str


@dataclass
class DocumentRecord:
    doc_id: str
    path: str | None
    url: str | None
    title: str | None
    published: str | None
    language: str | None
    outlet: str | None
    body: str
    comments: list[Comment] = field(default_factory=list)


# ---------------------------------------------------------------- places (sections 3, 5)

@dataclass
class Place:
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    precision: str | None


@dataclass
class PlaceMentionRecord:
    doc_id: str
    text: str
    start: int
    end: int
    section: str
    geonameid: int | None
    name: str | None
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    precision: str | None
    confidence: float
    literal: bool = True
    comment_id: str | None = None


# ---------------------------------------------------------------- events (section 3)

@dataclass
class Actor:
    id: str | None
    name: str
    kind: str | None


@dataclass
class Quantity:
    value: float | int | None
    low: float | int | None
    high: float | int | None
    unit: str
    approx: bool
    text: str


@dataclass
class Source:
    name: str
    id: str | None
    leaning: str | None


@dataclass
class Evidence:
    section: str
    text: str
    comment_id: str | None = None


@dataclass
class AcledType:
    event_type: str
    sub_event_type: str


@dataclass
class EventRecord:
    doc_id: str
    event_id: str
    type: str
    mode: str | None
    section: str
    actor: Actor | None
    recipient: Actor | None
    location: Place | None
    origin: Place | None
    destination: Place | None
    date: str | None
    date_text: str | None
    quantities: list[Quantity] = field(default_factory=list)
    fatalities: int | None = None
    status: str = "occurred"
    sources: list[Source] = field(default_factory=list)
    confirmed: bool | None = None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5
    acled: AcledType | None = None


# ---------------------------------------------------------------- reading records back

def _build(cls, data):
    if data is None:
        return None
    return cls(**{name: data[name] if name in data else default() for name, default in _defaults(cls)})


@functools.cache
def _defaults(cls: type) -> tuple:
    """(name, function giving the value when a dict lacks it) of each exported field of
    a record class: computed once per class (the API reads thousands of records)."""
    out = []
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal"):
            continue
        if f.default_factory is not dataclasses.MISSING:
            out.append((f.name, f.default_factory))
        else:
            missing = None if f.default is dataclasses.MISSING else f.default
            out.append((f.name, lambda value=missing: value))
    return tuple(out)


def document_from_dict(d: dict) -> DocumentRecord:
    rec = _build(DocumentRecord, d)
    rec.comments = [_build(Comment, c) for c in d.get("comments") or []]
    return rec


def event_from_dict(d: dict) -> EventRecord:
    rec = _build(EventRecord, d)
    rec.actor = _build(Actor, d.get("actor"))
    rec.recipient = _build(Actor, d.get("recipient"))
    for k in ("location", "origin", "destination"):
        setattr(rec, k, _build(Place, d.get(k)))
    rec.quantities = [_build(Quantity, q) for q in d.get("quantities") or []]
    rec.sources = [_build(Source, s) for s in d.get("sources") or []]
    rec.evidence = [_build(Evidence, e) for e in d.get("evidence") or []]
    rec.acled = _build(AcledType, d.get("acled"))
    return rec
