"""Data files shipped with Marsad, loaded once per process.

Each file opens with `# source:` and `# licence:` lines (a test checks); `load_tsv`
skips comment lines and returns rows as dicts keyed by the header line. A user's own
additions live in a directory named by the `data.user_dir` config key, and files of the
same name there are appended to the shipped ones.
"""
from __future__ import annotations

import csv
import functools
from pathlib import Path

DATA_DIR = Path(__file__).parent


def path(name: str) -> Path:
    return DATA_DIR / name


def header_lines(p: Path) -> dict[str, str]:
    """The `# key: value` lines at the top of a data file."""
    meta = {}
    with open(p, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                break
            key, _, value = line[1:].partition(":")
            meta[key.strip().lower()] = value.strip()
    return meta


def read_tsv(p: Path) -> list[dict[str, str]]:
    with open(p, encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(lines, delimiter="\t")]


@functools.lru_cache(maxsize=None)
def load_tsv(name: str, user_dir: str | None = None) -> tuple[dict[str, str], ...]:
    rows = read_tsv(DATA_DIR / name)
    if user_dir and (Path(user_dir) / name).exists():
        rows += read_tsv(Path(user_dir) / name)
    return tuple(rows)
