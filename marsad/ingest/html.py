"""HTML pages: reader comments from their markup, article body through trafilatura.

The page is parsed once, the way trafilatura parses it. Comments are read first, from
the markup of the usual CMSs (the XPaths live in `data/comment_markup.tsv`): each
comment element's own text, its author, and its parent, found by nesting or by depth
marks. The comment elements and their section are then cut from the tree, and
trafilatura extracts the body from what is left, so comments cannot leak into the body;
a page without comment markup reaches trafilatura unchanged, so the body is exactly
trafilatura's. The publication date comes from the page's markup only (JSON-LD, meta
tags, `<time>`, the URL), never from dates in the page text, which may be furniture.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterator

from lxml import etree

from marsad import data
from marsad.errors import NOT_HTML, InputError
from marsad.ingest.model import Parsed
from marsad.records import Comment

_BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt fieldset figcaption figure footer form h1 h2 "
    "h3 h4 h5 h6 header hr li main nav ol p pre section table tr td th ul".split())
_INVISIBLE = frozenset(("script", "style", "noscript", "template", "head", "title", "iframe",
                        "object", "embed", "svg", "canvas", "select", "textarea", "button"))
_PAGE_FURNITURE = frozenset(("nav", "header", "footer", "aside", "form"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_AUTHOR_NOISE = re.compile(r"\s*(\bsays\b|\bwrote\b|\bcommented\b)?\s*:?\s*$", re.I)
_DEPTH_CLASS = re.compile(r"\bdepth-(\d+)\b")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_]|$)")
_PUBLISHED_CLASS = re.compile(r"publish|entry-date|post-date|article-date|story-date", re.I)
_UPDATED_CLASS = re.compile(r"updated|modified|edited", re.I)
_BYLINE_CLASS = re.compile(r"byline|entry-meta|post-meta|article-meta|story-meta|dateline", re.I)
_CHEAP_DATE_SEARCH = {"extensive_search": False, "original_date": True}
_MAX_AUTHOR_CHARS = 80
_MAX_FALLBACK_CHARS = 5000  # a page this short with no article found is a fragment: keep its text
_EARLIEST_YEAR = 1990
_MIN_REPEATS = 2  # elements sharing a class in a comment section before they count as comments


@functools.lru_cache(maxsize=1)
def _markup() -> dict[str, tuple[Any, ...]]:
    """kind -> compiled XPaths (or, for 'date', meta names) from data/comment_markup.tsv."""
    out: dict[str, list[Any]] = {}
    for row in data.load_tsv("comment_markup.tsv"):
        value = row["xpath"] if row["kind"] == "date" else etree.XPath(row["xpath"])
        out.setdefault(row["kind"], []).append(value)
    return {k: tuple(v) for k, v in out.items()}


def _matches(kind: str, el) -> Iterator[Any]:
    """Elements under `el` that the `kind` rules match, each once, best rule first."""
    seen = set()
    for xp in _markup().get(kind, ()):
        for match in xp(el):
            if match not in seen:
                seen.add(match)
                yield match


# ---------------------------------------------------------------- text of an element

def element_text(el, skip: set | frozenset = frozenset()) -> str:
    """The visible text of `el`: blocks and <br> become line breaks, paragraphs are set
    apart by a blank line, elements in `skip` (and invisible ones) are left out.
    Iterative, so hostile nesting depth cannot exhaust the stack."""
    parts: list[str] = []
    walker = etree.iterwalk(el, events=("start", "end"))
    for event, node in walker:
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if node is not el and (node in skip or tag in _INVISIBLE or not tag):
                walker.skip_subtree()
                continue
            if tag in _BLOCK_TAGS:
                parts.append("\n\n" if tag in ("p", "blockquote", "li", "pre") else "\n")
            elif tag == "br":
                parts.append("\n")
            if node.text and tag not in _INVISIBLE:
                parts.append(node.text)
        else:
            if node is el:
                break
            if tag in _BLOCK_TAGS:
                parts.append("\n\n" if tag in ("p", "blockquote", "li", "pre") else "\n")
            if node.tail:
                parts.append(node.tail)
    return tidy("".join(parts))


def tidy(text: str) -> str:
    """Spaces collapsed, lines trimmed, at most one blank line between paragraphs."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip().replace("\n\n\n", "\n\n")


