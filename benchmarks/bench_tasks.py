"""Throughput of the tasks extractor (docs/s) over the .md/.txt files of a corpus.

Usage:
    .venv/bin/python benchmarks/bench_tasks.py [--corpus DIR] [--repeat N]

Each document is read and parsed once (header and outline); then only
``extract_tasks`` is timed, twice: with the POS tagger allowed where the word
list cannot tell where a unit's name ends, and with it disabled
(``VNDOCS_NO_POS=1``, the same switch users set). Prints docs/s, tasks found
and how many sentences went to underthesea.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import vndocs
from vndocs.extract import units as units_mod
from vndocs.extract.tasks import extract_tasks


def _load(corpus: Path) -> list[vndocs.Document]:
    docs = []
    for p in sorted(corpus.iterdir()):
        if p.suffix.lower() not in (".md", ".txt"):
            continue
        try:
            docs.append(vndocs.parse(str(p), steps=["header", "outline"]))
        except vndocs.errors.VndocsError:
            continue
    return docs


def _run(docs: list[vndocs.Document], repeat: int, pos: bool) -> tuple[float, int, int]:
    os.environ["VNDOCS_NO_POS"] = "0" if pos else "1"
    calls = 0
    original = units_mod.word_starts

    def counting(text: str, start: int, end: int) -> set[int]:
        nonlocal calls
        calls += 1
        return original(text, start, end)

    units_mod.word_starts = counting
    try:
        n_tasks = 0
        t0 = time.perf_counter()
        for _ in range(repeat):
            for d in docs:
                n_tasks += len(extract_tasks(d.text, d.header, d.sections).tasks)
        elapsed = time.perf_counter() - t0
    finally:
        units_mod.word_starts = original
    return len(docs) * repeat / elapsed, n_tasks // repeat, calls // repeat


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpora" / "docs")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs = _load(args.corpus)
    print(f"{len(docs)} documents (.md/.txt) from {args.corpus}")
    units_mod.dictionary()  # load the word list once, outside the timing
    if units_mod.pos_enabled():
        units_mod.word_starts("Sở Tài chính chủ trì", 0, 20)  # import underthesea outside the timing
    for label, pos in (("with POS", True), ("without POS", False)):
        rate, n_tasks, calls = _run(docs, args.repeat, pos)
        print(f"{label:<12} {rate:8.1f} docs/s  {n_tasks:5d} tasks  {calls:4d} POS-tagged sentences per pass")


if __name__ == "__main__":
    main()
