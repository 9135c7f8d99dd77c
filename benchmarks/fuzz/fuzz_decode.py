"""Encoding detection and decoding: any bytes give text or a numbered refusal.

The first byte picks the charset a container (an HTTP header) names for the rest.

    python benchmarks/fuzz/fuzz_decode.py -runs=100000 CORPUS_DIR
"""

import atheris

with atheris.instrument_imports(include=['marsad', 'ftfy']):
    from marsad.errors import InputError
    from marsad.ingest import decode

import harness

_CHARSETS = ("utf-8", "iso-8859-1", "windows-1256", "cp1252", "shift_jis", "utf-16", "bogus-label")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    # a container's charset (an HTTP header) applies before decoding, as for WARC records
    charset, data = _CHARSETS[data[0] % len(_CHARSETS)], data[1:]
    recoded = decode.to_utf8(data, charset)
    harness.check(isinstance(recoded, bytes), "to_utf8 returned no bytes")
    try:
        text = decode.decode(recoded, "fuzz.bin", harness.config())
    except InputError as e:
        harness.expected(e)
        return
    harness.check(bool(text.strip()), "decoded to blank text without E001")
    harness.check("\r" not in text and "\x00" not in text, "newlines or NULs left in decoded text")
    decode.looks_like_html(text)


if __name__ == "__main__":
    harness.main(test_one_input)
