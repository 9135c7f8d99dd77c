"""JSON Lines (and .json) inputs: one document per line, bad lines refused one by one.

The first byte picks the shape: the bytes as a .jsonl file, as a .json file, or as the
text of records written here (so mutations reach document building, not only JSON syntax).
Every non-blank line of a .jsonl file must come out as a document or an error: none lost.

    python benchmarks/fuzz/fuzz_jsonl.py -runs=100000 CORPUS_DIR
"""
import json

import atheris

with atheris.instrument_imports(include=['marsad']):
    from marsad.ingest import sources  # noqa: F401 - instrumented for harness.ingest_all

import harness

_LINES = harness.InputFile("fuzz.jsonl")
_ARRAY = harness.InputFile("fuzz.json")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    mode, rest = data[0] % 3, data[1:]
    cfg = harness.config()
    if mode == 1:
        harness.ingest_all([_ARRAY.write(rest)], cfg)
        return
    if mode == 2:
        body = harness.as_text(rest)
        rest = b"\n".join(json.dumps(r).encode("utf-8") for r in (
            {"id": "a", "text": body, "published": "2024-03-15"},
            {"id": "b", "html": body, "url": "https://example.org/b"}))
    n = harness.ingest_all([_LINES.write(rest)], cfg)
    if not rest.startswith(b"\x1f\x8b") and not rest.lstrip().startswith(b"WARC/"):
        lines = sum(1 for ln in rest.split(b"\n") if ln.strip())
        harness.check(n >= lines, f"{lines} non-blank lines gave {n} items")


if __name__ == "__main__":
    harness.main(test_one_input)
