"""Document metadata that is not in the markup: outlet from a URL, language from text."""
from __future__ import annotations

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
