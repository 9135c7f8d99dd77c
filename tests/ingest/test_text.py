"""Plain-text pages: body without furniture, title, stated date, comments kept apart."""
import json
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.ingest.text import find_title, parse_text


def _parse(fixtures_dir, name):
    return parse_text((fixtures_dir / "ingest" / "text" / name).read_text(encoding="utf-8"))


def _bag_f1(gold: str, pred: str) -> float:
    g = Counter(re.findall(r"[^\W_]+", gold.lower()))
    p = Counter(re.findall(r"[^\W_]+", pred.lower()))
    overlap = sum((g & p).values())
    if not overlap:
        return 0.0
    prec, rec = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * prec * rec / (prec + rec)


def test_parse_text_wire_copy_drops_byline_caption_and_footer(fixtures_dir):
    p = _parse(fixtures_dir, "wire_dateline.txt")
    assert p.title == "Syrian army reopens highway south of Aleppo after week of clashes"
    assert p.published == "2018-03-06"
    assert p.body.startswith("BEIRUT (Reuters) - Syrian government forces")
    assert p.body.endswith('a driver told Reuters by phone.')
    for furniture in ("By Lina Haddad", "Min Read", "REUTERS/", "Reporting by", "Our Standards"):
        assert furniture not in p.body
    assert p.comments == []


def test_parse_text_state_media_keeps_dateline_drops_editor_credit(fixtures_dir):
    p = _parse(fixtures_dir, "state_media.txt")
    assert p.published == "2017-03-14"
    assert p.body.startswith("Hama, SANA - Army units")
    assert "Ghossoun" not in p.body


def test_parse_text_opposition_site_keeps_deck_and_subheading(fixtures_dir):
    p = _parse(fixtures_dir, "opposition_site.txt")
    assert p.title == "Residents flee Douma as shelling intensifies for a third day"
    assert p.published == "2018-02-22"
    paragraphs = p.body.split("\n\n")
    assert paragraphs[0].startswith("Civil defence teams say they cannot reach")
    assert "Shelters without power" in paragraphs
    for furniture in ("Skip to content", "Share on Facebook", "Tweet", "By Enab", "Related Articles",
                      "Aid convoy waits", "All rights reserved", "Home ›"):
        assert furniture not in p.body
    assert p.title not in p.body


def test_parse_text_bullet_thread_nested_five_deep(fixtures_dir):
    p = _parse(fixtures_dir, "blog_bullets_deep.txt")
    assert [c.depth for c in p.comments] == [0, 1, 2, 3, 4, 1, 0, 0]
    assert p.comments[4].text == "" and p.comments[4].parent == "c4"
    assert "Click to see" not in p.body
    assert p.body.endswith("have registered to leave.")
    assert "Kestrel" not in p.body


def test_parse_text_wordpress_thread_and_crawl_banner(fixtures_dir):
    p = _parse(fixtures_dir, "blog_wordpress.txt")
    assert [(c.author, c.parent) for c in p.comments] == [("Marwan K.", None), ("Tom Brennan", "c1"),
                                                         ("Ilse", None)]
    assert all("Reply" not in c.text and "2018" not in c.text for c in p.comments)
    assert p.published is None
    assert "thoughts on" not in p.body and "JANUARY" not in p.body


def test_parse_text_bare_author_thread(fixtures_dir):
    p = _parse(fixtures_dir, "blog_bare_authors.txt")
    assert [c.author for c in p.comments] == [None, "Farouk Haddad", "Mila Jovanovic", None, "Farouk Haddad"]
    assert p.comments[1].text.count("\n\n") == 1
    assert p.body.endswith("within artillery range of the road to Aleppo.")
    assert "dreaming" not in p.body


def test_parse_text_hostile_comments_kept_verbatim(fixtures_dir):
    p = _parse(fixtures_dir, "hostile_comments.txt")
    assert len(p.comments) == 5
    assert p.comments[0].text.startswith("<script>document.location")
    assert p.comments[2].author == "🙂"
    assert (p.comments[3].author, p.comments[3].text) == ("Anonymous", "")
    assert p.comments[4].text == "Eleven hours in the cold with children. Shameful."
    assert "<script>" not in p.body and "DROP TABLE" not in p.body


