"""Validate gold files against the output contract (shared/spec/EVENTS.md, sections 2-8).

    python tests/corpus/check.py [GOLD_DIR ...]     # default: this folder; exit 1 on a problem

Checks, for every NAME.gold.json: the source NAME.txt/.html beside it; the document keys;
comment threads (ids, parents, depths); every place mention's offsets (`body[start:end]`
or the comment's text equals `text`); every event's fields, types and modes from
`marsad.records`, actor and source ids known to `marsad/data`, evidence that is a verbatim
substring of the body or of a comment, and the incident/story labels scoring needs.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from marsad import data
from marsad.records import (ACTOR_KINDS, EVENT_TYPES, MODES, PRECISIONS, QUANTITY_UNITS,
                            SECTIONS, STATUSES)

ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
LEANINGS = ("government", "opposition", "independent", "jihadist", "kurdish", "foreign_state", "unknown")
DOC_KEYS = ("doc_id", "published", "body", "comments", "places", "events")
EVENT_KEYS = ("doc_id", "event_id", "type", "mode", "section", "actor", "recipient", "location",
              "origin", "destination", "date", "date_text", "quantities", "fatalities", "status",
              "sources", "confirmed", "evidence", "confidence", "acled", "incident", "story")
PLACE_KEYS = ("geonameid", "lat", "lon", "admin1", "country", "precision")


def known_ids() -> tuple[set[str], set[str]]:
    """Canonical actor ids and source ids, from Marsad's own data files."""
    actors = {row["id"] for row in data.load_tsv("actors.tsv")}
    sources = {row["id"] for row in data.load_tsv("sources.tsv")}
    return actors, sources


def check_place(p: object, where: str) -> list[str]:
    """A place object: the keys of section 3 with coordinates in range."""
    if not isinstance(p, dict):
        return [f"{where}: not an object"]
    errs = [f"{where}: missing {k}" for k in PLACE_KEYS if k not in p]
    lat, lon = p.get("lat"), p.get("lon")
    if (lat is None) != (lon is None):
        errs.append(f"{where}: lat and lon must both be set or both null")
    elif lat is not None and not (isinstance(lat, (int, float)) and isinstance(lon, (int, float))
                                  and -90 <= lat <= 90 and -180 <= lon <= 180):
        errs.append(f"{where}: lat/lon out of range: {lat}, {lon}")
    if p.get("precision") not in PRECISIONS:
        errs.append(f"{where}: precision {p.get('precision')!r}")
    if p.get("country") is not None and not re.fullmatch(r"[A-Z]{2}", str(p.get("country"))):
        errs.append(f"{where}: country {p.get('country')!r} is not an ISO code")
    if p.get("geonameid") is not None and not isinstance(p.get("geonameid"), int):
        errs.append(f"{where}: geonameid must be an integer or null")
    return errs


def check_actor(a: object, where: str, actor_ids: set[str]) -> list[str]:
    if a is None:
        return []
    if not isinstance(a, dict) or not {"id", "name", "kind"} <= set(a):
        return [f"{where}: needs id, name, kind"]
    errs = []
    if a["id"] is not None and a["id"] not in actor_ids:
        errs.append(f"{where}: unknown actor id {a['id']!r}")
    if a["id"] is None and not (isinstance(a["name"], str) and a["name"].strip()):
        errs.append(f"{where}: an actor without id needs its surface name")
    if a["kind"] not in ACTOR_KINDS:
        errs.append(f"{where}: kind {a['kind']!r}")
    return errs


def check_quantity(q: object, where: str) -> list[str]:
    if not isinstance(q, dict):
        return [f"{where}: not an object"]
    errs = []
    if q.get("unit") not in QUANTITY_UNITS:
        errs.append(f"{where}: unit {q.get('unit')!r}")
    value, low, high = q.get("value"), q.get("low"), q.get("high")
    if not isinstance(value, (int, float)):
        errs.append(f"{where}: value must be a number")
    elif (low is None) != (high is None):
        errs.append(f"{where}: low and high go together")
    elif low is not None and not low <= value <= high:
        errs.append(f"{where}: value {value} outside {low}-{high}")
    if not isinstance(q.get("approx"), bool):
        errs.append(f"{where}: approx must be true or false")
    if not (isinstance(q.get("text"), str) and q["text"]):
        errs.append(f"{where}: text missing")
    return errs


