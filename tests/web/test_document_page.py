"""The document view in Chromium: the body with its events' evidence highlighted, reader
comments apart as a thread, and hostile comments shown as text that runs nothing."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

HOSTILE = "hodeidah-hostile-comment"
THREADED = "homs-opposition-blog"
# Installed before any page script: a payload that ran would set or call one of these.
TRAP = """
window.__xss = 0;
window.alert = window.confirm = window.prompt = function () { window.__xss += 1; };
"""


def test_document_comments_shown_apart_as_thread(page, api, screenshot):
    doc = api(f"/api/documents/{THREADED}")["document"]
    assert any(c["parent"] for c in doc["comments"]), "the example has replies"
    page.goto(f"/documents/{THREADED}")
    page.wait_for_selector(".comment")
    body = page.inner_text("#doc-body")
    comments = page.locator("#comments .comment")
    assert comments.count() == len(doc["comments"])
    for i, comment in enumerate(doc["comments"]):
        shown = comments.nth(i)
        assert comment["text"].split("\n")[0] in shown.inner_text()
        assert comment["text"] not in body
        if comment["author"]:
            assert shown.locator(".author").inner_text() == comment["author"]
    # a reply is indented past the comment it answers
    by_id = {c["id"]: i for i, c in enumerate(doc["comments"])}
    reply = next(c for c in doc["comments"] if c["parent"] in by_id)
    x_reply = comments.nth(by_id[reply["id"]]).bounding_box()["x"]
    x_parent = comments.nth(by_id[reply["parent"]]).bounding_box()["x"]
    assert x_reply > x_parent
    screenshot(page, "document")
    page.watch.assert_clean()


def test_document_evidence_highlighted_at_offsets(page, api):
    data = api(f"/api/documents/{THREADED}")
    page.goto(f"/documents/{THREADED}")
    page.wait_for_selector("mark.evidence-mark")
    shown = page.locator("mark.evidence-mark").all_inner_texts()
    body = data["document"]["body"]
    article_evidence = {e["text"] for ev in data["events"] for e in ev["evidence"]
                        if e["section"] == "article" and e["text"] in body}
    assert article_evidence
    # every sentence is marked (overlapping sentences are marked once, from where the
    # earlier one ends), and every mark is a piece of a sentence
    joined = " ".join(shown)
    assert all(text[-20:] in joined for text in article_evidence)
    assert all(any(mark in text for text in article_evidence | comment_texts(data))
               for mark in shown)
    page.watch.assert_clean()


def comment_texts(data) -> set[str]:
    return {e["text"] for ev in data["events"] for e in ev["evidence"] if e["section"] == "comment"}


def test_document_link_to_event_lands_on_its_sentence(page, api):
    event = api(f"/api/documents/{THREADED}")["events"][0]
    anchor = "ev-" + "".join(c if c.isalnum() or c in "_-" else "_" for c in event["event_id"])
    page.goto(f"/documents/{THREADED}#{anchor}")
    page.wait_for_selector("mark.evidence-mark")
    assert page.locator(f"#{anchor}").count() == 1
    page.watch.assert_clean()


def test_hostile_comment_runs_no_script(page, api):
    doc = api(f"/api/documents/{HOSTILE}")["document"]
    hostile = next(c for c in doc["comments"] if "<script>" in c["text"])
    page.add_init_script(TRAP)
    page.goto(f"/documents/{HOSTILE}")
    page.wait_for_selector(".comment")
    page.wait_for_timeout(500)  # an onerror handler would fire once the bad image failed
    # the payload is on the page as visible text ...
    assert page.get_by_text("<script>alert(1)</script>", exact=False).first.is_visible()
    assert page.get_by_text("<img src=x onerror=alert(1)>", exact=False).first.is_visible()
    assert page.get_by_text(hostile["author"], exact=True).first.is_visible()
    # ... and not in the DOM as elements
    assert page.locator("#comments img, #comments script, #comments b").count() == 0
    scripts = [s.get_attribute("src") for s in page.locator("script").all()]
    assert all(src and src.startswith("/static/") for src in scripts)
    assert page.evaluate("window.__xss") == 0
    page.watch.assert_clean()
