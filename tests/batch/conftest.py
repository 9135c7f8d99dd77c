"""Inputs for the batch tests: reports as text, JSON Lines and WARC, a repeat, a doc_id
clash and bad files; and one local-engine run over them that several tests read."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def report(i: int) -> str:
    """A distinct short report per number."""
    towns = ["Saraqib", "Ariha", "Taftanaz", "Binnish", "Kafr Nabl"]
    return (f"Strikes on {towns[i % 5]}\n\nGovernment forces shelled {towns[i % 5]} on the "
            f"morning of day {i} of the offensive, residents said, and at least {i + 3} people "
            f"were wounded. Rebels said they repelled an attack near the town.\n")


def write_warc(path: Path, pages: list[tuple[str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for url, text in pages:
            body = f"<html><body><article><p>{text}</p></article></body></html>".encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def build_inputs(root: Path) -> Path:
    src = root / "in"
    (src / "again").mkdir(parents=True)
    for name in ("dam_offensive.txt", "evacuation_deal.txt", "second_evacuation.txt"):
        (src / name).write_bytes((FIXTURES / "store" / name).read_bytes())
    # the same bytes under another name: a repeat; another text under a taken doc_id: a clash
    (src / "again" / "copy.txt").write_bytes((FIXTURES / "store" / "evacuation_deal.txt").read_bytes())
    (src / "again" / "dam_offensive.txt").write_text(report(9), encoding="utf-8")
    (src / "wire.jsonl").write_text(json.dumps({"id": "w1", "text": report(1), "published": "2018-03-02"})
                                    + "\n{not json\n"
                                    + json.dumps({"id": "w2", "text": report(2)}) + "\n",
                                    encoding="utf-8")
    write_warc(src / "crawl.warc.gz", [(f"https://news.example/{i}", report(i)) for i in (4, 5, 6)])
    (src / "empty.txt").write_bytes(b"")
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return src


@pytest.fixture(scope="session")
def batch_inputs(tmp_path_factory) -> Path:
    return build_inputs(tmp_path_factory.mktemp("batch"))


@pytest.fixture(scope="session")
def small_chunks_cfg():
    from marsad.config import load_config

    return load_config(batch__chunk_docs=3)  # several chunks from a dozen inputs


@pytest.fixture(scope="session")
def local_run(batch_inputs, small_chunks_cfg, tmp_path_factory):
    """(output folder, summary) of the local engine in this process over `batch_inputs`."""
    from marsad.batch import run

    out = tmp_path_factory.mktemp("local") / "out"
    return out, run([str(batch_inputs)], out, small_chunks_cfg, engine="local", workers=1)
