"""Times of the publication day, and relative phrases broken across a line."""
import pytest

from marsad.nlp.dates import find_dates


@pytest.mark.parametrize("text, words", [
    ("Sporadic clashes broke out shortly after midnight, residents said.", "after midnight"),
    ("The governor denied the reports during the day.", "during the day"),
    ("Jets struck the market before dawn.", "before dawn"),
    ("The guns fell silent at sundown.", "at sundown"),
])
def test_time_of_day_alone_is_the_publication_day(text, words):
    assert [(d.text, d.value) for d in find_dates(text, "2019-03-04")] == [(words, "2019-03-04")]


def test_time_of_day_next_to_a_weekday_is_that_weekday():
    assert [d.value for d in find_dates("Before dawn on Friday, jets struck.", "2019-03-04")] == ["2019-03-01"]


@pytest.mark.parametrize("text, value", [
    ("the monitor said fighting resumed during the\nday", "2019-03-04"),
    ("rebels left the town last\nweek, officials said", "2019-02"),
])
def test_relative_phrase_broken_across_a_line_is_found(text, value):
    assert [d.value for d in find_dates(text, "2019-03-04")] == [value]
