"""The `plover-json` format: PLOVER/POLECAT records, one per line, that read back
to what the store holds."""
import io
import json

from marsad.export import ExportContext, export
from marsad.export.base import main_place
from marsad.export.plover_json import coder, event_loc, plover_record
from marsad.records import to_dict
from marsad.store.filters import EventFilter


def read_back(store):
    out = io.StringIO()
    export(store, "plover-json", EventFilter(), out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_plover_json_round_trips_ids_types_dates_actors_places_and_fatalities(store, stored):
    records = read_back(store)
    assert [r["id"] for r in records] == list(stored)
    for r in records:
        e = stored[r["id"]]
        assert (r["event"], r["mode"], r["date"]) == (e.type, e.mode, e.date)
        assert [a["identifier_id"] for a in r["source"]] == ([e.actor.id] if e.actor else [])
        assert [a["actor_text"] for a in r["target"]] == ([e.recipient.name] if e.recipient else [])
        _, place = main_place(e)
        assert (r["event_loc"] and (r["event_loc"]["lat"], r["event_loc"]["lon"])) == (
            place and (place.lat, place.lon))
        assert r["marsad"]["fatalities"] == e.fatalities
        assert r["event_text"] == " ".join(ev.text for ev in e.evidence)
        assert r["marsad"]["evidence"] == to_dict(e.evidence)


def test_plover_record_cites_the_document_and_names_the_coder(store, stored):
    r = plover_record(stored["north-report/e1"], ExportContext(document=store.document))
    assert r["cite_info"]["url"] == "https://levant-wire.example/north"
    assert r["cite_info"]["publication"] == "Levant Wire"
    assert r["coder"] == coder() and coder().startswith("marsad ")
    assert r["source"][0] == {"actor_text": "Russian jets", "identifier_id": "RUS", "code": "RUS",
                              "sector": "MIL"}
    assert r["dead"] == 11


def test_plover_record_status_becomes_a_modality_context(stored):
    assert plover_record(stored["north-report/e2"], ExportContext())["context"] == ["future"]
    assert plover_record(stored["iraq-wire/e1"], ExportContext())["context"] == ["negation"]
    assert plover_record(stored["iraq-wire/e2"], ExportContext())["context"] == []


def test_plover_record_without_a_document_has_empty_cite_info(stored):
    r = plover_record(stored["south-blog/e1"], ExportContext())
    assert set(r["cite_info"].values()) == {None}
    assert r["target"][0]["code"] == "SYR"  # SYR_GOV's home state


def test_event_loc_is_geonames_shaped(stored):
    loc = event_loc(stored["iraq-wire/e1"].location)
    assert (loc["geonameid"], loc["feature_class"], loc["feature_code"]) == (99072, "P", "PPL")
    assert (loc["country_code"], loc["cc3"], loc["admin1"]) == ("IQ", "IRQ", "Nineveh")
    assert event_loc(None) is None
