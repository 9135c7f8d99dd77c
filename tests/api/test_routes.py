"""The JSON endpoints over the examples/ store: filters narrow, pages partition,
unknown ids are 404, and each answer agrees with the store and with the CLI's code."""
from __future__ import annotations

import pytest

from marsad import fuse
from marsad.config import load_config
from marsad.store import open_store


def get(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, (url, r.text[:300])
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


@pytest.fixture(scope="module")
def store(example_db):
    with open_store(example_db, load_config(), create=False) as s:
        yield s


def test_stats_counts_match_store(client, store):
    stats = get(client, "/api/stats")
    assert stats["documents"] == store.count("documents")
    assert stats["events"] == store.count("events") == sum(stats["by_type"].values())
    assert stats["incidents"] == store.count_incidents() > 0
    assert stats["disputed_incidents"] == sum(1 for i in store.incidents() if i.disputes) > 0
    dates = sorted(e.date for e in store.events() if e.date)
    assert (stats["first_date"], stats["last_date"]) == (dates[0], dates[-1])


def test_events_unfiltered_lists_every_event_in_store_order(client, store):
    page = get(client, "/api/events?limit=1000")
    assert page["total"] == len(page["items"]) == store.count("events")
    assert [e["event_id"] for e in page["items"]] == [e.event_id for e in store.query_events()]


@pytest.mark.parametrize("param, value, check", [
    ("type", "assault", lambda e: e["type"] == "ASSAULT"),
    ("section", "comment", lambda e: e["section"] == "comment"),
    ("status", "planned", lambda e: e["status"] == "planned"),
    ("place", "homs", lambda e: any("homs" in ((e[r] or {}).get("name") or "").lower()
                                    or "homs" in ((e[r] or {}).get("admin1") or "").lower()
                                    for r in ("location", "origin", "destination"))),
    ("actor", "SYR_GOV", lambda e: "SYR_GOV" in ((e["actor"] or {}).get("id"),
                                                  (e["recipient"] or {}).get("id"))),
    ("source", "SOHR", lambda e: any(s["id"] == "SOHR" for s in e["sources"])),
    ("q", "civilians", lambda e: any("civilians" in ev["text"].lower() for ev in e["evidence"])),
    ("date_from", "2018-05", lambda e: e["date"] is not None and e["date"] >= "2018-05"),
    ("date_to", "2017", lambda e: e["date"] is not None and e["date"][:4] <= "2017"),
    ("leaning", "opposition", lambda e: any(s["leaning"] == "opposition" for s in e["sources"])
     or not e["sources"]),
])
def test_events_filter_narrows_to_matching_events(client, param, value, check):
    everything = get(client, "/api/events?limit=1000")["total"]
    page = get(client, f"/api/events?{param}={value}&limit=1000")
    assert 0 < page["total"] < everything
    assert page["total"] == len(page["items"])
    assert all(check(e) for e in page["items"])


def test_events_filters_combine_with_and(client):
    a = {e["event_id"] for e in get(client, "/api/events?type=ASSAULT&limit=1000")["items"]}
    b = {e["event_id"] for e in get(client, "/api/events?place=homs&limit=1000")["items"]}
    both = {e["event_id"] for e in get(client, "/api/events?type=ASSAULT&place=homs&limit=1000")["items"]}
    assert both == a & b


def test_events_disputed_are_the_events_of_disputed_incidents(client, store):
    page = get(client, "/api/events?disputed=true&limit=1000")
    expected = {e for i in store.incidents() if i.disputes for e in i.event_ids}
    assert {e["event_id"] for e in page["items"]} == expected
    assert all(e["incident_id"] for e in page["items"])


def test_events_of_one_incident_and_one_document(client, store):
    inc = max(store.incidents(), key=lambda i: i.n_reports)
    page = get(client, f"/api/events?incident_id={inc.incident_id}")
    assert sorted(e["event_id"] for e in page["items"]) == sorted(inc.event_ids)
    assert {e["incident_id"] for e in page["items"]} == {inc.incident_id}
    doc = get(client, "/api/events?doc_id=homs-wire")
    assert doc["total"] == len(store.events("homs-wire")) > 0


def test_events_pages_partition_the_result(client):
    whole = [e["event_id"] for e in get(client, "/api/events?limit=1000")["items"]]
    paged = []
    for offset in range(0, len(whole), 7):
        page = get(client, f"/api/events?limit=7&offset={offset}")
        assert (page["limit"], page["offset"], page["total"]) == (7, offset, len(whole))
        paged += [e["event_id"] for e in page["items"]]
    assert paged == whole
    assert get(client, f"/api/events?offset={len(whole)}")["items"] == []


@pytest.mark.parametrize("url", ["/api/events?limit=0", "/api/events?limit=1001",
                                 "/api/events?offset=-1", "/api/events?disputed=perhaps"])
def test_events_bad_paging_is_422(client, url):
    assert get(client, url, 422)["detail"]


@pytest.mark.parametrize("url", ["/api/events?type=BOMBARD", "/api/events?date_from=2018-13",
                                 "/api/events?section=footer",
                                 "/api/events?date_from=2019&date_to=2018"])
def test_events_bad_filter_is_400_naming_the_parameter(client, url):
    detail = get(client, url, 400)["detail"]
    assert url.split("?")[1].split("=")[0] in detail and "--" not in detail


def test_event_by_id_with_slash(client, store):
    event = store.events("homs-wire")[0]
    found = get(client, f"/api/events/{event.event_id}")
    assert found["event_id"] == event.event_id and found["type"] == event.type
    assert get(client, "/api/events/homs-wire/e999", 404)["detail"]


def test_geo_events_are_points_of_the_filtered_events(client):
    geo = get(client, "/api/geo/events?type=ASSAULT&limit=1000")
    listed = get(client, "/api/events?type=ASSAULT&limit=1000")
    assert geo["type"] == "FeatureCollection" and geo["total"] == listed["total"]
    assert len(geo["features"]) + geo["unplaced"] == listed["total"]
    by_id = {e["event_id"]: e for e in listed["items"]}
    for f in geo["features"]:
        props = f["properties"]
        assert f["geometry"]["type"] == "Point" and props["type"] == "ASSAULT"
        place = by_id[props["event_id"]][props["place_role"]]
        assert f["geometry"]["coordinates"] == [place["lon"], place["lat"]]
        assert props["place_name"] == place["name"] and props["n_reports"] >= 1


def test_geo_events_carry_incident_size(client, store):
    inc = max(store.incidents(), key=lambda i: i.n_reports)
    geo = get(client, f"/api/geo/events?incident_id={inc.incident_id}")
    assert {f["properties"]["n_reports"] for f in geo["features"]} <= {inc.n_reports}


def test_geo_points_are_the_geo_events_slimmed(client):
    full = get(client, "/api/geo/events?type=ASSAULT&limit=1000")
    slim = get(client, "/api/geo/points?type=ASSAULT&limit=1000")
    assert {k: slim[k] for k in ("total", "unplaced")} == {k: full[k] for k in ("total", "unplaced")}
    assert [f["id"] for f in slim["features"]] == [f["id"] for f in full["features"]]
    for s, f in zip(slim["features"], full["features"]):
        assert s["geometry"] == f["geometry"]
        assert s["properties"] == {k: f["properties"][k] for k in s["properties"]}
        assert "evidence" not in s["properties"] and "actor" not in s["properties"]


def test_timeline_counts_every_dated_event_once(client, store):
    items = get(client, "/api/timeline")["items"]
    dated = [e for e in store.events() if e.date]
    assert sum(i["count"] for i in items) == len(dated)
    for i in items:
        assert len(i["date"]) == 10
    months = [e for e in dated if len(e.date) == 7]
    assert sum(i["count"] for i in items if i["precision"] == "month") == len(months)


def test_timeline_follows_filters(client):
    items = get(client, "/api/timeline?type=RETREAT")["items"]
    assert items and {i["type"] for i in items} == {"RETREAT"}


@pytest.mark.parametrize("params", [
    {}, {"type": "ASSAULT"}, {"place": "homs"}, {"actor": "syr"}, {"status": "denied"},
    {"since": "2018-05"}, {"until": "2017"}, {"section": "comment"}, {"disputed": True},
    {"type": "RETREAT", "place": "idlib"},
])
def test_incidents_match_the_cli_filters(client, store, params):
    names = {"since": "date_from", "until": "date_to"}
    query = "&".join(f"{names.get(k, k)}={str(v).lower()}" for k, v in params.items())
    page = get(client, f"/api/incidents?limit=1000&{query}")
    expected = fuse.incidents(store, **params)
    assert page["total"] == len(expected)
    assert sorted(i["incident_id"] for i in page["items"]) == sorted(i.incident_id for i in expected)


def test_incidents_have_the_jsonl_shape(client, store):
    page = get(client, "/api/incidents?limit=1")
    item = page["items"][0]
    from marsad.records import to_dict

    assert item == to_dict(store.incident(item["incident_id"]))
    assert page["total"] == store.count_incidents()


def test_incident_view_shows_events_in_their_documents(client, store):
    inc = next(i for i in store.incidents() if i.disputes)
    view = get(client, f"/api/incidents/{inc.incident_id}")
    assert view["incident"]["incident_id"] == inc.incident_id
    assert sorted(e["event_id"] for e in view["events"]) == sorted(inc.event_ids)
    assert [d["field"] for d in view["disputes"]] == [d.field for d in inc.disputes]
    assert set(view["field_sources"]) == set(inc.provenance)
    for event in view["events"]:
        doc = store.document(event["doc_id"])
        assert event["highlights"]
        for h in event["highlights"]:
            text = doc.body if h["section"] == "article" else next(
                c.text for c in doc.comments if c.id == h["comment_id"])
            assert text[h["start"]:h["end"]] == event["evidence"][h["evidence"]]["text"]


def test_incident_view_story_lists_its_incidents_in_order(client, store):
    story = max(store.stories(), key=lambda s: len(s.incident_ids))
    view = get(client, f"/api/incidents/{story.incident_ids[0]}")
    assert view["story"]["story_id"] == story.story_id
    assert [i["incident_id"] for i in view["story"]["incidents"]] == story.incident_ids
    assert all(i["summary"] for i in view["story"]["incidents"])


def test_incident_unknown_is_404(client):
    assert get(client, "/api/incidents/inc-000000000000", 404)["detail"]


def test_documents_search_and_outlet(client, store):
    everything = get(client, "/api/documents?limit=1000")
    assert everything["total"] == store.count("documents")
    found = get(client, "/api/documents?q=Talbiseh")
    assert 0 < found["total"] < everything["total"]
    for d in found["items"]:
        rec = store.document(d["doc_id"])
        assert "talbiseh" in (rec.body + (rec.title or "")).lower()
    outlet = next(d["outlet"] for d in everything["items"] if d["outlet"])
    by_outlet = get(client, f"/api/documents?outlet={outlet.upper()}")
    assert by_outlet["total"] >= 1 and {d["outlet"] for d in by_outlet["items"]} == {outlet}


def test_document_view_highlights_evidence_in_body_and_comments(client, store):
    view = get(client, "/api/documents/idlib-numbered-comments")
    doc = view["document"]
    assert doc["comments"] and all("parent" in c and "author" in c for c in doc["comments"])
    assert len(view["events"]) == len(store.events("idlib-numbered-comments"))
    assert len(view["places"]) == len(store.places("idlib-numbered-comments"))
    comments = {c["id"]: c["text"] for c in doc["comments"]}
    for event in view["events"]:
        for h in event["highlights"]:
            text = doc["body"] if h["section"] == "article" else comments[h["comment_id"]]
            assert text[h["start"]:h["end"]] == event["evidence"][h["evidence"]]["text"]
    assert get(client, "/api/documents/no-such-doc", 404)["detail"]


def test_places_are_counted_and_searchable(client):
    places = get(client, "/api/places?limit=1000")
    assert places["items"] and all(p["n_events"] >= 1 for p in places["items"])
    counts = [p["n_events"] for p in places["items"]]
    assert counts == sorted(counts, reverse=True)
    homs = get(client, "/api/places?q=homs&limit=1000")
    assert 0 < homs["total"] < places["total"]
    events = get(client, "/api/events?place=Talbiseh&limit=1000")["total"]
    talbiseh = next(p for p in places["items"] if p["name"] == "Talbiseh")
    assert talbiseh["n_events"] <= events


def test_actors_counts_match_the_actor_filter(client):
    actors = get(client, "/api/actors")["items"]
    gov = next(a for a in actors if a["id"] == "SYR_GOV")
    assert gov["kind"] and gov["side"] == "government" and gov["as_actor"] > 0
    listed = get(client, "/api/events?actor=SYR_GOV&limit=1000")["items"]
    assert gov["as_actor"] == sum((e["actor"] or {}).get("id") == "SYR_GOV" for e in listed)


def test_sources_list_credited_sources_and_outlets(client):
    items = get(client, "/api/sources")["items"]
    sohr = next(s for s in items if s["id"] == "SOHR")
    assert sohr["kind"] == "source" and sohr["leaning"] == "opposition"
    assert sohr["n_events"] == get(client, "/api/events?source=SOHR")["total"]
    outlets = [s for s in items if s["kind"] == "outlet"]
    assert outlets and all(s["n_documents"] >= 1 for s in outlets)


@pytest.mark.parametrize("query", ["place=homs", "actor=syr", "type=ASSAULT", "source=observatory"])
def test_incidents_pages_partition_the_result(client, query):
    whole = get(client, f"/api/incidents?{query}&limit=1000")
    assert whole["total"] == len(whole["items"]) > 0
    paged = []
    for offset in range(0, whole["total"], 2):
        page = get(client, f"/api/incidents?{query}&limit=2&offset={offset}")
        assert page["total"] == whole["total"]
        paged += [i["incident_id"] for i in page["items"]]
    assert paged == [i["incident_id"] for i in whole["items"]]
