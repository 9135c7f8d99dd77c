"""The event vocabulary, loaded once per process from `marsad/data/`.

Triggers (`triggers.tsv`), the cue words that change a trigger's meaning
(`event_cues.tsv`), weapon words that pick an ASSAULT mode (`event_modes.tsv`),
ground nouns (`event_territory.tsv`) and the ACLED map (`acled_map.tsv`).
Everything here is data; the rules that use it live in the sibling modules.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from marsad.data import load_tsv


@dataclass(frozen=True)
class TriggerRow:
    lemma: str
    pos: str                 # VERB, NOUN or ANY
    needs: tuple[str, ...]   # any of these words/markers must be present; () = none needed
    type: str
    mode: str | None
    roles: str               # default | theme | fall
    weight: float


@dataclass(frozen=True)
class AcledRow:
    type: str
    mode: str
    actor: str
    event_type: str
    sub_event_type: str


@functools.lru_cache(maxsize=None)
def triggers() -> dict[str, tuple[TriggerRow, ...]]:
    """lemma -> its rows, rows with a `needs` condition first (they are more specific)."""
    table: dict[str, list[TriggerRow]] = {}
    for r in load_tsv("triggers.tsv"):
        row = TriggerRow(r["lemma"].lower(), r["pos"].upper(),
                         tuple(w for w in r["with"].lower().split("|") if w),
                         r["type"], r["mode"] or None, r["roles"] or "default",
                         float(r["weight"] or 0.5))
        table.setdefault(row.lemma, []).append(row)
    return {k: tuple(sorted(v, key=lambda row: not row.needs)) for k, v in table.items()}


@functools.lru_cache(maxsize=None)
def cues(kind: str) -> dict[str, str]:
    """word -> effect, for one cue kind of `event_cues.tsv` (modal, governor, habit...)."""
    return {r["word"].lower(): r["effect"] for r in load_tsv("event_cues.tsv") if r["cue"] == kind}


@functools.lru_cache(maxsize=None)
def mode_words() -> dict[str, str]:
    return {r["lemma"].lower(): r["mode"] for r in load_tsv("event_modes.tsv")}


@functools.lru_cache(maxsize=None)
def territory() -> frozenset[str]:
    return frozenset(r["lemma"].lower() for r in load_tsv("event_territory.tsv"))


@functools.lru_cache(maxsize=None)
def compass_words() -> frozenset[str]:
    """Compass points ("north", "south-east"): "7km southwest of Damascus" uses Damascus as a bearing."""
    return frozenset(r["word"].lower() for r in load_tsv("geo_words.tsv") if r["role"] == "direction")


@functools.lru_cache(maxsize=None)
def opinion_words() -> frozenset[str]:
    return frozenset(r["word"].lower() for r in load_tsv("event_opinion.tsv"))


@functools.lru_cache(maxsize=None)
def acled_rows() -> tuple[AcledRow, ...]:
    return tuple(AcledRow(r["type"], r["mode"], r["actor"], r["event_type"], r["sub_event_type"])
                 for r in load_tsv("acled_map.tsv"))
