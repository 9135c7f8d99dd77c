"""Dates and quantities over hostile text: valid ISO dates or None, ranges with low <= high."""
import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.nlp import dates, quantities

PUBLISHED = "2024-03-15"
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LENGTH = {dates.DAY: 10, dates.MONTH: 7, dates.YEAR: 4}
# Pieces that date and number rules react to, mixed with noise, so the rules are reached.
DATE_PIECES = ["on", "Thursday", "last", "next", "month", "week", "ago", "two", "days", "since",
               "until", "February", "Feb.", "10", "29", "31", "2018", "1999", "0", "-", "/", ",",
               "yesterday", "morning", "in", "April", "19", "2024-02-30", "13/13/2013", "9999"]
NUMBER_PIECES = ["at", "least", "about", "some", "300", "-", "500", "between", "and", "dozens",
                 "of", "thousands", "1.5", "million", "killed", "wounded", "people", "civilians",
                 "two", "twenty", "hundred", "nearly", "to", "–", "0", "-3", "1,000", "99999999999"]


def text_of(pieces):
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=6)), max_size=25).map(" ".join)


def valid_iso(value: str) -> bool:
    if not ISO.match(value):
        return False
    y, m, d = (value.split("-") + [None, None])[:3]
    try:
        date(int(y), int(m or 1), int(d or 1))
    except ValueError:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(text_of(DATE_PIECES), st.sampled_from([PUBLISHED, "2024-02-29", "2024", "2024-13", None, "junk"]))
def test_find_dates_gives_valid_iso_at_its_precision_or_none(text, published):
    for m in dates.find_dates(text, published):
        assert text[m.start:m.end] == m.text
        if m.value is not None:
            assert valid_iso(m.value), m
            assert len(m.value) == LENGTH[m.precision], m


@settings(max_examples=200, deadline=None)
@given(text_of(DATE_PIECES), st.text(max_size=20))
def test_resolve_never_raises_on_any_publication_date(expression, published):
    value, precision = dates.resolve(expression, published)
    assert value is None or (valid_iso(value) and len(value) == LENGTH[precision])


@settings(max_examples=300, deadline=None)
@given(text_of(NUMBER_PIECES))
def test_find_quantities_gives_ranges_with_low_at_most_high(text):
    for q in quantities.find_quantities(text):
        assert text[q.start:q.end] == q.text
        if q.low is not None and q.high is not None:
            assert q.low <= q.high, q
        if q.value is not None and q.low is not None:
            assert q.low <= q.value, q
        if q.value is not None and q.high is not None:
            assert q.value <= q.high, q
