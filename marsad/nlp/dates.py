"""Date expressions in text, resolved against the publication date.

`find_dates(text, published)` finds absolute dates ("10 February, 2018", "Feb. 10",
"2018-02-10", "in 2015") and relative ones ("on Thursday", "yesterday", "last month",
"April 19", "two days ago") and resolves each to ISO at the precision the text allows
(EVENTS.md section 3). Relative expressions need `published`; without it their value is
None while absolute ones still resolve. Durations ("seven days", "48 hours") are not
dates and are never reported; "since 2012" is reported with `kind` "since" so callers can
tell a start from the date of an event.

Rules are regular expressions built once per process from `data/date_words.tsv`.
"""
from __future__ import annotations

import bisect
import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from marsad.data import load_tsv

PAST, FUTURE = "past", "future"
DAY, MONTH, YEAR = "day", "month", "year"
POINT, SINCE, UNTIL = "point", "since", "until"


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None
    precision: str | None
    relative: bool
    kind: str = POINT          # point | since | until


@dataclass(frozen=True)
class _Published:
    """The publication date at whatever precision it is known."""
    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def as_date(self) -> date | None:
        if self.year and self.month and self.day:
            return date(self.year, self.month, self.day)
        return None


def _parse_published(published: str | None) -> _Published:
    m = re.match(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", published or "")
    if not m:
        return _Published()
    y, mo, d = (int(g) if g else None for g in m.groups())
    if mo is not None and not 1 <= mo <= 12:
        return _Published(y)
    if d is not None and not _valid(y, mo, d):
        return _Published(y, mo)
    return _Published(y, mo, d)


def _valid(y: int | None, m: int | None, d: int | None) -> bool:
    if y is None or m is None or d is None or not 1 <= m <= 12 or not 1 <= y <= 9999:
        return False
    return 1 <= d <= calendar.monthrange(y, m)[1]


def _iso(y: int, m: int | None = None, d: int | None = None) -> tuple[str, str]:
    if m is None:
        return f"{y:04d}", YEAR
    if d is None:
        return f"{y:04d}-{m:02d}", MONTH
    return f"{y:04d}-{m:02d}-{d:02d}", DAY


def _shift_month(y: int, m: int, by: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + by
    return idx // 12, idx % 12 + 1


def _span_value(first: date, last: date) -> tuple[str | None, str | None]:
    """A span of days ("last week", "in recent weeks") is no contract precision: give the month
    holding most of it (its middle day's) when it spans a month at most, else its year."""
    if (last - first).days <= 31:
        middle = first + (last - first) / 2
        return _iso(middle.year, middle.month)
    if first.year == last.year:
        return _iso(first.year)
    return None, None


# ---------------------------------------------------------------- vocabulary

@dataclass(frozen=True)
class _Vocab:
    months: dict[str, int]          # every spelling, abbreviations included
    full_months: tuple[str, ...]    # full names only (a bare month needs one)
    weekdays: dict[str, int]
    full_weekdays: tuple[str, ...]
    relative: dict[str, tuple[str, int, bool]]   # phrase (lower) -> (unit, offset, is_daypart)
    small_numbers: dict[str, int]   # "two" -> 2, for "two days ago"
    leads: tuple[str, ...]          # "in" April, "since" 2012
    periods: tuple[str, ...]        # "early" 2017, "the end of" March
    seasons: tuple[str, ...]        # "summer of" 2014
    weekday_mods: dict[str, str]    # "last" -> before, "next" -> after, "this" -> "" (the tense decides)
    name_heads: frozenset[str] = frozenset()   # "May 22 hospital": a date naming a place or unit


def _full_names(table: dict[str, int]) -> tuple[str, ...]:
    longest: dict[int, str] = {}
    for word, value in table.items():
        if len(word) > len(longest.get(value, "")):
            longest[value] = word
    return tuple(longest.values())


@functools.lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    months, weekdays, relative, mods = {}, {}, {}, {}
    words: dict[str, list[str]] = {"lead": [], "period": [], "season": [], "name_head": []}
    for row in load_tsv("date_words.tsv"):
        kind = row["kind"]
        if kind == "month":
            months[row["word"]] = int(row["value"])
        elif kind == "weekday":
            weekdays[row["word"]] = int(row["value"])
        elif kind in ("relative", "daypart"):
            relative[row["word"].lower()] = (row["unit"], int(row["value"]), kind == "daypart")
        elif kind == "weekday_mod":
            mods[row["word"].lower()] = row["unit"]
        else:
            words[kind].append(row["word"].lower())
    small = {r["word"].lower(): int(float(r["value"])) for r in load_tsv("number_words.tsv")
             if r["kind"] == "cardinal" and float(r["value"]) < 100}
    small.update({"a": 1, "an": 1})
    return _Vocab(months, _full_names(months), weekdays, _full_names(weekdays), relative, small,
                  tuple(words["lead"]), tuple(words["period"]), tuple(words["season"]), mods,
                  frozenset(words["name_head"]))


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# ---------------------------------------------------------------- rules

# Each rule turns the groups of its match into (value, precision, relative).
Groups = dict[str, str | None]
Resolver = Callable[[Groups, _Published, str], tuple[str | None, str | None, bool]]

_ORD = r"(?:st|nd|rd|th)?"
_LEAD_PREP = re.compile(r"(?i)\b(on|in|since|until|till|by|during|from|before|after|as of)\s+$")
_KIND_OF_PREP = {"since": SINCE, "from": SINCE, "after": SINCE,
                 "until": UNTIL, "till": UNTIL, "by": UNTIL, "before": UNTIL}


def _year_of_month_day(m: int, d: int, pub: _Published, tense: str) -> int | None:
    """The year of a yearless "April 19": the latest on or before publication (past) or
    the first on or after it (future)."""
    if pub.year is None or pub.month is None:
        return None
    here = (pub.month, pub.day or (31 if tense == PAST else 1))
    if tense == FUTURE:
        return pub.year if (m, d) >= here else pub.year + 1
    return pub.year if (m, d) <= here else pub.year - 1


def _resolve_day_month(g: Groups, pub: _Published, tense: str):
    month = _vocab().months[g["month"].rstrip(".")]
    day = int(g["d"])
    if g["y"]:
        year = int(g["y"])
        return (*_iso(year, month, day), False) if _valid(year, month, day) else (None, None, False)
    year = _year_of_month_day(month, day, pub, tense)
    if year is None or not _valid(year, month, day):
        return None, None, True
    return (*_iso(year, month, day), True)


def _resolve_iso(g: Groups, pub: _Published, tense: str):
    y, m, d = int(g["y"]), int(g["m"]), int(g["d"])
    return (*_iso(y, m, d), False) if _valid(y, m, d) else (None, None, False)


def _resolve_numeric(g: Groups, pub: _Published, tense: str):
    """10/02/2018: day and month in either order; when both readings are valid, the one
    on the right side of publication (before it for past tense), else only the year."""
    a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
    valid = sorted({(m, d) for m, d in ((b, a), (a, b)) if _valid(y, m, d)})
    if len(valid) == 2 and pub.as_date is not None:
        side = [(m, d) for m, d in valid if (date(y, m, d) <= pub.as_date) == (tense == PAST)]
        valid = side if len(side) == 1 else valid
    if len(valid) != 1:
        return (*_iso(y), False) if valid else (None, None, False)
    return (*_iso(y, *valid[0]), False)


def _resolve_month_year(g: Groups, pub: _Published, tense: str):
    return (*_iso(int(g["y"]), _vocab().months[g["month"].rstrip(".")]), False)


def _resolve_month(g: Groups, pub: _Published, tense: str):
    month = _vocab().months[g["month"].rstrip(".")]
    if pub.year is None or pub.month is None:
        return None, None, True
    mod = (g["prep"] or "").strip().lower()
    if mod == "last":
        year = pub.year if month < pub.month else pub.year - 1
    elif mod == "next":
        year = pub.year if month > pub.month else pub.year + 1
    elif tense == FUTURE:
        year = pub.year if month >= pub.month else pub.year + 1
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    return (*_iso(year, month), True)


def _resolve_year(g: Groups, pub: _Published, tense: str):
    return (*_iso(int(g["y"])), False)


def _resolve_weekday(g: Groups, pub: _Published, tense: str):
    day = pub.as_date
    if day is None:
        return None, None, True
    v = _vocab()
    target = v.weekdays[g["wd"]]
    side = v.weekday_mods.get(re.sub(r"\s+", " ", (g.get("mod") or "").lower()), "")
    back = (day.weekday() - target) % 7
    ahead = (target - day.weekday()) % 7
    if side == "before":
        found = day - timedelta(days=back or 7)
    elif side == "after":
        found = day + timedelta(days=ahead or 7)
    elif tense == FUTURE:
        found = day + timedelta(days=ahead)
    else:
        found = day - timedelta(days=back)
    return (*_iso(found.year, found.month, found.day), True)


def _resolve_relative(g: Groups, pub: _Published, tense: str):
    unit, offset, _ = _vocab().relative[re.sub(r"\s+", " ", g["phrase"])]
    return (*_offset(unit, offset, pub), True)


def _offset(unit: str, offset: int, pub: _Published) -> tuple[str | None, str | None]:
    if unit == YEAR:
        return _iso(pub.year + offset) if pub.year else (None, None)
    if unit == MONTH:
        if pub.year is None or pub.month is None:
            return None, None
        return _iso(*_shift_month(pub.year, pub.month, offset))
    day = pub.as_date
    if day is None:
        return None, None
    if unit == "week":
        monday = day - timedelta(days=day.weekday()) + timedelta(weeks=offset)
        # this week so far (past) or the whole week (last/next week)
        last = day if offset == 0 else monday + timedelta(days=6)
        return _span_value(monday, last)
    if unit == "weekend":
        # a two-day span: its Saturday (a day either side still matches a gold Sunday)
        if offset < 0 and day.weekday() < 5:
            offset += 1     # on a weekday, "last weekend" is the one just gone
        saturday = day - timedelta(days=(day.weekday() - 5) % 7) + timedelta(weeks=offset)
        return _iso(saturday.year, saturday.month, saturday.day)
    if unit == "recent":
        if abs(offset) <= 31:
            return _iso(day.year, day.month)    # "in recent weeks", "for days": up to now, told as now
        other_end = day + timedelta(days=offset)
        return _span_value(min(day, other_end), max(day, other_end))
    found = day + timedelta(days=offset)
    return _iso(found.year, found.month, found.day)


# "a few / several days ago": between this many units back
_FEW = (2, 9)
_DAYS_IN = {"day": 1, "week": 7}


def _resolve_ago(g: Groups, pub: _Published, tense: str):
    word, unit = re.sub(r"\s+", " ", g["n"].lower()), g["unit"].lower()
    if word in ("a few", "several"):
        day = pub.as_date
        if day is None or unit not in _DAYS_IN:
            return None, None, True
        far, near = (day - timedelta(days=n * _DAYS_IN[unit]) for n in reversed(_FEW))
        return (*_span_value(far, near), True)
    count = _vocab().small_numbers.get(word)
    if count is None and word.isdigit():
        count = int(word)
    if count is None or count > 10_000:
        return None, None, True
    if unit == "week":
        unit, count = DAY, count * 7
    return (*_offset(unit, -count, pub), True)


@dataclass(frozen=True)
class _Rule:
    """A pattern that starts at the expression's anchor word or digit (regex engines scan
    for a fixed first character fast), and an optional pattern for the words before it
    ("last" Thursday, "in" April), matched backwards from the anchor."""
    pattern: re.Pattern
    resolver: Resolver
    before: re.Pattern | None = None
    before_required: bool = False
    lowercase: bool = False          # matched on the ASCII-lowercased text
    daypart: bool = False


_LOOKBACK = 40


def _words(words) -> str:
    """Alternation of phrases whose spaces match any run of white space."""
    return _alt(words).replace(re.escape(" "), r"\s+")


@functools.lru_cache(maxsize=1)
def _rules() -> tuple[tuple[_Rule, ...], re.Pattern]:
    """The rules, in no particular order (the longest match wins), and the pattern of a
    weekday written before a calendar date ("Thursday, 8 February")."""
    v = _vocab()
    short_months = [m for m in v.months if m not in v.full_months]
    month = rf"(?P<month>{_alt(v.full_months)}\b|(?:{_alt(short_months)})\b\.?)"
    full_month = rf"(?P<month>{_alt(v.full_months)})\b"
    weekday_before = re.compile(rf"(?<![\w])(?:{_alt(v.weekdays)})\.?,?\s+(?:the\s+)?$")
    year = r"(?P<y>(?:1[89]|20)\d{2})\b(?![,.]?\d)"
    day = rf"(?P<d>\d{{1,2}}){_ORD}(?:\s*[-–]\s*\d{{1,2}}{_ORD})?\b"
    period_words = _words(v.periods)
    preps = _words(v.leads + v.periods)
    relative = [p for p, (_, _, part) in v.relative.items() if not part]
    dayparts = [p for p, (_, _, part) in v.relative.items() if part]
    numbers = _alt(list(v.small_numbers) + ["a few", "several"])
    no_number_before = re.compile(r"(?:^|[^\w,.]|(?<![\d])[,.])$")
    rule = _Rule
    return (
        rule(re.compile(r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})\b(?![-/.]\d)"), _resolve_iso,
             re.compile(r"(?:^|[^\w-])$"), True),
        rule(re.compile(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})\b(?![/.]\d)"), _resolve_numeric,
             re.compile(r"(?:^|[^\w/.])$"), True),
        rule(re.compile(rf"{day}(?:\s+of)?\s+\b{month}(?:,?\s+{year})?"), _resolve_day_month,
             no_number_before, True),
        rule(re.compile(rf"{month}\s+{day}(?![,.]?\d)(?:,?\s+{year})?"), _resolve_day_month),
        rule(re.compile(rf"{month},?\s+(?:of\s+)?{year}"), _resolve_month_year,
             re.compile(rf"\b(?i:{period_words})[-\s]+$")),
        rule(re.compile(rf"{full_month}(?!\s+\d)"), _resolve_month,
             re.compile(rf"(?P<prep>\b(?i:{preps})[-\s]+)$"), True),
        rule(re.compile(rf"{year}(?!\s*(?:%|per\s?cent))"), _resolve_year,
             re.compile(rf"\b(?i:{preps}|{_words(v.seasons)})[-\s]+$"), True),
        rule(re.compile(rf"(?P<wd>{_alt(v.full_weekdays)})\b(?:\s+(?i:morning|afternoon|evening|night|midday))?"),
             _resolve_weekday,
             re.compile(rf"\b(?P<mod>(?i:{_words(v.weekday_mods)}))\s+$")),
        rule(re.compile(rf"(?P<phrase>{_words(relative)})\b"), _resolve_relative,
             re.compile(r"(?:^|(?<!\bthe)(?<!\bpast)\s|[^\w\s])$"), True, lowercase=True),
        rule(re.compile(rf"(?P<phrase>{_words(dayparts)})\b"), _resolve_relative,
             re.compile(r"(?:^|\W)$"), True, lowercase=True, daypart=True),
        rule(re.compile(r"ago\b"), _resolve_ago,
             re.compile(rf"(?:^|\W)(?P<n>{numbers}|\d+)\s+(?P<unit>day|week|month|year)s?\s+\(?$"), True,
             lowercase=True),
    ), weekday_before


