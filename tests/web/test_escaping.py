"""Every view over a store whose every text field is a script-injection payload: the
payloads show as text, no element they describe appears, nothing runs and nothing is
fetched from another host."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

TRAP = """
window.__xss = 0;
window.alert = window.confirm = window.prompt = function () { window.__xss += 1; };
"""
# Elements none of the pages creates: one of these in the page came from a payload.
FOREIGN = "main img, main script, main svg:not(.timeline-svg), main iframe, main object, main embed, main b, main a[href^=javascript]"


def inert(pg) -> None:
    pg.wait_for_timeout(500)  # failed images fire onerror after load
    assert pg.locator(FOREIGN).count() == 0
    assert pg.evaluate("window.__xss") == 0
    pg.watch.assert_clean()


def test_hostile_document_view_shows_payloads_as_text(hostile_page):
    hostile_page.add_init_script(TRAP)
    hostile_page.goto("/documents/hostile-0")
    hostile_page.wait_for_selector(".comment")
    assert hostile_page.locator("mark.evidence-mark").count() >= 6
    assert hostile_page.get_by_text("<script>alert(1)</script>", exact=False).first.is_visible()
    assert hostile_page.title().startswith("Marsad — <script>")
    assert hostile_page.locator(".doc-meta a").get_attribute("href") == "#"  # javascript: URL
    inert(hostile_page)


def test_hostile_document_url_stays_a_plain_link(hostile_page):
    hostile_page.add_init_script(TRAP)
    hostile_page.goto("/documents/hostile-1")
    link = hostile_page.wait_for_selector(".doc-meta a")
    assert link.get_attribute("href").startswith("https://example.org/")
    assert "<script>" in link.inner_text()
    inert(hostile_page)


def test_hostile_incident_view_shows_payloads_as_text(hostile_page):
    hostile_page.add_init_script(TRAP)
    hostile_page.goto("/")
    hostile_page.wait_for_selector("body[data-loading=false]")
    href = hostile_page.locator("#event-list a", has_text="incident").first.get_attribute("href")
    hostile_page.goto(href)
    hostile_page.wait_for_selector(".dispute .claim")
    assert "<img src=x onerror=alert(1)>" in hostile_page.inner_text("main")
    inert(hostile_page)


def test_hostile_map_popup_and_list_show_payloads_as_text(hostile_page):
    hostile_page.add_init_script(TRAP)
    hostile_page.goto("/")
    hostile_page.wait_for_selector("body[data-loading=false] #map[data-events]", state="attached")
    for _ in range(12):
        if hostile_page.locator(".ev-marker").count():
            break
        hostile_page.locator(".cluster-marker").first.click()
        hostile_page.wait_for_timeout(700)
    hostile_page.locator(".ev-marker").first.click()
    popup = hostile_page.wait_for_selector(".leaflet-popup-content .popup-fields")
    assert "<" in popup.inner_text()  # a payload, as text
    assert hostile_page.locator(".leaflet-popup-content *:not(div):not(p):not(span):not(dl)"
                                ":not(dt):not(dd):not(a)").count() == 0
    assert "<script>" in hostile_page.inner_text("#event-list")
    inert(hostile_page)
