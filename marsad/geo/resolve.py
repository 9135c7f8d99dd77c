"""Choosing a place for each toponym, using the whole document.

Each candidate gets a score from what it is (population, feature: country, admin1,
curated area), how its spelling matched, and what the document says: the countries
and admin1 units its other toponyms point to (its focus), a comma context ("Paris,
Texas"), and the unit word of the phrase ("Idlib governorate" wants the admin1).
A name shared by an admin1 and its namesake town resolves to the town when the town
holds a good share of the unit's people ("Aleppo"), else to the unit ("Idlib").
Directional phrases keep the unit and move the centre towards that side.
All functions are pure.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace

from marsad.geo import normalize
from marsad.geo.gazetteer import Candidate
from marsad.geo.recognize import Toponym
from marsad.records import Place

# A capital is what its name means unless the text says otherwise ("London and Washington").
FEATURE_PRIOR = {"PCLI": 10.0, "CONT": 8.0, "PPLC": 2.0}
CURATED_PRIOR = 7.0
HOW_PRIOR = {"exact": 0.3, "key": 0.0, "skeleton": -1.0, "fuzzy": -1.5}
FOCUS_COUNTRY = 3.5
FOCUS_ADMIN1 = 1.5
CONTEXT_BONUS = 15.0
# A place inside a state or province the text names outright ("Ill.", "central Illinois").
NAMED_ADMIN1 = 3.0
NAMED_ADMIN1_SHARED = 2
# A place called by its own name, not one of its other names ('Islamabad' the capital,
# not Anantnag, also once called Islamabad).
OWN_NAME = 1.5
UNIT_BONUS = 6.0
# In a document mostly about one country, places in countries it never names lose this.
FOCUSED = 0.5
# ... and a state named like a foreign country is the state when its country leads with this.
HOME_SHARE = 0.4
FOREIGN_PENALTY = 3.0
STRAY_POPULATION = 100_000
# A town stands for its namesake admin1 unless it holds at least this share of its people.
TOWN_SHARE = 0.35
# ... and a city this big is what its name means ("Sao Paulo", "New York").
BIG_CITY = 1_000_000
# How far a direction moves a town's centre (degrees): "southern Damascus" vs "the
# eastern countryside of Hama city".
TOWN_SHIFT = 0.04
COUNTRYSIDE_SHIFT = 0.3
# How far towards a unit's edge (of its places) a direction moves its centre.
# Admin1 extents are their places' full extent; a country's is trimmed of outliers.
SIDE = 0.5
COUNTRY_SIDE = 0.75
# A near-miss spelling only counts in a country the document is about.
NEAR_MISS_FOCUS = 0.2
COMPASS = {"N": (1, 0), "S": (-1, 0), "E": (0, 1), "W": (0, -1), "NE": (1, 1), "NW": (1, -1),
           "SE": (-1, 1), "SW": (-1, -1), "C": (0, 0)}


@dataclass(frozen=True)
class Resolution:
    place: Place | None
    confidence: float
    feature: str | None


def base_score(c: Candidate) -> float:
    s = math.log10(c.population + 1)
    s += FEATURE_PRIOR.get(c.feature, 0.0)
    if c.source in ("regions", "user"):
        s = max(s, CURATED_PRIOR) + 0.5
    return s + HOW_PRIOR.get(c.how, 0.0)


def votes(cands: list[Candidate]) -> tuple[dict, dict]:
    """How strongly one toponym points at each country and admin1 (its likeliest readings)."""
    weights = _softmax([base_score(c) for c in cands])
    seen_c: dict[str, float] = {}
    seen_a: dict[tuple, float] = {}
    for c, w in zip(cands, weights):
        if c.country:
            seen_c[c.country] = max(seen_c.get(c.country, 0.0), w)
        if c.admin1_code and c.feature != "PCLI":
            seen_a[(c.country, c.admin1_code)] = max(seen_a.get((c.country, c.admin1_code), 0), w)
    return seen_c, seen_a


def focus(cands_per_toponym: list[list[Candidate]]) -> tuple[Counter, Counter]:
    """Share of the document's toponyms pointing at each country and admin1."""
    return shares([votes(cands) for cands in cands_per_toponym if cands])


