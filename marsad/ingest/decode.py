"""Bytes to text: refuse binary, pick the encoding, repair mojibake.

The order matters: a byte-order mark is certain; strict UTF-8 almost never decodes text
that is not UTF-8; a charset the page declares comes next; then a statistical guess.
Mojibake (UTF-8 read as cp1252/latin-1/cp1256 and saved again) is repaired only when it
is clear: the whole text round-trips back to valid UTF-8, or ftfy finds several of its
tell-tale sequences and its repair removes them.
"""
from __future__ import annotations

import codecs
import functools
import re

import ftfy
import ftfy.bad_codecs  # noqa: F401 - registers "sloppy-windows-1252"

from marsad import data
from marsad.config import Config
from marsad.errors import BINARY, EMPTY, TOO_LARGE, UNDECODABLE, InputError

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_BOM_PREFIXES = tuple(bom for bom, _ in _BOMS)
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)"""
                       rb"""|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)
# Labels that browsers read as another, wider encoding (WHATWG Encoding Standard).
_BROWSER_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                    "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-6": "cp1256",
                    "windows-1256": "cp1256", "windows-1252": "cp1252", "x-user-defined": "cp1252"}
# Control bytes that never occur in text (tab, newlines, form feed and escape excepted).
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
# Encodings UTF-8 text is most often misread as, before being saved again.
_MISREAD_AS = ("sloppy-windows-1252", "latin-1", "cp1256")
_MIN_MOJIBAKE_BADNESS = 3
# Legacy bytes of a few words can happen to be valid UTF-8; prose cannot. A repair needs
# this many non-ASCII characters and must not produce characters prose hardly uses
# (C1 controls, Latin Extended-B, IPA, spacing modifiers, combining marks, private use).
_MIN_MOJIBAKE_CHARS = 8
_RARE_IN_PROSE = re.compile("[\x80-\x9f\u0180-\u036f\ue000-\uf8ff]")

_HTML_START = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*"
                         r"<(!doctype\s+html|html|head|body|meta|title|link|div|article|section|"
                         r"main|header|p|h[1-6]|table|ul|ol|span|script|style|form|br)\b", re.I | re.S)
_HTML_TAG = re.compile(r"</?(p|div|br|a|span|li|ul|ol|table|tr|td|h[1-6]|img|strong|em|b|i|"
                       r"article|section|blockquote|figure)\b[^>]*>", re.I)
_MIN_TAGS_FOR_FRAGMENT = 4
_MIN_TAGS_PER_1000_CHARS = 2


@functools.lru_cache(maxsize=1)
def _signatures() -> tuple[tuple[bytes, int, str], ...]:
    rows = data.load_tsv("binary_signatures.tsv")
    return tuple((bytes.fromhex(r["hex"]), int(r["offset"]), r["format"]) for r in rows)


def binary_format(head: bytes) -> str | None:
    """The name of the binary format `head` (the first bytes of an input) is in, or None.

    Short signatures ("MZ", "ID3") also start ordinary text, so they count only when
    control bytes show the data is not text."""
    for sig, offset, name in _signatures():
        if head[offset:offset + len(sig)] == sig and (len(sig) >= 4 or _CONTROL.search(head[:1024])):
            return name
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for BOM-less UTF-16: its NULs (the high byte of ASCII
    characters, spaces included) all sit at odd or all at even offsets, and it decodes
    to printable text."""
    sample = head[:4096 - (len(head[:4096]) % 2)]
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    if len(sample) < 8 or even_nuls + odd_nuls < 2 or min(even_nuls, odd_nuls) > 0:
        return None
    enc = "utf-16-le" if odd_nuls else "utf-16-be"
    try:
        text = sample.decode(enc)
    except UnicodeDecodeError:
        return None
    printable = sum(ch.isprintable() or ch.isspace() for ch in text)
    return enc if printable >= 0.95 * len(text) else None


def declared_charset(data_head: bytes) -> str | None:
    """The Python codec named by an HTML <meta charset> or XML declaration, if valid."""
    m = _DECLARED.search(data_head[:8192])
    return codec_for((m.group(1) or m.group(2)).decode("ascii", "ignore")) if m else None


def codec_for(label: str) -> str | None:
    """The Python codec for a charset label as browsers read it ('ISO-8859-1' -> 'cp1252')."""
    label = label.strip().strip("\"'").lower()
    try:
        return codecs.lookup(_BROWSER_ALIASES.get(label, label)).name
    except LookupError:
        return None


def to_utf8(data: bytes, charset: str | None) -> bytes:
    """`data` re-encoded as UTF-8 from the charset a container (an HTTP header) names,
    when the data is not UTF-8 and declares no charset of its own; else unchanged."""
    codec = codec_for(charset) if charset else None
    if codec is None or codec == "utf-8" or declared_charset(data) or data.startswith(_BOM_PREFIXES):
        return data
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        return data.decode(codec, errors="replace").encode("utf-8")


def _guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else None


def _to_text(data: bytes, origin: str) -> str:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    if data[:4096].count(b"\x00") > 8 or len(_CONTROL.findall(data[:4096])) > 32:
        raise InputError(origin, BINARY, "control bytes where text should be")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    enc = declared_charset(data) or _guess(data)
    if enc is None:
        raise InputError(origin, UNDECODABLE, "neither UTF-8 nor a declared or guessable encoding")
    return data.decode(enc, errors="replace")


def repair_mojibake(text: str) -> str:
    """`text` with UTF-8-read-as-a-legacy-encoding undone, when that is clearly what happened."""
    if sum(not ch.isascii() for ch in text) < _MIN_MOJIBAKE_CHARS:
        return text
    for enc in _MISREAD_AS:
        try:
            repaired = text.encode(enc).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if repaired != text and not _RARE_IN_PROSE.search(repaired):
            return repaired
    if ftfy.badness.badness(text) >= _MIN_MOJIBAKE_BADNESS:
        fixed = ftfy.fix_encoding(text)
        if ftfy.badness.badness(fixed) < ftfy.badness.badness(text):
            return fixed
    return text


def decode(data: bytes, origin: str, cfg: Config) -> str:
    """The text of one input, newlines normalised; raises InputError for non-text."""
    limit = int(cfg["ingest.max_bytes"])
    if len(data) > limit:
        raise InputError(origin, TOO_LARGE, f"{len(data):,} bytes > ingest.max_bytes {limit:,}")
    if not data or not data.strip():
        raise InputError(origin, EMPTY)
    fmt = binary_format(data[:1024])
    if fmt:
        raise InputError(origin, BINARY, fmt)
    text = repair_mojibake(_to_text(data, origin))
    text = text.lstrip("\ufeff").replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(origin, EMPTY, "no text once decoded")
    return text


def looks_like_html(text: str) -> bool:
    """True for an HTML page or fragment; plain text quoting a tag or two stays text."""
    head = text[:10_000].lstrip("\ufeff")
    if _HTML_START.match(head):
        return True
    tags = len(_HTML_TAG.findall(head))
    # a fragment is dense with tags; a text dump with a few stray <br>s is still text
    return tags >= _MIN_TAGS_FOR_FRAGMENT and tags * 1000 >= _MIN_TAGS_PER_1000_CHARS * len(head)