def check_event(e: dict, where: str, gold: dict, actor_ids: set[str], source_ids: set[str]) -> list[str]:
    errs = [f"{where}: missing {k}" for k in EVENT_KEYS if k not in e]
    if errs:
        return errs
    if e["doc_id"] != gold["doc_id"]:
        errs.append(f"{where}: doc_id {e['doc_id']!r}")
    if e["type"] not in EVENT_TYPES:
        errs.append(f"{where}: type {e['type']!r}")
    allowed = MODES.get(e["type"], ())
    if (e["mode"] is None and allowed) or (e["mode"] is not None and e["mode"] not in allowed):
        errs.append(f"{where}: mode {e['mode']!r} not allowed for {e['type']}")
    if e["section"] not in SECTIONS:
        errs.append(f"{where}: section {e['section']!r}")
    errs += check_actor(e["actor"], f"{where} actor", actor_ids)
    errs += check_actor(e["recipient"], f"{where} recipient", actor_ids)
    for key in ("location", "origin", "destination"):
        if e[key] is not None:
            errs += check_place(e[key], f"{where} {key}")
            if not (isinstance(e[key].get("name"), str) and e[key]["name"]):
                errs.append(f"{where} {key}: name missing")
    if e["date"] is not None and not (isinstance(e["date"], str) and ISO_DATE.match(e["date"])):
        errs.append(f"{where}: date {e['date']!r} is not ISO")
    if e["date"] is not None and not e["date_text"]:
        errs.append(f"{where}: a date needs the date_text it came from")
    for i, q in enumerate(e["quantities"] if isinstance(e["quantities"], list) else [None]):
        errs += check_quantity(q, f"{where} quantity {i}")
    if e["fatalities"] is not None and not (isinstance(e["fatalities"], int) and e["fatalities"] >= 0):
        errs.append(f"{where}: fatalities must be a count or null")
    if e["status"] not in STATUSES:
        errs.append(f"{where}: status {e['status']!r}")
    for i, s in enumerate(e["sources"] if isinstance(e["sources"], list) else [None]):
        if not isinstance(s, dict) or not s.get("name"):
            errs.append(f"{where} source {i}: needs a name")
            continue
        if s.get("id") is not None and s["id"] not in source_ids | actor_ids:
            errs.append(f"{where} source {i}: unknown id {s['id']!r}")
        if s.get("leaning") not in LEANINGS:
            errs.append(f"{where} source {i}: leaning {s.get('leaning')!r}")
    if e["confirmed"] not in (True, False, None):
        errs.append(f"{where}: confirmed must be true, false or null")
    errs += check_evidence(e, where, gold)
    if not (isinstance(e["confidence"], (int, float)) and 0 <= e["confidence"] <= 1):
        errs.append(f"{where}: confidence must be within 0-1")
    acled = e["acled"]
    if acled is not None and not (isinstance(acled, dict) and acled.get("event_type") and acled.get("sub_event_type")):
        errs.append(f"{where}: acled needs event_type and sub_event_type, or null")
    for key in ("incident", "story"):
        if not (isinstance(e[key], str) and e[key].strip()):
            errs.append(f"{where}: {key} label missing")
    return errs


def check_evidence(e: dict, where: str, gold: dict) -> list[str]:
    """Each evidence text is verbatim in the body (article) or in one comment (comment)."""
    if not (isinstance(e["evidence"], list) and e["evidence"]):
        return [f"{where}: evidence must be a non-empty list"]
    errs = []
    comment_texts = [c.get("text", "") for c in gold.get("comments", [])]
    for i, ev in enumerate(e["evidence"]):
        text, section = ev.get("text") if isinstance(ev, dict) else None, ev.get("section") if isinstance(ev, dict) else None
        if not (isinstance(text, str) and text.strip()):
            errs.append(f"{where} evidence {i}: empty")
            continue
        if section != e["section"]:
            errs.append(f"{where} evidence {i}: section {section!r} differs from the event's")
        pool = [gold["body"]] if section == "article" else comment_texts
        if not any(text in seg for seg in pool):
            errs.append(f"{where} evidence {i}: not verbatim in the {section}: {text[:60]!r}")
    return errs