def test_parse_text_mixed_layout_after_heading(fixtures_dir):
    p = _parse(fixtures_dir, "mixed_layout.txt")
    assert p.published == "2018-07-07"
    assert [(c.author, c.depth) for c in p.comments] == [("Yusuf A.", 0), ("ragheb", 1), ("Jon Peters", 0),
                                                        ("Yusuf A.", 1), ("M.", 2)]
    assert "Comments" not in p.body


def test_parse_text_embedded_tweets_stay_in_body(fixtures_dir):
    p = _parse(fixtures_dir, "tweets_in_body.txt")
    assert "— Coalition Spokesman (@coalition_spox) June 21, 2018" in p.body
    assert "Ships still anchored outside #Hodeidah" in p.body
    assert p.published is None
    assert p.comments == []


def test_parse_text_captions_and_credits_dropped(fixtures_dir):
    p = _parse(fixtures_dir, "captions_credits.txt")
    assert p.body.split("\n\n") == [
        "Iraqi forces pushed deeper into the old city of Mosul on Thursday, fighting house to house "
        "against Islamic State militants holed up in narrow alleys.",
        "Commanders said the militants were using civilians as human shields and that progress would be slow.",
        "The United Nations estimates that up to 100,000 civilians remain trapped in the old city, many of "
        "them without food or clean water.",
        "Officials said they expected the battle to end within days.",
    ]


def test_parse_text_comment_heading_with_anonymous_comments(fixtures_dir):
    p = _parse(fixtures_dir, "anonymous_after_heading.txt")
    assert [c.author for c in p.comments] == [None, None]
    assert p.comments[1].text.endswith("by both sides.")
    assert "Mezzeh" not in p.body


def test_parse_text_liveblog_subheadings_are_not_authors(fixtures_dir):
    p = _parse(fixtures_dir, "liveblog_subheads.txt")
    assert p.comments == []
    for subheading in ("Idlib City", "Maarat al-Numan", "Jisr al-Shughur", "Saraqib"):
        assert subheading in p.body.split("\n\n")
    assert p.published == "2019-03-21"


def test_parse_text_bullet_list_in_article_is_body(fixtures_dir):
    p = _parse(fixtures_dir, "article_bullet_list.txt")
    assert p.comments == []
    assert "• Abu Kamal" in p.body and p.body.endswith("from all parties.")


def test_parse_text_crawl_banner_is_not_the_date(fixtures_dir):
    p = _parse(fixtures_dir, "crawl_banner.txt")
    assert p.published == "2016-11-14"
    assert p.title == "Government and rebels trade prisoners in Hama exchange"
    assert "MARCH 2024" not in p.body and "admin" not in p.body


def test_find_title_skips_labels_and_breadcrumbs():
    assert find_title(["Middle East", "Assad says Syria is informed on the campaign"]) == \
        (1, "Assad says Syria is informed on the campaign")
    assert find_title(["Home > World > Death toll from bombing nears 300", "Karada"]) == \
        (0, "Death toll from bombing nears 300")
    assert find_title(["3 min read", "10 February, 2018"]) == (-1, None)


def test_parse_text_body_only_page_has_no_title():
    text = ("The army took the town on Monday after a week of fighting, officials said on Tuesday.\n\n"
            "Rebels withdrew north under a deal brokered by Russia, the monitor reported.")
    p = parse_text(text)
    assert p.title is None
    assert p.body == text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["Headline of a story here", "The army said it took the town on Monday, officials said.",
                                 "  • Ann", "    Hi you!", "  1. Bo says:", "", "", "Sami Haddad",
                                 "3 min read", "MAY 2021", "Related", "\t", "<b>", "🙂", "x" * 50]),
                max_size=40).map("\n".join))
def test_parse_text_never_crashes_or_duplicates(text):
    p = parse_text(text)
    for c in p.comments:
        if len(c.text) > 40:
            assert c.text not in p.body


def test_parse_text_seed_bodies_match_gold(shared_dir):
    scores = []
    for gold_path in sorted((shared_dir / "dev-gold").glob("*.gold.json")):
        seed = shared_dir / "seeds" / gold_path.name.replace(".gold.json", ".txt")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if seed.exists() and "body" in gold:
            scores.append(_bag_f1(gold["body"], parse_text(seed.read_text(encoding="utf-8")).body))
    if not scores:
        pytest.skip("no seed gold bodies")
    assert sum(scores) / len(scores) >= 0.97


