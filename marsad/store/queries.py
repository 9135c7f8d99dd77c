"""Read-only queries the HTTP API (`marsad.api`) asks of a store, SQLite or PostgreSQL.

Reads only: every function takes an open store and runs SELECTs through
`store.execute` (`?` parameters, the backend's `store.dialect` where SQLite and
PostgreSQL differ), so a server can answer while one `marsad ingest` writes. The
event filter is the store's own (`EventFilter`, through the same WHERE builder that
`query_events` uses); `EventQuery` adds what only a browser asks for: text search in
the evidence, a source leaning, disputed incidents, one incident.

    store = open_readonly("war.db", cfg)
    total, rows = event_page(store, EventQuery(EventFilter(type="ASSAULT"), q="shell"), 100, 0)
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from marsad.config import Config
from marsad.records import EventRecord, event_from_dict
from marsad.store import open_store
from marsad.store.filters import EventFilter
from marsad.store.event_keys import PLACE_ROLES, SENTENCE_BREAK, fold
from marsad.store.dialect import Dialect
from marsad.store.sql import SQLStore
from marsad.store.where import event_where, key_sets, keyed, piece_keys

# The order of `Store.query_events`: by date, undated last, then event_id.
EVENT_ORDER = " ORDER BY date IS NULL, date, event_id"
# The narrow copy of the events' columns that counts and pages read (migration 006),
# and its index holding the listing order and the columns filters test.
LISTING, LISTING_INDEX = "event_listing", "event_listing_order"


def open_readonly(url_or_path: str, cfg: Config) -> SQLStore:
    """The store at a SQLite path or PostgreSQL URL, opened for reading only."""
    return open_store(url_or_path, cfg, read_only=True)


def data_version(store: SQLStore) -> tuple:
    """Changes whenever documents, events, incidents or stories are written: the key
    under which whole-store aggregates may be cached. Fusion rewrites incidents and
    stories only when it files new events into blocks, which grows event_blocks."""
    return tuple(store.execute(
        "SELECT (SELECT MAX(id) FROM documents), (SELECT COUNT(*) FROM documents),"
        " (SELECT MAX(id) FROM events), (SELECT COUNT(*) FROM events),"
        " (SELECT COUNT(*) FROM event_blocks), (SELECT COUNT(*) FROM incidents),"
        " (SELECT COUNT(*) FROM stories)").fetchone())


# ---------------------------------------------------------------- events

@dataclass(frozen=True)
class EventQuery:
    """An `EventFilter` plus the API's own filters. `leaning` matches an event whose
    credited sources include that leaning, or which credits no source and whose outlet
    (one of `leaning_outlets`, resolved by the caller) has it."""
    filters: EventFilter = field(default_factory=EventFilter)
    q: str | None = None
    leaning: str | None = None
    leaning_outlets: tuple[str, ...] = ()
    disputed: bool = False
    incident_id: str | None = None

    def searched(self) -> str | None:
        """The folded text of `q` when the trigram index answers it (a text holding a
        SENTENCE_BREAK is looked for sentence by sentence in the filter index)."""
        if not (self.q and self.q.strip()):
            return None
        folded = fold(self.q)
        return None if SENTENCE_BREAK in folded else folded

    def only_set(self, dialect: Dialect) -> tuple[str, tuple, bool] | None:
        """When the query's one filter is the text search or an actor, place or source:
        a SELECT of the matching events' ids (`row_id`) from the index alone, to count
        without visiting the events, its parameters, and whether an id may repeat in
        it; else None."""
        active = self.filters.active()
        has_q = bool(self.q and self.q.strip())
        if self.leaning or self.disputed or self.incident_id or len(active) + has_q != 1:
            return None
        if has_q:  # one search row per event
            return (*dialect.search("event_search", self.searched()), False) if self.searched() \
                else None
        facets = {"actor": ("actor_id", "actor_name"), "place": ("place", "place_code"),
                  "source": ("source_id", "source_name")}
        name, value = next(iter(active.items()))
        if name not in facets:
            return None
        sets = key_sets(dialect, value, *facets[name])
        return (" UNION ALL ".join(sql for sql, _ in sets), tuple(p for _, ps in sets for p in ps),
                True)

    def where(self, dialect: Dialect) -> tuple[str, tuple]:
        """The WHERE clause: the store's own, then the API's filters, all through the
        filter index (event_keys) or indexed columns."""
        where, params = event_where(self.filters, dialect)
        clauses: list[tuple[str, tuple]] = []
        if self.searched() is not None:  # the trigram index of the folded evidence sentences
            found, found_params = dialect.search("event_search", self.searched())
            clauses.append((f"id IN ({found})", found_params))
        elif self.q and self.q.strip():
            clauses.append(keyed(dialect, self.q, "evidence"))
        if self.leaning and self.leaning.strip():
            outlets = ", ".join("?" * len(self.leaning_outlets)) or "NULL"
            leaning, lean_params = keyed(dialect, self.leaning, "leaning")
            unsourced, _ = keyed(dialect, "", "unsourced")
            clauses.append((f"{leaning} OR (({unsourced}) AND doc_id IN"
                            f" (SELECT doc_id FROM documents WHERE outlet IN ({outlets})))",
                            lean_params + ("",) + tuple(self.leaning_outlets)))
        if self.disputed:
            clauses.append(("event_id IN (SELECT ie.event_id FROM incidents i JOIN incident_events ie"
                            " ON ie.incident_id = i.incident_id WHERE i.disputed = 1)", ()))
        if self.incident_id:
            clauses.append(("event_id IN (SELECT event_id FROM incident_events WHERE incident_id = ?)",
                            (self.incident_id,)))
        if not clauses:
            return where, params
        joined = " AND ".join(f"({sql})" for sql, _ in clauses)
        rest = (" AND " + where.removeprefix(" WHERE ")) if where else ""
        return (" WHERE " + joined + rest,
                tuple(p for _, values in clauses for p in values) + params)


@dataclass(frozen=True)
class EventRow:
    """An event record with the incident it was fused into (and that incident's size)."""
    event: EventRecord
    incident_id: str | None
    n_reports: int


def count_events(store: SQLStore, query: EventQuery) -> int:
    where, params = query.where(store.dialect)
    return store.execute(f"SELECT COUNT(*) FROM {LISTING}" + where, params).fetchone()[0]


_WITH_INCIDENT = (" LEFT JOIN incident_events ie ON ie.event_id = e.event_id"
                  " LEFT JOIN incidents i ON i.incident_id = ie.incident_id")


def event_rows(store: SQLStore, query: EventQuery, limit: int | None = None,
               offset: int = 0) -> list[EventRow]:
    """The events passing `query`, in the store's order, each with its incident."""
    where, params = query.where(store.dialect)
    page = " LIMIT ? OFFSET ?"
    params += (store.dialect.unlimited if limit is None else max(limit, 0), max(offset, 0))
    rows = store.execute(
        "SELECT e.record, ie.incident_id, i.n_reports FROM"
        f" (SELECT event_id, date, record FROM events{where}{EVENT_ORDER}{page}) e"
        + _WITH_INCIDENT + EVENT_ORDER.replace("date", "e.date").replace("event_id", "e.event_id"),
        params)
    out, seen = [], set()
    for record, incident_id, n_reports in rows:
        event = event_from_dict(json.loads(record))
        if event.event_id in seen:  # an event is in one incident; never list it twice
            continue
        seen.add(event.event_id)
        out.append(EventRow(event, incident_id, n_reports or 1))
    return out


# A filtered set of up to this many events is listed whole and ordered here; a larger
# one is paged by walking the listing index (measured on 100,000 events:
# docs/reliability.md).
SMALL_SET = 2000
# A text search whose page the listing walk is expected to reach within this many rows
# tests each row in the trigram index (about 0.05 ms a probe) instead of listing every
# match first (about 0.5 ms per 1,000 matches).
PROBE_BUDGET = 500


def _probes(store: SQLStore, matches: int, wanted: int) -> float:
    """Rows the listing walk is expected to test to find `wanted` of `matches` events."""
    (last_id,) = store.execute(f"SELECT MAX(id) FROM {LISTING}").fetchone()
    return wanted * (last_id or 0) / max(matches, 1)


def event_page(store: SQLStore, query: EventQuery, limit: int,
               offset: int) -> tuple[int, list[EventRow]]:
    """(total, one page) of the events passing `query`. The total comes first (from the
    filter index alone when one text filter is the only one); then a small result is
    listed whole and ordered here, and a large one is paged by walking the listing index
    (every filter tested on the way, no event row read, stopping at the page). A text
    search that most events match is tested row by row on that walk, instead of listing
    every match first. Only the page's records are read."""
    limit, offset = max(limit, 0), max(offset, 0)
    counted = query.only_set(store.dialect)
    if counted:
        sql, set_params, repeats = counted
        total = store.execute(f"SELECT COUNT({'DISTINCT ' if repeats else ''}row_id)"
                              f" FROM ({sql}) AS found", set_params).fetchone()[0]
    else:
        total = count_events(store, query)
    if offset >= total or not limit:
        return total, []
    where, params = query.where(store.dialect)
    if total <= SMALL_SET:
        page = _ordered_ids(store, f"SELECT id, date, event_id FROM {LISTING}{where}",
                            params)[offset:offset + limit]
    else:
        if counted and not counted[2] and _probes(store, total, limit + offset) <= PROBE_BUDGET:
            probe, params = store.dialect.search_probe("event_search", query.searched(),
                                                       f"{LISTING}.id")
            where = " WHERE " + probe
        page = [r for (r,) in store.execute(
            f"SELECT id FROM {LISTING}{store.dialect.index_hint(LISTING_INDEX)}{where}{EVENT_ORDER}"
            " LIMIT ? OFFSET ?", params + (limit, offset))]
    found = {}
    if page:
        for row_id, record, incident_id, n_reports in store.execute(
                "SELECT e.id, e.record, ie.incident_id, i.n_reports FROM events e" + _WITH_INCIDENT
                + f" WHERE e.id IN ({_marks(page)})", page):
            found.setdefault(row_id, EventRow(event_from_dict(json.loads(record)), incident_id,
                                              n_reports or 1))
    return total, [found[i] for i in page if i in found]


def _marks(values) -> str:
    return ", ".join("?" * len(values))


def _ordered_ids(store: SQLStore, select: str, params: tuple) -> list:
    """The row ids (first column) of a scan, in listing order: by date, undated last, then
    by id (third column). Sorted here, so SQLite reads the table in storage order instead
    of jumping to each row from the listing index."""
    rows = store.execute(select, params).fetchall()
    rows.sort(key=lambda r: (r[1] is None, r[1] or "", r[2]))
    return [r[0] for r in rows]


def event_row(store: SQLStore, event_id: str) -> EventRow | None:
    found = store.execute(
        "SELECT e.record, ie.incident_id, i.n_reports FROM events e" + _WITH_INCIDENT
        + " WHERE e.event_id = ? ORDER BY e.id LIMIT 1", (event_id,)).fetchone()
    if found is None:
        return None
    record, incident_id, n_reports = found
    return EventRow(event_from_dict(json.loads(record)), incident_id, n_reports or 1)


def day_counts(store: SQLStore, query: EventQuery) -> list[tuple[str, str, int]]:
    """(date as stored, type, events) of the dated events passing `query`."""
    where, params = query.where(store.dialect)
    where = (where + " AND" if where else " WHERE") + " date IS NOT NULL"
    return [tuple(r) for r in store.execute(
        f"SELECT date, type, COUNT(*) FROM {LISTING}{where} GROUP BY date, type"
        " ORDER BY date, type", params)]


# ---------------------------------------------------------------- incidents

def _incident_where(f: EventFilter, disputed: bool, dialect: Dialect) -> tuple[str, tuple]:
    """The SQL form of `marsad.fuse.filters.matches` (tests hold the two equal), plus
    `doc_id` (incidents with an event of that document) and `source` (a piece of a
    credited source's name). Actor, place and source are looked up in the incidents'
    keys (migration 006), casefolded as `matches` compares them."""
    text = dialect.json_text
    # An incident's date for filtering: its own, else its first report's (marsad.fuse.filters).
    when = f"COALESCE(date, {text('record', 'first_reported')})"
    clauses: list[tuple[str, tuple]] = []
    if f.type:
        clauses.append(("type = ?", (f.type,)))
    if f.section:
        clauses.append((f"{text('record', 'section')} = ?", (f.section,)))
    if f.status:
        clauses.append((f"{text('record', 'status')} = ? OR EXISTS (SELECT 1 FROM"
                        f" {dialect.json_array('record', 'provenance.status', 'b')}"
                        f" WHERE {text('b.value', 'value')} = ?)", (f.status, f.status)))
    for facet, value in (("actor", f.actor), ("place", f.place), ("source", f.source)):
        if value:
            clauses.append(("incident_id IN (SELECT incident_id FROM incident_keys WHERE facet ="
                            f" '{facet}' AND key IN ({piece_keys(dialect, 'incident_keys', facet)}))",
                            (value.strip().casefold(),)))
    for bound, op in ((f.since, ">="), (f.until, "<=")):
        if bound:
            clauses.append((f"{when} IS NOT NULL AND substr({when}, 1, ?) {op} ?",
                            (len(bound), bound)))
    if f.doc_id:
        clauses.append(("incident_id IN (SELECT incident_id FROM incident_events WHERE doc_id = ?)",
                        (f.doc_id,)))
    if disputed:
        clauses.append(("disputed = 1", ()))
    if not clauses:
        return "", ()
    return (" WHERE " + " AND ".join(f"({sql})" for sql, _ in clauses),
            tuple(p for _, params in clauses for p in params))


def count_incidents(store: SQLStore, filters: EventFilter, disputed: bool = False) -> int:
    where, params = _incident_where(filters, disputed, store.dialect)
    return store.execute("SELECT COUNT(*) FROM incidents" + where, params).fetchone()[0]


INCIDENT_ORDER = " ORDER BY date IS NULL, date, incident_id"
# The index holding that order with the columns of the common filters (migration 006).
INCIDENT_LISTING_INDEX = "incidents_listing"


def incident_page(store: SQLStore, filters: EventFilter, disputed: bool = False,
                  limit: int = 100, offset: int = 0) -> tuple[int, list]:
    """(total, one page) of the incidents passing the filters, by date (undated last,
    then by id), found as `event_page` finds events: the total first, then a small
    result listed whole and ordered here, a large one paged along the listing index,
    and only the page's records read."""
    from marsad.fuse.model import incident_from_dict  # fusion's record, read when asked

    where, params = _incident_where(filters, disputed, store.dialect)
    limit, offset = max(limit, 0), max(offset, 0)
    total = count_incidents(store, filters, disputed)
    if offset >= total or not limit:
        return total, []
    if total <= SMALL_SET:
        page = _ordered_ids(store, f"SELECT incident_id, date, incident_id FROM incidents{where}",
                            params)[offset:offset + limit]
    else:
        page = [r for (r,) in store.execute(
            f"SELECT incident_id FROM incidents{store.dialect.index_hint(INCIDENT_LISTING_INDEX)}"
            f"{where}{INCIDENT_ORDER} LIMIT ? OFFSET ?", params + (limit, offset))]
    found = {}
    for incident_id, record, story_id in store.execute(
            f"SELECT incident_id, record, story_id FROM incidents WHERE incident_id IN ({_marks(page)})",
            page) if page else ():
        inc = incident_from_dict(json.loads(record))
        inc.story_id = story_id
        found[incident_id] = inc
    return total, [found[i] for i in page if i in found]


def story(store: SQLStore, story_id: str):
    from marsad.fuse.model import Story

    row = store.execute("SELECT record FROM stories WHERE story_id = ?", (story_id,)).fetchone()
    return Story(**json.loads(row[0])) if row else None


def incidents_by_id(store: SQLStore, ids: list[str]) -> dict:
    """The incidents with these ids, by id (unknown ids are left out)."""
    found = {incident_id: store.incident(incident_id) for incident_id in dict.fromkeys(ids)}
    return {k: inc for k, inc in found.items() if inc is not None}


# ---------------------------------------------------------------- documents

DOCUMENT_COLUMNS = ("doc_id", "url", "title", "published", "outlet", "language", "n_comments",
                    "duplicate_of", "n_events")


def _document_where(q: str | None, outlet: str | None, dialect: Dialect) -> tuple[str, tuple]:
    clauses, params = [], []
    if q and q.strip():  # the trigram index of the folded titles and bodies
        found, found_params = dialect.search("document_search", fold(q))
        clauses.append(f"id IN ({found})")
        params += found_params
    if outlet and outlet.strip():
        clauses.append("lower(outlet) = ?")
        params.append(outlet.strip().lower())
    if not clauses:
        return "", ()
    return " WHERE " + " AND ".join(f"({c})" for c in clauses), tuple(params)


def count_documents(store: SQLStore, q: str | None = None, outlet: str | None = None) -> int:
    where, params = _document_where(q, outlet, store.dialect)
    return store.execute("SELECT COUNT(*) FROM documents" + where, params).fetchone()[0]


def document_page(store: SQLStore, q: str | None = None, outlet: str | None = None,
                  limit: int | None = None, offset: int = 0) -> list[dict]:
    """Summaries (DOCUMENT_COLUMNS) of the documents whose title or body holds `q`
    (ignoring case and accents, as `event_keys.fold` does) and whose outlet is `outlet`
    (ignoring case), in ingest order."""
    where, params = _document_where(q, outlet, store.dialect)
    rows = store.execute(
        "SELECT doc_id, url, title, published, outlet, language, n_comments, duplicate_of,"
        " (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.doc_id) FROM documents d"
        f"{where} ORDER BY id LIMIT ? OFFSET ?",
        params + (store.dialect.unlimited if limit is None else max(limit, 0), max(offset, 0)))
    return [dict(zip(DOCUMENT_COLUMNS, row)) for row in rows]


# ---------------------------------------------------------------- whole-store aggregates

def stats(store: SQLStore) -> dict:
    """Counts of the store and the span of its event dates."""
    first, last = store.execute(
        f"SELECT MIN(date), MAX(date) FROM {LISTING} WHERE date IS NOT NULL").fetchone()
    return {
        "documents": store.count("documents"), "events": store.count("events"),
        "incidents": store.count_incidents(),
        "disputed_incidents": store.execute(
            "SELECT COUNT(*) FROM incidents WHERE disputed = 1").fetchone()[0],
        "first_date": first, "last_date": last,
        "by_type": dict(store.execute(
            f"SELECT type, COUNT(*) FROM {LISTING} GROUP BY type ORDER BY type").fetchall())}


def place_counts(store: SQLStore) -> list[dict]:
    """Every place events name (as location, origin or destination), with how many
    events name it; most named first."""
    text = store.dialect.json_text
    roles = " UNION ALL ".join(
        f"SELECT id, {text('record', r, 'name')} AS name, {text('record', r, 'lat')} AS lat,"
        f" {text('record', r, 'lon')} AS lon, {text('record', r, 'geonameid')} AS geonameid,"
        f" {text('record', r, 'admin1')} AS admin1, {text('record', r, 'country')} AS country,"
        f" {text('record', r, 'precision')} AS precision FROM events"
        f" WHERE {text('record', r, 'name')} IS NOT NULL" for r in PLACE_ROLES)
    rows = store.execute(
        "SELECT name, lat, lon, MAX(geonameid), MAX(admin1), MAX(country), MAX(precision),"
        f" COUNT(DISTINCT id) FROM ({roles}) p GROUP BY name, lat, lon").fetchall()
    keys = ("name", "lat", "lon", "geonameid", "admin1", "country", "precision", "n_events")
    # PostgreSQL's JSON text is text: numbers come back as numbers on both backends
    out = [dict(zip(keys, (name, _number(lat, float), _number(lon, float), _number(gid, int),
                           *rest))) for name, lat, lon, gid, *rest in rows]
    out.sort(key=lambda p: (-p["n_events"], p["name"], p["lat"] is None, p["lat"] or 0,
                            p["lon"] is None, p["lon"] or 0))
    return out


def _number(value, kind):
    return None if value is None else kind(value)


def actor_counts(store: SQLStore) -> dict[str, tuple[int, int]]:
    """actor id -> (events it acts in, events it is the recipient of)."""
    out: dict[str, list[int]] = {}
    for i, role in enumerate(("actor", "recipient")):
        actor = store.dialect.json_text("record", role, "id")
        for actor_id, n in store.execute(
                f"SELECT {actor}, COUNT(*) FROM events WHERE {actor} IS NOT NULL GROUP BY {actor}"):
            out.setdefault(actor_id, [0, 0])[i] = n
    return {k: (v[0], v[1]) for k, v in out.items()}


def credited_source_counts(store: SQLStore) -> list[tuple[str | None, str, str | None, int]]:
    """(source id, name, leaning, events crediting it) of every credited source: one row
    per id, or per name for sources without one."""
    text = store.dialect.json_text
    rows = store.execute(
        "SELECT sid, MIN(name), MAX(leaning),"
        " COUNT(DISTINCT eid) FROM"
        f" (SELECT e.id AS eid, {text('s.value', 'id')} AS sid, {text('s.value', 'name')} AS name,"
        f" {text('s.value', 'leaning')} AS leaning"
        f" FROM events e, {store.dialect.json_array('e.record', 'sources', 's')}) c"
        " GROUP BY sid, CASE WHEN sid IS NULL THEN name END").fetchall()
    return sorted((tuple(r) for r in rows), key=lambda r: (-r[3], r[1] or ""))


def outlet_counts(store: SQLStore) -> list[tuple[str, int, int]]:
    """(outlet, documents, events) of every outlet named by a stored document."""
    return [tuple(r) for r in store.execute(
        "SELECT d.outlet, COUNT(DISTINCT d.id), COUNT(e.id) FROM documents d"
        " LEFT JOIN events e ON e.doc_id = d.doc_id WHERE d.outlet IS NOT NULL"
        " GROUP BY d.outlet ORDER BY 3 DESC, 1")]
