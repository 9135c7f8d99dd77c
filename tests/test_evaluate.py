"""Scoring events against gold files (EVENTS.md section 10) and the `marsad eval` verb."""
from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
import types

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad import pipeline
from marsad.cli import main
from marsad.errors import UsageError
from marsad.evaluate import (
    GoldDocument, dates_match, evaluate, load_gold, names_match, pair_events, places_match, predict, quantities_match,
    read_predictions, score_events,
)
from marsad.records import Actor, EventRecord, Place, Quantity


@pytest.fixture
def eval_dir(fixtures_dir):
    return fixtures_dir / "eval"


def place(lat, lon, precision="town", admin1="Idlib", name="somewhere"):
    return Place(name, None, lat, lon, admin1, "SY", precision)


def event(type="ASSAULT", actor="SYR_GOV", location=None, date=None, section="article", name=None):
    return EventRecord("d", "d/e", type, None, section, Actor(actor, name or actor or "", None), None,
                       location, None, None, date, None)


# ---------------------------------------------------------------- matching rules

@pytest.mark.parametrize("a, b, same", [
    ("ISIS fighters", "ISIS members", True),           # one of two tokens shared
    ("Syrian Arab Army", "the Syrian army", True),     # "the" does not count
    ("Free Syrian Army", "Kurdish militia", False),
    ("al-Nusra", "Jabhat al-Nusra Front", True),       # "al" does not count, "nusra" does
    ("", "ISIS", False),
    (None, "ISIS", False),
])
def test_names_match_needs_half_of_the_shorter_name(a, b, same):
    assert names_match(a, b) is same


def test_places_match_within_40_km_or_same_admin1_for_wide_places():
    base = place(35.44, 36.65)
    assert places_match(base, place(35.44 + 0.3, 36.65))          # ~33 km
    assert not places_match(base, place(35.44 + 0.4, 36.65))      # ~44 km
    wide = place(35.8, 36.6, "admin1")
    assert places_match(wide, place(35.0, 37.5, "region"))         # same admin1, far apart
    assert not places_match(wide, place(35.0, 37.5, "town"))       # a town is not wide
    assert not places_match(wide, place(35.0, 37.5, "region", admin1="Hama"))
    unlocated = Place("Yarmouk camp (south Damascus)", None, None, None, None, None, "point")
    assert places_match(unlocated, place(1.0, 1.0, name="Yarmouk"))
    assert not places_match(base, None)


@pytest.mark.parametrize("gold, pred, same", [
    ("2018-02-08", "2018-02-09", True),
    ("2018-02-08", "2018-02-06", False),
    ("2018-02-28", "2018-03-01", True),
    ("2018-02", "2018-02-20", True),
    ("2018-02", "2018-03", False),
    ("2018", "2018-07-01", True),
    ("2018-02-08", "2018-02", False),
    (None, None, True),
    (None, "2018-02-08", False),
    ("2018-02-08", None, False),
    ("2018-02-08", "2018-02-3x", False),
])
def test_dates_match_at_gold_precision_with_a_day_of_slack(gold, pred, same):
    assert dates_match(gold, pred) is same


def test_quantities_match_every_gold_amount_by_unit_and_range():
    vague = Quantity(550, 200, 900, "fighters", True, "hundreds of fighters")
    exact = Quantity(20, None, None, "buses", False, "20 buses")
    assert quantities_match([vague, exact], [Quantity(300, None, None, "fighters", False, ""),
                                             Quantity(20, None, None, "buses", False, "")])
    assert not quantities_match([vague], [Quantity(300, None, None, "people", False, "")])
    assert not quantities_match([exact], [Quantity(21, None, None, "buses", False, "")])
    assert quantities_match([], [])
    assert not quantities_match([], [exact])


def test_pair_events_needs_type_section_and_actor_or_place():
    gold = [event(location=place(35.0, 36.0))]
    assert pair_events(gold, [event(type="COERCE", location=place(35.0, 36.0))]) == []
    assert pair_events(gold, [event(section="comment", location=place(35.0, 36.0))]) == []
    assert pair_events(gold, [event(actor="RUS", location=place(37.0, 36.0))]) == []
    assert len(pair_events(gold, [event(actor="RUS", location=place(35.1, 36.0))])) == 1
    assert len(pair_events(gold, [event(actor=None, name="the Syrian regime")])) == 0
    assert len(pair_events([event(actor=None, name="Syrian regime forces")],
                           [event(actor=None, name="regime troops")])) == 1


