"""Plain-text pages: title, body and the reader-comment thread split off below it.

    python benchmarks/fuzz/fuzz_text.py -runs=100000 CORPUS_DIR
"""

import atheris

with atheris.instrument_imports(include=['marsad']):
    from marsad.ingest import text, threads

import harness


def test_one_input(data: bytes) -> None:
    page = harness.as_text(data)
    parsed = text.parse_text(page)
    harness.check_parsed(parsed)
    for c in threads.parse_thread(page):
        harness.check(c.text is not None, f"thread comment {c.id} has no text")


if __name__ == "__main__":
    harness.main(test_one_input)
