"""Bounded load test of the web app's search page on loopback (issue 7).

Starts ``vndocs serve`` on 127.0.0.1 (a free port) over a benchmark index,
then runs ``--clients`` concurrent clients sending search-page requests until
``--requests`` are done or ``--seconds`` have passed, whichever comes first.
Reports the server time of each request (the app's ``Server-Timing`` header)
and the time seen by the client, as a markdown table for the README.

The index: ``--index DIR`` if it holds a catalog, else one is made there with
``benchmarks/gen_catalog.py`` (``--docs`` documents recombined from the
shipped corpus, written straight to the full-text engine).

    python benchmarks/load_web.py --index benchmarks/out/web-20k --docs 20000
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

# words and numbers typed by office staff, with and without diacritics
QUERIES = [
    "kế hoạch", "ke hoach", "chuyển đổi số", "chuyen doi so", "an ninh tổ quốc", "an ninh to quoc",
    "tuyên truyền", "tuyen truyen", "ANTQ", "MTTQ", "cải cách hành chính", "cai cach hanh chinh",
    "phòng cháy chữa cháy", "giáo dục", "giao duc mam non", "đầu tư công", "dau tu cong",
    "thủ tục hành chính", "44-KL/TW", "kl 44", "nghị định", "nghi dinh 55/2023", "chỉ thị",
    "ủy ban nhân dân tỉnh", "uy ban nhan dan", "bảo vệ môi trường", "bao ve moi truong",
    "dữ liệu", "du lieu", "báo cáo kết quả", "khoa học công nghệ", "lao động việc làm",
]
TYPES = ["Kế hoạch", "Quyết định", "Công văn", "Chỉ thị", "Nghị định"]


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ensure_index(index: Path, docs: int, seed: int) -> dict[str, Any]:
    """Make the benchmark index when the folder has no full-text index; returns what was done.

    The documents come from ``benchmarks/gen_catalog.py`` (headers, titles,
    outlines and references recombined from the shipped corpus; each text is
    two corpus excerpts) and go straight to the full-text engine with
    :func:`vndocs.search.index_records`: the search page reads only the
    full-text index, and parsing or cataloguing 20,000 documents is measured
    elsewhere. An empty catalog is created beside it.
    """
    from vndocs.catalog import Catalog
    from vndocs.search import build_records, index_records

    info: dict[str, Any] = {"documents": docs}
    if any(index.glob("fulltext-*")):
        info["reused"] = True
        return info
    import gen_catalog  # benchmarks/gen_catalog.py

    index.mkdir(parents=True, exist_ok=True)
    Catalog(index).close()
    templates = gen_catalog.load_templates(ROOT / "corpora" / "docs", 1500)
    rng = random.Random(seed)

    def records() -> Any:
        for i, (doc, text) in enumerate(gen_catalog.generate(docs, templates, seed)):
            text = text + "\n\n" + rng.choice(templates)["text"]
            yield build_records(i + 1, doc, text)

    t0 = time.perf_counter()
    info["documents"] = index_records(index, records())
    info["build_seconds"] = round(time.perf_counter() - t0, 1)
    return info


def make_urls(n: int, seed: int) -> list[str]:
    """Search-page URLs: plain queries, filtered, sorted by date, second pages."""
    rng = random.Random(seed)
    urls = []
    for _ in range(n):
        params: dict[str, str] = {"q": rng.choice(QUERIES)}
        r = rng.random()
        if r < 0.15:
            params["type"] = rng.choice(TYPES)
        elif r < 0.25:
            params["sort"] = "date"
        elif r < 0.35:
            params["page"] = "2"
        urls.append("/?" + urllib.parse.urlencode(params))
    return urls


_TIMING_RE = re.compile(r"app;dur=([\d.]+)")
_QUEUE_RE = re.compile(r"queue;dur=([\d.]+)")


def run_load(base: str, urls: list[str], clients: int, seconds: float) -> dict[str, Any]:
    """Send the URLs from ``clients`` threads; stop when done or after ``seconds``."""
    lock = threading.Lock()
    it = iter(urls)
    server_ms: list[float] = []
    queue_ms: list[float] = []
    client_ms: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + seconds

    def worker() -> None:
        while time.monotonic() < deadline:
            with lock:
                url = next(it, None)
            if url is None:
                return
            t0 = time.perf_counter()
            try:
                with urllib.request.urlopen(base + url, timeout=30) as resp:
                    resp.read()
                    timing = resp.headers.get("Server-Timing", "")
                    status = resp.status
            except Exception as e:  # noqa: BLE001 - counted, the run goes on
                with lock:
                    errors.append(f"{type(e).__name__}: {e}")
                continue
            dt = (time.perf_counter() - t0) * 1000
            m = _TIMING_RE.search(timing)
            mq = _QUEUE_RE.search(timing)
            with lock:
                client_ms.append(dt)
                if m:
                    server_ms.append(float(m.group(1)))
                if mq:
                    queue_ms.append(float(mq.group(1)))
                if status != 200:
                    errors.append(f"HTTP {status}")

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {"server_ms": server_ms, "queue_ms": queue_ms, "client_ms": client_ms, "errors": errors, "wall": wall}


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    s = sorted(values)
    k = max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))
    return s[k]


def wait_up(base: str, seconds: float = 60) -> None:
    """Wait until the server answers."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(base + "/", timeout=5) as r:
                r.read()
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server at {base} did not start")


