"""The actor and source registries, and the pure rules that turn a phrase into an actor.

Vocabulary lives in `marsad/data/` (`actors.tsv`, `sources.tsv`, `actor_generic.tsv`,
`actor_countries.tsv`); a user extends it with files of the same name in `data.user_dir`
and with one more actor file named by `actors.user_file`. Matching is done here, once,
on a word-token stream shared by the actors stage, `resolve_actor` and attribution:
aliases match case-insensitively, hyphens and curly quotes are ignored ("al-Nusra" =
"al Nusra", "Hay’at" = "Hay'at"), and short acronyms that are also English words ("IS",
"US") match only with their exact case and outside all-caps headlines.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from marsad.data import load_tsv, read_tsv

WORD = re.compile(r"[^\W_]+|[^\w\s-]")
QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
# Hits are tried longest first; at equal length a named actor beats a place standing for one,
# which beats a generic head ("government forces").
ACTOR, SOURCE, METONYM, GENERIC = "actor", "source", "metonym", "generic"
PRIORITY = {ACTOR: 0, SOURCE: 1, METONYM: 2, GENERIC: 3}
STATE_KINDS = ("government", "state_forces")
# A headline or shouted line: most of its words in capitals; "IS" there may be the verb.
CAPS_SHARE = 0.6


@dataclass(frozen=True)
class ActorEntry:
    id: str
    name: str
    kind: str
    side: str
    country: str


@dataclass(frozen=True)
class SourceEntry:
    id: str
    name: str
    leaning: str
    domains: tuple[str, ...]
    country: str = ""       # ISO code of the country it is based in or speaks for
    type: str = ""          # agency, newspaper, broadcaster, online, monitor, ngo, blog, official


@dataclass(frozen=True)
class GenericHead:
    role: str       # state, rebels, kurds, coalition, jihadist, militants, armed
    kind: str
    bare: bool      # may stand without a demonym


@dataclass(frozen=True)
class Country:
    code: str
    roles: dict[str, str]   # role -> actor id ("" when the role has no id there)
    weight: float = 1.0     # how much one cue counts towards the focus country


class Token(NamedTuple):
    """A word token (a tuple: built for every word of every text the registry reads)."""
    start: int
    end: int
    text: str       # as written, quotes normalised
    key: str        # lowercased


@dataclass(frozen=True)
class Hit:
    """A registry phrase found in a text: `kind` says which table, `key` the id or role."""
    start: int
    end: int
    text: str
    kind: str
    key: str
    country: str | None = None      # demonym or country named just before a generic head
    also_source: str | None = None  # the source id when the same words name a source
    bare: bool = True               # False: a generic head that needs a modifier ("fighters")


@dataclass(frozen=True)
class ActorContext:
    """What a story tells about its generic actors, found by `document_context`: the focus
    country ("SY"), the jihadist group it is mostly about ("ISIS"), and whether that group
    is named more often than the rebels (then "the militants", "fighters" are that group)."""
    focus: str | None = None
    dominant_jihadist: str | None = None
    jihadists_lead: bool = True


@dataclass(frozen=True, eq=False)     # hashed by identity: phrase lookups are cached per registry
class Registry:
    actors: dict[str, ActorEntry]
    sources: dict[str, SourceEntry]
    countries: dict[str, Country]
    # phrase key (space-joined lowercase tokens, or exact tokens for cased entries) -> value
    actor_aliases: dict[str, str] = field(default_factory=dict)
    actor_cased: dict[str, str] = field(default_factory=dict)
    metonyms: dict[str, str] = field(default_factory=dict)
    metonyms_cased: dict[str, str] = field(default_factory=dict)
    source_aliases: dict[str, str] = field(default_factory=dict)
    source_cased: dict[str, str] = field(default_factory=dict)
    generic: dict[str, GenericHead] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)      # key -> country code
    country_names: dict[str, str] = field(default_factory=dict)  # key -> country code
    max_len: int = 1
    # every leading part of a phrase key ("free", "free syrian", "free syrian army"), so that
    # `find_phrases` stops growing a span as soon as no phrase can start with it
    prefixes: frozenset[str] = frozenset()
    prefixes_cased: frozenset[str] = frozenset()
    country_prefixes: frozenset[str] = frozenset()      # of country names and demonyms, any case

    def actor(self, actor_id: str | None) -> ActorEntry | None:
        return self.actors.get(actor_id) if actor_id else None


# ---------------------------------------------------------------- tokens and keys

def tokenize(text: str) -> list[Token]:
    """Word tokens with character offsets; hyphens are dropped so that they never matter."""
    out = []
    for m in WORD.finditer(text):
        word = m.group().translate(QUOTES)
        out.append(Token(m.start(), m.end(), word, word.lower()))
    return out


def phrase_key(text: str, cased: bool = False) -> str:
    return " ".join(t.text if cased else t.key for t in tokenize(text))


def _split(cell: str) -> list[str]:
    return [a.strip() for a in (cell or "").split("|") if a.strip()]


# ---------------------------------------------------------------- loading

def _rows(name: str, user_dir: str | None, extra: str | None = None) -> list[dict[str, str]]:
    rows = list(load_tsv(name, user_dir))
    if extra and Path(extra).is_file():
        rows += read_tsv(Path(extra))
    return rows


def build_registry(user_dir: str | None = None, user_file: str | None = None) -> Registry:
    """The registry of the shipped tables plus a user's; one object per (user_dir, user_file)
    however it is asked for, so that lookups remembered per registry are shared."""
    return _build_registry(user_dir or None, user_file or None)


@functools.lru_cache(maxsize=8)
def _build_registry(user_dir: str | None, user_file: str | None) -> Registry:
    reg = Registry(actors={}, sources={}, countries={})
    longest = 1

    def add(table: dict, alias: str, value, cased: bool) -> None:
        nonlocal longest
        key = phrase_key(alias, cased)
        if key:
            table.setdefault(key, value)
            longest = max(longest, key.count(" ") + 1)

    for row in _rows("actors.tsv", user_dir, user_file):
        aid = row.get("id", "")
        if not aid:
            continue
        reg.actors[aid] = ActorEntry(aid, row.get("name") or aid, row.get("kind") or "other",
                                     row.get("side") or "unknown", row.get("country", ""))
        metonyms = _split(row.get("metonyms", ""))
        # A name that is also a place ("Turkey") counts only where it acts, like a metonym;
        # one that is a cased acronym keeps its case.
        exact_only = metonyms + _split(row.get("cased", ""))
        names = [] if row.get("name", "") in exact_only else [row.get("name", "")]
        for alias in names + _split(row.get("aliases", "")):
            add(reg.actor_aliases, alias, aid, False)
        for alias in _split(row.get("cased", "")):
            add(reg.actor_cased, alias, aid, True)
        for alias in metonyms:
            cased = alias.isupper() and len(alias) <= 3
            add(reg.metonyms_cased if cased else reg.metonyms, alias, aid, cased)
    for row in _rows("sources.tsv", user_dir):
        sid = row.get("id", "")
        if not sid:
            continue
        reg.sources[sid] = SourceEntry(sid, row.get("name") or sid, row.get("leaning") or "unknown",
                                       tuple(_split(row.get("domains", ""))), row.get("country") or "",
                                       row.get("type") or "")
        # A name also listed as cased ("SANA", "RT") matches only with its case: "Sana'a" is a city.
        names = [] if row.get("name", "") in _split(row.get("cased", "")) else [row.get("name", "")]
        for alias in names + _split(row.get("aliases", "")):
            add(reg.source_aliases, alias, sid, False)
        for alias in _split(row.get("cased", "")):
            add(reg.source_cased, alias, sid, True)
    for row in _rows("actor_generic.tsv", user_dir):
        add(reg.generic, row["phrase"], GenericHead(row["role"], row.get("kind") or "other",
                                                    row.get("bare", "no") == "yes"), False)
    for row in _rows("actor_countries.tsv", user_dir):
        code = row["code"]
        reg.countries[code] = Country(code, {r: row.get(r, "") for r in
                                             ("state", "rebels", "kurds", "coalition")},
                                      _number(row.get("weight"), 1.0))
        for name in _split(row.get("names", "")):
            add(reg.country_names, name, code, False)
        for dem in _split(row.get("demonyms", "")):
            add(reg.demonyms, dem, code, dem.isupper())
    cased = (reg.actor_cased, reg.source_cased, reg.metonyms_cased)
    plain = (reg.actor_aliases, reg.source_aliases, reg.metonyms, reg.generic)
    return Registry(**{**reg.__dict__, "max_len": longest,
                       "prefixes": _prefixes(k for t in plain for k in t),
                       "prefixes_cased": _prefixes(k for t in cased for k in t),
                       "country_prefixes": _prefixes([*reg.country_names, *reg.demonyms])})


def _prefixes(keys) -> frozenset[str]:
    out = set()
    for key in keys:
        words = key.split(" ")
        out.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
    return frozenset(out)


def _number(cell: str | None, default: float) -> float:
    try:
        return float(cell) if cell else default
    except ValueError:
        return default


def load_registry(cfg=None) -> Registry:
    """The registry for a config: shipped tables plus the user's (`data.user_dir`, `actors.user_file`)."""
    if cfg is None:
        return build_registry()
    return build_registry(cfg.get("data.user_dir"), cfg.get("actors.user_file"))


