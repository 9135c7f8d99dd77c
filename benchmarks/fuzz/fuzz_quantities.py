"""Amounts ("at least 12 killed", "300-500 families", "dozens"): ranges with low <= high.

    python benchmarks/fuzz/fuzz_quantities.py -runs=100000 CORPUS_DIR
"""

import atheris

with atheris.instrument_imports(include=['marsad']):
    from marsad.nlp import quantities

import harness


def test_one_input(data: bytes) -> None:
    text = harness.as_text(data)
    for q in quantities.find_quantities(text):
        harness.check_span(text, q.start, q.end, q.text, "quantity")
        if q.low is not None and q.high is not None:
            harness.check(q.low <= q.high, f"{q.text!r}: low {q.low} > high {q.high}")
        if q.value is not None:
            harness.check(q.value >= 0, f"{q.text!r}: negative amount {q.value}")
            for bound, ok in ((q.low, lambda b: b <= q.value), (q.high, lambda b: b >= q.value)):
                harness.check(bound is None or ok(bound), f"{q.text!r}: {q.value} outside its range")


if __name__ == "__main__":
    harness.main(test_one_input)
