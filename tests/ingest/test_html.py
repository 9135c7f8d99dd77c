"""HTML pages: comments from CMS markup with their thread, a clean body, markup-only dates."""
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.errors import InputError
from marsad.ingest.html import clean_author, element_text, find_published, parse_html

HTML = "ingest/html"


def page(fixtures_dir, name):
    return (fixtures_dir / HTML / name).read_text(encoding="utf-8")


def assert_no_leaks(parsed):
    """No comment's text in the body, no body paragraph in a comment."""
    for c in parsed.comments:
        for para in c.text.split("\n\n"):
            assert para not in parsed.body, f"comment {c.id} leaked into the body: {para!r}"
    for para in parsed.body.split("\n"):
        if len(para) > 40:
            assert all(para not in c.text for c in parsed.comments), f"body in a comment: {para!r}"


def thread(parsed):
    return [(c.id, c.parent, c.depth, c.author) for c in parsed.comments]


def test_parse_html_wordpress_nested_replies(fixtures_dir):
    p = parse_html(page(fixtures_dir, "wordpress_nested.html"))
    assert thread(p) == [("c1", None, 0, "Marwan K."), ("c2", "c1", 1, "Sara"),
                         ("c3", "c2", 2, "Abu Omar"), ("c4", None, 0, "Tom H")]
    assert p.comments[0].text == ("My cousin was on the second bus. They stopped for six hours at "
                                  "the last checkpoint before anyone was allowed through.\n\n"
                                  "Nobody told them why.")
    assert all("Reply" not in c.text and "says" not in c.text and "2018" not in c.text
               for c in p.comments)
    assert "forty buses left the town of Rastan" in p.body
    assert "Leave a Reply" not in p.body and "thoughts on" not in p.body
    assert (p.title, p.published, p.outlet) == (
        "Convoy leaves the Rastan pocket under local deal", "2018-05-09", "Levant Field Notes")
    assert_no_leaks(p)


def test_parse_html_disqus_list_with_children(fixtures_dir):
    p = parse_html(page(fixtures_dir, "disqus_list.html"))
    assert thread(p) == [("c1", None, 0, "Nadia"), ("c2", "c1", 1, "Kees"),
                         ("c3", None, 0, "Guest 44")]
    assert p.comments[2].text == "Any news from the people in Durayhimi?"
    assert "Reply" not in p.comments[0].text and "years ago" not in p.comments[0].text
    assert p.published == "2019-01-14" and p.outlet == "Coastline Monitor"
    assert "Kilo 16 junction" in p.body
    assert_no_leaks(p)


def test_parse_html_article_comment_elements_nest(fixtures_dir):
    p = parse_html(page(fixtures_dir, "article_comments.html"))
    assert thread(p) == [("c1", None, 0, "Hevi"), ("c2", "c1", 1, "Yusuf A."),
                         ("c3", None, 0, "Lina")]
    assert p.comments[1].text == "They were not doubled, a second fee was added for the return trip."
    assert "two hundred trucks" in p.body
    assert_no_leaks(p)


def test_parse_html_comment_dates_are_not_the_publication_date(fixtures_dir):
    # The only dates in this page's markup belong to comments.
    assert parse_html(page(fixtures_dir, "article_comments.html")).published is None


def test_parse_html_schema_org_comments(fixtures_dir):
    p = parse_html(page(fixtures_dir, "schema_comments.html"))
    assert thread(p) == [("c1", None, 0, "Salem"), ("c2", "c1", 1, "Huda")]
    assert p.comments[1].text == "Two days if you were lucky."
    assert_no_leaks(p)


def test_parse_html_flat_list_threaded_by_depth_classes(fixtures_dir):
    p = parse_html(page(fixtures_dir, "flat_depth_comments.html"))
    assert thread(p) == [("c1", None, 0, "Ali B"), ("c2", "c1", 1, "PortWatcher"),
                         ("c3", None, 0, "Mona")]
    assert_no_leaks(p)


