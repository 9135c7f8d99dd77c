"""Reader-comment threads in plain text: where they start, and who said what to whom.

Two families of layout are read (they may mix within a thread):

- marked: each comment opens with a header line, a bullet ("  • Name") or WordPress
  numbering ("  1. Rob says:", "Ilse on March 3, 2018 at 5:12 pm said:"), and its text is
  indented under it; replies are headers indented deeper than the comment they answer;
- bare: an author's name alone on a line, then the comment's paragraphs; comments are
  set apart by wider gaps (or by timestamp and "Reply" lines), and some have no author.

A heading such as "12 Comments" marks where a thread starts when nothing else does.
`parse_thread(text)` reads a block that is all comments (the HTML parser may call it on a
page's comment region); `split_comments(lines, article_start)` finds where the comments of
a whole plain-text page begin.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

from marsad.ingest import furniture
from marsad.ingest.meta import parse_date_prefix
from marsad.records import Comment

_MARKER = re.compile(r"^(?P<marker>[•·▪◦●○■►▸‣⁃*–-]|\d{1,3}[.)])\s+(?P<rest>\S.*)$")
_SAYS = re.compile(r"^(?P<name>\S.{0,60}?)(?:\s+on\s+.{4,40}?)?\s+"
                   r"(?i:says|said|wrote|writes|commented|replied|replies)\s*"
                   r"(?::\s*(?:(?:[A-Z][a-z]{2,8}\.?\s+)?\d.{0,40})?)?$")
_META_SEPARATOR = re.compile(r"\s+[•·|]\s+")
_STAMP_AT = re.compile(r"\s+(?:on\s+|at\s+|[-–—]\s+)|,\s+")
_AGO = re.compile(r"\d+\s+\w+\s+ago\b", re.I)
_PARTICLES = frozenset("al el de da di van von bin ibn abu".split())
_SENTENCE_PUNCT = re.compile(r"[.!?:;,]$")
_INITIAL_END = re.compile(r"\b[A-Z]\.$")
_URLISH = re.compile(r"https?://|www\.|\.com\b|@\w+\.", re.I)
# Outside quotation marks, these words belong to a reader talking, not a reporter writing.
_READER_WORDS = frozenset("i i'm you your you're u my me lol haha".split())
_EMOTICON = re.compile(r"(?:^|\s)[:;]-?[()DPp](?:\s|$)")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")

# How many author-less paragraphs above the first author line may still be comments.
_MAX_LEADING_COMMENTS = 2
# Share of a bare-layout thread's paragraphs that must speak as readers (seed threads: 35-50%
# of comments; news paragraphs with subheadings: up to ~18%, from stray quotes and questions).
_MIN_VOICE_SHARE = 0.25
# A page footer after a thread: at most this many lines of at most this many words.
_FOOTER_LINES, _FOOTER_WORDS = 10, 8


@dataclass
class _Header:
    line: int
    indent: int
    author: str | None
    says: bool          # a "Name says:" header, which needs no indentation to be sure
    marker: str = ""    # "bullet", "number" or "" for a header with neither


@dataclass
class _Draft:
    author: str | None
    indent: int
    parent: int | None
    depth: int
    lines: list[str] = field(default_factory=list)


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" \t\u00a0"))


def loose_name(s: str) -> bool:
    """Could this be a commenter's display name under a bullet ("AR-15 for ARII", "χρηστος")?"""
    s = s.strip()
    toks = s.split()
    if not (1 <= len(toks) <= 6) or len(s) > 40 or not _has_symbol(s):
        return False
    if _SENTENCE_PUNCT.search(s) and not _INITIAL_END.search(s):
        return False
    return not _URLISH.search(s) and not furniture.is_widget_line(s)


def _has_symbol(s: str) -> bool:
    """Anything but punctuation and spaces: letters, digits, emoji all make a display name."""
    return any(not unicodedata.category(ch).startswith(("P", "Z", "C")) for ch in s)


def strict_name(s: str) -> bool:
    """Could this line alone, between paragraphs, be an author name ("Terra Cotta Woolpuller")?"""
    s = s.strip()
    toks = s.split()
    if not (1 <= len(toks) <= 4) or len(s) > 32 or not loose_name(s):
        return False
    if any(ch.isdigit() for ch in s) or any(ch in s for ch in "\"“”()[]|/:;,!?"):
        return False
    if not all(t[0].isupper() or re.split(r"[-‐']", t.lower())[0] in _PARTICLES for t in toks):
        return False
    return not furniture.is_furniture(s)


