"""Quality gate: score Marsad on the gold sets and fail when a score drops below its floor.

    python benchmarks/gate.py                       # score, print a table, exit 1 on a drop
    python benchmarks/gate.py --allow-regression "geo now resolves demonyms as non-literal"
    python benchmarks/gate.py --raise-floors        # after an improvement: floors = score - margin

Floors live in `benchmarks/floors.json` as {task: {gold_set: {metric: floor}}}; a task
with no floors is not run. Gold sets are named folders resolved from the repo root
(`../shared/dev-gold`, `../shared/dev-extra`, `tests/corpus`). Lowering a floor takes
`--allow-regression REASON`: the gate then passes, sets each broken floor to the score
measured, and appends the reason to the file's `regressions` log.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FLOORS = Path(__file__).with_name("floors.json")
SCORER = SHARED / "tools" / "score.py"
GOLD_SETS = {
    "dev-gold": SHARED / "dev-gold",
    "dev-extra": SHARED / "dev-extra",
    "corpus": REPO / "tests" / "corpus",
}
COMMANDS = {"parse": "parse", "geo": "geoparse", "events": "extract"}


def score(task: str, gold_dir: Path) -> dict:
    """Run the shared scorer with this interpreter's marsad; its --json result."""
    cmd = f"{sys.executable} -m marsad {COMMANDS[task]}"
    proc = subprocess.run([sys.executable, str(SCORER), task, str(gold_dir), "--cmd", cmd, "--json"],
                          capture_output=True, text=True, cwd=REPO)
    if proc.returncode != 0:
        return {"errors": [f"score.py exit {proc.returncode}: {proc.stderr.strip()[-300:]}"]}
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError:
        return {"errors": [f"score.py printed no JSON: {proc.stdout[:200]!r}"]}


def metric(result: dict, name: str) -> float | None:
    """A metric by dotted name (`field_accuracy.date`); None when the scorer has none."""
    value = result
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value if isinstance(value, (int, float)) else None


def compare(floors: dict, results: dict) -> list[dict]:
    """One row per floor: task, gold set, metric, floor, score, and whether it holds."""
    rows = []
    for task, sets in floors.items():
        for gold_set, metrics in sets.items():
            result = results.get((task, gold_set), {})
            for name, floor in metrics.items():
                value = metric(result, name)
                rows.append({"task": task, "set": gold_set, "metric": name, "floor": floor,
                             "score": value, "ok": value is not None and value >= floor,
                             "errors": result.get("errors") or []})
    return rows


def lower_floors(data: dict, rows: list[dict], reason: str, today: str) -> None:
    """Set each broken floor to its new score and log why (a missing score lowers to 0)."""
    lowered = []
    for r in rows:
        if r["ok"]:
            continue
        new = r["score"] if r["score"] is not None else 0.0
        data["floors"][r["task"]][r["set"]][r["metric"]] = new
        lowered.append({"task": r["task"], "set": r["set"], "metric": r["metric"],
                        "from": r["floor"], "to": new})
    if lowered:
        data.setdefault("regressions", []).append({"date": today, "reason": reason, "lowered": lowered})


def raise_floors(data: dict, rows: list[dict], margin: float) -> None:
    """Move each floor up to score - margin when the score has grown past it."""
    for r in rows:
        if r["score"] is not None and r["score"] - margin > r["floor"]:
            data["floors"][r["task"]][r["set"]][r["metric"]] = round(r["score"] - margin, 3)


def print_table(rows: list[dict]) -> None:
    print(f"{'task':<7} {'set':<10} {'metric':<28} {'floor':>6} {'score':>6}  ")
    for r in rows:
        shown = "-" if r["score"] is None else f"{r['score']:.3f}"
        print(f"{r['task']:<7} {r['set']:<10} {r['metric']:<28} {r['floor']:>6.3f} {shown:>6}  "
              f"{'ok' if r['ok'] else 'BELOW FLOOR'}")
    for err in sorted({e for r in rows for e in r["errors"]}):
        print(f"  scorer: {err}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--allow-regression", metavar="REASON",
                    help="pass despite drops, lower those floors and record REASON")
    ap.add_argument("--raise-floors", action="store_true",
                    help="raise floors to score minus --margin where scores grew")
    ap.add_argument("--margin", type=float, default=0.01)
    args = ap.parse_args(argv)
    if not SCORER.exists():
        print(f"gate: scorer not found at {SCORER}", file=sys.stderr)
        return 2
    data = json.loads(FLOORS.read_text(encoding="utf-8"))
    floors = data["floors"]
    missing = [s for sets in floors.values() for s in sets if not GOLD_SETS[s].is_dir()]
    if missing:
        print(f"gate: gold sets not found: {', '.join(sorted(set(missing)))}", file=sys.stderr)
        return 2
    results = {(task, s): score(task, GOLD_SETS[s]) for task, sets in floors.items() for s in sets}
    rows = compare(floors, results)
    print_table(rows)
    broken = [r for r in rows if not r["ok"]]
    changed = False
    if broken and args.allow_regression:
        lower_floors(data, rows, args.allow_regression, dt.date.today().isoformat())
        print(f"gate: {len(broken)} floor(s) lowered: {args.allow_regression}")
        changed, broken = True, []
    if args.raise_floors:
        raise_floors(data, rows, args.margin)
        changed = True
    if changed:
        FLOORS.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    if broken:
        print(f"gate: FAIL, {len(broken)} score(s) below floor", file=sys.stderr)
        return 1
    print("gate: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
