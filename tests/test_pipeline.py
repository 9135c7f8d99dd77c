import types

import pytest

from marsad.pipeline import PipelineError, Stage, check_order, explain, load_stage


def _stage(name, requires, assigns):
    return Stage(name, types.SimpleNamespace(REQUIRES=requires, ASSIGNS=assigns, run=None))


def test_check_order_accepts_satisfied_requirements():
    check_order([_stage("a", (), ("x",)), _stage("b", ("x",), ("y",))])


def test_check_order_refuses_unmet_requirement():
    with pytest.raises(PipelineError, match="needs y"):
        check_order([_stage("a", (), ("x",)), _stage("b", ("y",), ())])


def test_load_stage_unknown_name_is_a_clear_error():
    with pytest.raises(PipelineError, match="unknown stage"):
        load_stage("nope")


def test_explain_lists_ingest_and_nlp():
    rows = {r[0]: r for r in explain(["ingest", "nlp"])}
    assert "body" in rows["ingest"][2]
    assert "sentences" in rows["nlp"][2]


def _pipeline_with_stage(monkeypatch, name, run):
    import sys

    from marsad import pipeline as pl

    module = types.ModuleType(f"marsad_test_{name}")
    module.REQUIRES, module.ASSIGNS, module.run = ("body",), ("events",), run
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(pl.STAGES, name, module.__name__)
    return pl


def test_process_skips_a_document_over_its_time_budget_and_goes_on(monkeypatch):
    import time

    from marsad.config import load_config
    from marsad.document import RawInput
    from marsad.errors import TIMEOUT

    def slow_on_hang(doc, cfg):
        if "hang" in doc.body:
            time.sleep(5)

    pl = _pipeline_with_stage(monkeypatch, "sleepy", slow_on_hang)
    cfg = load_config(pipeline__doc_seconds=0.3, pipeline__seconds_per_mb=0)
    pipe = pl.Pipeline(["ingest", "sleepy"], cfg)
    raws = [RawInput(n, n, f"Title\n\nThe {w} report about shelling in Hama.".encode())
            for n, w in (("a", "first"), ("b", "hang"), ("c", "third"))]
    errors = []
    start = time.monotonic()
    done = [d.doc_id for d in pipe.process(raws, on_error=errors.append)]
    assert done == ["a", "c"]
    assert [(e.origin, e.code) for e in errors] == [("b", TIMEOUT)]
    assert time.monotonic() - start < 4


def test_process_reports_a_stage_bug_as_internal_error_and_keeps_the_rest(monkeypatch):
    from marsad.config import load_config
    from marsad.document import RawInput
    from marsad.errors import INTERNAL

    def broken_on_boom(doc, cfg):
        if "boom" in doc.body:
            raise ValueError("bad span")

    pl = _pipeline_with_stage(monkeypatch, "buggy", broken_on_boom)
    pipe = pl.Pipeline(["ingest", "buggy"], load_config())
    raws = [RawInput(n, n, f"Title\n\nA {w} report about clashes near Idlib.".encode())
            for n, w in (("a", "calm"), ("b", "boom"), ("c", "quiet"))]
    errors = []
    assert [d.doc_id for d in pipe.process(raws, on_error=errors.append)] == ["a", "c"]
    assert errors[0].origin == "b" and errors[0].code == INTERNAL and "bad span" in str(errors[0])
