"""The store on each backend (SQLite and PostgreSQL, tests/store/conftest.py):
schema migrations, writes, duplicate links, failures, reads."""
import pytest

from marsad.document import Document, PlaceMention, RawInput
from marsad.errors import EMPTY, InputError, UsageError
from marsad.records import Actor, Comment, EventRecord, Evidence, Place
from marsad.store import StoredDocumentRecord, open_store, prepare
from marsad.store.sql import migrations

STAGES = "ingest"


@pytest.fixture
def store(store_url, cfg):
    s = open_store(store_url, cfg)
    yield s
    s.close()


@pytest.fixture
def story(fixtures_dir):
    return (fixtures_dir / "store" / "evacuation_deal.txt").read_text(encoding="utf-8")


def make_doc(doc_id, body, comments=(), data=None, title=None):
    raw = RawInput(doc_id=doc_id, origin=f"in/{doc_id}.txt", path=f"in/{doc_id}.txt",
                   data=data if data is not None else (body + "".join(c.text for c in comments)).encode())
    return Document(doc_id=doc_id, path=raw.path, title=title, body=body,
                    comments=list(comments), raw=raw, language="en")


def add(store, cfg, doc):
    return store.add(prepare(doc, STAGES, cfg))


def test_open_store_applies_each_migration_once(store_url, cfg):
    open_store(store_url, cfg).close()
    with open_store(store_url, cfg) as s:
        assert s.schema_version() == max(v for v, _, _ in migrations())
        rows = s.execute("SELECT version FROM schema_migrations").fetchall()
    assert sorted(v for (v,) in rows) == [v for v, _, _ in migrations()]


def test_open_store_missing_database_without_create_is_a_usage_error(store_url, cfg):
    with pytest.raises(UsageError, match="no Marsad database"):
        open_store(store_url, cfg, create=False)
    open_store(store_url, cfg).close()
    open_store(store_url, cfg, create=False).close()


def test_add_keeps_raw_bytes_record_events_and_places(store, cfg, story):
    doc = make_doc("a", story, [Comment("c1", None, 0, "Rob", "Good news at last.")],
                   data=b"\xef\xbb\xbfexact bytes\r\n as read")
    place = Place("Tal Hamra", None, 35.1, 36.7, "Hama", "SY", "town")
    doc.places = [PlaceMention("article", 40, 49, "Tal Hamra", place, 0.8)]
    doc.events = [EventRecord("a", "a/e1", "RETREAT", "evacuate", "article",
                              Actor("SYR_REBELS", "fighters", "armed_group"), None, None, place, None,
                              "2018-03-06", "on Tuesday", evidence=[Evidence("article", "The first convoy")])]
    stored = add(store, cfg, doc)
    store.commit()
    assert stored.doc_id == "a" and stored.duplicate_of is None
    assert store.raw("a") == b"\xef\xbb\xbfexact bytes\r\n as read"
    rec = store.document("a")
    assert isinstance(rec, StoredDocumentRecord)
    assert rec.body == story and rec.comments[0].author == "Rob" and rec.duplicate_of is None
    assert store.events("a") == doc.events
    assert store.places("a") == doc.place_records()


def test_add_same_bytes_twice_stores_once(store, cfg, story):
    assert add(store, cfg, make_doc("a", story)) is not None
    assert store.has_content(prepare(make_doc("a", story), STAGES, cfg).content_hash)
    assert add(store, cfg, make_doc("b", story)) is None
    assert store.count("documents") == 1


def test_add_links_recrawl_with_one_more_comment_to_original(store, cfg, story):
    first = [Comment("c1", None, 0, "Rob", "They will be back within a year.")]
    add(store, cfg, make_doc("page", story, first))
    recrawl = add(store, cfg, make_doc("page~2", story, first + [Comment("c2", "c1", 1, "Ann", "Doubt it.")]))
    assert recrawl.duplicate_of == "page" and recrawl.similarity == 1.0
    assert store.document("page~2").duplicate_of == "page"


def test_add_links_syndicated_copy_with_edited_first_line(store, cfg, story):
    add(store, cfg, make_doc("wire", story))
    copy = "Evacuation begins: our partner agency reports from the scene\n" + story.split("\n", 1)[1]
    stored = add(store, cfg, make_doc("outlet", copy))
    assert stored.duplicate_of == "wire"
    assert cfg["store.dedup_threshold"] <= stored.similarity < 1.0


def test_add_does_not_link_different_stories_on_the_same_topic(store, cfg, story, fixtures_dir):
    add(store, cfg, make_doc("a", story))
    for name in ("second_evacuation.txt", "dam_offensive.txt"):
        other = (fixtures_dir / "store" / name).read_text(encoding="utf-8")
        assert add(store, cfg, make_doc(name, other)).duplicate_of is None


def test_add_links_copy_of_a_copy_to_the_first_original(store, cfg, story):
    add(store, cfg, make_doc("orig", story))
    add(store, cfg, make_doc("copy1", story + "\nUpdated at noon."))
    third = add(store, cfg, make_doc("copy2", story + "\nUpdated at noon.\nCorrection appended."))
    assert third.duplicate_of == "orig"


def test_add_never_links_bodies_too_short_to_compare(store, cfg):
    add(store, cfg, make_doc("a", "Photo: AFP", data=b"one page"))
    assert add(store, cfg, make_doc("b", "Photo: AFP", data=b"another page")).duplicate_of is None


def test_unique_doc_id_adds_the_smallest_free_suffix(store, cfg, story):
    add(store, cfg, make_doc("a", story))
    assert store.unique_doc_id("a") == "a~2"
    assert store.unique_doc_id("a", {"a~2"}) == "a~3"
    assert store.unique_doc_id("b") == "b"


