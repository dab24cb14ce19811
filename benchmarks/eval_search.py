"""Search quality on judged queries: vndocs search (each engine) vs a plain SQLite FTS5 baseline.

Indexes every readable file of ``corpora/docs`` into a temporary folder, runs
the queries of ``tests/search_queries.json`` and prints MRR@10 and nDCG@10
(graded gains ``2^g - 1``) as a markdown table, overall and per query kind.
The baseline is SQLite FTS5 with ``unicode61 remove_diacritics 2`` over the
same texts: the query's words ANDed (OR when nothing matches), ranked by bm25.

    python benchmarks/eval_search.py [--engine tantivy --engine whoosh] [--json] [--per-query]

Judged files that cannot be read (no reader yet) are left out of the judgments;
a query with no readable relevant file is skipped.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpora" / "docs"
QUERIES = ROOT / "tests" / "search_queries.json"
K = 10

_WORD_RE = re.compile(r"[^\W_]+")
_FIELD_RE = re.compile(r'\b[A-Za-z]+:(?="|\S)')


def load_corpus(docs: Path = DOCS) -> list[tuple[str, dict[str, Any], str]]:
    """(base name, doc dict, text) of every readable file."""
    import vndocs

    out = []
    for p in sorted(docs.iterdir()):
        if not p.is_file():
            continue
        try:
            d = vndocs.parse(p)
        except Exception:  # noqa: BLE001 - unreadable formats are skipped
            continue
        dd = d.to_dict()
        dd["source"] = str(p)
        out.append((p.name, dd, d.text))
    return out


def build_index(corpus: list[tuple[str, dict[str, Any], str]], index_dir: Path, engine: str) -> None:
    """Index the corpus with one engine (doc ids = positions)."""
    from vndocs.search import build_records, index_records

    index_records(index_dir, (build_records(i, d, t) for i, (_, d, t) in enumerate(corpus)), engine)


class Fts5Baseline:
    """SQLite FTS5, unicode61 with diacritics removed, bm25."""

    def __init__(self, corpus: list[tuple[str, dict[str, Any], str]]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(name UNINDEXED, body, "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        self.db.executemany("INSERT INTO docs VALUES (?, ?)", [(n, t) for n, _, t in corpus])

    def search(self, query: str, limit: int = K) -> list[str]:
        """Names of the best documents for the query's words."""
        words = _WORD_RE.findall(_FIELD_RE.sub(" ", query))
        if not words:
            return []
        for joiner in (" ", " OR "):
            match = joiner.join('"' + w.replace('"', "") + '"' for w in words)
            rows = self.db.execute(
                "SELECT name FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", (match, limit)
            ).fetchall()
            if rows:
                return [r[0] for r in rows]
        return []


def dcg(gains: list[float]) -> float:
    """Discounted cumulative gain."""
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def score_ranking(ranked: list[str], relevant: dict[str, int], k: int = K) -> tuple[float, float]:
    """(reciprocal rank, nDCG) at ``k``."""
    ranked = ranked[:k]
    rr = 0.0
    for i, name in enumerate(ranked):
        if relevant.get(name, 0) > 0:
            rr = 1.0 / (i + 1)
            break
    gains = [(2 ** relevant.get(n, 0)) - 1 for n in ranked]
    ideal = sorted(((2**g) - 1 for g in relevant.values()), reverse=True)[:k]
    nd = dcg(gains) / dcg(ideal) if ideal and dcg(ideal) > 0 else 0.0
    return rr, nd


def evaluate(engines: list[str], *, queries_path: Path = QUERIES) -> dict[str, Any]:
    """Scores of each engine and of the baseline: overall, per kind, per query."""
    from vndocs.search import search

    corpus = load_corpus()
    names = {n for n, _, _ in corpus}
    data = json.loads(queries_path.read_text(encoding="utf-8"))
    systems: dict[str, Callable[[str], list[str]]] = {}
    tmp = tempfile.TemporaryDirectory(prefix="vndocs-eval-")
    for eng in engines:
        build_index(corpus, Path(tmp.name), eng)

        def run(q: str, eng: str = eng) -> list[str]:
            res = search(tmp.name, q, engine=eng, limit=K)
            return [os.path.basename(h.source or "") for h in res.hits]

        systems[f"vndocs/{eng}"] = run
    base = Fts5Baseline(corpus)
    systems["fts5-baseline"] = base.search

    per_query: list[dict[str, Any]] = []
    skipped: list[str] = []
    for item in data["queries"]:
        rel = {n: g for n, g in item["relevant"].items() if n in names}
        if not rel:
            skipped.append(item["id"])
            continue
        row: dict[str, Any] = {"id": item["id"], "q": item["q"], "kinds": item["kinds"]}
        for name, fn in systems.items():
            ranked = fn(item["q"])
            rr, nd = score_ranking(ranked, rel)
            row[name] = {"rr": rr, "ndcg": nd, "top": ranked[:3]}
        per_query.append(row)
    tmp.cleanup()

    def agg(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
        return {
            name: {
                "mrr": sum(r[name]["rr"] for r in rows) / len(rows) if rows else 0.0,
                "ndcg": sum(r[name]["ndcg"] for r in rows) / len(rows) if rows else 0.0,
            }
            for name in systems
        }

    kinds = sorted({k for r in per_query for k in r["kinds"]})
    return {
        "queries": len(per_query),
        "skipped": skipped,
        "documents": len(corpus),
        "overall": agg(per_query),
        "by_kind": {k: {"n": sum(k in r["kinds"] for r in per_query), **agg([r for r in per_query if k in r["kinds"]])} for k in kinds},
        "per_query": per_query,
    }


def markdown(result: dict[str, Any]) -> str:
    """The scores as markdown tables."""
    systems = list(result["overall"])
    lines = [
        f"Judged queries: {result['queries']} over {result['documents']} documents "
        f"(skipped, no readable relevant file: {len(result['skipped'])})",
        "",
        "| system | MRR@10 | nDCG@10 |",
        "|---|---|---|",
    ]
    for s in systems:
        o = result["overall"][s]
        lines.append(f"| {s} | {o['mrr']:.3f} | {o['ndcg']:.3f} |")
    lines += ["", "| kind | n | " + " | ".join(f"{s} nDCG" for s in systems) + " |"]
    lines.append("|---|---|" + "---|" * len(systems))
    for k, v in result["by_kind"].items():
        lines.append(f"| {k} | {v['n']} | " + " | ".join(f"{v[s]['ndcg']:.3f}" for s in systems) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engine", action="append", choices=["tantivy", "whoosh"])
    ap.add_argument("--json", action="store_true", help="print the full result as JSON")
    ap.add_argument("--per-query", action="store_true", help="list queries where a system misses")
    args = ap.parse_args(argv)
    result = evaluate(args.engine or ["tantivy", "whoosh"])
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(markdown(result))
    if args.per_query:
        systems = list(result["overall"])
        print()
        for r in result["per_query"]:
            cells = "  ".join(f"{s.split('/')[-1]}={r[s]['ndcg']:.2f}" for s in systems)
            print(f"{r['id']:<24} {cells}  {r['q']!r}  top={r[systems[0]]['top'][:2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
