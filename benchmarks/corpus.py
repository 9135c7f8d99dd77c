"""Generate a benchmark corpus: thousands of varied documents, deterministic for a seed.

    python benchmarks/corpus.py OUT_DIR [--docs 3000] [--seed 7]

The material is ours: paragraphs, place names, reader comments and their authors from the
annotated corpus (`tests/corpus/*.gold.json`) and the example documents (`examples/`, read
from their raw form, so the corpus stays the same when Marsad's parser changes). Each
generated document recombines paragraphs from several reports, swaps place names for others
from the pool, gets a headline, a date, an outlet and maybe a reader thread built from
pooled comments, and is written in one of the input formats Marsad reads: plain text (three
comment layouts), HTML (WordPress comment markup, or a wire page with furniture), JSON Lines
(100 documents a file), RSS (10 items a feed) and one gzipped WARC built with warcio.
The documents go to `OUT_DIR/docs/`; `OUT_DIR/manifest.json` records the seed and what was
written, and a second call with the same arguments reuses the corpus.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import json
import random
import re
import shutil
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "tests" / "corpus"
EXAMPLES_DIR = REPO / "examples"
FORMATS = ("txt", "html", "jsonl", "rss", "warc")
JSONL_PER_FILE = 100
RSS_PER_FEED = 10
COMMENT_LAYOUTS = ("bullets", "numbered", "bare")
OUTLETS = ("Levant Wire", "Frontline Review", "North Syria Today", "Desert Dispatch",
           "Gulf Daily", "Tigris Times")


@dataclass
class Thread:
    """A reader thread: (author, parent index or None, text) in page order."""
    comments: list[tuple[str | None, int | None, str]]


@dataclass
class Pool:
    paragraphs: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)


@dataclass
class GeneratedDoc:
    doc_id: str
    title: str
    published: str
    outlet: str
    paragraphs: list[str]
    thread: Thread | None


def _paragraphs(text: str) -> list[str]:
    """Blocks of prose: unindented, at least eight words (furniture and comments fall out)."""
    blocks = re.split(r"\n\s*\n", text)
    return [" ".join(b.split()) for b in blocks if b.strip() and not b.startswith(" ") and len(b.split()) >= 8]


def _html_parts(page: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Article paragraphs and (author, text) reader comments of a page we wrote."""
    import lxml.html

    root = lxml.html.fromstring(page)
    # WordPress threads (li.comment) and the simpler div.rc markup of the hostile-comment example
    markups = (("//li[contains(@class,'comment')]", "fn", "comment-content"),
               ("//div[contains(concat(' ', @class, ' '), ' rc ')]", "rc-author", "rc-text"))
    comments = [(" ".join(node.xpath(f"string(.//*[contains(@class,'{author}')][1])").split()),
                 " ".join(node.xpath(f"string(.//*[contains(@class,'{text}')][1])").split()))
                for path, author, text in markups for node in root.xpath(path)]
    paragraphs = [" ".join(p.text_content().split()) for p in root.xpath("//p[not(ancestor::li)]")]
    return [p for p in paragraphs if len(p.split()) >= 8], [c for c in comments if c[0] and c[1]]


def _example_parts(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Paragraphs and comments of one example file, read from its raw form (so the corpus
    never changes when Marsad's own parser does)."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix in (".html", ".htm"):
        return _html_parts(raw)
    if path.suffix == ".jsonl":
        paragraphs: list[str] = []
        for line in raw.splitlines():
            record = json.loads(line)
            paragraphs += _paragraphs(record["text"]) if "text" in record else _html_parts(record["html"])[0]
        return paragraphs, []
    if path.suffix == ".rss":
        items = re.findall(r"<!\[CDATA\[(.*?)\]\]>", raw, flags=re.S)
        return [p for item in items for p in _html_parts(f"<div>{item}</div>")[0]], []
    return _paragraphs(raw), _txt_comments(raw)


AUTHOR_LINE = re.compile(r"^\s+(?:\u2022|\d+\.)\s+(.+?)(?:\s+says:)?\s*$")


def _txt_comments(raw: str) -> list[tuple[str, str]]:
    """(author, text) of bullet or numbered reader comments in a plain-text dump."""
    comments: list[tuple[str, list[str]]] = []
    for line in raw.splitlines():
        m = AUTHOR_LINE.match(line)
        if m:
            comments.append((m.group(1), []))
        elif comments and line.startswith(" ") and line.strip():
            comments[-1][1].append(line.strip())
    return [(author, " ".join(lines)) for author, lines in comments if lines]


def load_pool(gold_dir: Path = GOLD_DIR, examples_dir: Path = EXAMPLES_DIR) -> Pool:
    """Paragraphs, place names, comment texts and authors from our gold files and examples."""
    pool = Pool()
    places: set[str] = set()
    for g in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        pool.paragraphs += _paragraphs(gold["body"])
        places.update(p["text"] for p in gold["places"]
                      if p.get("literal", True) and p["text"][:1].isupper() and not p["text"].isupper())
        pool.comments += [c["text"] for c in gold["comments"]]
        pool.authors += [c["author"] for c in gold["comments"] if c.get("author")]
    for path in sorted(examples_dir.iterdir()):
        if path.suffix == ".md":
            continue
        paragraphs, comments = _example_parts(path)
        pool.paragraphs += paragraphs
        pool.comments += [text for _, text in comments]
        pool.authors += [author for author, _ in comments]
    pool.places = sorted(places)
    pool.authors = sorted(set(pool.authors))
    return pool


def make_thread(rng: random.Random, pool: Pool) -> Thread:
    """2-8 comments from the pool, each a reply to an earlier one or a new top-level comment."""
    comments: list[tuple[str | None, int | None, str]] = []
    for i in range(rng.randint(2, 8)):
        parent = rng.randrange(i) if i and rng.random() < 0.5 else None
        author = rng.choice(pool.authors) if rng.random() < 0.9 else None
        comments.append((author, parent, rng.choice(pool.comments)))
    return Thread(comments)


def swap_places(text: str, mapping: dict[str, str]) -> str:
    """Replace whole-word place names by their partners (one pass, so swaps never chain)."""
    if not mapping:
        return text
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)) + r")(?!\w)")
    return pattern.sub(lambda m: mapping[m.group(1)], text)


