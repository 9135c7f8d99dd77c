"""WARC archives: records read by the WARC source and each document built from them.

The first byte picks the shape: the bytes as a whole file; the bytes after a WARC version
line (fuzzing the record headers); a well-formed response record whose HTTP headers and
payload are the bytes; or that record gzipped, as crawlers write them.

    python benchmarks/fuzz/fuzz_warc.py -runs=100000 CORPUS_DIR
"""
import gzip

import atheris

with atheris.instrument_imports(include=['marsad', 'warcio']):
    from marsad.ingest import sources  # noqa: F401 - instrumented for harness.ingest_all

import harness

_FILE = harness.InputFile("fuzz.warc")


def record(http: bytes) -> bytes:
    """One WARC response record holding an HTTP response that starts with `http`."""
    payload = b"HTTP/1.1 200 OK\r\n" + http
    head = (b"WARC/1.0\r\nWARC-Type: response\r\n"
            b"WARC-Record-ID: <urn:uuid:6f1d9a52-3c5e-4c1b-9a57-2f0e1b7d2c10>\r\n"
            b"WARC-Date: 2024-03-15T10:00:00Z\r\nWARC-Target-URI: https://example.org/a\r\n"
            b"Content-Type: application/http; msgtype=response\r\n"
            b"Content-Length: %d\r\n\r\n" % len(payload))
    return head + payload + b"\r\n\r\n"


def test_one_input(data: bytes) -> None:
    if not data:
        return
    mode, rest = data[0] % 4, data[1:]
    if mode == 0:
        blob = rest
    elif mode == 1:
        blob = b"WARC/1.0\r\n" + rest
    elif mode == 2:
        blob = record(rest)
    else:
        blob = gzip.compress(record(b"Content-Type: text/html\r\n\r\n" + rest), mtime=0)
    harness.ingest_all([_FILE.write(blob)], harness.config())


if __name__ == "__main__":
    harness.main(test_one_input)