def header_of(line: str, index: int) -> _Header | None:
    """The comment header a line is, if any: '  • Name', '  1. Rob says:', 'Rob says:'."""
    s = line.strip()
    m = _MARKER.match(s)
    rest = m["rest"].strip() if m else s
    # "Name • 3 years ago", "Name | March 3, 2018": the name is what comes first.
    rest = _strip_stamp(_META_SEPARATOR.split(rest, maxsplit=1)[0]).rstrip(":").strip()
    says = _SAYS.match(rest)
    # Without a bullet or number, "X said:" is a header only when X looks like a name or a
    # handle: "The minister said:" opens a quotation.
    if says and loose_name(says["name"]) and (m or strict_name(says["name"]) or " " not in says["name"].strip()):
        return _Header(index, indent_of(line), says["name"].strip(), True, _marker_kind(m))
    if m and loose_name(rest):
        return _Header(index, indent_of(line), rest, False, _marker_kind(m))
    return None


def _strip_stamp(rest: str) -> str:
    """'Ann on March 3, 2018 at 5:12 pm' -> 'Ann'; 'Ann, 3 years ago' -> 'Ann'."""
    for m in _STAMP_AT.finditer(rest):
        after = rest[m.end():]
        if parse_date_prefix(after) or _AGO.match(after):
            return rest[:m.start()]
    return rest


def _marker_kind(m: re.Match | None) -> str:
    if not m:
        return ""
    return "number" if m["marker"][0].isdigit() else "bullet"


def _headers(lines: list[str], first: int = 0) -> list[_Header]:
    """Comment headers from line `first` on. A numbered name without "says" is a header only
    with text indented under it: otherwise it is a list item ("1. Afrin") in a comment."""
    found = [h for i in range(first, len(lines)) if (h := header_of(lines[i], i))]
    lines_of = {h.line for h in found}
    return [h for h in found if h.marker != "number" or h.says or _has_deeper_child(lines, h, lines_of)]


def reader_voice(paragraph: str) -> bool:
    """Does a paragraph speak as a reader (I, you, lol, :) ...) outside any quotation?"""
    unquoted = _QUOTED.sub(" ", paragraph)
    tokens = {t.lower().replace("’", "'") for t in re.findall(r"[\w'’]+", unquoted)}
    return (bool(tokens & _READER_WORDS) or bool(_EMOTICON.search(unquoted))
            or "!!" in unquoted or "?" in unquoted)


# ---------- marked layout ----------

def _marked_start(lines: list[str], first: int) -> int | None:
    """First header at or after `first` from which the rest of the text is a marked thread:
    nothing after it sits left of it, and its headers are sure ones ("1. Rob says:", or two
    "Rob says:") or bullets with text indented under them (two, or one that is the whole
    thread)."""
    headers = _headers(lines, first)
    if not headers:
        return None
    header_lines = {h.line for h in headers}
    footer = _footer_start(lines)
    # Smallest indent of any thread text from each line to the end of the thread, which
    # a related-stories heading or the page footer closes.
    suffix_min = [10 ** 6] * (len(lines) + 1)
    for i in range(min(footer, len(lines)) - 1, -1, -1):
        if furniture.is_section_end(lines[i]):
            continue
        own = indent_of(lines[i]) if lines[i].strip() and not furniture.is_comment_widget(lines[i]) else 10 ** 6
        suffix_min[i] = min(own, suffix_min[i + 1])
    sure_after = says_after = with_child_after = 0
    tail_facts = []
    for h in reversed(headers):
        sure_after += h.says and bool(h.marker)
        says_after += h.says
        with_child_after += _has_deeper_child(lines, h, header_lines)
        tail_facts.append((h, sure_after, says_after, with_child_after))
    total = len(headers)
    for n, (h, sure, says, with_child) in enumerate(reversed(tail_facts)):
        if suffix_min[h.line] < h.indent:
            continue            # something outside the thread follows: not the comments
        if sure or says >= 2 or with_child >= 2 or (with_child == 1 and total - n == 1):
            return h.line
    return None


