"""`marsad eval GOLD_DIR`: score Marsad's events against an analyst's gold files."""
from __future__ import annotations

import json

from marsad.cli.common import check_date, config
from marsad.evaluate import EventScores, PairOutcome, evaluate
from marsad.records import to_dict


def format_scores(s: EventScores) -> str:
    fields = "  ".join(f"{k} {v:.3f}" for k, v in s.field_accuracy.items())
    lines = [f"events     tp {s.tp}  fp {s.fp}  fn {s.fn}",
             f"matched    precision {s.precision:.3f}  recall {s.recall:.3f}  f1 {s.f1:.3f}",
             f"strict     precision {s.strict_precision:.3f}  recall {s.strict_recall:.3f}  f1 {s.strict_f1:.3f}",
             f"fields     {fields}",
             "by type    " + ("  ".join(f"{k} {v}" for k, v in sorted(s.matched_by_type.items())) or "-")]
    lines += [f"doc        {d.doc}  gold {d.gold}  predicted {d.pred}  matched {d.matched}" for d in s.docs]
    lines += [f"error      {e}" for e in s.errors]
    lines += [format_pair(o) for o in s.pairs]
    return "\n".join(lines)


def format_pair(o: PairOutcome) -> str:
    if o.gold and o.pred:
        verdict = f"{'strict' if o.strict else 'paired'}  wrong: {', '.join(o.disagree) or '-'}"
    else:
        verdict = "unpaired"
    return f"pair       {o.doc}  {o.gold or '-'} ~ {o.pred or '-'}  {o.type}  {verdict}"


def run_eval(args) -> int:
    """Example: marsad eval my-coding/ --published 2018-02-10 --json"""
    scores = evaluate(args.gold_dir, config(args), published=check_date(args.published),
                      predictions_file=args.pred)
    if not args.pairs:
        scores.pairs = []
    print(json.dumps(to_dict(scores), indent=1) if args.json else format_scores(scores))
    return 1 if scores.errors else 0


def register(sub) -> None:
    text = "score extracted events against a folder of gold files (NAME.txt + NAME.gold.json)"
    p = sub.add_parser("eval", help=text, description=text + "; EVENTS.md section 10 rules")
    p.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of documents and their .gold.json files")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="publication date for every document (default: each gold file's own)")
    p.add_argument("--pred", metavar="FILE", help="score saved event records (JSON Lines) instead of extracting")
    p.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    p.add_argument("--pairs", action="store_true",
                   help="also list every gold/predicted pair with the fields it gets wrong, and unpaired events")
    p.set_defaults(func=run_eval)
