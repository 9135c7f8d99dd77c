"""Whom sentences credit, in the styles of wires, monitors, state media, blogs and comments."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.actors.attribution import confirmation, credited_sources


def credits(make_doc, text, index=-1, **meta):
    """Sources credited by one sentence (the last by default) of a parsed body."""
    doc = make_doc(text, run_actors=False, **meta)
    sentences = [s for s in doc.sentences if s.segment == "article"]
    return credited_sources(doc, sentences[index])


def ids(sources):
    return [s.id for s in sources]


@pytest.mark.parametrize("text,expected_id,leaning", [
    ("At least 20 people were killed in air strikes on Jisr al-Haj, according to the Syrian Observatory "
     "for Human Rights.", "SOHR", "opposition"),
    ("SANA reported that army units restored security to the village of Kafr Nabl.", "SANA", "government"),
    ("The militants will leave for Idlib, the pro-government blog al-Masdar News reported on April 19.",
     "AL_MASDAR", "government"),
    ("Rebels seized two checkpoints near Daraa, Reuters reports.", "REUTERS", "independent"),
    ("The convoy left at dawn, the Associated Press reported.", "AP", "independent"),
    ("Turkish-backed factions entered Afrin, Anadolu Agency said.", "ANADOLU", "foreign_state"),
    ("IS claimed the bombing through its Amaq news agency.", None, None),
    ("Peshmerga units pulled back from the dam, Rudaw reported.", "RUDAW", "kurdish"),
    ("Video footage obtained by Reuters shows about 20 buses waiting at the crossing.", "REUTERS",
     "independent"),
])
def test_credited_sources_registered_outlets(make_doc, text, expected_id, leaning):
    found = credits(make_doc, text)
    if expected_id is None:
        assert all(s.id != "REUTERS" for s in found)
        return
    assert expected_id in ids(found)
    assert next(s for s in found if s.id == expected_id).leaning == leaning


def test_credited_sources_amaq_is_jihadist(make_doc):
    found = credits(make_doc, "The group's Amaq news agency said its fighters shot down a helicopter.")
    assert ids(found) == ["AMAQ"] and found[0].leaning == "jihadist"


def test_credited_sources_speaker_not_listener(make_doc):
    found = credits(make_doc, "A Hezbollah commander told Reuters that the convoy had crossed the line.")
    assert len(found) == 1
    assert "Hezbollah commander" in found[0].name and found[0].leaning == "government"
    found = credits(make_doc, "Local residents told AFP that the shelling went on all night.")
    assert [s.name for s in found] == ["Local residents"] and found[0].leaning == "unknown"
    found = credits(make_doc, "A source in the Syrian Arab Army told SouthFront that 3,000 troops had "
                              "massed near the camp.")
    assert ids(found) == [None] and found[0].leaning == "government"


@pytest.mark.parametrize("text,leaning", [
    ("Syrian opposition sources reported that a ceasefire had begun.", "opposition"),
    ("Pro-regime media claimed around 1,000 fighters reached Idlib.", "government"),
    ("Activists said government helicopters dropped barrel bombs on the town.", "opposition"),
    ("Monitors have reported that the pocket is now empty.", "opposition"),
    ("Turkish state media said the rebels had seized the town centre.", "foreign_state"),
    ("Houthi-run media reported that the strike hit a market.", "opposition"),
    ("Kurdish media channels reported that volunteers headed to the front.", "kurdish"),
    ("Iranian state television said the advisers were safe.", "foreign_state"),
    ("Locals said the fighters had left before dawn.", "unknown"),
])
def test_credited_sources_generic_leanings(make_doc, text, leaning):
    doc_text = "Fighting continued in northern Syria on Monday. " + text
    found = credits(make_doc, doc_text)
    assert len(found) == 1 and found[0].id is None and found[0].leaning == leaning


@pytest.mark.parametrize("text", [
    "It was reported that the convoy had been stopped.",
    "Reports said that the convoy had been stopped.",
    "Government forces shelled the town on Monday.",
    "The ceasefire said nothing about prisoners, and the talks stalled.",
    "Reportedly, the convoy was turned back at the checkpoint.",
])
def test_credited_sources_impersonal_or_own_voice_credits_nobody(make_doc, text):
    assert credits(make_doc, text) == []


def test_credited_sources_wire_dateline_stands_behind_every_claim(make_doc):
    body = ("BEIRUT (Reuters) - Syrian troops entered the town of Beit Jin on Sunday. "
            "The army also shelled nearby farms, activists said.")
    assert ids(credits(make_doc, body, index=0)) == ["REUTERS"]
    second = credits(make_doc, body, index=1)
    assert [s.leaning for s in second] == ["opposition", "independent"] and second[1].id == "REUTERS"


def test_credited_sources_credit_line_only_when_nobody_else(make_doc):
    body = ("Buses left the camp on Friday. Rebels shelled the road, activists said.\n\n"
            "Source: Al Jazeera")
    assert ids(credits(make_doc, body, index=0)) == ["AL_JAZEERA"]
    assert ids(credits(make_doc, body, index=1)) == [None]


@pytest.mark.parametrize("body,expected", [
    ("SANAA, Yemen (AP) - An air strike hit a market in Saada on Thursday.", "AP"),
    ("Rural Damascus, SANA - Dozens of buses left Madaya on Friday.", "SANA"),
    ("By REUTERS\n\nBEIRUT - Rebels agreed to leave Beit Jin on Tuesday.", "REUTERS"),
    ("By The Associated Press\n\nKABUL - A bomb killed five people near the airport.", "AP"),
])
def test_wire_source_datelines_and_agency_bylines(make_doc, body, expected):
    assert ids(credits(make_doc, body, index=-1)) == [expected]


@pytest.mark.parametrize("body", [
    "DEIR EZZOR, SYRIA (12:50 P.M.) - The army broke the siege of the airport.",
    "By Gulf Daily staff and agencies\n\nBombs struck Jableh on Monday.",
    "By Tom Perry\n\nBEIRUT - Rebels agreed to leave Beit Jin on Tuesday.",
    "Moscow, Russia - Talks on the truce began on Monday.",
])
def test_wire_source_not_a_time_stamp_a_reporter_or_a_place(make_doc, body):
    assert credits(make_doc, body, index=-1) == []


def test_registered_leaning_follows_the_story_country(make_doc):
    syria = credits(make_doc, "Turkish troops entered Afrin in northern Syria, TASS reported.")
    russia = credits(make_doc, "Russian police detained ten people in Moscow and St Petersburg, "
                               "Russia's TASS news agency reported.")
    assert [(s.id, s.leaning) for s in syria] == [("TASS", "foreign_state")]
    assert [(s.id, s.leaning) for s in russia] == [("TASS", "government")]


def test_credited_sources_pronoun_speaker_follows_previous_credit(make_doc):
    body = ("Turkey's state-run Anadolu Agency said the rebels had seized the centre of al-Bab. "
            "A total of 1,900 square kilometers has now been cleared, it said.")
    assert ids(credits(make_doc, body)) == ["ANADOLU"]


def test_credited_sources_conjoined_sources(make_doc):
    found = credits(make_doc, "The militants kidnapped dozens of civilians while leaving the town, "
                              "state news agency SANA and a monitor group reported.")
    assert len(found) == 2 and "SANA" in ids(found)
    assert next(s for s in found if s.id is None).leaning == "opposition"


def test_credited_sources_outlet_in_brackets_in_a_comment(make_doc):
    doc = make_doc("Article.", comments=("Eastern Qalamoun surrendered (Al-Masdar)",), run_actors=False)
    sentence = next(s for s in doc.sentences if s.segment == "c1")
    assert ids(credited_sources(doc, sentence)) == ["AL_MASDAR"]


def test_credited_sources_own_outlet_is_no_source(make_doc):
    found = credits(make_doc, "Intro line. SOHR said 14 people died.", url="https://www.syriahr.com/en/1")
    assert found == []
    assert ids(credits(make_doc, "Intro line. SOHR said 14 people died.")) == ["SOHR"]


def test_credited_sources_leaves_out_the_actor_of_a_statement(make_doc):
    doc = make_doc("\u201cWe are unhappy with this deal,\u201d Prime Minister Haider al-Abadi said.",
                   run_actors=False)
    assert credited_sources(doc, doc.sentences[0], actor_name="Iraqi Prime Minister al-Abadi") == []
    assert len(credited_sources(doc, doc.sentences[0])) == 1
    doc = make_doc("Putin said Moscow and Ankara would guarantee the deal.", run_actors=False)
    assert [s.name for s in credited_sources(doc, doc.sentences[0], actor_name="Moscow")] == ["Putin"]


def test_credited_sources_without_parse_is_empty():
    from marsad.document import Document, Sentence

    doc = Document(doc_id="x", body="SOHR said 14 people died.")
    assert credited_sources(doc, Sentence("article", 0, len(doc.body), doc.body)) == []


@pytest.mark.parametrize("text,expected", [
    ("Pro-regime media claimed 1,000 fighters arrived, although this could not be confirmed.", False),
    ("The claim could not be independently verified.", False),
    ("The deal has not been confirmed by any side.", False),
    ("Unverified footage showed the convoy on the highway.", False),
    ("The SDF allegedly captured the oil field.", False),
    ("Al Jazeera was unable to verify the reports.", False),
    ("There was no independent confirmation of the toll.", False),
    ("A Hezbollah commander confirmed to the news agency that the convoy had left.", True),
    ("The ministry later confirmed the death toll.", True),
    ("Rebels shelled the town on Monday.", None),
    ("The convoy reportedly left at dawn.", None),
    ("", None),
])
def test_confirmation_reads_hedges(text, expected):
    assert confirmation(text) is expected


def test_credited_sources_headline_and_bare_participle_credit_nobody(make_doc):
    assert credits(make_doc, "Truce Declared Across Northern Provinces") == []
    bare_participle = "Earlier several buses reported to be carrying rebel fighters arrived in Idlib."
    assert credits(make_doc, bare_participle) == []


def test_credited_sources_definite_agency_points_back(make_doc):
    body = ("Libyan forces took the last building in Sirte, a spokesman told Reuters. "
            "Dozens of women and children were inside, the news agency reported.")
    assert ids(credits(make_doc, body)) == ["REUTERS"]


def test_credited_sources_trailing_pronoun_and_auxiliary(make_doc):
    body = ("The Kurdistan Region Security Council said the deal was suspicious. "
            "\u201cThis raises many questions,\u201d it said.")
    found = credits(make_doc, body)
    assert [(s.name, s.leaning) for s in found] == [("The Kurdistan Region Security Council", "kurdish")]
    found = credits(make_doc, "Fighting went on. The pocket is finished, monitors have reported.")
    assert [s.name for s in found] == ["monitors"]


def test_credited_sources_dateline_not_in_speaker_name(make_doc):
    found = credits(make_doc, "ISTANBUL: Turkish President Recep Tayyip Erdogan said the operation "
                              "would resume on Tuesday.", index=0)
    assert [s.name for s in found] == ["Turkish President Recep Tayyip Erdogan"]


def test_credited_sources_detached_credit_covers_its_paragraph(make_doc):
    body = ("On Friday, the army shelled Latakia.\n\nRebels and the army agreed a truce near Hama. "
            "Buses will take the fighters north. according to the pro-government radio Sham FM.")
    doc = make_doc(body, run_actors=False)
    sentences = {s.text.strip(): s for s in doc.sentences}
    other = next(s for t, s in sentences.items() if "Latakia" in t)
    first = next(s for t, s in sentences.items() if t.startswith("Rebels"))
    second = next(s for t, s in sentences.items() if t.startswith("Buses"))
    assert ids(credited_sources(doc, first)) == ["SHAM_FM"]
    assert ids(credited_sources(doc, second)) == ["SHAM_FM"]
    assert credited_sources(doc, other) == []


def test_credited_sources_wire_tail_wins_over_a_confused_parse(make_doc):
    found = credits(make_doc, "Government troops, backed by Russian air power, advanced towards Maarat "
                              "al-Numan, pro-government media reported.")
    assert [(s.name, s.leaning) for s in found] == [("pro-government media", "government")]
    found = credits(make_doc, "Houthi rebels fired a ballistic missile at Riyadh, the Saudi-led coalition "
                              "said, adding that it was intercepted.")
    assert [(s.name, s.leaning) for s in found] == [("the Saudi-led coalition", "foreign_state")]


@pytest.mark.parametrize("text,expected", [
    ("Although no Syrian official confirmed these reports yet, observers think the deal is possible.", False),
    ("The toll has yet to be confirmed by the health ministry.", False),
    ("The monitor said the truce was not officially declared by either side.", False),
    ("The Kremlin called the reports unsubstantiated accusations.", None),   # a denier's word, no hedge
])
def test_confirmation_reads_negated_confirmers(text, expected):
    assert confirmation(text) is expected


def test_credited_sources_headline_line_inside_a_sentence_is_no_speaker(make_doc):
    found = credits(make_doc, "Nationwide Truce Declared In Syria\nA nationwide truce took effect at "
                              "midnight, state media said.")
    assert [s.name for s in found] == ["state media"]


def test_credited_sources_hyphenated_name_stays_whole(make_doc):
    found = credits(make_doc, "Iraqi PM Haider al-Abadi said his forces had regained the border.")
    assert len(found) == 1 and found[0].name.endswith("Haider al-Abadi")


WORDS = st.sampled_from(["said", "according", "to", "SOHR", "he", "Reuters", "(", ")", ",", ".", "the",
                         "rebels", "reported", "it", "\n\n", "Syrian", "activists", "told", "AFP", "-",
                         "confirmed", "could", "not", "be", "Ankara", "IS", "“", "”", ":"])


@settings(max_examples=40, deadline=None)
@given(st.lists(WORDS, max_size=30))
def test_credited_sources_never_fails_on_word_salad(cfg, words):
    from marsad import nlp
    from marsad.document import Document

    doc = Document(doc_id="fuzz", body=" ".join(words))
    nlp.run(doc, cfg)
    for sentence in doc.sentences:
        for src in credited_sources(doc, sentence):
            assert src.name.strip()


@pytest.mark.parametrize("body,index", [
    ("Cornered fighters were given an escape route out of their enclave, monitors have reported. "
     "Rami Abdulrahman, director of the Syrian Observatory for Human Rights, told Reuters the corridor "
     "was opened on Friday.", 0),
    ("The Syrian Observatory for Human Rights counted 20 dead on Monday. Five more died overnight, "
     "the Britain-based monitor said.", 1),
])
def test_credited_sources_unnamed_monitor_is_the_documents_monitor(make_doc, body, index):
    assert ids(credits(make_doc, body, index=index)) == ["SOHR"]


def test_credited_sources_unnamed_monitor_without_one_in_the_document(make_doc):
    found = credits(make_doc, "Twelve fighters died in the clashes, a monitor group said.")
    assert [(s.id, s.leaning) for s in found] == [(None, "opposition")]


def test_credited_sources_participle_credits_an_outlet_subject_only(make_doc):
    sana = credits(make_doc, "The state news agency SANA put the death toll at 78, saying that four "
                             "suicide bombers had targeted a bus station in Jableh.")
    rebels = credits(make_doc, "Rebels shelled the town of Mhardeh, saying it was a base of the militia.")
    assert ids(sana) == ["SANA"] and rebels == []


def test_credited_sources_negated_reporting_verb_credits_nobody(make_doc):
    found = credits(make_doc, "The Houthis said coalition jets struck the city on Tuesday, which the "
                              "coalition did not confirm.")
    assert [s.name for s in found] == ["The Houthis"]


def test_credited_sources_live_blog_time_stamp_is_no_part_of_the_speaker(make_doc):
    found = credits(make_doc, "12:25 - Aid agencies say around 900,000 people have fled Mosul.")
    assert [(s.name, s.leaning) for s in found] == [("Aid agencies", "independent")]


def test_credited_sources_next_sentence_opening_on_its_credit(make_doc):
    body = ("Hezbollah fighters are converging towards Aleppo. According to local sources, 12 buses "
            "carrying its fighters have left Deir Ezzor.\n\nThe army shelled Jisr al-Shughur on Friday. "
            "Rebels said the shelling killed three people.")
    assert [s.name for s in credits(make_doc, body, index=0)] == ["local sources"]
    assert credits(make_doc, body, index=2) == []


def test_credited_sources_publisher_named_above_the_body_is_own_voice(make_doc):
    from marsad.document import RawInput
    body = ("The Syrian Observatory for Human Rights said Russian warplanes carried out 27 air strikes "
            "on Kafranbel. SOHR activists reported barrel bombs on al-Habit.")
    doc = make_doc(body, run_actors=False)
    assert ids(credited_sources(doc, doc.sentences[0])) == ["SOHR"]
    header = "Death toll rises\n\n21 May 2019 | Syrian Observatory for Human Rights\n\n"
    doc.raw = RawInput("t", "t.txt", (header + body).encode(), "t.txt")
    assert credited_sources(doc, doc.sentences[0]) == []
    assert ids(credited_sources(doc, doc.sentences[1])) == ["SOHR"]     # its own activists


@pytest.mark.parametrize("text", [
    "IS claimed the attacks via its Amaq news agency, saying militants had struck Tartus.",
    "The group claimed the bombing in a statement carried by its Amaq news agency.",
])
def test_credited_sources_outlet_a_claim_went_out_through(make_doc, text):
    assert "AMAQ" in ids(credits(make_doc, text))


def test_credited_sources_outlet_after_by_of_an_action_is_no_channel(make_doc):
    assert credits(make_doc, "Two fighters were filmed by Reuters cameramen near the airport.") == []


def test_credited_sources_bare_sources_keep_the_phrase_before(make_doc):
    found = credits(make_doc, "Coalition troops seized large areas of the airport in Hodeidah on Tuesday, "
                              "a Yemeni military source, sources reported.")
    assert [s.name for s in found][0] == "a Yemeni military source"


def test_credited_sources_own_correspondents_are_sources(make_doc):
    from marsad.document import RawInput
    body = ("Iraqi forces took the governorate building on Monday, a Zagros News correspondent in "
            "Kirkuk reported. Peshmerga units left the base, Zagros News reported.")
    doc = make_doc(body, run_actors=False)
    doc.raw = RawInput("t", "t.txt", ("Kirkuk\n\nZagros News | 16-10-2017\n\n" + body).encode(), "t.txt")
    first, second = [s for s in doc.sentences if s.segment == "article"]
    assert [s.name for s in credited_sources(doc, first)] == ["a Zagros News correspondent in Kirkuk"]
    assert credited_sources(doc, second) == []


def test_credited_sources_statement_by_its_only_speaker_falls_back_on_the_credit_line(make_doc):
    said = make_doc("Saudi state media said the Houthis shelled civilian districts.\n\nSource: Al Jazeera",
                    run_actors=False)
    assert ids(credited_sources(said, said.sentences[0])) == [None]
    assert ids(credited_sources(said, said.sentences[0], actor_name="Saudi state media")) == ["AL_JAZEERA"]
