#!/usr/bin/env python3
"""Score vndocs on the extra gold sets (tests/gold_extra_*.jsonl) with the shared scorer.

    python benchmarks/score_extra.py [--shared ../shared]

The extra sets were annotated by the developers over documents of the shared
development corpus that are not in the dev gold (see each set's notes file);
the documents are read from ``SHARED/corpus/docs``. Prints, per set, the metrics
that set annotates. These figures are the README's generalization estimates.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _scorer import load_scorer  # noqa: E402 - beside this script

SETS = {
    "headers": ("header.", "sections.", "recipients."),
    "tasks": ("tasks.",),
    "references": ("references.",),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    docs, scorer = shared / "corpus" / "docs", shared / "eval" / "score.py"
    if not (docs.is_dir() and scorer.is_file()):
        print(f"Error: {shared}: no corpus/docs or eval/score.py there", file=sys.stderr)
        return 1
    score = load_scorer(scorer)

    import vndocs

    for name, prefixes in SETS.items():
        path = ROOT / "tests" / f"gold_extra_{name}.jsonl"
        gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        preds = [vndocs.parse(str(docs / g["file"])).to_dict() for g in gold]
        metrics, _, missing = score.score(gold, preds)
        shown = {k: v for k, v in metrics.items() if k.startswith(prefixes)}
        print(f"{name}: {len(gold)} documents ({path.relative_to(ROOT)})" + (f"; missing {missing}" if missing else ""))
        for k, v in shown.items():
            print(f"  {k:24s} {'-' if v is None else f'{v:.3f}'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
