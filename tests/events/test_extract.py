"""The stage end to end on short reports written in the styles of wire copy, state media,
opposition sites and blogs (see tests/fixtures/events/)."""
from pathlib import Path

import pytest

from marsad.events.merge import same_place
from marsad.records import Place
from tests.events.conftest import find


def near(place, lat, lon) -> bool:
    """Within 40 km of a point (how the scorer matches places)."""
    return place is not None and same_place(place, Place("", None, lat, lon, None, None, "town"))

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "events"


def test_extract_wire_withdrawal_with_origin_destination_and_date(extract):
    text = ("BEIRUT (Reuters) - Hundreds of rebel fighters withdrew from the town of Douma "
            "to Idlib province on Thursday, a monitor said.")
    events = extract(text, published="2018-04-14")
    retreat = find(events, "RETREAT")
    assert len(retreat) == 1
    e = retreat[0]
    assert near(e.origin, 33.57, 36.40)          # Douma
    assert near(e.destination, 35.93, 36.63)     # Idlib
    assert e.date == "2018-04-12"
    assert e.status == "occurred"
    assert e.evidence[0].text in text and "withdrew" in e.evidence[0].text


def test_extract_allowed_to_leave_is_two_records(extract):
    events = extract("On Wednesday, the Syrian government allowed 1,500 civilians to leave the "
                     "eastern Hama pocket for Idlib.", published="2017-09-22")
    concede = find(events, "CONCEDE", actor="SYR_GOV")
    retreat = find(events, "RETREAT", actor="CIVILIANS")
    assert len(concede) == 1 and len(retreat) == 1
    assert retreat[0].status == "occurred"
    assert any(q.value == 1500 and q.unit == "civilians" for q in retreat[0].quantities)
    assert concede[0].date == retreat[0].date == "2017-09-20"


def test_extract_deal_will_allow_is_planned_and_no_concession(extract):
    events = extract("An agreement was reached between the government and the rebels. "
                     "The agreement will allow the rebels to withdraw to Jarabulus.")
    assert find(events, "AGREE")
    assert [e.status for e in find(events, "RETREAT")] == ["planned"]
    assert not find(events, "CONCEDE")


def test_extract_retelling_merges_into_one_record(extract):
    events = extract("ISIS fighters withdrew from Palmyra on Sunday. Residents said the withdrawal "
                     "of ISIS fighters from Palmyra was complete by the evening.", published="2016-03-28")
    retreat = find(events, "RETREAT", actor="ISIS")
    assert len(retreat) == 1
    assert len(retreat[0].evidence) == 2


def test_extract_denial_gives_reject_and_denied_claim(extract):
    events = extract("The Russian Defence Ministry denied that Russian jets had bombed the hospital in Idlib.")
    assert find(events, "REJECT")
    assert [e.status for e in find(events, "ASSAULT")] == ["denied"]


def test_extract_statement_has_no_place_and_credited_speaker(extract):
    events = extract("Iraqi Prime Minister Haider al-Abadi criticised the deal in Baghdad on Tuesday.",
                     published="2017-08-30")
    accuse = find(events, "ACCUSE", actor="IRQ_GOV")
    assert len(accuse) == 1 and accuse[0].location is None
    assert "Abadi" in accuse[0].actor.name


def test_extract_opinion_and_speculation_are_no_events(extract):
    assert extract("I think the army should attack Idlib. Maybe the rebels will surrender?") == []


def test_extract_fatalities_take_exact_counts_only(extract):
    events = extract("Dozens of people were killed in an airstrike on Maarat al-Numan. "
                     "At least 25 people were killed in a Russian airstrike on Ariha on Monday.",
                     published="2019-07-23")
    tolls = sorted(e.fatalities for e in find(events, "ASSAULT") if e.fatalities is not None)
    assert tolls == [25]


def test_extract_confidence_within_bounds_and_ids_numbered(extract):
    events = extract((FIXTURES / "state_media.txt").read_text(encoding="utf-8"), published="2018-05-21")
    assert events
    assert [e.event_id for e in events] == [f"t/e{i}" for i in range(1, len(events) + 1)]
    assert all(0.0 < e.confidence <= 1.0 for e in events)


