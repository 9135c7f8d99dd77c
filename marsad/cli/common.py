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


def add_db_argument(p) -> None:
    """`--db`: the store every store verb reads or writes."""
    p.add_argument("--db", help="SQLite file or postgresql://user@host/dbname URL "
                   "(default: store.path, ./marsad.db)")


def add_filter_arguments(p, *, per_event: bool = True) -> None:
    """The filters `events`, `export` and `incidents` share (fields of EventFilter);
    `per_event` adds those that only an event record answers (source, document)."""
    add_db_argument(p)
    p.add_argument("--type", help="PLOVER event type (ASSAULT, RETREAT, ...)")
    p.add_argument("--actor", help="actor id, or part of the actor's or recipient's name")
    p.add_argument("--place", help="part of a place name or admin1, or a country code")
    p.add_argument("--since", help="on or after this date (YYYY[-MM[-DD]])")
    p.add_argument("--until", help="on or before this date (YYYY[-MM[-DD]])")
    p.add_argument("--section", help="article or comment")
    p.add_argument("--status", help="occurred, planned, failed or denied")
    if per_event:
        p.add_argument("--source", help="credited source id, or part of its name")
        p.add_argument("--doc", dest="doc_id", help="one document's doc_id")
