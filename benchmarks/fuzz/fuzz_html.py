"""HTML pages: article body, title, date and the reader comments taken out of the body.

The first byte picks how the rest is used: as a whole page, or as the inside of a comment
section of a page written here, so mutations reach the comment extraction quickly.

    python benchmarks/fuzz/fuzz_html.py -runs=100000 CORPUS_DIR
"""

import atheris

with atheris.instrument_imports(include=['marsad']):
    from marsad.errors import InputError
    from marsad.ingest import html

import harness

_PAGE = ("<html><head><title>Shelling near the river</title></head><body><article>"
         "<p>Shelling hit the eastern districts on Tuesday, residents said.</p>"
         "<p>Two schools were closed after the strikes.</p></article>"
         "<section id=\"comments\"><ol class=\"comment-list\">{}</ol></section></body></html>")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    mode, rest = data[0] % 2, harness.as_text(data[1:])
    page = rest if mode == 0 else _PAGE.format(rest)
    try:
        parsed = html.parse_html(page, url="https://example.org/2024/03/15/report", origin="fuzz.html")
    except InputError as e:
        harness.expected(e)
        return
    harness.check_parsed(parsed)


if __name__ == "__main__":
    harness.main(test_one_input)
