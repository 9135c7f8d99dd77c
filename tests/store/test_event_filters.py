"""Store.query_events / count_events on each backend: each EventFilter field, their
combination, the order, paging, and values that must never be read as SQL."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.export.sample_store import build_sample_store, sample_records
from marsad.errors import UsageError
from marsad.records import to_dict
from marsad.store import open_store
from marsad.store.filters import EventFilter
from tests.store.conftest import BACKENDS, make_url

# Every sample event, ordered by (date, event_id) with the undated one last.
ORDER = ["iraq-wire/e2", "iraq-wire/e1", "south-blog/e2", "north-report/e2", "north-report/e1",
         "south-blog/e1", "north-report/e3"]


@pytest.fixture
def store(store_url, cfg):
    s = open_store(build_sample_store(store_url, cfg), cfg)
    yield s
    s.close()


def ids(store, **filters):
    return [e.event_id for e in store.query_events(EventFilter(**filters))]


def test_query_events_without_filters_orders_by_date_then_id_undated_last(store):
    assert ids(store) == ORDER


def test_query_events_returns_the_records_exactly_as_stored(store):
    _, events = sample_records()
    by_id = {e.event_id: to_dict(e) for e in events}
    assert [to_dict(e) for e in store.query_events()] == [by_id[i] for i in ORDER]


def test_query_events_type_is_case_insensitive(store):
    assert ids(store, type="assault") == ["iraq-wire/e1", "north-report/e1", "south-blog/e1"]


@pytest.mark.parametrize("actor, expected", [
    ("SYR_GOV", ["south-blog/e2", "south-blog/e1", "north-report/e3"]),  # as actor or recipient
    ("syr_gov", ["south-blog/e2", "south-blog/e1", "north-report/e3"]),
    ("militia", ["south-blog/e1"]),                                      # name piece, id null
    ("Russian", ["north-report/e1"]),
    ("shoppers", ["north-report/e1"]),                                   # recipient's name
])
def test_query_events_actor_matches_id_or_name_of_actor_or_recipient(store, actor, expected):
    assert ids(store, actor=actor) == expected


@pytest.mark.parametrize("place, expected", [
    ("idlib", ["north-report/e2", "north-report/e1"]),   # admin1, and a destination's name
    ("Hama", ["north-report/e2"]),                       # origin only
    ("IQ", ["iraq-wire/e2", "iraq-wire/e1"]),            # country code
    ("busra", ["south-blog/e2"]),                        # a place without coordinates
    ("aleppo", []),
])
def test_query_events_place_matches_name_admin1_or_country_of_any_place(store, place, expected):
    assert ids(store, place=place) == expected


def test_query_events_date_range_counts_months_and_years_as_whole_periods(store):
    assert ids(store, since="2018-05-10") == ["south-blog/e2", "north-report/e2", "south-blog/e1"]
    assert ids(store, since="2018-05-03", until="2018-05-31") == ["south-blog/e2",
                                                                  "north-report/e2"]
    assert ids(store, until="2017-12") == ["iraq-wire/e2", "iraq-wire/e1"]
    assert ids(store, since="2017-07", until="2017-07") == ["iraq-wire/e1"]
    assert ids(store, since="2018-05-02", until="2018-05-02") == [
        "south-blog/e2", "north-report/e2", "north-report/e1"]


def test_query_events_date_range_leaves_out_undated_events(store):
    assert "north-report/e3" not in ids(store, since="1900")
    assert "north-report/e3" not in ids(store, until="2100")


@pytest.mark.parametrize("field, value, expected", [
    ("section", "comment", ["south-blog/e1"]),
    ("status", "planned", ["north-report/e2"]),
    ("status", "denied", ["iraq-wire/e1"]),
    ("source", "sohr", ["iraq-wire/e1", "north-report/e1"]),            # by id
    ("source", "masdar", ["south-blog/e1"]),                             # by name piece
    ("doc_id", "iraq-wire", ["iraq-wire/e2", "iraq-wire/e1"]),
])
def test_query_events_simple_filters(store, field, value, expected):
    assert ids(store, **{field: value}) == expected


def test_query_events_filters_combine_with_and(store):
    assert ids(store, type="ASSAULT", place="SY", section="article") == ["north-report/e1"]
    assert ids(store, type="ASSAULT", source="reuters", status="occurred") == []


def test_query_events_limit_and_offset_page_through_the_order(store):
    assert [e.event_id for e in store.query_events(None, limit=3)] == ORDER[:3]
    assert [e.event_id for e in store.query_events(None, limit=3, offset=3)] == ORDER[3:6]
    assert [e.event_id for e in store.query_events(None, offset=5)] == ORDER[5:]
    assert store.query_events(None, limit=0) == []


def test_count_events_counts_what_the_query_returns(store):
    assert store.count_events() == len(ORDER)
    assert store.count_events(EventFilter(place="idlib")) == 2


@pytest.mark.parametrize("value", ["' OR 1=1 --", "%", "_", "\"); DROP TABLE events; --"])
def test_query_events_filter_values_are_never_sql(store, value):
    for field in ("actor", "place", "source", "doc_id"):
        assert ids(store, **{field: value}) == []
    assert store.count_events() == len(ORDER)


@pytest.mark.parametrize("kwargs", [
    {"type": "BOMBARD"}, {"section": "footer"}, {"status": "rumoured"}, {"since": "2018-13"},
    {"until": "18-05-02"}, {"since": "2018-02-30"}, {"since": "2019", "until": "2018-12-31"},
])
def test_event_filter_rejects_bad_values(kwargs):
    with pytest.raises(UsageError):
        EventFilter(**kwargs)


def test_event_filter_normalises_the_case_of_choices():
    f = EventFilter(type=" retreat", section="Comment", status="PLANNED")
    assert (f.type, f.section, f.status) == ("RETREAT", "comment", "planned")


def test_event_filter_blank_values_filter_nothing():
    assert EventFilter(type="", actor="  ", since="").active() == {}


@pytest.fixture(scope="module", params=BACKENDS)
def shared_store(request, tmp_path_factory, cfg):
    url = make_url(request.param, request, tmp_path_factory.mktemp("f"))
    s = open_store(build_sample_store(url, cfg), cfg)
    yield s
    s.close()


@settings(max_examples=120, deadline=None)
@given(value=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_query_events_any_text_value_returns_a_subset_in_order(shared_store, value):
    for field in ("actor", "place", "source", "doc_id"):
        got = [e.event_id for e in shared_store.query_events(EventFilter(**{field: value}))]
        assert got == [i for i in ORDER if i in got]
        assert shared_store.count_events(EventFilter(**{field: value})) == len(got)


def test_iter_events_streams_what_query_events_returns(store):
    stream = store.iter_events(EventFilter(type="ASSAULT"))
    assert not isinstance(stream, list)
    assert [e.event_id for e in stream] == ids(store, type="ASSAULT")
