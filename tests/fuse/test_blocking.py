"""Blocking: candidate pairs find every pair of records that can match, so blocks are
exactly the connected groups of `same_event`, and the store's keys find every stored
record a new one can match."""
from hypothesis import given, settings as hsettings, strategies as st

from marsad.fuse import FuseSettings, Report
from marsad.fuse.blocking import blocks_of, index_keys, kind, lookup_keys, months
from marsad.fuse.compat import same_event, time_interval
from tests.fuse.conftest import make_event

SETTINGS = FuseSettings()
DATES = (None, "2018-03-30", "2018-03-31", "2018-04-01", "2018-04-04", "2018-03", "2018-04",
         "2018", "2017-12-31")
PUBLISHED = (None, "2018-04-01", "2018-04-09", "2018-01-02")
PLACES = (None, "talbiseh", "rastan", "saraqib", "hama_pocket", "idlib")

record = st.tuples(st.sampled_from("abcd"), st.sampled_from(("RETREAT", "ASSAULT")),
                   st.sampled_from((None, "ISIS", "RUS")), st.sampled_from(PLACES),
                   st.booleans(), st.sampled_from(DATES), st.sampled_from(PUBLISHED),
                   st.sampled_from(((), ("SANA",), ("SOHR",))))

# The same, with records without any time (or with a year) and at towns much more often.
timeless_record = st.tuples(st.sampled_from("abcd"), st.just("RETREAT"),
                            st.sampled_from((None, "ISIS")), st.sampled_from(("talbiseh", "rastan")),
                            st.booleans(), st.sampled_from((None, None, "2018-03-31", "2018")),
                            st.sampled_from((None, None, "2018-04-01")), st.just(()))


def _reports(specs) -> list[Report]:
    out = []
    for n, (doc, type_, actor, place, as_origin, date, published, sources) in enumerate(specs):
        where = {"origin" if as_origin else "location": place}
        event = make_event(doc, n, type=type_, mode=None, actor=actor, date=date,
                           sources=sources, **where)
        out.append(Report(event, published))
    return out


def _all_pairs_partition(reports: list[Report]) -> set[frozenset[str]]:
    parent = {r.event.event_id: r.event.event_id for r in reports}

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    times = [time_interval(r, SETTINGS) for r in reports]
    for i, a in enumerate(reports):
        for j, b in enumerate(reports[:i]):
            if kind(a) == kind(b) and same_event(a, b, times[i], times[j], SETTINGS):
                parent[find(a.event.event_id)] = find(b.event.event_id)
    groups: dict[str, set[str]] = {}
    for r in reports:
        groups.setdefault(find(r.event.event_id), set()).add(r.event.event_id)
    return {frozenset(g) for g in groups.values()}


@hsettings(max_examples=150, deadline=None)
@given(st.lists(record | timeless_record, min_size=1, max_size=14))
def test_blocks_of_equals_the_connected_groups_of_all_pairs(specs):
    reports = _reports(specs)
    found = {frozenset(r.event.event_id for r in block) for block in blocks_of(reports, SETTINGS)}
    assert found == _all_pairs_partition(reports)


@hsettings(max_examples=300, deadline=None)
@given(record | timeless_record, record | timeless_record)
def test_lookup_keys_of_a_record_meet_the_index_keys_of_every_record_it_can_match(x, y):
    a, b = _reports([x, y])
    if a.doc_id == b.doc_id or kind(a) != kind(b) or not same_event(
            a, b, time_interval(a, SETTINGS), time_interval(b, SETTINGS), SETTINGS):
        return
    assert set(lookup_keys(a, SETTINGS)) & set(index_keys(b, SETTINGS))
    assert set(lookup_keys(b, SETTINGS)) & set(index_keys(a, SETTINGS))


def test_months_lists_every_month_a_span_touches_across_a_year_end():
    first, last = time_interval(Report(make_event("a", 1, date="2017-12-31")), SETTINGS)
    assert months((first, last)) == ["2017-12", "2018-01"]
    assert len(months(time_interval(Report(make_event("a", 1, date="2018")), SETTINGS))) == 12


def test_index_and_lookup_keys_of_dates_at_the_ends_of_the_calendar_stay_inside_it():
    for date, published in (("0001-01-01", None), (None, "0001-01-02"), ("9999-12-31", None)):
        report = Report(make_event("a", 1, date=date, location="talbiseh"), published)
        assert index_keys(report, SETTINGS)[0] in ("m:0001-01", "m:9999-12")
        assert set(lookup_keys(report, SETTINGS)) & set(index_keys(report, SETTINGS))
