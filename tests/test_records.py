import json

from marsad.records import (Actor, Comment, DocumentRecord, EventRecord, Evidence, Place,
                            Quantity, document_from_dict, event_from_dict, to_dict, to_json)


def _event():
    idlib = Place("Idlib governorate", 169388, 35.8, 36.6, "Idlib", "SY", "admin1")
    return EventRecord(
        doc_id="d", event_id="d/e1", type="RETREAT", mode="evacuate", section="article",
        actor=Actor("CIVILIANS", "1,500 civilians", "civilians"), recipient=None,
        location=None, origin=None, destination=idlib, date=None, date_text="On Wednesday",
        quantities=[Quantity(1500, None, None, "civilians", False, "1,500 civilians")],
        evidence=[Evidence("article", "On Wednesday, 1,500 civilians left.")], confidence=0.8)


def test_to_dict_event_keeps_contract_field_order():
    d = to_dict(_event())
    assert list(d)[:8] == ["doc_id", "event_id", "type", "mode", "section", "actor", "recipient",
                           "location"]
    assert d["destination"]["geonameid"] == 169388
    assert d["quantities"][0]["unit"] == "civilians"


def test_to_json_keeps_non_ascii_text():
    rec = DocumentRecord("x", None, None, "Hay’at", None, "en", None, "body ’", [])
    assert "’" in to_json(rec)
    assert json.loads(to_json(rec))["title"] == "Hay’at"


def test_event_round_trips_through_dict():
    ev = _event()
    assert event_from_dict(json.loads(to_json(ev))) == ev


def test_document_round_trips_with_comments():
    rec = DocumentRecord("x", "x.txt", None, "T", "2018-02-10", "en", None, "Body.",
                         [Comment("c1", None, 0, "Rob", "Hi"), Comment("c2", "c1", 1, None, "Yo")])
    assert document_from_dict(to_dict(rec)) == rec
