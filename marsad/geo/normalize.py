"""Name folding and transliteration keys, so that spellings of one name meet.

Arabic, Kurdish and Turkish place names reach English text in many romanisations
(Deir ez-Zor, Dayr az Zawr, Deir Ezzor; Khan Shaykhun, Khan Sheikhoun). Three levels:

- `fold`: case, diacritics, apostrophes and hyphens folded; words kept.
- `key`: `fold` without Arabic articles (al-, el-, ad-, as-, ar-...), with the usual
  vowel and digraph spellings merged and doubled letters collapsed, spaces removed.
  Two spellings of one name usually share a key.
- `skeleton`: `key` without vowels, for close misspellings ("Deir Azur").
All are pure functions of a string.
"""
from __future__ import annotations

import functools
import re
import unicodedata

# Letters NFKD does not decompose into ASCII.
_SPECIAL = str.maketrans({
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae",
    "œ": "oe", "ŀ": "l", "ħ": "h", "ŧ": "t",
    # ayn, hamza and quote marks vanish: "Tall 'Afar" = "Tal Afar"
    "ʿ": "", "ʾ": "", "ʻ": "", "ʼ": "", "‘": "", "’": "", "'": "", "`": "", "´": "",
})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Arabic definite article in its assimilated spellings, as a separate word.
ARTICLES = frozenset({"al", "el", "ul", "il", "ad", "ed", "as", "es", "ar", "er", "at", "et",
                      "az", "ez", "an", "en", "ash", "esh", "ath", "adh", "ech"})
# An article glued to a sun letter it doubles: "Ezzor", "Arraqqa", "Assuwayda".
_GLUED_ARTICLE = re.compile(r"^[ae]([tdrszn])\1(?=[a-z]{2})")

# Spelling variants merged into one form, applied in order on the joined word.
_RESPELL = (
    ("ch", "sh"), ("kh", "h"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("ph", "f"),
    ("ck", "k"), ("q", "k"), ("dj", "j"), ("ou", "u"), ("oo", "u"),
    ("aw", "o"), ("ow", "o"), ("ei", "ay"), ("ey", "ay"), ("ai", "ay"), ("ee", "i"),
    ("ie", "i"), ("iy", "i"), ("uw", "u"),
)
_FINAL_H = re.compile(r"(?<=[aeiou])h$")  # "Raqqah" = "Raqqa"
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiouy]")


def fold(name: str) -> str:
    """'Ḩamāh' -> 'hamah'; 'Deir ez-Zor' -> 'deir ez zor'."""
    text = unicodedata.normalize("NFKD", name.translate(_SPECIAL).lower().translate(_SPECIAL))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", text).strip()


def is_latin(name: str) -> bool:
    """True when folding keeps most letters (Latin script names)."""
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return False
    kept = sum(1 for c in letters if _folds_to_something(c))
    return kept >= 0.8 * len(letters)


@functools.lru_cache(maxsize=None)
def _folds_to_something(letter: str) -> bool:
    # Asked of every letter of 1.1 million gazetteer names: a few thousand distinct ones.
    return bool(fold(letter))


# English abbreviations opening a name: 'St. Paul' = 'Saint Paul', 'Ft. Worth' = 'Fort Worth'.
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def words(name: str) -> list[str]:
    """Folded words without Arabic articles (kept when the name is only an article),
    abbreviations that open a name spelled out."""
    ws = fold(name).split()
    out = []
    for i, w in enumerate(ws):
        if w in ARTICLES and len(ws) > 1 and i < len(ws) - 1:
            continue
        if i == 0 and len(ws) > 1:
            w = ABBREVIATIONS.get(w, w)
        out.append(_GLUED_ARTICLE.sub(r"\1", w))
    return out


def respell(word: str) -> str:
    word = _FINAL_H.sub("", word)
    for old, new in _RESPELL:
        word = word.replace(old, new)
    return _DOUBLE.sub(r"\1", word)


def key(name: str) -> str:
    """Spelling-insensitive key: 'Deir ez-Zor', 'Dayr az Zawr', 'Deir Ezzor' -> 'dayrzor'."""
    return _DOUBLE.sub(r"\1", "".join(respell(w) for w in words(name)))


def skeleton(name: str) -> str:
    """The key's first letter and its consonants, for near misses: 'Deir Azur' -> 'dyrzr'."""
    return skeleton_of_key(key(name))


def skeleton_of_key(k: str) -> str:
    """`skeleton` of a name whose `key` is already known."""
    return k[:1] + _VOWELS.sub("", k[1:]) if k else ""
