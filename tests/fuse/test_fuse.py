from hypothesis import given, settings as hsettings, strategies as st

from marsad.fuse import FuseSettings, Report, fuse_reports
from marsad.fuse.score import bcubed


def _fuse(*reports):
    return fuse_reports(list(reports), FuseSettings())


def _home(incidents, event_id):
    return next(inc for inc in incidents if event_id in inc.event_ids)


def test_fuse_reports_versions_disagreeing_on_destination_and_count_become_one_disputed_incident(event):
    sham = event("a", 1, origin="hama_pocket", destination="idlib", status="planned",
                 sources=("Sham FM",), quantities=((1000, "fighters"),))
    masdar = event("a", 2, mode="evacuate", origin="hama_pocket", destination="deir_ezzor",
                   status="planned", sources=("al-Masdar",), quantities=((200, "fighters"),))
    found, _ = _fuse(Report(sham, "2017-09-22"), Report(masdar, "2017-09-22"))
    assert len(found) == 1
    fields = {d.field: d for d in found[0].disputes}
    assert set(fields) == {"destination", "quantities"}
    values = {b.value.name: b.sources for b in fields["destination"].values}
    assert values == {"Idlib governorate": ["Sham FM"], "Deir Ezzor governorate": ["al-Masdar"]}


def test_fuse_reports_claim_and_denial_share_an_incident_with_a_status_dispute(event):
    claim = event("sana", 1, type="AGREE", mode="deal", actor="SYR_REBELS", location="rastan",
                  date="2018-05-02", sources=("SANA",))
    denial = event("blog", 1, type="AGREE", mode="deal", actor="SYR_REBELS", location="rastan",
                   status="denied", sources=("an FSA commander",))
    found, _ = _fuse(Report(claim, "2018-05-03"), Report(denial, "2018-05-04"))
    assert len(found) == 1 and found[0].status == "occurred"
    status = next(d for d in found[0].disputes if d.field == "status")
    assert sorted(b.value for b in status.values) == ["denied", "occurred"]
    assert found[0].n_reports == 2 and found[0].confidence > 0.6


def test_fuse_reports_same_type_in_other_place_or_weeks_later_stays_apart(event):
    base = event("a", 1, type="ASSAULT", mode="airstrike", actor="RUS", location="saraqib",
                 date="2018-02-04")
    elsewhere = event("b", 1, type="ASSAULT", mode="airstrike", actor="RUS", location="raqqa",
                      date="2018-02-04")
    later = event("c", 1, type="ASSAULT", mode="airstrike", actor="RUS", location="saraqib",
                  date="2018-02-20")
    other_mode = event("d", 1, type="ASSAULT", mode="shelling", actor="RUS", location="saraqib",
                       date="2018-02-04")
    same = event("e", 1, type="ASSAULT", mode="airstrike", actor="RUS", location="saraqib",
                 date="2018-02-05")
    found, _ = _fuse(*(Report(e, None) for e in (base, elsewhere, later, other_mode, same)))
    assert len(found) == 4
    assert _home(found, "a/e1") is _home(found, "e/e1")


def test_fuse_reports_one_document_telling_two_events_alike_keeps_them_apart(event):
    first = event("a", 1, type="AGREE", mode="deal", actor="SYR_REBELS", location="talbiseh")
    second = event("a", 2, type="AGREE", mode="deal", actor="SYR_REBELS", location="rastan")
    found, _ = _fuse(Report(first, "2018-05-03"), Report(second, "2018-05-03"))
    assert len(found) == 2


def test_merge_duplicates_and_syndicated_copies_count_once(event):
    text = "Government shelling on Talbiseh killed three civilians, activists said on Wednesday."
    original = event("wire", 1, type="ASSAULT", mode="shelling", actor="SYR_GOV",
                     location="talbiseh", date="2018-05-02", text=text)
    copy = event("copy", 1, type="ASSAULT", mode="shelling", actor="SYR_GOV",
                 location="talbiseh", date="2018-05-02", text="Other words entirely here.")
    syndicated = event("mirror", 1, type="ASSAULT", mode="shelling", actor="SYR_GOV",
                       location="talbiseh", date="2018-05-02", text=text)
    own = event("blog", 1, type="ASSAULT", mode="shelling", actor="SYR_GOV",
                location="talbiseh", date="2018-05-02")
    found, _ = _fuse(Report(original, "2018-05-03", "Wire"),
                     Report(copy, "2018-05-03", "Other", duplicate_of="wire"),
                     Report(syndicated, "2018-05-03", "Mirror"), Report(own, "2018-05-03", "Blog"))
    assert len(found) == 1
    assert found[0].n_reports == 2
    assert found[0].outlets == ["Blog", "Mirror", "Other", "Wire"]


