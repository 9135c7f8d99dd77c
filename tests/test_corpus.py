"""Our annotated corpus (tests/corpus/) is valid against the contract, and the checker
that says so catches the mistakes annotators make."""
from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
# check.py is a script beside the corpus, not a package module: load it from its path.
_spec = importlib.util.spec_from_file_location("corpus_check", CORPUS / "check.py")
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)
GOLD_FILES = sorted(CORPUS.glob("*.gold.json"))


def test_corpus_every_gold_file_valid():
    n, problems = check.check_dir(CORPUS)
    assert n >= 24
    assert problems == []


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name.split(".")[0])
def test_corpus_document_size_within_limits(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert 150 <= len(gold["body"].split()) <= 500
    assert gold_path.with_suffix("").with_suffix(".txt").stat().st_size <= 20_000
    assert gold["events"], "every corpus document states at least one event"


def test_corpus_covers_comments_and_many_types():
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD_FILES]
    types = {e["type"] for g in golds for e in g["events"]}
    assert len(types) >= 12
    assert any(g["comments"] for g in golds)
    assert any(e["section"] == "comment" for g in golds for e in g["events"])
    assert any(e["status"] == "denied" for g in golds for e in g["events"])


@pytest.mark.shared
def test_check_dev_sets_pass(shared_dir):
    """The checker accepts the reference annotations it is modelled on."""
    for name in ("dev-gold", "dev-extra"):
        n, problems = check.check_dir(shared_dir / name)
        assert n > 0 and problems == []


def _broken_copy(tmp_path: Path, mutate) -> list[str]:
    src = GOLD_FILES[0]
    stem = src.name[: -len(".gold.json")]
    shutil.copy(src.with_name(stem + ".txt"), tmp_path / f"{stem}.txt")
    gold = json.loads(src.read_text(encoding="utf-8"))
    mutate(gold)
    (tmp_path / src.name).write_text(json.dumps(gold), encoding="utf-8")
    return check.check_dir(tmp_path)[1]


def test_check_catches_shifted_place_offsets(tmp_path):
    def shift(g):
        g["places"][0]["start"] += 1
        g["places"][0]["end"] += 1
    assert any("offsets" in m for m in _broken_copy(tmp_path, shift))


def test_check_catches_paraphrased_evidence(tmp_path):
    def paraphrase(g):
        g["events"][0]["evidence"][0]["text"] = g["events"][0]["evidence"][0]["text"].upper()
    assert any("not verbatim" in m for m in _broken_copy(tmp_path, paraphrase))


@pytest.mark.parametrize("field,value,expected", [
    ("type", "ATTACK", "type"),
    ("mode", "massacre", "mode"),
    ("status", "rumoured", "status"),
    ("date", "last Tuesday", "ISO"),
    ("incident", "", "incident"),
])
def test_check_catches_values_outside_contract(tmp_path, field, value, expected):
    def set_value(g):
        g["events"][0][field] = value
    assert any(expected in m for m in _broken_copy(tmp_path, set_value))


def test_check_catches_unknown_actor_and_bad_range(tmp_path):
    def break_event(g):
        e = g["events"][0]
        e["actor"] = {"id": "MARTIANS", "name": "men from Mars", "kind": "armed_group"}
        e["quantities"] = [{"value": 10, "low": 20, "high": 90, "unit": "fighters", "approx": True, "text": "tens"}]
    problems = _broken_copy(tmp_path, break_event)
    assert any("unknown actor id" in m for m in problems)
    assert any("outside" in m for m in problems)


def test_check_catches_broken_comment_thread(tmp_path):
    def orphan(g):
        g["comments"] = [{"id": "c1", "parent": "c9", "depth": 1, "author": None, "text": "x"}]
    problems = _broken_copy(tmp_path, orphan)
    assert any("parent" in m for m in problems)
