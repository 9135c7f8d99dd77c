"""Where chunks are processed: `local` (this process, or the spawned worker pool of
`marsad.workers`) or `dask` (a Dask cluster, `marsad.batch.dask_engine`).

An engine takes chunks and yields (chunk, outcomes), each outcome a `DocRows` (the shard
rows of one document, made in the worker) or a failure tuple (origin, code, reason).
Both engines run the same `marsad.workers.process_chunk`, so their rows are the same;
only the order in which chunks come back differs.
"""
from __future__ import annotations

from collections import deque
from typing import Iterable, Iterator, Protocol

from marsad.batch.plan import Chunk
from marsad.batch.shards import doc_rows
from marsad.config import Config
from marsad.errors import UsageError
from marsad.pipeline import Pipeline
from marsad.workers import outcomes_in_workers, process_chunk

ENGINES = ("local", "dask")


class Engine(Protocol):
    dashboard: str | None

    def run(self, chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, list]]: ...

    def close(self) -> None: ...


class LocalEngine:
    """One worker: the pipeline in this process; more: spawned worker processes, each
    loading the models once, chunks coming back in input order."""
    dashboard = None

    def __init__(self, stages: list[tuple[str, str]], cfg: Config, workers: int):
        self.stages, self.cfg, self.workers = stages, cfg, workers

    def run(self, chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, list]]:
        if self.workers <= 1:
            pipeline = Pipeline([name for name, _ in self.stages], self.cfg)
            for chunk in chunks:
                yield chunk, process_chunk(pipeline, chunk.raws, doc_rows)
            return
        sent: deque[Chunk] = deque()

        def inputs() -> Iterator[list]:
            for chunk in chunks:
                sent.append(chunk)
                yield chunk.raws

        for _, outcomes in outcomes_in_workers(inputs(), self.stages, self.cfg, self.workers,
                                               finish=doc_rows):
            yield sent.popleft(), outcomes

    def close(self) -> None:
        pass


def open_engine(name: str, stages: list[tuple[str, str]], cfg: Config, workers: int,
                scheduler: str | None = None) -> Engine:
    if name == "local":
        if scheduler:
            raise UsageError("--scheduler needs --engine dask")
        return LocalEngine(stages, cfg, workers)
    if name == "dask":
        try:
            from marsad.batch.dask_engine import DaskEngine
        except ModuleNotFoundError as e:
            if (e.name or "").split(".")[0] not in ("dask", "distributed"):
                raise
            raise UsageError(f"the dask engine needs Dask distributed ({e}); "
                             f"install it with: pip install 'marsad[dask]'") from None
        return DaskEngine(stages, cfg, workers, scheduler)
    raise UsageError(f"unknown engine {name!r}; known: {', '.join(ENGINES)}")
