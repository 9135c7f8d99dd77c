"""`marsad pipeline --explain`: the stages, what each reads and writes."""
from __future__ import annotations

from marsad.pipeline import explain


def run_pipeline(args) -> int:
    """Example: marsad pipeline --explain"""
    rows = explain()
    width = max(len(r[0]) for r in rows)
    print(f"{'stage':<{width}}  requires -> assigns")
    for name, req, assigns in rows:
        print(f"{name:<{width}}  {req} -> {assigns}")
    return 0


def register(sub) -> None:
    p = sub.add_parser("pipeline", help="show the pipeline's stages")
    p.add_argument("--explain", action="store_true", help="print each stage's inputs and outputs")
    p.set_defaults(func=run_pipeline)
