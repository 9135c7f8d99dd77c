"""Gazetteer load time, memory and geoparse throughput (documents/s on one core).

    python benchmarks/bench_geo.py [--docs DIR ...] [--repeat 3] [--build]

Rows:
- build:   `marsad gazetteer build` from the installed packages (only with --build; slow);
- open:    opening the built gazetteer read-only and a first lookup (a fresh process);
- first fuzzy lookup: reading the spellings fuzzy matching compares against (once);
- lookup:  mean time of one name lookup (exact names, spelling variants, misspellings);
- geo:     the geo stage alone over already parsed documents (docs/s);
- nlp+geo: spaCy parse plus the geo stage (docs/s), what `marsad geoparse` costs;
- memory:  peak RSS of the process after the runs (MB).
Documents are the .txt files of the shared dev sets (or the folders given); each is a
plain-text news page or blog post with comments.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
NAMES = ("Damascus", "Deir ez-Zor", "Dayr az Zawr", "Easter Ghouta", "Khan Sheikhoun", "Paris",
         "Springfield", "Yarmouk camp", "Qalamoun mountains", "Deir Azur")
OPEN_SNIPPET = """
import time, sys
t = time.perf_counter()
from marsad.config import load_config
from marsad.geo.gazetteer import open_gazetteer
gz = open_gazetteer(load_config())
gz.lookup("Aleppo")
print(time.perf_counter() - t)
"""


def documents(folders: list[Path]):
    from marsad.config import load_config
    from marsad.ingest.sources import iter_inputs
    from marsad.pipeline import Pipeline

    cfg = load_config()
    pipeline = Pipeline(["ingest"], cfg)
    files = [str(p) for f in folders for p in sorted(f.glob("*.txt"))]
    return cfg, [pipeline.make_document(raw) for raw in iter_inputs(files, cfg)
                 if not isinstance(raw, Exception)]


def fresh(docs):
    from marsad.document import Document

    return [Document(d.doc_id, body=d.body, comments=list(d.comments)) for d in docs]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", nargs="*", type=Path,
                    default=[SHARED / "dev-gold", SHARED / "dev-extra"])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--build", action="store_true")
    a = ap.parse_args()
    rows: list[tuple[str, str]] = []

    from marsad import geo, nlp
    from marsad.config import load_config
    from marsad.geo import gazetteer

    cfg = load_config()
    if a.build:
        t = time.perf_counter()
        gazetteer.build(cfg)
        rows.append(("build", f"{time.perf_counter() - t:.1f} s"))
    gazetteer.open_gazetteer(cfg)  # make sure it exists before timing a cold open
    opened = subprocess.run([sys.executable, "-c", OPEN_SNIPPET], capture_output=True, text=True)
    rows.append(("open + first lookup", f"{float(opened.stdout.strip() or 'nan') * 1000:.0f} ms"))
    gz = gazetteer.open_gazetteer(cfg)
    rows.append(("gazetteer size", f"{gz.stats()['places']} places, {gz.stats()['spellings']} "
                                   f"spellings, {gz.path.stat().st_size / 1e6:.0f} MB"))
    t = time.perf_counter()
    gz.lookup("Easter Ghouta")  # reads the fuzzy-match spellings once
    rows.append(("first fuzzy lookup", f"{(time.perf_counter() - t) * 1000:.0f} ms"))
    t = time.perf_counter()
    for _ in range(a.repeat):
        for name in NAMES:
            gz._by_key.clear()
            gz.lookup(name)
    rows.append(("lookup", f"{(time.perf_counter() - t) / (a.repeat * len(NAMES)) * 1000:.2f} ms"))

    cfg, docs = documents([d for d in a.docs if d.is_dir()])
    if docs:
        parsed = fresh(docs)
        t = time.perf_counter()
        nlp.run_batch(parsed, cfg)
        t_nlp = time.perf_counter() - t
        t = time.perf_counter()
        for _ in range(a.repeat):
            for d in parsed:
                d.places = []
            geo.run_batch(parsed, cfg)
        t_geo = (time.perf_counter() - t) / a.repeat
        n_places = sum(len(d.places) for d in parsed)
        rows.append(("documents", f"{len(docs)} ({sum(len(d.body) for d in docs) // len(docs)} "
                                  f"chars of body on average), {n_places} place mentions"))
        rows.append(("geo stage", f"{len(docs) / t_geo:.1f} docs/s"))
        rows.append(("nlp + geo", f"{len(docs) / (t_nlp + t_geo):.1f} docs/s"))
    rows.append(("peak memory", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  value")
    for k, v in rows:
        print(f"{k.ljust(width)}  {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
