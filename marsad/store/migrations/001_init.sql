-- The first schema: documents with their raw bytes and records, events, place mentions,
-- the near-duplicate band index, and inputs that failed. Standard SQL: a PostgreSQL copy
-- of this file only changes types (BLOB -> BYTEA, INTEGER PRIMARY KEY -> identity).

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,      -- ingest order
    doc_id        TEXT NOT NULL UNIQUE,
    content_hash  TEXT NOT NULL UNIQUE,     -- sha256 of the raw bytes: resume and re-ingest skip
    body_hash     TEXT,                     -- sha256 of the body's words; null if too short to match
    origin        TEXT NOT NULL,
    path          TEXT,
    url           TEXT,
    published     TEXT,
    outlet        TEXT,
    title         TEXT,
    language      TEXT,
    n_comments    INTEGER NOT NULL,
    raw           BLOB NOT NULL,            -- the input's bytes exactly as read
    record        TEXT NOT NULL,            -- the document record (EVENTS.md section 2), JSON
    duplicate_of  TEXT REFERENCES documents (doc_id),
    similarity    REAL,                     -- body Jaccard similarity to the closest stored copy
    stages        TEXT NOT NULL,            -- the pipeline stages that made the records
    ingested_at   TEXT NOT NULL
);
CREATE INDEX documents_body_hash ON documents (body_hash);
CREATE INDEX documents_duplicate_of ON documents (duplicate_of);

CREATE TABLE events (
    id        INTEGER PRIMARY KEY,
    event_id  TEXT NOT NULL,
    doc_id    TEXT NOT NULL REFERENCES documents (doc_id),
    type      TEXT NOT NULL,
    mode      TEXT,
    date      TEXT,
    section   TEXT NOT NULL,
    status    TEXT NOT NULL,
    record    TEXT NOT NULL                 -- the event record (EVENTS.md section 3), JSON
);
CREATE INDEX events_doc_id ON events (doc_id);
CREATE INDEX events_type_date ON events (type, date);

CREATE TABLE places (
    id         INTEGER PRIMARY KEY,
    doc_id     TEXT NOT NULL REFERENCES documents (doc_id),
    geonameid  INTEGER,
    mention    TEXT NOT NULL                -- the place mention record (EVENTS.md section 5), JSON
);
CREATE INDEX places_doc_id ON places (doc_id);
CREATE INDEX places_geonameid ON places (geonameid);

CREATE TABLE dedup_bands (
    band_key  INTEGER NOT NULL,             -- MinHash band key (marsad.store.dedup.band_keys)
    doc_id    TEXT NOT NULL REFERENCES documents (doc_id),
    PRIMARY KEY (band_key, doc_id)
);

CREATE TABLE failures (
    origin      TEXT PRIMARY KEY,
    code        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    attempts    INTEGER NOT NULL
);
