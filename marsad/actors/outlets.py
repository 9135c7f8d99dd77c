"""The outlets a claim can be credited to, and the outlet a document is.

`source_for_phrase` turns a credited noun phrase into a `records.Source`: a registered
source gives its id and its leaning in this story (`registered_leaning`); otherwise the
words decide (a foreign demonym: foreign_state; "pro-regime", "opposition", "activists"...;
an actor named inside: its side; "locals", "sources": unknown).

Document-level credits: `wire_source` (a wire dateline, an agency's own dateline or
standalone line, an agency byline: behind every claim of the copy) and `default_source`
(that, else a "Source: X" credit line); `own_voice` says whether a credited outlet is the
document's own (its domain, its name as `doc.outlet`, or its name above a plain-text body).
"""
from __future__ import annotations

import functools
import re

from marsad.actors.registry import (
    SOURCE, ActorContext, Registry, SourceEntry, build_registry, find_phrases, hit_actor, tokenize,
)
from marsad.data import load_tsv
from marsad.document import Document
from marsad.records import Source

OWN_STAFF = ("correspondent", "correspondents", "reporter", "reporters", "activist", "activists",
             "journalist", "journalists", "crew")
PATRON_WORDS = ("backed", "led", "run", "aligned", "supported", "allied", "funded")
# A wire dateline opens a line, after any page furniture: "BEIRUT/ISTANBUL (Reuters) —",
# "SANAA, Yemen (AP) -", "BEIRUT, May 23 (APP):"; no digits between the brackets ("(12:50 P.M.)"
# is a time stamp).
DATELINE = re.compile(r"(?m)^[ \t]*[A-Z][A-Z .,'/&-]{1,60}(?:[A-Z][a-z]+[ \t]*)?"
                      r"(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}[ \t]*)?\(([^)\n\d]{2,40})\)[ \t]*[-–—:]")
# A state agency's own dateline names it after the place: "Rural Damascus, SANA - Buses left".
PLACE_AGENCY = re.compile(r"(?m)^[ \t]*[A-Z][\w'.]*(?:[ \t]+[A-Z][\w'.]*){0,3},[ \t]*"
                          r"([A-Z][\w'.]*(?:[ \t]+[A-Z][\w'.]*){0,3})[ \t]*[-–—][ \t]")
BYLINE = re.compile(r"(?m)^[ \t]*By[ \t]+([^\n]{2,60}?)[ \t]*$")
AGENCY_LINE = re.compile(r"(?m)^[ \t]*[A-Z]{3,}[A-Z /]*[ \t]*[-–—][ \t]*([A-Z][\w ]{2,40}?)[ \t]*$")
CREDIT_LINE = re.compile(r"(?m)(?:^|\s)Source:[ \t]*([^\n]{2,60}?)[ \t]*$")   # after stray markup too
LEANINGS = ("government", "opposition", "independent", "jihadist", "kurdish", "foreign_state",
            "unknown")


@functools.lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, str, bool], ...]:
    return tuple((" ".join(t.key for t in tokenize(r["cue"])), r["leaning"], r.get("strong") == "yes")
                 for r in load_tsv("actor_source_cues.tsv"))


@functools.lru_cache(maxsize=1)
def cue_words() -> frozenset[str]:
    """Every cue; each also marks a subject of "said" as a speaker."""
    return frozenset(cue for cue, _, _ in _cues())


def _cue(words: list[str], strong: bool) -> str | None:
    text = " " + " ".join(words) + " "
    for cue, leaning, is_strong in _cues():
        if is_strong == strong and f" {cue} " in text:
            return leaning
    return None


def _foreign(words: list[str], reg: Registry, ctx: ActorContext) -> bool:
    """Does the phrase name another country than the story's ("Turkish state media")?"""
    if not ctx.focus:
        return False
    for i, w in enumerate(words):
        code = reg.demonyms.get(w)
        backer = i + 1 < len(words) and words[i + 1] in PATRON_WORDS   # "Turkish-backed rebels"
        if code and code != ctx.focus and not backer:
            return True
    return False


def source_for_phrase(phrase: str, ctx: ActorContext | None = None,
                      reg: Registry | None = None) -> Source:
    """The `Source` a credited noun phrase stands for; `name` keeps the words as written.

    >>> source_for_phrase("the pro-government blog al-Masdar News").id
    'AL_MASDAR'
    >>> source_for_phrase("Syrian opposition sources", ActorContext("SY")).leaning
    'opposition'
    """
    reg = reg or build_registry()
    ctx = ctx or ActorContext()
    name = phrase.strip(" \t\n,;:.\"'“”")
    hits = find_phrases(name, reg)
    for h in hits:
        sid = h.key if h.kind == SOURCE else h.also_source
        if sid and sid in reg.sources:
            return Source(name, sid, registered_leaning(reg.sources[sid], ctx))
    words = [t.key for t in tokenize(name)]
    named = [e for e in (reg.actor(hit_actor(h, reg, ctx)[0]) for h in hits if h.kind != SOURCE) if e]
    state_ids = {c.roles["state"] for c in reg.countries.values()}
    if _foreign(words, reg, ctx) or any(e.id in state_ids and e.country and ctx.focus
                                        and e.country != ctx.focus for e in named):
        return Source(name, None, "foreign_state")
    strong = _cue(words, strong=True)
    if strong:
        return Source(name, None, strong)
    for entry in named:
        if entry.side in LEANINGS:
            return Source(name, None, entry.side)
    return Source(name, None, _cue(words, strong=False) or "unknown")


