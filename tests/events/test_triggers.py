from marsad.events.triggers import find_triggers


def _types(parse, text, places=(), actors=()):
    doc = parse(text)
    is_place = lambda t: t.text in places  # noqa: E731
    is_actor = lambda t: t.text in actors  # noqa: E731
    return [(t.token.text, t.row.type, t.row.mode) for t in find_triggers(doc[:], is_place, is_actor)]


def test_find_triggers_verbs_and_nouns(parse):
    found = _types(parse, "Russian jets struck the market after an airstrike on the bakery.")
    assert ("struck", "ASSAULT", "other") in found
    assert ("airstrike", "ASSAULT", "airstrike") in found


def test_find_triggers_phrasal_verb_needs_its_particle(parse):
    assert ("pull", "RETREAT", "withdraw") in _types(parse, "The rebels will pull out of the town.")
    assert not [t for t in _types(parse, "The rebels pull the cart.") if t[1] == "RETREAT"]


def test_find_triggers_pull_out_with_an_object_is_no_withdrawal(parse):
    assert not [t for t in _types(parse, "Rescuers pulled out bodies from the rubble.") if t[1] == "RETREAT"]


def test_find_triggers_take_needs_ground(parse):
    assert ("took", "ASSAULT", "capture") in _types(parse, "The army took the village of Tal Salim.")
    assert not [t for t in _types(parse, "The minister took questions.") if t[1] == "ASSAULT"]


def test_find_triggers_capture_of_people_is_an_arrest(parse):
    found = _types(parse, "Police captured three smugglers.", actors=("smugglers",))
    assert ("captured", "COERCE", "arrest") in found


def test_find_triggers_participle_modifier_is_no_event(parse):
    found = _types(parse, "Civilians left the besieged town controlled by the rebels.")
    assert not [t for t in found if t[0] in ("besieged", "controlled")]


def test_find_triggers_safe_passage_and_corridor(parse):
    assert ("passage", "CONCEDE", "allow") in _types(parse, "The fighters were promised safe passage.")
    assert ("opened", "CONCEDE", "allow") in _types(parse, "The army opened a corridor to Idlib.")


def test_find_triggers_statements(parse):
    found = {t[1] for t in _types(parse, "The ministry condemned the attack and denied any role, "
                                        "and urged restraint while warning of reprisals.")}
    assert {"ACCUSE", "REJECT", "REQUEST", "THREATEN"} <= found


def test_find_triggers_taken_to_a_place_is_no_capture(extract):
    moved = extract("More than 1,600 people boarded buses on Wednesday and were taken north to Idlib province.")
    assert [e for e in moved if e.type == "ASSAULT"] == []
    took = extract("Rebels took the town of Saraqib on Monday.")
    assert [e.mode for e in took if e.type == "ASSAULT"] == ["capture"]