# ---------------------------------------------------------------- comments

@dataclass
class _Item:
    el: Any
    parent: int | None = None   # index into the item list
    depth: int = 0


def _holds_article(el) -> bool:
    return any(True for _ in _matches("body", el))


def _inside(el, elements: set) -> bool:
    return any(a in elements for a in el.iterancestors())


def _own_text(el, items: set) -> str:
    return element_text(el, skip=items - {el})


def comment_items(tree) -> list[_Item]:
    """The comment elements of a page in document order, each with its parent item."""
    found = {el for el in _matches("item", tree) if not _holds_article(el)} or _repeated_in_sections(tree)
    if not found:
        return []
    order = {el: i for i, el in enumerate(tree.iter())}
    elements = sorted(found, key=order.__getitem__)
    # A comment whose element holds nothing of its own but wraps another matched element
    # (a WordPress <li class=comment> around <article class=comment>): the inner one is
    # its content box, not a reply.
    kept = set(elements)
    for el in elements:
        if el in kept and not _own_text(el, kept):
            inner = next((d for d in el.iterdescendants() if d in kept), None)
            if inner is not None:
                kept.discard(inner)
    items = [_Item(el) for el in elements if el in kept]
    index = {it.el: i for i, it in enumerate(items)}
    for it in items:
        anc = next((a for a in it.el.iterancestors() if a in index), None)
        if anc is not None:
            it.parent = index[anc]
            it.depth = items[it.parent].depth + 1
    if all(it.parent is None for it in items):
        _thread_by_marks(items)
    return items


def _repeated_in_sections(tree) -> set:
    """Comments in markup no rule knows: inside each element named for comments, the
    elements sharing the class token that repeats closest to the section's top."""
    sections = [s for s in _matches("section", tree) if not _holds_article(s)]
    sections = [s for s in sections if not _inside(s, set(sections))]
    found: set = set()
    for section in sections:
        depth_of: dict[str, int] = {}
        members: dict[str, list] = {}
        stack = [(child, 1) for child in section]
        while stack:
            el, depth = stack.pop()
            stack.extend((child, depth + 1) for child in el)
            for token in (el.get("class") or "").split():
                members.setdefault(token, []).append(el)
                depth_of[token] = min(depth_of.get(token, depth), depth)
        repeated = [t for t, els in members.items() if len(els) >= _MIN_REPEATS]
        if repeated:
            best = min(repeated, key=lambda t: (depth_of[t], -len(members[t])))
            found.update(el for el in members[best] if element_text(el))
    return found


def _thread_by_marks(items: list[_Item]) -> None:
    """Flat lists that mark replies with `depth-N` classes or `data-parent` ids."""
    by_id = {it.el.get("id"): i for i, it in enumerate(items) if it.el.get("id")}
    by_id.update({it.el.get("data-id"): i for i, it in enumerate(items) if it.el.get("data-id")})
    last_at_depth: dict[int, int] = {}
    base = min((_depth_mark(it.el) for it in items if _depth_mark(it.el) is not None), default=0)
    for i, it in enumerate(items):
        ref = it.el.get("data-parent-id") or it.el.get("data-parent")
        mark = _depth_mark(it.el)
        if ref and by_id.get(ref) is not None and by_id[ref] < i:
            it.parent = by_id[ref]
            it.depth = items[it.parent].depth + 1
        elif mark is not None and mark > base and last_at_depth.get(mark - base - 1) is not None:
            it.depth = mark - base
            it.parent = last_at_depth[it.depth - 1]
        last_at_depth[it.depth] = i


def _depth_mark(el) -> int | None:
    m = _DEPTH_CLASS.search(el.get("class") or "")
    if m:
        return int(m.group(1))
    value = el.get("data-depth") or ""
    return int(value) if value.isdigit() else None


def _first_own(el, kind: str, items: set):
    """The first `kind` match inside `el` that does not sit in a nested comment."""
    for match in _matches(kind, el):
        if match is not el and not any(a in items for a in _ancestors_until(match, el)):
            return match
    return None


def _ancestors_until(node, top) -> Iterator[Any]:
    for a in node.iterancestors():
        if a is top:
            return
        yield a


