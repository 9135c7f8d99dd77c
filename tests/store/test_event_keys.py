"""marsad/store/event_keys.py: the filter index's folding and keys, and the filters
that use it finding names by their own spelling, in any case, with or without accents."""
import pytest

from marsad.config import load_config
from marsad.records import Actor, DocumentRecord, EventRecord, Evidence, Place, Source
from marsad.store import Prepared, content_hash, open_store
from marsad.store.event_keys import event_keys, fold
from marsad.store.filters import EventFilter
from marsad.store.queries import EventQuery, count_events, open_readonly


@pytest.mark.parametrize("text, folded", [
    ("Şaḩnāyā", "sahnaya"), ("ŞAḨNĀYĀ", "sahnaya"), ("  Homs ", "homs"), ("Straße", "strasse"),
    ("İzmir", "izmir"), ("ﬁghters", "fighters")])
def test_fold_drops_case_and_accents(text, folded):
    assert fold(text) == folded


def test_event_keys_cover_every_role_and_skip_blank_values():
    event = EventRecord("d", "d/e1", "ASSAULT", None, "article", Actor("SYR_GOV", "Army", None),
                        Actor(None, " ", None), Place("Ḩamāh", None, 1.0, 2.0, "Ḩamāh", "SY", "city"),
                        None, Place("Idlib", None, None, None, None, None, "city"), None, None,
                        sources=[Source("SOHR", "sohr", "opposition")],
                        evidence=[Evidence("article", "Shells fell.")])
    assert event_keys(event) == {
        ("actor_id", "syr_gov"), ("actor_name", "army"), ("place", "hamah"), ("place_code", "sy"),
        ("place", "idlib"), ("source_id", "sohr"), ("source_name", "sohr"),
        ("leaning", "opposition"), ("evidence", "shells fell.")}
    assert ("unsourced", "") in event_keys(EventRecord("d", "d/e2", "ASSAULT", None, "article", None,
                                                       None, None, None, None, None, None))


@pytest.fixture
def unicode_store(store_url):
    cfg = load_config()
    place = Place("Şaḩnāyā", 1, 33.4, 36.2, "Rif Dimashq", "SY", "town")
    event = EventRecord("d", "d/e1", "ASSAULT", None, "article", Actor(None, "Jaysh al-Ḩaqq", None),
                        None, place, None, None, None, None,
                        sources=[Source("Şām News", None, None)],
                        evidence=[Evidence("article", "Mortars hit Şaḩnāyā at dawn.")])
    rec = DocumentRecord("d", None, None, None, None, "en", None, "body", [])
    with open_store(store_url, cfg) as store:
        store.add(Prepared(rec, "d", b"body", content_hash(b"body"), None, "t", [event], []))
        store.commit()
    return store_url, cfg


@pytest.mark.parametrize("field, value", [
    ("place", "Şaḩnāyā"), ("place", "şaḩnāyā"), ("place", "sahnaya"), ("place", "SAHN"),
    ("actor", "ḩaqq"), ("actor", "HAQQ"), ("source", "sam news")])
def test_filters_find_names_by_any_case_or_accent(unicode_store, field, value):
    url, cfg = unicode_store
    with open_store(url, cfg, create=False) as store:
        assert [e.event_id for e in store.query_events(EventFilter(**{field: value}))] == ["d/e1"]
        assert store.count_events(EventFilter(**{field: value + "x"})) == 0


@pytest.mark.parametrize("q, n", [("şaḩnāyā at", 1), ("SAHNAYA", 1), ("mortars hit", 1),
                                  ("mortar fire", 0)])
def test_text_search_folds_the_evidence_like_the_filters(unicode_store, q, n):
    url, cfg = unicode_store
    with open_readonly(url, cfg) as store:
        assert count_events(store, EventQuery(q=q)) == n
