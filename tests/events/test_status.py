import pytest

from marsad.events.status import event_status
from marsad.events.triggers import find_triggers


def _status(parse, text, word):
    doc = parse(text)
    trig = next(t for t in find_triggers(doc[:], lambda t: False, lambda t: False) if t.token.text == word)
    return event_status(trig, text)


@pytest.mark.parametrize("text,word,expected", [
    ("The rebels withdrew from the town on Friday.", "withdrew", "occurred"),
    ("The rebels will withdraw from the town.", "withdraw", "planned"),
    ("The rebels agreed to withdraw from the town.", "withdraw", "planned"),
    ("The rebels are expected to withdraw from the town.", "withdraw", "planned"),
    ("It looks like the fighters are not going to withdraw.", "withdraw", "failed"),
    ("The ministry denied that its jets had bombed the hospital.", "bombed", "denied"),
    ("The deal collapsed on Monday.", "deal", "failed"),
    ("Under the deal, the fighters were allowed to leave for Idlib.", "leave", "occurred"),
    ("The agreement will allow the fighters to leave for Idlib.", "leave", "planned"),
    ("The fighters will leave the town and hand over their weapons.", "hand", "planned"),
    ("Activists said the fighters would leave, and that the army had shelled the road.", "shelled", "occurred"),
])
def test_event_status_reads_the_clause(parse, text, word, expected):
    assert _status(parse, text, word) == expected


@pytest.mark.parametrize("text,word", [
    ("The rebels could withdraw from the town.", "withdraw"),
    ("If the army attacks, the rebels will withdraw.", "attacks"),
    ("The army will attack Idlib if the talks fail.", "attack"),
    ("Did the army attack the town?", "attack"),
    ("Regime forces have repeatedly attacked rebel positions.", "attacked"),
    ("The UN called for a truce in the city.", "truce"),
    ("The army did not attack the town.", "attack"),
    ("I think the army will attack Idlib.", "attack"),
])
def test_event_status_drops_what_is_not_asserted(parse, text, word):
    assert _status(parse, text, word) is None


def test_event_status_infinitive_aim_on_noun_parsed_as_relative_is_no_event(extract):
    events = extract("Activists believe this is part of a strategy of the regime to allow "
                     "surrounded IS fighters to escape and attack rebel groups.")
    assert events == []


def test_event_status_deal_infinitive_hung_on_the_verb(extract):
    agreed = extract("Rebels reached a deal with the government to leave for Idlib.")
    assert [e.status for e in agreed if e.type == "RETREAT"] == ["planned"]
    talks = extract("Syrian rebels are negotiating a deal with the government to leave for Idlib.")
    assert [e for e in talks if e.type in ("RETREAT", "AGREE")] == []


def test_status_purpose_of_a_launched_campaign_is_an_aim(extract):
    events = extract("Haftar launched a campaign two weeks ago to seize the Libyan capital.",
                     published="2019-04-17")
    assert not [e for e in events if e.mode == "capture" or e.type == "COERCE"]


@pytest.mark.parametrize("text", [
    "The UN called on Monday for the immediate lifting of all sieges in Syria.",
    "Both sides could benefit from a cease-fire by evacuating civilians or combatants.",
])
def test_status_what_is_asked_for_or_only_possible_is_no_event(extract, text):
    events = extract(text, published="2018-05-10")
    assert not [e for e in events if e.type in ("COERCE", "RETREAT")]


@pytest.mark.parametrize("text, expected", [
    ("Both sides are to withdraw their forces from the city within 21 days.", "planned"),
    ("The militants try to retreat westwards, to the Badia desert.", "failed"),
])
def test_status_of_a_withdrawal_to_be_or_only_tried(extract, text, expected):
    assert [e.status for e in extract(text) if e.type == "RETREAT"] == [expected]


def test_status_an_attack_tried_still_happened(extract):
    events = extract("ISIS fighters tried to storm the town of Kobani on Monday.", published="2014-10-07")
    assert [e.status for e in events if e.type == "ASSAULT"] == ["occurred"]
