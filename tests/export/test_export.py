"""The exporter registry: built-ins registered by name, a new format plugs in."""
import io

from marsad.export import EXPORTERS, Exporter, ExportReport, export, register
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