# ---------------------------------------------------------------- finding phrases

def _shouted(text: str, start: int) -> bool:
    """Is the line holding `start` mostly capitals (a headline where "IS" is a verb)?"""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    words = re.findall(r"[A-Za-z]{2,}", text[lo:hi if hi >= 0 else len(text)])
    return len(words) >= 3 and sum(w.isupper() for w in words) / len(words) >= CAPS_SHARE


def _lookup(reg: Registry, toks: list[Token]) -> list[tuple[str, object, bool]]:
    """(table kind, value, matched with case) for each table holding these tokens."""
    lower = " ".join(t.key for t in toks)
    exact = " ".join(t.text for t in toks)
    tables = ((ACTOR, reg.actor_aliases, False), (ACTOR, reg.actor_cased, True),
              (SOURCE, reg.source_aliases, False), (SOURCE, reg.source_cased, True),
              (METONYM, reg.metonyms, False), (METONYM, reg.metonyms_cased, True),
              (GENERIC, reg.generic, False))
    return [(kind, table[exact if cased else lower], cased) for kind, table, cased in tables
            if (exact if cased else lower) in table]


def _country_before(reg: Registry, toks: list[Token], i: int) -> tuple[str | None, int]:
    """A demonym ("Iraqi", "U.S.") or a possessive country ("Turkey's") just before token i."""
    for n in range(1, 5):
        if i - n < 0:
            break
        words = toks[i - n:i]
        code = reg.demonyms.get(" ".join(t.key for t in words)) or \
            reg.demonyms.get(" ".join(t.text for t in words))
        if code:
            return code, i - n
    if i >= 3 and toks[i - 1].key == "s" and toks[i - 2].key == "'" and toks[i - 3].key in reg.country_names:
        return reg.country_names[toks[i - 3].key], i - 3
    return None, i


