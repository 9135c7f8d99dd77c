"""The dask engine on a real LocalCluster (two worker processes): the same shards as the
local engine, failures included."""
from __future__ import annotations

import pytest

pytest.importorskip("distributed", reason="the dask extra is not installed")

from marsad.batch import run  # noqa: E402
from marsad.batch.shards import canonical_content  # noqa: E402


def test_dask_local_cluster_writes_what_the_local_engine_writes(local_run, batch_inputs,
                                                                small_chunks_cfg, tmp_path):
    local_out, local_summary = local_run
    out = tmp_path / "dask"
    summary = run([str(batch_inputs)], out, small_chunks_cfg, engine="dask", workers=2)
    assert summary.dashboard and summary.dashboard.startswith("http")
    assert (summary.documents, summary.failed, summary.chunks) == \
        (local_summary.documents, local_summary.failed, local_summary.chunks)
    dask_rows = canonical_content(out)
    assert dask_rows == canonical_content(local_out)
    assert dask_rows["failures"] and dask_rows["events"]
    assert sorted(p.relative_to(out) for p in out.rglob("*.parquet")) == \
        sorted(p.relative_to(local_out) for p in local_out.rglob("*.parquet"))
