"""The incident view in Chromium: a dispute's values side by side with their sources, the
story the incident belongs to, and each supporting sentence highlighted in its document."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


# Disputes that show best what the view is for: where it happened, whether it happened.
TELLING = ["destination", "origin", "location", "status", "fatalities"]


def disputed_incident(api) -> dict:
    """A disputed incident of the examples, preferring a telling disputed field, then one
    whose values come from more outlets (the Homs deal: reached, or denied)."""
    items = api("/api/incidents", disputed=True, limit=100)["items"]
    assert items, "the examples hold disputed incidents (the Homs story)"

    def telling(inc) -> int:
        fields = {d["field"] for d in inc["disputes"]}
        return max((len(TELLING) - TELLING.index(f) for f in fields if f in TELLING), default=0)
    return max(items, key=lambda inc: (telling(inc), len(inc.get("outlets") or []),
                                       inc["incident_id"]))


def test_incident_shows_dispute_with_both_values_and_sources(page, api, screenshot):
    incident = disputed_incident(api)
    view = api(f"/api/incidents/{incident['incident_id']}")
    page.goto(f"/incidents/{incident['incident_id']}")
    page.wait_for_selector(".dispute")
    for dispute in view["disputes"]:
        box = page.locator(f".dispute[data-field='{dispute['field']}']")
        claims = box.locator(".claim")
        assert claims.count() == len(dispute["values"]) >= 2
        for i, backing in enumerate(dispute["values"]):
            claim = claims.nth(i).inner_text()
            for source in backing["sources"]:
                assert source in claim
    screenshot(page, "incident")
    page.watch.assert_clean()


def test_incident_merged_fields_name_their_sources(page, api):
    incident = disputed_incident(api)
    view = api(f"/api/incidents/{incident['incident_id']}")
    page.goto(f"/incidents/{incident['incident_id']}")
    page.wait_for_selector("table.fields")
    for name, backings in view["field_sources"].items():
        row = page.locator(f"table.fields tr[data-field='{name}']")
        if not row.count():
            continue  # a field the view does not list (e.g. type, shown as the heading)
        text = row.inner_text()
        for backing in backings:
            for source in backing["sources"]:
                assert source in text
    page.watch.assert_clean()


def test_incident_story_lists_its_incidents_in_order(page, api):
    incident = disputed_incident(api)
    story = api(f"/api/incidents/{incident['incident_id']}")["story"]
    if not story or not story["incidents"]:
        pytest.skip("this incident belongs to no story")
    page.goto(f"/incidents/{incident['incident_id']}")
    page.wait_for_selector(".story")
    rows = page.locator(".story li")
    assert rows.count() == len(story["incidents"])
    assert page.locator(".story li.current").count() == 1
    hrefs = [a.get_attribute("href") for a in page.locator(".story li a").all()]
    expected = [f"/incidents/{i['incident_id']}" for i in story["incidents"]
                if i["incident_id"] != incident["incident_id"]]
    assert hrefs == expected
    page.watch.assert_clean()


def test_incident_evidence_highlighted_in_document_text(page, api):
    incident = disputed_incident(api)
    events = api(f"/api/incidents/{incident['incident_id']}")["events"]
    page.goto(f"/incidents/{incident['incident_id']}")
    page.wait_for_selector(".support")
    for event in events:
        box = page.locator(f".support[data-event-id='{event['event_id']}']")
        marks = box.locator("mark.evidence-mark").all_inner_texts()
        assert sorted(marks) == sorted(e["text"] for e in event["evidence"])
        excerpt = box.locator(".excerpt").first.inner_text()
        assert len(excerpt) > len(marks[0])  # shown inside its context, not alone
        link = box.locator("a", has_text="open the document").get_attribute("href")
        assert link.startswith(f"/documents/{event['doc_id']}")
    page.watch.assert_clean()


def test_incident_unknown_id_says_so(page):
    page.goto("/incidents/inc-does-not-exist")
    message = page.wait_for_selector("[role=alert]").inner_text()
    assert "404" in message
    # the failed API call is the only console error the browser logs
    assert all("404" in e for e in page.watch.console_errors)
    assert page.watch.outside_requests == [] and page.watch.page_errors == []
