-- Incremental stories (docs/fusion.md): each incident is filed under the keys by which
-- story linking pairs incidents (its documents; its actors by week and one-degree cell),
-- so a fusion run reads only the incidents that can link to the ones it changed, and
-- the stories they belong to, instead of every incident. The store's `_fill_story_keys`
-- files the incidents already stored and relinks every story after this statement.

CREATE TABLE story_keys (
    incident_id  TEXT NOT NULL REFERENCES incidents (incident_id) ON DELETE CASCADE,
    key          TEXT NOT NULL,        -- d:DOC_ID or a:WEEK:LAT:LON:ACTOR (marsad/fuse/stories.py)
    PRIMARY KEY (incident_id, key)
);
CREATE INDEX story_keys_lookup ON story_keys (key, incident_id);
CREATE INDEX incidents_story ON incidents (story_id);
