"""Publication dates stated in a text, outlets from URLs, languages."""
import pytest

from marsad.ingest.meta import (date_line, dateline_date, detect_language, find_published,
                                outlet_from_url, parse_date_prefix)


@pytest.mark.parametrize("text, expected", [
    ("10 February, 2018", "2018-02-10"),
    ("2016-08-28", "2016-08-28"),
    ("Feb. 10, 2018 14:32 GMT", "2018-02-10"),
    ("Published: 12/05/2015", "2015-05-12"),
    ("Published: 05/25/2015", "2015-05-25"),
    ("Saturday, 13 August, 2016 - 09:45", "2016-08-13"),
    ("Wed Aug 24, 2016 15:52:13", "2016-08-24"),
    ("Wednesday April 17 2019", "2019-04-17"),
    ("Sat 7 Jul 2018 18.05 BST", "2018-07-07"),
    ("March 6, 2018 / 2:14 PM / Updated 2 hours ago", "2018-03-06"),
    ("Published on Dec. 30, 2016 Read time Approx. 3 minutes", "2016-12-30"),
    ("Posted on 14 November 2016 by admin", "2016-11-14"),
    ("Posted: May 2021", "2021-05"),
    ("August 10, 2018 - Dozens of children were killed in a strike.", "2018-08-10"),
    ("Sept. 3rd, 2017", "2017-09-03"),
    ("Published time: 13 Aug, 2015 14:22", "2015-08-13"),
    ("2018-02-22T10:41:00+03:00", "2018-02-22"),
    ("14:05 GMT 21.03.2019", "2019-03-21"),
    ("9:30 am, 4 January 2019", "2019-01-04"),
])
def test_find_published_reads_stated_dates(text, expected):
    assert find_published(f"Some headline here\n\n{text}\n\nThe army said on Monday it had advanced.") == expected


def test_find_published_refuses_crawl_banner():
    text = "MAY 2021\n\nISIS leaves the camp\n\nThe group reached a deal on April 19, the blog reported."
    assert find_published(text) is None


def test_find_published_ignores_dates_inside_sentences():
    text = ("Rebels leave the town\n\nThe fighters agreed on March 3, 2017 to leave the town.\n\n"
            "A second round followed on 12 April 2017, officials said.")
    assert find_published(text) is None


def test_find_published_prefers_published_over_updated():
    text = "Headline of the story\nUpdated July 9, 2016 10:00\nPublished July 7, 2016 9:46 a.m. ET\nBody."
    assert find_published(text) == "2016-07-07"


def test_find_published_takes_updated_when_alone():
    assert find_published("Headline of the story\nUpdated July 7, 2016 9:46 a.m. ET\nBody.") == "2016-07-07"


def test_find_published_looks_only_near_the_top():
    filler = "\n".join(f"Paragraph {i} of the report says little." for i in range(60))
    assert find_published(filler + "\n10 February, 2018\n") is None


def test_find_published_handles_empty_and_odd_text():
    assert find_published("") is None
    assert find_published("\n\n\x00\ufeff 31/31/2018 \n 2018-13-45") is None


def test_parse_date_prefix_refuses_impossible_dates():
    assert parse_date_prefix("31 February 2018") is None
    assert parse_date_prefix("2018-02-30") is None


def test_date_line_refuses_a_sentence_after_the_date():
    assert date_line("10 February 2018 was the day the convoy left Hama") is None
    assert date_line("Updated July 7, 2016") == ("2016-07-07", "updated")


def test_dateline_date_needs_a_full_date_and_a_dash():
    assert dateline_date("August 10, 2018 - Dozens of children") == "2018-08-10"
    assert dateline_date("August 2018 - a month of strikes") is None
    assert dateline_date("August 10, 2018 was a Friday") is None


def test_outlet_from_url_strips_www_and_handles_junk():
    assert outlet_from_url("https://www.aljazeera.com/news/2018/1/1/x") == "aljazeera.com"
    assert outlet_from_url(None) is None
    assert outlet_from_url("http://[::1") is None


def test_detect_language_tells_english_from_french():
    assert detect_language("The army said that the town was taken by the rebels on Monday.") == "en"
    assert detect_language("Les rebelles ont quitté la ville et le convoi est arrivé dans la nuit pour les familles.") == "fr"
    assert detect_language("ok") is None


def test_find_published_falls_back_to_a_date_set_off_in_the_headline():
    assert find_published("Syrian War Report – September 22, 2017: US-backed Forces Push\n\nBody text.") == "2017-09-22"
    assert find_published("Army enters town on September 22, 2017 after talks\n\nBody text.") is None
    assert find_published("Report – September 22, 2017: x\n\n10 February, 2018\n\nBody.") == "2018-02-10"


def test_find_published_reads_byline_dates():
    assert find_published("Headline here\nBy Lina Haddad | March 6, 2018 2:14 PM\nBody.") == "2018-03-06"
    assert find_published("Headline here\nPosted by admin on 14 November 2016\nBody.") == "2016-11-14"
    assert find_published("Headline here\nBy Monday, 3 March 2018 the army had left the town.\nBody.") is None