def test_pair_events_pairs_the_strongest_first_and_one_to_one():
    g1 = event(date="2018-02-08", location=place(35.0, 36.0))
    g2 = event(date="2018-02-01", location=place(35.0, 36.0))
    weak = event(date="2018-02-01")                       # actor + date match g2 best
    strong = event(date="2018-02-08", location=place(35.0, 36.0))
    pairs = pair_events([g1, g2], [weak, strong])
    assert [(gold is g1, pred is strong) for gold, pred in pairs] == [(True, True), (False, False)]
    assert len(pair_events([g1], [strong, copy.deepcopy(strong)])) == 1


# ---------------------------------------------------------------- scores on the fixture folder

def test_score_events_counts_pairs_strict_pairs_and_fields(eval_dir):
    scores = evaluate(eval_dir, cfg=None, predictions_file=eval_dir / "predictions.jsonl")
    assert (scores.tp, scores.fp, scores.fn) == (3, 1, 1)
    assert (scores.precision, scores.recall, scores.f1) == (0.75, 0.75, 0.75)
    # only north/e1 gets actor, place, date (a day off) and status right
    assert (scores.strict_precision, scores.strict_recall, scores.strict_f1) == (0.25, 0.25, 0.25)
    acc = scores.field_accuracy
    assert (acc["actor"], acc["place"], acc["date"], acc["quantities"], acc["sources"]) == \
        (0.667, 0.667, 1.0, 1.0, 0.667)
    assert scores.matched_by_type == {"ASSAULT": 2, "RETREAT": 1}
    assert [(d.doc, d.gold, d.pred, d.matched) for d in scores.docs] == [("north", 2, 3, 2), ("south", 2, 1, 1)]


def test_score_events_perfect_predictions_score_one(eval_dir):
    golds = load_gold(eval_dir)
    scores = score_events(golds, {g.doc_id: list(g.events) for g in golds})
    assert (scores.f1, scores.strict_f1) == (1.0, 1.0)
    assert set(scores.field_accuracy.values()) == {1.0}


def test_score_events_no_predictions_score_zero(eval_dir):
    scores = score_events(load_gold(eval_dir), {})
    assert (scores.tp, scores.fn, scores.f1) == (0, 4, 0.0)


def test_load_gold_refuses_a_gold_file_without_its_document(tmp_path):
    (tmp_path / "lonely.gold.json").write_text('{"events": []}', encoding="utf-8")
    with pytest.raises(UsageError, match="lonely.gold.json"):
        load_gold(tmp_path)
    with pytest.raises(UsageError):
        load_gold(tmp_path / "missing")


def test_load_gold_refuses_an_empty_folder_and_bad_json(tmp_path):
    with pytest.raises(UsageError, match="no"):
        load_gold(tmp_path)
    (tmp_path / "x.txt").write_text("text", encoding="utf-8")
    for bad in ("{not json", "[]", '{"events": {"type": "AID"}}', '{"events": [1, 2]}'):
        (tmp_path / "x.gold.json").write_text(bad, encoding="utf-8")
        with pytest.raises(UsageError, match="x.gold.json"):
            load_gold(tmp_path)


def test_read_predictions_keeps_good_lines_and_reports_bad_ones():
    good = json.dumps({"doc_id": "a", "type": "ASSAULT", "actor": {"id": "ISIS", "name": "IS"}})
    by_doc, errors = read_predictions([good, "", "{oops", "[1, 2]", json.dumps({"doc_id": "a", "actor": "x"})])
    assert [e.actor.id if e.actor else None for e in by_doc["a"]] == ["ISIS", None]   # a bad field is absent
    assert [e.split(":")[0] for e in errors] == ["line 3", "line 4"]


_ANY = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=8))
_OBJ = st.one_of(_ANY, st.dictionaries(st.sampled_from(["id", "name", "lat", "lon", "admin1", "precision", "value",
                                                        "low", "high", "unit"]), _ANY, max_size=5))
_EVENT = st.fixed_dictionaries({"doc_id": st.just("a")}, optional={
    "type": st.sampled_from(["ASSAULT", "AID", None, 3]), "section": _ANY, "actor": _OBJ, "recipient": _OBJ,
    "location": _OBJ, "origin": _OBJ, "destination": _OBJ, "date": _ANY, "status": _ANY, "mode": _ANY,
    "quantities": st.one_of(_ANY, st.lists(_OBJ, max_size=3)), "sources": st.one_of(_ANY, st.lists(_OBJ, max_size=3))})


