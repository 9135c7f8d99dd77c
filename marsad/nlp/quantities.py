"""Numbers in text, with what they count (EVENTS.md sections 3 and 8).

`find_quantities(text)` reads digits ("1,500", "1.5 million"), number words ("six",
"two hundred", "Seventy-three"), ranges ("300-500", "4,000 to 5,000", "between 20 and
30") and vague amounts ("dozens", "tens of thousands", "1000's of", with the contract's
fixed values), keeps the hedge before them ("about" sets `approx`, "at least" does not),
and finds the counted noun after them through `data/quantity_units.tsv`. Casualty words
around a number ("killed 23", "23 dead", "death toll rose to 25") make its unit
`killed` or `injured`. Years, dates, times, ages, money, ordinals, phone numbers,
designations ("Resolution 2254", "F-16") and "one of" / "two sides" are not amounts.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass

from marsad.data import load_tsv
from marsad.nlp.dates import find_dates

Number = float | int

OTHER, PEOPLE, KILLED, INJURED = "other", "people", "killed", "injured"
# Units that merge into `people` when coordinated ("fighters and civilians").
_PERSON_UNITS = {"fighters", "civilians", "people"}


@dataclass(frozen=True)
class QuantityMention:
    start: int
    end: int
    text: str
    value: Number | None
    low: Number | None
    high: Number | None
    approx: bool
    unit: str
    head: str | None


# ---------------------------------------------------------------- vocabulary

def _plurals(word: str) -> set[str]:
    forms = {word, word + "s", word + "es"}
    if word.endswith("y"):
        forms.add(word[:-1] + "ies")
    return forms


@dataclass(frozen=True)
class _Vocab:
    cardinals: dict[str, int]
    multipliers: dict[str, int]
    vague: dict[str, tuple[int, int, int]]   # phrase -> (value, low, high)
    approx: tuple[str, ...]
    bounds: tuple[str, ...]
    labels: frozenset[str]
    fractions: dict[str, float]
    nouns: dict[str, str]                    # phrase (lower, any number) -> unit
    cues: dict[str, str]                     # casualty word -> killed | injured
    skips: frozenset[str]
    stops: frozenset[str]
    leads: frozenset[str]
    pronouns: frozenset[str]
    longest_noun: int


@functools.lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    words = load_tsv("number_words.tsv")
    by_kind = lambda kind: [r for r in words if r["kind"] == kind]  # noqa: E731
    nouns, cues, skips, stops, leads, pronouns = {}, {}, set(), set(), set(), set()
    for r in load_tsv("quantity_units.tsv"):
        w = r["word"].lower()
        if r["role"] == "noun":
            for form in _plurals(w):
                nouns.setdefault(form, r["unit"])
            nouns[w] = r["unit"]
        elif r["role"] == "cue":
            cues[w] = r["unit"]
        elif r["role"] == "skip":
            skips.update(_plurals(w))
        elif r["role"] == "lead":
            leads.add(w)
        elif r["role"] == "pronoun":
            pronouns.add(w)
        else:
            stops.add(w)
    return _Vocab(
        cardinals={r["word"]: int(r["value"]) for r in by_kind("cardinal")},
        multipliers={r["word"]: int(r["value"]) for r in by_kind("multiplier")},
        vague={r["word"].lower(): (int(r["value"]), int(r["low"]), int(r["high"])) for r in by_kind("vague")},
        approx=tuple(r["word"] for r in by_kind("approx")),
        bounds=tuple(r["word"] for r in by_kind("bound")),
        labels=frozenset(r["word"].lower() for r in by_kind("label")),
        fractions={r["word"]: float(r["value"]) for r in by_kind("fraction")},
        nouns=nouns, cues=cues, skips=frozenset(skips), stops=frozenset(stops),
        leads=frozenset(leads), pronouns=frozenset(pronouns),
        longest_noun=max(len(n.split()) for n in nouns))


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _vague_pattern(phrase: str) -> str:
    """"1000s" also as "1000's"; "tens" and "scores" only before "of" (else a tally)."""
    first, _, rest = phrase.partition(" ")
    p = re.escape(phrase)
    if phrase[0].isdigit():     # the apostrophe goes in the number: "1000's", "10's of thousands"
        p = re.escape(first[:-1]) + "['’]?s" + (re.escape(" " + rest) if rest else "")
    p = p.replace(re.escape(" "), r"\s+")
    if phrase in ("tens", "scores"):
        p += r"(?=\s+of\b)"
    return p


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    v = _vocab()
    number_word = _alt(list(v.cardinals) + list(v.multipliers))
    scale = _alt(v.multipliers)
    vague = "|".join(_vague_pattern(p) for p in sorted(v.vague, key=len, reverse=True))
    return {
        "numeral": re.compile(
            r"(?<![\w.,])(?<![A-Za-z]-)"
            rf"(?:(?P<vague>(?i:{vague}))(?![\w'’])"
            r"|(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
            rf"(?:\s+(?P<scale>(?i:{scale}))|(?P<kilo>[kK]\b))?"
            r"(?!(?!kms?\b)\w)"     # "3km" is a number glued to its unit
            rf"|(?P<words>(?i:(?:an?\s+)?(?:{number_word})(?:(?:[\s-]+|\s+and\s+)(?:{number_word}))*))\b)"),
        "fraction": re.compile(rf"(?i)\b(?:an?\s+|one\s+)?(?P<fraction>{_alt(v.fractions)})\s+(?:of\s+)?$"),
        "approx": re.compile(rf"(?i)\b(?:{_alt(v.approx)})\s+$"),
        "bound": re.compile(rf"(?i)\b(?:{_alt(v.bounds)})\s+$"),
        "range": re.compile(r"(?i)^\s*(?:-|–|—|to|or)\s*$"),
        "between": re.compile(r"(?i)\bbetween\s+$"),
        "from": re.compile(r"(?i)\bfrom\s+$"),
        "post_approx": re.compile(r"(?i)^(?:\s+or\s+so\b|-odd\b|\s*\+|\s+plus\b)"),
        "token": re.compile(r"[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]|\d[\d,.]*|[^\w\s]"),
        "toll": re.compile(r"(?i)\b(?:(?:death\s+)?toll|number\s+of\s+(?:dead|deaths|fatalities|victims))\b"
                           r"(?:(?!\.\s+[A-Z])[^;!?]){0,160}?\b(?:to|at|of|reached|hit|is|was|stood|stands)\s+$"
                           # "documented the death of 19 civilians", "the deaths of 12 people"
                           r"|(?i:\bdeaths?\s+of\s+)$"),
        "aside": re.compile(r"^\s*(?:\([^()]{1,30}\)|,[^,.;:()]{1,40},)"),
        "aux": re.compile(r"(?i)^\s*(?:of\s+(?:the\s+)?)?"
                          r"(?:(?:were|was|have|has|had|are|is|been|being|be|got|reportedly|also|all|"
                          r"allegedly|later|subsequently|now|either|others)\s+){0,3}"),
        "not_amount_after": re.compile(
            r"(?i)^(?:[-\s]*(?:years?[-\s]old|yr[-\s]old)\b"
            r"|\s*(?::\d|a\.?m\b\.?|p\.?m\b\.?|gmt\b|utc\b|hrs\b|o'clock\b)"
            r"|(?:st|nd|rd|th)\b)"),
        "percent": re.compile(r"(?i)^\s*(?:%|per\s?cent\b|percent\b)"),
        "money_before": re.compile(r"(?:[$£€¥]|\bUS\$|\bUSD|\bSYP|\bSP)\s*$"),
        "age_before": re.compile(r"(?i)\b(?:aged|age\s+of|ages\s+of)\s+$"),
        "label_before": re.compile(r"([A-Za-z][\w.]*)\s+$"),
        "phone": re.compile(r"(?<!\w)\+?\(?\d{2,4}\)?(?:[\s.-]\d{2,4}){2,}(?!\w)"),
    }


# ---------------------------------------------------------------- numbers

def _digits_value(digits: str, scale: str | None) -> Number:
    value: Number = float(digits.replace(",", ""))
    if scale:
        value *= _vocab().multipliers[scale.lower()]
    return _tidy(value)


def _tidy(value: Number) -> Number:
    return int(value) if float(value).is_integer() else value


def _words_value(words: str) -> tuple[Number, int, int] | None:
    """Value of "two hundred and fifty" and the character span of it that forms one number
    ("a" counts only before a scale word: "a hundred", not "a two-hour truce")."""
    v = _vocab()
    total = current = 0
    start = end = 0
    prev_kind = None
    for m in re.finditer(r"[A-Za-z]+", words):
        w = m.group().lower()
        if w in ("a", "an") and prev_kind is None:
            prev_kind = "article"
            continue
        if prev_kind == "article" and w not in v.multipliers and w != "dozen":
            prev_kind, start = None, m.start()
        if w == "and":
            if prev_kind != "scale":
                break
            continue
        if w in v.multipliers:
            if prev_kind == "scale" and v.multipliers[w] <= 100:
                break
            mult = v.multipliers[w]
            if mult == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * mult
                current = 0
            prev_kind = "scale"
        elif w in v.cardinals:
            n = v.cardinals[w]
            if w == "dozen":
                current = (current or 1) * 12
            elif prev_kind == "article":
                break
            elif prev_kind == "unit" and not (current % 100 >= 20 and current % 10 == 0 and n < 10):
                break
            else:
                current += n
            prev_kind = "unit"
        end = m.end()
    if end == 0 or prev_kind == "article":
        return None
    return _tidy(total + current), start, end


@dataclass
class _Numeral:
    start: int
    end: int
    value: Number
    low: Number | None = None
    high: Number | None = None
    approx: bool = False
    is_word: bool = False
    is_year_like: bool = False


def _numerals(text: str) -> list[_Numeral]:
    out = []
    v = _vocab()
    for m in _patterns()["numeral"].finditer(text):
        if m["vague"]:
            key = re.sub(r"(?<=\d)['’]s", "s", re.sub(r"\s+", " ", m["vague"].lower()))
            value, low, high = v.vague[key]
            out.append(_Numeral(m.start(), m.end(), value, low, high, approx=True, is_word=True))
        elif m["digits"]:
            value = _digits_value(m["digits"], m["scale"]) * (1000 if m["kilo"] else 1)
            year_like = not m["scale"] and re.fullmatch(r"(?:19|20)\d\d", m["digits"]) is not None
            out.append(_Numeral(m.start(), m.end(), value, is_year_like=year_like))
        else:
            parsed = _words_value(m["words"])
            if parsed is None:
                continue
            value, start, end = parsed
            out.append(_Numeral(m.start() + start, m.start() + end, value, is_word=True))
    return [_with_fraction(text, n) for n in out]


def _with_fraction(text: str, num: _Numeral) -> _Numeral:
    """"a quarter of a million" is 250,000."""
    if num.low is not None or num.value < 1000:
        return num
    before = text[max(0, num.start - 20):num.start]
    m = _patterns()["fraction"].search(before)
    if not m:
        return num
    share = _vocab().fractions[m["fraction"].lower()]
    return _Numeral(num.start - (len(before) - m.start()), num.end, _tidy(round(num.value * share)),
                    is_word=num.is_word)


def _join_ranges(text: str, nums: list[_Numeral]) -> list[_Numeral]:
    """"300-500", "4,000 to 5,000", "between 20 and 30" -> one numeral with low/high."""
    p = _patterns()
    out: list[_Numeral] = []
    i = 0
    while i < len(nums):
        a = nums[i]
        b = nums[i + 1] if i + 1 < len(nums) else None
        if b and a.low is None and b.low is None and b.value > a.value and not a.is_year_like:
            gap = text[a.end:b.start]
            between = p["between"].search(text[max(0, a.start - 12):a.start]) and re.fullmatch(r"(?i)\s+and\s+", gap)
            change = p["from"].search(text[max(0, a.start - 8):a.start]) and "to" in gap.lower()
            ranged = p["range"].match(gap) and not change      # "rose from 20 to 30" is no range
            if between or ranged:
                mid = _tidy((a.value + b.value) / 2)
                out.append(_Numeral(a.start, b.end, mid, a.value, b.value, is_word=a.is_word and b.is_word))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


# ---------------------------------------------------------------- what is counted

@dataclass(frozen=True)
class _Head:
    start: int
    end: int
    unit: str | None     # None: no lexicon noun
    skip: bool = False


def _tokens(text: str, pos: int, limit: int = 160, count: int = 12) -> list[tuple[int, int, str]]:
    """The first `count` tokens after `pos` (a noun phrase never needs more)."""
    found = itertools.islice(_patterns()["token"].finditer(text, pos, pos + limit), count)
    return [(m.start(), m.end(), m.group()) for m in found]


def _noun_at(tokens, i: int) -> tuple[int, str] | None:
    """Longest lexicon noun starting at token i: (tokens used, unit)."""
    v = _vocab()
    for n in range(min(v.longest_noun, len(tokens) - i), 0, -1):
        phrase = " ".join(t[2].lower() for t in tokens[i:i + n])
        if phrase in v.nouns:
            return n, v.nouns[phrase]
    return None


def _is_word(tok: str) -> bool:
    return tok[0].isalpha()


_QUOTES = set("'\"‘’“”")


def _noun_phrase(text: str, pos: int, max_tokens: int = 4) -> _Head | None:
    """The counted noun after a number: up to four words, the last lexicon noun wins."""
    v = _vocab()
    toks = _tokens(text, pos)
    i = 0
    while i < len(toks) and (toks[i][2].lower() in v.leads or toks[i][2] in _QUOTES):
        i += 1
    if i < len(toks) and toks[i][2].lower() in v.pronouns:
        return None     # "300 of them"
    first = i
    head_end, unit = None, None
    common_end = None   # end of the first common word, the head when no lexicon noun is found
    while i < len(toks) and i - first < max_tokens:
        start, end, tok = toks[i]
        low = tok.lower()
        if tok in _QUOTES:          # "33 'displaced civilians' killed"
            i += 1
            continue
        if low in v.skips:
            return _Head(start, end, None, skip=True)
        if not _is_word(tok) or (low in v.stops and not tok.isupper()):
            break
        found = _noun_at(toks, i)
        if found:
            n, unit = found
            head_end = toks[i + n - 1][1]
            i += n
            continue
        if low in v.cues and i == first:
            i += 1
            continue
        if low in v.cues:
            break
        if tok.islower() and low.endswith(("ing", "ed")) and not _noun_at(toks, i + 1):
            break       # a verb ("300 fled"), unless it modifies a counted noun ("armed personnel")
        if head_end is not None and tok.islower():
            break
        if common_end is None and tok.islower():
            common_end = end
        i += 1
    if first >= len(toks) or i == first:
        return None
    if head_end is None:     # "30 rockets", "300 ISIS rats": up to the first common word
        return _Head(toks[first][0], common_end, None) if common_end is not None else None
    return _Head(toks[first][0], head_end, unit)


def _coordinated(text: str, head: _Head) -> _Head:
    """"fighters and civilians": one count of both; mixed persons become `people`."""
    m = re.match(r"\s+(?:and|or|&)\s+(?!\d)", text[head.end:])
    if not m or head.unit is None:
        return head
    other = _noun_phrase(text, head.end + m.end())
    if other is None or other.unit is None or other.skip:
        return head
    if other.unit == head.unit:
        return _Head(head.start, other.end, head.unit)
    if {head.unit, other.unit} <= _PERSON_UNITS:
        return _Head(head.start, other.end, PEOPLE)
    return head


def _cue_before(text: str, start: int) -> tuple[str, int] | None:
    before = text[max(0, start - 200):start]
    p = _patterns()
    lowered = before.lower()
    toll = p["toll"].search(before) if "toll" in lowered or "number of" in lowered or "death" in lowered \
        else None
    if toll:
        return KILLED, start - (len(before) - toll.start())
    m = re.search(r"([A-Za-z]+)(?:\s+|\s*:\s*)$", before)      # "killed 23", "wounded: 11"
    if m and m[1].lower() in _vocab().cues:
        return _vocab().cues[m[1].lower()], start - (len(before) - m.start())
    return None


def _cue_after(text: str, pos: int) -> tuple[str, int] | None:
    """A casualty word after the counted noun, past auxiliaries and a short aside:
    "33 displaced people (IDPs) were killed", "Dozens of children, many under 15, were killed"."""
    v = _vocab()
    while pos < len(text) and text[pos] in _QUOTES:
        pos += 1
    aside = _patterns()["aside"].match(text[pos:pos + 60])
    if aside:
        pos += aside.end()
    aux = _patterns()["aux"].match(text[pos:pos + 80])
    rest_at = pos + aux.end()
    m = re.match(r"([A-Za-z]+(?:\s+(?:their\s+lives|martyred))?)\b", text[rest_at:rest_at + 40])
    if m and m[1].lower() in v.cues:
        return v.cues[m[1].lower()], rest_at + m.end()
    return None


# ---------------------------------------------------------------- filters

def _not_an_amount(text: str, num: _Numeral, date_spans: list[tuple[int, int]]) -> bool:
    p = _patterns()
    i = bisect.bisect_left(date_spans, (num.end,))     # spans sorted by start
    if i > 0 and date_spans[i - 1][1] > num.start:
        return True
    after = text[num.end:num.end + 30]
    if p["not_amount_after"].match(after):
        return True
    before = text[max(0, num.start - 30):num.start]
    if p["money_before"].search(before) or p["age_before"].search(before):
        return True
    label = p["label_before"].search(before)
    if label and label[1].lower() in _vocab().labels and not num.is_word and label[1][0].isupper():
        return True
    return False


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans merged where they overlap, so a bisect finds the one that covers a point."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _phone_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _patterns()["phone"].finditer(text)
            if sum(c.isdigit() for c in m.group()) >= 8 and "," not in m.group()]


# ---------------------------------------------------------------- public API

def _hedge(text: str, num: _Numeral) -> tuple[int, bool]:
    """Start of the hedge before a number and whether it makes the number approximate."""
    p = _patterns()
    before = text[max(0, num.start - 30):num.start]
    for name, approx in (("approx", True), ("bound", False), ("between", False)):
        m = p[name].search(before)
        if m:
            return num.start - (len(before) - m.start()), approx
    return num.start, False


def _counted_noun(text: str, num: _Numeral, end: int) -> _Head | None:
    """The noun a number counts ("48-hour truce": joined by a hyphen), coordinated nouns
    included; a `skip` head when the number is no amount ("two sides", "one of")."""
    if num.value == 1 and num.is_word and re.match(r"\s+of\b", text[end:end + 4]):
        return _Head(end, end, None, skip=True)
    head = _noun_phrase(text, end + 1 if re.match(r"-[A-Za-z]", text[end:end + 2]) else end)
    return _coordinated(text, head) if head and not head.skip else head


def _is_pronoun(num: _Numeral, head: _Head | None, unit: str | None) -> bool:
    """Small number words that count nothing named: "the two agreed", "on the one hand",
    and a year-like number with no counted noun ("in 2015 the siege began")."""
    if num.is_year_like:
        return unit is None
    if not num.is_word or num.low is not None:
        return False
    return unit is None and (head is None and num.value <= 2 or num.value == 1)


def _mention(text: str, num: _Numeral) -> QuantityMention | None:
    start, approx = _hedge(text, num)
    end = num.end
    percent = _patterns()["percent"].match(text[end:end + 12])
    if percent:     # a share is an amount the text ties to events ("50 per cent of the city")
        end += percent.end()
        return QuantityMention(start, end, text[start:end], num.value, num.low, num.high,
                               approx or num.approx, OTHER, percent.group().strip())
    post = _patterns()["post_approx"].match(text[end:end + 12])
    if post:
        approx = approx or "+" not in post.group() and "plus" not in post.group().lower()
        end += post.end()
    head = _counted_noun(text, num, end)
    if head and head.skip:
        return None
    unit = head.unit if head else None
    # casualty words win over the noun: "17 civilians were killed", "killing 25 people", "23 dead"
    before = _cue_before(text, start)
    if before:
        unit, start = before[0], min(start, before[1])
    after = (_cue_after(text, head.end) if head else None) or _cue_after(text, end)
    if after:
        unit, end = after[0], max(end, after[1])
    if _is_pronoun(num, head, unit):
        return None
    if unit is None and head is None and num.low is not None and num.is_word:
        unit = PEOPLE    # "Thousands have fled": a bare vague amount counts people
    end = max(end, head.end if head else end)
    head_text = text[head.start:head.end] if head else None
    return QuantityMention(start, end, text[start:end], num.value, num.low, num.high,
                           approx or num.approx, unit or OTHER, head_text)


def counted_unit(word: str) -> str | None:
    """The unit a counted noun stands for ("residents" -> civilians, "gunmen" -> fighters), or None."""
    return _vocab().nouns.get(word.lower())


def find_quantities(text: str) -> list[QuantityMention]:
    """Every amount in `text`, in order.

    >>> q = find_quantities("about 300-500 their family members")[0]
    >>> (q.value, q.low, q.high, q.approx, q.unit)
    (400, 300, 500, True, 'civilians')
    """
    if not text:
        return []
    dates = [(d.start, d.end) for d in find_dates(text, None)]
    blocked = _disjoint(sorted(dates + _phone_spans(text)))
    out: list[QuantityMention] = []
    for num in _join_ranges(text, _numerals(text)):
        if _not_an_amount(text, num, blocked):
            continue
        mention = _mention(text, num)
        if mention is not None:
            out.append(_breakdown_item(text, out[-1], mention) if out else mention)
    return out


_BREAKDOWN_ITEM = re.compile(r"\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s*(?:[,;.)]|and\b|$)")
_BREAKDOWN_GAP = re.compile(r"^(?:\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?\s*(?:,|;|:|and|,\s*and)\s*$")


def _breakdown_item(text: str, prev: QuantityMention, cur: QuantityMention) -> QuantityMention:
    """"78 dead, 45 in Jableh and 33 in Tartus": a bare number listed after a casualty
    count breaks that count down, so it counts the same thing."""
    if cur.head is not None or cur.unit != OTHER or prev.unit not in (KILLED, INJURED):
        return cur
    if not _BREAKDOWN_ITEM.match(text, cur.end) or not _BREAKDOWN_GAP.match(text[prev.end:cur.start]):
        return cur
    return QuantityMention(cur.start, cur.end, cur.text, cur.value, cur.low, cur.high, cur.approx, prev.unit, None)
