"""Crash safety: ``vndocs index`` killed with SIGKILL at random moments loses nothing.

On a copy of ``corpora/docs`` (each text document also copied a few times with
a distinct last line, so a run lasts long enough to be hit while parsing,
writing the catalog and syncing the full-text index), ``vndocs index`` is
started and killed (SIGKILL to its whole process group: the CLI and its parser
workers) after a random delay, again and again, with files changed and deleted
between rounds. After every kill:

- ``catalog.sqlite3`` passes ``PRAGMA integrity_check`` and the catalog's own
  check (foreign keys, orphan edges, duplicate sources);
- ``vndocs search --json`` still answers (exit 0 and valid JSON, or one clean
  ``Error:`` line while no full-text index exists yet).

Then a run to completion must leave exactly the state a fresh index of the same
files has: the same sources (each once), the same number of documents (the
readable files), nothing left pending for the full-text index, a full-text
index holding each document once, and the same search totals.

Everything goes through the CLI; the checks read the catalog with
:class:`vndocs.catalog.Catalog` (read-only) and SQLite.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from test_robustness import CORPUS, ROOT, VNDOCS, run_measured

pytestmark = pytest.mark.slow

QUERIES = ["kế hoạch", "nghi dinh", "ubnd", "an ninh", "2022", "quyết định"]
"""Queries whose totals must match a fresh index."""
COPIES = 2
"""Extra copies of each .txt/.md document in the working folder."""
FIRST_WINDOW = 8.0
"""Seconds: the first kill of a series comes after a random 0.3 s to this."""


def make_corpus(folder: Path, copies: int = COPIES) -> Path:
    """A copy of ``corpora/docs`` with ``copies`` variants of every text document."""
    shutil.copytree(CORPUS, folder)
    for path in sorted(folder.iterdir()):
        if path.suffix in (".txt", ".md"):
            text = path.read_text("utf-8")
            for k in range(copies):
                (folder / f"{path.stem}__v{k}{path.suffix}").write_text(text + f"\nBản sao {k}.\n", "utf-8")
    return folder


def index_cmd(index: Path, docs: Path, *extra: str) -> list[str]:
    """The ``vndocs index`` command line."""
    return [*VNDOCS, "index", "--index", str(index), *extra, str(docs)]


def start(args: list[str]) -> subprocess.Popen[bytes]:
    """Start a command in its own process group (so a kill takes its workers too)."""
    return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, start_new_session=True)


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL the process group of ``proc`` and reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()
    if proc.stderr:
        proc.stderr.close()
    # parser workers left without their parent die when the group is killed; give the kernel a moment
    for _ in range(50):
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def catalog_state(index: Path) -> dict[str, object]:
    """Integrity of the catalog, and what it holds."""
    from vndocs.catalog import Catalog

    db = index / "catalog.sqlite3"
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    with Catalog(index, readonly=True) as cat:
        report = cat.check()
        sources = cat.sources()
        counts = cat.counts()
    return {
        "integrity": integrity,
        "foreign_keys": len(fk),
        "check_ok": report.ok,
        "report": report,
        "sources": set(sources),
        "documents": counts["documents"],
        "pending": counts["fulltext_pending"],
    }


def search_totals(index: Path, *, allow_missing: bool = False, queries: list[str] | None = None) -> dict[str, int]:
    """``vndocs search --json`` totals for :data:`QUERIES` (each call must answer cleanly)."""
    totals: dict[str, int] = {}
    for q in queries or QUERIES:
        run = run_measured([*VNDOCS, "search", "--index", str(index), "--json", "--limit", "1000", q], timeout=120)
        assert not run.timed_out and "Traceback" not in run.stderr, run.stderr[-2000:]
        if run.returncode != 0 and allow_missing:
            lines = run.stderr.splitlines()
            assert len(lines) == 1 and lines[0].startswith("Error: "), run.stderr
            continue
        assert run.returncode == 0, run.stderr
        data = json.loads(run.stdout)
        sources = [h["source"] for h in data["hits"]]
        assert len(sources) == len(set(sources)), f"{q!r}: a document appears twice in the hits"
        assert data["total"] == len(sources) or len(sources) == 1000
        totals[q] = data["total"]
    return totals


def fulltext_count(index: Path, engine: str) -> int:
    from vndocs.search.engine import open_engine

    e = open_engine(index, engine)
    try:
        return e.doc_count()
    finally:
        e.close()


def assert_consistent(index: Path) -> dict[str, object]:
    state = catalog_state(index)
    assert state["integrity"] == "ok", state
    assert state["foreign_keys"] == 0, state
    assert state["check_ok"], state["report"]
    return state


def run_kill_rounds(index: Path, docs: Path, rounds: int, rng: random.Random, max_delay: float,
                    extra: tuple[str, ...] = ()) -> int:
    """Start and SIGKILL ``vndocs index`` ``rounds`` times; returns how many were killed mid-run.

    Before each round a few files are edited, so every run has parsing, catalog
    writes and full-text work to be caught in.
    """
    killed = 0
    for r in range(rounds):
        texts = sorted(p for p in docs.iterdir() if p.suffix in (".txt", ".md"))
        for p in rng.sample(texts, min(6, len(texts))):
            with open(p, "a", encoding="utf-8") as f:
                f.write(f"\nLần sửa {r}.\n")
        proc = start(index_cmd(index, docs, *extra))
        t0 = time.monotonic()
        delay = rng.uniform(0.3, max_delay)
        while time.monotonic() - t0 < delay and proc.poll() is None:
            time.sleep(0.02)
        if proc.poll() is None:
            killed += 1
        else:  # finished before its kill: aim the next kills inside such a run
            max_delay = max(0.6, (time.monotonic() - t0) * 0.8)
        kill_group(proc)
        if (index / "catalog.sqlite3").exists():
            assert_consistent(index)
            search_totals(index, allow_missing=True, queries=QUERIES[:2])
    return killed


@pytest.mark.parametrize("engine", ["tantivy", "whoosh"])
def test_index_killed_at_random_moments_loses_nothing(tmp_path: Path, engine: str) -> None:
    seed = int(os.environ.get("VNDOCS_CRASH_SEED", "20260527")) + (engine == "whoosh")
    rng = random.Random(seed)
    docs = make_corpus(tmp_path / "docs", copies=COPIES if engine == "tantivy" else 1)
    index = tmp_path / "index"
    extra = ("--engine", engine)

    rounds = (4, 3) if engine == "tantivy" else (3, 2)
    # the first kill lands within FIRST_WINDOW s; a run that ends before its kill
    # narrows the window for the next ones (see run_kill_rounds)
    killed = run_kill_rounds(index, docs, rounds[0], rng, FIRST_WINDOW, extra)

    # the files change between crashes: edited, deleted, added
    texts = sorted(p for p in docs.iterdir() if p.suffix == ".md")
    for p in texts[:4]:
        p.write_text(p.read_text("utf-8") + "\nSửa đổi sau sự cố.\n", "utf-8")
    for p in texts[4:7]:
        p.unlink()
    shutil.copy(CORPUS / "kh_ngay-hoi-bao-ve-antq-2022_btg-huyen-uy.txt", docs / "moi-them.txt")
    killed += run_kill_rounds(index, docs, rounds[1], rng, FIRST_WINDOW / 2, (*extra, "--prune"))

    final = run_measured(index_cmd(index, docs, *extra, "--prune"), timeout=600)
    assert final.returncode == 0, final.stderr
    assert "Traceback" not in final.stderr
    state = assert_consistent(index)

    # a fresh index of the same files is the reference
    ref_index = tmp_path / "reference"
    ref = run_measured(index_cmd(ref_index, docs, *extra), timeout=600)
    assert ref.returncode == 0, ref.stderr
    expected = catalog_state(ref_index)

    assert state["sources"] == expected["sources"], (
        f"missing: {sorted(expected['sources'] - state['sources'])[:5]}, "
        f"extra: {sorted(state['sources'] - expected['sources'])[:5]}"
    )
    assert state["documents"] == expected["documents"] == len(state["sources"])
    assert all(Path(s).exists() for s in state["sources"])
    assert state["pending"] == 0
    assert fulltext_count(index, engine) == state["documents"]
    assert search_totals(index) == search_totals(ref_index)
    assert killed >= sum(rounds) // 2, f"only {killed} of {sum(rounds)} runs were still going when killed"


def test_reindex_killed_then_rerun_restores_search(tmp_path: Path) -> None:
    """``vndocs reindex`` killed mid-way: the next reindex gives the same search answers."""
    docs = make_corpus(tmp_path / "docs", copies=1)
    index = tmp_path / "index"
    first = run_measured(index_cmd(index, docs), timeout=600)
    assert first.returncode == 0, first.stderr
    before = search_totals(index)
    rng = random.Random(7)
    for _ in range(3):
        proc = start([*VNDOCS, "reindex", "--index", str(index)])
        time.sleep(rng.uniform(0.2, 1.5))
        kill_group(proc)
        assert_consistent(index)
        search_totals(index, allow_missing=True)
    again = run_measured([*VNDOCS, "reindex", "--index", str(index)], timeout=600)
    assert again.returncode == 0, again.stderr
    assert search_totals(index) == before
    assert catalog_state(index)["pending"] == 0
