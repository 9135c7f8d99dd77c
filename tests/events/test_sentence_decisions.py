"""Sentence-level decisions: which told actions are events (EVENTS.md section 7.4, 7.6)."""
from tests.events.conftest import find


def test_events_in_sentence_subject_relative_describes_a_party(extract):
    text = ("Government troops entered Kfar Zeita on Monday, where gunmen who had ambushed a patrol "
            "were hiding, a monitor said.")
    events = extract(text, published="2019-03-05")
    assert not [e for e in events if e.type == "ASSAULT" and e.mode == "clash"]


def test_events_in_sentence_relative_with_its_own_date_is_an_event(extract):
    text = "Fighting raged around Tal Rifaat, which the Kurdish fighters captured on Sunday."
    events = extract(text, published="2019-03-05")
    assert find(events, "ASSAULT", mode="capture")


def test_events_in_sentence_relative_under_way_is_an_event(extract):
    text = "Aid trucks reached two villages in Idlib province which are besieged by rebels."
    events = extract(text, published="2019-03-05")
    assert find(events, "COERCE", mode="siege")


def test_events_in_sentence_persuading_to_leave_is_no_withdrawal(extract):
    text = "Local elders are trying to persuade the militants to withdraw from Hawija."
    assert not find(extract(text), "RETREAT")


def test_events_in_sentence_noun_a_verb_needs_is_that_verbs_event(extract):
    text = "The Iraqi army said it was preparing an offensive against Islamic State militants near Hawija."
    events = extract(text)
    assert find(events, "MOBILIZE")
    assert not find(events, "ASSAULT")


def test_events_in_sentence_claim_something_proves_is_no_event(extract):
    text = "The ministry said the bombing proves that the armed groups reject any settlement."
    assert not find(extract(text), "REJECT")


def test_events_in_sentence_no_subject_tells_nothing_happened(extract):
    text = "Shelling continued on Monday and no families left the besieged town of Harasta."
    assert not find(extract(text, published="2019-03-05"), "RETREAT")


def test_events_in_sentence_firing_into_the_air_is_no_attack(extract):
    text = "Police opened fire in the air to disperse a crowd of protesters in Jableh on Friday."
    assert not find(extract(text, published="2019-03-05"), "ASSAULT")


def test_events_in_sentence_talks_where_a_deal_was_made_are_its_setting(extract):
    text = ("The government and the rebels agreed to a truce at Turkish-sponsored talks in Ankara "
            "on Tuesday.")
    events = extract(text, published="2019-03-06")
    assert find(events, "AGREE")
    assert not find(events, "CONSULT")


def test_events_in_sentence_breaking_a_siege_is_an_assault(extract):
    text = "Syrian army units broke the siege of the airbase at Kuweires on Sunday, a military source said."
    events = extract(text, published="2019-03-05")
    assert find(events, "ASSAULT", actor="SYR_GOV")
    assert not find(events, "COERCE")


def test_events_in_sentence_mediation_a_deal_was_reached_under_is_its_setting(extract):
    text = ("The agreement was reached on Monday between the army and the armed groups in Tal Rifaat "
            "under Omani mediation.")
    events = extract(text, published="2019-03-06")
    assert find(events, "AGREE")
    assert not find(events, "CONSULT")


def test_events_in_sentence_what_an_asked_for_truce_would_do_is_no_event(extract):
    text = "As shelling continues in Douma, the Red Cross calls for a three-day truce to allow the evacuation of the wounded."
    events = extract(text, published="2018-03-06")
    assert find(events, "REQUEST")
    assert not find(events, "CONCEDE")
    assert not find(events, "RETREAT")


def test_events_in_sentence_in_cooperation_with_is_a_manner(extract):
    text = "The army said it had secured the roads of Daraa in cooperation with local elders on Sunday."
    assert not find(extract(text, published="2018-07-10"), "COOPERATE")


def test_candidate_for_armed_party_supporting_an_army_cooperates(extract):
    events = extract("Hezbollah fighters supported the Syrian army near Qusayr on Sunday.", published="2018-07-10")
    assert find(events, "COOPERATE", actor="HEZBOLLAH")
    assert not find(events, "SUPPORT")


def test_date_of_background_noun_does_not_date_the_event(extract):
    # "in 1991" dates the uprising, a noun of another clause; the seizure itself is undated
    text = ("Rebel fighters seized the dam, the first change of hands there since the uprising "
            "in 1991, a spokesman said.")
    [seizure] = find(extract(text, published="2019-03-05"), "ASSAULT", mode="capture")
    assert seizure.date is None


def test_date_of_the_event_clause_still_dates_it(extract):
    text = "Rebel fighters seized the dam in March, a spokesman said."
    [seizure] = find(extract(text, published="2019-06-05"), "ASSAULT", mode="capture")
    assert seizure.date == "2019-03"
