"""Fusion across documents (EVENTS.md section 9): incidents, disputes and stories.

    from marsad.fuse import fuse_reports, incidents, run
    found, stories = fuse_reports(reports, settings)   # pure: Reports -> Incidents, Stories
    run(store, cfg)                                     # update the store's incidents
    incidents(store, type="RETREAT", disputed=True)     # read them back, filtered

`run` is incremental: it clusters only the blocks (type, section, quarter) that hold
event records not fused yet, replaces those blocks' incidents, then relinks stories.
Blocks never share an incident, so fusing block by block gives what fusing
everything at once gives, whatever the order documents came in.
"""
from __future__ import annotations

from typing import Iterable

from marsad.config import Config
from marsad.fuse.cluster import block_key, cluster_block, content_key, group_by_block
from marsad.fuse.compat import time_interval
from marsad.fuse.filters import matches
from marsad.fuse.merge import build_incident
from marsad.fuse.model import FuseSettings, Incident, Report, Story
from marsad.fuse.stories import build_stories

__all__ = ["FuseSettings", "Incident", "Report", "Story", "fuse_blocks", "fuse_reports",
           "incidents", "run", "supporting_reports"]


def fuse_blocks(reports: Iterable[Report], settings: FuseSettings) -> dict[str, list[Incident]]:
    """The incidents of every block the reports fall in (stories not yet linked)."""
    out = {}
    for block, members in group_by_block(reports, settings).items():
        keys = {id(r): content_key(r) for r in members}  # serialising is the costly part
        out[block] = sorted((build_incident(group, block, settings, keys)
                             for group in cluster_block(members, settings, keys)),
                            key=lambda inc: inc.incident_id)
    return out


def fuse_reports(reports: Iterable[Report], settings: FuseSettings | None = None
                 ) -> tuple[list[Incident], list[Story]]:
    """Incidents (sorted by id, each with its `story_id`) and stories of the reports."""
    settings = settings or FuseSettings()
    found = [inc for block in fuse_blocks(reports, settings).values() for inc in block]
    stories = build_stories(found, settings)
    return sorted(found, key=lambda inc: inc.incident_id), stories


def run(store, cfg: Config | None = None) -> tuple[int, int]:
    """Fuse the store's new event records into its incidents; (blocks redone, incidents)."""
    settings = FuseSettings.from_config(cfg)
    fresh = store.unfused_reports()
    if not fresh:
        return 0, store.count_incidents()
    blocks = sorted({block_key(r, time_interval(r, settings)) for r in fresh})
    reports = store.reports_in_blocks(blocks) + fresh
    redone = fuse_blocks(reports, settings)
    assigned = [(r.event.event_id, block_key(r, time_interval(r, settings))) for r in fresh]
    store.replace_incident_blocks(redone, assigned)
    store.replace_stories(build_stories(store.incidents(), settings))
    store.commit()
    return len(redone), store.count_incidents()


def incidents(store, **filters) -> list[Incident]:
    """The store's incidents that pass the filters of `marsad.fuse.filters.matches`."""
    return [inc for inc in store.incidents() if matches(inc, **filters)]


def supporting_reports(store, incident: Incident) -> list:
    """The event records an incident groups, each with its evidence and sources."""
    wanted = set(incident.event_ids)
    return [e for doc in incident.doc_ids for e in store.events(doc) if e.event_id in wanted]
