"""Score event records against an analyst's gold files (EVENTS.md section 10).

A gold folder holds, per document, `NAME.txt` (or `.html`/`.htm`) beside
`NAME.gold.json` (`{"doc_id", "published", "events": [event records], ...}`).
`evaluate(gold_dir, cfg)` runs the extract pipeline in-process over the documents
(models load once) and scores its events; `score_events` scores any predictions.

Matching: per document, gold and predicted events pair one to one, best pairs first.
A pair needs the same type and section and a shared actor or place; pairs rank by
how many of actor, place, recipient and date agree. Unpaired predictions are false
positives, unpaired gold events false negatives. Each pair is then checked field by
field, and it is *strict* when actor, place, date and status all agree.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

from marsad.config import Config
from marsad.errors import InputError, UsageError
from marsad.records import Actor, EventRecord, Place, Quantity, Source, event_from_dict

SOURCE_SUFFIXES = (".txt", ".html", ".htm")
GOLD_SUFFIX = ".gold.json"
PLACE_KM = 40.0
EARTH_KM = 6371.0
# admin1-or-wider places also match when they share their admin1
WIDE_PRECISIONS = {"admin1", "region", "country"}
# words too common in names to show two names are the same
NAME_FILLER = {"the", "of", "and", "al", "el"}
STRICT_FIELDS = ("actor", "place", "date", "status")


@dataclass(frozen=True)
class GoldDocument:
    doc_id: str
    source: Path
    published: str | None
    events: tuple[EventRecord, ...]


@dataclass
class DocumentCount:
    doc: str
    gold: int
    pred: int
    matched: int


@dataclass
class PairOutcome:
    """One gold event and the prediction paired with it, or an unpaired event of either
    side; `disagree` lists the fields the pair gets wrong."""
    doc: str
    gold: str | None          # gold event_id, or "#N" (its position) when it has none
    pred: str | None
    type: str | None
    strict: bool
    disagree: list[str] = field(default_factory=list)


@dataclass
class EventScores:
    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int
    strict_precision: float
    strict_recall: float
    strict_f1: float
    field_accuracy: dict[str, float]
    matched_by_type: dict[str, int]
    docs: list[DocumentCount] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    pairs: list[PairOutcome] = field(default_factory=list)


# ---------------------------------------------------------------- reading gold and predictions

_TEXT_FIELDS = ("doc_id", "event_id", "type", "mode", "section", "date", "date_text", "status")
_OBJECT_FIELDS = {"actor": ("id", "name", "kind"), "recipient": ("id", "name", "kind"),
                  "location": "place", "origin": "place", "destination": "place"}
_PLACE_TEXT = ("name", "admin1", "country", "precision")
_PLACE_NUMBERS = ("lat", "lon")


def _text(value) -> str | None:
    if isinstance(value, str):
        return value
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _number(value) -> float | int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return None          # booleans, text, NaN
    return value


def _clean(data: dict) -> dict:
    """The record with every field of the type the rules read: hand-written gold and
    other tools' output may hold anything, and scoring must not fail on it."""
    out = dict(data)
    for key in _TEXT_FIELDS:
        out[key] = _text(data.get(key))
    for key, fields in _OBJECT_FIELDS.items():
        obj = data.get(key)
        if not isinstance(obj, dict):
            out[key] = None
        elif fields == "place":
            out[key] = {**{k: _text(obj.get(k)) for k in _PLACE_TEXT},
                        **{k: _number(obj.get(k)) for k in _PLACE_NUMBERS}, "geonameid": _number(obj.get("geonameid"))}
        else:
            out[key] = {k: _text(obj.get(k)) for k in fields}
    out["quantities"] = [{"value": _number(q.get("value")), "low": _number(q.get("low")),
                          "high": _number(q.get("high")), "unit": _text(q.get("unit")),
                          "approx": bool(q.get("approx")), "text": _text(q.get("text"))}
                         for q in _objects(data.get("quantities"))]
    out["sources"] = [{"name": _text(x.get("name")), "id": _text(x.get("id")), "leaning": _text(x.get("leaning"))}
                      for x in _objects(data.get("sources"))]
    out["evidence"] = [x for x in _objects(data.get("evidence"))]
    out["acled"] = data.get("acled") if isinstance(data.get("acled"), dict) else None
    return out


def _objects(value) -> list[dict]:
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _gold_event(data: dict) -> EventRecord:
    event = event_from_dict(_clean(data))
    event.section = event.section or "article"
    event.status = event.status or "occurred"
    # an empty object ({}) in a record means the field is absent
    for name in ("actor", "recipient", "location", "origin", "destination"):
        value = getattr(event, name)
        if value is not None and not any(vars(value).values()):
            setattr(event, name, None)
    return event