@pytest.mark.parametrize("name,type_,actor", [
    ("state_media.txt", "ASSAULT", "SYR_GOV"),
    ("opposition_site.txt", "ASSAULT", "SYR_GOV"),
    ("wire_ceasefire.txt", "AGREE", None),
    ("blog_with_comments.txt", "RETREAT", "ISIS"),
])
def test_extract_fixture_styles_yield_their_main_event(extract, name, type_, actor):
    events = extract((FIXTURES / name).read_text(encoding="utf-8"), published="2018-05-21")
    hits = [e for e in events if e.type == type_ and e.section == "article"
            and (actor is None or (e.actor and e.actor.id == actor))]
    assert hits, [(e.type, e.actor) for e in events]
    for e in events:
        for ev in e.evidence:
            assert ev.text.strip()


def test_extract_dateline_is_no_event_place(extract):
    events = extract("BEIRUT - Syrian rebels attacked army positions in Daraa on Sunday.", published="2018-06-04")
    assault = find(events, "ASSAULT")
    assert assault and not near(assault[0].location, 33.89, 35.50)   # not Beirut
    assert near(assault[0].location, 32.62, 36.10)                    # Daraa


def test_extract_later_sentence_set_in_the_story_town(extract):
    events = extract("Rebels shelled the town of Saraqib on Monday. "
                     "Hours later, government troops retook the area.", published="2018-06-05")
    capture = find(events, "ASSAULT", mode="capture")
    assert capture and near(capture[0].location, 35.86, 36.80)       # Saraqib


def test_extract_deal_to_withdraw_is_a_planned_withdrawal(extract):
    events = extract("The rebels reached a deal to withdraw from Daraa.")
    assert [e.status for e in find(events, "RETREAT")] == ["planned"]
    assert find(events, "AGREE")


def test_extract_backing_air_power_is_its_own_airstrike(extract):
    events = extract("The Syrian army, backed by Russian air power, captured the town of Saraqib.")
    assert find(events, "ASSAULT", actor="SYR_GOV", mode="capture")
    assert find(events, "ASSAULT", actor="RUS", mode="airstrike")


def test_extract_not_ruling_out_strikes_is_a_threat(extract):
    events = extract("The US military said it did not rule out airstrikes on the convoy.")
    assert find(events, "THREATEN", actor="USA")


def test_extract_accused_party_is_the_actor_of_the_alleged_strike(extract):
    events = extract("Syria's ambassador accused the United States of bombing the hospital in Idlib.")
    assert find(events, "ACCUSE")
    assert find(events, "ASSAULT", actor="USA")


def test_extract_who_came_for_talks_holds_them(extract):
    events = extract("US Vice President Mike Pence came to Ankara for talks with Erdogan on Thursday.",
                     published="2019-10-19")
    consult = find(events, "CONSULT", actor="USA")
    assert consult and consult[0].date == "2019-10-17"


def test_extract_statement_speaker_is_actor_not_source(extract):
    events = extract("The US military blamed the sides of the deal and said that it did not rule "
                     "out airstrikes on the convoy.", published="2017-08-30")
    statements = [e for e in events if e.type in ("ACCUSE", "THREATEN")]
    assert statements
    assert all(e.sources == [] for e in statements)


def test_extract_passing_mention_adds_no_source_to_the_deal(extract):
    events = extract("Rebels and the army reached a deal on Monday to evacuate the town of Madaya. "
                     "The US military blamed the sides of the deal, a spokesman said.",
                     published="2017-08-30")
    deal = find(events, "AGREE")
    assert len(deal) == 1 and deal[0].sources == []


def test_extract_deal_parties_before_broker(extract):
    events = extract("The Syrian government and the rebels signed several agreements on Thursday, "
                     "brokered by Russia and Turkey.", published="2016-12-30")
    deal = find(events, "AGREE")
    assert len(deal) == 1
    assert deal[0].actor is not None and deal[0].actor.id == "SYR_GOV"
    assert deal[0].location is None     # Russia brokered; it is no place of the deal


def test_extract_negotiating_a_deal_is_no_agreement(extract):
    events = extract("Rebels in the town of Beit Jin are negotiating a deal with the government, "
                     "rebel officials said.", published="2017-12-27")
    assert find(events, "AGREE") == []


