from marsad.events.candidate import Candidate
from marsad.events.merge import merge, retells
from marsad.records import Actor, Evidence, Place, Quantity, Source

HAMA = Place("Hama", 170063, 35.13, 36.76, "Hama", "SY", "town")
IDLIB = Place("Idlib", 169389, 35.93, 36.63, "Idlib", "SY", "town")
DEIR = Place("Deir ez-Zor", 170794, 35.34, 40.14, "Deir ez-Zor", "SY", "town")


def cand(type_="RETREAT", actor="ISIS", origin=None, destination=None, start=0, text="s", **kw):
    fields = dict(type=type_, mode="withdraw", section="article", segment="article",
                  actor=Actor(actor, actor or "someone", None) if actor is not None else None,
                  recipient=None, location=None, origin=origin, destination=destination, date=None,
                  date_text=None, status="occurred", weight=0.8, position=start, sentence_start=start,
                  evidence=[Evidence("article", text)])
    fields.update(kw)
    return Candidate(**fields)


def test_merge_retelling_joins_with_all_evidence():
    first = cand(origin=HAMA, destination=IDLIB, text="ISIS left Hama for Idlib.")
    again = cand(destination=IDLIB, start=50, text="The fighters reached Idlib.")
    out = merge([first, again])
    assert len(out) == 1
    assert [e.text for e in out[0].evidence] == ["ISIS left Hama for Idlib.", "The fighters reached Idlib."]


def test_merge_versions_with_other_destinations_stay_apart():
    sham = cand(destination=IDLIB, sources=[Source("Sham FM", "SHAM_FM", "government")])
    masdar = cand(destination=DEIR, start=80, sources=[Source("al-Masdar", "AL_MASDAR", "government")])
    assert len(merge([sham, masdar])) == 2


def test_merge_different_counts_stay_apart():
    a = cand(quantities=[Quantity(200, None, None, "fighters", False, "200 fighters")])
    b = cand(start=40, quantities=[Quantity(1000, None, None, "fighters", True, "around 1,000 fighters")])
    assert not retells(a, b)


def test_merge_other_actor_or_type_is_another_event():
    assert not retells(cand(actor="ISIS"), cand(actor="HTS", start=30))
    assert not retells(cand(type_="RETREAT"), cand(type_="ASSAULT", start=30))


def test_merge_comment_claims_never_join_the_article():
    art = cand()
    com = cand(section="comment", segment="c1", start=0)
    assert not retells(art, com)


def test_merge_passing_mention_only_joins():
    alone = cand(actor=None, reference=True)
    assert merge([alone]) == []
    out = merge([cand(type_="AGREE"), cand(type_="AGREE", actor=None, start=30, reference=True, text="the deal")])
    assert len(out) == 1 and len(out[0].evidence) == 2


def test_merge_later_failure_of_the_same_actor_wins():
    plan = cand(status="planned")
    fail = cand(status="failed", start=60, text="ISIS is not going to withdraw.")
    out = merge([plan, fail])
    assert len(out) == 1 and out[0].status == "failed"


def test_merge_a_clash_and_a_later_shelling_stay_two_records(extract):
    events = extract("Government forces clashed with rebels near Kafr Nabudah on Monday. "
                     "Government forces also shelled Kafr Zita.", published="2019-05-21")
    assault = [e for e in events if e.type == "ASSAULT"]
    assert sorted(e.mode for e in assault) == ["clash", "shelling"]
