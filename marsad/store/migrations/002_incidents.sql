-- Fusion across documents (EVENTS.md section 9): incidents with their record, the
-- events each groups, the block each fused event fell in (so a later fusion redoes only
-- the blocks new events touch), and stories.

CREATE TABLE incidents (
    incident_id  TEXT PRIMARY KEY,         -- derived from the grouped records' content
    block        TEXT NOT NULL,            -- TYPE|section|quarter: the unit fusion redoes
    type         TEXT NOT NULL,
    date         TEXT,
    n_reports    INTEGER NOT NULL,
    disputed     INTEGER NOT NULL,         -- 1 when the incident lists disputes
    story_id     TEXT,
    record       TEXT NOT NULL             -- the incident record, JSON (story_id in its column)
);
CREATE INDEX incidents_block ON incidents (block);
CREATE INDEX incidents_type_date ON incidents (type, date);

CREATE TABLE incident_events (
    incident_id  TEXT NOT NULL REFERENCES incidents (incident_id) ON DELETE CASCADE,
    event_id     TEXT NOT NULL,
    doc_id       TEXT NOT NULL,
    PRIMARY KEY (incident_id, event_id)
);
CREATE INDEX incident_events_event ON incident_events (event_id);

CREATE TABLE event_blocks (
    event_id  TEXT PRIMARY KEY,            -- a fused event record
    block     TEXT NOT NULL
);
CREATE INDEX event_blocks_block ON event_blocks (block);

CREATE TABLE stories (
    story_id  TEXT PRIMARY KEY,
    record    TEXT NOT NULL                -- the story record, JSON
);