def markdown(r: dict[str, Any]) -> str:
    """The README table."""
    s, q, c = r["server_ms"], r["queue_ms"], r["client_ms"]
    rows = [
        ("documents in the index", f"{r['documents']:,}"),
        ("concurrent clients", str(r["clients"])),
        ("requests (search page, facets on)", f"{len(c):,} in {r['wall']:.1f} s ({len(c) / r['wall']:.0f}/s)"),
        ("errors", str(len(r["errors"]))),
        ("server time p50 / p95 / p99 (computing the page)", f"{percentile(s, 50):.1f} / {percentile(s, 95):.1f} / {percentile(s, 99):.1f} ms"),
        ("wait for a worker slot p50 / p95", f"{percentile(q, 50):.1f} / {percentile(q, 95):.1f} ms"),
        ("client time p50 / p95", f"{percentile(c, 50):.1f} / {percentile(c, 95):.1f} ms"),
    ]
    out = ["| web search page (loopback) | |", "| --- | --- |"]
    out += [f"| {a} | {b} |" for a, b in rows]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", type=Path, default=ROOT / "benchmarks" / "out" / "web-20k")
    ap.add_argument("--docs", type=int, default=20_000, help="documents to generate when the index is new")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=2000, help="most requests sent")
    ap.add_argument("--seconds", type=float, default=120, help="longest run")
    ap.add_argument("--warmup", type=int, default=40, help="requests sent first, not measured")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=None, help="server's --workers (default 1)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    info = ensure_index(args.index, args.docs, args.seed)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-c", "from cli import main; main()", "serve", "--index", str(args.index),
           "--host", "127.0.0.1", "--port", str(port)]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    server = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_up(base)
        run_load(base, make_urls(args.warmup, args.seed + 1), min(args.clients, 4), 60)
        r = run_load(base, make_urls(args.requests, args.seed), args.clients, args.seconds)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    r.update(clients=args.clients, documents=info["documents"], index=info)
    if args.json:
        print(json.dumps({k: v for k, v in r.items() if k not in ("server_ms", "queue_ms", "client_ms")}
                         | {"server_p50": percentile(r["server_ms"], 50), "server_p95": percentile(r["server_ms"], 95)},
                         ensure_ascii=False))
    else:
        print(markdown(r))
        if r["errors"]:
            print(f"\nfirst errors: {r['errors'][:3]}", file=sys.stderr)
    return 1 if r["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
