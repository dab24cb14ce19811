"""Search performance: tantivy vs Whoosh vs a plain SQLite FTS5 baseline, same documents, same run.

    python benchmarks/gen_corpus.py /tmp/gen20k --count 20000
    python benchmarks/bench_search.py /tmp/gen20k [--limit-docs N] [--jobs 2] [--cache parsed.jsonl]

Measures, per engine: indexing throughput excluding parsing (analysis +
engine, documents/s) and including it (parse throughput combined), query
latency p50/p95 over 200 mixed queries from a warm process (query analysis
and snippets included), the same with facets, the wall time of one cold
``vndocs search`` command, and the index size. Prints a markdown table.
Parsed documents are cached as JSONL (``--cache``) so that runs at 20,000 or
100,000 documents parse only once.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_search import Fts5Baseline  # noqa: E402

ENGINES = ("tantivy", "whoosh")


def _parse_one(path: str) -> str | None:
    import vndocs

    try:
        d = vndocs.parse(path)
    except Exception:  # noqa: BLE001
        return None
    dd = d.to_dict()
    keep = {k: dd.get(k) for k in ("source", "type", "number", "issuer", "date", "title", "sections", "units", "references", "abbreviations")}
    return json.dumps({"doc": keep, "text": d.text}, ensure_ascii=False)


def parse_all(files: list[str], cache: Path, jobs: int) -> tuple[float, int]:
    """Parse files into the cache; returns (seconds, documents)."""
    t = time.perf_counter()
    n = 0
    with cache.open("w", encoding="utf-8") as out, ProcessPoolExecutor(jobs) as pool:
        for line in pool.map(_parse_one, files, chunksize=64):
            if line is not None:
                out.write(line + "\n")
                n += 1
    return time.perf_counter() - t, n


def read_cache(cache: Path, limit: int | None) -> Iterator[tuple[dict[str, Any], str]]:
    with cache.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                return
            d = json.loads(line)
            yield d["doc"], d["text"]


def scale_docs(docs: list[tuple[dict[str, Any], str]], n: int, seed: int = 3) -> list[tuple[dict[str, Any], str]]:
    """Grow parsed documents to ``n`` without parsing again: each copy gets a new
    serial number, another year and its paragraphs in another order."""
    import re

    rng = random.Random(seed)
    out = list(docs[:n])
    i = 0
    while len(out) < n:
        d, text = docs[i % len(docs)]
        i += 1
        d = dict(d)
        if d.get("number"):
            d["number"] = re.sub(r"^\d+", str(rng.randint(1, 99999)), str(d["number"]))
        if d.get("date"):
            d["date"] = f"{rng.randint(2000, 2025)}{str(d['date'])[4:]}"
        paras = text.split("\n")
        head, body = paras[:12], paras[12:]
        rng.shuffle(body)
        out.append((d, "\n".join(head + body)))
    return out


def make_queries(docs: list[tuple[dict[str, Any], str]], n: int = 200, seed: int = 7) -> list[dict[str, Any]]:
    """Mixed queries: title words with and without diacritics, numbers as typed, abbreviations, filters."""
    from vndocs.normalize import fold
    from vndocs.search.analysis import shipped_synonyms

    rng = random.Random(seed)
    titled = [d for d, _ in docs if d.get("title")]
    numbered = [d for d, _ in docs if d.get("number")]
    typed = [d for d, _ in docs if d.get("type") and d.get("date")]
    abbrs = [a for a in shipped_synonyms().by_abbr if len(a) >= 4]
    out: list[dict[str, Any]] = []

    def title_words(k: int) -> str:
        words = str(rng.choice(titled)["title"]).split()
        if len(words) <= k:
            return " ".join(words)
        i = rng.randrange(0, len(words) - k)
        return " ".join(words[i : i + k]).strip(",.;:“”\"()")

    while len(out) < n:
        kind = len(out) % 8
        if kind in (0, 1):
            out.append({"q": title_words(rng.choice((2, 3, 4)))})
        elif kind in (2, 3):
            out.append({"q": fold(title_words(rng.choice((2, 3))))})
        elif kind == 4 and numbered:
            num = str(rng.choice(numbered)["number"])
            out.append({"q": num})
        elif kind == 5 and numbered:
            num = str(rng.choice(numbered)["number"])
            serial = num.split("/")[0].split("-")[0]
            code = num.replace("-", "/").split("/")[1] if "/" in num else "QĐ"
            out.append({"q": f"{code.lower()} {serial}"})
        elif kind == 6 and abbrs:
            out.append({"q": f"{rng.choice(abbrs).upper()} {title_words(1)}"})
        elif typed:
            d = rng.choice(typed)
            out.append({"q": title_words(2), "type": d["type"], "year": str(d["date"])[:4]})
        else:
            out.append({"q": title_words(2)})
    return out


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(p / 100 * (len(s) - 1))))
    return s[k]


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def time_queries(fn: Callable[[dict[str, Any]], Any], queries: list[dict[str, Any]]) -> dict[str, float]:
    for q in queries[:20]:  # warm up
        fn(q)
    times = []
    for q in queries:
        t = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - t) * 1000)
    return {"p50": percentile(times, 50), "p95": percentile(times, 95), "mean": statistics.mean(times)}


def cold_search(index_dir: Path, engine: str, query: str, runs: int = 5) -> float:
    exe = shutil.which("vndocs") or str(Path(sys.executable).parent / "vndocs")
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([exe, "search", query, "--engine", engine, "--index", str(index_dir)], capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench(corpus_dir: Path, *, limit_docs: int | None, jobs: int, cache: Path | None, engines: tuple[str, ...], scale: int | None = None) -> dict[str, Any]:
    from vndocs.search import build_records, index_records, search

    files = sorted(str(p) for p in corpus_dir.glob("*.txt"))
    if limit_docs:
        files = files[:limit_docs]
    cache = cache or corpus_dir.with_suffix(f".parsed-{len(files)}.jsonl")
    parse_rate: float | None = None
    if not cache.exists():
        secs, n = parse_all(files, cache, jobs)
        parse_rate = n / secs
    else:  # measure parsing on a sample
        sample = files[: min(400, len(files))]
        secs, n = parse_all(sample, Path(tempfile.mktemp(suffix=".jsonl")), jobs)
        parse_rate = n / secs
    docs = list(read_cache(cache, limit_docs))
    if scale and scale > len(docs):
        docs = scale_docs(docs, scale)
    queries = make_queries(docs)
    work = Path(tempfile.mkdtemp(prefix="vndocs-bench-"))
    results: dict[str, Any] = {"documents": len(docs), "parse_docs_per_s": parse_rate, "jobs": jobs, "engines": {}}
    try:
        for eng in engines:
            t = time.perf_counter()
            records = [build_records(i, d, text) for i, (d, text) in enumerate(docs)]
            t_an = time.perf_counter() - t
            t = time.perf_counter()
            index_records(work, records, eng)
            t_ix = time.perf_counter() - t
            del records
            idx_rate = len(docs) / (t_an + t_ix)
            with_parse = 1 / (1 / idx_rate + 1 / parse_rate) if parse_rate else None

            def run(q: dict[str, Any], facets: bool = False, eng: str = eng) -> Any:
                return search(work, q["q"], engine=eng, type=q.get("type"), year=q.get("year"), facets=facets)

            lat = time_queries(run, queries)
            lat_f = time_queries(lambda q: run(q, True), queries)
            cold = cold_search(work, eng, "bảo vệ an ninh tổ quốc")
            results["engines"][eng] = {
                "index_docs_per_s": idx_rate,
                "analysis_s": t_an,
                "engine_s": t_ix,
                "with_parse_docs_per_s": with_parse,
                "query_ms": lat,
                "facets_query_ms": lat_f,
                "cold_search_s": cold,
                "index_bytes": du(work / f"fulltext-{eng}"),
            }
        # baseline: FTS5 over the same texts
        t = time.perf_counter()
        db_path = work / "fts5.sqlite3"
        base = Fts5Baseline([])
        base.db.close()
        base.db = sqlite3.connect(db_path)
        base.db.execute("CREATE VIRTUAL TABLE docs USING fts5(name UNINDEXED, body, tokenize='unicode61 remove_diacritics 2')")
        base.db.execute("CREATE TABLE meta(rowid INTEGER PRIMARY KEY, type TEXT, issuer TEXT, year INTEGER)")
        with base.db:
            for i, (d, text) in enumerate(docs):
                base.db.execute("INSERT INTO docs(rowid, name, body) VALUES (?, ?, ?)", (i, d.get("source"), text))
                base.db.execute("INSERT INTO meta VALUES (?, ?, ?, ?)", (i, d.get("type"), d.get("issuer"), int(str(d.get("date"))[:4]) if d.get("date") else None))
        t_b = time.perf_counter() - t

        def facets_fts(q: dict[str, Any]) -> None:
            base.search(q["q"])
            words = " ".join('"' + w + '"' for w in q["q"].replace('"', " ").split())
            if not words:
                return
            for col in ("type", "issuer", "year"):
                base.db.execute(
                    f"SELECT m.{col}, count(*) FROM docs JOIN meta m ON m.rowid = docs.rowid WHERE docs MATCH ? GROUP BY m.{col}",
                    (words,),
                ).fetchall()

        results["fts5"] = {
            "index_docs_per_s": len(docs) / t_b,
            "query_ms": time_queries(lambda q: base.search(q["q"]), queries),
            "facets_query_ms": time_queries(facets_fts, queries),
            "index_bytes": db_path.stat().st_size,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def markdown(r: dict[str, Any]) -> str:
    lines = [
        f"{r['documents']:,} documents; parsing {r['parse_docs_per_s']:.0f} docs/s with {r['jobs']} process(es)",
        "",
        "| engine | index docs/s (no parsing) | with parsing | query p50 / p95 ms | with facets p50 / p95 ms | cold `vndocs search` s | index MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for eng, e in r["engines"].items():
        lines.append(
            f"| {eng} | {e['index_docs_per_s']:.0f} | {e['with_parse_docs_per_s']:.0f} | "
            f"{e['query_ms']['p50']:.1f} / {e['query_ms']['p95']:.1f} | "
            f"{e['facets_query_ms']['p50']:.1f} / {e['facets_query_ms']['p95']:.1f} | "
            f"{e['cold_search_s']:.2f} | {e['index_bytes'] / 1e6:.0f} |"
        )
    f = r.get("fts5")
    if f:
        lines.append(
            f"| SQLite FTS5 (baseline) | {f['index_docs_per_s']:.0f} | - | "
            f"{f['query_ms']['p50']:.1f} / {f['query_ms']['p95']:.1f} | "
            f"{f['facets_query_ms']['p50']:.1f} / {f['facets_query_ms']['p95']:.1f} | - | {f['index_bytes'] / 1e6:.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="folder of .txt documents (benchmarks/gen_corpus.py)")
    ap.add_argument("--limit-docs", type=int, default=None)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parser processes")
    ap.add_argument("--cache", type=Path, default=None, help="parsed documents JSONL (created if missing)")
    ap.add_argument("--engine", action="append", choices=ENGINES)
    ap.add_argument("--scale", type=int, default=None, help="grow the parsed documents to N (e.g. 100000) without parsing")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    r = bench(args.corpus, limit_docs=args.limit_docs, jobs=args.jobs, cache=args.cache, engines=tuple(args.engine or ENGINES), scale=args.scale)
    print(json.dumps(r, indent=1) if args.json else markdown(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
