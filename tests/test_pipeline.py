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