def load_gold(gold_dir: str | Path) -> list[GoldDocument]:
    """The gold documents of a folder, sorted by name."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder of gold files")
    docs = []
    for gold_path in sorted(folder.glob("*" + GOLD_SUFFIX)):
        stem = gold_path.name[:-len(GOLD_SUFFIX)]
        source = next((folder / (stem + s) for s in SOURCE_SUFFIXES if (folder / (stem + s)).exists()), None)
        if source is None:
            raise UsageError(f"{gold_path}: no {'/'.join(SOURCE_SUFFIXES)} document beside it")
        try:
            data = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise UsageError(f"{gold_path}: cannot read gold file: {e}") from e
        events = data.get("events", []) if isinstance(data, dict) else None
        if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
            raise UsageError(f"{gold_path}: not a gold file (an object whose \"events\" is a list of event records)")
        docs.append(GoldDocument(stem, source, _text(data.get("published")), tuple(_gold_event(e) for e in events)))
    if not docs:
        raise UsageError(f"{folder}: no *{GOLD_SUFFIX} files")
    return docs


def read_predictions(lines: Iterable[str]) -> tuple[dict[str, list[EventRecord]], list[str]]:
    """Event records from JSON Lines, by doc_id, and a note for each line that is none."""
    by_doc: dict[str, list[EventRecord]] = {}
    errors = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                raise ValueError("not an object")
            event = _gold_event(data)
        except (ValueError, TypeError, AttributeError) as e:
            errors.append(f"line {n}: not an event record ({e})")
            continue
        by_doc.setdefault(str(event.doc_id), []).append(event)
    return by_doc, errors


def predict(golds: list[GoldDocument], cfg: Config,
            published: str | None = None) -> tuple[dict[str, list[EventRecord]], list[str]]:
    """Run the extract pipeline over the gold documents, grouped by publication date."""
    # imported here: scoring saved predictions needs no pipeline (ingest takes ~0.4 s to import)
    from marsad.ingest.sources import iter_inputs
    from marsad.pipeline import Pipeline

    pipeline = Pipeline.for_command("extract", cfg)
    by_date: dict[str | None, list[str]] = {}
    for g in golds:
        by_date.setdefault(published or g.published, []).append(str(g.source))
    events: dict[str, list[EventRecord]] = {}
    errors: list[str] = []

    def failed(err: InputError) -> None:
        errors.append(str(err))

    for day, sources in by_date.items():
        for doc in pipeline.process(iter_inputs(sources, cfg), published=day, on_error=failed):
            events.setdefault(doc.doc_id, []).extend(doc.events)
    return events, errors


# ---------------------------------------------------------------- matching rules

def _tokens(name: str | None) -> set[str]:
    return set(re.findall(r"[^\W_]+", (name or "").casefold())) - NAME_FILLER


def names_match(a: str | None, b: str | None) -> bool:
    """Case-folded token overlap of at least half of the shorter name."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    return 2 * len(ta & tb) >= min(len(ta), len(tb))


def actors_match(gold: Actor | None, pred: Actor | None) -> bool:
    if gold is None or pred is None:
        return False
    if gold.id and pred.id:
        return gold.id == pred.id
    return names_match(gold.name, pred.name)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def places_match(gold: Place | None, pred: Place | None) -> bool:
    """Within 40 km; or both admin1-or-wider in the same admin1; or, for a gold place
    without coordinates, by name."""
    if gold is None or pred is None:
        return False
    coords = (gold.lat, gold.lon, pred.lat, pred.lon)
    if None not in coords and distance_km(*coords) <= PLACE_KM:
        return True
    if gold.precision in WIDE_PRECISIONS and pred.precision in WIDE_PRECISIONS and gold.admin1 \
            and gold.admin1.casefold() == (pred.admin1 or "").casefold():
        return True
    return gold.lat is None and names_match(gold.name, pred.name)


def _places(event: EventRecord) -> list[Place]:
    return [p for p in (event.location, event.origin, event.destination) if p]


def any_place_matches(gold: EventRecord, pred: EventRecord) -> bool:
    return any(places_match(g, p) for g in _places(gold) for p in _places(pred))


def dates_match(gold: str | None, pred: str | None) -> bool:
    """At the gold precision; a gold day allows one day either side."""
    if not gold:
        return not pred
    if not pred:
        return False
    if len(gold) == 10 and len(pred) >= 10:
        try:
            return abs((date.fromisoformat(gold) - date.fromisoformat(pred[:10])).days) <= 1
        except ValueError:
            return False
    return pred.startswith(gold)


def _in_range(gold: Quantity, pred: Quantity) -> bool:
    low = gold.value if gold.low is None else gold.low
    high = gold.value if gold.high is None else gold.high
    value = pred.value
    if low is None or high is None or not isinstance(value, (int, float)):
        return False
    return pred.unit == gold.unit and low <= value <= high


def quantities_match(gold: list[Quantity], pred: list[Quantity]) -> bool:
    """Every gold amount has a predicted one of its unit within its range."""
    if not gold:
        return not pred
    return all(any(_in_range(g, p) for p in pred) for g in gold)


def _same_source(gold: Source, pred: Source) -> bool:
    return bool(gold.id and gold.id == pred.id) or names_match(gold.name, pred.name)


def sources_match(gold: list[Source], pred: list[Source]) -> bool:
    if not gold:
        return not pred
    return all(any(_same_source(g, p) for p in pred) for g in gold)


def _both_absent(a, b) -> bool:
    return not a and not b