def check_comments(gold: dict, source_text: str) -> list[str]:
    errs, depth = [], {}
    for i, c in enumerate(gold["comments"]):
        where = f"comment {i}"
        if not isinstance(c, dict) or not {"id", "parent", "depth", "author", "text"} <= set(c):
            errs.append(f"{where}: needs id, parent, depth, author, text")
            continue
        if c["id"] in depth:
            errs.append(f"{where}: duplicate id {c['id']!r}")
        expected = 0 if c["parent"] is None else depth.get(c["parent"], -2) + 1
        if c["parent"] is not None and c["parent"] not in depth:
            errs.append(f"{where}: parent {c['parent']!r} is not an earlier comment")
        elif c["depth"] != expected:
            errs.append(f"{where}: depth {c['depth']} but parent depth gives {expected}")
        depth[c["id"]] = c["depth"]
        if c["author"] is not None and c["author"] not in source_text:
            errs.append(f"{where}: author {c['author']!r} not in the source file")
        errs += [f"{where}: line not in the source file: {line[:50]!r}"
                 for line in c["text"].splitlines() if line.strip() and line.strip() not in source_text]
    return errs


def check_places(gold: dict) -> list[str]:
    errs = []
    comments = {c.get("id"): c.get("text", "") for c in gold["comments"] if isinstance(c, dict)}
    for i, p in enumerate(gold["places"]):
        where = f"place {i} {p.get('text')!r}"
        errs += check_place(p, where)
        if p.get("section") == "comment":
            segment = comments.get(p.get("comment_id"))
            if segment is None:
                errs.append(f"{where}: comment_id {p.get('comment_id')!r} unknown")
                continue
        elif p.get("section") == "article":
            segment = gold["body"]
        else:
            errs.append(f"{where}: section {p.get('section')!r}")
            continue
        start, end = p.get("start"), p.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(segment)):
            errs.append(f"{where}: bad offsets {start}-{end}")
        elif segment[start:end] != p.get("text"):
            errs.append(f"{where}: offsets {start}-{end} hold {segment[start:end]!r}")
        if not isinstance(p.get("literal", True), bool):
            errs.append(f"{where}: literal must be true or false")
    return errs


def check_file(gold_path: Path, actor_ids: set[str], source_ids: set[str]) -> list[str]:
    """Every problem in one gold file, as 'NAME: message' lines (empty when it is valid)."""
    stem = gold_path.name[: -len(".gold.json")]
    source = next((gold_path.with_name(stem + ext) for ext in (".txt", ".html", ".htm")
                   if gold_path.with_name(stem + ext).exists()), None)
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        return [f"{stem}: unreadable: {e}"]
    errs = [] if source else ["no .txt/.html beside it"]
    errs += [f"missing key {k}" for k in DOC_KEYS if k not in gold]
    if errs:
        return [f"{stem}: {m}" for m in errs]
    source_text = source.read_text(encoding="utf-8")
    if gold["doc_id"] != stem:
        errs.append(f"doc_id {gold['doc_id']!r} is not the file stem")
    if gold["published"] is not None and not ISO_DATE.match(str(gold["published"])):
        errs.append(f"published {gold['published']!r} is not ISO")
    errs += [f"body line not in the source file: {line[:50]!r}"
             for line in gold["body"].splitlines() if line.strip() and line.strip() not in source_text]
    errs += check_comments(gold, source_text)
    errs += check_places(gold)
    ids = [e.get("event_id") for e in gold["events"]]
    if len(set(ids)) != len(ids):
        errs.append("duplicate event_id")
    for i, e in enumerate(gold["events"]):
        errs += check_event(e, f"event {i} ({e.get('event_id')})", gold, actor_ids, source_ids)
    return [f"{stem}: {m}" for m in errs]


def check_dir(gold_dir: Path) -> tuple[int, list[str]]:
    """(number of gold files, problems) for one folder."""
    actor_ids, source_ids = known_ids()
    files = sorted(gold_dir.glob("*.gold.json"))
    return len(files), [m for f in files for m in check_file(f, actor_ids, source_ids)]


def main(argv: list[str]) -> int:
    dirs = [Path(a) for a in argv] or [Path(__file__).parent]
    status = 0
    for d in dirs:
        n, problems = check_dir(d)
        for m in problems:
            print(m)
        print(f"{d}: {n} gold files, {len(problems)} problems", file=sys.stderr)
        status |= bool(problems) or n == 0
    return int(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
