"""RSS and Atom feeds: every item read by the feed source, and its document built.

The first byte picks the shape: the bytes as a whole feed file, or as the content of an
item of an RSS feed written here (so mutations reach item handling, not only XML syntax).

    python benchmarks/fuzz/fuzz_feed.py -runs=100000 CORPUS_DIR
"""
from xml.sax.saxutils import escape

import atheris

with atheris.instrument_imports(include=['marsad', 'feedparser']):
    from marsad.ingest import sources  # noqa: F401 - instrumented for harness.ingest_all

import harness

_FILE = harness.InputFile("fuzz.xml")
_RSS = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Front</title>'
        "<item><title>Strike on a market</title><link>https://example.org/a</link>"
        "<pubDate>Fri, 15 Mar 2024 09:00:00 GMT</pubDate><description>{}</description></item>"
        "</channel></rss>")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    mode, rest = data[0] % 2, data[1:]
    blob = rest if mode == 0 else _RSS.format(escape(harness.as_text(rest))).encode("utf-8")
    harness.ingest_all([_FILE.write(blob)], harness.config())


if __name__ == "__main__":
    harness.main(test_one_input)
