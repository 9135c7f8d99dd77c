"""Scoring a grouping against gold labels: B-cubed precision, recall and F1, and
which gold disputes (different values from different sources inside one gold
incident) a fusion run lists."""
from __future__ import annotations

from collections import defaultdict

from marsad.fuse.model import Incident


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """(precision, recall, F1) of the item -> cluster map `predicted` against `gold`,
    over the items both know."""
    items = sorted(set(predicted) & set(gold))
    if not items:
        return 0.0, 0.0, 0.0
    pred_members, gold_members = defaultdict(set), defaultdict(set)
    for i in items:
        pred_members[predicted[i]].add(i)
        gold_members[gold[i]].add(i)
    p = r = 0.0
    for i in items:
        both = len(pred_members[predicted[i]] & gold_members[gold[i]])
        p += both / len(pred_members[predicted[i]])
        r += both / len(gold_members[gold[i]])
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def disputes_found(gold_disputes: list[tuple[str, frozenset[str]]],
                   incidents: list[Incident]) -> list[bool]:
    """For each gold dispute (field, the event ids that disagree), whether one fused
    incident holds all those events and lists a dispute on that field."""
    by_event = {e: inc for inc in incidents for e in inc.event_ids}
    out = []
    for name, events in gold_disputes:
        homes = {id(by_event[e]) for e in events if e in by_event}
        inc = by_event.get(next(iter(events)))
        out.append(len(homes) == 1 and inc is not None and len(events & set(by_event)) == len(events)
                   and any(d.field == name for d in inc.disputes))
    return out
