"""User-facing errors, numbered, each naming the input it concerns.

A bad input never stops a run: the code that reads it raises an `InputError`, the
runner prints `path: E00N reason` on stderr, records the failure and goes on.
"""
from __future__ import annotations

EMPTY = "E001"          # the input has no bytes, or no text once decoded
BINARY = "E002"         # not text: an image, a PDF, an executable
TOO_LARGE = "E003"      # over ingest.max_bytes
UNDECODABLE = "E004"    # no text encoding fits
TRUNCATED = "E005"      # a WARC/gzip record ends early
NOT_HTML = "E006"       # claimed to be HTML but holds none
UNREADABLE = "E007"     # the operating system refused (missing, permission, directory)
BAD_RECORD = "E008"     # a JSON Lines line or feed item that is not a document
TIMEOUT = "E009"        # a document took longer than its time budget
GZIP_BOMB = "E010"      # a compressed stream expands beyond ingest.max_gzip_ratio
INTERNAL = "E099"       # a bug in Marsad: reported with the input that triggered it

MESSAGES = {
    EMPTY: "empty input", BINARY: "binary data, not text", TOO_LARGE: "input too large",
    UNDECODABLE: "cannot decode text", TRUNCATED: "truncated record", NOT_HTML: "not HTML",
    UNREADABLE: "cannot read", BAD_RECORD: "not a document record", TIMEOUT: "time budget exceeded",
    GZIP_BOMB: "compressed data expands too much", INTERNAL: "internal error",
}


class MarsadError(Exception):
    """Base class of the errors Marsad reports to users."""


class InputError(MarsadError):
    def __init__(self, origin: str, code: str, detail: str = ""):
        self.origin, self.code, self.detail = origin, code, detail
        msg = MESSAGES.get(code, "error")
        super().__init__(f"{origin}: {code} {msg}{': ' + detail if detail else ''}")


def internal_error(origin: str, exc: Exception) -> InputError:
    """A bug met on one input (E099), reported against that input so the run goes on."""
    return InputError(origin, INTERNAL, f"{type(exc).__name__}: {exc}")


class UsageError(MarsadError):
    """A command was called wrongly (bad flag value, unknown document id...)."""
