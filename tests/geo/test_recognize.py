"""Finding toponyms: names, region phrases, nested places, demonyms, non-places."""
import pytest

from marsad.geo.recognize import find_toponyms


@pytest.fixture
def spans(nlp, gz):
    def run(text):
        return find_toponyms(nlp(text), text, gz)
    return run


def texts(tops):
    return [t.text for t in tops]


def test_finds_transliterated_names_and_curated_suburbs(spans):
    text = "Fighters left Yalda, Babbila and Beit Sahm south of Damascus for Deir Ezzor."
    assert texts(spans(text)) == ["Yalda", "Babbila", "Beit Sahm", "Damascus", "Deir Ezzor"]


@pytest.mark.parametrize("text, phrase, unit, direction", [
    ("Buses left the eastern Hama pocket on Wednesday.", "eastern Hama pocket", "region", "E"),
    ("Rebels hold the southern countryside of Idlib.", "southern countryside of Idlib", "region", "S"),
    ("The army advanced in eastern Homs after the raid.", "eastern Homs", "region", "E"),
    ("They were taken to Idlib governorate by bus.", "Idlib governorate", "admin1", None),
    ("Clashes erupted in Hasakah province overnight.", "Hasakah province", "admin1", None),
    ("Militants fled to the Deir Ezzor area last week.", "Deir Ezzor area", "region", None),
])
def test_region_phrases_widen_the_span(spans, text, phrase, unit, direction):
    tops = spans(text)
    assert [(t.text, t.unit, t.direction) for t in tops] == [(phrase, unit, direction)]


def test_direction_after_a_place_is_not_taken_in(spans):
    tops = spans("SDF units crossed east of the Euphrates.")
    assert texts(tops) == ["Euphrates"]
    assert tops[0].direction is None


def test_nested_camp_and_oilfield_names_are_whole_places(spans):
    text = "Shelling hit the Yarmouk refugee camp and the Tabiyeh oilfield."
    assert texts(spans(text)) == ["Yarmouk refugee camp", "Tabiyeh oilfield"]



@pytest.mark.parametrize("text, tail", [
    ("Army units entered the village of Umm Batna on Friday.", "Batna"),
    ("Shells fell on Tal Hasakah overnight, residents said.", "Hasakah"),
    ("Jets struck the village of Bab al-Hasakah, residents said.", "al-Hasakah"),
])
def test_last_word_of_an_unknown_particle_name_is_not_another_place(spans, text, tail):
    # The gazetteer lacks the whole name; its last word alone names a province elsewhere.
    assert tail not in texts(spans(text))



@pytest.mark.parametrize("text, name", [
    ("At Idlib, the rebels are regrouping.", "Idlib"),
    ("As Hama fell, the rebels withdrew.", "Hama"),
])
def test_english_word_spelled_like_an_article_opens_no_name(spans, text, name):
    tops = spans(text)
    assert texts(tops)[:1] == [name] and tops[0].literal


def test_place_nested_in_organisation_is_non_literal(spans):
    tops = spans("Students at Aleppo University protested on Monday.")
    assert [(t.text, t.literal) for t in tops] == [("Aleppo", False)]


def test_demonyms_are_non_literal_mentions_of_their_country(spans):
    tops = spans("The Syrian Arab Army and Iraqi Prime Minister met Russian officers.")
    assert [(t.text, t.name, t.literal) for t in tops] == [
        ("Syrian", "Syria", False), ("Iraqi", "Iraq", False), ("Russian", "Russia", False)]


@pytest.mark.parametrize("text", [
    "Police said the man was reading a book.",
    "Reading the statement, the minister smiled.",
    "In March the East wind blew.",
])
def test_ordinary_words_are_not_places(spans, text):
    assert spans(text) == []


@pytest.mark.parametrize("text, role", [
    ("Damascus said the convoy had left.", "speech"),
    ("Syria denied the report on Monday.", "speech"),
    ("US troops patrolled the area.", "modifier"),
    ("Russia's defence ministry released a video.", "modifier"),
    ("The US-backed forces advanced.", "modifier"),
])
def test_metonyms_get_a_role(spans, text, role):
    tops = spans(text)
    assert tops and tops[0].role == role


def test_comma_context_is_recorded(spans):
    tops = spans("A tornado hit Paris, Texas on Sunday night.")
    assert [(t.text, t.context) for t in tops] == [("Paris", "Texas"), ("Texas", None)]


def test_user_added_place_is_recognised(spans):
    assert texts(spans("Shells fell on Kafr Tistun at dawn.")) == ["Kafr Tistun"]


def test_arabic_article_opens_a_name_even_when_the_parser_calls_it_a_person(spans):
    text = "Rebels seized the center of al-Bab and were clearing mines."
    assert texts(spans(text)) == ["al-Bab"]


def test_descriptive_town_phrase_is_not_a_region(spans):
    tops = spans("Fighting spread to the northern town of Kobani on Friday.")
    assert [(t.text, t.direction) for t in tops] == [("Kobani", None)]


def test_article_continuing_a_group_name_is_not_a_place(spans):
    assert spans("Fighters of Hayat Tahrir al-Sham attacked a checkpoint.") == []


def test_lowercase_names_of_known_places_count_but_words_do_not(spans):
    assert texts(spans("they will all be sent to idlib by the regime")) == ["idlib"]
    assert spans("the turkey was cooked and the march was long") == []


def test_country_as_co_subject_is_not_a_literal_place():
    import marsad

    doc = marsad.geoparse("Title\n\nThe Damascus government and Russia had implemented a "
                          "48-hour ceasefire in the area of Yalda on Monday.", published="2018-04-20")
    by_text = {m.text: m for m in doc.places}
    assert by_text["Russia"].literal is False
    assert by_text["Yalda"].literal is True



@pytest.mark.parametrize("placed, found", [(2, True), (1, False)])
def test_name_used_twice_as_a_place_is_one_where_the_parser_sees_a_person(nlp, placed, found):
    from marsad.geo.recognize import Toponym, repeats

    text = ("Rebels continued to evacuate Daraya for a second day. Buses left Daraya at dawn, "
            "a resident of Daraya said.")
    parse = nlp(text)
    assert parse.char_span(29, 35).root.ent_type_ == "PERSON"   # what the parser makes of it
    starts = [k for k in (59, 91)][:placed]
    tops = [Toponym(k, k + 6, "Daraya", "Daraya", "gazetteer") for k in starts]
    added = [t.start for t in repeats(parse, text, tops, {"Daraya"})]
    assert (29 in added) is found