def _footer_start(lines: list[str]) -> int:
    """Where the page footer starts: a short run of short, unindented, non-prose lines at the
    very end ("Site by Studio X", "Terms"), or len(lines) when there is none."""
    start, seen = len(lines), 0
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not line.strip():
            continue
        if (indent_of(line) > 0 or furniture.is_prose(line) or len(furniture.words(line)) > _FOOTER_WORDS
                or seen == _FOOTER_LINES):
            break
        start, seen = i, seen + 1
    return start


def _has_deeper_child(lines: list[str], h: _Header, header_lines: set[int]) -> bool:
    for i in range(h.line + 1, len(lines)):
        if not lines[i].strip():
            continue
        return i not in header_lines and indent_of(lines[i]) > h.indent
    return False


def _parse_marked(lines: list[str]) -> list[_Draft]:
    drafts: list[_Draft] = []
    stack: list[int] = []        # indices into drafts, from top level to the latest reply
    headers = {h.line: h for h in _headers(lines)}
    for i, line in enumerate(lines):
        h = headers.get(i)
        if h:
            while stack and drafts[stack[-1]].indent >= h.indent:
                stack.pop()
            drafts.append(_Draft(h.author, h.indent, stack[-1] if stack else None, len(stack)))
            stack.append(len(drafts) - 1)
            continue
        if not drafts:
            continue
        if not line.strip():
            drafts[-1].lines.append("")
            continue
        # Text belongs to the latest comment whose header sits left of it.
        owner = next((d for d in reversed(stack) if drafts[d].indent < indent_of(line)), len(drafts) - 1)
        if owner != len(drafts) - 1:
            drafts[-1].lines.append("")
        drafts[owner].lines.append(line)
    return drafts


# ---------- bare layout ----------

@dataclass
class _Para:
    lines: list[str]
    gap: int                     # blank lines before it
    start: int                   # index of its first line in the text
    is_name: bool = False        # an author line standing alone
    stamped: bool = False        # ... with a timestamp or reply button right under it

    @property
    def text(self) -> str:
        return "\n".join(s.strip() for s in self.lines)


def paragraphs(lines: list[str]) -> list[_Para]:
    """Runs of non-blank lines, with the number of blank lines before each."""
    paras: list[_Para] = []
    gap = 0
    for i, line in enumerate(lines):
        if not line.strip():
            gap += 1
            continue
        if paras and gap == 0:
            paras[-1].lines.append(line)
        else:
            paras.append(_Para([line], gap, i))
        gap = 0
    return paras


def bare_paragraphs(lines: list[str], is_widget: Callable[[str], bool]) -> list[_Para]:
    """Paragraphs of a bare-layout text, with author lines marked. Widget lines (`is_widget`:
    "Reply", timestamps) part paragraphs like blank lines, and a name with a timestamp or
    reply button right under it is an author even when lower-case ("dr_strangelove")."""
    widgets = [bool(ln.strip()) and is_widget(ln) for ln in lines]
    paras = paragraphs(["" if w else ln for ln, w in zip(lines, widgets)])
    for p in paras:
        if len(p.lines) == 1:
            nxt = next((j for j in range(p.start + 1, len(lines)) if lines[j].strip()), None)
            p.stamped = nxt is not None and widgets[nxt]
            p.is_name = strict_name(p.lines[0]) or (p.stamped and loose_name(p.lines[0]))
    return paras


def _bare_start(paras: list[_Para], first: int) -> int | None:
    """Index of the paragraph where a bare-layout thread starts, or None.

    Needs two author lines, each followed by its text. Either the author lines carry a
    timestamp or reply button under them, or the text must show the layout:
    text mostly one blank line below its author, comments set apart by wider gaps, and
    readers' voice (an article whose subheadings are spaced like this does not speak so)."""
    names = [k for k in range(first, len(paras)) if paras[k].is_name
             and k + 1 < len(paras) and not paras[k + 1].is_name]
    if len(names) < 2:
        return None
    if sum(paras[k].stamped for k in names) < 2 and not _looks_like_bare_thread(paras, names):
        return None
    k = names[0]
    # Comments without an author line may come before the first one: the block since the
    # last wide gap, if it is short.
    wide = next((j for j in range(k, first, -1) if paras[j].gap >= 2), None)
    start = wide if wide is not None and k - wide <= _MAX_LEADING_COMMENTS else k
    # The first comment often sits under the article with one blank line: tell it by voice.
    stop = max(first, start - _MAX_LEADING_COMMENTS)
    while start - 1 > stop and reader_voice(paras[start - 1].text):
        start -= 1
    return start