def find_phrases(text: str, reg: Registry) -> list[Hit]:
    """Every registry phrase in `text`, leftmost-longest, without overlaps."""
    return list(_find_phrases(text, reg))


@functools.lru_cache(maxsize=4096)
def _find_phrases(text: str, reg: Registry) -> tuple[Hit, ...]:
    # Remembered: the actors stage, attribution and the event rules ask about the same
    # segments and sentences many times.
    toks = tokenize(text)
    cands: list[tuple[int, int, int, int, Hit]] = []
    for i in range(len(toks)):
        for n in reversed(_span_lengths(toks, i, reg.max_len, reg.prefixes, reg.prefixes_cased)):
            span = toks[i:i + n]
            for kind, value, cased in _lookup(reg, span):
                if cased and _shouted(text, span[0].start):
                    continue
                start_i, country = i, None
                if kind == GENERIC:
                    country, start_i = _country_before(reg, toks, i)
                    bare = country is not None or value.bare
                    value = value.role
                else:
                    bare = True
                cands.append((-(i + n - start_i), PRIORITY[kind], start_i, i + n,
                              Hit(toks[start_i].start, toks[i + n - 1].end,
                                  text[toks[start_i].start:toks[i + n - 1].end], kind, value, country,
                                  bare=bare)))
    cands.sort(key=lambda c: (c[0], c[1], c[2]))
    taken: set[int] = set()
    hits = []
    for _, _, lo, hi, hit in cands:
        if taken.isdisjoint(range(lo, hi)):
            taken.update(range(lo, hi))
            hits.append(hit)
    merged = _merge_heads(sorted(hits, key=lambda h: h.start), text)
    return tuple(_mark_source(h, reg) for h in merged if h.bare)


