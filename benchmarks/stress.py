"""Hostile input at scale: memory and time bounds, each case run in a child process.

    python benchmarks/stress.py                         # every case, a 1 GB WARC
    python benchmarks/stress.py --size-mb 200 --skip line   # a smaller WARC, no 50 MB line

Cases (each prints one row: what ran, input size, seconds, the child's own peak RSS, outcome):

- line:    a 50 MB single-line text file through `marsad parse` and `marsad ingest --until
           parse` (default limits: refused with E003, which must name the file);
- warc:    a WARC of `--size-mb` (default 1024) written streaming from many small records,
           read whole by the WARC source alone (`iter_inputs`, every record decoded to a
           RawInput), whose peak RSS must stay far below the file's size; then `marsad ingest
           --until parse` over its first `--ingest-mb` (default 2) of records, because the
           full pipeline runs at tens of documents a second and the whole file would take hours;
- bomb:    a gzip of `--bomb-mb` (default 1024) of spaces, some hundreds of KB on disk,
           through `marsad parse` (refused with E010);
- budget:  a long but ordinary report through `marsad parse` with a 0.5 s time budget
           (`pipeline.doc_seconds`), stopped with E009 and the run goes on;
- regex:   lines that used to take time quadratic in their length (runs of spaces or
           capitals), parsed at 16,000 and 64,000 characters (best of 3): linear means ~4x, not ~16x.

Everything is written under a temporary directory (`--work`) and removed afterwards.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

CASES = ("line", "warc", "bomb", "budget", "regex")
_PROSE = ("Shelling hit the eastern districts of the town on {day}, killing {n} civilians and "
          "wounding others, residents said. Rescue teams searched collapsed buildings for "
          "survivors until late in the evening, and the local council closed {n} schools. ")


@dataclass
class Row:
    case: str
    command: str
    size: str
    seconds: float
    peak_rss_mb: float
    outcome: str


def run_child(cmd: list[str], cwd: str | None = None) -> tuple[float, float, int, str, str]:
    """(seconds, peak RSS MB, exit code, stdout, stderr) of one child process."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return (seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status),
                out.read().decode(errors="replace"), err.read().decode(errors="replace"))


def marsad(*args: str) -> list[str]:
    return [sys.executable, "-m", "marsad", *args]


def size_of(path: Path) -> str:
    n = path.stat().st_size
    return f"{n / 2**20:,.1f} MB" if n >= 2**20 else f"{n / 1024:,.0f} KB"


def refusal(code: int, stderr: str, path: Path, expected: str) -> str:
    """'refused E003, names the file' when stderr says so; else what happened."""
    line = next((ln for ln in stderr.splitlines() if expected in ln), "")
    if line:
        return f"refused {expected}" + (", names the file" if str(path) in line else ", FILE NOT NAMED")
    last = stderr.strip().splitlines()[-1:] or ["no message"]
    return f"exit {code}, no {expected}: {last[0][:80]}"


# ---------------------------------------------------------------- cases