# ---------------------------------------------------------------- public API

@dataclass
class _Candidate:
    start: int
    end: int
    value: str | None
    precision: str | None
    relative: bool
    daypart: bool


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _candidates(text: str, pub: _Published, tense: str) -> list[_Candidate]:
    rules, weekday_before = _rules()
    lower = text.translate(_ASCII_LOWER)      # same length and offsets as `text`
    found = []
    for r in rules:
        for m in r.pattern.finditer(lower if r.lowercase else text):
            start, groups = m.start(), m.groupdict()
            if r.before is not None:
                window = (lower if r.lowercase else text)[max(0, start - _LOOKBACK):start]
                lead = r.before.search(window)
                if lead is None and r.before_required:
                    continue
                if lead is not None:
                    groups.update({k: v for k, v in lead.groupdict().items() if v is not None})
                    # extend over the words before, not over a boundary character
                    start -= len(re.sub(r"^\W+", "", window[lead.start():]))
            if r.resolver is _resolve_day_month:   # "Thursday, 8 February": the weekday is part of it
                lead = weekday_before.search(text[max(0, start - _LOOKBACK):start])
                if lead is not None:
                    start -= len(text[max(0, start - _LOOKBACK):start]) - lead.start()
            value, precision, relative = r.resolver(groups, pub, tense)
            found.append(_Candidate(start, m.end(), value, precision, relative, r.daypart))
    return found