def test_extract_control_in_plain_present_is_no_capture(extract):
    assert find(extract("The group still controls Mosul, Iraq's second-largest city."), "ASSAULT") == []
    took = extract("Iraqi forces have controlled Mosul since Tuesday.", published="2017-07-12")
    assert find(took, "ASSAULT")


def test_extract_operations_halted_are_no_assault(extract):
    events = extract("A ceasefire began on Monday to halt military operations in Zabadani.",
                     published="2015-08-12")
    assert find(events, "ASSAULT") == []


def test_extract_dropped_cylinders_are_an_airstrike(extract):
    events = extract("A government helicopter dropped explosive cylinders on a district of Aleppo.")
    assert [e.mode for e in find(events, "ASSAULT")] == ["airstrike"]


def test_extract_the_area_is_not_where_fighters_were_sent(extract):
    text = ("Fighters besieged in Yalda reached an agreement with the government on Thursday "
            "that will allow them to withdraw towards the northern city of Jarabulus.\n\n"
            "Meanwhile, opposition sources said the government and Russia had implemented a "
            "ceasefire in the area.")
    events = extract(text, published="2018-04-20")
    truce = find(events, "CONCEDE")
    assert truce and truce[0].location is not None
    assert near(truce[0].location, 33.48, 36.33)     # Yalda, not Jarabulus


def test_extract_acronym_read_as_verb_is_the_actor(extract):
    events = extract("IS have now gained a new pocket of territory on the edge of Idlib province.")
    assert [e.actor.id for e in find(events, "ASSAULT") if e.actor] == ["ISIS"]


def test_extract_coordinated_parties_on_one_noun_first_named_acts(extract):
    events = extract("Opposition and government negotiators reached an agreement in Damascus last Friday.",
                     published="2018-04-23")
    deal = find(events, "AGREE")
    assert len(deal) == 1 and deal[0].actor.id == "SYR_REBELS"


def test_extract_parenthesised_outlet_credits_only_the_clause_before(extract):
    events = extract("Eastern Qalamoun surrendered (Al-Masdar), Rastan is negotiating.")
    talks = find(events, "CONSULT")
    assert talks and talks[0].sources == []
    wire = extract("AMMAN (Reuters) - Syrian rebels agreed to hand over Quneitra to government forces.")
    assert any(s.id == "REUTERS" for e in wire for s in e.sources)


def test_extract_dateline_is_no_part_of_the_actor_name(extract):
    events = extract("BEIRUT - Syrian rebels near the border are negotiating with the government, "
                     "rebel officials there said.")
    assert events and all("BEIRUT" not in e.actor.name for e in events if e.actor)


def test_extract_bearing_place_loses_to_the_place_it_locates(extract):
    events = extract("Rebels in the Eastern Qalamoun region northeast of Damascus handed over their "
                     "heavy weapons to the army on Friday.", published="2018-04-21")
    disarm = find(events, "RETREAT", actor="SYR_REBELS")
    assert len(disarm) == 1
    place = disarm[0].origin or disarm[0].location
    assert place is not None and not near(place, 33.51, 36.29)     # not Damascus


def test_extract_place_of_the_telling_is_not_the_events(extract):
    events = extract("Turkish forces took full control of Afrin town centre on Sunday, President "
                     "Recep Tayyip Erdogan announced in a speech in Canakkale.", published="2018-03-19")
    capture = find(events, "ASSAULT", mode="capture")
    assert len(capture) == 1
    assert near(capture[0].location, 36.51, 36.87)                 # Afrin, not Canakkale


def test_extract_buses_entering_a_town_capture_nothing(extract):
    events = extract("Buses entered the town of Madaya on Friday to take the first group of fighters "
                     "to Idlib.", published="2018-07-21")
    assert not find(events, "ASSAULT")


def test_extract_trucks_entering_a_town_deliver_aid(extract):
    events = extract("A convoy of 44 trucks carrying food entered the besieged town of Madaya on "
                     "Monday evening.", published="2016-01-12")
    assert not find(events, "ASSAULT")
    aid = find(events, "AID")
    assert len(aid) == 1 and aid[0].actor is None and aid[0].date == "2016-01-11"


