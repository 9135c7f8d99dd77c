"""The `acled-csv` format: ACLED's columns, precision codes, inter values, sources,
statements skipped unless asked, and rows that read back to the store."""
import csv
import io
from datetime import datetime, timezone

from marsad.export import ExportContext
from marsad.export.acled_csv import COLUMNS, acled_row, write_acled_csv
from marsad.records import to_dict


def write(store, keep_all=False):
    out = io.StringIO()
    ctx = ExportContext(document=store.document, keep_all=keep_all,
                        now=datetime(2024, 1, 2, tzinfo=timezone.utc))
    report = write_acled_csv(store.query_events(), out, ctx)
    return list(csv.DictReader(io.StringIO(out.getvalue(), newline=""))), report, out.getvalue()


def test_acled_csv_header_is_acled_columns_in_order(store):
    _, _, text = write(store)
    assert text.splitlines()[0].split(",") == list(COLUMNS)
    assert len(COLUMNS) == 31


def test_acled_csv_skips_statements_and_says_how_many(store, stored):
    rows, report, _ = write(store)
    assert "north-report/e3" not in {r["event_id_cnty"] for r in rows}
    assert report.written == len(stored) - 1
    assert any(note.startswith("1 event(s) with no ACLED type") for note in report.notes)


def test_acled_csv_all_keeps_statements(store, stored):
    rows, report, _ = write(store, keep_all=True)
    assert [r["event_id_cnty"] for r in rows] == list(stored)
    assert report.notes == []
    assert rows[-1]["event_type"] == ""


def test_acled_csv_round_trips_ids_types_dates_coordinates_and_fatalities(store, stored):
    rows, _, _ = write(store)
    for row in rows:
        e = stored[row["event_id_cnty"]]
        assert (row["event_type"], row["sub_event_type"]) == (e.acled.event_type,
                                                              e.acled.sub_event_type)
        assert row["fatalities"] == str(e.fatalities or 0)
        assert row["year"] == (e.date or "")[:4]
        if e.date and len(e.date) == 10:
            assert (row["event_date"], row["time_precision"]) == (e.date, "1")
    saraqib = next(r for r in rows if r["event_id_cnty"] == "north-report/e1")
    assert (float(saraqib["latitude"]), float(saraqib["longitude"])) == (35.8623, 36.8062)


def test_acled_row_conventions_for_an_airstrike_on_civilians(store, stored):
    ctx = ExportContext(document=store.document, now=datetime(2024, 1, 2, tzinfo=timezone.utc))
    row = acled_row(stored["north-report/e1"], ctx)
    assert row["disorder_type"] == "Political violence"
    assert (row["actor1"], row["inter1"]) == ("Russia", "External/Other forces")  # registry name
    assert (row["actor2"], row["inter2"]) == ("Civilians (Syria)", "Civilians")
    assert row["interaction"] == "External/Other forces-Civilians"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["iso"], row["country"], row["admin1"], row["location"]) == (760, "Syria", "Idlib",
                                                                            "Saraqib")
    assert row["geo_precision"] == 1
    assert row["source"] == "Levant Wire; Syrian Observatory for Human Rights"
    assert "unconfirmed" in row["tags"]
    assert row["notes"] == stored["north-report/e1"].evidence[0].text
    assert row["timestamp"] == int(datetime(2024, 1, 2, tzinfo=timezone.utc).timestamp())


def test_acled_row_month_date_is_coded_to_mid_month_and_place_falls_back(store, stored):
    row = acled_row(stored["north-report/e2"], ExportContext(document=store.document))
    assert (row["event_date"], row["time_precision"], row["year"]) == ("2018-05-15", 3, "2018")
    # no location: the destination, an admin1
    assert (row["location"], row["geo_precision"]) == ("Idlib governorate", 3)
    assert row["interaction"] == "Civilians only"
    assert row["civilian_targeting"] is None
    assert row["fatalities"] == 0


def test_acled_row_year_only_date_has_no_acled_date(store, stored):
    row = acled_row(stored["south-blog/e2"], ExportContext(document=store.document))
    assert (row["event_date"], row["time_precision"], row["year"]) == (None, None, "2018")
    assert row["source"] is None  # no outlet, no credited source
    assert (row["latitude"], row["longitude"]) == (None, None)


def test_acled_row_unknown_actor_keeps_the_words_of_the_text(stored):
    row = acled_row(stored["south-blog/e1"], ExportContext())
    assert (row["actor1"], row["inter1"]) == ("Militia fighters", "Rebel group")
    assert "reader comment" in row["tags"]


def test_acled_row_leaves_the_record_untouched(stored):
    before = to_dict(stored["north-report/e1"])
    acled_row(stored["north-report/e1"], ExportContext())
    assert to_dict(stored["north-report/e1"]) == before
