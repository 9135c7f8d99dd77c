"""What a place or people are left in is no withdrawal."""
from marsad.events.triggers import find_triggers


def _retreats(parse, text):
    doc = parse(text)
    return [t for t in find_triggers(doc[:], lambda t: t.text in ("Sirte", "Homs"), lambda t: False)
            if t.row.type == "RETREAT"]


def test_find_triggers_leave_in_a_state_is_no_withdrawal(parse):
    assert not _retreats(parse, "Three months of street fighting have left Sirte in ruins.")
    assert not _retreats(parse, "The shelling left the people of Homs homeless.")


def test_find_triggers_leaving_a_place_is_a_withdrawal(parse):
    assert _retreats(parse, "The last militants left Sirte in a convoy of trucks.")
