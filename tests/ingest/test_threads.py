"""Comment threads: marked (bullets, WordPress numbering) and bare (author lines) layouts."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.ingest.text import parse_text
from marsad.ingest.threads import loose_name, parse_thread, reader_voice, split_comments, strict_name


def _shape(comments):
    return [(c.id, c.parent, c.depth, c.author) for c in comments]


def test_parse_thread_bullets_nest_by_indentation():
    text = ("  • Ann\n\n    First.\n\n    • Bo\n\n      Reply to Ann.\n\n"
            "      • Cy\n\n        Reply to Bo.\n\n  • Di\n\n    Second top-level.")
    assert _shape(parse_thread(text)) == [("c1", None, 0, "Ann"), ("c2", "c1", 1, "Bo"),
                                          ("c3", "c2", 2, "Cy"), ("c4", None, 0, "Di")]
    assert parse_thread(text)[2].text == "Reply to Bo."


def test_parse_thread_wordpress_numbering_and_said_form():
    text = ("  1. Rob says:\n\n    I hope so.\n    Second line.\n\n    1. Lupus says:\n\n      No.\n\n"
            "  2. Ilse on March 3, 2018 at 5:12 pm said:\n\n    Yes.")
    comments = parse_thread(text)
    assert _shape(comments) == [("c1", None, 0, "Rob"), ("c2", "c1", 1, "Lupus"), ("c3", None, 0, "Ilse")]
    assert comments[0].text == "I hope so.\nSecond line."


def test_parse_thread_disqus_header_keeps_name_only():
    comments = parse_thread("  • Karim • 3 years ago\n\n    Not again.\n\n  • Lea • 3 years ago\n\n    Again.")
    assert [c.author for c in comments] == ["Karim", "Lea"]


def test_parse_thread_text_excludes_author_line_and_widgets():
    comments = parse_thread("  • Layla\n\n    Reply\n\n    Shameful.\n\n    Like (3)\n\n  • Omar\n\n    2 hours ago\n    Agreed.")
    assert [c.text for c in comments] == ["Shameful.", "Agreed."]


def test_parse_thread_keeps_empty_comment():
    comments = parse_thread("  • Ann\n\n    Hi.\n\n    • Bo\n\n  • Cy\n\n    Bye.")
    assert _shape(comments) == [("c1", None, 0, "Ann"), ("c2", "c1", 1, "Bo"), ("c3", None, 0, "Cy")]
    assert comments[1].text == ""


def test_parse_thread_bare_layout_splits_on_wide_gaps_and_author_lines():
    text = ("No author on this one, you know.\n\n\nSami Haddad\n\nFirst para.\n\nSecond para.\n\n\n"
            "Another anonymous one?\n\nNour Salem\n\n\n\nAfter several blank lines.")
    comments = parse_thread(text)
    assert [(c.author, c.text) for c in comments] == [
        (None, "No author on this one, you know."),
        ("Sami Haddad", "First para.\n\nSecond para."),
        (None, "Another anonymous one?"),
        ("Nour Salem", "After several blank lines."),
    ]


def test_parse_thread_empty_and_blank_input():
    assert parse_thread("") == []
    assert parse_thread("\n\n   \n") == []


def test_parse_thread_numbered_list_inside_comment_stays_text():
    comments = parse_thread("  • Heron\n\n    Mark my words:\n    1. Afrin\n    2. Manbij\n\n  • Kestrel\n\n    No.")
    assert len(comments) == 2
    assert "1. Afrin" in comments[0].text


def test_loose_name_accepts_odd_display_names():
    for name in ("AR-15 for ARII", "χρηστος", "§âm", "Leonard B.", "🙂", "Bassam 77"):
        assert loose_name(name), name
    for line in ("This is a sentence that ends here.", "http://spam.example/buy", "—"):
        assert not loose_name(line), line


def test_strict_name_refuses_subheadings_and_labels():
    assert strict_name("Terra Cotta Woolpuller")
    assert strict_name("Abu Bakr al-Baghdadi")
    for line in ("Breaking news", "Related Content", "'Childish story'", "Analysis: Jeremy Bowen",
                 "Nationwide Ceasefire Declared In Syria", "10 February, 2018", "Back To Top"):
        assert not strict_name(line), line


def test_reader_voice_ignores_quoted_speech():
    assert reader_voice("You are dreaming if you think so.")
    assert reader_voice("lol nice one")
    assert not reader_voice('The minister said: "You will see, I promise."')
    assert not reader_voice("At least six people were killed, the civil defence said.")


def test_split_comments_finds_nothing_in_plain_article():
    lines = ("Title of it\n\nThe army took the town on Monday after a week of heavy fighting, officials said.\n\n"
             "The rebels withdrew to the north under the deal, the monitor said.").split("\n")
    assert split_comments(lines, 3) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list(" \n\t•*-1.:abcXYZ😀<>\"'") + ["  • ", " says:", "\n\n\n", "    ", "Ann Lee"]),
                max_size=120).map("".join))
def test_parse_thread_never_crashes_and_links_are_consistent(text):
    comments = parse_thread(text)
    ids = [c.id for c in comments]
    assert ids == [f"c{i + 1}" for i in range(len(comments))]
    by_id = {c.id: c for c in comments}
    for c in comments:
        if c.parent is None:
            assert c.depth == 0
        else:
            assert ids.index(c.parent) < ids.index(c.id)
            assert c.depth == by_id[c.parent].depth + 1


@pytest.fixture(scope="module")
def seed_pairs(shared_dir):
    gold_dir = shared_dir / "dev-gold"
    pairs = []
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        stem = gold_path.name[: -len(".gold.json")]
        seed = shared_dir / "seeds" / f"{stem}.txt"
        if seed.exists():
            pairs.append((stem, seed.read_text(encoding="utf-8"),
                          json.loads(gold_path.read_text(encoding="utf-8"))))
    if not pairs:
        pytest.skip("no seeds with gold files in ../shared")
    return pairs


def test_seed_threads_match_gold_counts_authors_and_structure(seed_pairs):
    for stem, text, gold in seed_pairs:
        got = parse_text(text).comments
        want = gold.get("comments", [])
        assert len(got) == len(want), stem
        assert [c.author for c in got] == [c["author"] for c in want], stem
        assert [(c.parent, c.depth) for c in got] == [(c["parent"], c["depth"]) for c in want], stem


def test_seed_comments_never_leak_into_body(seed_pairs):
    for stem, text, gold in seed_pairs:
        parsed = parse_text(text)
        for c in gold.get("comments", []):
            first_line = c["text"].strip().split("\n")[0]
            if len(first_line) > 30:
                assert first_line not in parsed.body, (stem, first_line[:60])
        body_start = gold["body"].strip().split("\n")[0]
        assert all(body_start not in c.text for c in parsed.comments), stem


def test_header_of_refuses_reported_speech():
    from marsad.ingest.threads import header_of
    assert header_of("Washington said plenty, it just did nothing.", 0) is None
    assert header_of("The minister said:", 0) is None
    assert header_of("Rob Says:", 0).author == "Rob"
    assert header_of("Rob says: March 3, 2018 at 5:12 pm", 0).author == "Rob"


def test_split_comments_quotation_after_said_is_not_a_thread():
    lines = ("Army enters the town\n\nThe army entered the town on Monday after a week of fighting, officials said.\n\n"
             "A spokesman said:\n\nThe operation is over and the roads are open again.").split("\n")
    assert split_comments(lines, 3) is None


def test_parse_thread_keeps_anonymous_comment_before_first_header():
    comments = parse_thread("3 Comments\n\nFirst, with no name shown.\n\n  • Ann\n\n    Hi.\n\n    • Bo\n\n      Yes.")
    assert _shape(comments) == [("c1", None, 0, None), ("c2", None, 0, "Ann"), ("c3", "c2", 1, "Bo")]
    assert comments[0].text == "First, with no name shown."


def test_parse_thread_unknown_footer_after_indented_thread():
    text = ("  • Ann\n\n    Hi.\n\n    • Bo\n\n      Yes.\n\nSite by Studio Qamar\nNewsroom\n")
    comments = parse_thread(text)
    assert _shape(comments) == [("c1", None, 0, "Ann"), ("c2", "c1", 1, "Bo")]
    assert comments[1].text == "Yes."


def test_split_comments_tolerates_unknown_footer():
    lines = ("Title of the page\n\nThe army said it took the town on Monday after a long week, officials said.\n\n"
             "  • Ann\n\n    Hi you.\n\n  • Bo\n\n    Yes.\n\nSite by Studio Qamar\nNewsroom").split("\n")
    assert split_comments(lines, 3) == 4


def test_parse_thread_header_with_stamp_or_colon_keeps_name():
    text = ("  • Ann on March 3, 2018 at 5:12 pm\n\n    First.\n\n  • Bo, 3 years ago\n\n    Second.\n\n"
            "  • Cy:\n\n    Third.")
    assert [c.author for c in parse_thread(text)] == ["Ann", "Bo", "Cy"]
