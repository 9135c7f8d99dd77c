import pytest

from marsad.config import load_config
from marsad.document import Document
from marsad.nlp import pieces, run
from marsad.records import Comment


@pytest.mark.parametrize("limit", [5, 17, 40, 1000])
def test_pieces_rejoin_to_the_text_and_respect_the_limit(limit):
    text = "One line here.\nAnother line, longer than the first.\n\nA third paragraph " * 3
    parts = pieces(text, limit)
    assert "".join(parts) == text
    assert all(len(p) <= limit for p in parts)


def test_sentences_never_cross_a_blank_line_and_offsets_are_exact():
    body = ("Rebels and the government reached a deal on Thursday\n\n"
            "according to Sham FM the fighters will leave for Idlib\n\nBuses arrived.")
    doc = Document(doc_id="d", body=body, comments=[Comment("c1", None, 0, "A", "Good deal. Bad deal.")])
    run(doc, load_config())
    art = [s for s in doc.sentences if s.segment == "article"]
    assert [s.text for s in art] == ["Rebels and the government reached a deal on Thursday",
                                     "according to Sham FM the fighters will leave for Idlib",
                                     "Buses arrived."]
    for s in doc.sentences:
        assert doc.segment_text(s.segment)[s.start:s.end] == s.text
    assert {s.segment for s in doc.sentences} == {"article", "c1"}


def test_long_text_is_parsed_whole_in_pieces():
    para = "Government forces shelled the town of Latamneh on Monday. "
    body = (para * 40 + "\n\n") * 5
    cfg = load_config(nlp__max_chars=1500)
    doc = Document(doc_id="d", body=body)
    run(doc, cfg)
    assert doc.parses["article"].text == body
    assert doc.sentences[-1].end > len(body) - len(para)
