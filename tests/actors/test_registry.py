"""The actor and source registries: data files, section-6 coverage, and the pure resolvers."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.actors.registry import (
    ActorContext, build_registry, find_phrases, focus_country, phrase_key, resolve_actor,
)
from marsad.data import DATA_DIR, header_lines, read_tsv
from marsad.records import ACTOR_KINDS

MY_FILES = ("actors.tsv", "sources.tsv", "actor_generic.tsv", "actor_countries.tsv",
            "actor_source_cues.tsv", "actor_source_verbs.tsv", "actor_confirmation.tsv")
LEANINGS = ("government", "opposition", "independent", "jihadist", "kurdish", "foreign_state", "unknown")
SYRIA = ActorContext("SY", None)
SYRIA_IS = ActorContext("SY", "ISIS")
IRAQ = ActorContext("IQ", None)


@pytest.fixture(scope="module")
def reg():
    return build_registry()


@pytest.mark.parametrize("name", MY_FILES)
def test_data_file_names_source_and_licence(name):
    meta = header_lines(DATA_DIR / name)
    assert meta.get("source") and meta.get("licence")


def test_registry_has_every_section6_id(shared_dir, reg):
    spec = (shared_dir / "spec" / "EVENTS.md").read_text(encoding="utf-8")
    section = spec.split("## 6.")[1].split("## 7.")[0]
    ids = re.findall(r"^\| ([A-Z_]+) \|", section, re.M)
    assert len(ids) > 15
    assert set(ids) <= set(reg.actors), set(ids) - set(reg.actors)
    sources = re.findall(r"\b([A-Z][A-Z_]{1,})\b", section.split("Sources commonly credited")[1])
    assert set(sources) <= set(reg.sources), set(sources) - set(reg.sources)


@pytest.mark.parametrize("name", ("actors.tsv", "sources.tsv", "actor_generic.tsv", "actor_countries.tsv"))
def test_registry_rows_fill_every_column(name):
    lines = [line.rstrip("\n") for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    width = lines[0].count("\t")
    assert [line.split("\t")[0] for line in lines if line.count("\t") != width] == []


def test_registry_rows_use_known_kinds_sides_and_leanings(reg):
    for a in reg.actors.values():
        assert a.kind in ACTOR_KINDS, a
        assert a.side in LEANINGS, a
    for s in reg.sources.values():
        assert s.leaning in LEANINGS, s


def test_registry_country_roles_name_registered_actors(reg):
    for c in reg.countries.values():
        for role, actor_id in c.roles.items():
            assert not actor_id or actor_id in reg.actors, (c.code, role, actor_id)


def test_registry_no_alias_names_two_actors():
    seen: dict[str, str] = {}
    clashes = []
    for row in read_tsv(DATA_DIR / "actors.tsv"):
        for alias in [row["name"]] + [a for a in row["aliases"].split("|") if a]:
            key = phrase_key(alias)
            if seen.setdefault(key, row["id"]) != row["id"]:
                clashes.append((alias, seen[key], row["id"]))
    assert not clashes


@pytest.mark.parametrize("text,ctx,expected", [
    ("ISIS fighters besieged in the eastern Hama pocket", SYRIA, "ISIS"),
    ("Daesh", SYRIA, "ISIS"),
    ("the Islamic State in Iraq and the Levant", IRAQ, "ISIS"),
    ("Isis militiamen", SYRIA, "ISIS"),
    ("the Syrian Arab Army (SAA)", SYRIA, "SYR_GOV"),
    ("al-Nimr Forces", SYRIA, "SYR_GOV"),
    ("the Tiger Forces", SYRIA, "SYR_GOV"),
    ("the regime", SYRIA, "SYR_GOV"),
    ("Jabhat Fateh al-Sham", SYRIA, "HTS"),
    ("al Nusra Front", SYRIA, "HTS"),
    ("Hay’at Tahrir al-Sham", SYRIA, "HTS"),
    ("the Free Idlib Army", SYRIA, "FSA"),
    ("Jaish al-Islam", SYRIA, "JAI"),
    ("Ahrar al Sham", SYRIA, "AHRAR"),
    ("Turkey-backed rebels", SYRIA, "SNA"),
    ("the Kurdish-led Syrian Democratic Forces", SYRIA, "SDF"),
    ("the YPG", SYRIA, "SDF"),
    ("Kurdish forces", SYRIA, "SDF"),
    ("Kurdish forces", IRAQ, "KRG"),
    ("Iraqi Kurdish forces known as peshmerga", SYRIA, "KRG"),
    ("al-Hashd al-Shaabi", IRAQ, "PMU"),
    ("Iraqi Prime Minister Haider al-Abadi", SYRIA, "IRQ_GOV"),
    ("the troops", IRAQ, "IRQ_GOV"),
    ("government forces", SYRIA, "SYR_GOV"),
    ("government forces", IRAQ, "IRQ_GOV"),
    ("the Lebanese army", SYRIA, "LBN_GOV"),
    ("Russian jets", SYRIA, "RUS"),
    ("the Kremlin", SYRIA, "RUS"),
    ("U.S. forces", SYRIA, "USA"),
    ("the Pentagon", SYRIA, "USA"),
    ("the US-led coalition", IRAQ, "COALITION"),
    ("CJTF-OIR", IRAQ, "COALITION"),
    ("coalition warplanes", IRAQ, "COALITION"),
    ("coalition warplanes", ActorContext("YE"), "SAUDI_COALITION"),
    ("Turkey's army", SYRIA, "TUR"),
    ("Erdogan", SYRIA, "TUR"),
    ("the Syrian Arab Red Crescent", SYRIA, "SARC"),
    ("UN Secretary General Antonio Guterres", SYRIA, "UN"),
    ("displaced people", SYRIA, "CIVILIANS"),
    ("1,500 civilians and ISIS family members", SYRIA, "CIVILIANS"),
    ("the rebels", SYRIA, "SYR_REBELS"),
    ("Syrian rebels", SYRIA, "SYR_REBELS"),
    ("the jihadists", SYRIA_IS, "ISIS"),
    ("the militants", SYRIA_IS, "ISIS"),
    ("the militants", SYRIA, "SYR_REBELS"),
    ("Iran-aligned Houthis", ActorContext("YE"), "HOUTHIS"),
    ("Ansar Allah", ActorContext("YE"), "HOUTHIS"),
    ("Khalifa Haftar's Libyan National Army", ActorContext("LY"), "LNA"),
    ("the Government of National Accord", ActorContext("LY"), "GNA"),
    ("Jund al-Aqsa", SYRIA, "JUND_AL_AQSA"),
])
def test_resolve_actor_names_canonical_id(text, ctx, expected, reg):
    assert resolve_actor(text, ctx, reg)[0] == expected


@pytest.mark.parametrize("text,ctx", [
    ("the jihadists", SYRIA),           # no dominant group: unknown, not guessed
    ("gunmen", SYRIA),
    ("a bakery", SYRIA),
    ("forces", SYRIA),                  # a bare "forces" is nobody
    ("the rebels", None),               # no focus country
])
def test_resolve_actor_leaves_unknown_without_id(text, ctx, reg):
    actor_id, _, name = resolve_actor(text, ctx, reg)
    assert actor_id is None and name == text


def test_resolve_actor_kind_follows_words_and_focus(reg):
    assert resolve_actor("the Syrian government", SYRIA, reg)[1] == "government"
    assert resolve_actor("Syrian army troops", SYRIA, reg)[1] == "state_forces"
    assert resolve_actor("Iraqi forces", IRAQ, reg)[1] == "state_forces"
    assert resolve_actor("Iraqi forces", SYRIA, reg)[1] == "foreign_state"
    assert resolve_actor("ISIS", SYRIA, reg)[1] == "armed_group"


@pytest.mark.parametrize("text,found", [
    ("IS fighters entered the town", ["IS fighters"]),
    ("IS said it carried out the attack", ["IS"]),
    ("It is not clear who is in charge", []),
    ("WHAT IS LEFT OF THE POCKET IS NOW EMPTY", []),
    ("they told us the US had left", ["US"]),
])
def test_find_phrases_short_acronyms_only_with_case(text, found, reg):
    assert [h.text for h in find_phrases(text, reg) if h.kind != "generic"] == found


def test_find_phrases_prefers_longest_and_merges_heads(reg):
    hits = find_phrases("Syrian regime troops and Hezbollah fighters attacked", reg)
    assert [(h.text, h.key) for h in hits] == [("Syrian regime troops", "SYR_GOV"),
                                               ("Hezbollah fighters", "HEZBOLLAH")]


def test_find_phrases_offsets_are_exact(reg):
    text = "Yesterday the Syrian Observatory for Human Rights and al-Masdar reported it."
    for h in find_phrases(text, reg):
        assert text[h.start:h.end] == h.text


def test_focus_country_counts_names_and_demonyms(reg):
    assert focus_country("Iraqi troops entered Kirkuk. Baghdad said Syria was quiet.", reg) == "IQ"
    assert focus_country("Rebels shelled Aleppo; Syrian jets answered.", reg) == "SY"
    assert focus_country("Nothing to see here.", reg) is None


def test_user_file_extends_registry(tmp_path):
    user = tmp_path / "my_actors.tsv"
    user.write_text("# source: test\n# licence: CC0\n"
                    "id\tname\tkind\tside\tcountry\taliases\tcased\tmetonyms\n"
                    "ZZ_BRIGADE\tZebra Brigade\tarmed_group\topposition\tSY\tZebra Brigade|the Zebras\t\t\n",
                    encoding="utf-8")
    reg = build_registry(None, str(user))
    assert resolve_actor("the Zebras", SYRIA, reg)[0] == "ZZ_BRIGADE"
    assert resolve_actor("the Zebras", SYRIA, build_registry())[0] is None


def test_find_phrases_cased_source_names_keep_their_case(reg):
    hits = find_phrases("Fighting in Sana'a went on, SANA said; rt if you agree, RT reported.", reg)
    assert [(h.text, h.key) for h in hits if h.kind == "source"] == [("SANA", "SANA"), ("RT", "RT")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_find_phrases_any_text_gives_exact_non_overlapping_spans(text):
    reg = build_registry()
    hits = find_phrases(text, reg)
    for a, b in zip(hits, hits[1:]):
        assert a.end <= b.start
    for h in hits:
        assert text[h.start:h.end] == h.text
    resolve_actor(text, SYRIA, reg)
    focus_country(text, reg)


@pytest.mark.parametrize("text,ctx,expected", [
    ("Haftar's troops", ActorContext("LY"), "LNA"),
    ("the US coalition", SYRIA, "COALITION"),
    ("the Saudi coalition", ActorContext("YE"), "SAUDI_COALITION"),
    ("Regime loyalists", SYRIA, "SYR_GOV"),
    ("loyalist forces", IRAQ, "IRQ_GOV"),
    ("Turkey-backed Syrian fighters", SYRIA, "SNA"),
    ("displaced Syrians", SYRIA, "CIVILIANS"),
])
def test_resolve_actor_possessives_loyalists_and_patrons(text, ctx, expected, reg):
    assert resolve_actor(text, ctx, reg)[0] == expected


@pytest.mark.parametrize("text,ctx,expected", [
    ("SAA units", SYRIA, "SYR_GOV"),                              # SouthFront, al-Masdar
    ("army units", SYRIA, "SYR_GOV"),                             # SANA
    ("terrorist organizations", SYRIA, "SYR_REBELS"),             # SANA on rebels
    ("Takfiri terrorists", SYRIA_IS, "ISIS"),                     # Press TV
    ("the Turkish occupation army", SYRIA, "TUR"),                # ANHA
    ("occupation mercenaries", SYRIA, "SNA"),                     # ANHA
    ("YPG/PKK", SYRIA, "SDF"),                                    # Anadolu
    ("Kurdistan Region's Peshmerga", IRAQ, "KRG"),                # Rudaw
])
def test_resolve_actor_outlet_vocabularies(text, ctx, expected, reg):
    assert resolve_actor(text, ctx, reg)[0] == expected


def test_focus_country_war_theatre_outweighs_intervening_power(reg):
    text = ("Turkish jets struck Kurdish positions in Syria. Turkey said the operation would go on; "
            "Ankara and Turkish officials rejected the criticism. Syrian Kurds fled.")
    assert focus_country(text, reg) == "SY"