def test_stories_link_a_deal_to_its_evacuation_in_order(event):
    deal = event("a", 1, type="AGREE", mode="deal", actor="ISIS", location="hama_pocket",
                 date="2017-09-21")
    leave = event("b", 1, mode="withdraw", origin="hama_pocket", destination="idlib",
                  date="2017-09-24")
    far = event("c", 1, type="ASSAULT", mode="capture", actor="SDF", location="raqqa",
                date="2017-09-21")
    found, stories = _fuse(Report(deal, "2017-09-22"), Report(leave, "2017-09-25"),
                           Report(far, "2017-09-22"))
    linked = _home(found, "a/e1").story_id
    assert linked == _home(found, "b/e1").story_id != _home(found, "c/e1").story_id
    story = next(s for s in stories if s.story_id == linked)
    assert story.types == ["AGREE", "RETREAT"]


def test_bcubed_scores_merges_and_splits():
    gold = {"a": "x", "b": "x", "c": "y"}
    assert bcubed(gold, gold) == (1.0, 1.0, 1.0)
    p, r, _ = bcubed({"a": 1, "b": 1, "c": 1}, gold)
    assert r == 1.0 and p < 1.0
    p, r, _ = bcubed({"a": 1, "b": 2, "c": 3}, gold)
    assert p == 1.0 and r < 1.0


def _gold_reports(shared_dir):
    import json

    from marsad.records import event_from_dict
    reports = []
    for folder in ("dev-gold", "dev-extra"):
        for f in sorted((shared_dir / folder).glob("*.gold.json")):
            gold = json.loads(f.read_text(encoding="utf-8"))
            reports += [Report(event_from_dict(e), gold.get("published")) for e in gold["events"]]
    return reports


def test_fuse_reports_any_order_of_the_dev_records_gives_the_same_incidents(shared_dir):
    import random

    from marsad.records import to_json
    reports = _gold_reports(shared_dir)
    results = set()
    for seed in range(3):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        found, stories = fuse_reports(shuffled)
        results.add(("\n".join(to_json(i) for i in found), "\n".join(to_json(s) for s in stories)))
    assert len(results) == 1


def test_fuse_reports_evacuees_named_civilians_by_one_outlet_and_rebels_by_another_are_one_disputed_incident(event):
    from dataclasses import replace
    from marsad.records import Actor

    civilians = replace(event("a", 1, mode="evacuate", origin="talbiseh", date="2018-05-07"),
                        actor=Actor("CIVILIANS", "civilians", "civilians"))
    rebels = replace(event("b", 1, mode="evacuate", origin="talbiseh", date="2018-05-07"),
                     actor=Actor("SYR_REBELS", "rebels", "armed_group"))
    found, _ = _fuse(Report(civilians, "2018-05-07", "x"), Report(rebels, "2018-05-08", "y"))
    assert len(found) == 1
    assert [d.field for d in found[0].disputes] == ["actor"]
    # Outside an evacuation, civilians and fighters doing the same thing are two events.
    moved = [replace(r, mode="withdraw") for r in (civilians, rebels)]
    found, _ = _fuse(Report(moved[0], "2018-05-07", "x"), Report(moved[1], "2018-05-08", "y"))
    assert len(found) == 2


def test_fuse_reports_an_event_of_31_march_and_its_report_dated_1_april_are_one_incident(event):
    told = event("a", 1, type="ASSAULT", mode="airstrike", actor="RUS", location="saraqib",
                 date="2018-03-31", sources=("SOHR",))
    retold = event("b", 1, type="ASSAULT", mode="airstrike", actor="RUS", location="saraqib",
                   date="2018-04-01", sources=("SANA",))
    found, _ = _fuse(Report(told, "2018-03-31"), Report(retold, "2018-04-01"))
    assert [inc.event_ids for inc in found] == [["a/e1", "b/e1"]]


