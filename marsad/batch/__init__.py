"""`marsad batch`: the pipeline over many inputs, on this machine or a Dask cluster,
written as Parquet shards; `marsad load` brings shards into a store.

    summary = run(["crawl.warc.gz", "pages/"], Path("out"), cfg, engine="dask", workers=8)
    with open_store("war.db", cfg) as store:
        load(Path("out"), store, cfg)

The driver (this process) reads the inputs in order and cuts them into chunks
(`plan.py`); an engine (`engines.py`) runs the pipeline over each chunk in its workers,
which turn every document into shard rows; the driver writes each chunk's shards
(`shards.py`) and then marks the chunk done in the manifest, so a rerun skips it. A bad
input is a row of the failures table, never the end of the job.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from marsad.batch.engines import ENGINES, open_engine
from marsad.batch.load import LoadSummary, load
from marsad.batch.plan import Manifest, plan_chunks
from marsad.batch.shards import DocRows, failure_row, write_chunk
from marsad.config import Config
from marsad.ingest.sources import iter_inputs
from marsad.runner import choose_pipeline
from marsad.workers import stage_specs, warm_up

__all__ = ["ENGINES", "BatchSummary", "LoadSummary", "load", "run"]


@dataclass
class BatchSummary:
    total: int | None = None        # inputs to do, when known ahead (never: inputs stream)
    documents: int = 0              # documents written
    events: int = 0
    repeats: int = 0                # inputs skipped: same bytes as an earlier one
    failed: int = 0
    chunks: int = 0                 # chunks written in this run
    chunks_skipped: int = 0         # done by an earlier run
    notes: list[str] = field(default_factory=list)
    dashboard: str | None = None

    @property
    def done(self) -> int:
        return self.documents + self.repeats + self.failed

    def line(self) -> str:
        return (f"wrote {self.documents} documents and {self.events} events in {self.chunks} "
                f"chunks (skipped as done before: {self.chunks_skipped} chunks; repeated "
                f"inputs: {self.repeats}), failed {self.failed}")


def run(paths: list[str], out: Path, cfg: Config, engine: str = "local", workers: int = 1,
        scheduler: str | None = None, until: str | None = None,
        progress: Callable[[BatchSummary], None] | None = None,
        on_start: Callable[[BatchSummary], None] | None = None) -> BatchSummary:
    """Process every input under `paths` into shards under `out`; `on_start` is called
    once the engine is up (its dashboard known)."""
    pipeline, notes = choose_pipeline(cfg, until)
    stages = ",".join(s.name for s in pipeline.stages)
    manifest = Manifest(out, stages)
    summary = BatchSummary(notes=list(notes))
    report = progress or (lambda s: None)

    def todo():
        for chunk in plan_chunks(iter_inputs(paths, cfg), int(cfg.get("batch.chunk_docs", 32))):
            summary.notes.extend(chunk.notes)
            if chunk.key in manifest.done:
                summary.chunks_skipped += 1
                report(summary)
                continue
            yield chunk

    if not scheduler:
        warm_up(pipeline)  # built-once caches are made here, not by every worker at once
    runner = open_engine(engine, stage_specs(pipeline), cfg, workers, scheduler)
    summary.dashboard = runner.dashboard
    if on_start:
        on_start(summary)
    try:
        for chunk, outcomes in runner.run(todo()):
            docs = [o for o in outcomes if isinstance(o, DocRows)]
            failures = [failure_row(e.origin, e.code, e.detail) for e in chunk.failures]
            failures += [failure_row(*o) for o in outcomes if not isinstance(o, DocRows)]
            write_chunk(out, chunk.first_seq, chunk.key, docs, failures)
            manifest.mark(chunk, len(docs), len(failures))
            summary.chunks += 1
            summary.documents += len(docs)
            summary.events += sum(len(d.events) for d in docs)
            summary.repeats += chunk.repeats
            summary.failed += len(failures)
            report(summary)
    finally:
        runner.close()
    return summary

