"""The nearest ACLED event type and sub-event type for a Marsad event (`acled_map.tsv`)."""
from __future__ import annotations

from marsad.events.lexicon import acled_rows
from marsad.records import AcledType

# Actor kinds that make a territorial gain "Government regains territory".
STATE_KINDS = frozenset({"state_forces", "government", "foreign_state"})


def acled_type(event_type: str, mode: str | None, actor_kind: str | None,
               violent: bool = True) -> AcledType | None:
    """ACLED type for (type, mode, who acts); territory taken without a fight
    (`violent` False) is a non-violent transfer (EVENTS.md section 8)."""
    if event_type == "ASSAULT" and mode == "capture" and not violent:
        return AcledType("Strategic developments", "Non-violent transfer of territory")
    side = "state" if actor_kind in STATE_KINDS else "nonstate"
    for row in acled_rows():
        if row.type == event_type and row.mode in ("*", mode or "") and row.actor in ("any", side):
            return AcledType(row.event_type, row.sub_event_type)
    return None
