"""The API's response models, so `/api/openapi.json` describes every answer exactly.

Records keep the shapes of `marsad.records` and `marsad.fuse.model` (EVENTS.md): their
models are made from those dataclasses field by field, with the API's additions
(`incident_id`, `highlights`...) appended, so the contract and the API cannot drift apart.
"""
from __future__ import annotations

import dataclasses
import typing
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, create_model

from marsad.fuse.model import Backing, Dispute, Incident
from marsad.records import DocumentRecord, EventRecord, PlaceMentionRecord

EventType = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                    "MOBILIZE", "COERCE", "ASSAULT"]
Section = Literal["article", "comment"]
Status = Literal["occurred", "planned", "failed", "denied"]
# Contract fields whose values form a closed set: typed as such in the schema.
CLOSED = {"type": EventType, "section": Section, "status": Status}


def model_of(cls, name: str, **extra) -> type[BaseModel]:
    """A pydantic model with the fields of record dataclass `cls` (internal ones left
    out), then `extra` fields given as (type, default)."""
    hints = typing.get_type_hints(cls)
    fields = {}
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal"):
            continue
        hint = CLOSED.get(f.name, hints[f.name])
        if f.default is not dataclasses.MISSING:
            fields[f.name] = (hint, f.default)
        elif f.default_factory is not dataclasses.MISSING:
            fields[f.name] = (hint, Field(default_factory=f.default_factory))
        else:
            fields[f.name] = (hint, ...)
    return create_model(name, __config__=ConfigDict(extra="forbid"), **fields, **extra)


class Highlight(BaseModel):
    """Where one evidence sentence of an event sits: character offsets into the
    document's body (section article) or into comment `comment_id`'s text."""
    evidence: int = Field(description="index into the event's evidence list")
    section: Section
    comment_id: Optional[str] = None
    start: int
    end: int


Event = model_of(EventRecord, "Event", incident_id=(Optional[str], None))
EventInContext = model_of(EventRecord, "EventInContext", incident_id=(Optional[str], None),
                          highlights=(list[Highlight], Field(default_factory=list)))
IncidentModel = model_of(Incident, "Incident")
DocumentModel = model_of(DocumentRecord, "Document", duplicate_of=(Optional[str], None))
PlaceMention = model_of(PlaceMentionRecord, "PlaceMention")


class Page(BaseModel):
    total: int
    limit: int
    offset: int


class EventPage(Page):
    items: list[Event]


class IncidentPage(Page):
    items: list[IncidentModel]


class Stats(BaseModel):
    documents: int
    events: int
    incidents: int
    disputed_incidents: int
    first_date: Optional[str]
    last_date: Optional[str]
    by_type: dict[str, int]


class TimelineItem(BaseModel):
    date: str = Field(description="YYYY-MM-DD; a month or year is counted under its first day")
    type: EventType
    count: int
    precision: Literal["day", "month", "year"]


class Timeline(BaseModel):
    items: list[TimelineItem]


class PointGeometry(BaseModel):
    type: Literal["Point"]
    coordinates: list[float]


GeoProperties = model_of(EventRecord, "GeoProperties", incident_id=(Optional[str], None),
                         n_reports=(int, 1), place_role=(Optional[str], None),
                         place_name=(Optional[str], None))


class GeoFeature(BaseModel):
    type: Literal["Feature"]
    id: str
    geometry: PointGeometry
    properties: GeoProperties


class GeoCollection(BaseModel):
    type: Literal["FeatureCollection"]
    features: list[GeoFeature]
    total: int = Field(description="events passing the filters (with or without a point)")
    limit: int
    offset: int
    unplaced: int = Field(description="events of this page left out for having no point")


class MapPointProperties(BaseModel):
    """What the map draws and its popup opens with; the whole record is one
    /api/events/{event_id} away."""
    event_id: str
    doc_id: str
    type: EventType
    mode: Optional[str]
    date: Optional[str]
    status: Status
    section: Section
    incident_id: Optional[str]
    n_reports: int
    place_role: str
    place_name: Optional[str]


class MapPoint(BaseModel):
    type: Literal["Feature"]
    id: str
    geometry: PointGeometry
    properties: MapPointProperties


class MapPoints(GeoCollection):
    features: list[MapPoint]


class StoryIncident(BaseModel):
    incident_id: str
    type: EventType
    date: Optional[str]
    status: Status
    summary: str


class StoryView(BaseModel):
    story_id: str
    first_date: Optional[str]
    last_date: Optional[str]
    incidents: list[StoryIncident]


BackingModel = model_of(Backing, "FieldValue")
DisputeModel = model_of(Dispute, "Dispute")


class IncidentView(BaseModel):
    incident: IncidentModel
    events: list[EventInContext]
    field_sources: dict[str, list[BackingModel]] = Field(
        description="for each merged field, every value given and who gives it")
    disputes: list[DisputeModel]
    story: Optional[StoryView]


class DocumentSummary(BaseModel):
    doc_id: str
    url: Optional[str]
    title: Optional[str]
    published: Optional[str]
    outlet: Optional[str]
    language: Optional[str]
    n_comments: int
    duplicate_of: Optional[str]
    n_events: int


class DocumentPage(Page):
    items: list[DocumentSummary]


class DocumentView(BaseModel):
    document: DocumentModel
    events: list[EventInContext]
    places: list[PlaceMention]


class PlaceCount(BaseModel):
    name: str
    lat: Optional[float]
    lon: Optional[float]
    geonameid: Optional[int]
    admin1: Optional[str]
    country: Optional[str]
    precision: Optional[str]
    n_events: int


class PlacePage(Page):
    items: list[PlaceCount]


class ActorCount(BaseModel):
    id: str
    name: str
    kind: str
    side: str
    n_events: int = Field(description="as_actor + as_recipient")
    as_actor: int
    as_recipient: int


class Actors(BaseModel):
    items: list[ActorCount]


class SourceCount(BaseModel):
    kind: Literal["source", "outlet"] = Field(
        description="source: credited in the text; outlet: the publisher of stored documents")
    id: Optional[str]
    name: str
    leaning: str
    n_events: int
    n_documents: int


class Sources(BaseModel):
    items: list[SourceCount]


class Problem(BaseModel):
    detail: Any


__all__ = [n for n in dir() if n[0].isupper()]
