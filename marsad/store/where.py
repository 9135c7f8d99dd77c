"""The WHERE clauses of event filters, shared by the store's own reads (`sql.py`) and
the API's (`queries.py`): values only ever travel as parameters, and the text filters
are lookups in the filter index (`event_keys`).
"""
from __future__ import annotations

from marsad.store.dialect import Dialect
from marsad.store.event_keys import FACETS, fold
from marsad.store.filters import PERIOD_END, EventFilter


def event_where(f: EventFilter, dialect: Dialect) -> tuple[str, tuple]:
    """The WHERE clause (with its parameters, in order) of an event filter. Values
    only ever travel as parameters; places, actors and sources are looked up in the
    filter index (event_keys), folded as its keys are."""
    clauses: list[tuple[str, tuple]] = []
    for column in ("type", "section", "status", "doc_id"):
        if getattr(f, column) is not None:
            clauses.append((f"{column} = ?", (getattr(f, column),)))
    if f.since is not None or f.until is not None:
        clauses.append(("date IS NOT NULL", ()))
    if f.since is not None:  # the event's period ends on or after `since`
        clauses.append(("date || ? >= ?", (PERIOD_END, f.since)))
    if f.until is not None:  # ... and starts on or before the end of `until`
        clauses.append(("date <= ?", (f.until + PERIOD_END,)))
    if f.actor is not None:
        clauses.append(keyed(dialect, f.actor, "actor_id", "actor_name"))
    if f.place is not None:
        clauses.append(keyed(dialect, f.place, "place", "place_code"))
    if f.source is not None:
        clauses.append(keyed(dialect, f.source, "source_id", "source_name"))
    if not clauses:
        return "", ()
    return (" WHERE " + " AND ".join(f"({sql})" for sql, _ in clauses),
            tuple(p for _, params in clauses for p in params))


def keyed(dialect: Dialect, value: str, *facets: str) -> tuple[str, tuple]:
    """Events with a key of any of `facets` (marsad.store.event_keys) that the folded
    value equals (an "exact" facet) or is a piece of (a "piece" facet)."""
    sets = key_sets(dialect, value, *facets)
    return " OR ".join(f"id IN ({sql})" for sql, _ in sets), tuple(p for _, ps in sets for p in ps)


def key_sets(dialect: Dialect, value: str, *facets: str) -> list[tuple[str, tuple]]:
    """For each facet, a SELECT of the events.id (as `row_id`) of the events `keyed`
    finds through it, with its parameters."""
    folded = fold(value)
    tests = {facet: "key = ?" if FACETS[facet] == "exact"
             else f"key IN ({piece_keys(dialect, 'event_keys', facet)})" for facet in facets}
    return [(f"SELECT event_row AS row_id FROM event_keys WHERE facet = '{facet}' AND {test}",
             (folded,)) for facet, test in tests.items()]


def piece_keys(dialect: Dialect, table: str, facet: str) -> str:
    """A SELECT of the distinct keys of one facet of a key table (event_keys,
    incident_keys) that hold the next parameter. The index is walked from one distinct
    key to the next, a seek each: names and places repeat, so a facet of 100,000 rows
    holds a few hundred values to test instead of 100,000."""
    return (f"WITH RECURSIVE k (key) AS (SELECT MIN(key) FROM {table} WHERE facet = '{facet}'"
            f" UNION ALL SELECT (SELECT MIN(key) FROM {table} WHERE facet = '{facet}' AND key > k.key)"
            f" FROM k WHERE k.key IS NOT NULL) SELECT key FROM k WHERE {dialect.contains('key')}")
