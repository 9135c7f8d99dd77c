"""Credited phrases as sources, and the outlets a whole document is credited to."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.actors import ActorContext
from marsad.actors.attribution import confirmation
from marsad.actors.outlets import default_source, source_for_phrase


def test_default_source_reads_dateline_and_credit_line(make_doc):
    doc = make_doc("AMMAN (AFP) - Buses left the camp.", run_actors=False)
    assert default_source(doc).id == "AFP"
    doc = make_doc("Buses left the camp.\n\nSource: Al Jazeera", run_actors=False)
    assert default_source(doc).id == "AL_JAZEERA"
    doc = make_doc("HOMS - Buses left the camp.", run_actors=False)
    assert default_source(doc) is None


@pytest.mark.parametrize("phrase,ctx,expected", [
    ("the pro-government blog al-Masdar News", None, ("AL_MASDAR", "government")),
    ("Rami Abdel Rahman, head of the Syrian Observatory", None, ("SOHR", "opposition")),
    ("Syrian opposition sources", ActorContext("SY"), (None, "opposition")),
    ("a Yemeni military source", ActorContext("YE"), (None, "government")),
    ("Russian President Vladimir Putin", ActorContext("SY"), (None, "foreign_state")),
    ("Iraqi Prime Minister Haider al-Abadi", ActorContext("IQ"), (None, "government")),
    ("Iraqi Prime Minister Haider al-Abadi", ActorContext("SY"), (None, "foreign_state")),
    ("the Kurdistan Region Security Council", ActorContext("IQ"), (None, "kurdish")),
    ("anti-regime activists", ActorContext("SY"), (None, "opposition")),
    ("a spokesman for the UN-recognised government", ActorContext("LY"), (None, "government")),
    ("residents of the old city", ActorContext("SY"), (None, "unknown")),
])
def test_source_for_phrase_id_and_leaning(phrase, ctx, expected):
    src = source_for_phrase(phrase, ctx)
    assert (src.id, src.leaning) == expected
    assert src.name == phrase


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_confirmation_and_source_for_phrase_take_any_text(text):
    assert confirmation(text) in (True, False, None)
    src = source_for_phrase(text, ActorContext("SY"))
    assert src.leaning in ("government", "opposition", "independent", "jihadist", "kurdish",
                           "foreign_state", "unknown")


def test_source_for_phrase_patron_demonym_is_not_foreign():
    src = source_for_phrase("a spokesman for the Turkish-backed National Army", ActorContext("SY"))
    assert src.leaning == "opposition"


def test_default_source_dateline_after_page_furniture_or_with_date(make_doc):
    doc = make_doc("Markets Loading...\n\nBEIRUT/ISTANBUL (Reuters) — Kurdish forces took Kobani.",
                   run_actors=False)
    assert default_source(doc).id == "REUTERS"
    doc = make_doc("BEIRUT, May 23 (APP): Bombs hit Jableh.", run_actors=False)
    assert default_source(doc).name == "APP"
    doc = make_doc("Headline\n\nIDLIB-Anadolu Agency\nJets struck a market.", run_actors=False)
    assert default_source(doc).id == "ANADOLU"
    doc = make_doc("Buses left.\n\n<span>?</span> Source: Al Jazeera", run_actors=False)
    assert default_source(doc).id == "AL_JAZEERA"
    doc = make_doc("HOMS - Buses left the camp.\nDAMASCUS - Talks went on.", run_actors=False)
    assert default_source(doc) is None


def test_default_source_reads_plain_raw_text_when_body_lost_the_dateline(make_doc):
    from marsad.document import RawInput
    doc = make_doc("Jets struck a market.", run_actors=False)
    doc.raw = RawInput("t", "t.txt", b"IDLIB-Anadolu Agency\nJets struck a market.", "t.txt")
    assert default_source(doc).id == "ANADOLU"
    doc.raw = RawInput("t", "t.html", b"<p>IDLIB-Anadolu Agency</p>", "t.html")
    assert default_source(doc) is None
