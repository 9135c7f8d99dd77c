"""Migration 006's tables (marsad/store/migrations/006_api_search.sql) on each backend:
the text search finds exactly what a folded substring test finds, and the listing, search
and incident-key tables follow every write (insert, a re-ingest, a renamed document, a
re-fused block) and are filled when an older store is opened."""
from __future__ import annotations

from collections import defaultdict

import pytest

from marsad import fuse
from marsad.records import Actor, DocumentRecord, EventRecord, Evidence, Place, Source, to_dict
from marsad.store import Prepared, content_hash, open_store, queries, sql
from marsad.store.event_keys import fold, incident_keys
from marsad.store.filters import EventFilter
from marsad.store.queries import EventQuery, open_readonly

HAMA = Place("Ḩamāh", 1, 35.13, 36.75, "Ḩamāh Governorate", "SY", "city")
IDLIB = Place("Idlib", 2, 35.93, 36.63, "Idlib", "SY", "city")
# (doc_id, title, body, [(evidence sentence, place, date)])
DOCS = [
    ("a", "Night raid", "Shells fell on Ḩamāh overnight, SOHR said.",
     [("Shells fell on Ḩamāh overnight, SOHR said.", HAMA, "2019-05-01")]),
    ("b", 'They say "no"', "Talks stalled; 50%_ of the convoy waited at Idlib.",
     [('Officials say "no" to the 50%_ plan.', IDLIB, "2019-05-02"),
      ("The convoy waited at Idlib.", IDLIB, "2019-05-02")]),
    ("c", "alpha", "beta: shelling hit HAMAH again.",
     [(["Shelling hit HAMAH again, SOHR said.", "Residents fled north."], HAMA, "2019-05-01")]),
]
QUERIES = ["shells", "SHELL", "ḩamāh", "hamah", "said", 'say "no"', '"', "50%_", "%", "_", "a",
           "el", "alphabeta", "alpha", "idlib.", "zzz", "ş", "residents fled", "said.residents",
           "said.\nresidents", "said. residents", "\n"]


def prepared(doc_id: str, title: str, body: str, events: list, sourced: bool = True) -> Prepared:
    records = [EventRecord(doc_id, f"{doc_id}/e{i + 1}", "ASSAULT", None, "article",
                           Actor("SYR_ARMY", "Syrian army", "state_forces"), None, place, None, None,
                           date, None, sources=[Source("SOHR", "sohr", "opposition")] if sourced else [],
                           evidence=[Evidence("article", t) for t in ([text] if isinstance(text, str) else text)])
               for i, (text, place, date) in enumerate(events)]
    rec = DocumentRecord(doc_id, None, None, title, "2019-05-03", "en", "Outlet", body, [])
    raw = f"{doc_id}|{title}|{body}".encode()
    return Prepared(rec, doc_id, raw, content_hash(raw), None, "t", records, [])


def fill(store) -> None:
    for doc in DOCS:
        store.add(prepared(*doc))
    store.commit()


def expected_events(store, q: str) -> list[str]:
    """The events (in listing order) with an evidence sentence holding q, folded."""
    return [e.event_id for e in store.query_events()
            if any(fold(q) in fold(ev.text) for ev in e.evidence)]


def expected_documents(store, q: str) -> list[str]:
    return [d.doc_id for d in store.documents()
            if any(fold(q) in fold(t) for t in (d.title, d.body) if t)]


def row_counts(store) -> tuple:
    return tuple(store.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                 for t in ("event_listing", "event_search", "document_search"))


def stored_incident_keys(store) -> set:
    return set(map(tuple, store.execute("SELECT incident_id, facet, key FROM incident_keys")))


def computed_incident_keys(store) -> set:
    return {(inc.incident_id, facet, key) for inc in store.incidents()
            for facet, key in incident_keys(to_dict(inc))}


@pytest.fixture
def filled(store_url, cfg):
    with open_store(store_url, cfg) as store:
        fill(store)
    return store_url


@pytest.mark.parametrize("small_set, probe_budget", [(0, 0), (0, 10**9), (queries.SMALL_SET, 0)])
def test_text_search_finds_what_a_folded_substring_test_finds(filled, cfg, small_set, probe_budget,
                                                              monkeypatch):
    """On every paging path of event_page: listed whole, walked, walked with probes."""
    monkeypatch.setattr(queries, "SMALL_SET", small_set)
    monkeypatch.setattr(queries, "PROBE_BUDGET", probe_budget)
    with open_readonly(filled, cfg) as store:
        for q in QUERIES:
            want = expected_events(store, q)
            total, rows = queries.event_page(store, EventQuery(q=q), 100, 0)
            assert (total, [r.event.event_id for r in rows]) == (len(want), want), q
            docs = expected_documents(store, q)
            assert [d["doc_id"] for d in queries.document_page(store, q)] == docs, q
            assert queries.count_documents(store, q) == len(docs), q


def test_text_search_never_matches_across_a_title_and_body(filled, cfg):
    with open_readonly(filled, cfg) as store:
        assert queries.count_documents(store, "alphabeta") == 0
        assert queries.count_documents(store, "alpha") == queries.count_documents(store, "beta:") == 1