@settings(max_examples=300, deadline=None)
@given(st.lists(_EVENT, max_size=4), st.lists(_EVENT, max_size=4))
def test_score_events_never_fails_on_malformed_records(gold, pred):
    gold_events, _ = read_predictions([json.dumps(e) for e in gold])
    predictions, _ = read_predictions([json.dumps(e) for e in pred])
    doc = GoldDocument("a", Path("a.txt"), None, tuple(gold_events.get("a", [])))
    scores = score_events([doc], predictions)
    assert scores.tp + scores.fn == len(gold) and scores.tp + scores.fp == len(pred)


def test_read_predictions_treats_empty_objects_as_absent():
    by_doc, _ = read_predictions([json.dumps({"doc_id": "a", "type": "AID", "actor": {}, "location": {}})])
    assert by_doc["a"][0].actor is None and by_doc["a"][0].location is None


# ---------------------------------------------------------------- agreement with shared/tools/score.py

def _perturbed(events, rng, doc_id):
    """Predictions made from gold by dropping, shifting and blanking fields at random."""
    out = []
    for e in events:
        if rng.random() < 0.15:
            continue
        e = copy.deepcopy(e)
        e["doc_id"] = doc_id
        if e.get("date") and rng.random() < 0.3:
            e["date"] = rng.choice([e["date"][:7], None, "2000-01-01"])
        if e.get("actor") and rng.random() < 0.2:
            e["actor"] = {"id": None, "name": rng.choice(["unknown gunmen", e["actor"].get("name") or ""])}
        if rng.random() < 0.2:
            e["status"] = rng.choice(["occurred", "planned", "failed", "denied"])
        for key in ("location", "origin", "destination"):
            if e.get(key) and e[key].get("lat") is not None and rng.random() < 0.3:
                e[key]["lat"] += rng.choice([0.2, 0.5, -0.3])
        if rng.random() < 0.3:
            e["quantities"] = []
        if rng.random() < 0.2:
            e["sources"] = []
        if rng.random() < 0.2:
            e["mode"] = None
        out.append(e)
        if rng.random() < 0.1:
            out.append(copy.deepcopy(e))
    rng.shuffle(out)
    return out


