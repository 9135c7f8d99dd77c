from marsad.events.acled import acled_type


def test_acled_type_capture_depends_on_who_takes_it():
    assert acled_type("ASSAULT", "capture", "state_forces").sub_event_type == "Government regains territory"
    assert acled_type("ASSAULT", "capture", "armed_group").sub_event_type == "Non-state actor overtakes territory"
    assert acled_type("ASSAULT", "capture", "armed_group", violent=False).sub_event_type == \
        "Non-violent transfer of territory"


def test_acled_type_maps_weapons_and_deals():
    assert acled_type("ASSAULT", "airstrike", None).sub_event_type == "Air/drone strike"
    assert acled_type("AGREE", "truce", None).sub_event_type == "Agreement"
    assert acled_type("RETREAT", "evacuate", "civilians").event_type == "Strategic developments"


def test_acled_type_statements_have_none():
    assert acled_type("ACCUSE", None, "government") is None
    assert acled_type("REJECT", None, None) is None
