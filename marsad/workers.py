"""The pipeline in worker processes, with results in input order.

`prepared_in_workers(raws, pipeline, cfg, workers, on_error)` does what
`prepare(doc) for doc in pipeline.process(raws, on_error=on_error)` does, spread over
`workers` processes. Each worker builds the pipeline once (models load once per
worker) and returns plain picklable data: `Prepared` records, and failures as
(origin, code, detail). The parent sends chunks of inputs, keeps at most
`IN_FLIGHT_CHUNKS_PER_WORKER * workers` chunks outstanding (a 10 GB WARC never sits in
memory), and yields results chunk by chunk in input order, so a single writer stores
exactly what a one-process run stores. `outcomes_in_workers` is the general form: any
chunks, each yielded with its outcomes, and a `finish` step run in the worker on each
prepared document (`marsad batch` makes its shard rows there).
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any, Callable, Iterable, Iterator

from marsad.config import Config
from marsad.document import RawInput
from marsad.errors import INTERNAL, InputError
from marsad.pipeline import STAGES, Pipeline, PipelineError, register_stage
from marsad.store import Prepared, prepare

# Inputs per task. spaCy and the stages batch inside a chunk: chunks of 2 cost ~15% more
# CPU per document than chunks of 16 (measured on the benchmark corpus), which is most of
# what two workers lost against one.
CHUNK = 16
# Chunks outstanding per worker: slack for results kept in input order (a slow chunk at the
# head does not idle the other workers); with CHUNK 16, 48 x workers inputs in memory at most.
IN_FLIGHT_CHUNKS_PER_WORKER = 3
MAX_BREAKS_IN_A_ROW = 3           # one input that kills its worker breaks the pool twice

# A failure crosses the process boundary as (origin, code, detail): InputError's
# constructor arguments are not its `args`, so the exception itself does not unpickle.
Failure = tuple[str, str, str]
Outcome = Prepared | Failure
# What a worker makes of one prepared document before sending it back (module-level, so it
# pickles by name): `marsad batch` turns it into shard rows there, sparing the parent.
Finish = Callable[[Prepared], Any]

_worker_pipeline: Pipeline | None = None

WARM_UP_TEXT = b"Clashes in Aleppo\n\nGovernment forces shelled Aleppo on Monday, residents said.\n"


def worker_count(requested: int | None, cfg: Config) -> int:
    """`requested`, else `ingest.workers`; 0 or less means every local core."""
    n = int(requested if requested is not None else cfg.get("ingest.workers", 0))
    return n if n > 0 else (os.cpu_count() or 1)


def warm_up(pipeline: Pipeline) -> None:
    """Run `pipeline` once on a short text outside any time budget, so models load and
    built-once caches (the gazetteer, minutes to build) exist before a real document's
    budget starts ticking."""
    try:
        raw = RawInput(doc_id="warm-up", origin="<warm-up>", data=WARM_UP_TEXT)
        pipeline.annotate([pipeline.make_document(raw)])
    except Exception:  # noqa: BLE001 - a stage that fails here fails on real inputs, reported there
        pass


def stage_specs(pipeline: Pipeline) -> list[tuple[str, str]]:
    """(name, module path) of each stage: what a worker needs to build the same pipeline,
    stages registered at run time included."""
    return [(s.name, STAGES[s.name]) for s in pipeline.stages]


def prepared_in_workers(raws: Iterable[RawInput | InputError], pipeline: Pipeline, cfg: Config,
                        workers: int, on_error: Callable[[InputError], None]) -> Iterator[Prepared]:
    """Prepared documents in input order; bad inputs go to `on_error`, in order too."""
    chunks = ([_failure(r) if isinstance(r, InputError) else r for r in chunk]
              for chunk in _chunks(raws, CHUNK))
    for _, outcomes in outcomes_in_workers(chunks, stage_specs(pipeline), cfg, workers):
        yield from _deliver(outcomes, on_error)


def outcomes_in_workers(chunks: Iterable[list], stages: list[tuple[str, str]], cfg: Config,
                        workers: int, finish: Finish | None = None,
                        in_flight: int = IN_FLIGHT_CHUNKS_PER_WORKER) -> Iterator[tuple[list, list]]:
    """(chunk, its outcomes) for each chunk of inputs (RawInput, or Failure passed through),
    in chunk order; an outcome is `finish(prepared)` (the Prepared itself without `finish`)
    or a Failure. At most `in_flight * workers` chunks are outstanding."""
    pool = _Pool(stages, cfg, workers, partial(_process_chunk, finish=finish))
    try:
        for chunk in chunks:
            pool.submit(chunk)
            while len(pool.pending) >= in_flight * workers:
                yield pool.next_outcomes()
        while pool.pending:
            yield pool.next_outcomes()
    finally:
        pool.executor.shutdown(wait=False, cancel_futures=True)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _deliver(outcomes: list[Outcome], on_error: Callable[[InputError], None]) -> Iterator[Prepared]:
    for outcome in outcomes:
        if isinstance(outcome, Prepared):
            yield outcome
        else:
            on_error(InputError(*outcome))


class _Pool:
    """Worker processes and the chunks sent to them, oldest first. A worker that dies
    (killed, out of memory, a crash in native code) breaks the whole executor: a fresh
    one redoes the outstanding chunks, and the chunk that was running is redone one input
    at a time, so only an input that kills a worker again is reported as a failure."""

    def __init__(self, stages: list[tuple[str, str]], cfg: Config, workers: int,
                 task: Callable[[list], list]):
        self.stages, self.cfg, self.workers, self.task = stages, cfg, workers, task
        self.pending: deque[tuple[list, Future]] = deque()
        self.breaks_in_a_row = 0
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # "spawn": a fresh interpreter per worker (no forked model or database handles),
        # whose parent is this process, which the worker watches.
        return ProcessPoolExecutor(max_workers=self.workers,
                                   mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker,
                                   initargs=(self.stages, self.cfg, os.getpid()))

    def submit(self, chunk: list) -> None:
        self.pending.append((chunk, self.executor.submit(self.task, chunk)))

    def _restart(self) -> None:
        self.breaks_in_a_row += 1
        if self.breaks_in_a_row >= MAX_BREAKS_IN_A_ROW:  # workers cannot start at all
            raise PipelineError(f"worker processes keep dying ({MAX_BREAKS_IN_A_ROW} times without "
                                f"a result); try --workers 1 to see why")
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()
        self.pending = deque((chunk, self.executor.submit(self.task, chunk))
                             for chunk, _ in self.pending)

    def next_outcomes(self) -> tuple[list, list]:
        """The oldest chunk and its outcomes."""
        chunk, future = self.pending.popleft()
        try:
            outcomes = future.result()
            self.breaks_in_a_row = 0
            return chunk, outcomes
        except BrokenProcessPool:
            self._restart()
            return chunk, [outcome for item in chunk for outcome in self._alone(item)]
        except Exception as e:  # noqa: BLE001 - e.g. a result that does not unpickle
            return chunk, [_died(item, f"{type(e).__name__}: {e}") for item in chunk]

    def _alone(self, item: RawInput | Failure) -> list[Outcome]:
        if isinstance(item, tuple):
            return [item]
        try:
            outcomes = self.executor.submit(self.task, [item]).result()
            self.breaks_in_a_row = 0
            return outcomes
        except BrokenProcessPool:
            self._restart()
            return [_died(item)]
        except Exception as e:  # noqa: BLE001
            return [_died(item, f"{type(e).__name__}: {e}")]


def _died(item: RawInput | Failure, detail: str = "its worker process died") -> Failure:
    return item if isinstance(item, tuple) else (item.origin, INTERNAL, detail)


def _failure(err: InputError) -> Failure:
    return (err.origin, err.code, err.detail)


def _init_worker(stages: list[tuple[str, str]], cfg: Config, parent: int) -> None:
    global _worker_pipeline
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    for name, module_path in stages:
        register_stage(name, module_path)  # stages the parent registered at run time
    _worker_pipeline = Pipeline([name for name, _ in stages], cfg)
    warm_up(_worker_pipeline)


def _exit_with_parent(parent: int) -> None:
    """A SIGKILLed parent leaves its workers blocked on the task queue: end them."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _process_chunk(chunk: list[RawInput | Failure], finish: Finish | None = None) -> list:
    return process_chunk(_worker_pipeline, chunk, finish)


def process_chunk(pipeline: Pipeline, chunk: list[RawInput | Failure],
                  finish: Finish | None = None) -> list:
    """One chunk through `pipeline`: outcomes in the order a one-process run reports them
    (see `outcomes_in_workers`)."""
    stages = ",".join(s.name for s in pipeline.stages)
    outcomes: list = []
    inputs = [InputError(*item) if isinstance(item, tuple) else item for item in chunk]
    for doc in pipeline.process(inputs, on_error=lambda e: outcomes.append(_failure(e))):
        try:
            prepared = prepare(doc, stages, pipeline.cfg)
            outcomes.append(finish(prepared) if finish else prepared)
        except Exception as e:  # noqa: BLE001 - one document's bug must not lose the chunk
            outcomes.append((doc.raw.origin, INTERNAL, f"{type(e).__name__}: {e}"))
    return outcomes
