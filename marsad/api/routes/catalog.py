"""/api/stats, /api/places, /api/actors, /api/sources: what the store holds, for the
pages' headline and filter menus. Each is computed once per version of the store."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from marsad.actors import load_registry
from marsad.api import schemas, views
from marsad.api.deps import PoolDep, StoreDep
from marsad.api.routes.params import PagingDep, outlet_leanings
from marsad.store import queries

router = APIRouter(tags=["catalog"])


@router.get("/stats", response_model=schemas.Stats)
@views.json_answer
def stats(store: StoreDep, pool: PoolDep):
    """Counts of documents, events, incidents and disputed incidents; the span of event
    dates; events per type."""
    return pool.cached(store, "stats", queries.stats)


@router.get("/places", response_model=schemas.PlacePage)
@views.json_answer
def places(page: PagingDep, store: StoreDep, pool: PoolDep,
           q: Annotated[str | None, Query(description="part of the place's name or admin1, or its country code")] = None):
    """Places named by events (location, origin or destination), most named first."""
    found = pool.cached(store, "places", queries.place_counts)
    if q and q.strip():
        needle = q.strip().casefold()
        found = [p for p in found if needle in p["name"].casefold()
                 or needle in (p["admin1"] or "").casefold() or needle == (p["country"] or "").casefold()]
    return {"total": len(found), "limit": page.limit, "offset": page.offset,
            "items": found[page.offset:page.offset + page.limit]}


@router.get("/actors", response_model=schemas.Actors)
@views.json_answer
def actors(store: StoreDep, pool: PoolDep):
    """The canonical actors (EVENTS.md section 6 and the user's), with event counts;
    most active first."""
    return {"items": pool.cached(store, "actors", lambda s: _actors(s, pool.cfg))}


def _actors(store, cfg) -> list[dict]:
    counts = queries.actor_counts(store)
    items = [{"id": a.id, "name": a.name, "kind": a.kind, "side": a.side,
              "as_actor": counts.get(a.id, (0, 0))[0], "as_recipient": counts.get(a.id, (0, 0))[1],
              "n_events": sum(counts.get(a.id, (0, 0)))}
             for a in load_registry(cfg).actors.values()]
    return sorted(items, key=lambda a: (-a["n_events"], a["id"]))


@router.get("/sources", response_model=schemas.Sources)
@views.json_answer
def sources(store: StoreDep, pool: PoolDep):
    """Sources credited in events (with their leaning) and the outlets of stored
    documents (leaning as the source registry knows them): the source and leaning
    filters' choices."""
    return {"items": pool.cached(store, "sources", lambda s: _sources(s, pool.cfg))}


def _sources(store, cfg) -> list[dict]:
    items = [{"kind": "source", "id": sid, "name": name, "leaning": leaning or "unknown",
              "n_events": n, "n_documents": 0}
             for sid, name, leaning, n in queries.credited_source_counts(store)]
    leanings = outlet_leanings(store, cfg)
    items += [{"kind": "outlet", "id": None, "name": outlet, "leaning": leanings.get(outlet, "unknown"),
               "n_events": n_events, "n_documents": n_docs}
              for outlet, n_docs, n_events in queries.outlet_counts(store)]
    return items
