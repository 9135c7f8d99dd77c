"""/api/incidents and /api/incidents/{id}: events fused across documents."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from marsad import fuse
from marsad.api import schemas, views
from marsad.api.deps import StoreDep
from marsad.api.routes.params import EventQueryDep, PagingDep
from marsad.records import to_dict
from marsad.store import queries
from marsad.store.queries import EventRow

router = APIRouter(tags=["incidents"], responses={400: {"model": schemas.Problem}})


@router.get("/incidents", response_model=schemas.IncidentPage)
@views.json_answer
def list_incidents(query: EventQueryDep, page: PagingDep, store: StoreDep,
                   disputed: Annotated[bool, Query(description="only incidents whose sources disagree")] = False):
    """Incidents in the shape of `marsad incidents --format jsonl`, passing the filters
    of `marsad incidents` (plus doc_id and source), by date then id. The evidence-only
    filters (q, leaning, incident_id) do not apply to incidents."""
    total, found = queries.incident_page(store, query.filters, disputed or query.disputed,
                                         page.limit, page.offset)
    return {"total": total, "limit": page.limit, "offset": page.offset,
            "items": [to_dict(i) for i in found]}


@router.get("/incidents/{incident_id}", response_model=schemas.IncidentView,
            responses={404: {"model": schemas.Problem}})
@views.json_answer
def one_incident(incident_id: str, store: StoreDep):
    """The merged view of `marsad incident ID`: the incident, its event records with
    where their evidence sits in each document, the sources of every field value, the
    disputes, and the incidents of its story in order."""
    inc = store.incident(incident_id)
    if inc is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    docs = {doc_id: store.document(doc_id) for doc_id in inc.doc_ids}
    events = [views.event_item(EventRow(e, inc.incident_id, inc.n_reports), docs.get(e.doc_id),
                               with_highlights=True)
              for e in fuse.supporting_reports(store, inc)]
    told = queries.story(store, inc.story_id) if inc.story_id else None
    return {"incident": to_dict(inc), "events": events,
            "field_sources": to_dict(inc.provenance), "disputes": to_dict(inc.disputes),
            "story": views.story_view(told, queries.incidents_by_id(store, told.incident_ids))
            if told else None}
