"""POST /api/ingest: store one document sent over HTTP. Mounted only when the operator
started the server with a token (`marsad serve --token-env VAR`), and every call must
carry it (`Authorization: Bearer ...`). One writer at a time; reads go on meanwhile."""
from __future__ import annotations

import threading
from typing import Optional

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field, model_validator

from marsad import fuse
from marsad.api.security import require_token
from marsad.document import RawInput
from marsad.errors import InputError
from marsad.runner import choose_pipeline
from marsad.store import content_hash, open_store, prepare
from marsad.store.filters import ISO_DATE

router = APIRouter(tags=["write"])


class IngestRequest(BaseModel):
    """One document, in the layout of a JSON Lines input line (docs/inputs.md)."""
    id: str = Field(min_length=1, max_length=200, description="the doc_id wanted (made unique)")
    text: Optional[str] = Field(None, description="plain text with reader comments, or")
    html: Optional[str] = Field(None, description="the page's HTML")
    url: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = Field(None, pattern=ISO_DATE.pattern)
    outlet: Optional[str] = None

    @model_validator(mode="after")
    def one_body(self):
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of text or html")
        return self


class IngestResult(BaseModel):
    stored: bool = Field(description="false when the same bytes were already stored")
    doc_id: Optional[str]
    duplicate_of: Optional[str] = None
    events: int = 0


class Writer:
    """The server's single writer: the pipeline (loaded at first use) and a lock."""

    def __init__(self, db: str, cfg):
        self.db, self.cfg = db, cfg
        self._lock = threading.Lock()
        self._pipeline = None

    def ingest(self, raw: RawInput, published: str | None) -> dict:
        if len(raw.data) > int(self.cfg["ingest.max_bytes"]):
            raise HTTPException(413, f"{raw.origin}: over ingest.max_bytes")
        with self._lock, open_store(self.db, self.cfg) as store:
            if self._pipeline is None:
                self._pipeline, _ = choose_pipeline(self.cfg)
            if store.has_content(content_hash(raw.data)):
                return {"stored": False, "doc_id": None}
            doc_id = store.unique_doc_id(raw.doc_id)
            raw = RawInput(doc_id, f"<api>:{doc_id}", raw.data, None, raw.meta)
            errors: list[InputError] = []
            docs = list(self._pipeline.process([raw], published=published, on_error=errors.append))
            if errors:
                store.record_failure(errors[0])
                store.commit()
                raise HTTPException(422, str(errors[0]))
            stages = ",".join(s.name for s in self._pipeline.stages)
            item = prepare(docs[0], stages, self.cfg)
            stored = store.add(item)
            store.commit()
            fuse.run(store, self.cfg)
            return {"stored": stored is not None, "doc_id": doc_id,
                    "duplicate_of": stored.duplicate_of if stored else None,
                    "events": len(item.events)}


def _writer(request: Request) -> Writer:
    state = request.app.state
    if getattr(state, "writer", None) is None:
        state.writer = Writer(state.pool.db, state.pool.cfg)
    return state.writer


@router.post("/ingest", response_model=IngestResult, dependencies=[Depends(require_token)],
             responses={401: {"description": "no valid bearer token"},
                        413: {"description": "document too large"},
                        422: {"description": "not a usable document"}})
def ingest_document(body: IngestRequest, writer: Writer = Depends(_writer)):
    """Run the pipeline on one document and store it with its events, then fuse."""
    data = body.html if body.html is not None else body.text
    meta = {k: v for k, v in (("url", body.url), ("title", body.title),
                              ("published", body.published), ("outlet", body.outlet)) if v}
    meta["kind"] = "html" if body.html is not None else "text"
    return writer.ingest(RawInput(body.id.strip(), body.id, data.encode("utf-8"), None, meta),
                         body.published)
