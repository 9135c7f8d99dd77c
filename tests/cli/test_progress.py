"""The ingest progress bar: drawn on a terminal, silent otherwise."""
import io

from rich.console import Console

from marsad.cli.progress import IngestProgress
from marsad.errors import EMPTY, InputError
from marsad.runner import IngestSummary


def test_ingest_progress_draws_done_total_and_failures_on_a_terminal():
    out = io.StringIO()
    summary = IngestSummary(total=3, stored=1, skipped=1,
                            failures=[InputError("x.txt", EMPTY)])
    with IngestProgress(Console(file=out, force_terminal=True, width=120)) as bar:
        assert bar.enabled
        bar(summary)
        bar.bar.refresh()
    assert "3/3" in out.getvalue() and "1 failed" in out.getvalue()


def test_ingest_progress_is_silent_when_not_a_terminal():
    out = io.StringIO()
    with IngestProgress(Console(file=out, force_terminal=False)) as bar:
        assert not bar.enabled
        bar(IngestSummary(total=2, stored=2))
    assert out.getvalue() == ""
