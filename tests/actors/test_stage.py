"""The actors stage on documents built by hand and parsed by the real nlp stage."""
from __future__ import annotations

import pytest

from marsad import actors
from marsad.document import ARTICLE, Document
from marsad.pipeline import check_order, load_stage


def ids(doc, segment=ARTICLE):
    return [m.actor_id for m in doc.actors if m.segment == segment]


def mention(doc, text):
    return next(m for m in doc.actors if m.text == text)


def test_stage_declares_and_fits_pipeline_order():
    assert actors.REQUIRES == ("sentences", "parses")
    assert actors.ASSIGNS == ("actors",)
    check_order([load_stage(n) for n in ("ingest", "nlp", "geo", "actors")])


def test_run_resolves_fixture_story_in_syria(make_doc, fixtures_dir):
    doc = make_doc((fixtures_dir / "actors" / "syria_is_pocket.txt").read_text(encoding="utf-8"))
    found = set(ids(doc))
    assert {"SYR_GOV", "ISIS", "RUS", "HTS", "SYR_REBELS", "CIVILIANS", "SOHR", "AL_MASDAR"} <= found
    assert mention(doc, "jihadists").actor_id == "ISIS"        # the story's dominant group
    assert mention(doc, "Tiger Forces").kind == "state_forces"
    for m in doc.actors:
        assert doc.body[m.start:m.end] == m.text


def test_run_place_names_act_only_as_agents(make_doc):
    doc = make_doc("Ankara said it would retaliate. Thousands of civilians fled to Ankara on Monday. "
                   "Rebels in Idlib accused Damascus of shelling the town.")
    ankara = [m for m in doc.actors if m.text == "Ankara"]
    assert len(ankara) == 1 and ankara[0].start == 0 and ankara[0].actor_id == "TUR"
    assert mention(doc, "Damascus").actor_id == "SYR_GOV"   # the object of "accused" is a party


def test_run_country_owning_a_named_place_does_not_act(make_doc):
    doc = make_doc("Turkish troops shelled Syria's Tal Rifaat on Monday, while Turkey's jets struck Kobani.")
    assert [m.text for m in doc.actors if m.actor_id == "SYR_GOV"] == []
    assert "TUR" in ids(doc)


def test_run_generic_heads_follow_focus_country(make_doc, fixtures_dir):
    iraq = make_doc((fixtures_dir / "actors" / "iraq_kirkuk.txt").read_text(encoding="utf-8"))
    assert mention(iraq, "Kurdish forces").actor_id == "KRG"
    assert mention(iraq, "the troops" if any(m.text == "the troops" for m in iraq.actors)
                   else "troops").actor_id == "IRQ_GOV"
    assert "PMU" in ids(iraq) and "CIVILIANS" in ids(iraq)
    syria = make_doc("Government forces shelled rebel positions near Aleppo as the Syrian army advanced. "
                     "Kurdish forces stayed out of the fighting.")
    assert mention(syria, "Government forces").actor_id == "SYR_GOV"
    assert mention(syria, "Kurdish forces").actor_id == "SDF"


@pytest.mark.parametrize("name,expected", [
    ("yemen_hodeidah.txt", {"SAUDI_COALITION", "HOUTHIS", "UN"}),
    ("libya_tripoli.txt", {"LNA", "GNA", "MISRATA", "CIVILIANS", "UN"}),
])
def test_run_other_wars(make_doc, fixtures_dir, name, expected):
    doc = make_doc((fixtures_dir / "actors" / name).read_text(encoding="utf-8"))
    assert expected <= set(ids(doc))


def test_run_marks_sources(make_doc):
    doc = make_doc("SANA said the army entered the town, while Reuters could not confirm it.")
    assert mention(doc, "SANA").is_source and mention(doc, "Reuters").is_source
    assert not mention(doc, "army").is_source


