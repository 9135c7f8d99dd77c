"""The `dask` engine: chunks as tasks on a Dask cluster (Dask is an optional extra).

Without a scheduler address a `distributed.LocalCluster` starts here: `workers` worker
processes of one thread each. A worker plugin builds the pipeline once per worker when
the worker joins (models load once per worker, also on workers that join later), and
each task runs `marsad.workers.process_chunk` with it. At most a few tasks per worker
thread are outstanding, so the driver streams its inputs. A chunk whose task fails on
every retry (its worker died each time) becomes failures of its inputs; the job goes on.

Tasks run in a worker thread, where the per-document time budget (SIGALRM) cannot
apply: on Dask a pathological document is bounded by Dask's own worker health checks.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from distributed import Client, LocalCluster, as_completed, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from marsad.batch.plan import Chunk
from marsad.batch.shards import doc_rows
from marsad.config import Config
from marsad.errors import INTERNAL
from marsad.pipeline import Pipeline, register_stage
from marsad.workers import process_chunk, warm_up

PLUGIN = "marsad-pipeline"
TASKS_PER_THREAD = 2


class PipelinePlugin(WorkerPlugin):
    """Builds the pipeline when a worker starts and keeps it for the worker's tasks."""

    def __init__(self, stages: list[tuple[str, str]], cfg: Config):
        self.stages, self.cfg = stages, cfg
        self.pipeline: Pipeline | None = None

    def setup(self, worker) -> None:
        for name, module_path in self.stages:
            register_stage(name, module_path)
        self.pipeline = Pipeline([name for name, _ in self.stages], self.cfg)
        warm_up(self.pipeline)


def run_chunk(raws: list) -> list:
    """The task: one chunk through this worker's pipeline, as shard rows and failures."""
    return process_chunk(get_worker().plugins[PLUGIN].pipeline, raws, doc_rows)


def _has_bokeh() -> bool:
    import importlib.util

    return importlib.util.find_spec("bokeh") is not None


class DaskEngine:
    def __init__(self, stages: list[tuple[str, str]], cfg: Config, workers: int,
                 scheduler: str | None = None):
        self.cluster = None if scheduler else LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
        self.client = Client(scheduler or self.cluster)
        self.client.register_plugin(PipelinePlugin(stages, cfg), name=PLUGIN)
        self.dashboard = self.client.dashboard_link + ("" if _has_bokeh() else
                                                        " (shown once bokeh is installed)")

    def run(self, chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, list]]:
        threads = max(1, sum(self.client.nthreads().values()))
        limit = TASKS_PER_THREAD * threads
        running = as_completed()
        sent: dict[str, Chunk] = {}
        for n, chunk in enumerate(chunks):
            self._submit(n, chunk, running, sent)
            while running.count() >= limit:
                yield self._collect(next(running), sent)
        for future in running:
            yield self._collect(future, sent)

    def _submit(self, n: int, chunk: Chunk, running, sent: dict[str, Chunk]) -> None:
        # A key per submission (not per content), so two chunks never share one result.
        future = self.client.submit(run_chunk, chunk.raws, key=f"marsad-chunk-{n}-{chunk.key}")
        sent[future.key] = chunk
        running.add(future)

    @staticmethod
    def _collect(future, sent: dict[str, Chunk]) -> tuple[Chunk, list]:
        chunk = sent.pop(future.key)
        try:
            outcomes = future.result()
        except Exception as e:  # noqa: BLE001 - KilledWorker, or a result that does not unpickle
            outcomes = [(raw.origin, INTERNAL, f"its Dask task failed ({type(e).__name__}: {e})")
                        for raw in chunk.raws]
        future.release()
        return chunk, outcomes

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
