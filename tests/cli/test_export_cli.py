"""`marsad export` as a user runs it: every format to a file and to stdout, the
messages on stderr, and one end-to-end run over examples/ through `marsad ingest`."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.export.sample_store import build_sample_store
from marsad.cli import main
from marsad.export import EXPORTERS
from marsad.export.acled_csv import COLUMNS as ACLED_COLUMNS
from marsad.records import EventRecord

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def db(tmp_path, cfg):
    return build_sample_store(str(tmp_path / "s.db"), cfg)


def run(capsys, *args):
    status = main(["export", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_export_acled_csv_to_stdout_reports_skipped_statements(capsys, db):
    status, out, err = run(capsys, "--db", db, "--format", "acled-csv")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert status == 0 and len(rows) == 6
    assert "1 event(s) with no ACLED type" in err and "6 event(s) exported as acled-csv" in err
    status, out, err = run(capsys, "--db", db, "--format", "acled-csv", "--all")
    assert len(list(csv.DictReader(io.StringIO(out, newline="")))) == 7
    assert "no ACLED type" not in err


def test_export_filters_apply(capsys, db):
    _, out, err = run(capsys, "--db", db, "--format", "plover-json", "--place", "IQ")
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["iraq-wire/e2",
                                                                    "iraq-wire/e1"]
    assert "2 event(s) exported as plover-json (place=IQ)" in err


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_export_each_format_to_a_file(capsys, db, tmp_path, fmt):
    target = tmp_path / f"out{EXPORTERS[fmt].suffix}"
    status, out, err = run(capsys, "--db", db, "--format", fmt, "-o", str(target))
    assert status == 0 and out == "" and "exported as " + fmt in err
    assert target.stat().st_size > 0


def test_export_file_and_stdout_hold_the_same_text(capsys, db, tmp_path):
    target = tmp_path / "out.geojson"
    run(capsys, "--db", db, "--format", "geojson", "-o", str(target))
    _, out, _ = run(capsys, "--db", db, "--format", "geojson")
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(out)


def test_export_parquet_needs_an_output_file(capsys, db):
    status, out, err = run(capsys, "--db", db, "--format", "parquet")
    assert status == 1 and out == "" and "-o FILE" in err


def test_export_unwritable_output_names_the_file(capsys, db, tmp_path):
    target = tmp_path / "no-such-dir" / "x.csv"
    status, _, err = run(capsys, "--db", db, "--format", "csv", "-o", str(target))
    assert status == 1 and str(target) in err


def test_export_never_writes_over_the_database(capsys, db):
    before = Path(db).read_bytes()
    status, _, err = run(capsys, "--db", db, "--format", "csv", "-o", db)
    assert status == 1 and "database itself" in err
    assert Path(db).read_bytes() == before


def test_export_unknown_format_is_refused(capsys, db):
    with pytest.raises(SystemExit):
        main(["export", "--db", db, "--format", "kml"])


@pytest.mark.slow
def test_export_end_to_end_over_examples(tmp_path):
    """Structure only: the extractor's output changes as it improves."""
    db = str(tmp_path / "ex.db")

    def marsad(*args):
        return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True,
                              text=True, timeout=500)

    assert marsad("ingest", str(EXAMPLES), "--db", db).returncode == 0
    events = [json.loads(line) for line in marsad("events", "--db", db).stdout.splitlines()]
    assert events and all(list(e) == list(EventRecord.__dataclass_fields__) for e in events)
    dates = [e["date"] for e in events]
    n_dated = sum(d is not None for d in dates)
    assert None not in dates[:n_dated] and dates[:n_dated] == sorted(dates[:n_dated])
    acled = marsad("export", "--db", db, "--format", "acled-csv", "--all")
    rows = list(csv.DictReader(io.StringIO(acled.stdout, newline="")))
    assert acled.returncode == 0 and list(rows[0]) == list(ACLED_COLUMNS)
    assert [r["event_id_cnty"] for r in rows] == [e["event_id"] for e in events]
    fc = json.loads(marsad("export", "--db", db, "--format", "geojson").stdout)
    assert fc["type"] == "FeatureCollection"
    assert {f["id"] for f in fc["features"]} <= {e["event_id"] for e in events}
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    target = tmp_path / "ex.parquet"
    assert marsad("export", "--db", db, "--format", "parquet", "-o", str(target)).returncode == 0
    pq = pytest.importorskip("pyarrow.parquet")
    assert pq.read_table(target).column("event_id").to_pylist() == [e["event_id"] for e in events]
