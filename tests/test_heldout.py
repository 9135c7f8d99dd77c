"""The held-out set (tests/heldout/) is valid against the contract, stays within the corpus
limits, covers what it claims to, and shares no text with the sets Marsad is tuned on."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.test_corpus import CORPUS, check

HELDOUT = Path(__file__).parent / "heldout"
GOLD_FILES = sorted(HELDOUT.glob("*.gold.json"))
N_DOCUMENTS = 16


def _golds() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in GOLD_FILES]


def _sentences(text: str) -> set[str]:
    """Sentences of at least eight words, whitespace-normalised: long enough that a shared one means copied text."""
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return {" ".join(p.split()) for p in parts if len(p.split()) >= 8}


def test_heldout_every_gold_file_valid():
    n, problems = check.check_dir(HELDOUT)
    assert n == N_DOCUMENTS
    assert problems == []


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name.split(".")[0])
def test_heldout_document_size_within_limits(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert 150 <= len(gold["body"].split()) <= 450
    assert gold_path.with_suffix("").with_suffix(".txt").stat().st_size <= 20_000
    assert gold["events"], "every held-out document states at least one event"
    assert gold["published"], "every held-out document carries its publication date"


def test_heldout_covers_types_statuses_and_comments():
    golds = _golds()
    events = [e for g in golds for e in g["events"]]
    assert len({e["type"] for e in events}) >= 12
    assert {"occurred", "planned", "failed", "denied"} <= {e["status"] for e in events}
    assert any(e["section"] == "comment" for e in events)
    assert any(e["confirmed"] is False for e in events)
    assert any(q["approx"] and q["low"] is not None for e in events for q in e["quantities"])
    assert any(p.get("literal") is False for g in golds for p in g["places"])


def test_heldout_spans_many_countries_outside_the_corpus_focus():
    countries = {p["country"] for g in _golds() for p in g["places"] if p.get("literal", True) and p["country"]}
    assert {"UA", "SD", "LB", "PS", "YE", "ML", "SO", "CD", "MM", "ET", "LY"} <= countries


def test_heldout_readme_lists_every_document():
    readme = (HELDOUT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| (h\d\d_\w+) \|", readme, flags=re.MULTILINE))
    assert listed == {p.name[: -len(".gold.json")] for p in GOLD_FILES}


def test_heldout_shares_no_sentence_with_our_corpus():
    ours = set().union(*(_sentences(p.read_text(encoding="utf-8")) for p in CORPUS.glob("*.txt")))
    held = set().union(*(_sentences(g["body"]) for g in _golds()))
    assert not held & ours


@pytest.mark.shared
def test_heldout_shares_no_sentence_with_dev_sets(shared_dir):
    """Written blind: no sentence is taken from the dev sets that extraction is tuned on."""
    dev = set()
    for name in ("dev-gold", "dev-extra"):
        for path in (shared_dir / name).glob("*.txt"):
            dev |= _sentences(path.read_text(encoding="utf-8", errors="replace"))
    held = set().union(*(_sentences(g["body"]) for g in _golds()))
    assert dev and not held & dev