def make_doc(rng: random.Random, pool: Pool, n: int) -> GeneratedDoc:
    """One recombined document: 2-7 paragraphs, a few places swapped, maybe a thread."""
    paragraphs = rng.sample(pool.paragraphs, k=min(len(pool.paragraphs), rng.randint(2, 7)))
    swaps = rng.sample(pool.places, k=min(len(pool.places), 2 * rng.randint(0, 3)))
    mapping = {a: b for a, b in zip(swaps[::2], swaps[1::2])}
    mapping.update({b: a for a, b in mapping.items()})
    paragraphs = [swap_places(p, mapping) for p in paragraphs]
    words = paragraphs[0].split()
    title = " ".join(words[: rng.randint(6, 11)]).rstrip(",.;:")
    published = (dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))).isoformat()
    thread = make_thread(rng, pool) if pool.comments and pool.authors and rng.random() < 0.5 else None
    return GeneratedDoc(doc_id=f"bench-{n:05d}", title=title, published=published,
                        outlet=rng.choice(OUTLETS), paragraphs=paragraphs, thread=thread)


# ---------------------------------------------------------------- writers, one per format

def render_thread_text(thread: Thread, layout: str) -> str:
    depth: dict[int, int] = {}
    numbers: dict[int | None, int] = {}
    lines: list[str] = []
    for i, (author, parent, text) in enumerate(thread.comments):
        depth[i] = 0 if parent is None else depth.get(parent, 0) + 1
        pad = "  " * (depth[i] + 1)
        body = [f"{pad}  {t}" if t.strip() else "" for t in text.split("\n")]
        name = author or "Anonymous"
        if layout == "bullets":
            lines += [f"{pad}\u2022 {name}", ""] + body + [""]
        elif layout == "numbered":
            numbers[parent] = numbers.get(parent, 0) + 1
            lines += [f"{pad}{numbers[parent]}. {name} says:", ""] + body + [""]
        else:
            lines += ([author, ""] if author else []) + text.split("\n") + ["", ""]
    return "\n".join(lines)


def render_txt(doc: GeneratedDoc, rng: random.Random) -> str:
    parts = [doc.title, "", rng.choice(["Click to see the full-size map", "skip to Main Content", doc.published]), ""]
    parts += ["\n\n".join(doc.paragraphs), "", "Share this:\nTwitter\nFacebook", ""]
    if doc.thread:
        parts += ["", render_thread_text(doc.thread, rng.choice(COMMENT_LAYOUTS))]
    parts += ["Back To Top"]
    return "\n".join(parts) + "\n"


def _comment_items(thread: Thread) -> str:
    children: dict[int | None, list[int]] = {}
    for i, (_, parent, _) in enumerate(thread.comments):
        children.setdefault(parent, []).append(i)

    def items(parent: int | None, depth: int) -> str:
        out = []
        for i in children.get(parent, []):
            author, _, text = thread.comments[i]
            paras = "".join(f"<p>{html.escape(t)}</p>" for t in text.split("\n") if t.strip())
            nested = items(i, depth + 1)
            out.append(f'<li class="comment depth-{depth}" id="li-comment-{i + 1}"><article class="comment-body">'
                       f'<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">'
                       f'{html.escape(author or "Anonymous")}</b> <span class="says">says:</span></div></footer>'
                       f'<div class="comment-content">{paras}</div></article>'
                       + (f'<ol class="children">{nested}</ol>' if nested else "") + "</li>")
        return "".join(out)

    return items(None, 1)


