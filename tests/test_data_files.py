"""Every shipped data file says where its content comes from and under which licence."""
from pathlib import Path

import pytest

from marsad.data import DATA_DIR, header_lines

DATA_FILES = sorted(p for p in DATA_DIR.rglob("*") if p.suffix in {".tsv", ".txt", ".csv"})


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_data_file_names_source_and_licence(path: Path):
    meta = header_lines(path)
    assert meta.get("source"), f"{path.name} lacks a '# source:' line"
    assert meta.get("licence"), f"{path.name} lacks a '# licence:' line"
