"""Concurrency: searches answer while an index runs; two writers never corrupt an index.

- ``vndocs search --json`` is called over and over while ``vndocs index`` writes
  a bigger copy of ``corpora/docs`` into the same index: every call exits 0
  with valid JSON (readers never block on the writer: SQLite WAL, engine
  readers).
- While the writer lock of an index is held (by this test through
  :meth:`vndocs.catalog.Catalog.writer_lock`, then by a real ``vndocs index``),
  ``vndocs index --no-wait`` refuses with one ``Error:`` line naming the other
  run, and ``vndocs index`` says it waits, waits, then completes.
- Two ``vndocs index`` started together on the same index both finish and the
  catalog holds each file once.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
from pathlib import Path

import pytest
from test_crash import (
    assert_consistent,
    catalog_state,
    index_cmd,
    kill_group,
    make_corpus,
    search_totals,
    start,
)
from test_robustness import ROOT, VNDOCS, run_measured

pytestmark = pytest.mark.slow


def _searches_while(proc: subprocess.Popen[bytes], index: Path, queries: list[str]) -> list[tuple[int, str, str]]:
    """Run searches until ``proc`` ends; returns (exit code, stdout, stderr) of each."""
    out: list[tuple[int, str, str]] = []
    k = 0
    while proc.poll() is None or k < 3:
        q = queries[k % len(queries)]
        r = subprocess.run([*VNDOCS, "search", "--index", str(index), "--json", "--limit", "50", q],
                           cwd=ROOT, check=False, capture_output=True, text=True, timeout=120)
        out.append((r.returncode, r.stdout, r.stderr))
        k += 1
    return out


def test_search_answers_while_index_runs(tmp_path: Path) -> None:
    small = tmp_path / "small"
    small.mkdir()
    for p in sorted((ROOT / "corpora" / "docs").glob("kh_*.md"))[:3]:
        (small / p.name).write_bytes(p.read_bytes())
    index = tmp_path / "index"
    first = run_measured(index_cmd(index, small), timeout=300)
    assert first.returncode == 0, first.stderr

    big = make_corpus(tmp_path / "big", copies=4)
    proc = start(index_cmd(index, big, "--jobs", "2"))
    try:
        results = _searches_while(proc, index, ["kế hoạch", "ubnd", "nghi dinh 30", "an ninh mạng"])
    finally:
        rc = proc.wait(timeout=600)
        err = proc.stderr.read().decode() if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
    assert rc == 0, err
    assert len(results) >= 3
    for code, stdout, stderr in results:
        assert code == 0, stderr
        assert "Traceback" not in stderr
        data = json.loads(stdout)
        assert isinstance(data["total"], int) and isinstance(data["hits"], list)
    totals = [json.loads(s)["total"] for c, s, _ in results if c == 0]
    assert totals[-1] >= totals[0]  # the index grew under the readers
    assert_consistent(index)


def test_second_index_refuses_or_waits_while_lock_is_held(tmp_path: Path) -> None:
    from vndocs.catalog import Catalog

    docs = tmp_path / "docs"
    docs.mkdir()
    for p in sorted((ROOT / "corpora" / "docs").glob("*.md"))[:4]:
        (docs / p.name).write_bytes(p.read_bytes())
    index = tmp_path / "index"
    holder = Catalog(index)
    released = threading.Event()
    try:
        with holder.writer_lock(wait=False):
            refused = run_measured(index_cmd(index, docs, "--no-wait"), timeout=120)
            assert refused.returncode == 1
            lines = refused.stderr.splitlines()
            assert len(lines) == 1 and lines[0].startswith("Error: ") and "another" in lines[0].lower(), lines
            waiting = subprocess.Popen(index_cmd(index, docs), cwd=ROOT, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True)
            time.sleep(3.0)
            assert waiting.poll() is None, "the second run did not wait for the lock"
        released.set()
        _out, err = waiting.communicate(timeout=300)
    finally:
        holder.close()
    assert waiting.returncode == 0, err
    assert "waiting" in err.lower()
    assert "Traceback" not in err
    state = assert_consistent(index)
    assert state["documents"] == 4 and len(state["sources"]) == 4


def test_two_real_index_runs_at_once(tmp_path: Path) -> None:
    docs = make_corpus(tmp_path / "docs", copies=2)
    index = tmp_path / "index"
    a = start(index_cmd(index, docs))
    # wait until the first run holds the lock (it writes its pid into the lock file)
    lock = index / "writer.lock"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and a.poll() is None:
        if lock.exists() and lock.read_text().strip() == str(a.pid):
            break
        time.sleep(0.05)
    refused = run_measured(index_cmd(index, docs, "--no-wait"), timeout=120)
    if a.poll() is None:
        assert refused.returncode == 1, refused.stderr
        assert refused.stderr.startswith("Error: ") and len(refused.stderr.splitlines()) == 1
    b = subprocess.Popen(index_cmd(index, docs), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert a.wait(timeout=600) == 0
        out, err = b.communicate(timeout=600)
    finally:
        if a.stderr:
            a.stderr.close()
        if b.poll() is None:
            kill_group(b)  # type: ignore[arg-type]
    assert b.returncode == 0, err
    assert "Traceback" not in err
    state = assert_consistent(index)
    assert len(state["sources"]) == state["documents"]
    assert state["pending"] == 0
    # the second run found everything already indexed: nothing added twice
    assert " 0 added" in out, out
    search_totals(index)
    assert catalog_state(index)["documents"] == state["documents"]
