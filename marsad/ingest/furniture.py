"""Page furniture in plain-text dumps: the lines of a page that are not the article.

Rules here are pure functions of one line (or one line and its neighbours' facts); the
phrases live in `marsad/data/furniture.tsv`. `text.py` decides, with the line's position,
what to drop.
"""
from __future__ import annotations

import functools
import re

from marsad import data
from marsad.ingest.meta import date_line, parse_date_prefix

LINE, END, COMMENT, CUE, NOTICE, THREAD = "line", "end", "comment", "cue", "notice", "thread"

_WORD = re.compile(r"[^\W_][\w'’.&-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"""[.!?…؟۔。]['"’”)\]]*$|[.!?…]\s*['"’”]$""")
_CODE_CHARS = re.compile(r"[{}<>=\"\[\];]")
# Braces, tags, assignments and JSON keys: prose with quotes and brackets has none of them.
_CODE_STRUCTURE = re.compile(r"[{}<>=]|\":")
_HTML_TAG = re.compile(r"</?[a-z][a-z0-9]*(\s[^>]*)?>", re.I)
# Searched in a right-stripped line: a leading \s* would make a long run of spaces quadratic.
_ELLIPSIS_END = re.compile(r"(\[(…|\.\.\.)\]|…|\.\.\.)$")
_CREDIT = re.compile(r"^\(?\s*[A-Z][\w.'’ -]{1,40}\s*/\s*[A-Z][\w.'’ &-]{1,30}\)?$")
_TRAILING_FULL_DATE = re.compile(r"(?<!\S)(?P<before>\S+)\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+"
                                 r"(?:19|20)\d\d)\.?\s*$")
_OUTLET_PREFIX = re.compile(r"^[\w-]+(\.[\w-]+)*\.(com|net|org|info|news|tv|am|ru|ir|sy|uk)\s+[-–—]\s+",
                            re.I)
_BY = re.compile(r"^(?P<label>[a-z]+)(?P<colon>:?)\s+(?P<rest>\S.*)$", re.I)
_ALNUM = re.compile(r"\w+")
_MONTH_YEAR_ONLY = re.compile(r"^[A-Za-z]{3,9}\.?,?\s+(19|20)\d\d$")


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict[str, re.Pattern]:
    """One alternation per kind of `furniture.tsv` pattern, so a line is tried once per kind."""
    kinds: dict[str, list[str]] = {k: [] for k in (LINE, END, COMMENT, CUE, NOTICE, THREAD)}
    for row in data.load_tsv("furniture.tsv"):
        kinds[row["kind"]].append(row["pattern"])
    return {k: re.compile("|".join(f"(?:{p})" for p in v) or r"(?!)", re.I) for k, v in kinds.items()}


@functools.lru_cache(maxsize=None)
def word_class(name: str) -> frozenset[str]:
    """English words of one class in `english_words.tsv` ('function', 'date_preposition',
    'byline_label')."""
    return frozenset(row["word"] for row in data.load_tsv("english_words.tsv") if row["class"] == name)


def _fullmatch_any(kind: str, s: str) -> bool:
    return _lexicon()[kind].fullmatch(s) is not None


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line.strip()))


def is_prose(line: str) -> bool:
    """A line that reads as running text: a long sentence, or very long."""
    n = len(words(line))
    return (n >= 12 and ends_sentence(line)) or n >= 30


def is_title_case(line: str) -> bool:
    """Headline capitalisation: nearly every longer word after the first is capitalised."""
    long_words = [w for w in words(line)[1:] if len(w) >= 4 and w[0].isalpha()]
    if len(long_words) < 2:
        return False
    caps = sum(w[0].isupper() for w in long_words)
    return caps / len(long_words) >= 0.75


def is_menu(line: str) -> bool:
    """A row of navigation labels: many capitalised words and no function words, or
    short labels set apart by bars ("HOME | NEWS | MIDDLE EAST")."""
    cells = [c for c in line.split("|") if c.strip()]
    if len(cells) >= 3 and all(len(words(c)) <= 3 for c in cells):
        return True
    ws = words(line)
    if len(ws) < 8 or ends_sentence(line) or "@" in line or any(w[0].isdigit() for w in ws):
        return False
    lowered = {w.lower() for w in ws}
    return not (lowered & word_class("function")) and all(w[0].isupper() or not w[0].isalpha() for w in ws)


