-- The filter index (marsad/store/event_keys.py): one row per (event, facet, folded key),
-- written beside each event, so the actor, place, source, leaning and text filters are
-- index lookups. Stores made before it are filled from their records when this runs.

CREATE TABLE event_keys (
    event_row  INTEGER NOT NULL REFERENCES events (id),   -- events.id
    facet      TEXT NOT NULL,                            -- event_keys.FACETS
    key        TEXT NOT NULL                             -- event_keys.fold of the value
);
CREATE INDEX event_keys_lookup ON event_keys (facet, key, event_row);
CREATE INDEX event_keys_event ON event_keys (event_row);
