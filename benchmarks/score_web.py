#!/usr/bin/env python3
"""Score vndocs on the blind sets of documents it may not ship, given their text.

    python benchmarks/score_web.py DIR [--gold web|portal] [--shared ../shared]

``web``: tests/gold_web_*.jsonl, 51 web pages (see tests/gold_web_notes.md; each
line names its page's address, ``url``); ``portal``: tests/gold_portal.jsonl, 28
documents of a crawl of a law portal in two batches (see tests/gold_portal_notes.md;
each line names its ``source``). Each gold line names the file its text is expected under in
DIR; files missing from DIR are left out and counted. Prints the metrics the set
annotates, from the shared scorer.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _scorer import load_scorer  # noqa: E402 - beside this script

os.environ.setdefault("VNDOCS_OCR", "0")

SETS = {
    "web": {"gold_web_headers.jsonl": ("header.",), "gold_web_references.jsonl": ("references.",)},
    "portal": {"gold_portal.jsonl": ("header.", "references.", "tasks.")},
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pages", help="folder holding the pages' text, one file per gold line")
    ap.add_argument("--gold", choices=sorted(SETS), default="web")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args(argv)
    pages, scorer = Path(args.pages), Path(args.shared) / "eval" / "score.py"
    if not pages.is_dir() or not scorer.is_file():
        print(f"Error: need a folder of pages and {scorer}", file=sys.stderr)
        return 1
    score = load_scorer(scorer)

    import vndocs
    from vndocs.errors import VndocsError

    for name, prefixes in SETS[args.gold].items():
        path = ROOT / "tests" / name
        gold, preds, missing = [], [], 0
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            g = json.loads(line)
            if not (pages / g["file"]).is_file():
                missing += 1
                continue
            g.pop("url", None)
            g.pop("source", None)
            g.pop("batch", None)
            if g.pop("title_cut", False):
                g.pop("title", None)  # the excerpt ends inside the title: not scored
            try:
                preds.append(vndocs.parse(pages / g["file"]).to_dict())
            except VndocsError as e:
                print(f"Error: {e}", file=sys.stderr)
                preds.append({"file": g["file"]})
            preds[-1]["file"] = g["file"]
            gold.append(g)
        metrics, _, _ = score.score(gold, preds)
        print(f"{path.relative_to(ROOT)}: {len(gold)} documents" + (f"; {missing} not in {pages}" if missing else ""))
        for k, v in metrics.items():
            if k.startswith(prefixes):
                print(f"  {k:24s} {'-' if v is None else f'{v:.3f}'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
