"""The `csv` format: flat rows that read back to what the store holds."""
import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.export import ExportContext, export
from marsad.export.base import main_place
from marsad.export.flat import COLUMNS, FORMULA_STARTS, quantity_text, safe_cell, write_csv
from marsad.records import Quantity, event_from_dict
from marsad.store.filters import EventFilter


def read_back(store, filters=None):
    out = io.StringIO()
    export(store, "csv", filters or EventFilter(), out)
    return list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))


def test_csv_round_trips_ids_types_dates_places_actors_and_fatalities(store, stored):
    rows = read_back(store)
    assert [r["event_id"] for r in rows] == list(stored)
    for row in rows:
        e = stored[row["event_id"]]
        role, place = main_place(e)
        assert (row["doc_id"], row["type"], row["mode"] or None, row["date"] or None,
                row["status"]) == (e.doc_id, e.type, e.mode, e.date, e.status)
        assert row["actor_id"] == ((e.actor and e.actor.id) or "")
        assert row["place_role"] == (role or "")
        assert row["place_lat"] == ("" if not place or place.lat is None else str(place.lat))
        assert row["fatalities"] == ("" if e.fatalities is None else str(e.fatalities))


def test_csv_quoting_survives_commas_quotes_and_newlines_in_evidence(store, stored):
    rows = {r["event_id"]: r for r in read_back(store)}
    for event_id in ("north-report/e1", "north-report/e2"):
        assert rows[event_id]["evidence"] == stored[event_id].evidence[0].text
    assert "\n" in rows["north-report/e2"]["evidence"]


def test_csv_cell_that_a_spreadsheet_would_run_gets_an_apostrophe(store, stored):
    rows = {r["event_id"]: r for r in read_back(store)}
    text = stored["north-report/e3"].evidence[0].text
    assert text.startswith("=")
    assert rows["north-report/e3"]["evidence"] == "'" + text


def test_safe_cell_leaves_numbers_and_plain_text_alone():
    assert safe_cell(-35.5) == "-35.5"
    assert safe_cell("Idlib") == "Idlib"
    assert safe_cell(None) == "" and safe_cell(False) == "false"
    assert safe_cell("+1 fighters") == "'+1 fighters"


def test_csv_header_is_the_documented_columns(store):
    out = io.StringIO()
    export(store, "csv", EventFilter(type="AID"), out)
    assert out.getvalue().rstrip("\r\n").split(",") == list(COLUMNS)


def test_quantity_text_shows_ranges_and_approximate_amounts():
    assert quantity_text(Quantity(400, 300, 500, "fighters", True, "")) == "~300-500 fighters"
    assert quantity_text(Quantity(1500, None, None, "civilians", False, "")) == "1500 civilians"
    assert quantity_text(Quantity(None, None, None, "buses", False, "buses")) == "? buses"


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_csv_any_text_reads_back_the_same(text):
    """Commas, quotes, CR/LF, NULs, right-to-left and formula starts all survive the
    writer and the reader (a guarded cell only gains its leading apostrophe)."""
    event = event_from_dict({"doc_id": "d", "event_id": "d/e1", "type": "ASSAULT",
                             "section": "article", "actor": {"id": None, "name": text,
                                                             "kind": None},
                             "evidence": [{"section": "article", "text": text}]})
    out = io.StringIO(newline="")
    write_csv([event], out, ExportContext())
    (row,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    for column in ("actor_name", "evidence"):
        cell = row[column]
        if text.startswith(FORMULA_STARTS):
            assert cell == "'" + text
        else:
            assert cell == text
