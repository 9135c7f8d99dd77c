"""Regressions: inputs the fuzz targets (benchmarks/fuzz/) crashed a parser with, now refused
or read. Each test names the target that found it."""
import pytest

from marsad.document import RawInput
from marsad.errors import BAD_RECORD, InputError
from marsad.ingest.sources import iter_inputs


def test_feed_item_with_unclosed_elements_is_refused_not_crashing(tmp_path, cfg):
    # fuzz_feed: feedparser reports the summary of '<item<title</content>' as None
    path = tmp_path / "broken.xml"
    path.write_bytes(b'<rss version="2.0"><channel><item<title</content>')
    items = list(iter_inputs([str(path)], cfg))
    assert len(items) == 1
    assert isinstance(items[0], InputError) and items[0].code == BAD_RECORD
    assert str(path) in str(items[0])


def test_feed_keeps_good_items_beside_an_unclosed_one(tmp_path, cfg):
    path = tmp_path / "mixed.rss"
    path.write_bytes(b'<rss version="2.0"><channel>'
                     b"<item><title>Convoy</title><description>The convoy reached the town.</description></item>"
                     b"<item<title</content>")
    items = list(iter_inputs([str(path)], cfg))
    docs = [i for i in items if isinstance(i, RawInput)]
    assert [d.data for d in docs] == [b"The convoy reached the town."]


@pytest.mark.parametrize("declared", [b"\xaf\xaf", b"ut\x00\x00f-8"])
def test_feed_with_garbled_encoding_name_is_still_read(tmp_path, cfg, declared):
    # fuzz_feed: feedparser raised UnicodeDecodeError (non-UTF-8 bytes) or ValueError (a NUL)
    # on the encoding name of the XML declaration
    path = tmp_path / "declared.xml"
    path.write_bytes(b'<?xml version="1.0" encoding="' + declared + b'"?><rss version="2.0"><channel>'
                     b"<item><description>Shelling resumed.</description></item></channel></rss>")
    [item] = iter_inputs([str(path)], cfg)
    assert isinstance(item, RawInput) and item.data == b"Shelling resumed."
    assert item.origin == f"{path}#item-1"


# Pathological lines: each took time quadratic in its length (a 64,000-character line of
# spaces or capitals: minutes). Their timing is measured by benchmarks/stress.py; these
# tests pin that the linear rewrites answer as before.

@pytest.mark.parametrize("line, stem", [
    ("AMMAN: More than 1,600 people boarded buses in a […]   ", "AMMAN: More than 1,600 people boarded buses in a"),
    ("Residents of the eastern districts said ...", "Residents of the eastern districts said"),
    ("Residents of the eastern districts said .... ", "Residents of the eastern districts said ."),
    ("Word" + " " * 5000 + "and more words after a long gap [...]", "Word" + " " * 5000 + "and more words after a long gap"),
    ("Short ...", None),
    ("No ellipsis at the end of this line at all", None),
])
def test_teaser_stem_reads_the_words_before_a_final_ellipsis(line, stem):
    from marsad.ingest.furniture import teaser_stem

    assert teaser_stem(line) == stem


@pytest.mark.parametrize("line, expected", [
    ("BEIRUT (Reuters)", True), ("IDLIB-Anadolu Agency", True), ("  ALEPPO,  Syria  ", True),
    ("AAA" + " " * 5000 + "x", False), ("A" * 5000 + " x", False), ("A" * 5000, True),
    ("Beirut (Reuters)", False), ("BEIRUT, March 3 (Reuters) - Shelling resumed.", False),
])
def test_is_dateline_on_short_and_pathological_lines(line, expected):
    from marsad.ingest.text import is_dateline

    assert is_dateline(line) is expected


def test_html_content_after_the_end_of_the_page_is_read_as_the_body_end():
    # fuzz_jsonl: libxml2 put a comment <li> that followed </html> in a second top-level
    # element, which the comment finder's document order did not know (KeyError)
    from marsad.ingest.html import parse_html

    page = ("<html><body><article><p>Shelling resumed on Monday in the east of the town, "
            "residents said, and two schools closed.</p></article></body></html>\n"
            '<ol><li class="comment"><div class="comment-author">Hana</div>'
            '<div class="comment-content"><p>My family is safe, thank you all.</p></div></li></ol>'
            "<p>A correction was added after the page ended.</p>")
    parsed = parse_html(page)
    assert [(c.author, c.text) for c in parsed.comments] == [("Hana", "My family is safe, thank you all.")]
    assert "Shelling resumed on Monday" in parsed.body
    assert "My family is safe" not in parsed.body


def test_html_fragment_with_a_comment_outside_its_first_element_is_read():
    # fuzz_html: lxml hands back the fragment's first element, not the root, and a comment
    # <li> the rules found elsewhere in the document was missing from document order (KeyError)
    from marsad.ingest.html import parse_html

    parsed = parse_html('<div></div><r></body><li class="comment"><div class="comment-author">Hana'
                        '</div><div class="comment-content"><p>My family is safe.</p></div></li>')
    assert [(c.author, c.text) for c in parsed.comments] == [("Hana", "My family is safe.")]


@pytest.mark.parametrize("published, kept", [("2024-03-85", "2024-03"), ("2024-13-01", "2024"),
                                             ("2023-02-29", "2023-02"), ("2024-02-29", "2024-02-29")])
def test_jsonl_publication_date_keeps_only_its_real_part(tmp_path, cfg, published, kept):
    # fuzz_jsonl: a record's "published" of 2024-03-85 became the document's date as given
    path = tmp_path / "dated.jsonl"
    path.write_text('{"text": "Shelling resumed on Monday.", "published": "%s"}\n' % published)
    [item] = iter_inputs([str(path)], cfg)
    assert item.meta["published"] == kept


def test_feed_that_crashes_feedparser_is_refused_with_its_name(tmp_path, cfg):
    # fuzz_feed: feedparser's loose parser raises KeyError('links') on this markup
    path = tmp_path / "loose.rss"
    path.write_bytes(b"<rss><channel<item<link</item</link>")
    [item] = iter_inputs([str(path)], cfg)
    assert isinstance(item, InputError) and item.code == BAD_RECORD and item.origin == str(path)


@pytest.mark.parametrize("pub_date, kept", [("Fri, 15 Mar 0422 09:00:00 GMT", "0422-03-15"),
                                            ("Fri, 15 Mar 2024 09:00:00 GMT", "2024-03-15")])
def test_feed_publication_date_is_iso_for_any_year(tmp_path, cfg, pub_date, kept):
    # fuzz_feed: strftime wrote the year 0422 as "422", a date no ISO reader accepts
    path = tmp_path / "old.rss"
    path.write_text('<rss version="2.0"><channel><item><title>Strike</title>'
                    f"<pubDate>{pub_date}</pubDate>"
                    "<description>An air strike hit a market.</description></item></channel></rss>")
    [item] = iter_inputs([str(path)], cfg)
    assert item.meta["published"] == kept
