-- Time-connected fusion (docs/fusion.md): a block, the unit fusion redoes, is now a
-- connected group of event records that could report one event, no longer a (type,
-- section, quarter). Each fused record is filed under keys (the months its time span
-- touches, its town's one-degree cell), so a new record finds the stored records it can
-- match without reading all of its kind. A store fused under quarter blocks is fused
-- again by the store's `_fill_fusion_keys` after this statement: incidents are derived
-- from the events, so nothing is lost, and the store then holds what a new one would.

CREATE TABLE fusion_keys (
    event_id  TEXT NOT NULL,               -- a fused event record (event_blocks.event_id)
    kind      TEXT NOT NULL,               -- TYPE|section
    key       TEXT NOT NULL                -- m:YYYY-MM, p:LAT:LON or u:LAT:LON (marsad/fuse/blocking.py)
);
CREATE INDEX fusion_keys_lookup ON fusion_keys (kind, key, event_id);
