"""Seed inputs for each fuzz target, written for Marsad (no copied text).

`seeds(target)` gives the starting corpus; `run.py` writes it into a fresh directory
that libFuzzer then grows. A target whose first byte picks a mode gets each seed once
per mode.
"""
from __future__ import annotations

import gzip
import json

ARTICLE = """\
Front page > World > Middle East

Shelling kills four near the river crossing

By a staff reporter | 15 March 2024

ALEPPO, March 15 (Staff) - Shelling hit the eastern districts of the city on Tuesday,
killing at least four civilians and wounding a dozen others, residents said.

Two schools near the crossing were closed after the strikes, and some 300-500 families
left for villages to the south, a local official told reporters on Wednesday.

Related stories
Talks stall again

12 Comments

  • Rami
    I heard the blasts from our street last night. Stay safe everyone.
    • Dana
      Same here, it went on until two in the morning.
  • Yusuf on March 15, 2024 at 5:12 pm said:
    Why is nobody talking about the crossing itself?
"""

BARE_THREAD = """\
The convoy reached the town before dawn, officials said, after two days on the road.

Comments

Mona
lol you believe that? my cousin lives there and says nothing arrived.

Reply

Karim
I was there. Trucks came on Monday, not before.
"""

HTML = """\
<!doctype html><html><head><meta charset="utf-8"><title>Strike on a market | The Ledger</title>
<meta property="article:published_time" content="2024-03-15T08:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Strike on a market</h1><p class="byline">By Staff, 15 March 2024</p>
<p>An air strike hit a market in the north of the province on Friday, killing 12 people.</p>
<p>Rescue teams searched the rubble until late evening, the civil defence said.</p></article>
<section id="comments"><h2>3 comments</h2><ol class="comment-list">
<li class="comment depth-1"><div class="comment-author">Hana</div>
<div class="comment-content"><p>Terrible news, my family shops there.</p></div>
<ol class="children"><li class="comment depth-2"><div class="comment-author">Omar</div>
<div class="comment-content"><p>Are they safe?</p></div></li></ol></li>
<li class="comment depth-1"><div class="comment-author">Lina</div>
<div class="comment-content"><p>Praying for everyone there.</p></div></li></ol></section>
<footer>All rights reserved</footer></body></html>
"""

COMMENT_ITEMS = ('<li class="comment"><div class="comment-author">Hana</div>'
                 '<div class="comment-content"><p>Terrible news.</p></div></li>'
                 '<li class="comment"><div class="comment-author">Omar</div>'
                 '<div class="comment-content"><p>Are they safe?</p></div></li>')

RSS = """\
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>The Ledger</title>
<item><title>Strike on a market</title><link>https://example.org/2024/03/15/market</link>
<pubDate>Fri, 15 Mar 2024 09:00:00 GMT</pubDate>
<description>&lt;p&gt;An air strike hit a market on Friday, killing 12 people.&lt;/p&gt;</description></item>
<item><title>Convoy arrives</title><link>https://example.org/2024/03/14/convoy</link>
<description>The convoy reached the town before dawn.</description></item>
</channel></rss>
"""

ATOM = """\
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Field notes</title>
<entry><title>Clashes on the ring road</title><link href="https://example.org/n/1"/>
<updated>2024-03-14T18:30:00Z</updated>
<content type="html">&lt;p&gt;Clashes broke out on the ring road late on Thursday.&lt;/p&gt;</content></entry>
</feed>
"""

DATES = [
    "On Thursday, talks resumed in the capital.",
    "The siege began on 10 February, 2018 and ended in April 2019.",
    "Two days ago a convoy was hit; since 2012 the road has been closed.",
    "Fighting resumed last month, and again on Feb. 10 and 2024-03-01.",
    "Yesterday morning, and until next Monday, the crossing stays shut.",
    "Between 3 and 5 March the town was shelled every night.",
]

QUANTITIES = [
    "At least 12 people were killed and 45 wounded.",
    "some 300-500 families fled, among them dozens of children",
    "Two fighters and three civilians died; 78 dead, 45 in Jableh and 33 in Tartus.",
    "Thousands have fled since Monday, and nearly 1.5 million are displaced.",
    "between twenty and thirty houses were destroyed, about a hundred damaged",
]

PLACES = [
    "Shelling hit eastern Aleppo and the southern countryside of Idlib on Tuesday.",
    "Damascus said the strike near Homs governorate killed four.",
    "Reporters in Paris, Texas, and in Beirut saw the same pictures.",
    "Clashes on the Iraqi-Syrian border area near al-Bukamal continued.",
    "readers in idlib and usa wrote to us",
]


def _warc_record(uri: str, http_body: bytes, ctype: str = "text/html") -> bytes:
    payload = b"HTTP/1.1 200 OK\r\nContent-Type: %s\r\n\r\n" % ctype.encode() + http_body
    head = (b"WARC/1.0\r\nWARC-Type: response\r\n"
            b"WARC-Record-ID: <urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427>\r\n"
            b"WARC-Date: 2024-03-15T10:00:00Z\r\nWARC-Target-URI: %s\r\n"
            b"Content-Type: application/http; msgtype=response\r\n"
            b"Content-Length: %d\r\n\r\n" % (uri.encode(), len(payload)))
    return head + payload + b"\r\n\r\n"


def _utf8(texts) -> list[bytes]:
    return [t.encode("utf-8") for t in texts]


def _modes(count: int, payloads: list[bytes]) -> list[bytes]:
    return [bytes([mode]) + p for mode in range(count) for p in payloads]


def seeds(target: str) -> list[bytes]:
    """The seed inputs of one target (by its name without `fuzz_`)."""
    warc = (_warc_record("https://example.org/a", HTML.encode())
            + _warc_record("https://example.org/b", ARTICLE.encode(), "text/plain"))
    jsonl = "\n".join(json.dumps(r) for r in (
        {"id": "a", "text": ARTICLE, "published": "2024-03-15"},
        {"id": "b", "html": HTML, "url": "https://example.org/b"}, [1, 2], {"text": 3}))
    by_target = {
        "text": _utf8([ARTICLE, BARE_THREAD]),
        "html": _modes(2, _utf8([HTML, COMMENT_ITEMS])),
        "warc": [b"\x00" + warc, b"\x00" + gzip.compress(warc, mtime=0), b"\x01" + warc[10:],
                 b"\x02Content-Type: text/html\r\n\r\n" + HTML.encode(), b"\x03" + ARTICLE.encode()],
        "feed": [b"\x00" + RSS.encode(), b"\x00" + ATOM.encode(), b"\x01" + HTML.encode()],
        "jsonl": _modes(3, [jsonl.encode()]) + [b"\x01" + json.dumps([{"text": ARTICLE}]).encode()],
        "decode": [b"\x00" + ARTICLE.encode(), b"\x02" + "قصف على المدينة".encode("cp1256"),
                   b"\x01" + HTML.encode("utf-16"), b"\x03" + ARTICLE.encode("utf-8").decode("latin-1").encode("utf-8")],
        "dates": _utf8(["2024-03-15\n" + d for d in DATES]),
        "quantities": _utf8(QUANTITIES),
        "gazetteer": _utf8(PLACES),
    }
    return by_target[target]


TARGETS = ("text", "html", "warc", "feed", "jsonl", "decode", "dates", "quantities", "gazetteer")
