-- Indexes for `Store.query_events` (marsad events / export / the API): its order
-- (date, event_id), and the section and status filters that most queries set.

CREATE INDEX events_date_event_id ON events (date, event_id);
CREATE INDEX events_section_status ON events (section, status);