def test_listing_and_search_rows_follow_inserts_and_skip_a_re_ingest(filled, cfg):
    with open_store(filled, cfg) as store:
        listed = [tuple(r) for r in store.execute(
            "SELECT id, event_id, doc_id, type, date, section, status FROM event_listing ORDER BY id")]
        assert listed == [tuple(r) for r in store.execute(
            "SELECT id, event_id, doc_id, type, date, section, status FROM events ORDER BY id")]
        before = row_counts(store)
        assert before == (4, 4, 6)
        assert store.add(prepared(*DOCS[0])) is None  # the same bytes again: nothing written
        store.commit()
        assert row_counts(store) == before


def test_a_renamed_document_is_found_under_its_new_id(filled, cfg):
    with open_store(filled, cfg) as store:
        stored = store.add(prepared("a", "Dawn raid", "Mortars hit Kafr Nabl.",
                                    [("Mortars hit Kafr Nabl.", IDLIB, "2019-06-01")]))
        store.commit()
        assert stored.doc_id == "a~2"
    with open_readonly(filled, cfg) as store:
        total, rows = queries.event_page(store, EventQuery(q="kafr nabl"), 10, 0)
        assert [r.event.event_id for r in rows] == ["a~2/e1"] and total == 1
        assert [d["doc_id"] for d in queries.document_page(store, "dawn")] == ["a~2"]


def test_incident_keys_follow_re_fused_blocks(filled, cfg):
    with open_store(filled, cfg) as store:
        fuse.run(store, cfg)
        first = stored_incident_keys(store)
        assert first and first == computed_incident_keys(store)
        # Another outlet's report of the Ḩamāh shelling: its incident is redone.
        store.add(prepared("d", "More shelling", "Shelling on Ḩamāh, Enab Baladi said.",
                           [("Shelling on Ḩamāh, Enab Baladi said.", HAMA, "2019-05-01")]))
        store.commit()
        fuse.run(store, cfg)
        assert stored_incident_keys(store) == computed_incident_keys(store) != first


@pytest.mark.parametrize("place", ["ḩamāh", "ḨAMĀH", "hamah", "idlib", "Governorate", "sy", "x"])
def test_incident_filters_equal_the_cli_in_any_case(filled, cfg, place):
    with open_store(filled, cfg) as store:
        fuse.run(store, cfg)
        want = {i.incident_id for i in fuse.incidents(store, place=place)}
        total, found = queries.incident_page(store, EventFilter(place=place), limit=100)
        assert (total, {i.incident_id for i in found}) == (len(want), want)
        for actor in ("syr_army", "Syrian", "nobody"):
            want = {i.incident_id for i in fuse.incidents(store, actor=actor)}
            assert {i.incident_id for i in queries.incident_page(store, EventFilter(actor=actor))[1]} == want


def test_migration_6_fills_the_tables_of_a_store_made_before_it(store_url, tmp_path, cfg, monkeypatch):
    with open_store(str(tmp_path / "fused.db"), cfg) as current:  # the incidents to carry over
        fill(current)
        fuse.run(current, cfg)
        by_block = defaultdict(list)
        for inc in current.incidents():
            by_block[inc.block].append(inc)
    every = sql.migrations()
    monkeypatch.setattr(sql, "migrations", lambda: [m for m in every if m[0] <= 5])
    with open_store(store_url, cfg) as old:
        fill(old)
        old.add(prepared("e", "Unsourced", "A blast hit Idlib.", [("A blast hit Idlib.", IDLIB, None)],
                         sourced=False))
        old.replace_incident_blocks(dict(by_block), [])
        # The filter index as migration 5 wrote it: a mark on the events crediting a source.
        old.execute("DELETE FROM event_keys WHERE facet = 'unsourced'")
        old.execute("INSERT INTO event_keys (event_row, facet, key) SELECT id, 'sourced', ''"
                    " FROM events WHERE doc_id <> 'e'")
        old.commit()
        assert not old.writes_api_tables
    monkeypatch.setattr(sql, "migrations", lambda: [m for m in every if m[0] <= 6])
    with open_store(store_url, cfg) as new:
        assert new.schema_version() == 6 and row_counts(new) == (5, 5, 8)
        for outlets, want in (((), []), (("Outlet",), ["e/e1"])):  # leaning by outlet: unsourced only
            query = EventQuery(leaning="government", leaning_outlets=outlets)
            assert [r.event.event_id for r in queries.event_page(new, query, 10, 0)[1]] == want
        assert queries.count_events(new, EventQuery(leaning="opposition")) == 4
        assert stored_incident_keys(new) == computed_incident_keys(new) != set()
        for q in QUERIES:
            assert [r.event.event_id for r in queries.event_page(new, EventQuery(q=q), 100, 0)[1]] \
                == expected_events(new, q), q
            assert [d["doc_id"] for d in queries.document_page(new, q)] == expected_documents(new, q), q


def test_postgresql_search_tables_get_a_trigram_index_when_pg_trgm_exists(store_url, cfg):
    if not store_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    with open_store(store_url, cfg) as store:
        if store.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'").fetchone() is None:
            pytest.skip("this server has no pg_trgm")
        indexes = {r[0] for r in store.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")}
        assert {"event_search_trigrams", "document_search_trigrams"} <= indexes