def test_record_failure_counts_attempts_and_a_later_success_clears_it(store, cfg, story):
    store.record_failure(InputError("in/a.txt", EMPTY, "no article text found"))
    store.record_failure(InputError("in/a.txt", EMPTY, "no article text found"))
    [failure] = store.failures()
    assert (failure.origin, failure.code, failure.attempts) == ("in/a.txt", EMPTY, 2)
    assert "no article text found" in failure.reason
    add(store, cfg, make_doc("a", story))
    assert store.failures() == []


def test_rollback_drops_the_uncommitted_batch_only(store_url, cfg, story, fixtures_dir):
    with open_store(store_url, cfg) as s:
        add(s, cfg, make_doc("kept", story))
        s.commit()
        other = (fixtures_dir / "store" / "dam_offensive.txt").read_text(encoding="utf-8")
        add(s, cfg, make_doc("lost", other))
        s.rollback()
    with open_store(store_url, cfg, create=False) as s:
        assert [d.doc_id for d in s.summaries()] == ["kept"]
        assert s.count("dedup_bands") == cfg["store.dedup_bands"]


def test_documents_and_summaries_come_in_ingest_order(store, cfg, story, fixtures_dir):
    other = (fixtures_dir / "store" / "dam_offensive.txt").read_text(encoding="utf-8")
    add(store, cfg, make_doc("z", story, [Comment("c1", None, 0, None, "First!")], title="Buses leave"))
    add(store, cfg, make_doc("a", other))
    assert [d.doc_id for d in store.documents()] == ["z", "a"]
    first = next(store.summaries())
    assert (first.doc_id, first.title, first.n_comments, first.duplicate_of) == ("z", "Buses leave", 1, None)
    assert store.document("missing") is None and store.raw("missing") is None


def test_add_does_not_link_a_roundup_of_two_stories_to_either(store, cfg, story, fixtures_dir):
    other = (fixtures_dir / "store" / "dam_offensive.txt").read_text(encoding="utf-8")
    add(store, cfg, make_doc("evacuation", story))
    add(store, cfg, make_doc("dam", other))
    roundup = "Daily roundup\n\n" + story + "\n\nIn other news:\n\n" + other
    assert add(store, cfg, make_doc("roundup", roundup)).duplicate_of is None


def test_add_moves_a_doc_id_another_writer_took_to_the_next_free_one(store, cfg, story, fixtures_dir):
    other = (fixtures_dir / "store" / "dam_offensive.txt").read_text(encoding="utf-8")
    mine = make_doc("page", story)
    mine.events = [EventRecord("page", "page/e1", "RETREAT", "evacuate", "article",
                               Actor(None, "fighters", "armed_group"), None, None, None, None,
                               None, None)]
    item = prepare(mine, STAGES, cfg)          # admitted as "page" while it was free
    add(store, cfg, make_doc("page", other))   # ... then another writer stored a "page"
    stored = store.add(item)
    store.commit()
    assert stored.doc_id == "page~2"
    assert store.document("page~2").body == story and store.document("page").body == other
    assert [(e.doc_id, e.event_id) for e in store.events("page~2")] == [("page~2", "page~2/e1")]
    assert store.count("dedup_bands") == 2 * cfg["store.dedup_bands"]


def test_second_writer_waits_for_the_first_and_skips_what_it_stored(store_url, cfg, story):
    import threading

    first = open_store(store_url, cfg)
    add(first, cfg, make_doc("a", story))      # the first writer's batch is open
    done = []

    def second_writer():
        with open_store(store_url, cfg) as second:
            done.append(add(second, cfg, make_doc("a", story)))
            second.commit()

    waiting = threading.Thread(target=second_writer)
    waiting.start()
    waiting.join(0.5)
    assert waiting.is_alive() and done == []   # blocked on the first writer's lock
    first.commit()
    waiting.join(30)
    assert done == [None]                      # same bytes: already stored
    assert first.count("documents") == 1 and first.count("dedup_bands") == cfg["store.dedup_bands"]
    first.close()


def test_text_with_nul_characters_is_stored_and_queried(store, cfg, story):
    from marsad.store.filters import EventFilter

    doc = make_doc("nul", story, [Comment("c1", None, 0, "x\x00y", "Odd\x00 bytes \\u0000 here.")],
                   data=b"raw \x00 bytes", title="Title\x00")
    doc.events = [EventRecord("nul", "nul/e1", "ASSAULT", "shelling", "article",
                              Actor(None, "the army\x00", "state_forces"), None, None, None, None,
                              None, None, evidence=[Evidence("article", "shelled\x00 it")])]
    add(store, cfg, doc)
    store.commit()
    assert store.raw("nul") == b"raw \x00 bytes"           # the input, exactly
    comment = store.document("nul").comments[0]
    assert comment.text.replace("\x00", "") == "Odd bytes \\u0000 here."
    assert [e.event_id for e in store.query_events(EventFilter(actor="the army"))] == ["nul/e1"]


def test_read_only_store_reads_and_refuses_writes(store_url, cfg, story):
    with open_store(store_url, cfg) as writer:
        add(writer, cfg, make_doc("a", story))
        writer.commit()
    with open_store(store_url, cfg, read_only=True) as reader:
        assert [d.doc_id for d in reader.documents()] == ["a"]
        with pytest.raises(Exception, match="(?i)read.only|readonly"):
            add(reader, cfg, make_doc("b", story + " Later."))
            reader.commit()
    with open_store(store_url, cfg) as writer:
        assert writer.count("documents") == 1


def test_read_only_store_must_exist(tmp_path, cfg):
    with pytest.raises(UsageError, match="no Marsad database"):
        open_store(str(tmp_path / "missing.db"), cfg, read_only=True)
    assert not (tmp_path / "missing.db").exists()
