"""Date expressions resolved against the publication date (EVENTS.md sections 3 and 8)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.nlp.dates import find_dates, resolve

PUB = "2018-02-10"   # a Saturday


@pytest.mark.parametrize("sentence, value, precision", [
    # weekdays: the last one on or before publication
    ("On Thursday, an agreement was reached between the government and ISIS.", "2018-02-08", "day"),
    ("Government forces entered the town on Saturday.", "2018-02-10", "day"),
    ("Rebels shelled the district late on Friday night.", "2018-02-09", "day"),
    ("Thursday's deal allowed fighters to leave.", "2018-02-08", "day"),
    ("Wednesday evening saw heavy clashes.", "2018-02-07", "day"),
    ("The convoy left last Saturday.", "2018-02-03", "day"),
    ("At dawn on Monday, jets struck the village.", "2018-02-05", "day"),
    # days relative to publication
    ("Yesterday, SANA reported new clashes.", "2018-02-09", "day"),
    ("Clashes erupted this morning in the countryside.", "2018-02-10", "day"),
    ("Jets pounded the pocket overnight.", "2018-02-10", "day"),
    ("The fighters left at dawn.", "2018-02-10", "day"),
    ("Shelling continued last night.", "2018-02-09", "day"),
    ("Three days ago the convoy arrived.", "2018-02-07", "day"),
    ("A week ago the siege was tightened.", "2018-02-03", "day"),
    ("The regime started the operation seven days (ago).", "2018-02-03", "day"),
    # calendar dates
    ("The deal was signed on 10 February, 2018.", "2018-02-10", "day"),
    ("The deal was signed on February 8, 2018.", "2018-02-08", "day"),
    ("On Feb. 10, rebels withdrew.", "2018-02-10", "day"),
    ("Published 2018-02-10 by the monitor.", "2018-02-10", "day"),
    ("The offensive started on April 19.", "2017-04-19", "day"),
    ("The offensive started on the 19th of April.", "2017-04-19", "day"),
    ("Troops arrived on 3 February.", "2018-02-03", "day"),
    ("On Thursday, February 8, 2018, talks resumed.", "2018-02-08", "day"),
    ("Reported on 25/12/2017 by locals.", "2017-12-25", "day"),
    ("Updated: 10/02/2018", "2018-02-10", "day"),        # 2 October would be after publication
    ("Updated: 02/10/2018", "2018-02-10", "day"),
    ("On 03/04/2017 the town fell.", "2017", "year"),     # March or April: only the year is sure
    ("DAMASCUS, Feb 8 (Reuters) - Syrian troops advanced.", "2018-02-08", "day"),
    ("9 Feb 2018 | 14:32 GMT", "2018-02-09", "day"),
    ("Thursday 8 February 2018 09:35 UTC", "2018-02-08", "day"),
    ("Since Monday, 300 have fled.", "2018-02-05", "day"),
    ("Sept. 21st 2017 saw the first convoy.", "2017-09-21", "day"),
    # months and years
    ("The siege began in March 2013.", "2013-03", "month"),
    ("Fighting resumed last month.", "2018-01", "month"),
    ("Earlier this month, the army advanced.", "2018-02", "month"),
    ("The town fell in April.", "2017-04", "month"),
    ("The town fell in mid-January.", "2018-01", "month"),
    ("The group was founded in 2015.", "2015", "year"),
    ("The city was besieged in late 2016.", "2016", "year"),
    ("The plan was drafted last year.", "2017", "year"),
    ("In the summer of 2014 the group swept through the region.", "2014", "year"),
    # spans of days up to publication: their month when they fit in one
    ("In recent days the army captured several positions.", "2018-02", "month"),
    ("In the last few weeks, hundreds fled.", "2018-02", "month"),   # a recent window is told as now
    ("The town has been besieged for weeks.", "2018-02", "month"),
    ("A few days ago the convoy was stopped.", "2018-02", "month"),
    ("Clashes continued over the weekend.", "2018-02-10", "day"),
    ("The toll rose to 42 in the past 24 hours.", "2018-02-10", "day"),
    ("SANA, 2018/02/08: troops advanced.", "2018-02-08", "day"),
    # "now" is the publication day
    ("Rebels are now attacking the hilltop village.", "2018-02-10", "day"),
])
def test_find_dates_resolves_past_expressions(sentence, value, precision):
    found = [d for d in find_dates(sentence, PUB) if d.value]
    assert found, sentence
    assert (found[0].value, found[0].precision) == (value, precision)


@pytest.mark.parametrize("sentence", [
    "The truce will last seven days.",
    "The ceasefire was 48 hours long.",
    "Over the past month, hundreds fled.",
    "Fighting lasted for the last week.",
    "May God protect them.",
    "The march on the capital continued.",
    "He said 1,500 civilians left.",
    "The F-16 pilots flew 2018 sorties.",
    "",
])
def test_find_dates_ignores_durations_and_lookalikes(sentence):
    assert find_dates(sentence, PUB) == []


@pytest.mark.parametrize("sentence, value", [
    ("Talks will resume on Thursday.", "2018-02-15"),
    ("Talks will resume on Saturday.", "2018-02-10"),
    ("The evacuation is due next month.", "2018-03"),
    ("The fighters will leave on April 19.", "2018-04-19"),
    ("Buses will arrive tomorrow.", "2018-02-11"),
])
def test_find_dates_future_tense_looks_ahead(sentence, value):
    assert find_dates(sentence, PUB, tense="future")[0].value == value


def test_find_dates_without_publication_keeps_absolute_dates_only():
    text = "On Wednesday, after the deal of 10 February 2018, and in 2015, and on April 19."
    got = {d.text: (d.value, d.precision, d.relative) for d in find_dates(text, None)}
    assert got["On Wednesday"] == (None, None, True)
    assert got["10 February 2018"] == ("2018-02-10", "day", False)
    assert got["in 2015"] == ("2015", "year", False)
    assert got["on April 19"] == (None, None, True)


def test_find_dates_month_publication_resolves_months_not_weekdays():
    got = {d.text: d.value for d in find_dates("On Tuesday, as last month, fighting flared.", "2018-02")}
    assert got == {"On Tuesday": None, "last month": "2018-01"}


def test_find_dates_now_yields_to_a_neighbouring_date():
    found = find_dates("Now, on Thursday, the rebels left.", PUB)
    assert [(d.text, d.value) for d in found] == [("Now, on Thursday", "2018-02-08")]


def test_find_dates_last_weekend_depends_on_the_publication_weekday():
    assert resolve("last weekend", "2018-02-12") == ("2018-02-10", "day")      # a Monday
    assert resolve("last weekend", "2018-02-11") == ("2018-02-03", "day")      # a Sunday


def test_find_dates_marks_since_and_until():
    kinds = {d.text: d.kind for d in find_dates(
        "The town has been besieged since 2012 and the deal holds until March 2018; "
        "it was signed on Thursday.", PUB)}
    assert kinds == {"since 2012": "since", "until March 2018": "until", "on Thursday": "point"}


def test_find_dates_full_month_names_keep_the_full_stop_out():
    assert [d.text for d in find_dates("The attack took place on Wednesday, 7 February.", PUB)] == \
        ["on Wednesday, 7 February"]
    assert [d.text for d in find_dates("On Feb. 10, rebels withdrew.", PUB)] == ["On Feb. 10"]


def test_find_dates_relative_flag_and_offsets():
    text = "SOHR said on Monday that 20 fighters were killed yesterday near Raqqa."
    for d in find_dates(text, PUB):
        assert text[d.start:d.end] == d.text
        assert d.relative
    assert [d.text for d in find_dates(text, PUB)] == ["on Monday", "yesterday"]


def test_find_dates_last_week_gives_the_month_holding_most_of_it():
    assert find_dates("Jets struck last week.", "2018-02-21")[0].value == "2018-02"
    # the week before 2018-02-10 runs 29 January - 4 February: its middle day is in February
    assert find_dates("Jets struck last week.", PUB)[0].value == "2018-02"
    # from Friday 2 February, last week ran 22 - 28 January
    assert find_dates("Jets struck last week.", "2018-02-02")[0].value == "2018-01"


def test_find_dates_rejects_impossible_calendar_dates():
    found = find_dates("Reported on 31 February 2018 and 2018-13-45.", PUB)
    assert all(d.value is None for d in found)


def test_find_dates_tolerates_bad_publication_dates():
    for pub in ("yesterday", "2018-13-01", "2018-02-31", "", "99"):
        assert find_dates("On Thursday, in 2015, the town fell.", pub)[-1].value == "2015"


def test_resolve_reads_a_bare_expression():
    assert resolve("April 19", PUB) == ("2017-04-19", "day")
    assert resolve("on Thursday", PUB, tense="future") == ("2018-02-15", "day")
    assert resolve("seven days", PUB) == (None, None)
    assert resolve("Thursday", None) == (None, None)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from([None, PUB, "2018-02", "2018", "junk"]),
       st.sampled_from(["past", "future"]))
def test_find_dates_never_fails_and_offsets_hold(text, published, tense):
    for d in find_dates(text, published, tense=tense):
        assert 0 <= d.start < d.end <= len(text)
        assert text[d.start:d.end] == d.text
        assert d.precision in (None, "day", "month", "year")
        assert (d.value is None) == (d.precision is None)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["on", "Thursday", "April", "19", "2018", ",", "last", "week", "in",
                                 "yesterday", "the", "of", "May", "-", "10", "Feb.", "since", "ago", "two",
                                 "days", "at dawn", "/", "31"]), max_size=20))
def test_find_dates_never_fails_on_date_like_word_salad(words):
    text = " ".join(words)
    for d in find_dates(text, PUB):
        assert text[d.start:d.end] == d.text