def test_run_reads_comments(make_doc):
    doc = make_doc("Nothing happened in the article.",
                   comments=("Yesterday the SAA turned back a US convoy near Hasakah.",))
    assert "SYR_GOV" in ids(doc, "c1") and "USA" in ids(doc, "c1")
    c1 = doc.segment_text("c1")
    for m in doc.actors:
        if m.segment == "c1":
            assert c1[m.start:m.end] == m.text


def test_run_survives_empty_and_unparsed_documents(cfg):
    empty = Document(doc_id="e", body="")
    actors.run(empty, cfg)
    assert empty.actors == []
    unparsed = Document(doc_id="u", body="Ankara said the Syrian army attacked ISIS.")
    actors.run(unparsed, cfg)       # no parse: names still found, metonyms left out
    assert {"SYR_GOV", "ISIS"} <= {m.actor_id for m in unparsed.actors}
    assert "TUR" not in {m.actor_id for m in unparsed.actors}


def test_actor_at_picks_most_overlapping_mention(make_doc):
    doc = make_doc("Iraqi troops and Peshmerga fighters clashed south of Kirkuk.")
    start = doc.body.index("Peshmerga")
    assert actors.actor_at(doc, ARTICLE, start, start + 9).actor_id == "KRG"
    assert actors.actor_at(doc, ARTICLE, 0, 5).actor_id == "IRQ_GOV"
    assert actors.actor_at(doc, ARTICLE, len(doc.body) - 6, len(doc.body)) is None
    assert actors.actor_at(doc, "c9", 0, 5) is None


def test_noun_phrase_spans_whole_subject(make_doc):
    doc = make_doc("On Wednesday, the Syrian government allowed 1,500 civilians and ISIS family members "
                   "to withdraw to Idlib.")
    start, end, text = actors.noun_phrase(doc, mention(doc, "civilians"))
    assert text == "1,500 civilians and ISIS family members"
    assert doc.body[start:end] == text
    doc = make_doc("An agreement was reached with ISIS fighters besieged in the eastern Hama pocket.")
    assert actors.noun_phrase(doc, mention(doc, "ISIS fighters"))[2] == \
        "ISIS fighters besieged in the eastern Hama pocket"


def test_document_context_finds_focus_and_dominant_group(make_doc, cfg):
    doc = make_doc("Iraqi forces pushed into Mosul. Islamic State fighters used car bombs, and "
                   "ISIS snipers held the old city.")
    ctx = actors.document_context(doc, cfg)
    assert ctx.focus == "IQ" and ctx.dominant_jihadist == "ISIS"


def test_run_country_names_count_only_where_they_act(make_doc):
    doc = make_doc("Thousands of families fled into Turkey. Turkey launched its operation on Wednesday, "
                   "and Barzani thanked the United States for its support.")
    turkey = [m for m in doc.actors if m.text == "Turkey"]
    assert len(turkey) == 1 and doc.body[turkey[0].end:].startswith(" launched")
    assert "USA" in ids(doc)


ODD_BODIES = ["\n\n\n", "IS IS IS", "((( ))) ,,, ---", "Ankara", "’’ ‘ Hay’at –"]


@pytest.mark.parametrize("body", ODD_BODIES)
def test_run_odd_texts_never_crash(make_doc, body):
    from marsad.actors.attribution import credited_sources

    doc = make_doc(body, comments=("", "   ", "US"))
    for m in doc.actors:
        assert doc.segment_text(m.segment)[m.start:m.end] == m.text
    for s in doc.sentences:
        credited_sources(doc, s)


def test_run_dateline_place_acts_for_nobody(make_doc):
    doc = make_doc("Rural Damascus, SANA - Damascus said on Friday that buses had left the town.\n"
                   "BEIRUT (Reuters) - Beirut rejected the claim.")
    assert [m.start for m in doc.actors if m.actor_id == "SYR_GOV"] == [doc.body.index("- Damascus") + 2]
    assert [m.text for m in doc.actors if m.actor_id == "LBN_GOV"] == ["Beirut"]
