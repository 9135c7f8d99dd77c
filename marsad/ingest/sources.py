"""Inputs to RawInputs: files, folders, WARC archives, feeds, JSON Lines, gzip, stdin.

`iter_inputs` yields one `RawInput` per document, or an `InputError` for an input (or
a record inside one) that cannot be read; the caller reports it and goes on. The kind
of an input is told by its content (a feed named .txt is still a feed), with the file
extension deciding only for JSON. Nothing is read whole unless it is one document or a
feed, and both are refused above `ingest.max_bytes` before they are read; WARC and JSON
Lines stream record by record, each record checked against the same limit.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sys
import time
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from marsad.config import Config
from marsad.document import RawInput
from marsad.errors import (BAD_RECORD, EMPTY, GZIP_BOMB, TOO_LARGE, TRUNCATED, UNREADABLE,
                           InputError, internal_error)
from marsad.ingest.decode import looks_like_html, to_utf8

Item = RawInput | InputError

_SNIFF_BYTES = 64 * 1024
_CHUNK = 64 * 1024
# Below this many decompressed bytes a high ratio is harmless (tiny, repetitive files).
_BOMB_FLOOR = 1 << 20
_GZIP_WBITS = 16 + zlib.MAX_WBITS  # gzip header and trailer, not raw deflate
_COMPRESSED_SUFFIXES = (".gz", ".gzip")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_FEED_START = re.compile(rb"^(\xef\xbb\xbf)?\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*"
                         rb"<(rss|feed|rdf:RDF)\b", re.I | re.S)
_WARC_START = re.compile(rb"^\s*WARC/\d")
_JSONL_START = re.compile(rb'^\{\s*"(id|text|html|url|title|published|outlet)"\s*:')
_XML_DECLARATION = re.compile(rb"^(\xef\xbb\xbf)?\s*<\?xml[^>]*>")
_ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")
# Content types of WARC payloads that are documents (everything else is skipped).
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_JSON_FIELDS = ("url", "title", "published", "outlet")
# Inside a folder only these (or extension-less files) are read, so a README, a script or a
# stylesheet beside the pages is not taken for a report; a file named on the command line
# is always read.
_DOCUMENT_SUFFIXES = {"", ".txt", ".text", ".htm", ".html", ".xhtml", ".shtml", ".php", ".asp",
                      ".aspx", ".warc", ".gz", ".gzip", ".jsonl", ".ndjson", ".json", ".xml",
                      ".rss", ".atom", ".feed"}


@dataclass(frozen=True)
class _Source:
    """Where a stream came from: its name in messages, doc_id stem, and file path."""
    origin: str
    stem: str
    path: str | None
    suffix: str = ""


class GzipGuard(io.RawIOBase):
    """A gzip (multi-member) stream decompressed as it is read, refusing gzip bombs.

    Raises InputError(GZIP_BOMB) once the output outgrows `max_ratio` times the input read
    so far. A stream that ends inside a member, or holds corrupt data, ends quietly with
    `broken` set to the reason, so a reader above it keeps what came out whole."""

    def __init__(self, raw: IO[bytes], origin: str, max_ratio: float):
        self.raw, self.origin, self.max_ratio = raw, origin, max_ratio
        self._dec = zlib.decompressobj(_GZIP_WBITS)
        self._pending = b""
        self._finished = False
        self.bytes_in = self.bytes_out = 0
        self.broken: str | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        out = self._next(len(buf))
        buf[:len(out)] = out
        return len(out)

    def _read_raw(self) -> bytes:
        chunk = self.raw.read(_CHUNK)
        self.bytes_in += len(chunk)
        return chunk

    def _end(self, broken: str | None = None) -> bytes:
        self._finished, self.broken = True, broken
        return b""

    def _next(self, size: int) -> bytes:
        while not self._finished:
            if self._dec.eof:  # a member ended: another may follow (zero padding is allowed)
                # unused_data holds all input past the member (unconsumed_tail may repeat it)
                rest = self._dec.unused_data.lstrip(b"\x00")
                while not rest:
                    chunk = self._read_raw()
                    if not chunk:
                        return self._end()
                    rest = chunk.lstrip(b"\x00")
                self._dec, self._pending = zlib.decompressobj(_GZIP_WBITS), rest
            if not self._pending:
                self._pending = self._read_raw()
                if not self._pending:
                    return self._end("the gzip stream ends early")
            try:
                out = self._dec.decompress(self._pending, size)
            except zlib.error as e:
                return self._end(f"corrupt gzip data ({e})")
            self._pending = self._dec.unconsumed_tail
            if out:
                self.bytes_out += len(out)
                self._check_ratio()
                return out
        return b""

    def _check_ratio(self) -> None:
        if self.bytes_out > _BOMB_FLOOR and self.bytes_out > self.max_ratio * max(self.bytes_in, 1):
            raise InputError(self.origin, GZIP_BOMB,
                             f"{self.bytes_in:,} compressed bytes expand past {self.bytes_out:,} "
                             f"(ingest.max_gzip_ratio {self.max_ratio:g})")


def _broken_gzip(stream: IO[bytes]) -> str | None:
    """Why the gzip stream under `stream` ended badly, or None (also for plain streams)."""
    raw = getattr(stream, "raw", None)
    return raw.broken if isinstance(raw, (GzipGuard, _Replay)) else None


def doc_stem(name: str) -> str:
    """A file's name without its last extension (and without a .gz before it):
    'reports/000_d757.txt' -> '000_d757', 'x.warc.gz' -> 'x'."""
    base = os.path.basename(name)
    if base.lower().endswith(_COMPRESSED_SUFFIXES):
        base = base[:base.rfind(".")]
    stem = base[:base.rfind(".")] if "." in base.lstrip(".") else base
    return stem or base


def iso_date(value: Any) -> str | None:
    """'2018-02-10T08:00:00Z' -> '2018-02-10'; a struct_time -> its date; else None."""
    if isinstance(value, time.struct_time):
        # strftime writes year 422 as "422", which is not ISO; years outside 1..9999 are junk
        if not 1 <= value.tm_year <= 9999:
            return None
        return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    if isinstance(value, str):
        m = _ISO_PREFIX.match(value.strip())
        return _real_part(m.group(0)) if m else None
    return None


def _real_part(iso: str) -> str:
    """The longest part of an ISO date that exists: '2024-03-85' -> '2024-03', '2024-13' -> '2024'."""
    parts = iso.split("-")
    if len(parts) >= 2 and not 1 <= int(parts[1]) <= 12:
        return parts[0]
    if len(parts) == 3:
        try:
            date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            return "-".join(parts[:2])
    return iso


def _limit(cfg: Config) -> int:
    return int(cfg["ingest.max_bytes"])


def _read_limited(stream: IO[bytes], limit: int, origin: str) -> bytes:
    """Up to `limit` bytes; InputError(TOO_LARGE) if there are more (without reading them)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(origin, TOO_LARGE, f"more than ingest.max_bytes {limit:,} bytes")
    return data


