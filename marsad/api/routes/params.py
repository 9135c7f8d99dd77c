"""Query parameters several routes share: the event filters and pagination."""
from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import Depends, Query

from marsad.actors import load_registry, source_for_phrase
from marsad.api.deps import StorePool
from marsad.records import EVENT_TYPES, SECTIONS, STATUSES
from marsad.store.filters import ISO_DATE, EventFilter
from marsad.store.queries import EventQuery, outlet_counts
from marsad.store.sql import SQLStore

MAX_LIMIT = 1000
# Documented shapes (validation stays with EventFilter, which also accepts any case).
DATE_SHAPE = {"pattern": ISO_DATE.pattern}
MAX_OFFSET = 10**9


class Paging:
    def __init__(self, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")] = 100,
                 offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")] = 0):
        self.limit, self.offset = limit, offset


def event_query(
        type: Annotated[str | None, Query(description="PLOVER event type (ASSAULT, RETREAT, ...), any case",
                                                  json_schema_extra={"enum": list(EVENT_TYPES)})] = None,
        actor: Annotated[str | None, Query(description="actor id, or part of the actor's or recipient's name")] = None,
        place: Annotated[str | None, Query(description="part of a place name or admin1, or a country code")] = None,
        source: Annotated[str | None, Query(description="credited source id, or part of its name")] = None,
        leaning: Annotated[str | None, Query(description="a credited source's leaning; for events crediting none, their outlet's")] = None,
        status: Annotated[str | None, Query(description="occurred, planned, failed or denied",
                                                    json_schema_extra={"enum": list(STATUSES)})] = None,
        section: Annotated[str | None, Query(description="article or comment",
                                                     json_schema_extra={"enum": list(SECTIONS)})] = None,
        date_from: Annotated[str | None, Query(description="on or after (YYYY[-MM[-DD]])",
                                                       json_schema_extra=DATE_SHAPE)] = None,
        date_to: Annotated[str | None, Query(description="on or before (YYYY[-MM[-DD]])",
                                                     json_schema_extra=DATE_SHAPE)] = None,
        q: Annotated[str | None, Query(description="text in an evidence sentence (case-insensitive)")] = None,
        disputed: Annotated[bool, Query(description="only events of incidents whose sources disagree")] = False,
        doc_id: Annotated[str | None, Query(description="one document's doc_id")] = None,
        incident_id: Annotated[str | None, Query(description="only the events of this incident")] = None,
) -> EventQuery:
    """The filters of `marsad events` plus the API's own; bad values raise UsageError (400)."""
    filters = EventFilter(type=type, actor=actor, place=place, since=date_from, until=date_to,
                          section=section, status=status, source=source, doc_id=doc_id)
    return EventQuery(filters, q=q, leaning=leaning, disputed=disputed, incident_id=incident_id)


def with_outlets(query: EventQuery, store: SQLStore, pool: StorePool) -> EventQuery:
    """The query with the outlets whose leaning it asks for (cached per store version)."""
    if not query.leaning or not query.leaning.strip():
        return query
    leanings = pool.cached(store, "outlet_leanings", lambda s: outlet_leanings(s, pool.cfg))
    wanted = query.leaning.strip().lower()
    return replace(query, leaning_outlets=tuple(o for o, lean in leanings.items() if lean == wanted))


def outlet_leanings(store: SQLStore, cfg) -> dict[str, str]:
    """Each stored outlet's leaning, as the source registry knows it ('unknown' if not)."""
    reg = load_registry(cfg)
    return {outlet: source_for_phrase(outlet, reg=reg).leaning or "unknown"
            for outlet, _, _ in outlet_counts(store)}


EventQueryDep = Annotated[EventQuery, Depends(event_query)]
PagingDep = Annotated[Paging, Depends(Paging)]