def clean_author(name: str) -> str | None:
    name = _AUTHOR_NOISE.sub("", tidy(name).replace("\n", " ")).strip(" :-–—|")
    return name if 0 < len(name) <= _MAX_AUTHOR_CHARS else None


def _comment(item: _Item, items: set) -> tuple[str | None, str]:
    el = item.el
    others = items - {el}
    author_el = _first_own(el, "author", items)
    text_el = _first_own(el, "text", items)
    if text_el is not None:
        skip = others | {m for m in _matches("meta", text_el) if m is not text_el}
        if author_el is not None:
            skip.add(author_el)
        text = element_text(text_el, skip)
    else:
        skip = others | set(_matches("meta", el))
        if author_el is not None:
            skip.add(author_el)
        skip.update(d for d in el.iterdescendants("header", "footer") if not _inside(d, others))
        text = element_text(el, skip)
    author = clean_author(element_text(author_el)) if author_el is not None else None
    return author, text


def extract_comments(tree) -> tuple[list[Comment], list[Any]]:
    """(comments, their elements) of a parsed page; comments without text are dropped
    and their replies attach to the nearest kept ancestor."""
    items = comment_items(tree)
    elements = {it.el for it in items}
    comments: list[Comment] = []
    ids: dict[int, str | None] = {}
    depths: dict[int, int] = {}
    for i, it in enumerate(items):
        author, text = _comment(it, elements)
        parent = it.parent
        while parent is not None and ids.get(parent) is None:
            parent = items[parent].parent
        if not text:
            ids[i] = ids.get(parent) if parent is not None else None
            depths[i] = depths.get(parent, -1) if parent is not None else -1
            continue
        cid = f"c{len(comments) + 1}"
        depth = depths[parent] + 1 if parent is not None else 0
        ids[i], depths[i] = cid, depth
        comments.append(Comment(id=cid, parent=ids[parent] if parent is not None else None,
                                depth=depth, author=author, text=text))
    return comments, [it.el for it in items]


def _plain_thread(tree) -> tuple[list[Comment], list[Any]]:
    """Comments in a comment section that has no per-comment markup, read as plain text."""
    sections = [c for c in _matches("container", tree) if not _holds_article(c)]
    sections = [c for c in sections if not _inside(c, set(sections))]
    furniture = {el for c in sections for el in c.iter("form", "h1", "h2", "h3", "h4", "h5", "h6")}
    text = "\n\n".join(t for t in (element_text(c, furniture) for c in sections) if t)
    if not text:
        return [], []
    try:
        from marsad.ingest.threads import parse_thread
    except ImportError:  # the plain-text thread reader is optional here
        return [], []
    comments = parse_thread(text)
    # One anonymous block ("Comments are closed.") is a notice, not a thread.
    if len(comments) < 2 and not any(c.author for c in comments):
        return [], []
    return comments, sections


def comment_regions(tree, items: list[Any]) -> list[Any]:
    """The elements to cut so no comment is left in the page: each top-level comment and
    the comment section around it, unless that section also holds the article."""
    regions = set()
    item_set = set(items)
    containers = set(_matches("container", tree)) | set(_matches("section", tree))
    holds_article: dict[Any, bool] = {}   # top-level comments share their ancestors
    for el in items:
        if _inside(el, item_set):
            continue
        region = el
        for anc in el.iterancestors():
            if anc not in holds_article:
                holds_article[anc] = anc.tag in ("body", "html") or _holds_article(anc)
            if holds_article[anc]:
                break
            if anc in containers:
                region = anc
        regions.add(region)
    return [r for r in regions if not _inside(r, regions)]


