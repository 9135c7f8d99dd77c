"""Inputs to RawInputs: folders, WARC, feeds, JSON (Lines), gzip, stdin; bad input named."""
import gzip
import io
import json
import sys
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.config import load_config
from marsad.document import RawInput
from marsad.errors import (BAD_RECORD, BINARY, EMPTY, GZIP_BOMB, TOO_LARGE, TRUNCATED,
                           UNREADABLE, InputError)
from marsad.ingest import build_document
from marsad.ingest.sources import GzipGuard, doc_stem, iso_date, iter_inputs

FORMATS = "ingest/formats"


def collect(paths, cfg):
    items = list(iter_inputs([str(p) for p in paths], cfg))
    return [i for i in items if isinstance(i, RawInput)], [i for i in items if isinstance(i, InputError)]


def article(n: int, words: int = 60) -> bytes:
    return (f"<html><head><title>Report {n}</title></head><body><article><h1>Report {n}</h1><p>"
            + "Fighting continued near the town of Saraqib on Friday. " * (words // 9)
            + "</p></article></body></html>").encode()


def warc_bytes(gz: bool, records) -> bytes:
    """A WARC written by warcio: each (type, url, content type, payload, status) a record."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for rec_type, url, ctype, payload, status in records:
        if rec_type == "response":
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                            http_headers=http)
        elif rec_type == "request":
            http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            rec = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=http)
        else:
            rec = writer.create_warc_record(url, rec_type, payload=io.BytesIO(payload),
                                            warc_content_type=ctype)
        writer.write_record(rec)
    return buf.getvalue()


CRAWL = [
    ("request", "http://news.example/a", None, b"", None),
    ("response", "http://news.example/a", "text/html; charset=utf-8", article(1), "200 OK"),
    ("metadata", "http://news.example/a", "application/warc-fields", b"via: test\r\n", None),
    ("response", "http://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n", "200 OK"),
    ("response", "http://news.example/gone", "text/html", b"<html>gone</html>", "404 Not Found"),
    ("resource", "http://news.example/b.txt", "text/plain", b"Headline\n\nTroops left Manbij.", None),
    ("response", "http://news.example/c", "text/html", article(3), "200 OK"),
]


@pytest.mark.parametrize("gz, name", [(False, "crawl.warc"), (True, "crawl.warc.gz")])
def test_iter_inputs_warc_documents_with_url_and_crawl_date(tmp_path, cfg, gz, name):
    path = tmp_path / name
    path.write_bytes(warc_bytes(gz, CRAWL))
    docs, errors = collect([path], cfg)
    assert errors == []
    assert [d.doc_id for d in docs] == ["crawl-2", "crawl-6", "crawl-7"]
    assert [d.origin for d in docs] == [f"{path}#record-{n}" for n in (2, 6, 7)]
    assert [d.meta["url"] for d in docs] == ["http://news.example/a", "http://news.example/b.txt",
                                             "http://news.example/c"]
    assert [d.meta["kind"] for d in docs] == ["html", "text", "html"]
    # the WARC date is when the page was fetched: kept apart from the publication date
    assert all("published" not in d.meta and iso_date(d.meta["crawled"]) for d in docs)
    assert build_document(docs[0], cfg).url == "http://news.example/a"


@pytest.mark.parametrize("gz", [False, True])
def test_iter_inputs_truncated_warc_keeps_earlier_records(tmp_path, cfg, gz):
    records = [("response", f"http://news.example/{n}", "text/html", article(n, 400), "200 OK")
               for n in range(3)]
    whole = warc_bytes(gz, records)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(whole[:int(len(whole) * 0.85)])
    docs, errors = collect([path], cfg)
    assert [d.doc_id for d in docs] == ["cut-1", "cut-2"]
    assert [(e.code, e.origin) for e in errors] == [(TRUNCATED, f"{path}#record-3")]


def test_iter_inputs_warc_oversized_record_refused_others_kept(tmp_path):
    cfg = load_config(ingest__max_bytes=5000)
    records = [("response", "http://x.example/small", "text/html", article(1), "200 OK"),
               ("response", "http://x.example/big", "text/html", article(2, 4000), "200 OK"),
               ("response", "http://x.example/small2", "text/html", article(3), "200 OK")]
    path = tmp_path / "mixed.warc.gz"
    path.write_bytes(warc_bytes(True, records))
    assert path.stat().st_size > 5000 or True  # the container itself may exceed the limit
    docs, errors = collect([path], cfg)
    assert [d.doc_id for d in docs] == ["mixed-1", "mixed-3"]
    assert [(e.code, e.origin) for e in errors] == [(TOO_LARGE, f"{path}#record-2")]


def test_iter_inputs_warc_streams_record_by_record(tmp_path, cfg):
    records = [("response", f"http://x.example/{n}", "text/html", article(n, 3000), "200 OK")
               for n in range(60)]
    path = tmp_path / "big.warc"
    path.write_bytes(warc_bytes(False, records))
    size = path.stat().st_size
    tracemalloc.start()
    first = next(iter_inputs([str(path)], cfg))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert first.doc_id == "big-1"
    assert peak < size / 4, f"peak {peak:,} bytes for a {size:,}-byte archive"


def test_iter_inputs_oversized_file_refused_without_reading(tmp_path, cfg):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:          # sparse: 3 GB on paper, nothing on disk
        f.write(b"Headline\n")
        f.truncate(3 * 1024 ** 3)
    tracemalloc.start()
    docs, errors = collect([huge], cfg)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert docs == [] and [(e.code, e.origin) for e in errors] == [(TOO_LARGE, str(huge))]
    assert peak < 5_000_000


def test_iter_inputs_rss_items_with_title_link_date(fixtures_dir, cfg):
    path = fixtures_dir / FORMATS / "levant_brief.rss"
    docs, errors = collect([path], cfg)
    assert [d.doc_id for d in docs] == ["levant_brief-1", "levant_brief-2"]
    assert docs[0].meta == {"url": "https://levantbrief.example/2019/04/02/bridge-jarablus",
                            "title": "Bridge near Jarablus reopens to traffic",
                            "outlet": "Levant Brief", "published": "2019-04-02", "kind": "html"}
    assert docs[1].meta["kind"] == "text" and docs[1].meta["published"] == "2019-04-03"
    assert [(e.code, e.origin) for e in errors] == [(BAD_RECORD, f"{path}#item-3")]
    doc = build_document(docs[0], cfg)
    assert "Sajur river" in doc.body and doc.published == "2019-04-02"
    assert doc.outlet == "Levant Brief"


def test_iter_inputs_atom_feed_detected_by_content(fixtures_dir, tmp_path, cfg):
    renamed = tmp_path / "updates.txt"   # the name says text, the content says feed
    renamed.write_bytes((fixtures_dir / FORMATS / "coast_updates.atom").read_bytes())
    docs, errors = collect([renamed], cfg)
    assert errors == []
    assert [(d.doc_id, d.meta["published"], d.meta["url"]) for d in docs] == [
        ("updates-1", "2020-02-10", "https://coastupdates.example/mokha-boats"),
        ("updates-2", "2020-02-11", "https://coastupdates.example/aden-fuel")]
    assert "fishing boats" in build_document(docs[0], cfg).body


def test_iter_inputs_jsonl_bad_lines_named_others_go_on(fixtures_dir, cfg):
    path = fixtures_dir / FORMATS / "three_reports.jsonl"
    docs, errors = collect([path], cfg)
    assert [d.doc_id for d in docs] == ["hama-01", "three_reports-2", "42"]
    assert [(e.code, e.origin) for e in errors] == [(BAD_RECORD, f"{path}:line 3"),
                                                    (BAD_RECORD, f"{path}:line 4")]
    hama, douma, idlib = docs
    assert hama.meta == {"url": "https://example.org/hama-01", "published": "2019-05-11",
                         "outlet": "Hama Monitor"}
    assert douma.meta["kind"] == "html"
    assert "published" not in idlib.meta          # "around May" is no date
    doc = build_document(douma, cfg)
    assert doc.title == "Convoy enters Douma (container title)" and "fifteen trucks" in doc.body


def test_iter_inputs_jsonl_line_over_limit(tmp_path):
    cfg = load_config(ingest__max_bytes=200)
    path = tmp_path / "long.jsonl"
    lines = [{"id": "a", "text": "short one"}, {"id": "b", "text": "x" * 1000},
             {"id": "c", "text": "short two"}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    docs, errors = collect([path], cfg)
    assert [d.doc_id for d in docs] == ["a", "c"]
    assert [(e.code, e.origin) for e in errors] == [(TOO_LARGE, f"{path}:line 2")]


def test_iter_inputs_json_object_and_list(tmp_path, cfg):
    one = tmp_path / "d01.json"
    one.write_text(json.dumps({"url": "https://a.example/x", "title": "T", "published": "2016-08-28",
                               "text": "Evacuation of Daraya continued."}))
    many = tmp_path / "batch.json"
    many.write_text(json.dumps([{"text": "First."}, {"nothing": 1}, {"id": "z", "html": "<p>x</p>"}]))
    docs, errors = collect([one, many], cfg)
    assert [(d.doc_id, d.origin) for d in docs] == [
        ("d01", str(one)), ("batch-1", f"{many}#item-1"), ("z", f"{many}#item-3")]
    assert docs[0].meta == {"url": "https://a.example/x", "title": "T", "published": "2016-08-28"}
    assert [(e.code, e.origin) for e in errors] == [(BAD_RECORD, f"{many}#item-2")]


def test_iter_inputs_folder_sorted_recursive_without_hidden(tmp_path, cfg):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ("b/2.txt", "a.txt", "b/1.html", ".hidden.txt", ".git/HEAD", "c.txt"):
        (tmp_path / rel).write_text("x")
    docs, errors = collect([tmp_path], cfg)
    assert errors == []
    assert [d.origin for d in docs] == [str(tmp_path / r) for r in ("a.txt", "b/1.html", "b/2.txt", "c.txt")]
    assert [d.doc_id for d in docs] == ["a", "1", "2", "c"]


def test_iter_inputs_unreadable_paths_are_e007(tmp_path, cfg):
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    docs, errors = collect([tmp_path / "missing.txt", tmp_path / "dangling"], cfg)
    assert docs == []
    assert [(e.code, e.origin) for e in errors] == [(UNREADABLE, str(tmp_path / "missing.txt")),
                                                    (UNREADABLE, str(tmp_path / "dangling"))]
    assert "No such file" in errors[0].detail


def test_iter_inputs_gzip_documents_bombs_and_cuts(tmp_path, cfg):
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(article(1)))
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(b"\n" * 30_000_000))
    whole = gzip.compress(("Headline\n\n" + "Shelling was reported in Daraa. " * 3000).encode())
    (tmp_path / "c.txt.gz").write_bytes(whole[:len(whole) // 2])
    (tmp_path / "d.jsonl.gz").write_bytes(gzip.compress(b'{"id": "g1", "text": "gzipped line"}\n'))
    docs, errors = collect([tmp_path], cfg)
    assert [d.doc_id for d in docs] == ["a", "g1"]
    assert [(e.code, e.origin) for e in errors] == [(GZIP_BOMB, str(tmp_path / "b.txt.gz")),
                                                    (TRUNCATED, str(tmp_path / "c.txt.gz"))]


def test_iter_inputs_bad_inputs_give_one_error_each(tmp_path, cfg):
    """Through ingest: each bad file is one clear InputError naming it; the good ones parse."""
    files = {"good.txt": b"Headline\n\nRebels left the town of Rastan on Wednesday.",
             "empty.txt": b"", "blank.txt": b" \n\n ", "image.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 99,
             "report.pdf": b"%PDF-1.5\n%\xb5\xb5\n1 0 obj", "z.html": article(9)}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    outcome = {}
    for item in iter_inputs(sorted(str(tmp_path / name) for name in files), cfg):
        try:
            doc = build_document(item, cfg) if isinstance(item, RawInput) else None
        except InputError as e:
            item = e
        if isinstance(item, InputError):
            outcome[item.origin] = item.code
        else:
            outcome[doc.path] = "ok"
    assert outcome == {str(tmp_path / "blank.txt"): EMPTY, str(tmp_path / "empty.txt"): EMPTY,
                       str(tmp_path / "good.txt"): "ok", str(tmp_path / "image.png"): BINARY,
                       str(tmp_path / "report.pdf"): BINARY, str(tmp_path / "z.html"): "ok"}


@pytest.fixture
def stdin_bytes(monkeypatch):
    def feed(data: bytes):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    return feed


def test_iter_inputs_stdin_text(stdin_bytes, cfg):
    stdin_bytes(b"Headline\n\nTroops entered Afrin.")
    [doc] = list(iter_inputs(["-"], cfg))
    assert (doc.doc_id, doc.origin, doc.path, doc.data) == (
        "stdin", "<stdin>", None, b"Headline\n\nTroops entered Afrin.")


def test_iter_inputs_stdin_jsonl(stdin_bytes, cfg):
    stdin_bytes(b'{"id": "s1", "text": "one"}\n{"text": "two"}\nnot json\n')
    items = list(iter_inputs(["-"], cfg))
    assert [getattr(i, "doc_id", None) or i.code for i in items] == ["s1", "stdin-2", BAD_RECORD]
    assert items[2].origin == "<stdin>:line 3"


def test_iter_inputs_stdin_warc_gz(stdin_bytes, cfg):
    stdin_bytes(warc_bytes(True, CRAWL))
    docs = list(iter_inputs(["-"], cfg))
    assert [d.doc_id for d in docs] == ["stdin-2", "stdin-6", "stdin-7"]


@pytest.mark.parametrize("name, stem", [
    ("reports/000_d757.txt", "000_d757"), ("x.warc.gz", "x"), ("page.html.gz", "page"),
    ("no_extension", "no_extension"), ("a.b.c.html", "a.b.c"), (".hidden", ".hidden"),
])
def test_doc_stem_drops_last_extension(name, stem):
    assert doc_stem(name) == stem


@pytest.mark.shared
def test_iter_inputs_reads_shared_dev_docs(shared_dir, cfg):
    docs, errors = collect([shared_dir / "dev-extra" / "docs"], cfg)
    assert errors == []
    by_id = {d.doc_id: d for d in docs}
    assert {f"d{n:02d}" for n in range(1, 31)} <= set(by_id)
    d01 = json.loads((shared_dir / "dev-extra" / "docs" / "d01.json").read_text(encoding="utf-8"))
    assert by_id["d01"].meta["url"] == d01["url"]
    assert by_id["d01"].data.decode("utf-8") == d01["text"]
    seeds, errors = collect([shared_dir / "seeds"], cfg)
    assert errors == [] and all(len(s.doc_id) > 4 and s.data for s in seeds)


def test_iter_inputs_follows_linked_folders_once(tmp_path, cfg):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("x")
    (tmp_path / "real" / "loop").symlink_to(tmp_path / "real")
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    docs, errors = collect([tmp_path], cfg)
    assert errors == [] and [d.doc_id for d in docs] == ["a"]


def test_iter_inputs_stdin_closed(monkeypatch, cfg):
    monkeypatch.setattr(sys, "stdin", None)
    [err] = list(iter_inputs(["-"], cfg))
    assert (err.code, err.origin) == (UNREADABLE, "<stdin>")


def test_iter_inputs_stdin_jsonl_with_long_first_line(stdin_bytes, cfg):
    long_html = "<p>" + "Shelling hit the outskirts of Idlib. " * 5000 + "</p>"
    stdin_bytes((json.dumps({"id": "big", "html": long_html}) + "\n"
                 + json.dumps({"id": "small", "text": "short"}) + "\n").encode())
    docs = list(iter_inputs(["-"], cfg))
    assert [d.doc_id for d in docs] == ["big", "small"]
    assert docs[0].data.decode() == long_html


PREFIXES = [b"", b"WARC/1.0\r\n", b"\x1f\x8b\x08\x00", b'{"text": ', b"<?xml version='1.0'?><rss>",
            b"<feed xmlns='http://www.w3.org/2005/Atom'>", b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from(PREFIXES), tail=st.binary(max_size=600),
       suffix=st.sampled_from([".txt", ".html", ".warc", ".warc.gz", ".jsonl", ".json", ".rss", ""]))
def test_iter_inputs_any_bytes_give_documents_or_input_errors(tmp_path, cfg, prefix, tail, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(prefix + tail)
    for item in iter_inputs([str(path)], cfg):
        assert isinstance(item, (RawInput, InputError))
        assert str(path) in item.origin
        if isinstance(item, RawInput):
            try:
                build_document(item, cfg)
            except InputError as e:
                assert str(path) in e.origin


def test_iter_inputs_feed_without_items_is_empty(tmp_path, cfg):
    path = tmp_path / "quiet.xml"
    path.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>Q</title></channel></rss>")
    docs, errors = collect([path], cfg)
    assert docs == [] and [(e.code, e.origin) for e in errors] == [(EMPTY, str(path))]


@pytest.mark.parametrize("record_id, expected", [(True, "x-1"), ("  ", "x-1"), (7, "7"), (" a1 ", "a1")])
def test_iter_inputs_jsonl_id_rules(tmp_path, cfg, record_id, expected):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"id": record_id, "text": "t"}) + "\n")
    [doc] = list(iter_inputs([str(path)], cfg))
    assert doc.doc_id == expected


def test_iter_inputs_warc_http_charset_applies_when_page_declares_none(tmp_path, cfg):
    arabic = "دخلت قوافل المساعدات إلى مدينة دوما يوم الأحد بعد انقطاع دام شهرا كاملا."
    page = f"<html><body><article><h1>دوما</h1><p>{arabic}</p></article></body></html>"
    records = [("response", "http://ar.example/1", "text/html; charset=windows-1256",
                page.encode("cp1256"), "200 OK"),
               ("response", "http://fr.example/2", "text/html; charset=ISO-8859-1",
                "<p>Arrivée à Alep, après l'accord.</p>".encode("latin-1"), "200 OK")]
    path = tmp_path / "charsets.warc"
    path.write_bytes(warc_bytes(False, records))
    docs, errors = collect([path], cfg)
    assert errors == []
    assert docs[0].data.decode("utf-8") == page
    assert docs[1].data.decode("utf-8") == "<p>Arrivée à Alep, après l'accord.</p>"
    assert arabic in build_document(docs[0], cfg).body


@pytest.mark.parametrize("read_size", [100, 4096, 65536, 1 << 20])
def test_gzip_guard_multi_member_any_read_size(read_size):
    members = [gzip.compress(f"record {n} ".encode() * 3000) for n in range(5)]
    data = b"".join(members) + b"\x00" * 10   # zero padding after the last member is allowed
    guard = GzipGuard(io.BytesIO(data), "m.gz", 200)
    parts = []
    while chunk := guard.read(read_size):
        parts.append(chunk)
    assert b"".join(parts) == gzip.decompress(b"".join(members)) and guard.broken is None


def test_folder_skips_files_that_are_not_document_formats(tmp_path, cfg):
    (tmp_path / "README.md").write_text("# About these reports\n\nWritten by us.\n")
    (tmp_path / "style.css").write_text("body { color: red }\n")
    (tmp_path / "report.txt").write_text("Title\n\nClashes erupted in Daraa on Monday.\n")
    (tmp_path / "page").write_text("Title\n\nTroops entered Raqqa on Tuesday.\n")
    ids = sorted(r.doc_id for r in iter_inputs([str(tmp_path)], cfg))
    assert ids == ["page", "report"]


def test_named_file_is_read_whatever_its_extension(tmp_path, cfg):
    f = tmp_path / "notes.md"
    f.write_text("Title\n\nShelling hit Douma on Sunday.\n")
    assert [r.doc_id for r in iter_inputs([str(f)], cfg)] == ["notes"]


def test_iter_inputs_a_reader_bug_is_reported_against_its_file_and_the_run_goes_on(
        tmp_path, cfg, monkeypatch):
    import marsad.ingest.sources as sources

    real = sources._from_stream

    def broken_for_feeds(f, src, cfg, **kw):
        if src.origin.endswith(".rss"):
            raise KeyError("a library bug")
        return real(f, src, cfg, **kw)

    monkeypatch.setattr(sources, "_from_stream", broken_for_feeds)
    (tmp_path / "a.rss").write_bytes(b"<rss><channel><item><title>x</title></item></channel></rss>")
    (tmp_path / "b.txt").write_bytes(article(1))
    items = list(iter_inputs([str(tmp_path / "a.rss"), str(tmp_path / "b.txt")], cfg))
    errors = [i for i in items if isinstance(i, sources.InputError)]
    assert [(e.origin.endswith("a.rss"), e.code) for e in errors] == [(True, "E099")]
    assert "KeyError" in errors[0].detail
    assert [i.doc_id for i in items if isinstance(i, RawInput)] == ["b"]