def registered_leaning(entry: SourceEntry, ctx: ActorContext) -> str:
    """A registered outlet's leaning in this story: a state's media speak for the government
    at home and for a foreign state abroad (TASS in a story about Syria: foreign_state; in
    one about Russia: government). Other leanings do not depend on the story."""
    if entry.leaning in ("government", "foreign_state") and entry.country and ctx.focus:
        return "government" if entry.country == ctx.focus else "foreign_state"
    return entry.leaning


def _plain_raw(doc: Document) -> str:
    """The document as read, when it is plain text: extraction may have dropped the dateline
    or credit line as page furniture."""
    raw = doc.raw
    if raw is None or raw.meta.get("kind") == "html" or (raw.path or "").lower().endswith((".html", ".htm")):
        return ""
    return raw.data.decode("utf-8", errors="replace")


def wire_source(doc: Document, reg: Registry | None = None) -> Source | None:
    """The news agency a whole article comes from, which every claim of the article is
    credited to (EVENTS.md section 8): a wire dateline ("BEIRUT (Reuters) -"; words in the
    brackets are an agency even unregistered, as "(APP)"), an agency's standalone line
    ("IDLIB-Anadolu Agency") or own dateline ("Rural Damascus, SANA -"), or a byline that
    names a registered agency ("By REUTERS" on a paper that runs wire copy)."""
    reg = reg or build_registry()
    return _wire_in(doc.body or "", _plain_raw(doc), reg)


@functools.lru_cache(maxsize=64)
def _wire_in(body: str, raw: str, reg: Registry) -> Source | None:
    # Remembered: asked once per sentence of the same document.
    for pattern in (DATELINE, AGENCY_LINE, PLACE_AGENCY, BYLINE):
        for text in (body, raw):
            m = pattern.search(text)
            if not m:
                continue
            src = source_for_phrase(m.group(1), ActorContext(), reg)
            if pattern is DATELINE or _agency(src, reg):
                return src
    return None


def _agency(src: Source, reg: Registry) -> bool:
    entry = reg.sources.get(src.id or "")
    return entry is not None and entry.type == "agency"


def default_source(doc: Document, reg: Registry | None = None) -> Source | None:
    """The source a whole article is credited to: its wire agency (`wire_source`), else a
    registered outlet on a credit line ("Source: Al Jazeera")."""
    reg = reg or build_registry()
    wire = wire_source(doc, reg)
    if wire is not None:
        return wire
    for text in (doc.body or "", _plain_raw(doc)):
        m = CREDIT_LINE.search(text)
        if m:
            src = source_for_phrase(m.group(1), ActorContext(), reg)
            if src.id:
                return src
    return None


def _publisher(doc: Document, reg: Registry) -> str | None:
    """The registered outlet a plain-text page names as its publisher above the body, as a
    cell of a '|' line: "21 May 2019 | Syrian Observatory for Human Rights"."""
    raw, body = _plain_raw(doc), (doc.body or "").strip()
    at = raw.find(body[:40]) if raw and body else -1
    return _publisher_in(raw[:at], reg) if at > 0 else None


@functools.lru_cache(maxsize=64)
def _publisher_in(header: str, reg: Registry) -> str | None:
    for line in header.splitlines():
        for cell in line.split("|") if "|" in line else ():
            cell = cell.strip()
            hits = find_phrases(cell, reg)
            if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(cell):
                sid = hits[0].key if hits[0].kind == SOURCE else hits[0].also_source
                if sid in reg.sources:
                    return sid
    return None


def own_voice(src: Source, doc: Document, reg: Registry) -> bool:
    """Is a credited outlet the document's own? Its own correspondents and activists still
    count as sources ("a Zagros News correspondent in Kirkuk reported", EVENTS.md s.8)."""
    entry = reg.sources.get(src.id or "")
    if entry is None or any(t.key in OWN_STAFF for t in tokenize(src.name)):
        return False
    if entry.id == _publisher(doc, reg):
        return True
    outlet = (doc.outlet or "").lower()
    url = (doc.url or "").lower()
    return bool(outlet and outlet in (entry.name.lower(), entry.id.lower())) or \
        any(d in url for d in entry.domains)