def test_extract_deal_framing_a_clause_takes_no_party_from_its_subject(extract):
    events = extract("Under the deal, fighters who reject the settlement will be transported to "
                     "Idlib province, the sources said.")
    assert not [e for e in find(events, "AGREE") if e.actor is not None and e.actor.name == "the sources"]


def test_extract_asked_someone_to_act_is_a_request_not_asking_anonymity(extract):
    events = extract("The GNA asked the United States on Friday to provide air support. A source, "
                     "who asked not to be named, confirmed it.", published="2016-06-11")
    request = find(events, "REQUEST")
    assert len(request) == 1 and "GNA" in request[0].actor.name


def test_extract_finite_verb_coordinated_after_a_gerund_keeps_the_main_subject(extract):
    events = extract("The Syrian foreign ministry accused Saudi Arabia of supporting the attackers "
                     "and called on the UN Security Council to condemn the bombings.")
    assert find(events, "REQUEST", actor="SYR_GOV")


def test_extract_a_word_of_a_name_is_no_trigger(extract):
    events = extract("Forces loyal to the Government of National Accord entered the centre of Sirte "
                     "on Thursday.", published="2016-06-10")
    assert not find(events, "AGREE")


def test_extract_light_verb_holds_the_strikes_target(extract):
    events = extract("On April 19, Syrian and Russian warplanes carried out several strikes on positions "
                     "of Jaish al-Islam near al-Ruhaybah.", published="2018-04-23")
    strikes = find(events, "ASSAULT", mode="airstrike")
    assert len(strikes) == 1 and strikes[0].date == "2018-04-19"


@pytest.mark.parametrize("text, type_, mode", [
    ("Unknown gunmen shot dead a local official in the town of Jasim on Wednesday.", "ASSAULT", "other"),
    ("IS militants fell back to the neighbourhoods near the port.", "RETREAT", "withdraw"),
    ("Thousands of fighters who rejected the deal were bussed to Idlib.", "RETREAT", "withdraw"),
    ("Houthi fighters seized the capital, Sanaa, in September 2014.", "ASSAULT", "capture"),
])
def test_extract_more_ways_of_telling_an_event(extract, text, type_, mode):
    assert find(extract(text, published="2018-05-10"), type_, mode=mode)


def test_extract_a_ceasefire_implemented_is_concede_ceasefire(extract):
    events = extract("Opposition sources said the Damascus government had implemented a 48-hour "
                     "ceasefire in the area.")
    assert [e.mode for e in find(events, "CONCEDE")] == ["ceasefire"]


def test_extract_dateline_with_its_region_is_no_event_place(extract):
    events = extract("ERBIL, Kurdistan Region - Iraqi army units took control of the Kirkuk governorate "
                     "building on Monday.", published="2017-10-17")
    capture = find(events, "ASSAULT", mode="capture")
    assert len(capture) == 1
    assert not near(capture[0].location, 36.19, 44.01)            # not Erbil


def test_extract_place_in_a_relative_clause_describing_the_actor_is_not_the_events(extract):
    events = extract("The Maghawir al-Thawra group, which is trained by US forces at At Tanf, has been "
                     "clashing with ISIS cells near Palmyra in recent weeks.", published="2017-05-20")
    clash = find(events, "ASSAULT")
    assert len(clash) == 1
    assert near(clash[0].location, 34.56, 38.27)                   # Palmyra, not At Tanf


def test_extract_hyphenated_cease_fire_is_one_trigger(extract):
    events = extract("Syria's warring parties declared a 48-hour cease-fire in Zabadani on Wednesday.",
                     published="2015-08-13")
    assert [e.mode for e in find(events, "AGREE")] == ["truce"]


def test_extract_negotiated_truce_taking_effect_is_two_records(extract):
    events = extract("A cease-fire negotiated by Russia and the United States took effect at sundown "
                     "on Monday across Syria.", published="2016-09-13")
    agree = find(events, "AGREE", actor="RUS")
    assert len(agree) == 1 and agree[0].date is None
    concede = find(events, "CONCEDE")
    assert len(concede) == 1 and concede[0].actor is None and concede[0].date == "2016-09-12"