def test_parse_html_unknown_markup_in_comment_section_by_repetition():
    html = """<html><body><article><h1>Port strikes</h1><p>{}</p></article>
    <section id="reader-comments"><h3>Reader comments</h3>
    <div class="rc" id="rc-1"><div class="rc-who">Hana</div><div class="rc-words">First one.</div></div>
    <div class="rc" id="rc-2"><div class="rc-who">Omar</div><div class="rc-words">Second one.</div></div>
    <div class="rc" id="rc-3" data-parent="rc-1"><div class="rc-who">Hana</div>
    <div class="rc-words">Answering myself.</div></div></section></body></html>""".format(
        "Air strikes hit the port of Hodeidah on Monday, officials said. " * 6)
    p = parse_html(html)
    assert [(c.parent, c.depth) for c in p.comments] == [(None, 0), (None, 0), ("c1", 1)]
    assert [c.text.splitlines()[-1] for c in p.comments] == [
        "First one.", "Second one.", "Answering myself."]
    assert "Air strikes hit the port" in p.body
    assert_no_leaks(p)


def test_parse_html_news_furniture_stays_out_of_body(fixtures_dir):
    p = parse_html(page(fixtures_dir, "news_furniture_no_comments.html"))
    assert p.comments == []
    assert "water pumping station" in p.body and "second station further south" in p.body
    for furniture in ("Skip to Main Content", "Share on Facebook", "Bread prices rise", "Back To Top",
                      "Subscribe", "Opinion"):
        assert furniture not in p.body
    # the "MAY 2021" banner is page furniture, the meta tag states the date
    assert p.published == "2020-07-21" and p.outlet == "Euphrates Daily"


@pytest.mark.parametrize("name", ["news_furniture_no_comments.html", "wordpress_nested.html",
                                  "disqus_list.html", "article_comments.html", "schema_comments.html",
                                  "hostile_comments.html", "truncated_comments.html"])
def test_parse_html_body_is_trafilaturas_where_trafilatura_drops_the_comments(fixtures_dir, name):
    import trafilatura

    html = page(fixtures_dir, name)
    reference = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    assert parse_html(html).body == reference.text


def test_parse_html_comments_inside_the_article_element_stay_out_of_body():
    import trafilatura

    html = ("<html><body><article><h1>Shelling in Kafr Nabl</h1><p>"
            + "Government forces shelled the village of Kafr Nabl on Friday, residents said. " * 4
            + "</p><div itemprop='comment' itemscope><span itemprop='author'>Zed</span>"
            "<p itemprop='text'>Zed says this village was empty since 2016 anyway.</p></div>"
            "</article></body></html>")
    assert "Zed says" in trafilatura.bare_extraction(html, include_comments=False).text  # its leak
    p = parse_html(html)
    assert "Zed says" not in p.body and "shelled the village" in p.body
    assert [(c.author, c.text) for c in p.comments] == [("Zed", "Zed says this village was empty "
                                                                 "since 2016 anyway.")]


def test_parse_html_hostile_comments_are_inert_text(fixtures_dir):
    p = parse_html(page(fixtures_dir, "hostile_comments.html"))
    assert len(p.comments) == 3
    for c in p.comments[:2]:
        assert "alert" not in c.text and "onerror" not in c.text and "<" not in c.text
    assert p.comments[0].text.startswith("Good news at last")
    # markup a reader typed as text stays text, it is not dropped nor run
    assert "<script>alert(1)</script> stays text" in p.comments[2].text
    assert "svg" not in p.comments[2].text
    assert "alert" not in p.body and "injected by script" not in p.body
    assert "twelve aid trucks" in p.body
    assert_no_leaks(p)


def test_parse_html_truncated_page_keeps_what_came_before(fixtures_dir):
    p = parse_html(page(fixtures_dir, "truncated_comments.html"))
    assert [c.author for c in p.comments] == ["Amal", "Rami"]
    assert p.comments[1].text.endswith("the same story as in Tai")
    assert "prisoner exchange" in p.body
    assert_no_leaks(p)


