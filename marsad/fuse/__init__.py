"""Fusion across documents (EVENTS.md section 9): incidents, disputes and stories.

    from marsad.fuse import fuse_reports, incidents, run
    found, stories = fuse_reports(reports, settings)   # pure: Reports -> Incidents, Stories
    run(store, cfg)                                     # update the store's incidents
    incidents(store, type="RETREAT", disputed=True)     # read them back, filtered

`run` is incremental: it finds the stored records that the event records not fused
yet can match (by the months of their time spans and their town), re-clusters only the
blocks those records belong to (`marsad.fuse.blocking`), replaces their incidents, then
relinks only the stories those incidents join or leave (`relink_stories`). No incident
crosses blocks, so fusing block by block gives what fusing
everything at once gives, whatever the order documents came in.
"""
from __future__ import annotations

from typing import Iterable

from marsad.config import Config
from marsad.fuse.blocking import blocks_of, index_keys, kind, lookup_keys
from marsad.fuse.cluster import cluster_block, content_key
from marsad.fuse.filters import matches
from marsad.fuse.merge import build_incident
from marsad.fuse.model import FuseSettings, Incident, Report, Story
from marsad.fuse.stories import build_stories, linked_to, story_keys, story_lookup_keys

__all__ = ["FuseSettings", "Incident", "Report", "Story", "fuse_blocks", "fuse_reports",
           "incidents", "run", "supporting_reports"]


def fuse_blocks(reports: Iterable[Report], settings: FuseSettings) -> dict[str, list[Incident]]:
    """The incidents of every block the reports form (stories not yet linked), by block
    id: the kind and the smallest incident id, so a block's id depends on its content."""
    out = {}
    for members in blocks_of(reports, settings):
        keys = {id(r): content_key(r) for r in members}  # serialising is the costly part
        found = sorted((build_incident(group, "", settings, keys)
                        for group in cluster_block(members, settings, keys)),
                       key=lambda inc: inc.incident_id)
        block = f"{kind(members[0])}|{found[0].incident_id}"
        for inc in found:
            inc.block = block
        out[block] = found
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
    redone = fuse_new(store, FuseSettings.from_config(cfg))
    store.commit()
    return redone, store.count_incidents()


def fuse_new(store, settings: FuseSettings, link: bool = True) -> int:
    """`run` without its commit (a store migration calls it inside its own
    transaction); the number of blocks redone. `link=False` leaves stories alone (a
    migration that relinks them all afterwards)."""
    fresh = store.unfused_reports()
    if not fresh:
        return 0
    wanted = sorted({(kind(r), key) for r in fresh for key in lookup_keys(r, settings)})
    stored = {r.event.event_id: (r, block) for r, block in store.fused_reports_with_keys(wanted)}
    touched = sorted({stored[r.event.event_id][1]
                      for group in blocks_of([r for r, _ in stored.values()] + fresh, settings)
                      if any(r.event.event_id not in stored for r in group)
                      for r in group if r.event.event_id in stored})
    reports = store.reports_in_blocks(touched) + fresh
    redone = fuse_blocks(reports, settings)
    loosened = store.stories_of_blocks(touched) if link else []
    store.replace_incident_blocks(
        {**{block: [] for block in touched}, **redone},
        [(e, block) for block, found in redone.items() for inc in found for e in inc.event_ids])
    store.file_fusion_keys([(r.event.event_id, kind(r), key)
                            for r in fresh for key in index_keys(r, settings)])
    if link:
        new = [inc for found in redone.values() for inc in found]
        store.file_story_keys([(inc.incident_id, key) for inc in new
                               for key in story_keys(inc, settings)])
        relink_stories(store, new, loosened, settings)
    return len(redone)


def relink_stories(store, new: list[Incident], loosened: list[str],
                   settings: FuseSettings) -> None:
    """Relink the stories that new incidents join or that lost incidents (`loosened`),
    reading only those: the stories are connected groups of links between two
    incidents, so a story that neither lost a member nor links to a new or loosened
    incident stays as it was, and what `build_stories` gives over every incident equals
    this. A loosened story may fall apart, so its members are relinked too."""
    seeds = {inc.incident_id: inc for inc in new}
    seeds.update((inc.incident_id, inc) for inc in store.incidents_of_stories(loosened)
                 if inc.incident_id not in seeds)
    if not seeds:
        store.replace_stories_of(loosened, [])
        return
    wanted = sorted({key for inc in seeds.values() for key in story_lookup_keys(inc, settings)})
    near = [inc for inc in store.incidents_by_story_keys(wanted) if inc.incident_id not in seeds]
    reached = linked_to(list(seeds.values()), near, settings)
    joined = sorted({inc.story_id for inc in reached if inc.story_id})
    members = {**seeds, **{inc.incident_id: inc for inc in store.incidents_of_stories(joined)}}
    members.update((inc.incident_id, inc) for inc in reached
                   if not inc.story_id)  # not linked into a story yet: joins as itself
    store.replace_stories_of(sorted(set(loosened) | set(joined)),
                             build_stories(list(members.values()), settings))


def incidents(store, **filters) -> list[Incident]:
    """The store's incidents that pass the filters of `marsad.fuse.filters.matches`."""
    return [inc for inc in store.incidents() if matches(inc, **filters)]


def supporting_reports(store, incident: Incident) -> list:
    """The event records an incident groups, each with its evidence and sources."""
    wanted = set(incident.event_ids)
    return [e for doc in incident.doc_ids for e in store.events(doc) if e.event_id in wanted]
