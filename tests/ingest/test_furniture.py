"""Single-line furniture rules: lexicon lines, captions, credits, menus, code, teasers."""
import pytest

from marsad.ingest import furniture


@pytest.mark.parametrize("line", [
    "Click to see the full-size map", "skip to Main Content", "Back To Top", "3 min read", "2 COMMENTS",
    "Share on Facebook", "Share this:", "Advertisement", "More from this category", "Related Content",
    "By REUTERS", "By ALI A. NABHAN in Baghdad and KAREN LEIGH in Dubai", "MAY 2021", "10 February, 2018",
    "Media playback is unsupported on your device", "Source: en.alalam.ir", "[vuukle]", "|",
    "Powered by : © 2014 Systron Micronix :: Leaders in Web Hosting. All rights reserved",
    "Reporting by Lina Haddad; Editing by Peter Graff",
    "Arab Israeli Conflict Israel News Opinion Middle East Diaspora Green Israel Premium Christian News",
])
def test_is_furniture_catches_page_furniture(line):
    assert furniture.is_furniture(line)


@pytest.mark.parametrize("line", [
    "The army said it had taken the town after a week of heavy fighting.",
    "Nationwide Ceasefire Declared In Syria",
    "— Maya Gebeily (@GebeilyM) March 22, 2017",
    "The fighters agreed to leave on March 3, 2017.",
    "Next week the convoy is expected to leave for Idlib.",
    "Here is a recap:",
    "UPDATE: Clashes between army troops and ISIS members have been reported.",
])
def test_is_furniture_keeps_article_lines(line):
    assert not furniture.is_furniture(line)


@pytest.mark.parametrize("line", [
    "Breaking news. (photo credit: JPOST STAFF)",
    "Civilians struggle to escape the bombardment, a report says [Reuters]",
    "Umit Bektas/Reuters",
    "(Mitchell Prothero / TNS)",
    "Cars drive on a street in a government-controlled district of Homs, May 7, 2014.",
    "A rebel fighter walks on the outskirts of al-Bab, Syria January 14, 2017.",
    "President Bashar Assad, center, walks on a street with officials",
    "Iraqis chant slogans at the scene of the attack. PHOTO: ASSOCIATED PRESS",
])
def test_is_caption_recognises_captions_and_credits(line):
    assert furniture.is_caption(line)


def test_is_caption_spares_sentences_ending_with_a_governed_date():
    assert not furniture.is_caption("The two sides signed the agreement on December 12, 2016.")


def test_is_code_spots_markup_and_serialised_data():
    assert furniture.is_code('<span data-mce-type="bookmark" style="display: inline-block;">?</span> Source: X')
    assert furniture.is_code('string(1170) "[{"id":"1854002","sort":"3610734","title":"Turkey"}]"')
    assert not furniture.is_code('He said: "We will [not] leave."')


def test_teaser_stem_needs_an_ellipsis_and_enough_words():
    assert furniture.teaser_stem("AMMAN: More than 1,600 people boarded buses in a Damascus […]") == \
        "AMMAN: More than 1,600 people boarded buses in a Damascus"
    assert furniture.teaser_stem("Wait for it...") is None
    assert furniture.teaser_stem("A whole sentence with no ellipsis at the end.") is None


def test_strip_outlet_prefix_removes_site_name_only():
    assert furniture.strip_outlet_prefix("PanARMENIAN.Net - Turkey-backed rebels seized") == \
        "Turkey-backed rebels seized"
    assert furniture.strip_outlet_prefix("BEIRUT - Syrian rebels") == "BEIRUT - Syrian rebels"


def test_is_title_case_tells_headlines_from_decks():
    assert furniture.is_title_case("Latest VIDEO: Turkish-Led Forces Captured 1st Village in Syria's Aleppo")
    assert not furniture.is_title_case("ISIS members are en route to Deir Ezzor")


def test_is_byline_needs_names_after_by():
    assert furniture.is_byline("By Lina Haddad, Omar Kassem")
    assert furniture.is_byline("By ALI A. NABHAN in Baghdad and KAREN LEIGH in Dubai")
    assert not furniture.is_byline("By Monday the rebels had left.")
    assert not furniture.is_byline("By then, most families had fled the town")


def test_is_menu_spares_short_title_case_subheadings():
    assert not furniture.is_menu("Syrian Army Advances Toward Eastern Ghouta")
    assert not furniture.is_menu("Turkish Army Shells Kurdish Positions Near Afrin Town")


@pytest.mark.parametrize("line", [
    "Facebook Twitter WhatsApp Email", "(AFP)", "(Reporting by Tom Perry; Editing by Alison Williams)",
    "Related: Turkey sends troops to Idlib", "Also read: what the deal means", "1,204 shares",
    "Image copyright Getty Images", "Topics: Syria, Idlib", "We use cookies to improve your experience.",
    "This article was originally published by Syria Direct.",
])
def test_is_furniture_catches_outlet_widgets(line):
    assert furniture.is_furniture(line)


def test_is_byline_accepts_labelled_names():
    assert furniture.is_byline("Analysis: Jeremy Bowen, BBC Middle East Editor")
    assert not furniture.is_byline("Analysis: the army is stronger than it looks")
    assert not furniture.is_byline("Analysis Jeremy Bowen")


@pytest.mark.parametrize("line", ["Twitter", "Facebook", "Share: Facebook Twitter Google+ Print",
                                  "Follow us on Telegram", "Share this article: Facebook | WhatsApp"])
def test_is_furniture_catches_share_lists(line):
    assert furniture.is_furniture(line)
