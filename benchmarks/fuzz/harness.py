"""What every atheris target shares: the config, the input helpers, the checks.

A target is a script `fuzz_<parser>.py` that imports the Marsad modules it drives inside
`atheris.instrument_imports()` (so coverage guides the mutations), then this module, and
calls `main(test_one_input)`. Its `test_one_input(data)` must accept any bytes. Marsad's
numbered `InputError`s are the expected way to refuse bad input; anything else that
escapes (another exception, a failed `check`, a run past libFuzzer's `-timeout`) is a crash.

Only Marsad's code (and the parsing library a target leans on: warcio, feedparser, ftfy) is
instrumented: tracing trafilatura or spaCy too would cost several times the executions.
"""
from __future__ import annotations

import functools
import os
import re
import sys
import tempfile
import traceback
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

import atheris

from marsad.config import Config, load_config
from marsad.errors import MESSAGES, InputError

# The publication date dates resolve against: a fixed day keeps runs reproducible.
PUBLISHED = "2024-03-15"
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Violation(AssertionError):
    """A parser returned something its contract rules out."""


def check(ok: bool, what: str) -> None:
    if not ok:
        raise Violation(what)


@functools.lru_cache(maxsize=1)
def config() -> Config:
    return load_config()


def as_text(data: bytes) -> str:
    """The fuzz bytes as text: seeds are UTF-8, so mutations stay mostly readable."""
    return data.decode("utf-8", errors="replace")


def expected(err: InputError) -> None:
    """An InputError is a refusal, not a crash, if it is one of Marsad's numbered codes."""
    check(err.code in MESSAGES, f"InputError with unknown code {err.code!r}")
    check(bool(err.origin), "InputError that names no input")


def check_iso(value: str | None, what: str) -> None:
    """`value` is None or an ISO year, year-month or real calendar day."""
    if value is None:
        return
    check(bool(_ISO.match(value)), f"{what} {value!r} is not ISO")
    parts = [int(p) for p in value.split("-")]
    if len(parts) >= 2:
        check(1 <= parts[1] <= 12, f"{what} {value!r} has no such month")
    if len(parts) == 3:
        try:
            date(*parts)
        except ValueError:
            raise Violation(f"{what} {value!r} is not a calendar day") from None


def check_span(text: str, start: int, end: int, shown: str, what: str) -> None:
    check(0 <= start <= end <= len(text), f"{what} span {start}:{end} outside the text")
    check(text[start:end] == shown, f"{what} text {shown!r} is not text[{start}:{end}]")


def check_parsed(parsed) -> None:
    """A parser's `Parsed`: strings where strings belong, a comment tree whose parents
    come before their replies."""
    check(isinstance(parsed.body, str), "body is not a string")
    seen: set[str] = set()
    for c in parsed.comments:
        check(isinstance(c.text, str) and c.id not in seen, f"comment {c.id} repeated or textless")
        check(c.parent is None or c.parent in seen, f"comment {c.id} answers a later one")
        check(c.depth >= 0, f"comment {c.id} has depth {c.depth}")
        seen.add(c.id)
    check_iso(parsed.published, "published")


class InputFile:
    """One temporary file, rewritten for each input: the sources read paths, as users give them."""

    def __init__(self, name: str):
        # under $TMPDIR, which run.py points into the run's work directory (libFuzzer exits
        # without running atexit hooks, so the target cannot clean up after itself)
        self.dir = tempfile.mkdtemp(prefix="marsad-fuzz-")
        self.path = Path(self.dir, name)

    def write(self, data: bytes) -> str:
        self.path.write_bytes(data)
        return str(self.path)


def ingest_all(paths: Iterable[str], cfg: Config) -> int:
    """Read every input the sources find in `paths` and build its document, as
    `marsad parse` does; refusals are expected. Returns how many items came out."""
    from marsad.ingest import build_document
    from marsad.ingest.sources import iter_inputs

    n = 0
    for item in iter_inputs(paths, cfg):
        n += 1
        if isinstance(item, InputError):
            expected(item)
            continue
        try:
            doc = build_document(item, cfg)
        except InputError as e:
            expected(e)
            continue
        check_iso(doc.published, "document date")
        check(isinstance(doc.body, str), "document body is not a string")
    return n


def main(test_one_input: Callable[[bytes], None]) -> None:
    def guarded(data: bytes) -> None:
        # An escaping exception would make libFuzzer exit through Python's shutdown, which
        # can wait on library threads; an abort is a deadly signal, reported at once with
        # the input saved as a crash artifact.
        try:
            test_one_input(data)
        except Exception:  # noqa: BLE001 - every escape is the crash being looked for
            traceback.print_exc()
            sys.stderr.flush()
            os.abort()

    # One pass over the seeds first: libraries fill their caches on first use (justext reads
    # every stop-list), which must not count against the first input's time limit.
    from seeds import seeds

    for seed in seeds(Path(sys.argv[0]).stem.removeprefix("fuzz_")):
        guarded(seed)
    atheris.Setup(sys.argv, guarded)
    atheris.Fuzz()