def _non_overlapping(cands: list[_Candidate]) -> list[_Candidate]:
    """Longest first; `starts`/`ends` keep the chosen spans sorted for a bisect check."""
    starts: list[int] = []
    ends: list[int] = []
    chosen: dict[int, _Candidate] = {}
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        i = bisect.bisect_left(starts, c.start)
        if (i < len(starts) and starts[i] < c.end) or (i > 0 and ends[i - 1] > c.start):
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        chosen[c.start] = c
    return [chosen[s] for s in starts]


_JOINER = re.compile(r"^\s*,?\s*(?:on|of)?\s*$", re.IGNORECASE)


def _merge_dayparts(text: str, cands: list[_Candidate]) -> list[_Candidate]:
    """"at dawn on Thursday" is Thursday: a daypart next to a date joins that date."""
    out: list[_Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev and _JOINER.match(text[prev.end:c.start]) and (prev.daypart or c.daypart) \
                and not (prev.daypart and c.daypart):
            keep = c if prev.daypart else prev
            out[-1] = _Candidate(prev.start, c.end, keep.value, keep.precision, keep.relative, False)
        else:
            out.append(c)
    return out


def _with_preposition(text: str, c: _Candidate) -> tuple[int, str]:
    """Extend a mention over its leading preposition ("On Wednesday", "since 2012")."""
    head = text[max(0, c.start - 12):c.start]
    m = _LEAD_PREP.search(head)
    lead = re.match(r"(?i)(since|until|till|by|from|before|after|during|in|on)\b", text[c.start:c.end])
    word = (lead[1] if lead else m[1] if m else "").lower()
    start = c.start - (len(head) - m.start()) if m and not lead else c.start
    return start, _KIND_OF_PREP.get(word, POINT)


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")


def _names_something(text: str, start: int, end: int, heads: frozenset[str]) -> bool:
    """"the May 22 hospital", "the 17 April Brigade", "October 6 Bridge": a date followed by
    such a noun is part of a name, not a date of anything - unless a preposition opens it
    ("on May 22 hospital staff walked out")."""
    m = _NEXT_WORD.match(text, end)
    if not (m and m[1].lower() in heads):
        return False
    return _LEAD_PREP.search(text[max(0, start - 12):start]) is None


def find_dates(text: str, published: str | None, *, tense: str = PAST) -> list[DateMention]:
    """Every date expression in `text`, in order, resolved against `published`.

    >>> [m.value for m in find_dates("On Thursday, talks resumed.", "2018-02-10")]
    ['2018-02-08']
    """
    if not text:
        return []
    pub = _parse_published(published)
    tense = FUTURE if tense == FUTURE else PAST
    out = []
    heads = _vocab().name_heads
    for c in _merge_dayparts(text, _non_overlapping(_candidates(text, pub, tense))):
        if _names_something(text, c.start, c.end, heads):
            continue
        start, kind = _with_preposition(text, c)
        out.append(DateMention(start, c.end, text[start:c.end], c.value, c.precision, c.relative, kind))
    return out


def resolve(expression: str, published: str | None, *, tense: str = PAST) -> tuple[str | None, str | None]:
    """(value, precision) of the first date in `expression`, or (None, None).

    >>> resolve("April 19", "2018-02-10")
    ('2017-04-19', 'day')
    """
    found = find_dates(expression or "", published, tense=tense)
    return (found[0].value, found[0].precision) if found else (None, None)
