"""The filter index: one row per (event, facet, key) beside each stored event, so the
text filters of `EventFilter` and the API (actor, place, source, leaning, evidence
text) are index lookups instead of a parse of every record's JSON. Beside it, the
text-search rows (folded evidence sentences, document titles and bodies) that the
backends index by trigrams, and the keys of incidents (`incident_keys`).

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
    "unsourced": "exact",                                # key "": the event credits no source
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
    if not event.sources:  # (the rarer case, so the leaning filter's set of them is small)
        keys.add(("unsourced", ""))
    for evidence in event.evidence:
        put("evidence", evidence.text)
    return keys


def key_rows(rows: list[tuple[int, EventRecord]]) -> list[tuple[int, str, str]]:
    """(events.id, facet, key) rows of stored events, in a stable order."""
    return [(row_id, facet, key) for row_id, event in rows
            for facet, key in sorted(event_keys(event))]


# A text-search row's id: the owning row's id (events.id, documents.id) shifted left by
# SEARCH_SHIFT bits plus the text's number within its owner, so a search reads the
# owner off the trigram index (`rowid >> SEARCH_SHIFT`) without reading the text.
SEARCH_SHIFT = 24
# Joins an event's evidence sentences in its one search row (so a count of matching rows
# counts events). A query holding it is answered from the filter index instead: no
# match ever spans two sentences.
SENTENCE_BREAK = "\n"


def search_rows(keys: list[tuple[int, str, str]]) -> list[tuple[int, str]]:
    """One (search rowid, folded evidence sentences) row per event of events' key
    rows, the sentences as the "evidence" facet holds them, joined by SENTENCE_BREAK."""
    texts: dict[int, list[str]] = {}
    for row_id, facet, key in keys:
        if facet == "evidence":
            texts.setdefault(row_id, []).append(key)
    return [(row_id << SEARCH_SHIFT, SENTENCE_BREAK.join(t)) for row_id, t in texts.items()]


def document_search_rows(row_id: int, title: str | None, body: str | None) -> list[tuple[int, str]]:
    """(search rowid, folded text) rows of a document: its title and its body, each its
    own row (a query never matches across the two)."""
    return [((row_id << SEARCH_SHIFT) + i, fold(text))
            for i, text in enumerate((title, body)) if text and text.strip()]


# facet of incident_keys -> where in the incident record (fusion's JSON) its values are
INCIDENT_FACETS = {"actor": [(role, key) for role in ("actor", "recipient") for key in ("id", "name")],
                   "place": [(role, key) for role in PLACE_ROLES for key in ("name", "admin1", "country")]}


def incident_keys(record: dict) -> set[tuple[str, str]]:
    """(facet, key) of an incident record: actor/recipient ids and names ("actor"),
    place, admin1 and country names ("place"), credited source names ("source"), each
    casefolded only, as `marsad.fuse.filters.matches` compares them (incidents keep the
    CLI's semantics: a piece of the value, ignoring case but not accents)."""
    keys = set()
    for facet, fields in INCIDENT_FACETS.items():
        for role, key in fields:
            value = (record.get(role) or {}).get(key)
            if isinstance(value, str) and value:
                keys.add((facet, value.casefold()))
    keys |= {("source", name.casefold()) for name in record.get("sources") or ()
             if isinstance(name, str) and name}
    return keys
