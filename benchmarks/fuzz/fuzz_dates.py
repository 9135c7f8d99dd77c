"""Date expressions resolved against a fixed publication date.

The text is the fuzz input; a second call resolves its first line against a publication
date that is itself fuzzed (a page's date can be anything).

    python benchmarks/fuzz/fuzz_dates.py -runs=100000 CORPUS_DIR
"""

import atheris

with atheris.instrument_imports(include=['marsad']):
    from marsad.nlp import dates

import harness

_PRECISIONS = (None, dates.DAY, dates.MONTH, dates.YEAR)
_PRECISION_LENGTH = {dates.DAY: 10, dates.MONTH: 7, dates.YEAR: 4}


def test_one_input(data: bytes) -> None:
    text = harness.as_text(data)
    for m in dates.find_dates(text, harness.PUBLISHED):
        harness.check_span(text, m.start, m.end, m.text, "date")
        harness.check_iso(m.value, f"date {m.text!r}")
        harness.check(m.precision in _PRECISIONS, f"precision {m.precision!r}")
        if m.value is not None:
            harness.check(len(m.value) == _PRECISION_LENGTH.get(m.precision, -1),
                          f"{m.value!r} at precision {m.precision!r}")
    first, _, rest = text.partition("\n")
    value, _ = dates.resolve(rest, first)
    harness.check_iso(value, "resolved date")


if __name__ == "__main__":
    harness.main(test_one_input)
