"""Reader comments: what a reader claims as fact, and what tells no event."""
from pathlib import Path

from tests.events.conftest import find

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "events"


def _comment_events(extract):
    text = (FIXTURES / "blog_comment_claims.txt").read_text(encoding="utf-8")
    return [e for e in extract(text, published="2017-05-14") if e.section == "comment"]


def test_is_factual_claim_letting_fighters_escape_is_the_escape(extract):
    events = _comment_events(extract)
    assert find(events, "RETREAT", actor="ISIS")
    assert not find(events, "CONCEDE")


def test_is_factual_claim_bare_gerund_tells_no_event(extract):
    assert not find(_comment_events(extract), "ASSAULT")
