"""Trigger words added for events war reports tell without the common verbs."""
import pytest

from marsad.events.triggers import find_triggers

PLACES = ("Tadef", "Azaz", "Idlib", "Manbij")


def _found(parse, text):
    doc = parse(text)
    return {(t.token.lower_, t.row.type, t.row.mode)
            for t in find_triggers(doc[:], lambda t: t.text in PLACES, lambda t: t.lower_ in ("fighters", "militants"))}


@pytest.mark.parametrize("text, word, type_, mode", [
    ("Monitors reported the displacement of thousands of families from Tadef.", "displacement", "RETREAT", "evacuate"),
    ("Gunmen looted shops and houses in Azaz after the battle.", "looted", "COERCE", "seize"),
    ("The fighters will be transported to Idlib with their families.", "transported", "RETREAT", "withdraw"),
    ("Militia checkpoints were set up at the entrances of Manbij.", "checkpoints", "MOBILIZE", "deploy"),
    ("The deal provided for the release of four prisoners held by the group.", "release", "RETREAT", "release"),
    ("Rebels freed twelve hostages on Sunday.", "freed", "RETREAT", "release"),
    ("Kurdish units are going after the militants near Manbij.", "going", "ASSAULT", "other"),
])
def test_find_triggers_lexicon_words(parse, text, word, type_, mode):
    assert (word, type_, mode) in _found(parse, text)


def test_find_triggers_press_release_is_no_release(parse):
    assert not [f for f in _found(parse, "The ministry issued a press release on Monday.") if f[1] == "RETREAT"]


def test_find_triggers_oust_is_a_capture(parse):
    assert ("ousted", "ASSAULT", "capture") in _found(parse, "Government forces ousted the militants from Azaz in June.")


@pytest.mark.parametrize("text, word, type_", [
    ("Government helicopters fired on a convoy near Azaz.", "fired", "ASSAULT"),
    ("The strike killed eleven people at a market in Azaz.", "strike", "ASSAULT"),
    ("Militiamen stopped an aid convoy at a checkpoint outside Manbij.", "stopped", "COERCE"),
    ("Unknown gunmen burned three buses near Idlib on Sunday.", "burned", "ASSAULT"),
    ("The militants were forced out of Manbij after a week of fighting.", "forced", "RETREAT"),
])
def test_find_triggers_attacks_and_movements_told_with_plain_verbs(parse, text, word, type_):
    assert word in {w for w, t, _ in _found(parse, text) if t == type_}


def test_find_triggers_plain_verbs_need_their_words(parse):
    assert not [f for f in _found(parse, "The company stopped production in Azaz.") if f[1] == "COERCE"]
    assert not [f for f in _found(parse, "The general fired his deputy in Idlib.") if f[1] == "ASSAULT"]


def test_find_triggers_heading_to_a_place_is_a_withdrawal(parse):
    assert ("head", "RETREAT", "withdraw") in _found(parse, "About 900 fighters will head to Idlib on Monday.")
    assert not [f for f in _found(parse, "He will head the new council in Idlib.") if f[1] == "RETREAT"]


def test_find_triggers_vow_is_a_threat(parse):
    assert ("vowed", "THREATEN", None) in _found(parse, "The militants vowed revenge after the raid on Azaz.")


def test_find_triggers_a_date_on_call_is_no_call_on(parse):
    found = _found(parse, "Activists called the raid a massacre on Tuesday.")
    assert not [f for f in found if f[1] == "REQUEST"]
    assert ("called", "REQUEST", None) in _found(parse, "The UN envoy for Syria called on Sunday for the remaining civilians to be protected.")


def test_find_triggers_denying_access_is_no_denial(parse):
    found = _found(parse, "The checkpoint denied the convoy access to Azaz.")
    assert not [f for f in found if f[1] == "REJECT"]


def test_find_triggers_seizing_a_building_is_a_capture(parse):
    assert ("seized", "ASSAULT", "capture") in _found(parse, "The fighters seized the stadium and the prison on Tuesday.")


def test_find_triggers_another_words_preposition_is_no_call_on(parse):
    found = _found(parse, "The ministry condemned the raid, calling it an attack on civilians in Azaz.")
    assert not [f for f in found if f[1] == "REQUEST"]


def test_find_triggers_guarantee_is_support(parse):
    assert ("guarantee", "SUPPORT", None) in _found(parse, "Moscow and Ankara will guarantee the truce in Idlib.")