FIELD_RULES: dict[str, Callable[[EventRecord, EventRecord], bool]] = {
    "mode": lambda g, p: (g.mode or None) == (p.mode or None),
    "actor": lambda g, p: actors_match(g.actor, p.actor) or _both_absent(g.actor, p.actor),
    "recipient": lambda g, p: actors_match(g.recipient, p.recipient) or _both_absent(g.recipient, p.recipient),
    "place": lambda g, p: any_place_matches(g, p) or _both_absent(_places(g), _places(p)),
    "origin": lambda g, p: places_match(g.origin, p.origin) or _both_absent(g.origin, p.origin),
    "destination": lambda g, p: places_match(g.destination, p.destination)
    or _both_absent(g.destination, p.destination),
    "date": lambda g, p: dates_match(g.date, p.date),
    "quantities": lambda g, p: quantities_match(g.quantities or [], p.quantities or []),
    "status": lambda g, p: (g.status or "occurred") == (p.status or "occurred"),
    "sources": lambda g, p: sources_match(g.sources or [], p.sources or []),
}


def pair_strength(gold: EventRecord, pred: EventRecord) -> int:
    """0 when the two cannot pair; else higher for closer pairs."""
    if gold.type != pred.type or (gold.section or "article") != (pred.section or "article"):
        return 0
    actor = actors_match(gold.actor, pred.actor)
    place = any_place_matches(gold, pred)
    if not (actor or place):
        return 0
    return 1 + actor + place + actors_match(gold.recipient, pred.recipient) + dates_match(gold.date, pred.date)


def pair_events(gold: list[EventRecord], pred: list[EventRecord]) -> list[tuple[EventRecord, EventRecord]]:
    """One-to-one pairs, strongest first; ties go to the earlier gold, then earlier prediction."""
    ranked = sorted((-s, i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)
                    if (s := pair_strength(g, p)))
    used_gold, used_pred, pairs = set(), set(), []
    for _, i, j in ranked:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((gold[i], pred[j]))
    return pairs


def field_agreement(gold: EventRecord, pred: EventRecord) -> dict[str, bool]:
    return {name: bool(rule(gold, pred)) for name, rule in FIELD_RULES.items()}


# ---------------------------------------------------------------- scores

def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


def score_events(golds: list[GoldDocument], predictions: dict[str, list[EventRecord]],
                 errors: list[str] | None = None) -> EventScores:
    tp = fp = fn = strict = 0
    hits = dict.fromkeys(FIELD_RULES, 0)
    by_type: dict[str, int] = {}
    rows, outcomes = [], []
    for g in golds:
        gold, pred = list(g.events), predictions.get(g.doc_id, [])
        pairs = pair_events(gold, pred)
        tp += len(pairs)
        fp += len(pred) - len(pairs)
        fn += len(gold) - len(pairs)
        for ge, pe in pairs:
            by_type[ge.type] = by_type.get(ge.type, 0) + 1
            agree = field_agreement(ge, pe)
            for name, ok in agree.items():
                hits[name] += ok
            is_strict = all(agree[f] for f in STRICT_FIELDS)
            strict += is_strict
            outcomes.append(PairOutcome(g.doc_id, _event_name(ge, gold), _event_name(pe, pred), ge.type, is_strict,
                                        [name for name, ok in agree.items() if not ok]))
        outcomes += _unpaired(g.doc_id, gold, pred, pairs)
        rows.append(DocumentCount(g.doc_id, len(gold), len(pred), len(pairs)))
    p, r, f = prf(tp, fp, fn)
    sp, sr, sf = prf(strict, tp + fp - strict, tp + fn - strict)
    accuracy = {name: round(n / tp, 3) if tp else 0.0 for name, n in hits.items()}
    return EventScores(p, r, f, tp, fp, fn, sp, sr, sf, accuracy, by_type, rows, list(errors or []), outcomes)


def _event_name(event: EventRecord, events: list[EventRecord]) -> str:
    return event.event_id or f"#{next(i for i, e in enumerate(events) if e is event) + 1}"


def _unpaired(doc: str, gold: list[EventRecord], pred: list[EventRecord],
              pairs: list[tuple[EventRecord, EventRecord]]) -> list[PairOutcome]:
    paired = {id(e) for pair in pairs for e in pair}
    return [PairOutcome(doc, _event_name(e, gold), None, e.type, False) for e in gold if id(e) not in paired] + \
        [PairOutcome(doc, None, _event_name(e, pred), e.type, False) for e in pred if id(e) not in paired]


def evaluate(gold_dir: str | Path, cfg: Config, published: str | None = None,
             predictions_file: str | Path | None = None) -> EventScores:
    """Score `marsad extract` (or saved predictions) against a folder of gold files."""
    golds = load_gold(gold_dir)
    if predictions_file is not None:
        try:
            text = Path(predictions_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise UsageError(f"{predictions_file}: cannot read predictions: {e}") from e
        predictions, errors = read_predictions(text.splitlines())
    else:
        predictions, errors = predict(golds, cfg, published)
    return score_events(golds, predictions, errors)