def test_parse_text_dev_extra_bodies_and_dates(shared_dir):
    extra = shared_dir / "dev-extra"
    golds = sorted(extra.glob("*.gold.json"))
    if not golds:
        pytest.skip("no dev-extra gold files")
    scores, wrong_dates = [], []
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        parsed = parse_text(gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8"))
        scores.append(_bag_f1(gold["body"], parsed.body))
        if parsed.published and parsed.published != gold.get("published"):
            wrong_dates.append(gold_path.name)
    assert sum(scores) / len(scores) >= 0.95
    assert wrong_dates == []     # a date found in the text is never a wrong one


def test_parse_text_unindented_wordpress_with_timestamps(fixtures_dir):
    p = _parse(fixtures_dir, "wordpress_plain.txt")
    assert [c.author for c in p.comments] == ["Rania Aziz", "Peter Lindqvist", "Rania Aziz"]
    assert p.comments[2].text == "You always say that, Peter."
    assert p.published is None          # comment timestamps are not the article's date
    assert "Reply" not in p.body and "Lindqvist" not in p.body


def test_parse_text_short_page_without_prose_keeps_title_out_of_body():
    p = parse_text("Convoy leaves Daraya at dawn\n\nBuses left before sunrise.\nMore follow today.")
    assert p.title == "Convoy leaves Daraya at dawn"
    assert p.body == "Buses left before sunrise.\nMore follow today."


def test_parse_text_tabs_count_as_indentation():
    text = ("Title of the story here\n\nThe army took the town on Monday after a week of fighting, "
            "officials said.\n\n\t• Ann\n\t\tFirst.\n\t\t• Bo\n\t\t\tSecond.")
    assert [(c.author, c.depth) for c in parse_text(text).comments] == [("Ann", 0), ("Bo", 1)]


def test_parse_text_stamped_lowercase_handles(fixtures_dir):
    p = _parse(fixtures_dir, "stamped_handles.txt")
    assert [c.author for c in p.comments] == ["dr_strangelove", "NorthernLight", "Kamal Issa"]
    assert all("Reply" not in c.text and "2018" not in c.text for c in p.comments)


def test_parse_text_numbered_comments_without_says(fixtures_dir):
    p = _parse(fixtures_dir, "numbered_no_says.txt")
    assert [(c.author, c.parent) for c in p.comments] == [("Dilan", None), ("Ahmed H", "c1"), ("Jasmine K", None)]
    assert p.published is None
    assert "Dilan" not in p.body


def test_parse_text_bar_menu_is_not_the_title(fixtures_dir):
    p = _parse(fixtures_dir, "menu_bars_comments.txt")
    assert p.title == "Russian jets strike Jisr al-Shughur"
    assert p.published == "2019-09-12"
    assert [c.author for c in p.comments] == ["Abu Omar", "Sara M", "Abu Omar"]
    assert "Tags" not in p.body and "Share this" not in p.body


def test_parse_text_promo_block_closes_thread(fixtures_dir):
    p = _parse(fixtures_dir, "thread_then_promos.txt")
    assert [(c.author, c.depth) for c in p.comments] == [("Serhat", 0), ("Lukas B.", 1), ("Dara Ahmed", 0)]
    assert p.comments[-1].text == "Two more families without a father tonight."
    assert "Popular Posts" not in p.body and "electoral law" not in p.body
    assert "Serhat" not in p.body


@pytest.mark.parametrize("line", ["a" * 50_000, "1" * 50_000, "Word," * 10_000, "reply " * 5_000,
                                  "March 3, 2018 " * 3_000, " " * 50_000 + "x", "a | " * 10_000])
def test_parse_text_pathological_lines_stay_fast(line):
    import time
    start = time.perf_counter()
    parse_text("Title of the page here\n\nThe army said it took the town on Monday, officials said.\n\n" + line)
    assert time.perf_counter() - start < 5


def test_parse_text_hard_wrapped_paragraphs_are_body(fixtures_dir):
    p = _parse(fixtures_dir, "hard_wrapped.txt")
    assert p.title == "Army reopens highway south of Aleppo"
    assert p.body.startswith("Syrian government forces reopened\nthe main highway")
    assert p.body.endswith("the monitor said.")
    assert [(c.author, c.text) for c in p.comments] == [("Ann", "You are wrong about the\nroad, it was never closed."),
                                                       ("Bo", "Yes it was.")]


def test_find_title_prefers_the_plain_copy_of_a_decorated_headline():
    header = ["Haftar's advance on Tripoli - Daily Nation", "", "Haftar's advance on Tripoli"]
    assert find_title(header) == (0, "Haftar's advance on Tripoli")