def _looks_like_bare_thread(paras: list[_Para], names: list[int]) -> bool:
    if not any(p.gap >= 2 for p in paras[names[0]:]):
        return False
    if sum(paras[k + 1].gap == 1 for k in names) * 2 <= len(names):
        return False
    texts = [p.text for p in paras[names[0]:] if not p.is_name]
    return sum(map(reader_voice, texts)) >= _MIN_VOICE_SHARE * len(texts)


def _parse_bare(paras: list[_Para]) -> list[_Draft]:
    drafts: list[_Draft] = []
    pending_author: str | None = None
    for p in paras:
        if p.is_name:
            if pending_author is not None:      # an author line with nothing under it
                drafts.append(_Draft(pending_author, 0, None, 0))
            pending_author = p.lines[0].strip()
            continue
        if pending_author is not None or not drafts or p.gap >= 2:
            drafts.append(_Draft(pending_author, 0, None, 0))
            pending_author = None
        else:
            drafts[-1].lines.append("")
        drafts[-1].lines.extend(p.lines)
    if pending_author is not None:
        drafts.append(_Draft(pending_author, 0, None, 0))
    return drafts


# ---------- both ----------

def _clean_text(lines: list[str]) -> str:
    kept = [ln for ln in lines if not ln.strip() or not furniture.is_comment_widget(ln)]
    body = [ln for ln in kept if ln.strip()]
    cut = min((indent_of(ln) for ln in body), default=0)
    text = "\n".join(ln[cut:].rstrip() if ln.strip() else "" for ln in kept)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _to_comments(drafts: list[_Draft]) -> list[Comment]:
    return [Comment(id=f"c{i + 1}", parent=None if d.parent is None else f"c{d.parent + 1}",
                    depth=d.depth, author=d.author, text=_clean_text(d.lines))
            for i, d in enumerate(drafts)]


def parse_thread(text: str) -> list[Comment]:
    """Every comment in a block of text that is all comments, in order, ids c1, c2, ...

    >>> [(c.author, c.depth) for c in parse_thread("  • Ann\\n    Hi.\\n    • Bo\\n      Yes.")]
    [('Ann', 0), ('Bo', 1)]
    """
    lines = [ln.expandtabs(4) for ln in text.split("\n")]
    lines = lines[:_thread_end(lines)]
    start = _marked_start(lines, 0)
    end = len(lines)
    if start is None:
        start = end
    elif indent_of(lines[start]) > 0:
        end = max(start + 1, _footer_start(lines))     # footer lines sit left of the thread
    # Whatever comes before the first marked header is read as bare comments.
    drafts = _parse_bare(bare_paragraphs(lines[:start], furniture.is_comment_widget))
    drafts = [d for d in drafts if d.author or any(ln.strip() for ln in d.lines)]
    offset = len(drafts)
    for d in _parse_marked(lines[start:end]):
        if d.parent is not None:
            d.parent += offset
        drafts.append(d)
    return _to_comments(drafts)


def _thread_end(lines: list[str]) -> int:
    """Index of the line that closes a thread: a related-stories or footer heading."""
    return next((i for i, ln in enumerate(lines) if furniture.is_section_end(ln)), len(lines))


def split_comments(lines: list[str], article_start: int) -> int | None:
    """Index of the line where the reader comments of a whole page begin, or None.

    Only lines from `article_start` on are considered: comments follow the article. A
    heading ("12 Comments") starts them unless a thread is seen to start earlier."""
    heading = next((i for i in range(article_start, len(lines))
                    if furniture.is_thread_heading(lines[i])), None)
    start = _marked_start(lines, article_start)
    if start is not None and (heading is None or start < heading):
        return start
    paras = bare_paragraphs(lines, furniture.is_reply_widget)
    first = next((k for k, p in enumerate(paras) if p.start >= article_start), len(paras))
    k = _bare_start(paras, first)
    if k is not None and (heading is None or paras[k].start < heading):
        return paras[k].start
    return heading
