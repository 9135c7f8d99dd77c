"""Where events happen: retreats that move nobody, and words that point back to a place
("the town", "the city") named earlier in the story. Texts written for these tests."""
from marsad.events.merge import same_place
from marsad.events.places import antecedent, is_movement
from marsad.document import PlaceMention
from marsad.records import Place
from tests.events.conftest import find


def near(place, lat, lon) -> bool:
    return place is not None and same_place(place, Place("", None, lat, lon, None, None, "town"))


def _mention(name, precision, start):
    return PlaceMention("article", start, start + len(name), name,
                        Place(name, None, 30.0 + start, 40.0, "Homs", "SY", precision), 0.9)


def test_is_movement_surrender_disarm_release_stay_put():
    assert is_movement("RETREAT", "withdraw") and is_movement("RETREAT", "evacuate")
    assert not any(is_movement("RETREAT", m) for m in ("surrender", "disarm", "release"))
    assert is_movement("CONCEDE", "allow") and not is_movement("CONCEDE", "ceasefire")
    assert is_movement("MOBILIZE", "deploy") and not is_movement("ASSAULT", "capture")


def test_antecedent_prefers_its_kind_then_the_most_named():
    scene = [_mention("Homs", "town", 0), _mention("eastern Homs", "region", 10),
             _mention("Homs", "town", 20), _mention("Aleppo", "town", 30)]
    # "the city": a town, the one the story names most, not the region named in between
    assert antecedent("town", scene).name == "Homs"
    # "the area": any local place, most named first
    assert antecedent("any", scene[1:2]).name == "eastern Homs"
    # "the province" with no province named points nowhere
    assert antecedent("admin1", scene) is None
    assert antecedent("town", []) is None


def test_antecedent_of_an_unknown_place_is_unknown():
    unknown = PlaceMention("article", 50, 60, "Kfar Zeta", None, 0.2)
    assert antecedent("town", [_mention("Homs", "town", 0), unknown]) is None


def test_extract_surrender_is_located_not_an_origin(extract):
    events = extract("Rebel factions in the town of Douma surrendered their heavy weapons to the "
                     "army on Saturday, state media said.", published="2018-04-09")
    surrender = [e for e in find(events, "RETREAT") if e.mode in ("surrender", "disarm")]
    assert surrender and near(surrender[0].location, 33.57, 36.40) and surrender[0].origin is None


def test_extract_the_city_points_back_to_the_story_town(extract):
    text = ("Government forces pushed into Aleppo on Monday after weeks of shelling. "
            "Residents of eastern Aleppo said the last rebels were leaving. "
            "On Tuesday the army said it had taken full control of the city.")
    events = extract(text, published="2016-12-14")
    captures = [e for e in find(events, "ASSAULT") if "full control" in " ".join(x.text for x in e.evidence)]
    assert captures and near(captures[0].location, 36.20, 37.16)   # Aleppo, the city
    assert captures[0].location.precision == "town"


def test_extract_leaving_the_town_makes_it_the_origin(extract):
    text = ("Fighting raged around Saraqib in Idlib for a week. "
            "On Friday hundreds of civilians fled the town towards the Turkish border.")
    events = extract(text, published="2019-05-10")
    fled = find(events, "RETREAT")
    assert fled and near(fled[0].origin, 35.86, 36.80)


def test_extract_capital_dealt_with_is_a_party_not_the_place(extract):
    events = extract("In June, rebel commanders in the Daraa countryside reached a settlement deal "
                     "with Damascus, local sources said.", published="2018-07-02")
    deals = find(events, "AGREE")
    assert deals and not near(deals[0].location, 33.51, 36.29)      # not Damascus
    assert near(deals[0].location, 32.85, 36.2)                      # the Daraa countryside


def test_extract_siege_told_in_a_clause_describing_the_villages(extract):
    events = extract("Aid trucks entered the villages of al-Foua and Kafraya in Idlib province, "
                     "which are besieged by rebels.", published="2016-01-12")
    sieges = find(events, "COERCE", mode="siege")
    assert sieges and near(sieges[0].location, 35.99, 36.70)         # al-Foua


def test_extract_withdrawal_leaves_the_place_the_other_side_took(extract):
    events = extract("Iraqi forces took over the town of Sinjar on Tuesday after Kurdish "
                     "Peshmerga fighters withdrew overnight, officials said.", published="2017-10-18")
    withdrawals = find(events, "RETREAT")
    assert withdrawals and near(withdrawals[0].origin, 36.32, 41.88)  # Sinjar


def test_extract_a_country_loses_to_a_finer_place_of_the_sentence(extract):
    events = extract("The Iranian foreign minister was due in Damascus on Thursday and expected to "
                     "discuss a new peace plan for Syria.", published="2015-08-13")
    talks = find(events, "CONSULT")
    assert talks and near(talks[0].location, 33.51, 36.29)           # Damascus, not Syria


def test_extract_opening_place_sets_the_scene_of_every_event_of_the_sentence(extract):
    events = extract("In Saraqib, rebels are fighting the jihadists and at the same time are "
                     "preparing to face the offensive of the army.", published="2018-08-10")
    assaults = find(events, "ASSAULT")
    assert assaults and all(near(e.location, 35.86, 36.80) for e in assaults)


def test_extract_capital_standing_for_its_army_sets_no_scene(extract):
    text = ("Rebels in Saraqib said the army of Damascus shelled their lines. "
            "The regime is preparing for a large offensive in the area.")
    events = extract(text, published="2018-08-10")
    mobilize = find(events, "MOBILIZE")
    assert mobilize and near(mobilize[0].location, 35.86, 36.80)      # Saraqib, not Damascus


def test_extract_where_people_come_from_sets_no_scene(extract):
    text = ("Coalition jets struck a school in Saraqib on Tuesday. The school had housed "
            "displaced families from Palmyra and Homs for three years. "
            "On Wednesday, warplanes bombed the area again.")
    events = extract(text, published="2017-03-22")
    strikes = [e for e in find(events, "ASSAULT") if "again" in e.evidence[0].text]
    assert strikes and not near(strikes[0].location, 34.72, 36.73)   # not Homs
