"""A progress bar on stderr for long jobs, shown only when stderr is a terminal."""
from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from marsad.runner import IngestSummary


class IngestProgress:
    """Inputs done / total, documents per second and failures so far; a no-op when
    stderr is not a terminal, so logs and pipes stay clean."""

    def __init__(self, console: Console | None = None):
        self.console = console or Console(stderr=True)
        self.bar: Progress | None = None
        self.task = None

    @property
    def enabled(self) -> bool:
        return self.console.is_terminal

    def __enter__(self) -> "IngestProgress":
        if self.enabled:
            self.bar = Progress(
                TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} docs/s"), TextColumn("{task.fields[failed]} failed"),
                TimeElapsedColumn(), console=self.console, transient=True)
            self.bar.__enter__()
            self.task = self.bar.add_task("ingest", total=None, rate="-", failed=0)
        return self

    def __call__(self, summary: IngestSummary) -> None:
        if self.bar is None:
            return
        task = self.bar.tasks[0]
        rate = f"{task.speed:.1f}" if task.speed else "-"
        self.bar.update(self.task, completed=summary.done, total=summary.total, rate=rate,
                        failed=summary.failed)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)
