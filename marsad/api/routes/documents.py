"""/api/documents and /api/documents/{doc_id}: stored documents with their events."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from marsad.api import schemas, views
from marsad.api.deps import StoreDep
from marsad.api.routes.params import PagingDep
from marsad.records import to_dict
from marsad.store import queries
from marsad.store.filters import EventFilter

router = APIRouter(tags=["documents"])


@router.get("/documents", response_model=schemas.DocumentPage)
@views.json_answer
def list_documents(page: PagingDep, store: StoreDep,
                   q: Annotated[str | None, Query(description="text in the title or body")] = None,
                   outlet: Annotated[str | None, Query(description="the outlet's name (any case)")] = None):
    """Document summaries, in ingest order."""
    return {"total": queries.count_documents(store, q, outlet), "limit": page.limit,
            "offset": page.offset,
            "items": queries.document_page(store, q, outlet, page.limit, page.offset)}


@router.get("/documents/{doc_id:path}", response_model=schemas.DocumentView,
            responses={404: {"model": schemas.Problem}})
@views.json_answer
def one_document(doc_id: str, store: StoreDep):
    """The document record (EVENTS.md section 2: body, comments in thread order), its
    events with the offsets of their evidence, and its place mentions."""
    doc = store.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    rows = queries.event_rows(store, queries.EventQuery(EventFilter(doc_id=doc_id)))
    return {"document": to_dict(doc),
            "events": [views.event_item(r, doc, with_highlights=True) for r in rows],
            "places": to_dict(store.places(doc_id))}
