"""The pure functions that shape answers: evidence highlights, timeline days, the
one-line incident summary."""
from __future__ import annotations

from marsad.api.views import highlights, incident_summary, timeline_items
from marsad.fuse.model import Incident
from marsad.records import Actor, Comment, DocumentRecord, EventRecord, Evidence, Place


def _event(*evidence: Evidence) -> EventRecord:
    return EventRecord("d", "d/e1", "ASSAULT", None, "article", None, None, None, None, None,
                       None, None, evidence=list(evidence))


def _doc() -> DocumentRecord:
    return DocumentRecord("d", None, None, None, None, "en", None,
                          "Intro. Jets struck Ariha. Jets struck Ariha again.",
                          [Comment("c1", None, 0, "a", "Jets struck Ariha."),
                           Comment("c2", "c1", 1, "b", "No, they hit Saraqib.")])


def test_highlights_body_and_named_comment():
    doc = _doc()
    found = highlights(_event(Evidence("article", "Jets struck Ariha."),
                              Evidence("comment", "Jets struck Ariha.", "c1")), doc)
    assert found == [{"evidence": 0, "section": "article", "comment_id": None, "start": 7, "end": 25},
                     {"evidence": 1, "section": "comment", "comment_id": "c1", "start": 0, "end": 18}]


def test_highlights_comment_without_id_finds_the_comment_saying_it():
    found = highlights(_event(Evidence("comment", "they hit Saraqib")), _doc())
    assert found == [{"evidence": 0, "section": "comment", "comment_id": "c2", "start": 4, "end": 20}]


def test_highlights_skip_text_not_in_the_document():
    assert highlights(_event(Evidence("article", "Nothing like this."), Evidence("article", "")), _doc()) == []
    assert highlights(_event(Evidence("article", "Intro.")), None) == []


def test_timeline_items_put_months_and_years_on_their_first_day():
    items = timeline_items([("2018-05-03", "ASSAULT", 2), ("2018-05", "ASSAULT", 1),
                            ("2018", "RETREAT", 4), ("2018-05-03", "RETREAT", 1), ("bad", "AID", 9)])
    assert items == [
        {"date": "2018-01-01", "type": "RETREAT", "count": 4, "precision": "year"},
        {"date": "2018-05-01", "type": "ASSAULT", "count": 1, "precision": "month"},
        {"date": "2018-05-03", "type": "ASSAULT", "count": 2, "precision": "day"},
        {"date": "2018-05-03", "type": "RETREAT", "count": 1, "precision": "day"}]


def test_incident_summary_names_who_what_whom_where_when():
    inc = Incident("inc-1", "ASSAULT", "article", "airstrike", Actor("RUS", "Russian jets", None),
                   Actor(None, "a hospital", None), Place("Ariha", None, 35.8, 36.6, None, "SY", "town"),
                   None, None, "2019-05-04", [], None, "denied", [], [], 1, [], [], None, None, 0.5)
    assert incident_summary(inc) == "RUS assault (airstrike) → a hospital at Ariha on 2019-05-04 [denied]"
