"""The map page in Chromium: markers for the ingested examples, filters and the timeline
brush narrow them and travel in the URL, popups, the incidents toggle."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.slow


def loaded(pg) -> None:
    """Wait until the page's latest query has been answered and drawn."""
    # CSS selectors, not wait_for_function: the page's CSP (rightly) forbids eval
    pg.wait_for_selector("body[data-loading=false] #map[data-events]", state="attached")


def on_map(pg) -> int:
    return int(pg.get_attribute("#map", "data-events"))


def query(pg) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(pg.url).query).items()}


def test_map_shows_markers_for_examples(page, api, screenshot):
    page.goto("/")
    loaded(page)
    expected = len(api("/api/geo/events", limit=1000)["features"])
    assert expected > 0
    assert on_map(page) == expected
    page.wait_for_selector(".leaflet-marker-icon")  # markers are added in chunks
    assert page.locator(".leaflet-overlay-pane canvas").count() >= 1  # the basemap is drawn
    assert "Natural Earth" in page.inner_text(".leaflet-control-attribution")
    page.wait_for_timeout(300)  # let the cluster animation settle for the picture
    screenshot(page, "map")
    page.watch.assert_clean()


def test_type_filter_narrows_markers(page, api):
    page.goto("/")
    loaded(page)
    before = on_map(page)
    page.select_option("select[name=type]", "ASSAULT")
    loaded(page)
    after = on_map(page)
    assert 0 < after < before
    assert after == len(api("/api/geo/events", type="ASSAULT", limit=1000)["features"])
    assert query(page) == {"type": "ASSAULT"}
    chips = page.locator("#event-list .type-chip").all_inner_texts()
    assert chips and set(chips) == {"ASSAULT"}
    page.watch.assert_clean()


def test_legend_entry_shows_only_its_type(page, api):
    page.goto("/")
    loaded(page)
    legend = page.locator("#legend button").all_inner_texts()
    assert sorted(t.strip() for t in legend) == sorted(api("/api/stats")["by_type"])
    page.click("#legend button[data-type=RETREAT]")
    loaded(page)
    assert page.input_value("select[name=type]") == "RETREAT"
    assert on_map(page) == len(api("/api/geo/events", type="RETREAT", limit=1000)["features"])
    page.watch.assert_clean()


def test_filters_from_url_are_applied(page, api):
    expected = api("/api/events", status="denied", section="article", limit=1)["total"]
    page.goto("/?status=denied&section=article")
    loaded(page)
    assert page.input_value("select[name=status]") == "denied"
    assert page.input_value("select[name=section]") == "article"
    assert page.locator("#event-list > li").count() == min(expected, 50)
    assert set(page.locator("#event-list .status").all_inner_texts()) <= {"denied"}
    page.watch.assert_clean()


def test_text_search_narrows_list(page, api):
    page.goto("/")
    loaded(page)
    total = api("/api/events", limit=1)["total"]
    page.fill("input[name=q]", "Idlib")
    page.press("input[name=q]", "Enter")
    loaded(page)
    matching = api("/api/events", q="Idlib", limit=1)["total"]
    assert 0 < matching < total
    assert page.locator("#event-list > li").count() == min(matching, 50)
    assert query(page)["q"] == "Idlib"
    page.watch.assert_clean()


def test_timeline_brush_narrows_to_range(page):
    page.goto("/")
    loaded(page)
    before = on_map(page)
    assert int(page.get_attribute("#timeline", "data-days")) > 1
    box = page.locator("#timeline svg").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.8, y, steps=5)
    page.mouse.move(box["x"] + box["width"] * 0.99, y, steps=5)
    page.mouse.up()
    loaded(page)
    params = query(page)
    date_from, date_to = params["date_from"], params["date_to"]
    assert date_from < date_to
    assert page.input_value("input[name=date_from]") == date_from
    assert on_map(page) < before
    dates = page.locator("#event-list .date").all_inner_texts()
    assert all(date_from <= d[:len(date_from)] <= date_to for d in dates if d != "undated")
    assert page.locator("#timeline .brush").count() == 1
    page.click("#clear-range")
    loaded(page)
    assert "date_from" not in query(page)
    assert on_map(page) == before
    page.watch.assert_clean()


def test_date_inputs_narrow_markers(page, api):
    page.goto("/")
    loaded(page)
    before = on_map(page)
    page.fill("input[name=date_from]", "2018-05-01")
    page.fill("input[name=date_to]", "2018-05-31")
    loaded(page)
    assert on_map(page) == len(api("/api/geo/events", date_from="2018-05-01",
                                   date_to="2018-05-31", limit=1000)["features"])
    assert 0 < on_map(page) < before
    page.watch.assert_clean()


def open_some_popup(pg):
    """Click clusters (which zoom in) until a single marker shows, then open its popup."""
    for _ in range(12):
        single = pg.locator(".ev-marker")
        if single.count():
            single.first.click()
            return pg.wait_for_selector(".leaflet-popup-content .popup-fields")
        pg.locator(".cluster-marker").first.click()
        pg.wait_for_timeout(700)
    pytest.fail("no single marker after zooming into clusters")


