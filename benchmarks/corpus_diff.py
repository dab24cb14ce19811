#!/usr/bin/env python3
"""Corpus diff: what a change gained and lost, per document and per field.

Parses every readable file of a folder (default ``corpora/docs``), keeps a
summary per document (header fields, section labels, reference numbers and
relations, task assignees and deadlines, recipients), and compares it with the
summary saved by the previous run (``benchmarks/out/corpus_summary.json``).
Where the dev gold names a document, each change is marked as a gain (now
agrees with the gold) or a loss (agreed before, not now).

    python benchmarks/corpus_diff.py [FOLDER] [--gold corpora/gold-dev.jsonl] [--save]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import vndocs  # noqa: E402
from vndocs.errors import VndocsError  # noqa: E402

OUT = ROOT / "benchmarks" / "out" / "corpus_summary.json"


def summarize(path: Path) -> dict[str, object]:
    """The comparable summary of one document (or its error)."""
    try:
        d = vndocs.parse(path).to_dict()
    except VndocsError as e:
        return {"error": str(e)}
    return {
        "type": d["type"],
        "number": d["number"],
        "issuer": d["issuer"],
        "date": d["date"],
        "title": d["title"],
        "signer": d["signer"]["name"],  # type: ignore[index]
        "sections": [s["label"] for s in d["sections"]],  # type: ignore[union-attr]
        "references": sorted(
            f"{r['number'] or r['type'] + ':' + str(r['title'])}|{r['relation']}|{r['date']}"  # type: ignore[index]
            for r in d["references"]  # type: ignore[union-attr]
        ),
        "tasks": [f"{t['assignee']}|{(t['deadline'] or {}).get('date')}" for t in d["tasks"]],  # type: ignore[union-attr]
        "recipients": len(d["recipients"]),  # type: ignore[arg-type]
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(ROOT / "corpora" / "docs"))
    ap.add_argument("--gold", default=str(ROOT / "corpora" / "gold-dev.jsonl"))
    ap.add_argument("--save", action="store_true", help="save this run as the new baseline")
    args = ap.parse_args()

    gold: dict[str, dict[str, object]] = {}
    if Path(args.gold).exists():
        for line in Path(args.gold).read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                gold[g["file"]] = g
    now = {p.name: summarize(p) for p in sorted(Path(args.folder).iterdir()) if p.is_file()}
    before = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else {}
    changed = 0
    for name, cur in now.items():
        old = before.get(name)
        if old is None or old == cur:
            continue
        for field in sorted(set(cur) | set(old)):
            a, b = old.get(field), cur.get(field)
            if a == b:
                continue
            changed += 1
            mark = ""
            g = gold.get(name)
            if g is not None and field in ("type", "number", "date") and field in g:
                mark = " GAIN" if b == g[field] else (" LOSS" if a == g[field] else "")
            if isinstance(a, list) and isinstance(b, list):
                lost = [x for x in a if x not in b]
                won = [x for x in b if x not in a]
                print(f"{name}: {field}{mark}: -{lost} +{won}")
            else:
                print(f"{name}: {field}{mark}: {a!r} -> {b!r}")
    print(f"{len(now)} documents, {changed} field changes since the last saved run")
    if args.save or not before:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(now, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
