"""Inputs to RawInputs: files, folders (recursively) and `-` for stdin (first version)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Iterator

from marsad.config import Config
from marsad.document import RawInput
from marsad.errors import UNREADABLE, InputError


def iter_inputs(paths: Iterable[str], cfg: Config) -> Iterator[RawInput | InputError]:
    for p in paths:
        if p == "-":
            yield RawInput(doc_id="stdin", origin="<stdin>", data=sys.stdin.buffer.read())
            continue
        path = Path(p)
        files = sorted(f for f in path.rglob("*") if f.is_file()) if path.is_dir() else [path]
        for f in files:
            try:
                data = f.read_bytes()
            except OSError as e:
                yield InputError(str(f), UNREADABLE, e.strerror or str(e))
                continue
            yield RawInput(doc_id=f.stem, origin=str(f), data=data, path=str(f))
