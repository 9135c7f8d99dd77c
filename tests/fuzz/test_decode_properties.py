"""Decoding: any bytes give text or a numbered refusal; UTF-8 text comes back as it went in."""
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.config import load_config
from marsad.errors import BINARY, EMPTY, MESSAGES, TOO_LARGE, InputError
from marsad.ingest import decode

CFG = load_config()
# Printable text in any script; control characters are what binary detection looks for.
PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\n\t"),
                    max_size=300)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_any_bytes_gives_text_or_a_numbered_error(data):
    try:
        text = decode.decode(data, "page.bin", CFG)
    except InputError as e:
        assert e.code in MESSAGES and e.origin == "page.bin"
        return
    assert text.strip() and "\r" not in text and "\x00" not in text


def few_non_ascii(text: str) -> str:
    """`text` with at most 7 non-ASCII characters: below decode's mojibake threshold, so
    nothing in it may be "repaired" (above it, Latin-1 symbol runs read as mojibake)."""
    return "".join(ch for ch in text if ch.isascii()) + "".join(ch for ch in text if not ch.isascii())[:7]


@settings(max_examples=300, deadline=None)
@given(PRINTABLE.map(few_non_ascii))
def test_decode_round_trips_utf8_text(text):
    expect = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    try:
        got = decode.decode(text.encode("utf-8"), "page.txt", CFG)
    except InputError as e:
        assert e.code == EMPTY and not expect.strip() or \
            e.code == BINARY and decode.binary_format(text.encode("utf-8")[:1024])
        return
    assert got == expect


@settings(max_examples=100, deadline=None)
@given(PRINTABLE.map(few_non_ascii), st.sampled_from(["utf-16", "utf-32", "utf-8-sig"]))
def test_decode_reads_text_behind_a_byte_order_mark(text, encoding):
    expect = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not expect.strip():
        return
    assert decode.decode(text.encode(encoding), "page.txt", CFG) == expect


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 5000), st.integers(1, 200))
def test_decode_over_the_size_limit_names_the_input(limit, extra):
    cfg = load_config(ingest__max_bytes=limit)
    data = b"a" * (limit + extra)
    try:
        decode.decode(data, "reports/huge.txt", cfg)
    except InputError as e:
        assert e.code == TOO_LARGE and "reports/huge.txt" in str(e)
    else:
        raise AssertionError("an input over ingest.max_bytes was decoded")
