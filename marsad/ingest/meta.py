"""Document metadata that is not in the markup: outlet from a URL, language from text."""
from __future__ import annotations

import calendar
import datetime
import re
from urllib.parse import urlsplit

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Very common function words per language: enough to tell languages of news text apart.
_PROFILES = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "was", "on", "with", "by", "said"},
    "fr": {"le", "la", "les", "des", "et", "est", "du", "une", "pour", "dans", "que", "sur", "pas"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "sich", "auf", "ein"},
    "es": {"el", "los", "las", "del", "que", "y", "en", "por", "una", "para", "con", "es", "se"},
    "it": {"il", "di", "che", "della", "per", "non", "una", "sono", "con", "gli", "del", "nel"},
    "tr": {"ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "olan", "gibi", "daha"},
}
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def outlet_from_url(url: str | None) -> str | None:
    """'https://www.aljazeera.com/news/...' -> 'aljazeera.com'."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return None
    host = re.sub(r"^(www\d?|m|amp|mobile|en|english)\.", "", host.lower())
    return host or None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's main language, or None when there is too little text."""
    sample = text[:20000]
    letters = sum(ch.isalpha() for ch in sample)
    if letters < 20:
        return None
    if len(_ARABIC.findall(sample)) > letters / 2:
        return "ar"
    if len(_CYRILLIC.findall(sample)) > letters / 2:
        return "ru"
    words = [w.lower() for w in _WORD.findall(sample)]
    scores = {lang: sum(w in prof for w in words) for lang, prof in _PROFILES.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 2 else None


# ---- publication dates stated in the text ----

def _month_numbers() -> dict[str, int]:
    """'january'/'jan'/'sept' -> month number, from the C locale's names."""
    names = {}
    for n in range(1, 13):
        names[calendar.month_name[n].lower()] = n
        names[calendar.month_abbr[n].lower()] = n
    names["sept"] = 9
    return names


_MONTHS = _month_numbers()
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
# One date at the start of a string, in the shapes news pages print.
_DATE_SHAPES = [
    re.compile(_YEAR + r"[-/.](?P<mnum>\d{1,2})[-/.]" + _DAY + r"(?![\d.])"),
    re.compile(_WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.I),
    re.compile(r"(?P<dfirst>\d{1,2})[/.](?P<dsecond>\d{1,2})[/.]" + _YEAR + r"\b"),
    re.compile(_MONTH + r",?\s+" + _YEAR + r"\b", re.I),
]
# What may follow a date on a line that only states the date: a time, a zone, separators.
_DATE_TAIL = re.compile(r"[\s,|–—-]*(?:(?:at\s+|T)?\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?"
                        r"(?:\s*\(?(?:[A-Z]{2,4}|Z)?(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?)?[\s,|–—-]*\d{0,2}\s*$", re.I)
_LEADING_TIME = re.compile(r"^\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s+)?[,|–—-]?\s*", re.I)
# "March 6, 2018 / 2:14 PM / Updated 2 hours ago": short segments set off by slashes or bars.
_SEGMENTED_TAIL = re.compile(r"(?:\s*[/|]\s*[^/|.!?]{0,30}){1,3}\s*")
_LABEL = re.compile(r"^(?P<label>(?:first\s+|last\s+)?(?:published|posted|updated|modified|edited|date[d]?|"
                    r"released|issued))\b(?:\s+(?:time|date|on|at))?\s*:?\s*", re.I)
_DATELINE_DASH = re.compile(r"^\s*,?\s*[–—-]+\s*\S")
_BYLINE_START = re.compile(r"^(?:(?:posted|written|published|reported)\s+)?by\s+\S", re.I)
_BYLINE_DATE_AT = re.compile(r"(?:\s[|•·–—-]|,|\son)\s+", re.I)
_SET_OFF = re.compile(r"\s[–—|-]\s+")
_SET_OFF_END = re.compile(r"\s*(?:[:|–—-]|$)")
_HEADLINE_LINES = 3


def parse_date_prefix(s: str) -> tuple[str, int] | None:
    """The date a string starts with, as (ISO date or YYYY-MM, length matched), or None."""
    for shape in _DATE_SHAPES:
        m = shape.match(s)
        if not m:
            continue
        iso = _iso(m.groupdict())
        if iso:
            return iso, m.end()
    return None


def _iso(g: dict) -> str | None:
    year = int(g["year"])
    if g.get("dfirst"):
        first, second = int(g["dfirst"]), int(g["dsecond"])
        # Day first unless that is impossible: most outlets in this field write D/M/Y.
        day, month = (second, first) if second > 12 >= first else (first, second)
    else:
        month = int(g["mnum"]) if g.get("mnum") else _MONTHS[g["mon"].lower().rstrip(".")]
        day = int(g["day"]) if g.get("day") else None
    try:
        if day is None:
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def date_line(line: str) -> tuple[str, str | None] | None:
    """(date, label) when a line only states a date ("10 February, 2018",
    "Updated July 7, 2016 9:46 a.m. ET", "Published on Dec. 30, 2016 Read time 3 minutes");
    label is 'published', 'updated' or None. A labelled line may carry other short furniture
    after the date; an unlabelled one only a time."""
    s = line.strip().lstrip("•·*|-–— ").strip()
    label = None
    m = _LABEL.match(s)
    if m:
        label = "updated" if m["label"].lower().endswith(("updated", "modified", "edited")) else "published"
        s = s[m.end():]
    s = _LEADING_TIME.sub("", s, count=1)
    found = parse_date_prefix(s)
    if not found:
        return None
    iso, end = found
    rest = s[end:]
    if label or _DATE_TAIL.fullmatch(rest) or _SEGMENTED_TAIL.fullmatch(rest):
        return iso, label
    return None


def dateline_date(paragraph: str) -> str | None:
    """The full date opening a paragraph as a dateline: "August 10, 2018 - Dozens of ..."."""
    found = parse_date_prefix(paragraph.strip())
    if not found or len(found[0]) != 10:
        return None
    iso, end = found
    return iso if _DATELINE_DASH.match(paragraph.strip()[end:]) else None


def byline_date(line: str) -> str | None:
    """The full date a byline ends with: "By Lina Haddad | March 6, 2018 2:14 PM",
    "Posted by admin on 14 November 2016"."""
    s = line.strip()
    if not _BYLINE_START.match(s) or len(s) > 160:
        return None
    for m in _BYLINE_DATE_AT.finditer(s):
        found = date_line(s[m.end():])
        if found and len(found[0]) == 10:
            return found[0]
    return None


def headline_date(line: str) -> str | None:
    """A full date set off inside a title line: "Syrian War Report – September 22, 2017: ..."."""
    for m in _SET_OFF.finditer(line):
        found = parse_date_prefix(line[m.end():])
        if found and len(found[0]) == 10 and _SET_OFF_END.match(line[m.end() + found[1]:]):
            return found[0]
    return None


def find_published(text: str, max_lines: int = 40) -> str | None:
    """The publication date a text states near its top, as ISO `YYYY-MM-DD` (or `YYYY-MM`
    when a labelled line gives only the month), else None.

    Looks only at lines that state a date on their own (optionally labelled "Published",
    "Posted", "Updated") and at datelines opening a paragraph ("August 10, 2018 - ...").
    A date inside a sentence is an event date, not this. An unlabelled month-and-year line
    ("MAY 2021") is a crawl banner, not a publication date. A full date set off by dashes
    or bars in one of the first lines ("Syrian War Report – September 22, 2017: ...") is
    the last resort. "Published" beats an unlabelled date, which beats "Updated"; among
    equals the first wins.
    """
    best: tuple[int, str] | None = None
    seen = 0
    for line in text.split("\n"):
        if not line.strip():
            continue
        seen += 1
        if seen > max_lines:
            break
        found = date_line(line)
        if found:
            iso, label = found
            if len(iso) < 10 and not label:
                continue
            rank = {"published": 0, None: 1, "updated": 2}[label]
        elif (iso := dateline_date(line)) or (iso := byline_date(line)):
            rank = 1
        elif seen <= _HEADLINE_LINES and (iso := headline_date(line)):
            rank = 3
        else:
            continue
        if best is None or rank < best[0]:
            best = (rank, iso)
    return best[1] if best else None
