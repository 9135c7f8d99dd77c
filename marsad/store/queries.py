"""Read-only queries the HTTP API (`marsad.api`) asks of a SQLite store.

Reads only: every function takes an open store and runs SELECTs over the existing
schema, so a server can answer while one `marsad ingest` writes (WAL mode). The event
filter is the store's own (`EventFilter`, through the same WHERE builder that
`query_events` uses); `EventQuery` adds what only a browser asks for: text search in
the evidence, a source leaning, disputed incidents, one incident.

    store = open_readonly("war.db", cfg)
    total, rows = event_page(store, EventQuery(EventFilter(type="ASSAULT"), q="shell"), 100, 0)
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from marsad.config import Config
from marsad.errors import UsageError
from marsad.records import EventRecord, event_from_dict
from marsad.store import Store
from marsad.store.filters import EventFilter
from marsad.store.sqlite import BUSY_TIMEOUT_MS, SQLiteStore, _event_where

# The order of `Store.query_events`: by date, undated last, then event_id.
EVENT_ORDER = " ORDER BY date IS NULL, date, event_id"
PLACE_ROLES = ("location", "origin", "destination")


class ReadOnlySQLiteStore(SQLiteStore):
    """A SQLite store opened read-only (`mode=ro`): no migration, no write lock, and
    safe to hand from one server thread to another (one thread at a time)."""

    def __init__(self, path: str, cfg: Config):
        Store.__init__(self, cfg)
        self.path = path
        target = Path(path)
        if not target.is_file():
            raise UsageError(f"no Marsad database at {path} (run `marsad ingest` first)")
        try:
            self.conn = sqlite3.connect(
                f"file:{quote(str(target.resolve()))}?mode=ro", uri=True, isolation_level=None,
                timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
            self.conn.execute("SELECT 1 FROM events LIMIT 1")
        except sqlite3.DatabaseError as e:
            raise UsageError(f"{path}: not a usable Marsad database ({e})") from e


def open_readonly(path: str, cfg: Config) -> ReadOnlySQLiteStore:
    return ReadOnlySQLiteStore(path.removeprefix("sqlite:///"), cfg)


def data_version(store: SQLiteStore) -> tuple:
    """Changes whenever documents, events, incidents or stories are written: the key
    under which whole-store aggregates may be cached."""
    return store.conn.execute(
        "SELECT (SELECT MAX(id) FROM documents), (SELECT COUNT(*) FROM documents),"
        " (SELECT MAX(id) FROM events), (SELECT COUNT(*) FROM events),"
        " (SELECT MAX(rowid) FROM incidents), (SELECT COUNT(*) FROM incidents),"
        " (SELECT MAX(rowid) FROM stories)").fetchone()


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

    def reads_records(self) -> bool:
        """True when a filter looks inside every stored record (a scan of the table)."""
        f = self.filters
        return any(v and v.strip() for v in (f.actor, f.place, f.source, self.q, self.leaning))

    def where(self) -> tuple[str, tuple]:
        where, params = _event_where(self.filters)
        f = self.filters
        scans = prefilter([f.actor, f.place, f.source, self.q])
        clauses = [sql for sql, _ in scans]
        extra = [p for _, values in scans for p in values]
        if self.q and self.q.strip():
            clauses.append("EXISTS (SELECT 1 FROM json_each(record, '$.evidence') ev"
                           " WHERE instr(lower(json_extract(ev.value, '$.text')), ?) > 0)")
            extra.append(self.q.strip().lower())
        if self.leaning and self.leaning.strip():
            outlets = ", ".join("?" * len(self.leaning_outlets)) or "NULL"
            clauses.append(
                "EXISTS (SELECT 1 FROM json_each(record, '$.sources') s"
                " WHERE lower(json_extract(s.value, '$.leaning')) = ?)"
                " OR (json_array_length(record, '$.sources') = 0 AND doc_id IN"
                f" (SELECT doc_id FROM documents WHERE outlet IN ({outlets})))")
            extra += [self.leaning.strip().lower(), *self.leaning_outlets]
        if self.disputed:
            clauses.append("event_id IN (SELECT ie.event_id FROM incidents i JOIN incident_events ie"
                           " ON ie.incident_id = i.incident_id WHERE i.disputed = 1)")
        if self.incident_id:
            clauses.append("event_id IN (SELECT event_id FROM incident_events WHERE incident_id = ?)")
            extra.append(self.incident_id)
        if not clauses:
            return where, params
        # the cheap record scans first: SQLite tests the terms of a scan in written order
        joined = " AND ".join(f"({c})" for c in clauses)
        rest = (" AND " + where.removeprefix(" WHERE ")) if where else ""
        return " WHERE " + joined + rest, tuple(extra) + params


# Characters the stored JSON text escapes: a value holding one gets no pre-filter (its
# JSON test alone decides).
_NO_PREFILTER = re.compile(r'["\\\x00-\x1f]')


def prefilter(values: list[str | None]) -> list[tuple[str, tuple]]:
    """`record LIKE '%value%'` for each filter value: a condition every JSON test on that
    value implies (a name, id or sentence holding the value puts it in the record's
    text), checked by a plain scan that costs a fraction of parsing each record's JSON.
    LIKE folds ASCII case only, so a value with other letters is looked for in the two
    forms the tests compare: lower case (names, sentences) and upper case (ids, codes)."""
    out = []
    for value in values:
        value = (value or "").strip()
        if not value or _NO_PREFILTER.search(value):
            continue
        forms = list(dict.fromkeys([value] if value.isascii() else [value.lower(), value.upper()]))
        out.append((" OR ".join(["record LIKE ? ESCAPE '\\'"] * len(forms)),
                    tuple("%" + f.replace("%", "\\%").replace("_", "\\_") + "%" for f in forms)))
    return out


@dataclass(frozen=True)
class EventRow:
    """An event record with the incident it was fused into (and that incident's size)."""
    event: EventRecord
    incident_id: str | None
    n_reports: int


def count_events(store: SQLiteStore, query: EventQuery) -> int:
    where, params = query.where()
    return store.conn.execute("SELECT COUNT(*) FROM events" + where, params).fetchone()[0]


def event_rows(store: SQLiteStore, query: EventQuery, limit: int | None = None,
               offset: int = 0) -> list[EventRow]:
    """The events passing `query`, in the store's order, each with its incident."""
    where, params = query.where()
    page = " LIMIT ? OFFSET ?"
    params += (-1 if limit is None else max(limit, 0), max(offset, 0))
    rows = store.conn.execute(
        "SELECT e.record, ie.incident_id, i.n_reports FROM"
        f" (SELECT event_id, date, record FROM events{where}{EVENT_ORDER}{page}) e"
        " LEFT JOIN incident_events ie ON ie.event_id = e.event_id"
        " LEFT JOIN incidents i ON i.incident_id = ie.incident_id" + EVENT_ORDER.replace(
            "date", "e.date").replace("event_id", "e.event_id"), params)
    out, seen = [], set()
    for record, incident_id, n_reports in rows:
        event = event_from_dict(json.loads(record))
        if event.event_id in seen:  # an event is in one incident; never list it twice
            continue
        seen.add(event.event_id)
        out.append(EventRow(event, incident_id, n_reports or 1))
    return out


def event_page(store: SQLiteStore, query: EventQuery, limit: int,
               offset: int) -> tuple[int, list[EventRow]]:
    """(total, one page) of the events passing `query`. A filter that reads inside the
    records scans the table whatever is asked, so then one scan lists the ordered ids of
    every match (the total), and only the page's records are read."""
    if not query.reads_records():
        return count_events(store, query), event_rows(store, query, limit, offset)
    where, params = query.where()
    ids = _ordered_ids(store, f"SELECT id, date, event_id FROM events{where}", params)
    page = ids[max(offset, 0):max(offset, 0) + max(limit, 0)]
    found = {}
    for row_id, record, incident_id, n_reports in store.conn.execute(
            "SELECT e.id, e.record, ie.incident_id, i.n_reports FROM events e"
            " LEFT JOIN incident_events ie ON ie.event_id = e.event_id"
            " LEFT JOIN incidents i ON i.incident_id = ie.incident_id"
            " WHERE e.id IN (SELECT value FROM json_each(?))", (json.dumps(page),)):
        found.setdefault(row_id, EventRow(event_from_dict(json.loads(record)), incident_id,
                                          n_reports or 1))
    return len(ids), [found[i] for i in page if i in found]


def _ordered_ids(store: SQLiteStore, select: str, params: tuple) -> list[int]:
    """The row ids (first column) of a scan, in listing order: by date, undated last, then
    by id (third column). Sorted here, so SQLite reads the table in storage order instead
    of jumping to each row from the listing index."""
    rows = store.conn.execute(select, params).fetchall()
    rows.sort(key=lambda r: (r[1] is None, r[1] or "", r[2]))
    return [r[0] for r in rows]


def event_row(store: SQLiteStore, event_id: str) -> EventRow | None:
    found = store.conn.execute(
        "SELECT e.record, ie.incident_id, i.n_reports FROM events e"
        " LEFT JOIN incident_events ie ON ie.event_id = e.event_id"
        " LEFT JOIN incidents i ON i.incident_id = ie.incident_id"
        " WHERE e.event_id = ? ORDER BY e.id LIMIT 1", (event_id,)).fetchone()
    if found is None:
        return None
    record, incident_id, n_reports = found
    return EventRow(event_from_dict(json.loads(record)), incident_id, n_reports or 1)


def day_counts(store: SQLiteStore, query: EventQuery) -> list[tuple[str, str, int]]:
    """(date as stored, type, events) of the dated events passing `query`."""
    where, params = query.where()
    where = (where + " AND" if where else " WHERE") + " date IS NOT NULL"
    return store.conn.execute(
        f"SELECT date, type, COUNT(*) FROM events{where} GROUP BY date, type ORDER BY date, type",
        params).fetchall()


# ---------------------------------------------------------------- incidents

# An incident's date for filtering: its own, else its first report's (marsad.fuse.filters).
_INCIDENT_WHEN = "COALESCE(date, json_extract(record, '$.first_reported'))"


def _incident_where(f: EventFilter, disputed: bool) -> tuple[str, tuple]:
    """The SQL form of `marsad.fuse.filters.matches` (tests hold the two equal), plus
    `doc_id` (incidents with an event of that document) and `source` (a credited
    source's name)."""
    clauses: list[tuple[str, tuple]] = prefilter([f.actor, f.place, f.source])
    if f.type:
        clauses.append(("type = ?", (f.type,)))
    if f.section:
        clauses.append(("json_extract(record, '$.section') = ?", (f.section,)))
    if f.status:
        clauses.append(("json_extract(record, '$.status') = ? OR EXISTS (SELECT 1 FROM"
                        " json_each(record, '$.provenance.status') b"
                        " WHERE json_extract(b.value, '$.value') = ?)", (f.status, f.status)))
    if f.actor:
        paths = [f"$.{role}.{key}" for role in ("actor", "recipient") for key in ("id", "name")]
        clauses.append(_contains_any(paths, f.actor))
    if f.place:
        paths = [f"$.{role}.{key}" for role in PLACE_ROLES for key in ("name", "admin1", "country")]
        clauses.append(_contains_any(paths, f.place))
    for bound, op in ((f.since, ">="), (f.until, "<=")):
        if bound:
            clauses.append((f"{_INCIDENT_WHEN} IS NOT NULL AND substr({_INCIDENT_WHEN}, 1, ?) {op} ?",
                            (len(bound), bound)))
    if f.doc_id:
        clauses.append(("incident_id IN (SELECT incident_id FROM incident_events WHERE doc_id = ?)",
                        (f.doc_id,)))
    if f.source:
        clauses.append(("EXISTS (SELECT 1 FROM json_each(record, '$.sources') s"
                        " WHERE instr(lower(s.value), ?) > 0)", (f.source.strip().lower(),)))
    if disputed:
        clauses.append(("disputed = 1", ()))
    if not clauses:
        return "", ()
    return (" WHERE " + " AND ".join(f"({sql})" for sql, _ in clauses),
            tuple(p for _, params in clauses for p in params))


def _contains_any(paths: list[str], value: str) -> tuple[str, tuple]:
    tests = " OR ".join(f"instr(lower(json_extract(record, '{p}')), ?) > 0" for p in paths)
    return tests, (value.strip().lower(),) * len(paths)


def count_incidents(store: SQLiteStore, filters: EventFilter, disputed: bool = False) -> int:
    where, params = _incident_where(filters, disputed)
    return store.conn.execute("SELECT COUNT(*) FROM incidents" + where, params).fetchone()[0]


INCIDENT_ORDER = " ORDER BY date IS NULL, date, incident_id"


def incident_page(store: SQLiteStore, filters: EventFilter, disputed: bool = False,
                  limit: int = 100, offset: int = 0) -> tuple[int, list]:
    """(total, one page) of the incidents passing the filters, by date (undated last,
    then by id). As for events, a filter that reads inside the records makes one scan
    list the ordered rowids of every match."""
    from marsad.fuse.model import incident_from_dict  # fusion's record, read when asked

    where, params = _incident_where(filters, disputed)
    limit, offset = max(limit, 0), max(offset, 0)
    if any(v and v.strip() for v in (filters.actor, filters.place, filters.source)):
        ids = _ordered_ids(store, f"SELECT rowid, date, incident_id FROM incidents{where}", params)
        total, page = len(ids), ids[offset:offset + limit]
        rows = store.conn.execute(
            "SELECT record, story_id FROM incidents WHERE rowid IN (SELECT value FROM json_each(?))"
            + INCIDENT_ORDER, (json.dumps(page),))
    else:
        total = count_incidents(store, filters, disputed)
        rows = store.conn.execute(f"SELECT record, story_id FROM incidents{where}{INCIDENT_ORDER}"
                                  " LIMIT ? OFFSET ?", params + (limit, offset))
    out = []
    for record, story_id in rows:
        inc = incident_from_dict(json.loads(record))
        inc.story_id = story_id
        out.append(inc)
    return total, out


def story(store: SQLiteStore, story_id: str):
    from marsad.fuse.model import Story

    row = store.conn.execute("SELECT record FROM stories WHERE story_id = ?", (story_id,)).fetchone()
    return Story(**json.loads(row[0])) if row else None


def incidents_by_id(store: SQLiteStore, ids: list[str]) -> dict:
    """The incidents with these ids, by id (unknown ids are left out)."""
    found = {incident_id: store.incident(incident_id) for incident_id in dict.fromkeys(ids)}
    return {k: inc for k, inc in found.items() if inc is not None}


# ---------------------------------------------------------------- documents

DOCUMENT_COLUMNS = ("doc_id", "url", "title", "published", "outlet", "language", "n_comments",
                    "duplicate_of", "n_events")


def _document_where(q: str | None, outlet: str | None) -> tuple[str, tuple]:
    clauses, params = [], []
    if q and q.strip():
        clauses.append("instr(lower(title), ?) > 0 OR instr(lower(json_extract(record, '$.body')), ?) > 0")
        params += [q.strip().lower()] * 2
    if outlet and outlet.strip():
        clauses.append("lower(outlet) = ?")
        params.append(outlet.strip().lower())
    if not clauses:
        return "", ()
    return " WHERE " + " AND ".join(f"({c})" for c in clauses), tuple(params)


def count_documents(store: SQLiteStore, q: str | None = None, outlet: str | None = None) -> int:
    where, params = _document_where(q, outlet)
    return store.conn.execute("SELECT COUNT(*) FROM documents" + where, params).fetchone()[0]


def document_page(store: SQLiteStore, q: str | None = None, outlet: str | None = None,
                  limit: int | None = None, offset: int = 0) -> list[dict]:
    """Summaries (DOCUMENT_COLUMNS) of the documents whose title or body holds `q` and
    whose outlet is `outlet` (ignoring case), in ingest order."""
    where, params = _document_where(q, outlet)
    rows = store.conn.execute(
        "SELECT doc_id, url, title, published, outlet, language, n_comments, duplicate_of,"
        " (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.doc_id) FROM documents d"
        f"{where} ORDER BY id LIMIT ? OFFSET ?",
        params + (-1 if limit is None else max(limit, 0), max(offset, 0)))
    return [dict(zip(DOCUMENT_COLUMNS, row)) for row in rows]


# ---------------------------------------------------------------- whole-store aggregates

def stats(store: SQLiteStore) -> dict:
    """Counts of the store and the span of its event dates."""
    first, last = store.conn.execute(
        "SELECT MIN(date), MAX(date) FROM events WHERE date IS NOT NULL").fetchone()
    return {
        "documents": store.count("documents"), "events": store.count("events"),
        "incidents": store.count_incidents(),
        "disputed_incidents": store.conn.execute(
            "SELECT COUNT(*) FROM incidents WHERE disputed = 1").fetchone()[0],
        "first_date": first, "last_date": last,
        "by_type": dict(store.conn.execute(
            "SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY type").fetchall())}


def place_counts(store: SQLiteStore) -> list[dict]:
    """Every place events name (as location, origin or destination), with how many
    events name it; most named first."""
    roles = " UNION ALL ".join(
        f"SELECT id, json_extract(record, '$.{r}') AS place FROM events"
        f" WHERE json_extract(record, '$.{r}.name') IS NOT NULL" for r in PLACE_ROLES)
    rows = store.conn.execute(
        "SELECT json_extract(place, '$.name') AS name, json_extract(place, '$.lat') AS lat,"
        " json_extract(place, '$.lon') AS lon, MAX(json_extract(place, '$.geonameid')),"
        " MAX(json_extract(place, '$.admin1')), MAX(json_extract(place, '$.country')),"
        " MAX(json_extract(place, '$.precision')), COUNT(DISTINCT id) AS n"
        f" FROM ({roles}) GROUP BY name, lat, lon ORDER BY n DESC, name, lat, lon").fetchall()
    keys = ("name", "lat", "lon", "geonameid", "admin1", "country", "precision", "n_events")
    return [dict(zip(keys, row)) for row in rows]


def actor_counts(store: SQLiteStore) -> dict[str, tuple[int, int]]:
    """actor id -> (events it acts in, events it is the recipient of)."""
    out: dict[str, list[int]] = {}
    for i, role in enumerate(("actor", "recipient")):
        for actor_id, n in store.conn.execute(
                f"SELECT json_extract(record, '$.{role}.id') AS a, COUNT(*) FROM events"
                " WHERE a IS NOT NULL GROUP BY a"):
            out.setdefault(actor_id, [0, 0])[i] = n
    return {k: (v[0], v[1]) for k, v in out.items()}


def credited_source_counts(store: SQLiteStore) -> list[tuple[str | None, str, str | None, int]]:
    """(source id, name, leaning, events crediting it) of every credited source: one row
    per id, or per name for sources without one."""
    return store.conn.execute(
        "SELECT json_extract(s.value, '$.id') AS sid,"
        " CASE WHEN json_extract(s.value, '$.id') IS NULL THEN json_extract(s.value, '$.name')"
        " ELSE MIN(json_extract(s.value, '$.name')) END AS name,"
        " MAX(json_extract(s.value, '$.leaning')), COUNT(DISTINCT e.id)"
        " FROM events e, json_each(e.record, '$.sources') s"
        " GROUP BY sid, CASE WHEN sid IS NULL THEN json_extract(s.value, '$.name') END"
        " ORDER BY 4 DESC, 2").fetchall()


def outlet_counts(store: SQLiteStore) -> list[tuple[str, int, int]]:
    """(outlet, documents, events) of every outlet named by a stored document."""
    return store.conn.execute(
        "SELECT d.outlet, COUNT(DISTINCT d.id), COUNT(e.id) FROM documents d"
        " LEFT JOIN events e ON e.doc_id = d.doc_id WHERE d.outlet IS NOT NULL"
        " GROUP BY d.outlet ORDER BY 3 DESC, 1").fetchall()
