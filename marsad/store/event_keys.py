"""The filter index: one row per (event, facet, key) beside each stored event, so the
text filters of `EventFilter` and the API (actor, place, source, leaning, evidence
text) are index lookups instead of a parse of every record's JSON.

Keys and query values are folded the same way (`fold`): Unicode case folded and
accents dropped, so "Şaḩnāyā" is found by "Şaḩnāyā", "şaḩnāyā" and "sahnaya".
A facet is matched either exactly (ids and codes) or by a piece of the key (names,
sentences), as the filters of `marsad.store.filters` say.
"""
from __future__ import annotations

import unicodedata

from marsad.records import EventRecord

# facet -> how a query value matches its keys: "exact" (ids, codes) or "piece" (text)
FACETS = {
    "actor_id": "exact", "actor_name": "piece",          # actor and recipient
    "place": "piece", "place_code": "exact",             # name/admin1, country of any place
    "source_id": "exact", "source_name": "piece", "leaning": "exact",
    "sourced": "exact",                                  # key "": the event credits a source
    "evidence": "piece",                                 # an evidence sentence
}
PLACE_ROLES = ("location", "origin", "destination")


def fold(text: str) -> str:
    """`text` compared without case or accents: NFKD, combining marks dropped, casefolded."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def event_keys(event: EventRecord) -> set[tuple[str, str]]:
    """(facet, folded key) of one event record."""
    keys: set[tuple[str, str]] = set()

    def put(facet: str, value) -> None:
        if value is not None and str(value).strip():
            keys.add((facet, fold(str(value))))

    for who in (event.actor, event.recipient):
        if who is not None:
            put("actor_id", who.id)
            put("actor_name", who.name)
    for role in PLACE_ROLES:
        place = getattr(event, role)
        if place is not None:
            put("place", place.name)
            put("place", place.admin1)
            put("place_code", place.country)
    for source in event.sources:
        put("source_id", source.id)
        put("source_name", source.name)
        put("leaning", source.leaning)
    if event.sources:
        keys.add(("sourced", ""))
    for evidence in event.evidence:
        put("evidence", evidence.text)
    return keys


def key_rows(rows: list[tuple[int, EventRecord]]) -> list[tuple[int, str, str]]:
    """(events.id, facet, key) rows of stored events, in a stable order."""
    return [(row_id, facet, key) for row_id, event in rows
            for facet, key in sorted(event_keys(event))]