@pytest.mark.parametrize("gold_set", ["dev-gold", "dev-extra"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_score_events_agrees_with_the_reference_scorer(shared_dir, tmp_path, gold_set, seed):
    gold_dir = shared_dir / gold_set
    rng = random.Random(seed)
    lines = []
    for g in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        lines += [json.dumps(e) for e in _perturbed(gold["events"], rng, g.name[:-len(".gold.json")])]
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ref = json.loads(subprocess.run(
        [sys.executable, str(shared_dir / "tools" / "score.py"), "events", str(gold_dir), "--pred", str(pred),
         "--json"], capture_output=True, text=True, check=True).stdout)
    mine = evaluate(gold_dir, cfg=None, predictions_file=pred)
    assert (mine.tp, mine.fp, mine.fn) == (ref["tp"], ref["fp"], ref["fn"])
    for key in ("precision", "recall", "f1", "strict_precision", "strict_recall", "strict_f1",
                "field_accuracy", "matched_by_type"):
        assert getattr(mine, key) == ref[key], key
    assert [vars(d) for d in mine.docs] == ref["docs"]


# ---------------------------------------------------------------- the CLI verb

def test_eval_cli_prints_json_scores(eval_dir, capsys):
    status = main(["eval", str(eval_dir), "--pred", str(eval_dir / "predictions.jsonl"), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert status == 0
    assert (out["tp"], out["fp"], out["fn"], out["f1"]) == (3, 1, 1, 0.75)
    assert out["docs"][0] == {"doc": "north", "gold": 2, "pred": 3, "matched": 2}


def test_eval_cli_prints_a_readable_table(eval_dir, capsys):
    assert main(["eval", str(eval_dir), "--pred", str(eval_dir / "predictions.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "precision 0.750  recall 0.750  f1 0.750" in out
    assert "strict     precision 0.250" in out
    assert "doc        south  gold 2  predicted 1  matched 1" in out


def test_score_events_lists_pairs_with_their_wrong_fields_and_unpaired_events(eval_dir):
    scores = evaluate(eval_dir, cfg=None, predictions_file=eval_dir / "predictions.jsonl")
    got = {(o.gold, o.pred): (o.strict, o.disagree) for o in scores.pairs}
    assert got == {("north/e1", "north/e1"): (True, ["sources"]),
                   ("north/e2", "north/e2"): (False, ["place"]),
                   (None, "north/e3"): (False, []),
                   ("south/e2", "south/e2"): (False, ["actor"]),
                   ("south/e1", None): (False, [])}


def test_eval_cli_lists_pairs_only_when_asked(eval_dir, capsys):
    pred = str(eval_dir / "predictions.jsonl")
    assert main(["eval", str(eval_dir), "--pred", pred]) == 0
    assert "pair " not in capsys.readouterr().out
    assert main(["eval", str(eval_dir), "--pred", pred, "--pairs"]) == 0
    out = capsys.readouterr().out
    assert "pair       north  north/e2 ~ north/e2  ASSAULT  paired  wrong: place" in out
    assert "pair       south  south/e1 ~ -  AGREE  unpaired" in out
    assert main(["eval", str(eval_dir), "--pred", pred, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["pairs"] == []


def test_eval_cli_reports_a_missing_folder_and_bad_date(tmp_path, eval_dir, capsys):
    assert main(["eval", str(tmp_path / "nope")]) == 1
    assert "nope" in capsys.readouterr().err
    assert main(["eval", str(eval_dir), "--published", "Feb 10"]) == 1
    assert "--published" in capsys.readouterr().err


def test_eval_cli_exits_1_when_prediction_lines_are_bad(tmp_path, eval_dir, capsys):
    pred = tmp_path / "pred.jsonl"
    pred.write_text((eval_dir / "predictions.jsonl").read_text(encoding="utf-8") + "garbage\n", encoding="utf-8")
    assert main(["eval", str(eval_dir), "--pred", str(pred)]) == 1
    assert "line 5" in capsys.readouterr().out


def _fake_events_stage():
    """A stand-in events stage: one AID event per document, dated with the publication
    date the pipeline was given, counting how often it ran."""
    stage = types.ModuleType("fake_events_stage")
    stage.REQUIRES, stage.ASSIGNS, stage.calls = ("body",), ("events",), []

    def run(doc, cfg):
        stage.calls.append(doc.doc_id)
        doc.events.append(EventRecord(doc.doc_id, doc.doc_id + "/e1", "AID", None, "article",
                                      Actor("UN", "UN", None), None, None, None, None, doc.published, None))
    stage.run = run
    return stage


def test_predict_runs_one_pipeline_in_process_with_each_gold_date(eval_dir, tmp_path, cfg, monkeypatch):
    stage = _fake_events_stage()
    monkeypatch.setitem(sys.modules, "fake_events_stage", stage)
    monkeypatch.setitem(pipeline.STAGES, "fake_events", "fake_events_stage")
    monkeypatch.setitem(pipeline.UP_TO, "extract", ("ingest", "fake_events"))
    golds = load_gold(eval_dir)
    events, errors = predict(golds, cfg)
    assert errors == [] and sorted(stage.calls) == ["north", "south"]
    assert {d: [e.date for e in evs] for d, evs in events.items()} == {"north": ["2018-02-10"], "south": ["2018-02-10"]}
    events, _ = predict(golds, cfg, published="2019-01-01")
    assert [e.date for e in events["north"]] == ["2019-01-01"]


def test_predict_reports_a_document_that_cannot_be_read(tmp_path, cfg, monkeypatch):
    monkeypatch.setitem(sys.modules, "fake_events_stage", _fake_events_stage())
    monkeypatch.setitem(pipeline.STAGES, "fake_events", "fake_events_stage")
    monkeypatch.setitem(pipeline.UP_TO, "extract", ("ingest", "fake_events"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "empty.gold.json").write_text('{"published": null, "events": []}', encoding="utf-8")
    events, errors = predict(load_gold(tmp_path), cfg)
    assert events == {} and len(errors) == 1 and "empty.txt" in errors[0]


def test_evaluate_runs_the_pipeline_in_process(eval_dir, cfg):
    import marsad.events

    if not hasattr(marsad.events, "run"):
        pytest.skip("the events stage is not built yet")
    scores = evaluate(eval_dir, cfg)
    assert scores.errors == []
    assert [d.doc for d in scores.docs] == ["north", "south"]
    assert scores.tp + scores.fp == sum(d.pred for d in scores.docs)
