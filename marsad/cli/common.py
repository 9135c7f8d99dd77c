"""Helpers every verb shares: config, error reporting, JSON Lines output."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

from marsad.config import Config, load_config
from marsad.errors import InputError, UsageError
from marsad.records import to_json

ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def config(args) -> Config:
    return load_config(getattr(args, "config", None))


def check_date(value: str | None) -> str | None:
    if value is not None and not ISO_DATE.match(value):
        raise UsageError(f"--published must be YYYY-MM-DD (or YYYY-MM, YYYY), not {value!r}")
    return value


@dataclass
class ErrorReport:
    """Prints each bad input as one line on stderr and remembers it for the exit status."""
    failures: list[InputError] = field(default_factory=list)

    def __call__(self, err: InputError) -> None:
        self.failures.append(err)
        print(f"marsad: {err}", file=sys.stderr)

    @property
    def status(self) -> int:
        return 1 if self.failures else 0


def emit(record) -> None:
    sys.stdout.write(to_json(record) + "\n")
