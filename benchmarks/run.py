"""Run every benchmark and print their tables: one command for all of them.

    python benchmarks/run.py                 # every benchmarks/bench_*.py, in name order
    python benchmarks/run.py ingest geo      # only bench_ingest.py and bench_geo.py

Each `bench_*.py` runs alone in its own interpreter (so one's memory and imports never
colour another's numbers) and prints its own table; this script prints them one after
another and exits 1 if any benchmark failed.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benchmarks(names: list[str]) -> list[Path]:
    found = sorted(HERE.glob("bench_*.py"))
    if not names:
        return found
    wanted = {f"bench_{n.removeprefix('bench_').removesuffix('.py')}.py" for n in names}
    missing = wanted - {p.name for p in found}
    if missing:
        raise SystemExit(f"run.py: no such benchmark: {', '.join(sorted(missing))}")
    return [p for p in found if p.name in wanted]


def main(argv: list[str]) -> int:
    failed = []
    for path in benchmarks(argv):
        print(f"== {path.stem}", flush=True)
        start = time.perf_counter()
        status = subprocess.run([sys.executable, str(path)]).returncode
        print(f"   ({time.perf_counter() - start:.0f} s{'' if status == 0 else f', exit {status}'})\n", flush=True)
        if status != 0:
            failed.append(path.stem)
    if failed:
        print(f"run.py: failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
