"""Event records built by hand for fusion tests."""
from __future__ import annotations

import pytest

from marsad.records import Actor, Evidence, EventRecord, Place, Quantity, Source

PLACES = {
    "hama_pocket": Place("eastern Hama pocket", None, 35.3, 37.3, "Hama", "SY", "region"),
    "idlib": Place("Idlib governorate", 169388, 35.8, 36.6, "Idlib", "SY", "admin1"),
    "deir_ezzor": Place("Deir Ezzor governorate", 170792, 35.3, 40.1, "Deir ez-Zor", "SY", "admin1"),
    "talbiseh": Place("Talbiseh", None, 34.84, 36.73, "Homs", "SY", "town"),
    "rastan": Place("Rastan", None, 34.93, 36.73, "Homs", "SY", "town"),
    "saraqib": Place("Saraqib", None, 35.86, 36.8, "Idlib", "SY", "town"),
    "raqqa": Place("Raqqa", None, 35.95, 39.01, "Raqqa", "SY", "town"),
}


def make_event(doc_id: str, n: int, type: str = "RETREAT", mode: str | None = "withdraw",
               actor: str | None = "ISIS", location: str | None = None, origin: str | None = None,
               destination: str | None = None, date: str | None = None, status: str = "occurred",
               sources: tuple[str, ...] = (), quantities: tuple[tuple[int, str], ...] = (),
               text: str = "") -> EventRecord:
    return EventRecord(
        doc_id=doc_id, event_id=f"{doc_id}/e{n}", type=type, mode=mode, section="article",
        actor=Actor(actor, actor, None) if actor else None, recipient=None,
        location=PLACES.get(location), origin=PLACES.get(origin),
        destination=PLACES.get(destination), date=date, date_text=None,
        quantities=[Quantity(v, None, None, u, False, f"{v} {u}") for v, u in quantities],
        status=status, sources=[Source(s, None, None) for s in sources],
        evidence=[Evidence("article", text or f"{doc_id} sentence {n} about {type}.")],
        confidence=0.6)


@pytest.fixture
def event():
    return make_event