def _cut(el) -> None:
    """Remove `el` from its tree, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


# ---------------------------------------------------------------- metadata

def _valid_date(y: int, m: int, d: int) -> str | None:
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    return day.isoformat() if _EARLIEST_YEAR <= y and day <= date.today() else None


def iso_day(value: str | None) -> str | None:
    m = _ISO_DATE.search(value or "")
    return _valid_date(*map(int, m.groups())) if m else None


def _json_ld_values(tree, key: str) -> Iterator[Any]:
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            stack = [json.loads(script.text)]
        except ValueError:
            continue
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                if key in node:
                    yield node[key]
                stack.extend(reversed(list(node.values())))
            elif isinstance(node, list):
                stack.extend(reversed(node))


def find_published(tree, url: str | None) -> str | None:
    """The publication date the page's markup states: JSON-LD, meta tags, a marked <time>,
    the URL path. Dates in the page text are not read (banners and crawl dates lie)."""
    for value in _json_ld_values(tree, "datePublished"):
        if isinstance(value, str) and iso_day(value):
            return iso_day(value)
    metas = {}
    for m in tree.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        if key and key not in metas:
            metas[key] = m.get("content")
    for name in _markup().get("date", ()):
        day = iso_day(metas.get(name.lower()))
        if day:
            return day
    times = list(tree.iter("time"))
    marked = [t for t in times if t.get("itemprop") == "datePublished" or t.get("pubdate") is not None]
    in_byline = [t for t in times if t.get("datetime") and _is_byline_time(t)]
    for t in marked + in_byline:
        day = iso_day(t.get("datetime") or t.text)
        if day:
            return day
    m = _URL_DATE.search(url or "")
    return _valid_date(*map(int, m.groups())) if m else None


def _is_byline_time(t) -> bool:
    """A <time> the article's byline gives as its date (not an 'updated' stamp)."""
    if _UPDATED_CLASS.search(t.get("class") or ""):
        return False
    if _PUBLISHED_CLASS.search(t.get("class") or ""):
        return True
    return any(_BYLINE_CLASS.search(a.get("class") or "") for a in t.iterancestors())


def find_outlet(tree) -> str | None:
    for value in _json_ld_values(tree, "publisher"):
        name = value.get("name") if isinstance(value, dict) else None
        if isinstance(name, str) and name.strip():
            return name.strip()
    return None


# ---------------------------------------------------------------- the page

def _load(html: str, origin: str):
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None and html.strip():
        tree = load_html(f"<html><body>{html}</body></html>")  # a one-element fragment
    if tree is None:
        raise InputError(origin, NOT_HTML, "no HTML document could be parsed")
    # For a fragment of one element lxml hands back that element, not the root; the
    # comment rules' XPaths search the whole document all the same.
    tree = tree.getroottree().getroot()
    _adopt_trailing(tree)
    return tree


def _adopt_trailing(tree) -> None:
    """libxml2 puts what follows </html> in a second top-level element, out of reach of the
    extractors (and of document order); browsers append it to the body, and so do we."""
    body = tree.find("body")
    target = body if body is not None else tree
    for extra in tree.itersiblings():
        if not isinstance(extra.tag, str):
            continue  # a comment or processing instruction after the page
        inner = extra.find("body")
        source = inner if inner is not None else extra
        if source.text and source.text.strip():
            last = target[-1] if len(target) else None
            if last is not None:
                last.tail = (last.tail or "") + source.text
            else:
                target.text = (target.text or "") + source.text
        for child in list(source):
            target.append(child)


def _fallback_body(tree) -> str:
    """The text of a short page or fragment trafilatura found no article in."""
    skip = {el for el in tree.iter(*_PAGE_FURNITURE)}
    text = element_text(tree, skip)
    return text if len(text) <= _MAX_FALLBACK_CHARS else ""


def parse_html(html: str, url: str | None = None, origin: str = "") -> Parsed:
    """Body, comments, title, date and outlet of one HTML page or fragment."""
    import trafilatura

    tree = _load(html, origin)
    comments, items = extract_comments(tree)
    regions = comment_regions(tree, items)
    if not comments:
        comments, regions = _plain_thread(tree)
    for region in regions:
        _cut(region)
    # after the cut: a comment's own datePublished or publisher is not the article's
    published = find_published(tree, url)
    outlet = find_outlet(tree)
    # trafilatura's own date is not used (see find_published): its cheapest search will do
    result = trafilatura.bare_extraction(tree, url=url, include_comments=False, with_metadata=True,
                                         date_extraction_params=_CHEAP_DATE_SEARCH)
    body = (result.text if result is not None else "") or ""
    if not body.strip():
        body = _fallback_body(tree)
    return Parsed(body=body, comments=comments,
                  title=result.title if result is not None else None,
                  published=published,
                  outlet=(result.sitename if result is not None else None) or outlet,
                  url=(result.url if result is not None else None) or url)
