"""The records fusion reads and writes (EVENTS.md section 9), and its settings.

A `Report` is one event record with the facts about its document that fusion needs
(publication date, outlet, the original it near-duplicates). An `Incident` groups the
reports of one real-world event; a `Story` links the incidents of one deal or campaign.
Both serialise with `marsad.records.to_dict` like every other record.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.config import Config
from marsad.records import Actor, EventRecord, Place, Quantity


@dataclass(frozen=True)
class FuseSettings:
    """Every knob of fusion; `[fuse]` keys in a config file override the defaults."""
    day_slack: int = 1             # a day-precise date covers day ± this (two dates 2 days apart match)
    report_window: int = 7         # an undated event happened at most this many days before publication
    town_km: float = 25.0          # point/town places of one incident lie this close
    timeless_km: float = 2.0       # ... and this close when one record has no time at all (one town)
    district_km: float = 50.0
    admin1_km: float = 100.0       # admin1/region: the same admin1, or this close
    story_days: int = 14           # incidents of one story (told apart) lie this close in time
    story_km: float = 60.0         # ... and this close in place (or share an admin1)
    corroboration: float = 0.5     # each independent report removes this share of the doubt left

    @classmethod
    def from_config(cls, cfg: Config | None) -> "FuseSettings":
        if cfg is None:
            return cls()
        given = cfg.get("fuse", {}) or {}
        return cls(**{k: type(getattr(cls, k))(v) for k, v in given.items()
                      if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Report:
    """One event record and the document it came from."""
    event: EventRecord
    published: str | None = None
    outlet: str | None = None
    duplicate_of: str | None = None

    @property
    def doc_id(self) -> str:
        return self.event.doc_id

    @property
    def root(self) -> str:
        """The document this one copies, or itself: copies count once."""
        return self.duplicate_of or self.event.doc_id


@dataclass
class Backing:
    """One value of a merged field and who gives it."""
    value: Any
    sources: list[str] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)


@dataclass
class Dispute:
    """A field on which records credited to different sources disagree."""
    field: str
    values: list[Backing] = field(default_factory=list)


@dataclass
class Incident:
    incident_id: str
    type: str
    section: str
    mode: str | None
    actor: Actor | None
    recipient: Actor | None
    location: Place | None
    origin: Place | None
    destination: Place | None
    date: str | None
    quantities: list[Quantity]
    fatalities: int | None
    status: str
    event_ids: list[str]
    doc_ids: list[str]
    n_reports: int
    outlets: list[str]
    sources: list[str]
    first_reported: str | None
    last_reported: str | None
    confidence: float
    disputes: list[Dispute] = field(default_factory=list)
    provenance: dict[str, list[Backing]] = field(default_factory=dict)
    story_id: str | None = None
    block: str = field(default="", metadata={"internal": True})


@dataclass
class Story:
    story_id: str
    incident_ids: list[str]       # in time order: agreement -> evacuation -> arrival -> reactions
    types: list[str]
    first_date: str | None
    last_date: str | None


def _place(d: dict | None) -> Place | None:
    return Place(**{k: d.get(k) for k in Place.__dataclass_fields__}) if d else None


def _actor(d: dict | None) -> Actor | None:
    return Actor(**{k: d.get(k) for k in Actor.__dataclass_fields__}) if d else None


def _backing(d: dict, value) -> Backing:
    return Backing(value, d.get("sources") or [], d.get("event_ids") or [], d.get("doc_ids") or [])


def _value(name: str, value):
    """A field value read back from JSON, typed as it was written."""
    if value is None:
        return None
    if name in ("actor", "recipient"):
        return _actor(value)
    if name in ("location", "origin", "destination"):
        return _place(value)
    if name == "quantities":
        return Quantity(**{k: value.get(k) for k in Quantity.__dataclass_fields__})
    return value


def incident_from_dict(d: dict) -> Incident:
    """An incident record read back from its JSON (as `to_dict` wrote it)."""
    return Incident(
        **{k: d.get(k) for k in Incident.__dataclass_fields__
           if k not in ("actor", "recipient", "location", "origin", "destination", "quantities",
                        "disputes", "provenance", "block")},
        actor=_actor(d.get("actor")), recipient=_actor(d.get("recipient")),
        location=_place(d.get("location")), origin=_place(d.get("origin")),
        destination=_place(d.get("destination")),
        quantities=[_value("quantities", q) for q in d.get("quantities") or []],
        disputes=[Dispute(x["field"], [_backing(b, _value(x["field"], b.get("value")))
                                       for b in x.get("values") or []])
                  for x in d.get("disputes") or []],
        provenance={k: [_backing(b, _value(k, b.get("value"))) for b in v]
                    for k, v in (d.get("provenance") or {}).items()})
