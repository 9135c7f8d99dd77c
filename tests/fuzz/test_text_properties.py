"""Plain-text pages: comment splitting never loses text and never mixes it up."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.ingest import text, threads
from tests.fuzz.strategies import bullet_thread, distinct_sentences, render_bullets, sentence


def squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


@settings(max_examples=60, deadline=None)
@given(paragraphs=distinct_sentences(2, 6), comments=bullet_thread(),
       heading=st.sampled_from(["", "12 Comments", "Comments", "Leave a Reply"]))
def test_parse_text_keeps_every_paragraph_and_comment_apart(paragraphs, comments, heading):
    page = "Convoy Reaches Besieged Town\n\n" + "\n\n".join(paragraphs) + "\n\n" \
        + (heading + "\n\n" if heading else "") + render_bullets(comments)
    parsed = text.parse_text(page)
    body = squash(parsed.body)
    for p in paragraphs:
        assert p in body
    assert [(c.author, squash(c.text), c.depth) for c in parsed.comments] == \
        [(a, t, d) for a, t, d in comments]
    for _, t, _ in comments:
        assert t not in body


@settings(max_examples=60, deadline=None)
@given(paragraphs=distinct_sentences(2, 5), comments=bullet_thread(),
       cut=st.floats(0.0, 1.0))
def test_parse_text_on_a_cut_page_loses_no_prose_line(paragraphs, comments, cut):
    # a page truncated anywhere (a download that stopped): what is left is still all read
    page = "\n\n".join(paragraphs) + "\n\n" + render_bullets(comments)
    page = page[:int(len(page) * cut)]
    parsed = text.parse_text(page)
    kept = squash(parsed.body) + " " + " ".join(squash(c.text) for c in parsed.comments)
    for line in page.split("\n"):
        words = line.strip().lstrip("•").strip()
        if len(words.split()) >= 6:     # shorter lines may be read as names or furniture
            assert squash(words) in kept


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=400))
def test_parse_text_never_raises_and_comments_form_a_tree(page):
    parsed = text.parse_text(page)
    ids = []
    for c in parsed.comments:
        assert c.parent is None or c.parent in ids
        ids.append(c.id)
    assert isinstance(parsed.body, str)


@settings(max_examples=60, deadline=None)
@given(comments=bullet_thread(), lead=sentence(min_words=6, max_words=10))
def test_parse_thread_reads_bare_lead_then_marked_comments(comments, lead):
    # a thread block opening with an author-less comment keeps it, then every marked one
    found = threads.parse_thread(lead + "\n\n" + render_bullets(comments))
    texts = [squash(c.text) for c in found]
    assert texts[-len(comments):] == [t for _, t, _ in comments]