def test_parse_html_deep_nesting_does_not_crash():
    n = 2000
    html = ("<html><body><article><h1>T</h1><p>" + "Troops moved into the valley. " * 20 +
            "</p></article><div id='comments'>" + "<div class='comment'><p>reply</p>" * n +
            "</div>" * n + "</div></body></html>")
    start = time.perf_counter()
    p = parse_html(html)
    assert time.perf_counter() - start < 20
    assert p.comments and "Troops moved into the valley." in p.body
    assert all(c.depth == i for i, c in enumerate(p.comments))


def test_parse_html_fragment_keeps_its_text():
    p = parse_html("<p>Rebels withdrew from Khan Shaykhun on Tuesday.</p><p>Second line.</p>")
    assert p.body == "Rebels withdrew from Khan Shaykhun on Tuesday.\nSecond line."


def test_parse_html_no_document_is_not_html():
    with pytest.raises(InputError) as e:
        parse_html("   ", origin="blank.html")
    assert e.value.code == "E006" and e.value.origin == "blank.html"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcdivlpscrt&;!-\n")) , max_size=400))
def test_parse_html_garbage_never_crashes(garbage):
    try:
        parse_html(garbage)
    except InputError:
        pass


@pytest.mark.parametrize("markup, url, expected", [
    ('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
     '"datePublished": "2017-03-04T10:00:00+03:00"}]}</script>', None, "2017-03-04"),
    ('<meta property="article:published_time" content="2016-11-30T23:10:00Z">', None, "2016-11-30"),
    ('<time itemprop="datePublished" datetime="2015-06-01">June 1</time>', None, "2015-06-01"),
    ('<time class="entry-date published" datetime="2018-05-09T07:40:00+00:00">May 9</time>', None,
     "2018-05-09"),
    ('<div class="byline">By A. Reporter, <time datetime="2014-10-02">2 Oct</time></div>', None,
     "2014-10-02"),
    ('<time class="updated" datetime="2020-01-01">1 Jan</time>', None, None),
    ('<aside><time datetime="2021-05-01">May 2021</time></aside>', None, None),
    ("<p>Posted MAY 2021</p>", "https://x.example/2018/02/10/story", "2018-02-10"),
    ("<p>Posted MAY 2021</p>", "https://x.example/news/story", None),
    ('<meta name="pubdate" content="2999-01-01">', None, None),
])
def test_find_published_reads_markup_only(markup, url, expected):
    from trafilatura.utils import load_html

    tree = load_html(f"<html><head></head><body>{markup}<p>text</p></body></html>")
    assert find_published(tree, url) == expected


@pytest.mark.parametrize("raw, expected", [
    ("Rob says:", "Rob"), ("  Marwan K.  ", "Marwan K."), ("Sara wrote", "Sara"),
    ("", None), ("x" * 200, None),
])
def test_clean_author_strips_says(raw, expected):
    assert clean_author(raw) == expected


def test_element_text_breaks_blocks_and_skips_scripts():
    from lxml import html as lhtml

    el = lhtml.fromstring("<div><p>One <b>bold</b></p><script>x()</script><p>Two<br>three</p></div>")
    assert element_text(el) == "One bold\n\nTwo\nthree"


ARTICLE = ("<article><h1>Clashes near Tal Tamr</h1><div class='entry-content'><p>"
           + "Clashes erupted near Tal Tamr on Sunday, a monitor said. " * 6 + "</p></div></article>")


@pytest.mark.parametrize("section", [
    '<div id="respond" class="comment-respond"><h3>Leave a Reply</h3><form><p class="comment-notes">'
    "Your email address will not be published.</p><label>Name *</label><input><label>Name *</label>"
    '<input type="submit" value="Post Comment"></form></div>',
    '<div id="comments" class="comments-area"><p class="no-comments">Comments are closed.</p></div>',
    '<div class="comment-count"><a href="#c">12 comments</a></div>',
])
def test_parse_html_comment_furniture_is_no_comment(section):
    p = parse_html(f"<html><body>{ARTICLE}{section}</body></html>")
    assert p.comments == [] and "Clashes erupted near Tal Tamr" in p.body


