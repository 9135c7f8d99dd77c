-- Indexes for the HTTP API (marsad.api, marsad/store/queries.py): pages of events and
-- incidents in their listing order (undated last) read from an index instead of sorting
-- the whole table, one event (and the events of an incident) found by event_id, and the
-- disputed incidents found without a scan.

CREATE INDEX events_listing_order ON events (date IS NULL, date, event_id);
CREATE INDEX incidents_listing_order ON incidents (date IS NULL, date, incident_id);
CREATE INDEX incidents_disputed ON incidents (disputed);
CREATE INDEX events_event_id ON events (event_id);
