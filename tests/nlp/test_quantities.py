"""Amounts and what they count (EVENTS.md sections 3 and 8)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.nlp.quantities import find_quantities
from marsad.records import QUANTITY_UNITS


def first(text):
    found = find_quantities(text)
    assert found, text
    q = found[0]
    return q.value, q.low, q.high, q.approx, q.unit


@pytest.mark.parametrize("text, expected", [
    # exact counts with a counted noun
    ("On Wednesday, the government allowed 1,500 civilians to leave.", (1500, None, None, False, "civilians")),
    ("The militants left aboard 12 busses.", (12, None, None, False, "buses")),
    ("A convoy of 500 vehicles crossed the bridge.", (500, None, None, False, "vehicles")),
    ("Troops destroyed six armoured vehicles.", (6, None, None, False, "vehicles")),
    ("The army retook 80 villages and towns.", (80, None, None, False, "villages")),
    ("Rebels advanced over 30 kilometers.", (30, None, None, False, "km")),
    ("The 200 IS fighters surrendered.", (200, None, None, False, "fighters")),
    ("Two suicide bombers blew themselves up.", (2, None, None, False, "fighters")),
    ("One car bomb exploded near the gate.", (1, None, None, False, "vehicles")),
    ("Some 25 displaced families returned home.", (25, None, None, True, "families")),
    ("Twelve Syrian soldiers were captured.", (12, None, None, False, "fighters")),
    ("two hundred and fifty people marched.", (250, None, None, False, "people")),
    ("A dozen soldiers guarded the crossing.", (12, None, None, False, "fighters")),
    ("Two dozen trucks carried aid.", (24, None, None, False, "vehicles")),
    ("The fighting displaced 1.5 million people.", (1500000, None, None, False, "people")),
    ("more than 18,000 displaced arrived in the camps.", (18000, None, None, False, "people")),
    # hedges
    ("About 300 ISIS members withdrew.", (300, None, None, True, "fighters")),
    ("Around 1,000 IS fighters were besieged.", (1000, None, None, True, "fighters")),
    ("Nearly 2,000 civilians fled.", (2000, None, None, True, "civilians")),
    ("Some 1,000 armed personnel took part.", (1000, None, None, True, "fighters")),
    ("As many as 20 tanks were seen.", (20, None, None, True, "vehicles")),
    ("Up to 90,000 civilians remain trapped.", (90000, None, None, True, "civilians")),
    ("The 30 or so ISIS fighters gave up.", (30, None, None, True, "fighters")),
    ("At least 11 fighters were captured.", (11, None, None, False, "fighters")),
    ("More than 300 rebels crossed.", (300, None, None, False, "fighters")),
    ("Approximately 40 gunmen attacked.", (40, None, None, True, "fighters")),
    # ranges
    ("about 300-500 their family members left", (400, 300, 500, True, "civilians")),
    ("About 4,000 to 5,000 civilians are inside.", (4500, 4000, 5000, True, "civilians")),
    ("Between 20 and 30 fighters were seen.", (25, 20, 30, False, "fighters")),
    ("An estimated 25-30 displaced families arrived.", (27.5, 25, 30, True, "families")),
    # vague amounts take the contract's fixed values
    ("Tens of civilians were hurt in the blast.", (55, 20, 90, True, "injured")),
    ("Dozens of fighters surrendered.", (60, 24, 96, True, "fighters")),
    ("Scores of residents fled.", (110, 40, 180, True, "civilians")),
    ("Hundreds of Kurdish militiamen arrived.", (550, 200, 900, True, "fighters")),
    ("Thousands of fighters massed.", (5500, 2000, 9000, True, "fighters")),
    ("Tens of thousands of residents are trapped.", (55000, 20000, 90000, True, "civilians")),
    ("1000's of ISIS fighters are in the pocket.", (5500, 2000, 9000, True, "fighters")),
    ("1000s of ISIS fighters are in the pocket.", (5500, 2000, 9000, True, "fighters")),
    ("10's of thousands of civilians fled.", (55000, 20000, 90000, True, "civilians")),
    ("Tens  of\nthousands of residents fled.", (55000, 20000, 90000, True, "civilians")),
    ("2k fighters massed near the town.", (2000, None, None, False, "fighters")),
    ("Dead: 4; wounded: 11.", (4, None, None, False, "killed")),
    ("Dozens of killed and wounded arrived.", (60, 24, 96, True, "killed")),
    ("Several dozen women and children were freed.", (60, 24, 96, True, "civilians")),
    ("Several hundred others joined them.", (550, 200, 900, True, "people")),
    # casualties
    ("The strike killed 23.", (23, None, None, False, "killed")),
    ("The attack left 23 dead.", (23, None, None, False, "killed")),
    ("The death toll rose to 25.", (25, None, None, False, "killed")),
    ("17 civilians were killed in the raid.", (17, None, None, False, "killed")),
    ("Seventy-three people were killed in the city.", (73, None, None, False, "killed")),
    ("Rebels killed four government soldiers.", (4, None, None, False, "killed")),
    ("Jets struck the market, killing 25 people.", (25, None, None, False, "killed")),
    ("Nearly 190 people have been killed.", (190, None, None, True, "killed")),
    ("Another 48 died in Tartus.", (48, None, None, False, "killed")),
    ("Medics recovered 29 bodies.", (29, None, None, False, "killed")),
    ("27 others were injured.", (27, None, None, False, "injured")),
    ("At least 33 internally displaced people (IDPs) were killed.", (33, None, None, False, "killed")),
    ("#SYRIA: At least 33 'displaced civilians' killed in a strike.", (33, None, None, False, "killed")),
    ('Some 300 "moderate rebels" crossed.', (300, None, None, True, "fighters")),
    ("Dozens of children, many of them under ten, were killed.", (60, 24, 96, True, "killed")),
    ("The death toll from the bombing in Baghdad since the U.S.-led invasion has reached at least 292 people.",
     (292, None, None, False, "killed")),
    ("40 injured were taken to hospital.", (40, None, None, False, "injured")),
    ("About 50 wounded were evacuated.", (50, None, None, True, "injured")),
    ("More than 30 wounded personnel were moved.", (30, None, None, False, "injured")),
    ("The blast wounded 12 policemen.", (12, None, None, False, "injured")),
    ("SANA said army units killed scores of terrorists.", (110, 40, 180, True, "killed")),
    ("The Observatory put the death toll at 54.", (54, None, None, False, "killed")),
    ("The number of dead climbed to 61 on Sunday.", (61, None, None, False, "killed")),
    ("Twenty-one civilians, including seven children, were killed.", (21, None, None, False, "killed")),
    ("An explosion killed at least 14 and wounded 30.", (14, None, None, False, "killed")),
    ("The shelling hit the market, killing two and injuring five.", (2, None, None, False, "killed")),
    ("At least a dozen soldiers died.", (12, None, None, False, "killed")),
    ("Dozens were killed.", (60, 24, 96, True, "killed")),
    ("The war has killed a quarter of a million people.", (250000, None, None, False, "killed")),
    # a bare vague amount counts people
    ("Thousands have fled the city.", (5500, 2000, 9000, True, "people")),
    ("Hundreds of thousands of people are displaced.", (550000, 200000, 900000, True, "people")),
    ("Half a million refugees crossed the border.", (500000, None, None, False, "civilians")),
    ("More than a hundred militants surrendered.", (100, None, None, False, "fighters")),
    ("A 5,000-strong force moved north.", (5000, None, None, False, "fighters")),
    ("Troops advanced 3km towards the town.", (3, None, None, False, "km")),
    ("Between 150-200 fighters remain.", (175, 150, 200, False, "fighters")),
    ("Three officials close to Damascus spoke.", (3, None, None, False, "people")),
    # mixed persons are people
    ("Some 6,000 fighters and civilians left.", (6000, None, None, True, "people")),
    ("Hundreds of rebels and civilians boarded.", (550, 200, 900, True, "people")),
    # other counts
    ("The truce lasts 120 hours.", (120, None, None, False, "other")),
    ("A 48-hour truce began.", (48, None, None, False, "other")),
    ("A two-hour truce began.", (2, None, None, False, "other")),
    ("The army controls 50 per cent of the city.", (50, None, None, False, "other")),
    ("They seized a total of 1,900 square kilometers.", (1900, None, None, False, "other")),
    ("Police found three documents.", (3, None, None, False, "other")),
])
def test_find_quantities_reads_value_range_hedge_and_unit(text, expected):
    assert first(text) == expected


@pytest.mark.parametrize("text", [
    "The siege began in 2015 and ended on 10 February 2018.",
    "Clashes started at 10:30 am local time.",
    "A 12-year-old boy was among them.",
    "The victim, aged 45, was a teacher.",
    "The deal is worth $500 million.",
    "Salaries rose to 40,000 Syrian pounds.",
    "Call +963 11 234 5678 for details.",
    "UN Resolution 2254 calls for talks.",
    "F-16 jets and Su-24 bombers flew over.",
    "The 3rd Division and the 4th brigade moved.",
    "One of the commanders was arrested.",
    "The two sides agreed to a truce.",
    "The two agreed on a truce.",
    "He said it three times.",
    "On the one hand, the army advanced.",
    "The militants fought in the 1990s.",
    "Jets flew over at 5 p.m. on Route 7.",
    "The 2014 offensive failed.",
    "",
])
def test_find_quantities_skips_what_is_no_amount(text):
    assert find_quantities(text) == []


def test_find_quantities_keeps_a_year_sized_count_of_a_counted_noun():
    assert first("In 2016, 2000 fighters left.") == (2000, None, None, False, "fighters")


def test_find_quantities_finds_every_amount_in_order():
    text = "The attack killed 23 civilians and wounded 40 others; SOHR said 120 fighters left on 12 buses."
    got = [(q.value, q.unit) for q in find_quantities(text)]
    assert got == [(23, "killed"), (40, "injured"), (120, "fighters"), (12, "buses")]


def test_find_quantities_casualty_pairs_get_their_own_units():
    text = "The blast left 9 dead and 17 wounded, killing two and injuring five."
    got = [(q.value, q.unit) for q in find_quantities(text)]
    assert got == [(9, "killed"), (17, "injured"), (2, "killed"), (5, "injured")]


def test_find_quantities_breakdown_of_a_toll_counts_the_same_thing():
    text = "State media gave a total of 78 dead, 45 in Jableh and 33 in Tartus."
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(78, "killed"), (45, "killed"), (33, "killed")]
    text = "The strike killed 12 people; 45 in Jableh were evacuated."
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(12, "killed"), (45, "other")]


def test_find_quantities_reports_text_and_head_as_written():
    text = "Under the deal, about 300-500 their family members left."
    q = find_quantities(text)[0]
    assert q.text == "about 300-500 their family members"
    assert text[q.start:q.end] == q.text
    assert q.head == "family members"
    q = find_quantities("The 200 ISIS members left in 20 busses.")
    assert [x.head for x in q] == ["ISIS members", "busses"]


def test_find_quantities_from_to_is_a_change_not_a_range():
    got = [(q.value, q.low) for q in find_quantities("The toll rose from 20 to 30 people.")]
    assert (30, None) in got and all(low is None for _, low in got)


def test_find_quantities_unknown_noun_is_other_with_its_head():
    q = find_quantities("Militants fired 30 rockets at the town.")[0]
    assert (q.value, q.unit, q.head) == (30, "other", "rockets")
    q = find_quantities("Like 300 ISIS rats got away.")[0]
    assert (q.value, q.unit, q.head) == (300, "other", "ISIS rats")
    q = find_quantities("About 1,000 of them left.")[0]
    assert (q.value, q.unit, q.head) == (1000, "other", None)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_find_quantities_never_fails_and_offsets_hold(text):
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.unit in QUANTITY_UNITS
        if q.low is not None:
            assert q.low <= q.value <= q.high


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["about", "300", "-", "500", "1,500", "tens", "of", "thousands", "hundreds",
                                 "killed", "wounded", "civilians", "fighters", "and", "between", "to", "or so",
                                 "two", "hundred", "1000's", "the", "toll", "rose", "2018", "%", "$", "aged",
                                 "Seventy-three", "a", "dozen", "were", "+963", "F-16", "one", "10's", "100’s",
                                 "Tens", "  ", "\n", "k", "km", ":", "dead", "(IDPs)", ",", "quarter",
                                 "million", "several", "others"]), max_size=20))
def test_find_quantities_never_fails_on_number_word_salad(words):
    text = " ".join(words)
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
        assert q.unit in QUANTITY_UNITS


def _vocabulary():
    from marsad.data import load_tsv

    words = [r["word"] for name in ("number_words.tsv", "quantity_units.tsv", "date_words.tsv")
             for r in load_tsv(name)]
    return words + ["1", "12", "300", "1,500", "2018", "-", "–", "/", ",", "'s", "(", ")", ":", "%", "$", "+",
                    "k", "30th", "2018-02-10", "ago", "to", "and", "or so", "between", "from", "\n", "1000's"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_vocabulary()), max_size=25))
def test_find_quantities_never_fails_on_any_vocabulary_word(words):
    text = " ".join(words)
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
        assert q.low is None or q.low <= q.value <= q.high


def test_find_quantities_death_of_a_count_is_a_toll():
    got = [(q.value, q.unit) for q in find_quantities(
        "Medics documented the deaths of at least 14 residents after the market was shelled.")]
    assert got == [(14, "killed")]
    assert [q.unit for q in find_quantities("The death of his brother in 2012 changed 3 villages.")] == ["villages"]