def shares(voted: list[tuple[dict, dict]]) -> tuple[Counter, Counter]:
    countries: Counter = Counter()
    admins: Counter = Counter()
    for seen_c, seen_a in voted:
        countries.update(seen_c)
        admins.update(seen_a)
    total = max(1.0, len(voted))
    return (Counter({k: v / total for k, v in countries.items()}),
            Counter({k: v / total for k, v in admins.items()}))


def focus_of_others(toponyms: list[Toponym], cands_per_toponym: list[list[Candidate]]) -> list:
    """For each toponym, the focus the document gives it. A name that could be in several
    countries never vouches for its own reading: only the other names count ('Madaya' three
    times in a story about Syria is not the Madaya of Myanmar because that one is bigger).
    A name found in one country only says which country the text is about."""
    voted = [votes(cands) if cands else None for cands in cands_per_toponym]
    keys = [normalize.key(t.name) for t in toponyms]
    countries: dict[str, set] = {}
    for k, cands in zip(keys, cands_per_toponym):
        countries.setdefault(k, set()).update(c.country for c in cands)
    everyone = shares([v for v in voted if v is not None])
    per_name = {k: shares([v for v, other in zip(voted, keys) if v is not None and other != k])
                for k in set(keys) if len(countries[k]) > 1}
    return [per_name.get(k, everyone) for k in keys]


def _softmax(xs: list[float]) -> list[float]:
    m = max(xs)
    es = [math.exp(x - m) for x in xs]
    s = sum(es)
    return [e / s for e in es]


def encloses(unit: Candidate, places: list[Candidate]) -> bool:
    """Whether one of `places` lies in this admin1 or country."""
    if unit.feature == "ADM1":
        return any(p.country == unit.country and p.admin1_code == unit.admin1_code
                   and p.id != unit.id for p in places)
    if unit.feature == "PCLI":
        return any(p.country == unit.country and p.id != unit.id for p in places)
    return False


def named_admins(cands_per_toponym: list[list[Candidate]]) -> frozenset:
    """The admin1 units the document names itself: toponyms whose likeliest reading is one."""
    named = set()
    for cands in cands_per_toponym:
        best = max(cands, key=base_score, default=None)
        if best is not None and best.feature == "ADM1" and best.how == "exact":
            named.add((best.country, best.admin1_code))
    return frozenset(named)


def score(c: Candidate, top: Toponym, countries: Counter, admins: Counter,
          inner: list[Candidate] = (), named: frozenset = frozenset(),
          outer: list[Candidate] = ()) -> float:
    s = base_score(c)
    if normalize.key(c.name) == normalize.key(top.name):
        s += OWN_NAME
    # Not for a town that merely shares the unit's name ("Bahia" is also Salvador's); and
    # less when the text names many states (a national story: no state is its home).
    if c.feature != "ADM1" and (c.country, c.admin1_code) in named and \
            normalize.key(c.admin1 or "") != normalize.key(top.name):
        peers = sum(1 for cc, _ in named if cc == c.country)
        s += NAMED_ADMIN1 * min(1.0, NAMED_ADMIN1_SHARED / peers)
    if inner and encloses(c, inner):  # "Texas" after "Paris,": the state holding a Paris
        s += CONTEXT_BONUS
    if outer and any(encloses(unit, [c]) for unit in outer):  # "Hyderabad in Pakistan"
        s += CONTEXT_BONUS
    s += FOCUS_COUNTRY * countries.get(c.country, 0.0)
    s += FOCUS_ADMIN1 * admins.get((c.country, c.admin1_code), 0.0)
    if countries and max(countries.values()) >= FOCUSED and countries.get(c.country, 0.0) < 0.05:
        s -= FOREIGN_PENALTY
    if top.context:
        ck = normalize.key(top.context)
        if ck and ck in (normalize.key(c.admin1 or ""), normalize.key(c.country or "")):
            s += CONTEXT_BONUS
    if top.unit == "admin1" and c.feature == "ADM1":
        s += UNIT_BONUS
    return s


