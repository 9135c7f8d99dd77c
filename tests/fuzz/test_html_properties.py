"""HTML pages nested and cut at random: no crash, and reader comments never in the body."""
import re
from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.errors import NOT_HTML, InputError
from marsad.ingest import html
from tests.fuzz.strategies import BLOCKS, READER_WORDS, bullet_thread, distinct_sentences

READER = frozenset(READER_WORDS)


@st.composite
def nested(draw, inner: str) -> str:
    """`inner` wrapped in 0-4 random elements."""
    for _ in range(draw(st.integers(0, 4))):
        opening, closing = draw(st.sampled_from(BLOCKS))
        if opening.startswith("<table") and ("<blockquote>" in inner or "<ul>" in inner):
            # Known loss, not Marsad's own: trafilatura drops a quote or list inside a table
            # cell that follows several paragraphs (docs/reliability.md, Hostile input).
            continue
        inner = opening + inner + closing
    return inner


@st.composite
def page(draw):
    paragraphs = draw(distinct_sentences(2, 5))
    comments = draw(bullet_thread())
    article = "".join([draw(nested(f"<p>{escape(p)}</p>")) for p in paragraphs])
    items = "".join(f'<li class="comment depth-{d + 1}"><div class="comment-author">{a}</div>'
                    f'<div class="comment-content"><p>{escape(t)}</p></div></li>'
                    for a, t, d in comments)
    doc = (f"<html><head><title>Convoy reaches town</title></head><body><nav><a href='/'>Home</a></nav>"
           f"<article><h1>Convoy reaches town</h1>{article}</article>"
           f'<section id="comments"><h2>{len(comments)} comments</h2><ol class="comment-list">{items}</ol>'
           f"</section><footer>About us</footer></body></html>")
    return doc, paragraphs, comments


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


@settings(max_examples=40, deadline=None)
@given(page())
def test_parse_html_keeps_article_and_comments_apart(built):
    doc, paragraphs, comments = built
    parsed = html.parse_html(doc, url="https://example.org/2024/03/15/convoy")
    body = re.sub(r"\s+", " ", parsed.body)
    for p in paragraphs:
        assert p in body
    assert not words(body) & READER, "comment text in the body"
    assert [re.sub(r"\s+", " ", c.text).strip() for c in parsed.comments] == [t for _, t, _ in comments]


@settings(max_examples=60, deadline=None)
@given(page(), st.floats(0.0, 1.0))
def test_parse_html_cut_anywhere_never_crashes_or_leaks_comments(built, cut):
    doc = built[0][:int(len(built[0]) * cut)]
    try:
        parsed = html.parse_html(doc, origin="cut.html")
    except InputError as e:
        assert e.code == NOT_HTML and e.origin == "cut.html"
        return
    assert not words(parsed.body) & READER, "comment text in the body"
    for c in parsed.comments:
        assert c.parent is None or int(c.parent[1:]) < int(c.id[1:])


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abpdivlicommentsclass-&;#x0\n")), max_size=300))
def test_parse_html_on_tag_soup_raises_only_not_html(soup):
    try:
        html.parse_html(soup, origin="soup.html")
    except InputError as e:
        assert e.code == NOT_HTML and e.origin == "soup.html"
