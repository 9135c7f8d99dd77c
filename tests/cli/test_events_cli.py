"""`marsad events` as a user runs it, over the hand-written sample store."""
import csv
import io
import json

import pytest

from tests.export.sample_store import build_sample_store
from marsad.cli import main
from marsad.cli.events import TABLE, print_table
from marsad.export.flat import COLUMNS, flat_row
from marsad.records import EventRecord, event_from_dict, to_dict


@pytest.fixture
def db(tmp_path, cfg):
    return build_sample_store(str(tmp_path / "s.db"), cfg)


def run(capsys, *args):
    status = main(["events", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_events_jsonl_prints_valid_contract_records_in_order(capsys, db):
    status, out, _ = run(capsys, "--db", db)
    records = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and len(records) == 7
    assert records[0]["event_id"] == "iraq-wire/e2" and records[-1]["date"] is None
    for r in records:
        assert list(r) == list(EventRecord.__dataclass_fields__)
        assert to_dict(event_from_dict(r)) == r


def test_events_filters_reach_the_store(capsys, db):
    _, out, _ = run(capsys, "--db", db, "--type", "assault", "--place", "SY", "--since", "2018-06")
    assert [json.loads(line)["event_id"] for line in out.splitlines()] == ["south-blog/e1"]
    _, out, _ = run(capsys, "--db", db, "--actor", "SYR_GOV", "--section", "article",
                    "--status", "occurred", "--source", "", "--doc", "south-blog")
    assert [json.loads(line)["event_id"] for line in out.splitlines()] == ["south-blog/e2"]


def test_events_limit(capsys, db):
    _, out, _ = run(capsys, "--db", db, "--limit", "2")
    assert len(out.splitlines()) == 2


def test_events_csv_has_the_flat_columns_and_survives_newlines(capsys, db):
    _, out, _ = run(capsys, "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert list(rows[0]) == list(COLUMNS) and len(rows) == 7
    planned = next(r for r in rows if r["status"] == "planned")
    assert planned["evidence"] == ("A deal lets 1,500 civilians leave;\n"
                                   "buses will take them to Idlib.")
    assert planned["quantities"] == "1500 civilians; ~300-500 fighters"


def test_events_table_piped_is_plain_text_one_line_per_event(capsys, db):
    _, out, _ = run(capsys, "--db", db, "--format", "table")
    lines = out.splitlines()
    assert lines[0].split() == [title for title, _ in TABLE]
    assert len(lines) == 8 and "\x1b[" not in out
    assert lines[1].split()[:3] == ["2017-06-30", "iraq-wire/e2", "COERCE"]


def test_print_table_on_a_terminal_draws_a_rich_table(db, cfg, monkeypatch):
    from marsad.store import open_store

    monkeypatch.setenv("COLUMNS", "200")  # a wide terminal, so no cell wraps

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    with open_store(db, cfg) as store:
        rows = [flat_row(e) for e in store.query_events()]
    out = Terminal()
    print_table(rows, out)
    assert "┃" in out.getvalue() or "│" in out.getvalue()
    assert "Saraqib" in out.getvalue()


@pytest.mark.parametrize("args, message", [
    (["--since", "2018-13-01"], "--since"),
    (["--type", "BOMBARD"], "--type"),
    (["--status", "rumoured"], "--status"),
])
def test_events_bad_filter_is_a_message_and_exit_1(capsys, db, args, message):
    status, out, err = run(capsys, "--db", db, *args)
    assert status == 1 and out == "" and message in err


def test_events_missing_database_is_exit_1(capsys, tmp_path):
    status, _, err = run(capsys, "--db", str(tmp_path / "absent.db"))
    assert status == 1 and "no Marsad database" in err
    assert not (tmp_path / "absent.db").exists()
