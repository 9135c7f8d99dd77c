"""The exporter registry: built-ins registered by name, a new format plugs in."""
import io

import pytest

from marsad.errors import UsageError
from marsad.export import EXPORTERS, Exporter, ExportReport, export, export_to, register
from marsad.store.filters import EventFilter


def test_exporters_registry_holds_the_built_in_formats():
    assert {"jsonl", "csv", "acled-csv", "plover-json", "geojson", "parquet"} <= set(EXPORTERS)
    assert EXPORTERS["parquet"].binary and EXPORTERS["parquet"].needs_file
    assert not any(e.needs_file for name, e in EXPORTERS.items() if name != "parquet")


def test_register_adds_a_format_that_export_uses(store, stored):
    def write_ids(events, out, ctx):
        report = ExportReport()
        for e in events:
            out.write(e.event_id + "\n")
            report.written += 1
        return report

    register(Exporter("ids", "event ids", write_ids))
    try:
        out = io.StringIO()
        report = export(store, "ids", EventFilter(status="occurred"), out)
        expected = [i for i, e in stored.items() if e.status == "occurred"]
        assert out.getvalue().split() == expected and report.written == len(expected)
    finally:
        del EXPORTERS["ids"]


def test_jsonl_export_prints_the_stored_records(store, stored):
    from marsad.records import to_json

    out = io.StringIO()
    export(store, "jsonl", EventFilter(), out)
    assert out.getvalue().splitlines() == [to_json(e) for e in stored.values()]


def test_export_to_a_failing_write_leaves_the_older_file_whole(store, tmp_path):
    def write_then_fail(events, out, ctx):
        out.write("half a line")
        raise OSError(28, "No space left on device")

    target = tmp_path / "events.txt"
    target.write_text("the older export\n", encoding="utf-8")
    register(Exporter("failing", "fails half way", write_then_fail))
    try:
        with pytest.raises(UsageError, match="No space left"):
            export_to(store, "failing", EventFilter(), str(target))
    finally:
        del EXPORTERS["failing"]
    assert target.read_text(encoding="utf-8") == "the older export\n"
    assert not (tmp_path / "events.txt.part").exists()


def test_export_to_a_file_writes_what_export_writes(store, tmp_path):
    out = io.StringIO()
    export(store, "plover-json", EventFilter(), out)
    target = tmp_path / "p.jsonl"
    report = export_to(store, "plover-json", EventFilter(), str(target))
    assert target.read_text(encoding="utf-8") == out.getvalue()
    assert report.written == len(out.getvalue().splitlines())
