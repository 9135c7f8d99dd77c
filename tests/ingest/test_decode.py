"""Bytes to text: encodings, mojibake repair only when clear, binary and empty refused."""
import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.config import load_config
from marsad.errors import BINARY, EMPTY, TOO_LARGE, InputError
from marsad.ingest.decode import (binary_format, decode, declared_charset, looks_like_html,
                                  repair_mojibake, to_utf8)

ARABIC = "قالت مصادر محلية إن القوات الحكومية دخلت مدينة خان شيخون يوم الثلاثاء بعد انسحاب المسلحين."
FRENCH = "Le président a déclaré que l'armée était arrivée à Alep après trois jours de combats."


def test_decode_cp1256_arabic_without_declaration(cfg):
    assert decode(ARABIC.encode("cp1256"), "ar.txt", cfg) == ARABIC


def test_decode_cp1256_declared_in_meta_charset(cfg):
    page = (b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
            b"</head><body><p>" + "خان شيخون".encode("cp1256") + b"</p></body></html>")
    assert "<p>خان شيخون</p>" in decode(page, "ar.html", cfg)


def test_decode_latin1_french(cfg):
    assert decode(FRENCH.encode("latin-1"), "fr.txt", cfg) == FRENCH


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"])
def test_decode_unicode_encodings(cfg, encoding):
    assert decode((ARABIC + "\n" + FRENCH).encode(encoding), "u.txt", cfg) == ARABIC + "\n" + FRENCH


def test_decode_repairs_utf8_read_as_cp1252(cfg):
    original = "The café’s owner said “we will stay” in Raqqa."
    mojibake = original.encode("utf-8").decode("sloppy-windows-1252")
    assert decode(mojibake.encode("utf-8"), "m.txt", cfg) == original


def test_decode_repairs_arabic_utf8_read_as_cp1256(cfg):
    mojibake = ARABIC.encode("utf-8").decode("cp1256")
    assert mojibake != ARABIC
    assert decode(mojibake.encode("utf-8"), "m.txt", cfg) == ARABIC


def test_repair_mojibake_leaves_typographic_arabic_alone():
    text = "قال — “لن نغادر” — ثم خرج. " * 3
    assert repair_mojibake(text) == text


def test_repair_mojibake_leaves_a_single_odd_sequence_alone():
    # One "Ã " could be a real word in a foreign phrase: not clearly mojibake.
    assert repair_mojibake("Ã la carte menus were handed out.") == "Ã la carte menus were handed out."


# Letters, spaces and ASCII punctuation: a string like "ذ—ذ—" whose cp1256 bytes happen to
# be valid UTF-8 cannot be told from mojibake, but prose never looks like that.
@given(st.text(alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي abcdefxyzéàç.,\n")),
               min_size=1, max_size=200))
def test_decode_utf8_text_comes_back_unchanged(text):
    if not text.strip():
        return
    assert decode(text.encode("utf-8"), "h.txt", load_config()) == text


@pytest.mark.parametrize("data, fmt", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
    (b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive (also docx, xlsx, epub, jar)"),
    (b"\x7fELF\x02\x01\x01\x00", "ELF executable"),
    (b"GIF89a\x01\x00\x01\x00", "GIF image"),
])
def test_decode_refuses_binary_formats(cfg, data, fmt):
    with pytest.raises(InputError) as e:
        decode(data + b"\x00" * 64, "file.bin", cfg)
    assert (e.value.code, e.value.origin, e.value.detail) == (BINARY, "file.bin", fmt)


def test_decode_refuses_nul_filled_data(cfg):
    with pytest.raises(InputError) as e:
        decode(b"abc\x00\x00\x00\x01\x02def" * 40, "blob.txt", cfg)
    assert e.value.code == BINARY


def test_binary_format_short_signature_needs_control_bytes():
    assert binary_format(b"MZ was the name of the militia commander.") is None
    assert binary_format(b"MZ\x90\x00\x03\x00\x00\x00") == "Windows executable"


@pytest.mark.parametrize("data", [b"", b"   \n\t ", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"  \n"])
def test_decode_refuses_empty(cfg, data):
    with pytest.raises(InputError) as e:
        decode(data, "empty.txt", cfg)
    assert e.value.code == EMPTY and e.value.origin == "empty.txt"


def test_decode_refuses_oversize():
    small = load_config(ingest__max_bytes=100)
    with pytest.raises(InputError) as e:
        decode(b"x" * 101, "big.txt", small)
    assert e.value.code == TOO_LARGE


def test_decode_normalises_newlines(cfg):
    assert decode(b"one\r\ntwo\rthree\n", "n.txt", cfg) == "one\ntwo\nthree\n"


@pytest.mark.parametrize("head, codec", [
    (b'<meta charset="ISO-8859-1">', "cp1252"),
    (b"<?xml version='1.0' encoding='windows-1256'?>", "cp1256"),
    (b'<meta charset="no-such-charset">', None),
    (b"<p>no declaration</p>", None),
])
def test_declared_charset(head, codec):
    assert declared_charset(head) == codec


@pytest.mark.parametrize("text, is_html", [
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
    ("\ufeff  <!-- saved --> <html><p>x</p></html>", True),
    ("<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'></html>", True),
    ("<p>Fragment</p><p>from a feed</p>", True),
    ("Intro line\n<div>a</div><p>b</p><br><span>c</span>", True),
    ("Headline\n\nThe army said <b>nothing</b> about the raid.", False),
    ("Plain report about Aleppo with no markup.", False),
    ("Headline\n\n" + "A long plain report about the siege of Aleppo. " * 60
     + "<br> stray <br> tags <br> left <br> by a scraper", False),
])
def test_looks_like_html(text, is_html):
    assert looks_like_html(text) is is_html


@pytest.mark.parametrize("data, charset, expected", [
    ("é".encode("latin-1"), "ISO-8859-1", "é".encode("utf-8")),
    ("é".encode("utf-8"), "ISO-8859-1", "é".encode("utf-8")),          # already UTF-8: kept
    (b'<meta charset="cp1256">' + "خ".encode("cp1256"), "latin-1",      # the page's own wins
     b'<meta charset="cp1256">' + "خ".encode("cp1256")),
    ("é".encode("latin-1"), "no-such", "é".encode("latin-1")),
    ("é".encode("latin-1"), None, "é".encode("latin-1")),
])
def test_to_utf8_uses_container_charset_only_when_needed(data, charset, expected):
    assert to_utf8(data, charset) == expected