def is_literal(top: Toponym, feature: str | None) -> bool:
    """A government speaking or a modifier is no location; nor is a country or capital acting."""
    if not top.literal or top.role in ("speech", "modifier"):
        return False
    return not (top.role == "subject" and feature in ("PCLI", "PPLC"))


def prefer_unit_or_town(best: Candidate, cands: list[Candidate], top: Toponym) -> Candidate:
    """Between an admin1 and its namesake town, pick by the town's share of the unit;
    a directional phrase means the unit ("eastern Hama") unless it says city."""
    if top.unit == "admin1":
        return best
    same = [c for c in cands if c.country == best.country and c.admin1_code == best.admin1_code
            and normalize.key(c.name) == normalize.key(best.name) or c is best]
    unit = next((c for c in same if c.feature == "ADM1"), None)
    town = max((c for c in same if c.feature.startswith("PPL") or c.feature in ("PPL", "PPLC")),
               key=lambda c: c.population, default=None)
    if unit is None or town is None:
        return best
    if top.unit == "town":
        return town
    if top.direction:
        return unit
    if town.feature == "PPLC" or town.population >= BIG_CITY or \
            town.population >= TOWN_SHARE * max(unit.population, 1):
        return town
    return unit


def shifted(c: Candidate, top: Toponym) -> tuple[float, float]:
    """The centre moved towards the side a directional phrase names."""
    lat, lon = c.lat, c.lon
    if not top.direction or lat is None:
        return lat, lon
    dy, dx = COMPASS.get(top.direction, (0, 0))
    if c.bbox and c.feature in ("ADM1", "PCLI", "ADM2"):
        south, west, north, east = c.bbox
        side = COUNTRY_SIDE if c.feature == "PCLI" else SIDE
        lat += dy * ((north - lat) if dy > 0 else (lat - south)) * side
        lon += dx * ((east - lon) if dx > 0 else (lon - west)) * side
    else:
        step = COUNTRYSIDE_SHIFT if top.scale == "countryside" else TOWN_SHIFT
        lat += dy * step
        lon += dx * step
    return round(lat, 4), round(lon, 4)


def precision_of(c: Candidate, top: Toponym) -> str:
    if top.direction or top.unit == "region":
        return "region"
    if top.unit == "admin1" and c.feature == "ADM1":
        return "admin1"
    if top.unit == "district" and c.precision == "town":
        return "district"
    return c.precision


def home_unit(best: Candidate, cands: list[Candidate], countries: Counter,
              named: frozenset = frozenset()) -> Candidate:
    """'Georgia' in a document about the United States is the state, not the country: the
    state's country is the text's main one, named more than the namesake country, or the
    text names the state itself unambiguously ('FORT VALLEY, Ga.')."""
    if best.feature != "PCLI" or not countries or countries.get(best.country, 0.0) >= FOCUSED:
        return best
    own = countries.get(best.country, 0.0)
    home = [c for c in cands if c.feature == "ADM1" and countries.get(c.country, 0.0) > own
            and (countries.get(c.country, 0.0) >= HOME_SHARE or (c.country, c.admin1_code) in named)]
    return home[0] if home else best


def stray(c: Candidate, countries: Counter) -> bool:
    """A small place far from everything a focused document talks about: more likely a
    village the gazetteer lacks than this namesake abroad."""
    focused = countries and max(countries.values()) >= FOCUSED
    return bool(focused and countries.get(c.country, 0.0) < 0.05 and c.source not in
                ("regions", "user") and c.feature not in ("PCLI", "PPLC", "CONT")
                and c.population < STRAY_POPULATION)


