"""Regressions: inputs the fuzz targets (benchmarks/fuzz/) crashed a parser with, now refused
or read. Each test names the target that found it."""
import pytest

from marsad.document import RawInput
from marsad.errors import BAD_RECORD, InputError
from marsad.ingest.sources import iter_inputs


def test_feed_item_with_unclosed_elements_is_refused_not_crashing(tmp_path, cfg):
    # fuzz_feed: feedparser reports the summary of '<item<title</content>' as None
    path = tmp_path / "broken.xml"
    path.write_bytes(b'<rss version="2.0"><channel><item<title</content>')
    items = list(iter_inputs([str(path)], cfg))
    assert len(items) == 1
    assert isinstance(items[0], InputError) and items[0].code == BAD_RECORD
    assert str(path) in str(items[0])


def test_feed_keeps_good_items_beside_an_unclosed_one(tmp_path, cfg):
    path = tmp_path / "mixed.rss"
    path.write_bytes(b'<rss version="2.0"><channel>'
                     b"<item><title>Convoy</title><description>The convoy reached the town.</description></item>"
                     b"<item<title</content>")
    items = list(iter_inputs([str(path)], cfg))
    docs = [i for i in items if isinstance(i, RawInput)]
    assert [d.data for d in docs] == [b"The convoy reached the town."]


@pytest.mark.parametrize("declared", [b"\xaf\xaf", b"ut\x00\x00f-8"])
def test_feed_with_garbled_encoding_name_is_still_read(tmp_path, cfg, declared):
    # fuzz_feed: feedparser raised UnicodeDecodeError (non-UTF-8 bytes) or ValueError (a NUL)
    # on the encoding name of the XML declaration
    path = tmp_path / "declared.xml"
    path.write_bytes(b'<?xml version="1.0" encoding="' + declared + b'"?><rss version="2.0"><channel>'
                     b"<item><description>Shelling resumed.</description></item></channel></rss>")
    [item] = iter_inputs([str(path)], cfg)
    assert isinstance(item, RawInput) and item.data == b"Shelling resumed."
    assert item.origin == f"{path}#item-1"
