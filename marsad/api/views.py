"""Pure functions that shape stored records into the API's answers: where evidence
sits in its document, a one-line incident summary, timeline days, map features."""
from __future__ import annotations

import functools

from fastapi.responses import JSONResponse, Response

from marsad.export.base import main_place
from marsad.export.geojson import feature
from marsad.records import DocumentRecord, EventRecord, to_dict
from marsad.store.queries import EventRow

# A stored date's precision by its length: YYYY-MM-DD, YYYY-MM, YYYY.
PRECISION_BY_LENGTH = {10: "day", 7: "month", 4: "year"}


def highlights(event: EventRecord, doc: DocumentRecord | None) -> list[dict]:
    """Character offsets of each evidence sentence in the body or in its comment; an
    evidence text not found verbatim (a document edited since) gets no highlight."""
    if doc is None:
        return []
    comments = {c.id: c.text for c in doc.comments}
    out = []
    for i, ev in enumerate(event.evidence):
        if ev.section == "article":
            places = [(None, doc.body)]
        elif ev.comment_id in comments:
            places = [(ev.comment_id, comments[ev.comment_id])]
        else:  # a comment claim stored without its comment id: the first comment saying it
            places = list(comments.items())
        for comment_id, text in places:
            start = text.find(ev.text) if ev.text else -1
            if start >= 0:
                out.append({"evidence": i, "section": ev.section, "comment_id": comment_id,
                            "start": start, "end": start + len(ev.text)})
                break
    return out


def event_item(row: EventRow, doc: DocumentRecord | None = None, with_highlights: bool = False) -> dict:
    item = {**to_dict(row.event), "incident_id": row.incident_id}
    if with_highlights:
        item["highlights"] = highlights(row.event, doc)
    return item


def geo_feature(row: EventRow) -> dict | None:
    """The map feature of an event (marsad.export.geojson), with its incident's size."""
    f = feature(row.event)
    if f is None:
        return None
    place = getattr(row.event, f["properties"]["place_role"])
    f["properties"].update(incident_id=row.incident_id, n_reports=row.n_reports,
                           place_name=place.name)
    return f


def map_point(row: EventRow) -> dict | None:
    """The slim map feature of an event (schemas.MapPoint): the fields the map draws, without
    the record's evidence, actors and sources that make a page of features ten times larger."""
    e = row.event
    role, place = main_place(e)
    if place is None or place.lat is None or place.lon is None:
        return None
    return {"type": "Feature", "id": e.event_id,
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": {"event_id": e.event_id, "doc_id": e.doc_id, "type": e.type,
                           "mode": e.mode, "date": e.date, "status": e.status,
                           "section": e.section, "incident_id": row.incident_id,
                           "n_reports": row.n_reports, "place_role": role,
                           "place_name": place.name}}


def timeline_items(day_counts: list[tuple[str, str, int]]) -> list[dict]:
    """Counts per (day, type); a date known only to the month or year counts under its
    first day, flagged by `precision`."""
    totals: dict[tuple[str, str, str], int] = {}
    for date, type_, n in day_counts:
        precision = PRECISION_BY_LENGTH.get(len(date))
        if precision is None:
            continue  # not an ISO date at a contract precision
        day = (date + "-01-01")[:10]
        totals[(day, type_, precision)] = totals.get((day, type_, precision), 0) + n
    return [{"date": day, "type": type_, "count": n, "precision": precision}
            for (day, type_, precision), n in sorted(totals.items())]


def incident_summary(inc) -> str:
    """One line naming what happened, who did it to whom, where and when."""
    what = inc.type.lower() + (f" ({inc.mode})" if inc.mode else "")
    who = inc.actor.id or inc.actor.name if inc.actor else None
    whom = inc.recipient.id or inc.recipient.name if inc.recipient else None
    place = inc.location or inc.destination or inc.origin
    parts = [p for p in (who, what, f"→ {whom}" if whom else None,
                         f"at {place.name}" if place else None,
                         f"on {inc.date}" if inc.date else None) if p]
    return " ".join(parts) + f" [{inc.status}]"


def story_view(story, incidents: dict) -> dict:
    """The story with its incidents in its own (time) order."""
    return {"story_id": story.story_id, "first_date": story.first_date,
            "last_date": story.last_date,
            "incidents": [{"incident_id": i, "type": incidents[i].type, "date": incidents[i].date,
                           "status": incidents[i].status, "summary": incident_summary(incidents[i])}
                          for i in story.incident_ids if i in incidents]}


def json_answer(route):
    """Send what a route returns as JSON as it is (a `Response`, e.g. one `encoded`
    beforehand, goes as it is). The route's `response_model` still documents it (tests
    check every answer against the OpenAPI document), but re-validating thousands of map
    features per request is time the user waits."""
    @functools.wraps(route)
    def answer(*args, **kwargs):
        value = route(*args, **kwargs)
        return value if isinstance(value, Response) else JSONResponse(value)
    return answer


def encoded(value) -> bytes:
    """`value` as the JSON body `json_answer` would send, to cache and send again."""
    return JSONResponse(value).body


def json_body(body: bytes) -> Response:
    return Response(body, media_type="application/json")
