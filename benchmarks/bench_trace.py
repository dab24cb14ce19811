"""Trace latency and catalog insertion throughput.

Usage::

    python benchmarks/gen_catalog.py benchmarks/out/catalog-100k --n 100000   # once
    python benchmarks/bench_trace.py benchmarks/out/catalog-100k

Trace: ``vndocs.trace.trace(catalog, NUMBER, depth=3)`` for ``--roots`` random
real documents that other documents cite (down) and for random documents that
cite others (up); each is run once to warm the caches, then timed. Insertion:
``Catalog.add_document`` of pre-parsed generated documents (no parsing), one
transaction per document as ``vndocs index`` does, into a copy of the catalog
(the large case) and into an empty one. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s)) - 1))]


def bench_trace(index: Path, roots: int, depth: int, seed: int) -> list[tuple[str, dict[str, float]]]:
    """Latency of down and up traces from random roots."""
    from vndocs.catalog import Catalog
    from vndocs.trace import trace

    rng = random.Random(seed)
    out = []
    with Catalog(index, readonly=True) as cat:
        # the benchmark's own sampling query (the library's SQL is in vndocs/catalog_sql.py)
        cited = [r[0] for r in cat.conn.execute(
            "SELECT DISTINCT d.number FROM documents d JOIN edges e ON e.dst = d.id "
            "WHERE d.placeholder = 0 AND d.number IS NOT NULL"
        )]
        citing = [r[0] for r in cat.conn.execute(
            "SELECT DISTINCT d.number FROM documents d JOIN edges e ON e.src = d.id "
            "WHERE d.placeholder = 0 AND d.number IS NOT NULL"
        )]
        for direction, pool in (("down", cited), ("up", citing)):
            sample = rng.sample(pool, min(roots, len(pool)))
            for number in sample:  # warm
                trace(cat, number, direction=direction, depth=depth)
            times, sizes, deep = [], [], 0
            for number in sample:
                t0 = time.perf_counter()
                result = trace(cat, number, direction=direction, depth=depth)
                times.append((time.perf_counter() - t0) * 1000)
                sizes.append(len(result.nodes))
                deep += any(n.depth == depth for n in result.nodes)
            out.append((direction, {
                "n": len(sample), "p50": percentile(times, 50), "p95": percentile(times, 95),
                "max": max(times), "nodes": statistics.mean(sizes), "max_nodes": max(sizes),
                "deep": deep,
            }))
    return out


def bench_insert(index: Path | None, n: int, seed: int) -> float:
    """Documents per second, one transaction per document."""
    from gen_catalog import generate, load_templates

    from vndocs.catalog import Catalog

    templates = load_templates(ROOT / "corpora" / "docs", 1500)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "idx"
        if index is not None:
            target.mkdir()
            src = sqlite3.connect(index / "catalog.sqlite3")
            dst = sqlite3.connect(target / "catalog.sqlite3")
            src.backup(dst)
            src.close()
            dst.close()
        cat = Catalog(target)
        docs = list(generate(n, templates, seed))
        offset = 10_000_000  # sources that do not collide with the catalog's
        t0 = time.perf_counter()
        for i, (d, text) in enumerate(docs):
            source = f"bench/{offset + i}.txt"
            cat.add_document(dict(d, source=source), text, source=source)
        seconds = time.perf_counter() - t0
        cat.close()
    return n / seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("index", type=Path, help="index folder made by gen_catalog.py")
    ap.add_argument("--roots", type=int, default=200)
    ap.add_argument("--depth", type=int, default=3)
    ap.add_argument("--insert", type=int, default=2000, help="documents inserted for throughput")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if not (args.index / "catalog.sqlite3").exists():
        raise SystemExit(f"{args.index}: no catalog (run benchmarks/gen_catalog.py first)")

    from vndocs.catalog import Catalog

    with Catalog(args.index, readonly=True) as cat:
        counts = cat.counts()
    size_mb = os.path.getsize(args.index / "catalog.sqlite3") / 1e6
    traces = bench_trace(args.index, args.roots, args.depth, args.seed)
    big = bench_insert(args.index, args.insert, args.seed + 1)
    empty = bench_insert(None, args.insert, args.seed + 1)

    machine = (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {platform.system()}"
    )
    print(f"Catalog: {counts['documents']:,} documents, {counts['placeholders']:,} placeholders, "
          f"{counts['edges']:,} edges, {size_mb:,.0f} MB. Machine: {machine}.\n")
    print("| measure | value |")
    print("|---|---|")
    for direction, r in traces:
        print(f"| trace --{direction} depth {args.depth}, warm, {r['n']} random roots: p50 / p95 / max "
              f"| {r['p50']:.1f} / {r['p95']:.1f} / {r['max']:.1f} ms (mean {r['nodes']:.0f} nodes, "
              f"max {r['max_nodes']}; {r['deep']} roots reach depth {args.depth}) |")
    print(f"| insert pre-parsed documents into the {counts['documents']:,}-document catalog "
          f"(1 transaction each) | {big:,.0f} documents/s |")
    print(f"| insert pre-parsed documents into an empty catalog (1 transaction each) | {empty:,.0f} documents/s |")


if __name__ == "__main__":
    main()
