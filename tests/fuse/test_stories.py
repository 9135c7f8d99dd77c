"""Stories: the store's story keys find every incident a changed one can link to, so
relinking only the stories new incidents touch gives what relinking all of them gives,
whatever order the documents come in."""
import random
import tempfile

from hypothesis import given, settings as hsettings, strategies as st

from marsad import fuse
from marsad.config import load_config
from marsad.fuse import FuseSettings, Report, fuse_reports
from marsad.fuse.stories import build_stories, story_keys, story_lookup_keys
from marsad.records import DocumentRecord, to_json
from marsad.store import Prepared, content_hash, open_store
from tests.fuse.conftest import make_event

PLACES = (None, "talbiseh", "rastan", "saraqib", "raqqa", "hama_pocket", "idlib", "deir_ezzor")
DATES = (None, "2018-03-01", "2018-03-06", "2018-03-13", "2018-03-14", "2018-03-29", "2018-04",
         "2018")
PUBLISHED = (None, "2018-03-02", "2018-03-15", "2018-04-01")

record = st.tuples(st.sampled_from("abcdef"), st.sampled_from(("RETREAT", "AGREE", "ASSAULT")),
                   st.sampled_from((None, "ISIS", "RUS")), st.sampled_from(PLACES),
                   st.sampled_from(PLACES), st.sampled_from(DATES), st.sampled_from(PUBLISHED),
                   st.sampled_from(((), ("SANA",), ("SOHR",))))


def _reports(specs) -> list[Report]:
    """Reports of the specs; a document's publication date is that of its first record."""
    published: dict[str, str | None] = {}
    out = []
    for n, (doc, type_, actor, location, destination, date, pub, sources) in enumerate(specs):
        event = make_event(doc, n, type=type_, mode=None, actor=actor, location=location,
                           destination=destination, date=date, sources=sources)
        out.append(Report(event, published.setdefault(doc, pub), doc.upper()))
    return out


def _prepared(doc: str, reports: list[Report]) -> Prepared:
    return Prepared(
        record=DocumentRecord(doc, None, None, doc, reports[0].published, "en", reports[0].outlet,
                              f"{doc} body"),
        origin=doc, raw=doc.encode(), content_hash=content_hash(doc.encode()), fingerprint=None,
        stages="extract", events=[r.event for r in reports])


@hsettings(max_examples=300, deadline=None)
@given(record, record, st.sampled_from((3, 7, 14, 30)))
def test_story_lookup_keys_meet_the_keys_of_every_incident_linked_to(x, y, days):
    settings = FuseSettings(story_days=days)
    a, b = (fuse_reports([r], settings)[0][0] for r in _reports([x, y]))
    if len(build_stories([a, b], settings)) != 1:
        return
    assert set(story_lookup_keys(a, settings)) & set(story_keys(b, settings))
    assert set(story_lookup_keys(b, settings)) & set(story_keys(a, settings))


@hsettings(max_examples=25, deadline=None)
@given(st.lists(record, min_size=1, max_size=12), st.integers(0, 2 ** 16))
def test_run_one_document_at_a_time_gives_the_stories_of_all_at_once(specs, seed):
    cfg = load_config()
    reports = _reports(specs)
    by_doc: dict[str, list[Report]] = {}
    for r in reports:
        by_doc.setdefault(r.doc_id, []).append(r)
    order = sorted(by_doc)
    random.Random(seed).shuffle(order)
    with tempfile.TemporaryDirectory() as tmp, open_store(f"{tmp}/s.db", cfg) as store:
        for doc in order:
            store.add(_prepared(doc, by_doc[doc]))
            store.commit()
            fuse.run(store, cfg)
        stored = [to_json(inc) for inc in store.incidents()], store.stories()
    found, stories = fuse_reports(reports, FuseSettings.from_config(cfg))
    assert stored == ([to_json(inc) for inc in found], stories)


def test_run_a_report_that_moves_an_incident_away_splits_its_story_as_a_full_relink_would(
        tmp_path):
    cfg = load_config()
    settings = FuseSettings.from_config(cfg)
    deal = make_event("a", 1, type="AGREE", mode="deal", actor="ISIS", location="rastan",
                      date="2018-03-01")
    # a strike 14 days after the deal: one story; two later reports date it a day later,
    # which the merged incident takes once most reports say so, 15 days after the deal: two stories
    strikes = [make_event(doc, 1, type="ASSAULT", mode=None, actor="ISIS", location="rastan",
                          date=day) for doc, day in (("b", "2018-03-15"), ("c", "2018-03-16"),
                                                     ("d", "2018-03-16"))]
    reports = [Report(deal, "2018-03-02", "A")] + [Report(e, "2018-03-17", e.doc_id.upper())
                                                   for e in strikes]
    with open_store(str(tmp_path / "s.db"), cfg) as store:
        counts = []
        for r in reports:
            store.add(_prepared(r.doc_id, [r]))
            store.commit()
            fuse.run(store, cfg)
            counts.append(len(store.stories()))
            assert store.stories() == fuse_reports(reports[:len(counts)], settings)[1]
    assert counts == [1, 1, 1, 2]   # a tie (one report each) keeps the first date
