"""The pipeline: named stages over one `Document`, checked against what they need.

Each stage is a package `marsad/<stage>/` whose `__init__.py` declares
`REQUIRES` and `ASSIGNS` (Document attributes) and a `run(doc, cfg)` that adds to
the document; it may also offer `run_batch(docs, cfg)` to amortise model calls.
`Pipeline` refuses an order that reads an attribute no earlier stage writes, and
`marsad pipeline --explain` prints the table.

The first stage, `ingest`, is special: it turns a `RawInput` into a `Document`.
"""
from __future__ import annotations

import contextlib
import importlib
import signal
import threading
from dataclasses import dataclass
from types import ModuleType
from typing import Callable, Iterable, Iterator

from marsad.config import Config, load_config
from marsad.document import Document, RawInput
from marsad.errors import TIMEOUT, InputError, MarsadError, internal_error

# name -> module path; built-ins first, in pipeline order.
STAGES: dict[str, str] = {
    "ingest": "marsad.ingest",
    "nlp": "marsad.nlp",
    "geo": "marsad.geo",
    "actors": "marsad.actors",
    "events": "marsad.events",
}

# What each command needs to run.
UP_TO = {
    "parse": ("ingest",),
    "geoparse": ("ingest", "nlp", "geo"),
    "extract": ("ingest", "nlp", "geo", "actors", "events"),
}


def register_stage(name: str, module_path: str) -> None:
    """Add a stage (a module with REQUIRES, ASSIGNS and run) under a name."""
    STAGES[name] = module_path


class PipelineError(MarsadError):
    pass


class OverBudget(BaseException):
    """A document ran past its time budget. A BaseException, so that a stage's broad
    `except Exception` cannot swallow it."""


@contextlib.contextmanager
def time_budget(seconds: float | None):
    """Raise OverBudget inside the block after `seconds` of wall time. Uses SIGALRM, so it
    only works in the main thread; elsewhere (a web server's worker thread) the block runs
    without a limit."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise OverBudget()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Stage:
    name: str
    module: ModuleType

    @property
    def requires(self) -> tuple[str, ...]:
        return tuple(getattr(self.module, "REQUIRES", ()))

    @property
    def assigns(self) -> tuple[str, ...]:
        return tuple(getattr(self.module, "ASSIGNS", ()))

    def run_batch(self, docs: list[Document], cfg: Config) -> None:
        batch = getattr(self.module, "run_batch", None)
        if batch is not None:
            batch(docs, cfg)
        else:
            for d in docs:
                self.module.run(d, cfg)


def load_stage(name: str) -> Stage:
    if name not in STAGES:
        raise PipelineError(f"unknown stage {name!r}; known: {', '.join(STAGES)}")
    return Stage(name, importlib.import_module(STAGES[name]))


def check_order(stages: list[Stage]) -> None:
    have: set[str] = set()
    for s in stages:
        missing = [r for r in s.requires if r not in have]
        if missing:
            raise PipelineError(f"stage {s.name!r} needs {', '.join(missing)}, "
                                f"which no earlier stage assigns")
        have.update(s.assigns)


def explain(names: Iterable[str] = STAGES) -> list[tuple[str, str, str]]:
    """(stage, requires, assigns) rows for `marsad pipeline --explain`."""
    return [(s.name, ", ".join(s.requires) or "-", ", ".join(s.assigns))
            for s in (load_stage(n) for n in names)]


class Pipeline:
    """Runs the named stages over raw inputs; models load once per Pipeline."""

    def __init__(self, names: Iterable[str], cfg: Config | None = None):
        self.cfg = cfg or load_config()
        self.stages = [load_stage(n) for n in names]
        if not self.stages or self.stages[0].name != "ingest":
            raise PipelineError("a pipeline starts with the ingest stage")
        check_order(self.stages)

    @classmethod
    def for_command(cls, command: str, cfg: Config | None = None) -> "Pipeline":
        return cls(UP_TO[command], cfg)

    def budget(self, raw: RawInput) -> float:
        """Seconds one document may take: a base plus an allowance per megabyte, so a
        pathological page is cut off while a long report still finishes."""
        return (float(self.cfg.get("pipeline.doc_seconds", 60))
                + float(self.cfg.get("pipeline.seconds_per_mb", 60)) * len(raw.data) / 1e6)

    def make_document(self, raw: RawInput, published: str | None = None) -> Document:
        """Ingest one input (raises InputError for bad input or one over its time budget)."""
        seconds = self.budget(raw)
        try:
            with time_budget(seconds):
                return self.stages[0].module.build_document(raw, self.cfg, published=published)
        except OverBudget:
            raise InputError(raw.origin, TIMEOUT, f"parsing took over {seconds:.0f} s") from None

    def annotate(self, docs: list[Document]) -> None:
        for stage in self.stages[1:]:
            stage.run_batch(docs, self.cfg)

    def process(self, raws: Iterable[RawInput | InputError], published: str | None = None,
                batch_size: int = 16,
                on_error: Callable[[InputError], None] | None = None) -> Iterator[Document]:
        """Yield annotated documents in input order; bad inputs go to `on_error`."""
        batch: list[Document] = []
        for raw in raws:
            if isinstance(raw, InputError):
                if on_error:
                    on_error(raw)
                continue
            try:
                batch.append(self.make_document(raw, published))
            except InputError as e:
                if on_error:
                    on_error(e)
                continue
            except Exception as e:  # noqa: BLE001 - a parser bug on one input must not end the run
                if on_error:
                    on_error(internal_error(raw.origin, e))
                continue
            if len(batch) >= batch_size:
                yield from self._annotated(batch, published, on_error)
                batch = []
        if batch:
            yield from self._annotated(batch, published, on_error)

    def _annotated(self, batch: list[Document], published: str | None,
                   on_error: Callable[[InputError], None] | None) -> Iterator[Document]:
        try:
            with time_budget(sum(self.budget(d.raw) for d in batch)):
                self.annotate(batch)
            yield from batch
            return
        except (Exception, OverBudget):  # noqa: BLE001 - one document must not sink the batch
            pass
        # Redo the batch one document at a time, from fresh, to isolate the one that broke.
        for doc in batch:
            seconds = self.budget(doc.raw)
            try:
                fresh = self.make_document(doc.raw, published)
                with time_budget(seconds):
                    self.annotate([fresh])
            except OverBudget:
                if on_error:
                    on_error(InputError(doc.raw.origin, TIMEOUT, f"over its {seconds:.0f} s budget"))
                continue
            except Exception as e:  # noqa: BLE001
                if on_error:
                    on_error(e if isinstance(e, InputError) else internal_error(doc.raw.origin, e))
                continue
            yield fresh