def resolve(top: Toponym, cands: list[Candidate], countries: Counter, admins: Counter,
            inner: list[Candidate] = (), named: frozenset = frozenset(),
            outer: list[Candidate] = ()) -> Resolution:
    cands = [c for c in cands if c.how not in ("skeleton", "fuzzy") or c.source in ("regions", "user")
             or countries.get(c.country, 0.0) >= NEAR_MISS_FOCUS]
    if top.unit == "district":  # "Harris County": a county of a country the text is about
        cands = [c for c in cands if countries.get(c.country, 0.0) >= NEAR_MISS_FOCUS] or cands
    if not cands:
        return Resolution(None, 0.2, None)
    scored = sorted(((score(c, top, countries, admins, inner, named, outer), c) for c in cands),
                    key=lambda x: (-x[0], x[1].id))
    best = prefer_unit_or_town(home_unit(scored[0][1], [c for _, c in scored], countries, named),
                               [c for _, c in scored], top)
    if stray(best, countries):
        return Resolution(None, 0.2, None)
    margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 4.0
    confidence = max(0.3, min(0.95, 0.5 + 0.1 * margin))
    if best.how in ("skeleton", "fuzzy"):
        confidence *= 0.8
    lat, lon = shifted(best, top)
    region = top.direction is not None or top.unit == "region"
    name = top.text if region else best.name
    place = Place(name=name, geonameid=None if top.direction else best.geonameid,
                  lat=lat, lon=lon, admin1=best.admin1,
                  country=best.country, precision=precision_of(best, top))
    return Resolution(place, round(confidence, 3), best.feature)


def resolve_document(toponyms: list[Toponym], lookup) -> list[Resolution]:
    """Resolve a document's toponyms together; `lookup(toponym)` gives its candidates."""
    cands = [lookup(t) for t in toponyms]
    # Demonyms and countries say which countries the text is about as much as names do.
    focused = focus_of_others(toponyms, cands)
    inner = [cands[k - 1] if k and t.contains else [] for k, t in enumerate(toponyms)]
    outer = [cands[k + 1] if t.context and k + 1 < len(cands) else []
             for k, t in enumerate(toponyms)]
    # One sense per document: a bare repeat of a name means what its first mention with a
    # context meant ('PARIS, Texas' ... 'Paris, population 25,000').
    anchors: dict[str, list[Candidate]] = {}
    for k, t in enumerate(toponyms):
        name = normalize.key(t.name)
        if outer[k]:
            anchors.setdefault(name, outer[k])
        elif not (t.direction or t.unit or t.partner or t.contains) and name in anchors:
            outer[k] = anchors[name]
    named = named_admins(cands)
    out = [resolve(t, c, countries, admins, i, named, o)
           for t, c, i, o, (countries, admins) in zip(toponyms, cands, inner, outer, focused)]
    for k, t in enumerate(toponyms):
        if t.partner and out[k].place is not None:
            other = resolve(replace(t, name=t.partner, partner=None),
                            lookup(replace(t, name=t.partner, partner=None)), *focused[k])
            out[k] = between(out[k], other, t)
    return out


def between(a: Resolution, b: Resolution, top: Toponym) -> Resolution:
    """A border between two places: halfway between their centres."""
    if b.place is None or b.place.lat is None or a.place.lat is None:
        return a
    lat = round((a.place.lat + b.place.lat) / 2, 4)
    lon = round((a.place.lon + b.place.lon) / 2, 4)
    place = Place(name=top.text, geonameid=None, lat=lat, lon=lon, admin1=None,
                  country=a.place.country, precision="region")
    return Resolution(place, round(min(a.confidence, b.confidence) * 0.8, 3), a.feature)