def test_fuse_reports_a_timeless_report_joins_the_one_dated_incident_at_its_town(event):
    dated = [event(d, 1, mode="evacuate", origin="talbiseh", date="2018-05-07", sources=(d,))
             for d in ("a", "b")]
    timeless = event("c", 1, mode="evacuate", origin="talbiseh", sources=("c",))
    found, _ = _fuse(Report(dated[0], "2018-05-07"), Report(dated[1], "2018-05-08"),
                     Report(timeless, None))
    assert [inc.event_ids for inc in found] == [["a/e1", "b/e1", "c/e1"]]


def test_fuse_reports_a_timeless_report_that_fits_two_dated_incidents_joins_neither(event):
    spring = event("a", 1, mode="evacuate", origin="talbiseh", date="2018-05-07")
    autumn = event("b", 1, mode="evacuate", origin="talbiseh", date="2018-10-02")
    timeless = event("c", 1, mode="evacuate", origin="talbiseh")
    found, _ = _fuse(Report(spring, "2018-05-07"), Report(autumn, "2018-10-02"),
                     Report(timeless, None))
    assert sorted(inc.event_ids for inc in found) == [["a/e1"], ["b/e1"], ["c/e1"]]


def test_fuse_reports_a_timeless_or_year_dated_report_needs_its_actor_and_the_same_town(event):
    dated = event("a", 1, mode="evacuate", origin="talbiseh", date="2018-05-07")
    nearby = event("b", 1, mode="evacuate", origin="rastan")              # ~10 km away
    no_actor = event("c", 1, mode="evacuate", actor=None, origin="talbiseh")
    region = event("d", 1, mode="evacuate", origin="hama_pocket")
    year_nearby = event("e", 1, mode="evacuate", origin="rastan", date="2018")
    found, _ = _fuse(Report(dated, "2018-05-07"), *(Report(e, None) for e in
                                                   (nearby, no_actor, region, year_nearby)))
    assert _home(found, "a/e1").event_ids == ["a/e1"]
    assert _home(found, "b/e1").event_ids == ["b/e1", "e/e1"]   # one town, one actor
    year_same_town = event("f", 1, mode="evacuate", origin="talbiseh", date="2018")
    found, _ = _fuse(Report(dated, "2018-05-07"), Report(year_same_town, None))
    assert [inc.event_ids for inc in found] == [["a/e1", "f/e1"]]


def _odd_reports(specs):
    from marsad.records import Actor, EventRecord, Evidence, Place

    out = []
    for n, (doc, day, published, places, actor) in enumerate(specs):
        loc, org = (Place("p", None, lat, lon, None, "SY", precision) if precision else None
                    for lat, lon, precision in places)
        event = EventRecord(doc, f"{doc}/e{n}", "RETREAT", None, "article",
                            Actor(actor, actor, None) if actor else None, None, loc, org, None,
                            day, None, evidence=[Evidence("article", "text")])
        out.append(Report(event, published))
    return out


_ODD_TIME = st.one_of(st.none(), st.text(max_size=10), st.sampled_from(
    ["2018", "2018-02", "2018-02-30", "0001-01-01", "9999-12-31", "2018-13", "2018-04-01T10:00"]))
_ODD_COORD = st.one_of(st.none(), st.floats(), st.floats(-90, 90))
_ODD_PLACE = st.tuples(_ODD_COORD, _ODD_COORD, st.sampled_from([None, "town", "point", "admin1", "?"]))


@hsettings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ab"), _ODD_TIME, _ODD_TIME,
                          st.tuples(_ODD_PLACE, _ODD_PLACE), st.sampled_from([None, "ISIS"])),
                max_size=8))
def test_fuse_reports_odd_dates_and_coordinates_never_crash_and_every_record_lands_once(specs):
    reports = _odd_reports(specs)
    found, _ = fuse_reports(reports)
    assert sorted(e for inc in found for e in inc.event_ids) == sorted(
        r.event.event_id for r in reports)
