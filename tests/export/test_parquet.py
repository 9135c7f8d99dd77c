"""The `parquet` format: typed flat columns, nested fields as JSON, the whole record."""
import json

import pytest

from marsad.export import ExportContext
from marsad.export.flat import COLUMNS
from marsad.export.parquet import NESTED, write_parquet
from marsad.records import event_from_dict, to_dict

pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")


def write(tmp_path, store):
    path = tmp_path / "events.parquet"
    with open(path, "wb") as out:
        report = write_parquet(store.query_events(), out, ExportContext())
    return pq.read_table(path), report


def test_parquet_round_trips_every_record_exactly(tmp_path, store, stored):
    table, report = write(tmp_path, store)
    assert report.written == table.num_rows == len(stored)
    records = [event_from_dict(json.loads(r)) for r in table.column("record").to_pylist()]
    assert [to_dict(r) for r in records] == [to_dict(e) for e in stored.values()]


def test_parquet_columns_are_typed(tmp_path, store, stored):
    table, _ = write(tmp_path, store)
    assert table.schema.names == list(COLUMNS) + [f"{k}_json" for k in NESTED] + ["record"]
    rows = {r["event_id"]: r for r in table.to_pylist()}
    saraqib = rows["north-report/e1"]
    assert (saraqib["place_lat"], saraqib["place_lon"], saraqib["fatalities"],
            saraqib["confirmed"]) == (35.8623, 36.8062, 11, False)
    assert rows["north-report/e3"]["place_lat"] is None
    assert json.loads(saraqib["sources_json"])[0]["id"] == "SOHR"
    actor = to_dict(stored["north-report/e2"].actor)
    assert rows["north-report/e2"]["actor_json"] == json.dumps(actor, ensure_ascii=False)


def test_parquet_of_no_events_is_a_readable_empty_table(tmp_path):
    path = tmp_path / "empty.parquet"
    with open(path, "wb") as out:
        write_parquet([], out, ExportContext())
    table = pq.read_table(path)
    assert table.num_rows == 0 and "record" in table.schema.names
