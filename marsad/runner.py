"""The ingest job: inputs → pipeline → store, resumable and deduplicating.

`ingest(paths, store, pipeline, cfg)` reads every input, skips those whose bytes are
already stored (so a rerun after a crash resumes, and re-ingesting is a no-op), gives
each new input a doc_id no other stored document has, runs the pipeline, and stores
each document with its events and place mentions, committing every
`store.batch_size` writes. Bad inputs are recorded as failures and the job goes on.

Three steps keep it ready for worker processes: admitting inputs (serial, in input
order), processing (`pipeline.process` then `marsad.store.prepare`, a pure function
of the input) and writing (one writer, in input order), so output does not depend
on how processing is spread. With `workers` above 1, processing runs in that many
worker processes (`marsad.workers`); the parent still admits and writes.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from marsad.config import Config
from marsad.document import RawInput
from marsad.errors import InputError
from marsad.fuse import run as fuse
from marsad.ingest.sources import iter_inputs
from marsad.pipeline import UP_TO, Pipeline, PipelineError
from marsad.store import Store, content_hash, prepare
from marsad.workers import prepared_in_workers, warm_up

STDIN = "-"
STDIN_ORIGIN = "<stdin>"  # how marsad.ingest.sources names standard input


@dataclass
class IngestSummary:
    total: int | None = None             # inputs to do, when known ahead
    stored: int = 0                      # new documents, duplicates included
    duplicates: int = 0                  # of those, linked to an original
    skipped: int = 0                     # already stored: same bytes
    failures: list[InputError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def done(self) -> int:
        return self.stored + self.skipped + self.failed

    def line(self) -> str:
        return (f"stored {self.stored} (near-duplicates linked: {self.duplicates}), "
                f"skipped as already stored {self.skipped}, failed {self.failed}")


Progress = Callable[[IngestSummary], None]


def choose_pipeline(cfg: Config, until: str | None = None) -> tuple[Pipeline, list[str]]:
    """The longest pipeline (extract, geoparse, parse) whose stages all load, or the one
    named by `until`; with notes saying which longer pipelines were unavailable."""
    commands = [until] if until else sorted(UP_TO, key=lambda c: -len(UP_TO[c]))
    notes = []
    for command in commands:
        try:
            pipeline = Pipeline.for_command(command, cfg)
            unrunnable = [s.name for s in pipeline.stages[1:]
                          if not hasattr(s.module, "run") and not hasattr(s.module, "run_batch")]
            if unrunnable:
                raise PipelineError(f"stage {', '.join(unrunnable)} has no run()")
            return pipeline, notes
        except Exception as e:  # noqa: BLE001 - stages still being built may fail to import in any way
            if until:
                raise PipelineError(f"cannot run the {until} pipeline: {type(e).__name__}: {e}") from e
            notes.append(f"{command} pipeline unavailable ({type(e).__name__}: {e})")
    raise PipelineError("no pipeline could be loaded")  # `parse` only needs marsad.ingest


def ingest(paths: list[str], store: Store, pipeline: Pipeline, cfg: Config,
           progress: Progress | None = None, origins: set[str] | None = None,
           workers: int = 1) -> IngestSummary:
    """Store every input under `paths` (only those whose origin is in `origins`, if given),
    processing them in `workers` processes (1: in this one)."""
    summary = IngestSummary()
    skip_files = store.own_files()
    if progress is not None and STDIN not in paths:
        summary.total = sum(1 for _ in _selected(iter_inputs(paths, cfg), origins, skip_files))
    report = progress or (lambda s: None)
    stages = ",".join(s.name for s in pipeline.stages)
    batch_size = max(1, int(cfg["store.batch_size"]))
    writes = 0

    def wrote() -> None:
        nonlocal writes
        writes += 1
        if writes % batch_size == 0:
            store.commit()
        report(summary)

    def failed(err: InputError) -> None:
        store.record_failure(err)
        summary.failures.append(err)
        wrote()

    def skipped() -> None:
        summary.skipped += 1
        report(summary)

    admitted = _admit(_selected(iter_inputs(paths, cfg), origins, skip_files), store, summary, skipped)
    if summary.total is not None:
        workers = min(workers, summary.total)  # no worker started only to wait
    if workers <= 1:
        warm_up(pipeline)  # workers warm up as they start
    prepared = (prepared_in_workers(admitted, pipeline, cfg, workers, on_error=failed) if workers > 1
                else (prepare(doc, stages, cfg) for doc in pipeline.process(admitted, on_error=failed)))
    try:
        for item in prepared:
            stored = store.add(item)
            if stored is None:  # another writer stored the same bytes meanwhile
                skipped()
                continue
            summary.stored += 1
            summary.duplicates += stored.duplicate_of is not None
            wrote()
        store.commit()
    except BaseException:
        store.rollback()  # drop the unfinished batch; a rerun redoes it
        raise
    fuse(store, cfg)  # incidents over the committed documents: only the blocks they touch
    return summary


def retry_failed(store: Store, pipeline: Pipeline, cfg: Config,
                 progress: Progress | None = None, workers: int = 1) -> IngestSummary:
    """Ingest again the inputs recorded as failed (standard input cannot be re-read)."""
    origins = {f.origin for f in store.failures()}
    retryable = {o for o in origins if not o.startswith(STDIN_ORIGIN)}  # also "<stdin>:line 3"
    paths = sorted({_container(o) for o in retryable})
    summary = ingest(paths, store, pipeline, cfg, progress, origins=retryable, workers=workers)
    if origins - retryable:
        summary.notes.append(f"{STDIN_ORIGIN}: cannot retry standard input; pipe it in again")
    return summary


def _container(origin: str) -> str:
    """The path to read again for an origin: the file itself, or the longest existing
    file the origin starts with (`crawl.warc.gz#record-12` → `crawl.warc.gz`,
    `items.jsonl:line 3` → `items.jsonl`), so record naming can change freely."""
    cuts = [i for i, ch in enumerate(origin) if ch in "#:"]
    for end in [len(origin), *reversed(cuts)]:
        if Path(origin[:end]).is_file():
            return origin[:end]
    return origin


def _selected(items: Iterable[RawInput | InputError], origins: set[str] | None,
              skip_files: frozenset[str]) -> Iterator[RawInput | InputError]:
    """The items to ingest: those named in `origins` if given, never the store's own files
    (`marsad ingest .` beside ./marsad.db)."""
    for item in items:
        if origins is not None and item.origin not in origins:
            continue
        where = item.path if isinstance(item, RawInput) and item.path else item.origin
        if skip_files and str(Path(where).resolve()) in skip_files:
            continue
        yield item


def _admit(items: Iterable[RawInput | InputError], store: Store, summary: IngestSummary,
           skipped: Callable[[], None]) -> Iterator[RawInput | InputError]:
    """Inputs not yet stored, each under a doc_id no other document has; errors pass."""
    seen: set[str] = set()
    given: set[str] = set()
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        digest = content_hash(item.data)
        if digest in seen or store.has_content(digest):
            skipped()
            continue
        seen.add(digest)
        doc_id = store.unique_doc_id(item.doc_id, given)
        given.add(doc_id)
        if doc_id != item.doc_id:
            summary.notes.append(f"{item.origin}: doc_id {item.doc_id!r} is taken by another "
                                 f"input; stored as {doc_id!r}")
            item = replace(item, doc_id=doc_id)
        yield item