def test_marker_popup_shows_event_and_links(page, api, screenshot):
    page.goto("/?place=Homs")
    loaded(page)
    popup = open_some_popup(page)
    text = popup.inner_text()
    assert page.inner_text(".leaflet-popup-content .type-chip") in api("/api/stats")["by_type"]
    for label in ("Actor", "Place", "Status", "Sources"):
        assert label in text
    assert "Homs" in text
    links = [a.get_attribute("href") for a in page.locator(".leaflet-popup-content a").all()]
    assert any(h.startswith("/incidents/") for h in links)
    assert any(h.startswith("/documents/") for h in links)
    screenshot(page, "map-popup")
    page.watch.assert_clean()


def test_incidents_toggle_groups_reports(page):
    page.goto("/")
    loaded(page)
    events = on_map(page)
    assert int(page.get_attribute("#map", "data-markers")) == events
    page.check("#incidents-mode")
    loaded(page)
    page.locator("#summary", has_text="incident").wait_for()
    markers = int(page.get_attribute("#map", "data-markers"))
    assert 0 < markers < events  # syndicated and corroborating reports share a marker
    page.watch.assert_clean()


def test_incident_marker_popup_lists_its_reports(page, api):
    incident = max(api("/api/incidents", limit=1000)["items"], key=lambda i: len(i["event_ids"]))
    assert len(incident["event_ids"]) > 1
    place = incident["location"] or incident["destination"] or incident["origin"]
    page.goto(f"/?type={incident['type']}&place={place['name']}")
    loaded(page)
    page.check("#incidents-mode")
    page.locator("#summary", has_text="incident").wait_for()
    for _ in range(12):
        if page.locator(".inc-marker").count():
            break
        page.locator(".cluster-marker").first.click()
        page.wait_for_timeout(700)
    found = False
    for marker in page.locator(".inc-marker").all():
        marker.click()
        page.wait_for_selector(".leaflet-popup-content .popup-fields")
        links = [a.get_attribute("href") for a in page.locator(".popup-reports a").all()]
        if any(f"/incidents/{incident['incident_id']}" == a.get_attribute("href")
               for a in page.locator(".popup-links a").all()):
            placed = api("/api/geo/events", incident_id=incident["incident_id"], limit=1000)
            assert len(links) == len(placed["features"]) > 1
            assert all(h.startswith("/documents/") for h in links)
            found = True
            break
    assert found
    page.watch.assert_clean()


def test_map_pages_through_more_events_than_one_answer(many_page):
    many_page.goto("/")
    loaded(many_page)
    assert on_map(many_page) == 1200  # the API serves at most 1,000 features a call
    assert "1200 events match" in many_page.inner_text("#summary")
    many_page.select_option("select[name=type]", "RETREAT")
    loaded(many_page)
    assert on_map(many_page) == 12 * 34  # i % 3 == 0 for 34 of every 100
    many_page.watch.assert_clean()


def test_leaning_actor_and_disputed_filters_match_the_api(page, api):
    page.goto("/")
    loaded(page)
    before = on_map(page)
    # the leaning choices come from the sources the store knows
    leanings = page.locator("select[name=leaning] option").all_inner_texts()[1:]
    assert "government" in leanings
    page.select_option("select[name=leaning]", "government")
    loaded(page)
    expected = api("/api/geo/events", leaning="government", limit=1000)["features"]
    assert on_map(page) == len(expected) < before
    page.check("input[name=disputed]")
    loaded(page)
    expected = api("/api/geo/events", leaning="government", disputed=True, limit=1000)["features"]
    assert on_map(page) == len(expected)
    assert query(page) == {"leaning": "government", "disputed": "true"}
    page.fill("input[name=actor]", "SYR_GOV")
    page.press("input[name=actor]", "Enter")
    loaded(page)
    expected = api("/api/events", leaning="government", disputed=True, actor="SYR_GOV", limit=1)
    assert page.locator("#event-list > li").count() == expected["total"]
    page.watch.assert_clean()


def test_back_button_restores_earlier_filters(page):
    page.goto("/")
    loaded(page)
    before = on_map(page)
    page.select_option("select[name=type]", "AGREE")
    loaded(page)
    assert on_map(page) < before
    page.go_back()
    page.wait_for_url(lambda url: "type=" not in url)
    loaded(page)
    assert page.input_value("select[name=type]") == ""
    assert on_map(page) == before
    page.watch.assert_clean()


def test_map_of_empty_store_says_so(empty_page):
    empty_page.goto("/")
    loaded(empty_page)
    assert on_map(empty_page) == 0
    assert "0 events match" in empty_page.inner_text("#summary")
    assert "No dated events" in empty_page.inner_text("#timeline")
    assert empty_page.locator("#event-list > li").count() == 0
    empty_page.watch.assert_clean()


def test_map_bad_filter_in_url_names_the_problem(page):
    page.goto("/?date_from=2018-13-40")
    alert = page.wait_for_selector("#summary [role=alert]").inner_text()
    assert "HTTP 400" in alert and "date_from" in alert
    assert page.watch.page_errors == [] and page.watch.outside_requests == []
    assert all("400" in e for e in page.watch.console_errors)  # the browser logs the refusal
