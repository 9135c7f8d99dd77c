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