def _sniff(head: bytes, suffix: str) -> str:
    """'warc' | 'feed' | 'json' | 'jsonl' | 'doc' from the first bytes and the extension."""
    if _WARC_START.match(head):
        return "warc"
    if suffix in _JSONL_SUFFIXES:
        return "jsonl"
    if suffix == ".json":
        return "json"
    if _FEED_START.match(head):
        return "feed"
    first, newline, _ = head.lstrip(b"\xef\xbb\xbf \t\r\n").partition(b"\n")
    if not first.startswith(b"{"):
        return "doc"
    if not newline:  # a first line longer than the sniffed head: judge by its first key
        return "jsonl" if _JSONL_START.match(first) else "doc"
    try:
        obj = json.loads(first)
    except ValueError:
        return "doc"
    return "jsonl" if isinstance(obj, dict) and ("text" in obj or "html" in obj) else "doc"


class _Replay(io.RawIOBase):
    """A stream whose first bytes were already read to sniff it: gives them back first."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        if self.head:
            n = min(len(buf), len(self.head))
            buf[:n], self.head = self.head[:n], self.head[n:]
            return n
        chunk = self.rest.read(len(buf))
        buf[:len(chunk)] = chunk
        return len(chunk)

    @property
    def broken(self) -> str | None:
        return _broken_gzip(self.rest)


def _sniffed(stream: IO[bytes]) -> tuple[bytes, io.BufferedReader]:
    """The first _SNIFF_BYTES of `stream` (a pipe may deliver them in pieces) and a
    reader that starts again from the beginning."""
    parts, got = [], 0
    while got < _SNIFF_BYTES:
        chunk = stream.read(_SNIFF_BYTES - got)
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    head = b"".join(parts)
    return head, io.BufferedReader(_Replay(head, stream), buffer_size=_CHUNK)


def _from_stream(stream: IO[bytes], src: _Source, cfg: Config,
                 size: int | None = None) -> Iterator[Item]:
    """Dispatch one open stream on its content; `size` is its length when known."""
    head, stream = _sniffed(stream)
    if head[:2] == b"\x1f\x8b":
        guard = GzipGuard(stream, src.origin, float(cfg["ingest.max_gzip_ratio"]))
        inner = io.BufferedReader(guard, buffer_size=_CHUNK)
        yield from _from_stream(inner, src, cfg)
        return
    kind = _sniff(head, src.suffix)
    if kind == "warc":
        yield from _iter_warc(stream, src, cfg)
    elif kind == "jsonl":
        yield from _iter_jsonl(stream, src, cfg)
    elif size is not None and size > _limit(cfg):
        yield InputError(src.origin, TOO_LARGE,
                         f"{size:,} bytes > ingest.max_bytes {_limit(cfg):,}")
    else:
        try:
            data = _read_limited(stream, _limit(cfg), src.origin)
        except InputError as e:
            yield e
            return
        _raise_if_truncated(stream, src.origin)
        if kind == "feed":
            yield from _iter_feed(data, src)
        elif kind == "json":
            yield from _iter_json(data, src)
        else:
            yield RawInput(doc_id=src.stem, origin=src.origin, data=data, path=src.path)


def _raise_if_truncated(stream: io.BufferedReader, origin: str) -> None:
    broken = _broken_gzip(stream)
    if broken:
        raise InputError(origin, TRUNCATED, broken)


# ---------------------------------------------------------------- JSON and JSON Lines

def _record_from_json(obj: Any, src: _Source, origin: str, fallback_id: str) -> Item:
    if not isinstance(obj, dict):
        return InputError(origin, BAD_RECORD, f"a JSON {type(obj).__name__}, not an object")
    body, kind = (obj.get("html"), "html") if obj.get("html") is not None else (obj.get("text"), None)
    if not isinstance(body, str):
        return InputError(origin, BAD_RECORD, "no string 'text' or 'html' field")
    meta: dict[str, Any] = {k: obj[k] for k in _JSON_FIELDS if isinstance(obj.get(k), str) and obj[k]}
    if "published" in meta:
        meta["published"] = iso_date(meta["published"])
        if meta["published"] is None:
            del meta["published"]
    if kind:
        meta["kind"] = kind
    doc_id = obj.get("id")
    usable = isinstance(doc_id, (str, int)) and not isinstance(doc_id, bool) and str(doc_id).strip()
    doc_id = str(doc_id).strip() if usable else fallback_id
    return RawInput(doc_id=doc_id, origin=origin, data=body.encode("utf-8"), path=src.path, meta=meta)


def _iter_jsonl(stream: IO[bytes], src: _Source, cfg: Config) -> Iterator[Item]:
    limit = _limit(cfg)
    for n, line in enumerate(_lines(stream, limit), start=1):
        origin = f"{src.origin}:line {n}"
        if line is None:
            yield InputError(origin, TOO_LARGE, f"line longer than ingest.max_bytes {limit:,}")
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as e:
            yield InputError(origin, BAD_RECORD, f"not JSON ({e})")
            continue
        yield _record_from_json(obj, src, origin, f"{src.stem}-{n}")
    broken = _broken_gzip(stream)
    if broken:
        yield InputError(src.origin, TRUNCATED, f"{broken}; the lines before it are kept")


def _lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Lines of at most `limit` bytes; a longer line is skipped (never held) and gives None."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line


def _iter_json(data: bytes, src: _Source) -> Iterator[Item]:
    try:
        obj = json.loads(data)
    except ValueError as e:
        yield InputError(src.origin, BAD_RECORD, f"not JSON ({e})")
        return
    if isinstance(obj, list):
        for n, item in enumerate(obj, start=1):
            yield _record_from_json(item, src, f"{src.origin}#item-{n}", f"{src.stem}-{n}")
    else:
        yield _record_from_json(obj, src, src.origin, src.stem)


# ---------------------------------------------------------------- feeds

def _iter_feed(data: bytes, src: _Source) -> Iterator[Item]:
    import feedparser

    try:
        try:
            feed = feedparser.parse(data)
        except ValueError:
            # feedparser decodes with whatever the XML declaration names (non-UTF-8 bytes, a
            # NUL): without the declaration it guesses the encoding as for any undeclared feed
            feed = feedparser.parse(_XML_DECLARATION.sub(b"", data, count=1))
    except Exception as e:  # noqa: BLE001 - feedparser's own bugs on broken markup ('<channel<item<link</item</link>': KeyError)
        yield InputError(src.origin, BAD_RECORD, f"unreadable feed (feedparser {type(e).__name__}: {e})")
        return
    if not feed.entries:
        yield (InputError(src.origin, BAD_RECORD, f"unreadable feed ({feed.bozo_exception})")
               if feed.bozo else InputError(src.origin, EMPTY, "the feed has no items"))
        return
    outlet = feed.feed.get("title") or None
    for n, entry in enumerate(feed.entries, start=1):
        origin = f"{src.origin}#item-{n}"
        # feedparser gives None for an element it opened but never closed ('<item<title</content>')
        contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
        body = max(contents, key=lambda c: len(c["value"]))["value"] if contents \
            else entry.get("summary") or ""
        if not body.strip():
            yield InputError(origin, BAD_RECORD, "feed item with no content or summary")
            continue
        meta = {"url": entry.get("link"), "title": entry.get("title"), "outlet": outlet,
                "published": iso_date(entry.get("published_parsed") or entry.get("updated_parsed")),
                "kind": "html" if looks_like_html(body) else "text"}
        yield RawInput(doc_id=f"{src.stem}-{n}", origin=origin, data=body.encode("utf-8"),
                       path=src.path, meta={k: v for k, v in meta.items() if v})


# ---------------------------------------------------------------- WARC

def _iter_warc(stream: IO[bytes], src: _Source, cfg: Config) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = iter(ArchiveIterator(stream, no_record_parse=False))
    n = 0
    while True:
        try:
            # warcio prints its own multi-line warnings on stderr; our errors say it once
            with contextlib.redirect_stderr(io.StringIO()):
                record = next(records, None)
                item = _warc_record(record, src, n + 1, cfg) if record is not None else None
        except InputError as e:
            yield e
            return
        # warcio fails on a record cut inside its headers with AttributeError (it reads a None line).
        except (ArchiveLoadFailed, EOFError, AttributeError, ValueError) as e:
            reason = _broken_gzip(stream) or f"unreadable record headers ({type(e).__name__})"
            yield InputError(f"{src.origin}#record-{n + 1}", TRUNCATED,
                             f"{reason}; the records before it are kept")
            return
        if record is None:
            break
        n += 1
        if item is not None:
            yield item
    broken = _broken_gzip(stream)
    if broken:
        yield InputError(f"{src.origin}#record-{n + 1}", TRUNCATED,
                         f"{broken}; the records before it are kept")


def _warc_record(record, src: _Source, n: int, cfg: Config) -> Item | None:
    """The document in one WARC record, an error, or None for records that hold none."""
    origin = f"{src.origin}#record-{n}"
    if record.rec_type not in ("response", "resource"):
        return None
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        header = record.http_headers.get_header("Content-Type") or ""
    else:
        header = record.rec_headers.get_header("Content-Type") or ""
    ctype = header.split(";")[0].strip().lower()
    charset = _CHARSET_PARAM.search(header)
    if ctype and ctype not in _TEXT_TYPES:
        return None
    limit = _limit(cfg)
    declared = int(record.rec_headers.get_header("Content-Length") or 0)
    if declared > limit:
        return InputError(origin, TOO_LARGE, f"{declared:,} bytes > ingest.max_bytes {limit:,}")
    data = record.content_stream().read(limit + 1)
    if len(data) > limit:
        return InputError(origin, TOO_LARGE, f"more than ingest.max_bytes {limit:,} bytes")
    if record.raw_stream.limit > 0:
        return InputError(origin, TRUNCATED, f"record ends {record.raw_stream.limit:,} bytes early")
    if declared and len(data) > _BOMB_FLOOR and len(data) > float(cfg["ingest.max_gzip_ratio"]) * declared:
        return InputError(origin, GZIP_BOMB, "HTTP content encoding expands too much")
    data = to_utf8(data, charset.group(1) if charset else None)
    headers = record.rec_headers
    meta = {"url": headers.get_header("WARC-Target-URI"),
            "crawled": iso_date(headers.get_header("WARC-Date") or ""),
            "kind": {"text/plain": "text"}.get(ctype, "html" if ctype else None)}
    return RawInput(doc_id=f"{src.stem}-{n}", origin=origin, data=data, path=src.path,
                    meta={k: v for k, v in meta.items() if v})


# ---------------------------------------------------------------- files, folders, stdin

def _walk(root: Path, seen: set[str] | None = None) -> Iterator[Path | InputError]:
    """Files under `root` in path order, recursively; hidden files and folders skipped,
    linked folders followed once (a link back up the tree is not a loop)."""
    seen = seen if seen is not None else set()
    real = os.path.realpath(root)
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as e:
        yield InputError(str(root), UNREADABLE, e.strerror or str(e))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(Path(entry.path), seen)
        elif Path(entry.name).suffix.lower() in _DOCUMENT_SUFFIXES:
            yield Path(entry.path)


def _from_file(path: Path, cfg: Config) -> Iterator[Item]:
    origin = str(path)
    try:
        size = path.stat().st_size
        f = open(path, "rb")
    except OSError as e:
        yield InputError(origin, UNREADABLE, e.strerror or str(e))
        return
    suffix = path.suffix.lower()
    if suffix in _COMPRESSED_SUFFIXES:
        suffix = Path(path.stem).suffix.lower()
    src = _Source(origin=origin, stem=doc_stem(path.name), path=origin, suffix=suffix)
    with f:
        try:
            yield from _from_stream(f, src, cfg, size=size)
        except InputError as e:
            yield e
        except OSError as e:
            yield InputError(origin, UNREADABLE, e.strerror or str(e))
        except Exception as e:  # noqa: BLE001 - a reader's bug ends this file, not the run
            yield internal_error(origin, e)


def iter_inputs(paths: Iterable[str], cfg: Config) -> Iterator[Item]:
    """Every document in `paths` (files, folders, '-' for stdin), in order, lazily."""
    for p in paths:
        if p == "-":
            src = _Source(origin="<stdin>", stem="stdin", path=None)
            if sys.stdin is None:
                yield InputError(src.origin, UNREADABLE, "there is no standard input")
                continue
            try:
                yield from _from_stream(sys.stdin.buffer, src, cfg)
            except InputError as e:
                yield e
            except Exception as e:  # noqa: BLE001 - as for a file
                yield internal_error(src.origin, e)
            continue
        path = Path(p)
        if path.is_dir():
            for f in _walk(path):
                yield from (f,) if isinstance(f, InputError) else _from_file(f, cfg)
        else:
            yield from _from_file(path, cfg)

