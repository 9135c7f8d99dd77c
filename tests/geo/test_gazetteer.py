"""The gazetteer file: built from sources, read-only lookups, user places, GeoNames imports."""
import sqlite3
import zipfile
from pathlib import Path

from marsad.config import load_config
from marsad.geo import dumps, gazetteer

GEO_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "geo"


def names(cands):
    return {(c.name, c.country) for c in cands}


def test_lookup_finds_curated_area_by_every_spelling(gz):
    for spelling in ("Eastern Ghouta", "East Ghouta", "eastern ghouta"):
        assert ("Eastern Ghouta", "SY") in names(gz.lookup(spelling))


def test_lookup_finds_admin1_by_alias_and_by_transliteration(gz):
    for spelling in ("Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor", "Deir al-Zor"):
        assert any(c.feature == "ADM1" and c.admin1 == "Deir ez-Zor" for c in gz.lookup(spelling))


def test_lookup_tolerates_close_misspelling(gz):
    found = gz.lookup("Easter Ghouta")
    assert ("Eastern Ghouta", "SY") in names(found)
    assert all(c.how in ("skeleton", "fuzzy") for c in found)


def test_lookup_without_fuzzy_refuses_misspelling(gz):
    assert gz.lookup("Easter Ghouta", fuzzy=False) == []


def test_lookup_does_not_fuzz_short_names(gz):
    assert gz.lookup("Hamx") == []


def test_user_place_is_found_without_code_change(gz):
    found = gz.lookup("Kfar Testoun")
    assert [(c.name, c.source, c.admin1) for c in found] == [("Kafr Testun", "user", "Idlib")]


def test_imported_places_keep_feature_population_and_admin1(gz):
    paris = {c.admin1: c for c in gz.lookup("Paris") if c.country == "US"}
    assert set(paris) == {"Texas", "Tennessee"}
    assert paris["Texas"].population == 24782 and paris["Texas"].feature == "PPL"
    aleppo = [c for c in gz.lookup("Halab") if c.feature == "PPLA"]
    assert aleppo and aleppo[0].admin1 == "Aleppo"


def test_inputs_hash_changes_with_user_file(tmp_path):
    user = tmp_path / "mine.tsv"
    user.write_text((GEO_FIXTURES / "user_places.tsv").read_text(encoding="utf-8"))
    cfg = load_config(geo__cache_dir=str(tmp_path), geo__user_places=str(user))
    before = gazetteer.db_path(cfg)
    user.write_text(user.read_text(encoding="utf-8") + "Tell Newplace\t\tPPL\ttown\t35\t37\tHama\tSY\t\n")
    assert gazetteer.db_path(cfg) != before


def _small_db(tmp_path):
    cfg = load_config(geo__cache_dir=str(tmp_path), geo__sources=["admin1"])
    return gazetteer.build(cfg)


def test_import_reads_zipped_country_file_and_skips_bad_lines(tmp_path):
    db = _small_db(tmp_path)
    archive = tmp_path / "XX.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(GEO_FIXTURES / "places_sample.txt", "XX.txt")
        z.writestr("readme.txt", "not data")
    counts = dumps.import_into(db, [archive])
    assert counts["XX.zip"] == 18 and counts["XX.zip:bad_lines"] == 1
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM place WHERE geonameid = 99072").fetchone() == (1,)


def test_import_twice_updates_instead_of_duplicating(tmp_path):
    db = _small_db(tmp_path)
    sample = GEO_FIXTURES / "places_sample.txt"
    dumps.import_into(db, [sample])
    dumps.import_into(db, [sample])
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM place WHERE geonameid = 2988507").fetchone() == (1,)


def test_import_alternate_names_adds_latin_spellings_of_known_places(tmp_path):
    db = _small_db(tmp_path)
    counts = dumps.import_into(db, [GEO_FIXTURES / "places_sample.txt",
                                    GEO_FIXTURES / "alternateNamesV2.txt"])
    assert counts["alternateNamesV2.txt"] == 1
    assert counts["alternateNamesV2.txt:bad_lines"] == 1
    g = gazetteer.Gazetteer(db)
    assert [c.geonameid for c in g.lookup("Mossoul City")] == [99072]


def test_import_admin1_codes_names_units_without_a_name(tmp_path):
    cfg = load_config(geo__cache_dir=str(tmp_path), geo__sources=["regions"])
    db = gazetteer.build(cfg)
    dumps.import_into(db, [GEO_FIXTURES / "places_sample.txt"])
    dumps.import_into(db, [GEO_FIXTURES / "admin1CodesASCII.txt"])
    g = gazetteer.Gazetteer(db)
    assert {c.admin1 for c in g.lookup("Lagos")} == {"Lagos State"}
    assert {c.admin1 for c in g.lookup("Aleppo") if c.feature == "PPLA"} == {"Aleppo"}


def test_rebuild_keeps_earlier_imports(tmp_path):
    db = _small_db(tmp_path)
    dumps.import_into(db, [GEO_FIXTURES / "places_sample.txt"])
    again = gazetteer.build(load_config(geo__cache_dir=str(tmp_path), geo__sources=["admin1"]))
    assert gazetteer.Gazetteer(again).lookup("Mosul")


def test_gazetteer_opens_read_only(gz):
    try:
        gz.con.execute("DELETE FROM place")
    except sqlite3.OperationalError as e:
        assert "readonly" in str(e)
    else:
        raise AssertionError("the gazetteer accepted a write")


def test_malformed_user_file_rows_are_skipped(tmp_path):
    user = tmp_path / "mine.tsv"
    user.write_bytes(b"# source: me\nname\taliases\tfeature\tprecision\tlat\tlon\tadmin1\tcountry\n"
                     b"Good Place\t\tPPL\ttown\t35.1\t36.2\tHama\tSY\textra\tfields\n"
                     b"Short\trow\n"
                     b"No Centre\t\tPPL\ttown\tnorth\teast\tHama\tSY\n"
                     b"Bad \xff Bytes\t\tPPL\ttown\t35.2\t36.3\tHama\tSY\n")
    cfg = load_config(geo__cache_dir=str(tmp_path), geo__sources=["user"],
                      geo__user_places=str(user))
    g = gazetteer.Gazetteer(gazetteer.build(cfg))
    assert [c.name for c in g.lookup("Good Place")] == ["Good Place"]
    assert g.lookup("Short") == [] and g.lookup("No Centre") == []
    assert g.stats()["places"] == 2


def test_build_removes_unfinished_builds_of_dead_processes_and_keeps_live_ones(tmp_path):
    import os
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    dead = tmp_path / f"gazetteer-0123.tmp{gone}"
    live = tmp_path / f"gazetteer-0123.tmp{os.getppid()}"
    for f in (dead, live):
        f.write_bytes(b"half a gazetteer")
    gazetteer.build(load_config(geo__cache_dir=str(tmp_path), geo__sources=["admin1"]))
    assert not dead.exists() and live.exists()


def test_failed_build_leaves_no_half_written_file(tmp_path, monkeypatch):
    import pytest

    from marsad.geo import sources

    def broken(cfg):
        raise OSError("disk full")
        yield  # a generator, as the real one

    monkeypatch.setattr(sources, "all_sources", broken)
    with pytest.raises(OSError):
        gazetteer.build(load_config(geo__cache_dir=str(tmp_path), geo__sources=["admin1"]))
    assert list(tmp_path.glob("gazetteer-*")) == []
