"""The gazetteer matcher over parsed text: toponym spans that are the text they claim.

spaCy's model and the gazetteer load once, outside the instrumented imports (their own
code is not what is fuzzed); texts are cut to 600 characters to keep the parse cheap.

    python benchmarks/fuzz/fuzz_gazetteer.py -runs=100000 CORPUS_DIR
"""

import atheris

with atheris.instrument_imports(include=['marsad']):
    from marsad.geo import recognize

import harness
from marsad.geo import open_gazetteer
from marsad.nlp import load_model

_MAX_CHARS = 600
_NLP = load_model(harness.config()["nlp.model"])
_GAZETTEER = open_gazetteer(harness.config())


def test_one_input(data: bytes) -> None:
    text = harness.as_text(data)[:_MAX_CHARS]
    parse = _NLP(text)
    found = recognize.find_toponyms(parse, text, _GAZETTEER)
    end = 0
    for t in found:
        harness.check_span(text, t.start, t.end, t.text, "toponym")
        harness.check(t.start >= end, f"toponym {t.text!r} overlaps the one before")
        end = t.end


if __name__ == "__main__":
    harness.main(test_one_input)
