"""Measure fusion on gold event records: B-cubed F1 of incidents and stories, and
the gold disputes found.

    python tools/fuse_eval.py ../shared/dev-gold ../shared/dev-extra [tests/corpus] [--json]

Gold event records (each with its `incident` and `story` labels) of all the folders
are fused together, as if every document had been ingested into one store: this
measures fusion apart from extraction. A gold dispute is a field on which events of
one gold incident, credited to different sources, disagree (found by the same merge
rules fusion uses); it counts as found when one fused incident holds all those events
and lists a dispute on that field.

With `--extracted`, Marsad's own extraction replaces the gold records: each document is
run through `marsad extract`, its events are paired with gold as the scorer pairs them
(EVENTS.md section 10), all extracted events are fused, and B-cubed is computed over the
paired events with their gold labels — fusion as a user gets it, end to end.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from marsad.fuse import FuseSettings, Report, fuse_reports
from marsad.fuse.merge import disputes, field_backings
from marsad.fuse.score import bcubed, disputes_found
from marsad.records import event_from_dict


def load(folders: list[str]) -> tuple[list[Report], dict[str, str], dict[str, str]]:
    """Reports, and the gold incident and story of every event id."""
    reports, incident, story = [], {}, {}
    for folder in folders:
        for f in sorted(Path(folder).glob("*.gold.json")):
            gold = json.loads(f.read_text(encoding="utf-8"))
            for e in gold.get("events") or []:
                reports.append(Report(event_from_dict(e), published=gold.get("published"),
                                      outlet=gold.get("outlet")))
                incident[e["event_id"]] = e.get("incident") or e["event_id"]
                story[e["event_id"]] = e.get("story") or incident[e["event_id"]]
    return reports, incident, story


def load_extracted(folders: list[str]) -> tuple[list[Report], dict[str, str], dict[str, str]]:
    """Extracted reports, and the gold incident and story of every paired extracted event."""
    from marsad.config import load_config
    from marsad.evaluate import load_gold, pair_events, predict

    cfg = load_config()
    reports, incident, story = [], {}, {}
    for folder in folders:
        golds = load_gold(folder)
        predicted, _ = predict(golds, cfg)
        for g in golds:
            raw = json.loads(Path(folder, f"{g.doc_id}.gold.json").read_text(encoding="utf-8"))
            labels = {e["event_id"]: (e.get("incident") or e["event_id"],
                                      e.get("story") or e.get("incident") or e["event_id"])
                      for e in raw.get("events") or []}
            events = predicted.get(g.doc_id, [])
            reports += [Report(e, published=g.published) for e in events]
            for gold_event, pred_event in pair_events(list(g.events), events):
                incident[pred_event.event_id], story[pred_event.event_id] = labels[gold_event.event_id]
    return reports, incident, story


def gold_disputes(reports: list[Report], incident: dict[str, str],
                  settings: FuseSettings) -> list[tuple[str, frozenset[str]]]:
    groups: dict[str, list[Report]] = {}
    for r in reports:
        if r.event.event_id in incident:  # extracted events unpaired with gold have no label
            groups.setdefault(incident[r.event.event_id], []).append(r)
    out = []
    for members in groups.values():
        if len(members) > 1:
            for d in disputes(field_backings(members, settings)):
                out.append((d.field, frozenset(e for b in d.values for e in b.event_ids)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--extracted", action="store_true",
                        help="fuse Marsad's extracted events, scored over those paired with gold")
    args = parser.parse_args(argv)
    settings = FuseSettings()
    reports, incident, story = (load_extracted if args.extracted else load)(args.folders)
    found, stories = fuse_reports(reports, settings)
    pred_incident = {e: inc.incident_id for inc in found for e in inc.event_ids}
    pred_story = {e: inc.story_id for inc in found for e in inc.event_ids}
    wanted = gold_disputes(reports, incident, settings)
    hits = disputes_found(wanted, found)
    result = {
        "events": len(reports), "gold_incidents": len(set(incident.values())),
        "incidents": len(found), "gold_stories": len(set(story.values())), "stories": len(stories),
        "incident_bcubed": [round(x, 3) for x in bcubed(pred_incident, incident)],
        "story_bcubed": [round(x, 3) for x in bcubed(pred_story, story)],
        "gold_disputes": len(wanted), "disputes_found": sum(hits),
        "missed_disputes": [[f, sorted(ev)] for (f, ev), hit in zip(wanted, hits) if not hit],
    }
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:<18} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