def is_widget_line(line: str) -> bool:
    """Lexicon furniture: share buttons, menus, counters, 'Back To Top', read times."""
    s = line.strip()
    return _fullmatch_any(LINE, s) or _fullmatch_any(THREAD, s)


def is_thread_heading(line: str) -> bool:
    """'12 Comments', 'Leave a Reply': the reader comments start about here."""
    return _fullmatch_any(THREAD, line.strip())


def is_section_end(line: str) -> bool:
    """A line that opens a related-stories, promo or footer block."""
    return _fullmatch_any(END, line.strip())


def is_notice_start(line: str) -> bool:
    """'Dear Deeply Readers,': a site notice to readers starts here."""
    return _fullmatch_any(NOTICE, line.strip())


def is_reply_widget(line: str) -> bool:
    """'Reply', 'Like (3)', 'March 3, 2018 at 5:12 pm': the buttons and stamps of a comment."""
    return _fullmatch_any(COMMENT, line.strip()) or is_date_only(line)


def is_comment_widget(line: str) -> bool:
    """'Reply', 'Like', '3 years ago' and the like inside a comment thread."""
    return is_reply_widget(line) or is_widget_line(line)


def is_caption(line: str) -> bool:
    """Photo captions and credits: '(photo credit: ...)', '[AFP]', 'Name / Agency',
    ', center,' and wire captions that end with a full date not governed by a preposition."""
    s = line.strip()
    if _lexicon()[CUE].search(s):
        return True
    if len(words(s)) <= 7 and _CREDIT.match(s):
        return True
    m = _TRAILING_FULL_DATE.search(s)
    if m and parse_date_prefix(m["date"]):
        before = m["before"]
        if before.endswith(","):
            return True
        return before[0].isupper() and before.lower() not in word_class("date_preposition")
    return False


def is_code(line: str) -> bool:
    """Markup or serialised data leaked into the text dump."""
    s = line.strip()
    if _HTML_TAG.search(s) and len(_HTML_TAG.sub("", s).strip()) < len(s) / 2:
        return True
    structural = len(_CODE_STRUCTURE.findall(s))
    return len(s) > 20 and structural >= 3 and len(_CODE_CHARS.findall(s)) > len(s) / 12


def is_byline(line: str) -> bool:
    """'By REUTERS', 'By ALI A. NABHAN in Baghdad and KAREN LEIGH in Dubai', 'Analysis: Jeremy
    Bowen, BBC Middle East Editor': "By" or a label, then names; not "By Monday the rebels
    had left."."""
    s = line.strip()
    m = _BY.match(s)
    if not m or len(words(s)) > 14 or m["label"].lower() not in word_class("byline_label"):
        return False
    if m["label"].lower() != "by" and not m["colon"]:
        return False
    names = [w for w in words(m["rest"]) if w.lower() not in word_class("function") and w[0].isalpha()]
    return bool(names) and sum(w[0].isupper() for w in names) >= 0.8 * len(names)


def is_date_only(line: str) -> bool:
    """A line stating a date (and maybe a time) and nothing else: a dateline or crawl banner."""
    s = line.strip()
    return date_line(s) is not None or bool(_MONTH_YEAR_ONLY.match(s) and parse_date_prefix(s))


def is_furniture(line: str) -> bool:
    """Anything a line alone shows to be no part of an article, wherever it stands."""
    s = line.strip()
    if not s:
        return False
    if not any(ch.isalnum() for ch in s):
        return True
    return (is_widget_line(s) or is_section_end(s) or is_date_only(s) or is_byline(s)
            or is_caption(s) or is_code(s) or is_menu(s))


def teaser_stem(line: str) -> str | None:
    """'AMMAN: More than 1,600 people boarded buses in a […]' -> the words before the
    ellipsis, which a teaser shares with the paragraph it shortens."""
    line = line.rstrip()
    m = _ELLIPSIS_END.search(line)
    stem = line[:m.start()].strip() if m else ""
    return stem if len(stem) >= 20 else None


def strip_outlet_prefix(line: str) -> str:
    """'PanARMENIAN.Net - Turkey-backed rebels ...' -> 'Turkey-backed rebels ...'."""
    return _OUTLET_PREFIX.sub("", line, count=1)


def norm(line: str) -> str:
    """Case- and punctuation-blind form of a line, to find repeats of a headline."""
    return " ".join(_ALNUM.findall(line.lower()))
