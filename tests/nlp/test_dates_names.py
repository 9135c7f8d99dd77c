"""A date that is part of a name ("the May 22 hospital") dates nothing."""
import pytest

from marsad.nlp.dates import find_dates


@pytest.mark.parametrize("text", [
    "Mortars fell near the May 22 hospital, residents said.",
    "Fighters of the 17 April Brigade shelled the road.",
    "Traffic was stopped on the October 6 Bridge.",
])
def test_date_before_a_naming_noun_is_no_date(text):
    assert find_dates(text, "2018-12-20") == []


@pytest.mark.parametrize("text, value", [
    ("On May 22 hospital staff walked out.", "2018-05-22"),
    ("The strike on the hospital came on May 22 after talks failed.", "2018-05-22"),
])
def test_date_opened_by_a_preposition_stays_a_date(text, value):
    assert [d.value for d in find_dates(text, "2018-12-20")] == [value]