def test_parse_html_comment_section_without_markup_read_as_plain_text():
    pytest.importorskip("marsad.ingest.threads")
    p = parse_html(f"<html><body>{ARTICLE}<div id='comments'><h2>2 Comments</h2>"
                   "<p>Rob says:</p><p>The convoy was stopped at the bridge.</p>"
                   "<p>Ann says:</p><p>It was let through later.</p></div></body></html>")
    assert [c.author for c in p.comments] == ["Rob", "Ann"]
    assert p.comments[1].text == "It was let through later."
    assert_no_leaks(p)


def test_parse_html_commentary_section_is_article_not_comments():
    paras = "".join(f"<p class='para'>Paragraph {n} of the analysis on the Idlib front lines.</p>"
                    for n in range(8))
    p = parse_html(f"<html><body><div class='commentary-body'>{paras}</div></body></html>")
    assert p.comments == [] and "Paragraph 7 of the analysis" in p.body


WP_HTML5_THREAD = """<div id="comments" class="comments-area"><ol class="comment-list">
<li id="comment-7" class="comment depth-1 parent"><article id="div-comment-7" class="comment-body">
 <footer class="comment-meta"><div class="comment-author vcard"><img class="avatar" src="a.png">
 <b class="fn">Nour</b> <span class="says">says:</span></div><div class="comment-metadata"><a href="#">
 <time datetime="2019-09-01T10:00:00+00:00">September 1, 2019 at 10:00 am</time></a></div></footer>
 <div class="comment-content"><p>Mhardeh has been hit every week since spring.</p></div>
 <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div></article>
 <ol class="children"><li id="comment-8" class="comment depth-2"><article class="comment-body">
 <footer class="comment-meta"><div class="comment-author vcard"><b class="fn"><a href="http://x">Elias</a>
 </b></div></footer><div class="comment-content"><p>Not every week, but often.</p></div></article>
 </li></ol></li></ol></div>"""

WRAPPED_THREAD = """<section class="comments"><ul><li class="comment"><article class="comment"><header>
<span class="comment-author">A1</span></header><p>Top comment words.</p></article><ol class="children">
<li class="comment"><article class="comment"><header><span class="comment-author">B2</span></header>
<p>Reply words.</p></article></li></ol></li></ul></section>"""


@pytest.mark.parametrize("thread_html, expected", [
    (WP_HTML5_THREAD, [("c1", None, 0, "Nour", "Mhardeh has been hit every week since spring."),
                       ("c2", "c1", 1, "Elias", "Not every week, but often.")]),
    # <li class=comment> holding only <article class=comment> and the replies: one comment, not two
    (WRAPPED_THREAD, [("c1", None, 0, "A1", "Top comment words."), ("c2", "c1", 1, "B2", "Reply words.")]),
])
def test_parse_html_wordpress_html5_and_wrapped_comments(thread_html, expected):
    p = parse_html(f"<html><body>{ARTICLE}{thread_html}</body></html>")
    assert [(c.id, c.parent, c.depth, c.author, c.text) for c in p.comments] == expected
    assert_no_leaks(p)


def test_parse_html_schema_comment_date_is_not_the_article_date():
    html = (f"<html><body>{ARTICLE}<div class='comments'><div itemprop='comment' itemscope "
            "itemtype='https://schema.org/Comment'><meta itemprop='datePublished' content='2019-04-01'>"
            "<time itemprop='datePublished' datetime='2019-04-01'>1 April</time>"
            "<span itemprop='author'>Rami</span><p itemprop='text'>The clashes went on all night.</p>"
            "</div></div></body></html>")
    p = parse_html(html)
    assert [c.author for c in p.comments] == ["Rami"] and p.published is None
