"""Who acts and who is acted on (marsad/events/roles.py), on sentences written for these tests."""
from __future__ import annotations

from tests.events.conftest import find


def _ids(events, type_, role="actor"):
    return [getattr(e, role).id if getattr(e, role) else None for e in events if e.type == type_]


def test_roles_possessive_pronoun_names_its_owner(extract):
    events = extract("The Syrian Democratic Forces said on Monday that its fighters had pulled back "
                     "from the village of Tel Tamr.")
    assert "SDF" in _ids(events, "RETREAT")


def test_roles_it_skips_a_plural_antecedent(extract):
    events = extract("The Syrian army said Hezbollah fighters had joined the push on Sunday. "
                     "On Friday it retook the airport south of the city.")
    assert _ids(events, "ASSAULT") == ["SYR_GOV"]


def test_roles_bare_the_group_is_the_armed_party_named_before(extract):
    events = extract("Ahrar al-Sham lost several positions near Saraqeb last week. "
                     "On Tuesday the group withdrew from two villages east of the town.")
    assert "AHRAR" in _ids(events, "RETREAT")


def test_roles_complement_after_a_coordination_is_the_second_noun_s(extract):
    events = extract("Iraqi federal forces and units of the Popular Mobilisation Forces took the town "
                     "of Tuz Khurmatu on Monday.")
    assert _ids(events, "ASSAULT") == ["IRQ_GOV"]


def test_roles_fighters_from_a_group_are_that_group(extract):
    events = extract("Islamic State and its supporters dominate the news from the east. Fighters from the "
                     "Nusra Front attacked an army checkpoint near Morek on Saturday, the Islamic State said.")
    assert _ids(events, "ASSAULT") == ["HTS"]


def test_roles_place_acting_for_its_government_is_the_recipient(extract):
    events = extract("The Syrian foreign ministry accused Ankara of arming the militants in Idlib.")
    assert _ids(events, "ACCUSE", "recipient") == ["TUR"]


def test_roles_ground_of_an_armed_side_makes_it_the_target(extract):
    events = extract("Government helicopters dropped barrel bombs on rebel positions near Daraa on Friday. "
                     "Coalition jets struck Islamic State positions near Raqqa on Sunday.")
    assert sorted(r for r in _ids(events, "ASSAULT", "recipient") if r) == ["ISIS", "SYR_REBELS"]


def test_roles_who_holds_a_town_is_no_target(extract):
    events = extract("Two car bombs struck the government-held districts of Homs on Monday.")
    assert "SYR_GOV" not in _ids(events, "ASSAULT", "recipient")


def test_roles_capture_from_a_side_makes_it_the_recipient(extract):
    events = extract("Kurdish fighters took the village of Tel Hamis from Islamic State on Sunday.")
    assert _ids(events, "ASSAULT", "recipient") == ["ISIS"]


def test_roles_besieged_town_is_its_people(extract):
    events = extract("Around 20,000 people live in Zabadani, which has been under siege by Hezbollah "
                     "since July.")
    sieges = find(events, "COERCE", actor="HEZBOLLAH")
    assert [e.recipient.id for e in sieges] == ["CIVILIANS"]


def test_roles_air_support_is_against_the_backed_operation_s_target(extract):
    events = extract("Backed by Russian jets, government troops encircled the rebel enclave near "
                     "Beit Jin on Thursday.")
    strikes = find(events, "ASSAULT", actor="RUS")
    assert [e.recipient.id for e in strikes] == ["SYR_REBELS"]


def test_roles_recipient_unknown_to_the_registry_must_be_people(extract):
    events = extract("HTS arrested at least five activists in Saraqeb on Friday. "
                     "Regime helicopters dropped explosive cylinders on Saraqeb on Saturday.")
    assert [e.recipient.name for e in find(events, "COERCE")] == ["at least five activists"]
    assert [e.recipient for e in find(events, "ASSAULT")] == [None]


def test_roles_the_phrase_s_own_name_beats_a_common_noun_and_an_owner(extract):
    events = extract("The rebel group Jaish al-Islam said on Sunday that it had pulled out of two villages "
                     "near Douma. Militants from al-Qaida's Nusra Front attacked an army post near Hama on Monday.")
    assert "JAI" in _ids(events, "RETREAT")
    assert "HTS" in _ids(events, "ASSAULT")


def test_roles_a_state_owning_an_organ_is_the_actor(extract):
    events = extract("The Kurdistan Region's Security Council condemned the attack on Tuesday.")
    assert _ids(events, "ACCUSE") == ["KRG"]


def test_roles_vehicles_name_whom_they_carry_after_a_dateline(extract):
    events = extract("Rural Hama, SANA - Buses carrying terrorists and their families left the town of "
                     "Rastan on Friday.")
    assert _ids(events, "RETREAT") == ["SYR_REBELS"]


def test_roles_a_series_of_bombings_acts_for_nobody(extract):
    events = extract("A wave of car bombs struck the city of Baqubah on Sunday, killing 30 people.")
    assert _ids(events, "ASSAULT") == [None]


def test_roles_clause_subject_the_parser_joined_to_a_credit(extract):
    events = extract("According to a military source, some 300 rebel fighters and their families will leave "
                     "Rastan on Saturday.")
    retreats = [e for e in events if e.type == "RETREAT"]
    assert [e.actor.id for e in retreats] == ["SYR_REBELS"]
    assert [s.name for s in retreats[0].sources] == ["a military source"]
