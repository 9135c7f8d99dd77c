"""Containers (JSON Lines, WARC, gzip) under hostile records: every record accounted for,
none lost, each refusal naming the input and the record."""
import gzip
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.config import load_config
from marsad.document import RawInput
from marsad.errors import BAD_RECORD, MESSAGES, TOO_LARGE, InputError
from marsad.ingest.sources import iter_inputs

CFG = load_config()
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.sampled_from(["id", "text", "html", "url", "published"]),
                                             inner, max_size=4), max_leaves=8)
LINES = st.one_of(
    st.builds(lambda t, i: json.dumps({"id": i, "text": t}), st.text(min_size=1, max_size=80), st.integers()),
    JSON_VALUES.map(json.dumps),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                   blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"),
            max_size=60))


def read(path) -> list:
    return list(iter_inputs([str(path)], CFG))


@SETTINGS
@given(st.lists(LINES, max_size=12))
def test_jsonl_gives_one_item_per_non_blank_line(tmp_path, lines):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read(path)
    expected = [n for n, ln in enumerate(lines, start=1) if ln.encode().strip()]
    assert len(items) == len(expected)
    for n, item in zip(expected, items):
        assert item.origin == f"{path}:line {n}"
        assert isinstance(item, RawInput) or item.code in MESSAGES


def warc(records: list[tuple[str, bytes]], gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for n, (ctype, payload) in enumerate(records):
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/{n}", "response",
                                                      payload=io.BytesIO(payload), http_headers=headers))
    return buf.getvalue()


RECORDS = st.lists(st.tuples(st.sampled_from(["text/html", "text/plain", "image/png"]),
                             st.binary(max_size=300)), min_size=1, max_size=6)


@SETTINGS
@given(RECORDS, st.booleans())
def test_warc_gives_one_item_per_document_record(tmp_path, records, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(warc(records, gz))
    items = read(path)
    documents = [n for n, (ctype, _) in enumerate(records, start=1) if ctype != "image/png"]
    assert [i.origin for i in items] == [f"{path}#record-{n}" for n in documents]
    assert all(isinstance(i, RawInput) for i in items)


@SETTINGS
@given(st.lists(LINES, max_size=8))
def test_gzip_gives_the_same_items_as_the_plain_file(tmp_path, lines):
    plain, packed = tmp_path / "a.jsonl", tmp_path / "b.jsonl.gz"
    data = "\n".join(lines).encode("utf-8")
    plain.write_bytes(data)
    packed.write_bytes(gzip.compress(data))
    summary = [(type(i).__name__, i.data if isinstance(i, RawInput) else i.code) for i in read(plain)]
    assert [(type(i).__name__, i.data if isinstance(i, RawInput) else i.code)
            for i in read(packed)] == summary


@SETTINGS
@given(st.integers(10, 3000), st.integers(1, 500), st.sampled_from(["page.txt", "page.html", "feed.xml"]))
def test_a_document_over_the_size_limit_gives_e003_with_its_name(tmp_path, limit, extra, name):
    cfg = load_config(ingest__max_bytes=limit)
    path = tmp_path / name
    path.write_bytes(b"Shelling resumed. " * ((limit + extra) // 18 + 1))
    [item] = iter_inputs([str(path)], cfg)
    assert isinstance(item, InputError) and item.code == TOO_LARGE
    assert str(path) in str(item)


@SETTINGS
@given(st.integers(30, 300))
def test_a_jsonl_line_over_the_size_limit_is_refused_alone(tmp_path, limit):
    cfg = load_config(ingest__max_bytes=limit)
    path = tmp_path / "lines.jsonl"
    lines = [json.dumps({"text": "short"}), json.dumps({"text": "x" * limit}), json.dumps({"text": "after"})]
    path.write_text("\n".join(lines))
    items = list(iter_inputs([str(path)], cfg))
    assert [type(i).__name__ for i in items] == ["RawInput", "InputError", "RawInput"]
    assert items[1].code == TOO_LARGE and items[1].origin == f"{path}:line 2"
    assert items[2].data == b"after"
    assert BAD_RECORD != items[1].code