def render_html(doc: GeneratedDoc, rng: random.Random) -> str:
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in doc.paragraphs)
    comments = ""
    if doc.thread:
        comments = f'<div id="comments"><ol class="commentlist">{_comment_items(doc.thread)}</ol></div>'
    related = "".join(f"<li><a href='/r{k}'>{html.escape(rng.choice(doc.paragraphs)[:60])}</a></li>" for k in range(3))
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(doc.title)}</title>"
            f"<meta property='og:site_name' content='{html.escape(doc.outlet)}'>"
            f"<meta property='article:published_time' content='{doc.published}'></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/video'>Video</a></nav>"
            f"<article><h1>{html.escape(doc.title)}</h1><div class='share'>Share on Facebook Share on Twitter</div>"
            f"{paras}</article><aside><h2>Related</h2><ul>{related}</ul></aside>{comments}"
            f"<footer>&copy; {html.escape(doc.outlet)} - Back To Top</footer></body></html>\n")


def jsonl_record(doc: GeneratedDoc, rng: random.Random) -> dict:
    record = {"id": doc.doc_id, "url": f"https://bench.example.org/{doc.doc_id}", "title": doc.title,
              "published": doc.published, "outlet": doc.outlet}
    if rng.random() < 0.5:
        record["text"] = "\n\n".join(doc.paragraphs)
    else:
        record["html"] = render_html(doc, rng)
    return record


def rss_feed(docs: list[GeneratedDoc]) -> str:
    items = "".join(
        f"<item><title>{html.escape(d.title)}</title><link>https://bench.example.org/{d.doc_id}</link>"
        f"<pubDate>{dt.date.fromisoformat(d.published).strftime('%a, %d %b %Y')} 12:00:00 +0000</pubDate>"
        f"<description>{html.escape(d.paragraphs[0][:120])}</description>"
        f"<content:encoded><![CDATA[{''.join(f'<p>{html.escape(p)}</p>' for p in d.paragraphs)}]]></content:encoded></item>"
        for d in docs)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Bench desk</title><link>https://bench.example.org/</link><description>generated</description>"
            f"{items}</channel></rss>\n")


def write_warc(path: Path, pages: list[tuple[GeneratedDoc, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for doc, page in pages:
            url = f"https://bench.example.org/{doc.doc_id}"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            # Fixed date and id (warcio would use now and a random uuid) keep the file the same for a seed.
            warc_headers = {"WARC-Date": f"{doc.published}T12:00:00Z",
                            "WARC-Record-ID": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>"}
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(page.encode("utf-8")),
                                               http_headers=headers, warc_headers_dict=warc_headers)
            writer.write_record(record)


def generate(out_dir: Path, n_docs: int = 3000, seed: int = 7) -> dict:
    """Write the corpus into out_dir/docs (or reuse it when the manifest matches); returns the manifest."""
    manifest_path = out_dir / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("seed") == seed and manifest.get("docs") == n_docs:
            return manifest
        shutil.rmtree(out_dir / "docs", ignore_errors=True)
    docs_dir = out_dir / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pool = load_pool()
    if not pool.paragraphs:
        raise SystemExit("corpus: no paragraphs found in tests/corpus or examples")
    docs = [make_doc(rng, pool, n) for n in range(n_docs)]
    by_format: dict[str, list[GeneratedDoc]] = {f: [] for f in FORMATS}
    for n, doc in enumerate(docs):
        by_format[FORMATS[n % len(FORMATS)]].append(doc)
    for doc in by_format["txt"]:
        (docs_dir / f"{doc.doc_id}.txt").write_text(render_txt(doc, rng), encoding="utf-8")
    for doc in by_format["html"]:
        (docs_dir / f"{doc.doc_id}.html").write_text(render_html(doc, rng), encoding="utf-8")
    for k in range(0, len(by_format["jsonl"]), JSONL_PER_FILE):
        batch = by_format["jsonl"][k:k + JSONL_PER_FILE]
        lines = [json.dumps(jsonl_record(d, rng), ensure_ascii=False) for d in batch]
        (docs_dir / f"batch-{k // JSONL_PER_FILE:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for k in range(0, len(by_format["rss"]), RSS_PER_FEED):
        feed = rss_feed(by_format["rss"][k:k + RSS_PER_FEED])
        (docs_dir / f"feed-{k // RSS_PER_FEED:03d}.rss").write_text(feed, encoding="utf-8")
    if by_format["warc"]:
        write_warc(docs_dir / "crawl.warc.gz", [(d, render_html(d, rng)) for d in by_format["warc"]])
    files = list(docs_dir.iterdir())
    manifest = {"seed": seed, "docs": n_docs, "per_format": {f: len(v) for f, v in by_format.items()},
                "files": len(files), "bytes": sum(p.stat().st_size for p in files)}
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    manifest = generate(args.out_dir, args.docs, args.seed)
    print(json.dumps(manifest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
