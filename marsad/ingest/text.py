"""Plain-text documents: a text dump of a web page -> title, date, article body, comments.

The page is read top to bottom in three zones:

- the header, every line before the first line of running prose (a long sentence, or
  a paragraph hard-wrapped at a fixed width): the first
  headline-shaped line is the title; a sentence-shaped line (a standfirst or deck) is
  body; everything else there (kickers, menus, bylines, datelines, read times,
  captions, banners) is furniture;
- the article, from the first prose line to where reader comments start: every line is
  body unless it is furniture (`furniture.is_furniture`), repeats the headline or another
  line, teases a later paragraph, or sits in a related-stories block;
- the comments (`threads.split_comments`), read by `threads.parse_thread`.
"""
from __future__ import annotations

import re
from collections import Counter

from marsad.ingest import furniture, meta, threads
from marsad.ingest.model import Parsed

_BREADCRUMB = re.compile(r"\s+(?:>|»|›)\s+")
# [A-Z]{3} not {3,}: the class after it takes further capitals, and letting both take them
# made a long run of capitals quadratic.
_DATELINE_ONLY = re.compile(r"^[A-Z]{3}[A-Z'. -]*(?:\s*[,(–—-]\s*[^.!?]{0,40})?$")


def parse_text(text: str) -> Parsed:
    """Title, publication date, body and comments of a plain-text page."""
    lines = [ln.expandtabs(4).rstrip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    notices = notice_lines(lines)
    first_prose = _first_prose(lines, notices)
    cut = None
    if first_prose is not None:
        cut = threads.split_comments(lines, first_prose + 1)
    article = lines if cut is None else lines[:cut]
    comments = threads.parse_thread("\n".join(lines[cut:])) if cut is not None else []
    header_end = first_prose if first_prose is not None else _short_page_header_end(article)
    header = [ln if i not in notices else "" for i, ln in enumerate(article[:header_end])]
    title_at, title = find_title(header)
    # What stands above the headline (kickers, tickers, menus) is never a deck.
    kept = _article_lines(article, header_end, title, notices | set(range(title_at + 1)))
    return Parsed(body=_join(kept), comments=comments, title=title,
                  published=meta.find_published("\n".join(article)))


def _short_page_header_end(lines: list[str]) -> int:
    """A page with no line of running prose: its first line is the header if it is
    headline-shaped and something follows it."""
    texts = [i for i, ln in enumerate(lines) if ln.strip() and not furniture.is_furniture(ln)]
    if len(texts) >= 2 and headline_shaped(lines[texts[0]]):
        return texts[0] + 1
    return 0


def notice_lines(lines: list[str]) -> set[int]:
    """Indices of site notices to readers ("Dear Deeply Readers," and the prose under it)."""
    found: set[int] = set()
    for i, line in enumerate(lines):
        if not furniture.is_notice_start(line):
            continue
        found.add(i)
        for j in range(i + 1, len(lines)):
            if lines[j].strip() and not furniture.is_prose(lines[j]):
                break
            found.add(j)
    return found


def _first_prose(lines: list[str], skip: set[int]) -> int | None:
    """Index of the first line of running prose: a prose line, or the first line of a
    hard-wrapped paragraph whose lines read as prose together."""
    run: list[int] = []
    for i, line in enumerate(lines + [""]):
        if line.strip() and i not in skip:
            if _is_prose(line):
                return run[0] if _wrapped_prose(lines, run + [i]) else i
            run.append(i)
            continue
        if _wrapped_prose(lines, run):
            return run[0]
        run = []
    return None


def _wrapped_prose(lines: list[str], run: list[int]) -> bool:
    """Lines broken at a fixed width: several, each of a few words, together a sentence."""
    if len(run) < 2 or any(furniture.is_furniture(lines[i]) for i in run):
        return False
    body = [lines[i].strip() for i in run[:-1]]
    if any(len(furniture.words(ln)) < 4 or furniture.ends_sentence(ln) for ln in body):
        return False
    # A wrapped sentence goes on in lower case on most of its continuation lines.
    continued = [lines[i].strip() for i in run[1:]]
    if sum(ln[0].islower() for ln in continued) * 2 < len(continued):
        return False
    # Wrapped lines fill the width: none longer than it, none but the last much shorter.
    width = max(map(len, body))
    if len(lines[run[-1]].strip()) > width + 2 or min(map(len, body)) < 0.6 * width:
        return False
    return furniture.is_prose(" ".join(lines[i].strip() for i in run))


def _is_prose(line: str) -> bool:
    return furniture.is_prose(line) and not furniture.is_furniture(line)


def headline_shaped(line: str) -> bool:
    """A line that could be a page's headline: a few words, no closing full stop."""
    s = line.strip()
    ws = furniture.words(s)
    alpha = sum(1 for w in ws if w[0].isalpha())
    # Letters standing alone ("H M S") belong to tickers and widgets, not headlines.
    letters = sum(1 for w in ws if len(w) == 1 and w.isalpha() and w not in "aAI")
    return (3 <= len(ws) <= 30 and alpha >= 3 and letters < 2 and not s.endswith((".", ",", ":", ";"))
            and not furniture.is_furniture(s) and not furniture.is_menu(s))


def find_title(header: list[str]) -> tuple[int, str | None]:
    """(line index, headline) among the lines above the article, or (-1, None);
    a breadcrumb's last step counts."""
    for i, line in enumerate(header):
        s = line.strip()
        crumbs = _BREADCRUMB.split(s)
        if len(crumbs) >= 3:
            if headline_shaped(crumbs[-1]):
                return i, crumbs[-1].strip()
        elif headline_shaped(s):
            # "alexa <headline> - Daily Nation" then "<headline>": the plain copy is the title.
            plain = next((ln.strip() for ln in header[i + 1:] if ln.strip() and ln.strip() != s
                          and _repeats_title(ln, s) and furniture.norm(ln) in furniture.norm(s)), s)
            return i, plain
    return -1, None


def deck_shaped(line: str) -> bool:
    """A standfirst above the article: a sentence, not a headline or a label."""
    s = line.strip()
    return (len(furniture.words(s)) >= 6 and not furniture.is_title_case(s)
            and not furniture.is_furniture(s) and not is_dateline(s))


def is_dateline(line: str) -> bool:
    """'IDLIB-Anadolu Agency', 'BEIRUT (Reuters)': a place in capitals and a credit, alone."""
    # spaces collapsed: a long run of them makes the pattern's two space classes quadratic
    s = " ".join(line.split())
    return len(furniture.words(s)) <= 6 and bool(_DATELINE_ONLY.match(s)) and not furniture.ends_sentence(s)


def _repeats_title(line: str, title: str | None) -> bool:
    """Is the line the headline again ("BEIRUT, May 23 (APP): <headline>", Title Case copy)?"""
    if not title:
        return False
    a, b = furniture.norm(line), furniture.norm(title)
    if not a or not b:
        return False
    return a == b or (b in a and len(a) <= len(b) + 40) or (a in b and len(a.split()) >= 4)


def _teasers(article: list[str]) -> set[int]:
    """Indices of lines that shorten a later line with an ellipsis."""
    found = set()
    for i, line in enumerate(article):
        stem = furniture.teaser_stem(line.strip())
        if stem and any(j != i and ln.strip().startswith(stem) for j, ln in enumerate(article)):
            found.add(i)
    return found


def _article_lines(article: list[str], header_end: int, title: str | None,
                   skip: set[int]) -> list[str]:
    """The lines of `article` that are body, blank lines kept as paragraph breaks;
    lines whose index is in `skip` are not."""
    normed = [furniture.norm(ln) for ln in article]
    counts = Counter(n for n in normed if n)
    skip = skip | _teasers(article)
    kept: list[str] = []
    promo_until = -1
    for i, line in enumerate(article):
        s = line.strip()
        if not s:
            kept.append("")
            continue
        if i in skip:
            continue
        if i < header_end:
            if deck_shaped(s) and not _repeats_title(s, title) and counts[normed[i]] <= 1:
                kept.append(s)
            continue
        if i <= promo_until:
            continue
        if furniture.is_section_end(s):
            promo_until = _promo_end(article, i)
            continue
        if (furniture.is_furniture(s) or is_dateline(s) or _repeats_title(s, title)
                or counts[normed[i]] > 1):
            continue
        kept.append(s)
    return kept


def _promo_end(article: list[str], start: int) -> int:
    """Last line of a related-stories block opened at `start`: it runs until two prose
    paragraphs in a row show the article going on (or to the end)."""
    texts = [(i, ln) for i, ln in enumerate(article) if i > start and ln.strip()]
    for (i, ln), (_, nxt) in zip(texts, texts[1:]):
        if _is_prose(ln) and _is_prose(nxt):
            return i - 1
    return len(article)


def _join(kept: list[str]) -> str:
    """Lines to paragraphs: one newline inside a paragraph, a blank line between them."""
    text = "\n".join(kept)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if text:
        text = furniture.strip_outlet_prefix(text)
    return text
