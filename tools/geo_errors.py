"""Error analysis for the geoparser against a gold folder (not shipped).

    python tools/geo_errors.py ../shared/dev-gold [--km 40]

Prints, per document, gold toponyms missed, predictions gold lacks (literal ones
count against precision) and resolutions further than --km from gold.
"""
from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from pathlib import Path


def km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1, math.sqrt(h)))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--km", type=float, default=40.0)
    a = ap.parse_args()
    golds = sorted(Path(a.gold).glob("*.gold.json"))
    srcs = [g.with_name(g.name[:-len(".gold.json")] + ".txt") for g in golds]
    out = subprocess.run(["marsad", "geoparse", *map(str, srcs)], capture_output=True, text=True)
    preds = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    for g, src in zip(golds, srcs):
        gold = json.loads(g.read_text())
        stem = src.stem
        pp = [p for p in preds if p["doc_id"] == stem]
        used = set()
        print(f"== {stem}")
        for gp in gold.get("places", []):
            sec = gp.get("section", "article")
            hit = next((j for j, p in enumerate(pp) if j not in used and p["section"] == sec
                        and p["text"].lower() == gp["text"].lower()), None)
            if hit is None:
                gt = set(gp["text"].lower().split())
                hit = next((j for j, p in enumerate(pp) if j not in used and p["section"] == sec
                            and gt & set(p["text"].lower().split())), None)
            if hit is None:
                print(f"  MISS  {gp['text']!r} ({gp.get('comment_id', '')})")
                continue
            used.add(hit)
            p = pp[hit]
            if p["lat"] is None:
                print(f"  NOCOORD {gp['text']!r} -> {p['text']!r}")
            elif km((gp["lat"], gp["lon"]), (p["lat"], p["lon"])) > a.km:
                print(f"  FAR   {gp['text']!r} -> {p['text']!r} {p['name']} {p['country']} "
                      f"{p['lat']},{p['lon']} ({km((gp['lat'], gp['lon']), (p['lat'], p['lon'])):.0f} km)")
        for j, p in enumerate(pp):
            if j not in used and p.get("literal", True):
                print(f"  FP    {p['text']!r} -> {p['name']} {p['country']} ({p.get('comment_id') or ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
