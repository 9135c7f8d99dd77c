"""The geo stage on whole documents: body and comments, offsets, records, bad input."""
import pytest

from marsad import geo, nlp as nlp_stage
from marsad.document import Document
from marsad.records import Comment, PRECISIONS, to_dict


def annotate(cfg, body, comments=()):
    doc = Document("t1", body=body, comments=[Comment(f"c{i + 1}", None, 0, None, text)
                                              for i, text in enumerate(comments)])
    nlp_stage.run(doc, cfg)
    geo.run(doc, cfg)
    return doc


def test_stage_declares_requirements():
    assert geo.REQUIRES == ("sentences", "parses") and geo.ASSIGNS == ("places",)


def test_places_in_body_and_comments_with_exact_offsets(geo_cfg, gz):
    doc = annotate(geo_cfg, "Buses left Yalda for Idlib governorate.",
                   ["Syria said nothing about Mosul."])
    for m in doc.places:
        assert doc.segment_text(m.segment)[m.start:m.end] == m.text
    assert [(m.segment, m.text) for m in doc.places] == [
        ("article", "Yalda"), ("article", "Idlib governorate"), ("c1", "Syria"), ("c1", "Mosul")]
    syria = doc.places[2]
    assert syria.literal is False and syria.place.precision == "country"


def test_place_records_follow_the_contract(geo_cfg, gz):
    doc = annotate(geo_cfg, "Cholera spread from Lagos to other parts of Nigeria, officials said.")
    recs = [to_dict(r) for r in doc.place_records()]
    assert {r["text"] for r in recs} == {"Lagos", "Nigeria"}
    for r in recs:
        assert r["precision"] in PRECISIONS and 0 <= r["confidence"] <= 1
        assert r["section"] == "article" and r["comment_id"] is None


def test_user_place_reaches_the_records(geo_cfg, gz):
    doc = annotate(geo_cfg, "An airstrike hit Kafr Testun on Friday.")
    (m,) = doc.places
    assert (m.place.name, m.place.admin1, m.place.lat) == ("Kafr Testun", "Idlib", 35.61)


@pytest.mark.parametrize("body", [
    "", "   \n\n", "!!!! ???? ....", "A" * 5000, "Al Al Al Al Al Al Al Al Al",
    "Deir " * 400, "\u200b\u00a0Idlib\u00a0\u200b", "Ḩ" * 50,
])
def test_bad_input_never_crashes(geo_cfg, gz, body):
    doc = annotate(geo_cfg, body)
    for m in doc.places:
        assert doc.segment_text(m.segment)[m.start:m.end] == m.text