def _span_lengths(toks: list[Token], i: int, limit: int, prefixes: frozenset[str],
                  prefixes_cased: frozenset[str]) -> list[int]:
    """The token counts n (up to `limit`) for which toks[i:i+n] may be a phrase: the span
    grows while its words still begin some phrase, lowercased or as written."""
    out: list[int] = []
    lower = exact = ""
    for n in range(1, min(limit, len(toks) - i) + 1):
        tok = toks[i + n - 1]
        lower = tok.key if n == 1 else f"{lower} {tok.key}"
        exact = tok.text if n == 1 else f"{exact} {tok.text}"
        if lower not in prefixes and exact not in prefixes_cased:
            break
        out.append(n)
    return out


def _merge_heads(hits: list[Hit], text: str) -> list[Hit]:
    """A named actor directly before a generic head names it: "regime troops", "Hezbollah
    fighters", "Haftar's troops"."""
    out: list[Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        between = text[prev.end:hit.start].translate(QUOTES).strip(" -\u2011") if prev else ""
        if prev and hit.kind == GENERIC and prev.kind in (ACTOR, METONYM) and between in ("", "'s", "'"):
            out[-1] = Hit(prev.start, hit.end, text[prev.start:hit.end], prev.kind, prev.key)
        else:
            out.append(hit)
    return out


def _mark_source(hit: Hit, reg: Registry) -> Hit:
    if hit.kind != ACTOR:
        return hit
    sid = reg.source_aliases.get(phrase_key(hit.text)) or reg.source_cased.get(phrase_key(hit.text, True))
    return Hit(**{**hit.__dict__, "also_source": sid}) if sid else hit


# ---------------------------------------------------------------- resolving

@functools.lru_cache(maxsize=256)
def focus_country(text: str, reg: Registry) -> str | None:
    """The country a story is mostly about, from its country names, demonyms and cities,
    each weighted by its country's `weight` (the wars Marsad covers weigh more)."""
    counts: dict[str, float] = {}
    toks = tokenize(text)
    longest = max((k.count(" ") + 1 for k in reg.country_names), default=1)
    i = 0
    while i < len(toks):
        for n in reversed(_span_lengths(toks, i, longest, reg.country_prefixes, reg.country_prefixes)):
            key = " ".join(t.key for t in toks[i:i + n])
            code = reg.country_names.get(key) or reg.demonyms.get(key) or \
                reg.demonyms.get(" ".join(t.text for t in toks[i:i + n]))
            if code:
                counts[code] = counts.get(code, 0) + _weight(reg, code)
                i += n - 1
                break
        i += 1
    # On a tie the heavier country (a war Marsad covers) wins.
    return max(counts, key=lambda c: (counts[c], _weight(reg, c))) if counts else None


def _weight(reg: Registry, code: str) -> float:
    return reg.countries[code].weight if code in reg.countries else 1.0


def dominant_jihadist(hits: list[Hit], reg: Registry) -> str | None:
    """The jihadist group named most often by name (first named wins a tie)."""
    counts: dict[str, int] = {}
    for h in hits:
        entry = reg.actor(h.key) if h.kind == ACTOR else None
        if entry and entry.side == "jihadist":
            counts[entry.id] = counts.get(entry.id, 0) + 1
    return max(counts, key=lambda a: counts[a]) if counts else None


def story_context(text: str, hits: list[Hit], reg: Registry) -> ActorContext:
    """The context of a story from its text and the registry phrases found in it."""
    jihadist = dominant_jihadist(hits, reg)
    named = [reg.actor(h.key) for h in hits if h.kind == ACTOR]
    jihadists = sum(1 for a in named if a and a.side == "jihadist")
    rebels = sum(1 for a in named if a and a.kind == "armed_group" and a.side == "opposition") + \
        sum(1 for h in hits if h.kind == GENERIC and h.key == "rebels")
    return ActorContext(focus_country(text, reg), jihadist, jihadists >= rebels)


def _role_id(reg: Registry, role: str, country: str | None, ctx: ActorContext) -> str | None:
    if role == "jihadist":
        return ctx.dominant_jihadist
    if role == "militants":
        lead = ctx.dominant_jihadist if ctx.jihadists_lead else None
        return lead or _role_id(reg, "rebels", country, ctx)
    c = reg.countries.get(country or "")
    return (c.roles.get(role) or None) if c else None


def _military(text: str, reg: Registry) -> bool:
    return any(g.kind == "state_forces" and g.role == "state"
               for g in (reg.generic.get(t.key) for t in tokenize(text)) if g)


def hit_actor(hit: Hit, reg: Registry, ctx: ActorContext) -> tuple[str | None, str | None, str]:
    """(id, kind, name) for a found phrase, the name being the words as written."""
    if hit.kind == SOURCE:
        return hit.key, "media", hit.text
    if hit.kind == GENERIC:
        actor_id = _role_id(reg, hit.key, hit.country or ctx.focus, ctx)
        entry = reg.actor(actor_id)
        kind = _generic_kind(hit, reg) if entry is None else _actor_kind(entry, hit.text, reg, ctx)
        return actor_id, kind, hit.text
    entry = reg.actor(hit.key)
    return hit.key, _actor_kind(entry, hit.text, reg, ctx) if entry else None, hit.text


def _generic_kind(hit: Hit, reg: Registry) -> str:
    words = tokenize(hit.text)
    for n in range(len(words), 0, -1):
        head = reg.generic.get(" ".join(t.key for t in words[-n:]))
        if head:
            return head.kind
    return "other"


def _actor_kind(entry: ActorEntry, text: str, reg: Registry, ctx: ActorContext) -> str:
    kind = entry.kind
    if kind == "government" and _military(text, reg):
        kind = "state_forces"
    if kind in STATE_KINDS and entry.side == "government" and entry.country and ctx.focus \
            and entry.country != ctx.focus and entry.id in {c.roles["state"] for c in reg.countries.values()}:
        kind = "foreign_state"
    return kind


def resolve_actor(span_text: str, ctx: ActorContext | None = None,
                  reg: Registry | None = None) -> tuple[str | None, str | None, str]:
    """(id, kind, name) of the actor a phrase names, or (None, None, phrase) if none.

    >>> resolve_actor("Iraqi troops")[0]
    'IRQ_GOV'
    The first actor phrase in the span decides ("ISIS fighters besieged in Hama" -> ISIS);
    generic heads ("the rebels", "government forces") use the context's focus country.
    """
    reg = reg or build_registry()
    ctx = ctx or ActorContext()
    name = span_text.strip()
    for hit in find_phrases(span_text, reg):
        if hit.kind == SOURCE:
            continue
        actor_id, kind, _ = hit_actor(hit, reg, ctx)
        if actor_id or hit.kind == GENERIC:
            return actor_id, kind, name
    return None, None, name