def case_line(work: Path, mb: int) -> list[Row]:
    path = work / "one_line.txt"
    with open(path, "w", encoding="utf-8") as f:
        chunk = _PROSE.format(day="Tuesday", n=4).replace("\n", " ")
        for _ in range(mb * 2**20 // len(chunk) + 1):
            f.write(chunk)
    rows = []
    for label, cmd in (("marsad parse", marsad("parse", str(path))),
                       ("marsad ingest --until parse",
                        marsad("ingest", "--until", "parse", "--workers", "1",
                               "--db", str(work / "line.db"), str(path)))):
        seconds, rss, code, _, err = run_child(cmd)
        rows.append(Row("line", label, size_of(path), seconds, rss, refusal(code, err, path, "E003")))
    path.unlink()
    return rows


def write_warc(path: Path, size_mb: int) -> int:
    """A WARC of about `size_mb` MB of small HTML responses, written record by record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    target, n = size_mb * 2**20, 0
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=False)
        while f.tell() < target:
            body = (f"<html><head><title>Report {n}</title></head><body><article><h1>Report {n}</h1>"
                    + "".join(f"<p>{_PROSE.format(day=d, n=n % 97)}</p>"
                              for d in ("Monday", "Tuesday", "Friday", "Sunday")[:1 + n % 4] * 3)
                    + "</article></body></html>").encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://example.org/report/{n}", "response", payload=io.BytesIO(body),
                http_headers=headers))
            n += 1
    return n


def warc_source_child(path: str) -> None:
    """Child mode: read every record of a WARC through the WARC source; print counts."""
    from marsad.config import load_config
    from marsad.document import RawInput
    from marsad.ingest.sources import iter_inputs

    docs = errors = payload = 0
    for item in iter_inputs([path], load_config()):
        if isinstance(item, RawInput):
            docs += 1
            payload += len(item.data)
        else:
            errors += 1
    print(json.dumps({"documents": docs, "errors": errors, "payload_bytes": payload}))


def prefix_warc(src: Path, dst: Path, mb: int) -> None:
    """The first `mb` MB of records of an uncompressed WARC (cut at a record boundary)."""
    limit = mb * 2**20
    with open(src, "rb") as f, open(dst, "wb") as out:
        while out.tell() < limit and (line := f.readline()):
            out.write(line)
        # finish the record under way: copy up to the next version line
        for line in f:
            if line.startswith(b"WARC/1"):
                break
            out.write(line)


def case_warc(work: Path, size_mb: int, ingest_mb: int) -> list[Row]:
    path = work / "big.warc"
    start = time.monotonic()
    records = write_warc(path, size_mb)
    rows = [Row("warc", f"write {records:,} records", size_of(path), time.monotonic() - start, 0.0,
                "written streaming")]
    seconds, rss, code, out, err = run_child([sys.executable, __file__, "--warc-child", str(path)])
    if code == 0:
        counts = json.loads(out)
        outcome = (f"{counts['documents']:,} documents, {counts['errors']} errors, "
                   f"RSS {100 * rss / (path.stat().st_size / 2**20):.1f}% of the file")
    else:
        outcome = f"exit {code}: {err.strip().splitlines()[-1:]}"
    rows.append(Row("warc", "WARC source (iter_inputs)", size_of(path), seconds, rss, outcome))
    part = work / "part.warc"
    prefix_warc(path, part, ingest_mb)
    path.unlink()
    seconds, rss, code, _, err = run_child(marsad("ingest", "--until", "parse", "--workers", "1",
                                                  "--db", str(work / "warc.db"), str(part)))
    failed = sum(1 for ln in err.splitlines() if ": E0" in ln)
    rows.append(Row("warc", "marsad ingest --until parse", size_of(part), seconds, rss,
                    f"exit {code}, {failed} inputs refused"))
    return rows


def case_bomb(work: Path, mb: int) -> list[Row]:
    path = work / "bomb.txt.gz"
    block = b" " * 2**20
    with gzip.open(path, "wb", compresslevel=9) as f:
        for _ in range(mb):
            f.write(block)
    seconds, rss, code, _, err = run_child(marsad("parse", str(path)))
    return [Row("bomb", "marsad parse", f"{size_of(path)} -> {mb:,} MB", seconds, rss,
                refusal(code, err, path, "E010"))]


def case_budget(work: Path) -> list[Row]:
    path = work / "long_report.txt"
    paragraphs = [_PROSE.format(day="Monday", n=n) for n in range(10_000)]
    path.write_text("Shelling Continues In The East\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    good = work / "short_report.txt"
    good.write_text("Convoy Reaches Town\n\n" + _PROSE.format(day="Monday", n=3), encoding="utf-8")
    config = work / "budget.toml"
    config.write_text("[pipeline]\ndoc_seconds = 0.5\nseconds_per_mb = 0\n", encoding="utf-8")
    seconds, rss, code, out, err = run_child(marsad("--config", str(config), "parse", str(path), str(good)))
    kept = len([ln for ln in out.splitlines() if ln.strip()])
    outcome = refusal(code, err, path, "E009") + f"; {kept} other document(s) still parsed"
    return [Row("budget", "marsad parse (doc_seconds 0.5)", size_of(path), seconds, rss, outcome)]


def regex_child() -> None:
    """Child mode: parse pathological lines at two lengths; print the seconds of each."""
    from marsad.ingest import text

    lines = {"spaces": lambda n: "AAA" + " " * n + "x", "capitals": lambda n: "A" * n + " x",
             "dashes": lambda n: "AAA" + " -" * n + "x", "bare spaces": lambda n: "word " + " " * n + "x..."}
    text.parse_text("Warm Up\n\nData files load on the first call.")
    out = {}
    for name, make in lines.items():
        out[name] = [min(_timed(text.parse_text, make(n)) for _ in range(3)) for n in (16_000, 64_000)]
    print(json.dumps(out))


def _timed(fn, arg) -> float:
    start = time.perf_counter()
    fn(arg)
    return time.perf_counter() - start


def case_regex() -> list[Row]:
    seconds, rss, code, out, err = run_child([sys.executable, __file__, "--regex-child"])
    if code != 0:
        return [Row("regex", "parse_text", "64,000 chars", seconds, rss, f"exit {code}")]
    return [Row("regex", f"parse_text, a line of {name}", "16k / 64k chars", t64, rss,
                f"{t16:.2f} s -> {t64:.2f} s (x{t64 / max(t16, 1e-6):.1f} for x4 the length)")
            for name, (t16, t64) in json.loads(out).items()]


def print_table(rows: list[Row]) -> None:
    print("| case | what ran | input | seconds | peak RSS | outcome |")
    print("| --- | --- | --- | ---: | ---: | --- |")
    for r in rows:
        rss = f"{r.peak_rss_mb:,.0f} MB" if r.peak_rss_mb else "-"
        print(f"| {r.case} | {r.command} | {r.size} | {r.seconds:,.1f} | {rss} | {r.outcome} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size-mb", type=int, default=1024, help="size of the generated WARC")
    ap.add_argument("--ingest-mb", type=int, default=2, help="WARC prefix run through marsad ingest")
    ap.add_argument("--line-mb", type=int, default=50, help="size of the single-line text file")
    ap.add_argument("--bomb-mb", type=int, default=1024, help="what the gzip bomb expands to")
    ap.add_argument("--skip", action="append", default=[], choices=CASES, help="leave a case out")
    ap.add_argument("--work", help="temporary directory (default: a new one, removed afterwards)")
    ap.add_argument("--warc-child", help=argparse.SUPPRESS)
    ap.add_argument("--regex-child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.warc_child:
        warc_source_child(args.warc_child)
        return 0
    if args.regex_child:
        regex_child()
        return 0
    work = Path(tempfile.mkdtemp(prefix="marsad-stress-", dir=args.work))
    rows: list[Row] = []
    try:
        steps = {"line": lambda: case_line(work, args.line_mb),
                 "warc": lambda: case_warc(work, args.size_mb, args.ingest_mb),
                 "bomb": lambda: case_bomb(work, args.bomb_mb),
                 "budget": lambda: case_budget(work), "regex": case_regex}
        for case in CASES:
            if case not in args.skip:
                rows += steps[case]()
                print(f"{case}: done", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
