"""/api/events, /api/events/{id}, /api/geo/events, /api/geo/points, /api/timeline."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException

from marsad.api import schemas, views
from marsad.api.deps import PoolDep, StoreDep
from marsad.api.routes.params import EventQueryDep, PagingDep, with_outlets
from marsad.store import queries

# A filter value of the wrong kind (a month 13, date_from after date_to) is a 400.
router = APIRouter(tags=["events"], responses={400: {"model": schemas.Problem}})


@router.get("/events", response_model=schemas.EventPage)
@views.json_answer
def list_events(query: EventQueryDep, page: PagingDep, store: StoreDep, pool: PoolDep):
    """Event records (EVENTS.md section 3) passing every filter, by date (undated
    last) then event_id, each with the incident it was fused into."""
    query = with_outlets(query, store, pool)
    total, rows = queries.event_page(store, query, page.limit, page.offset)
    return {"total": total, "limit": page.limit, "offset": page.offset,
            "items": [views.event_item(r) for r in rows]}


@router.get("/events/{event_id:path}", response_model=schemas.Event,
            responses={404: {"model": schemas.Problem}})
@views.json_answer
def one_event(event_id: str, store: StoreDep):
    """One event record by its event_id (which holds a `/`)."""
    row = queries.event_row(store, event_id)
    if row is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return views.event_item(row)


@router.get("/geo/events", response_model=schemas.GeoCollection)
@views.json_answer
def geo_events(query: EventQueryDep, page: PagingDep, store: StoreDep, pool: PoolDep):
    """The page of filtered events as a GeoJSON FeatureCollection: one Point per event
    that has coordinates (its location, else destination, else origin)."""
    return _collection(query, page, store, pool, views.geo_feature)


@router.get("/geo/points", response_model=schemas.MapPoints)
@views.json_answer
def geo_points(query: EventQueryDep, page: PagingDep, store: StoreDep, pool: PoolDep):
    """As /api/geo/events, each Feature carrying only what the map draws (type, date,
    status, section, place, incident and its size): what the map page loads."""
    return _collection(query, page, store, pool, views.map_point)


def _collection(query, page, store, pool, make_feature) -> dict:
    query = with_outlets(query, store, pool)
    total, rows = queries.event_page(store, query, page.limit, page.offset)
    features = [make_feature(r) for r in rows]
    placed = [f for f in features if f is not None]
    return {"type": "FeatureCollection", "features": placed, "total": total,
            "limit": page.limit, "offset": page.offset, "unplaced": len(features) - len(placed)}


@router.get("/timeline", response_model=schemas.Timeline)
@views.json_answer
def timeline(query: EventQueryDep, store: StoreDep, pool: PoolDep):
    """Dated events passing the filters, counted per day and type."""
    query = with_outlets(query, store, pool)
    if query == queries.EventQuery():  # the whole store's, which every page load asks for
        return views.json_body(pool.cached(store, "timeline", lambda s: views.encoded(
            {"items": views.timeline_items(queries.day_counts(s, query))})))
    return {"items": views.timeline_items(queries.day_counts(store, query))}
