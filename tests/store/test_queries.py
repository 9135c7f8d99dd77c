"""marsad/store/queries.py: the API's reads agree with the store's own filter, on
either paging path of a filtered set, with names in any script."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.config import load_config
from marsad.store import open_store
from marsad.store.filters import EventFilter
from marsad.store import queries
from marsad.store.queries import EventQuery, count_events, event_page, event_rows, open_readonly
from tests.export.sample_store import build_sample_store
from tests.store.conftest import BACKENDS, make_url


@pytest.fixture(scope="module", params=BACKENDS)
def sample(request, tmp_path_factory):
    cfg = load_config()
    db = build_sample_store(make_url(request.param, request, tmp_path_factory.mktemp("q")), cfg)
    with open_store(db, cfg) as store:
        texts = sorted({x for e in store.events() for x in _texts(e) if x})
    ro = open_readonly(db, cfg)
    yield ro, texts
    ro.close()


def _texts(event):
    for who in (event.actor, event.recipient):
        if who:
            yield who.id
            yield who.name
    for place in (event.location, event.origin, event.destination):
        if place:
            yield place.name
            yield place.country
    for s in event.sources:
        yield s.id
        yield s.name
    for ev in event.evidence:
        yield ev.text


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_query_counts_equal_the_store_filter(sample, data):
    store, texts = sample
    text = data.draw(st.sampled_from(texts))
    start = data.draw(st.integers(0, max(0, len(text) - 1)))
    piece = text[start:start + data.draw(st.integers(1, 12))]
    piece = data.draw(st.sampled_from([piece, piece.upper(), piece.lower(), f"{piece}%", "_"]))
    for name in ("actor", "place", "source"):
        f = EventFilter(**{name: piece})
        assert count_events(store, EventQuery(f)) == store.count_events(f), (name, piece)
        assert [r.event.event_id for r in event_rows(store, EventQuery(f))] == \
            [e.event_id for e in store.query_events(f)]
    q_matches = [e.event_id for e in store.query_events()
                 if any(piece.strip().lower() in ev.text.lower() for ev in e.evidence)]
    if piece.strip() and piece.isascii():
        assert [r.event.event_id for r in event_rows(store, EventQuery(q=piece))] == q_matches


@pytest.mark.parametrize("query", [
    EventQuery(EventFilter(place="a")), EventQuery(EventFilter(actor="s", status="occurred")),
    EventQuery(q="the"), EventQuery(q="th"), EventQuery(leaning="government"), EventQuery(disputed=True),
    EventQuery(EventFilter(type="ASSAULT"))])
@pytest.mark.parametrize("small_set", [0, queries.SMALL_SET])
def test_event_page_equals_count_and_rows(sample, query, small_set, monkeypatch):
    """The same page whether the set is listed whole (small) or the listing index is
    walked to the page (large)."""
    monkeypatch.setattr(queries, "SMALL_SET", small_set)
    store, _ = sample
    everything = event_rows(store, query)
    for limit, offset in ((2, 0), (2, 1), (100, 0), (3, len(everything))):
        total, rows = event_page(store, query, limit, offset)
        assert total == count_events(store, query) == len(everything)
        assert [r.event.event_id for r in rows] == \
            [r.event.event_id for r in everything[offset:offset + limit]]
        assert [r.incident_id for r in rows] == [r.incident_id for r in everything[offset:offset + limit]]


@pytest.mark.parametrize("value", ["ḩ", "Ḩ", "ĀH", "é", "İ"])
def test_filters_keep_non_ascii_matches(store_url, value):
    """Names and ids with letters SQL's lower() does not case-fold are still found."""
    from marsad.records import Actor, DocumentRecord, EventRecord, Place
    from marsad.store import Prepared, content_hash

    cfg = load_config()
    db = store_url
    names = ["Ḩamāh", "ḩamāh", "Ḩ_ID", "Évreux", "İzmir"]
    with open_store(db, cfg) as store:
        events = [EventRecord("d", f"d/e{i}", "ASSAULT", None, "article", Actor(n.upper(), n, None),
                              None, Place(n, None, 1.0, 2.0, n, "SY", "town"), None, None, None, None)
                  for i, n in enumerate(names)]
        rec = DocumentRecord("d", None, None, None, None, "en", None, "body", [])
        store.add(Prepared(rec, "d", b"body", content_hash(b"body"), None, "t", events, []))
        store.commit()
        ro = open_readonly(db, cfg)
        for name in ("actor", "place"):
            f = EventFilter(**{name: value})
            assert count_events(ro, EventQuery(f)) == store.count_events(f)
            assert event_page(ro, EventQuery(f), 10, 0)[0] == store.count_events(f)
        ro.close()
