"""Shingles, MinHash and band keys: the pure functions behind near-duplicate linking."""
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.store import dedup

SETTINGS = dedup.DedupSettings()


def edited_first_line(text: str, new_line: str) -> str:
    """A syndicated copy: the outlet rewrote the headline and kept the rest."""
    first, rest = text.split("\n", 1)
    return new_line + "\n" + rest


def test_words_ignores_case_spacing_and_punctuation():
    assert dedup.words("Forty  buses, LEFT\nTal-Hamra!") == ["forty", "buses", "left", "tal", "hamra"]


def test_shingles_of_short_text_is_the_whole_text():
    assert dedup.shingles(["two", "words"], 3) == frozenset({"two words"})
    assert dedup.shingles([], 3) == frozenset()
    assert dedup.shingles("a b c d e".split(), 3) == frozenset({"a b c", "b c d", "c d e"})


def test_jaccard_of_identical_and_disjoint_sets():
    assert dedup.jaccard(frozenset("ab"), frozenset("ab")) == 1.0
    assert dedup.jaccard(frozenset("ab"), frozenset("c")) == 0.0
    assert dedup.jaccard(frozenset("abc"), frozenset("bcd")) == 0.5


def test_minhash_is_deterministic_and_has_one_value_per_permutation():
    s = dedup.shingles(dedup.words("the convoy left the town at dawn on Tuesday"), 3)
    assert dedup.minhash(s, 60) == dedup.minhash(set(s), 60)
    assert len(dedup.minhash(s, 60)) == 60
    assert dedup.minhash(frozenset(), 60) == ()


@settings(max_examples=50, deadline=None)
@given(st.frozensets(st.text(min_size=1, max_size=12), min_size=1, max_size=40),
       st.frozensets(st.text(min_size=1, max_size=12), min_size=1, max_size=40))
def test_minhash_of_union_is_elementwise_min(a, b):
    union = dedup.minhash(a | b, 16)
    assert union == tuple(min(x, y) for x, y in zip(dedup.minhash(a, 16), dedup.minhash(b, 16)))


def test_minhash_agreement_estimates_jaccard():
    a = frozenset(f"shingle {i}" for i in range(0, 3000))
    b = frozenset(f"shingle {i}" for i in range(1000, 4000))    # Jaccard 2000/4000 = 0.5
    sig_a, sig_b = dedup.minhash(a, 400), dedup.minhash(b, 400)
    agreement = sum(x == y for x, y in zip(sig_a, sig_b)) / 400
    assert abs(agreement - 0.5) < 0.1


def test_band_keys_depend_on_band_position():
    same_values = (7, 8, 9, 7, 8, 9)
    keys = dedup.band_keys(same_values, 3)
    assert len(keys) == 2 and keys[0] != keys[1]
    assert all(0 <= k < 2**63 for k in keys)


def test_fingerprint_is_none_for_a_body_too_short_to_compare():
    assert dedup.fingerprint("Clashes reported near the town.", SETTINGS) is None
    assert dedup.fingerprint("", SETTINGS) is None


def test_fingerprint_body_hash_ignores_spacing_and_case(fixtures_dir):
    body = (fixtures_dir / "store" / "evacuation_deal.txt").read_text(encoding="utf-8")
    reflowed = body.upper().replace("\n\n", "\n").replace(" ", "  ")
    assert dedup.fingerprint(body, SETTINGS).body_hash == dedup.fingerprint(reflowed, SETTINGS).body_hash


def test_fingerprint_edited_copy_shares_a_band_and_passes_threshold(fixtures_dir):
    for name in ("evacuation_deal.txt", "dam_offensive.txt", "second_evacuation.txt"):
        body = (fixtures_dir / "store" / name).read_text(encoding="utf-8")
        copy = edited_first_line(body, "EXCLUSIVE: what our correspondent saw on the ground today")
        original, syndicated = dedup.fingerprint(body, SETTINGS), dedup.fingerprint(copy, SETTINGS)
        assert original.body_hash != syndicated.body_hash
        assert set(original.bands) & set(syndicated.bands), name
        assert dedup.similarity(body, copy, SETTINGS) >= SETTINGS.threshold


def test_fingerprint_different_stories_on_one_topic_share_no_band(fixtures_dir):
    a = (fixtures_dir / "store" / "evacuation_deal.txt").read_text(encoding="utf-8")
    b = (fixtures_dir / "store" / "second_evacuation.txt").read_text(encoding="utf-8")
    assert not set(dedup.fingerprint(a, SETTINGS).bands) & set(dedup.fingerprint(b, SETTINGS).bands)
    assert dedup.similarity(a, b, SETTINGS) < SETTINGS.threshold


def test_dedup_settings_read_from_config():
    from marsad.config import load_config

    cfg = load_config(store__dedup_threshold=0.8, store__dedup_bands=10)
    s = dedup.DedupSettings.from_config(cfg)
    assert s.threshold == 0.8 and s.bands == 10 and s.rows == SETTINGS.rows


def test_fingerprint_separates_the_dev_reports_and_finds_their_edited_copies(shared_dir):
    texts = [p.read_text(encoding="utf-8") for p in sorted((shared_dir / "dev-extra").glob("*.txt"))]
    prints = [dedup.fingerprint(t, SETTINGS) for t in texts]
    for i, (text, fp) in enumerate(zip(texts, prints)):
        for other, other_fp in zip(texts[i + 1:], prints[i + 1:]):
            shares_band = set(fp.bands) & set(other_fp.bands)
            assert not shares_band or dedup.similarity(text, other, SETTINGS) < SETTINGS.threshold
        copy = edited_first_line(text.lstrip(), "Reposted from a partner outlet with permission")
        assert set(fp.bands) & set(dedup.fingerprint(copy, SETTINGS).bands)
