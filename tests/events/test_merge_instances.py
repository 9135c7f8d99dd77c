"""Another instance of a kind ("similar agreements") never retells the record told before."""
from marsad.events.merge import merge, retells
from tests.events.conftest import find
from tests.events.test_merge import HAMA, cand


def test_merge_another_instance_stays_apart():
    first = cand(type_="AGREE", actor="SYR_REBELS", origin=HAMA, text="Rebels reached a deal in Hama.")
    similar = cand(type_="AGREE", actor=None, start=60, another=True, text="Similar deals were made elsewhere.")
    assert not retells(first, similar)
    assert len(merge([first, similar])) == 2


def test_extract_similar_deals_elsewhere_are_their_own_records(extract):
    text = ("Rebel negotiators in Madaya reached a deal with the army on Monday to hand over the town. "
            "Similar agreements were signed last week in Zabadani.")
    deals = find(extract(text, published="2017-04-12"), "AGREE")
    assert len(deals) == 2


def test_extract_passing_mention_told_with_its_parties_is_a_record(extract):
    text = "It comes after Sunday's agreement, in which the militants agreed to hand over their heavy weapons."
    assert find(extract(text, published="2017-04-12"), "AGREE")


def test_extract_victims_counted_with_no_killer_join_the_attack(extract):
    text = ("Rebels attacked an army checkpoint near Saraqib on Monday, a monitor said. "
            "Three soldiers and two rebels were killed, the monitor added.")
    attacks = find(extract(text, published="2019-03-05"), "ASSAULT")
    assert len(attacks) == 1
    assert len(attacks[0].evidence) == 2


def test_merge_truce_and_the_agreements_signed_are_one_deal():
    truce = cand(type_="AGREE", actor=None, mode="truce", text="A nationwide truce was declared.")
    signed = cand(type_="AGREE", actor="SYR_GOV", mode="deal", start=40, text="The sides signed the agreements.")
    out = merge([truce, signed])
    assert len(out) == 1 and out[0].mode == "truce" and out[0].actor.id == "SYR_GOV"
