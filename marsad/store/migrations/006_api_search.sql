-- Faster API reads on large stores (docs/reliability.md, "Latency on a 100,000-event
-- store"). The text-search tables (evidence sentences, document titles and bodies,
-- folded) differ by backend, SQLite's FTS5 trigram index or PostgreSQL's pg_trgm, so
-- the store's `_make_api_tables` makes and fills them after these statements (and
-- turns the filter index's "sourced" marks into "unsourced" ones).

-- The columns of events that filters and the listing order read, without the records:
-- counting and paging a filtered set reads these narrow rows (or their indexes alone)
-- instead of jumping into the large event rows. Written beside each event.
CREATE TABLE event_listing (
    id        INTEGER PRIMARY KEY,              -- events.id
    event_id  TEXT NOT NULL,
    doc_id    TEXT NOT NULL,
    type      TEXT NOT NULL,
    date      TEXT,
    section   TEXT NOT NULL,
    status    TEXT NOT NULL
);
INSERT INTO event_listing (id, event_id, doc_id, type, date, section, status)
    SELECT id, event_id, doc_id, type, date, section, status FROM events;
CREATE INDEX event_listing_order ON event_listing (date IS NULL, date, event_id, type, section, status,
                                                   doc_id);
CREATE INDEX event_listing_type_date ON event_listing (type, date);
CREATE INDEX event_listing_day_type ON event_listing (date, type);
CREATE INDEX event_listing_event_id ON event_listing (event_id);
CREATE INDEX event_listing_doc_id ON event_listing (doc_id);

-- Incidents listed, and the disputed ones found, from indexes alone (the incident rows
-- hold large records); documents by outlet (the leaning filter) likewise.
DROP INDEX incidents_listing_order;
CREATE INDEX incidents_listing ON incidents (date IS NULL, date, incident_id, type, disputed);
DROP INDEX incidents_disputed;
CREATE INDEX incidents_disputed_ids ON incidents (disputed, type, date, incident_id);
CREATE INDEX documents_outlet ON documents (outlet, doc_id);

-- The incidents' keys (marsad/store/event_keys.py::incident_keys): the actor, place and
-- source filters of incidents become lookups instead of scans of their records.
CREATE TABLE incident_keys (
    incident_id  TEXT NOT NULL REFERENCES incidents (incident_id) ON DELETE CASCADE,
    facet        TEXT NOT NULL,                 -- actor, place or source
    key          TEXT NOT NULL,                 -- the value, casefolded
    PRIMARY KEY (incident_id, facet, key)
);
CREATE INDEX incident_keys_lookup ON incident_keys (facet, key, incident_id);
