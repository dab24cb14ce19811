"""Parse files into the catalog, in parallel, then bring the full-text index up to date.

``index_paths`` walks the given paths, skips files the catalog already holds
unchanged (same size and mtime, else same content hash), parses the others in
a process pool (each parse bounded by :func:`vndocs.safety.time_limit`), and
writes each result in its own transaction from this process. One bad file
never stops the batch: it is recorded in the catalog's ``failures`` table.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vndocs.catalog import Catalog
from vndocs.errors import VndocsError
from vndocs.fingerprint import extractor_fingerprint
from vndocs.readers import IMAGE_EXTS, SUPPORTED

PER_FILE_SECONDS = 120
"""Longest a single file may take to parse."""

INDEXED_EXTS = tuple(SUPPORTED) + tuple(IMAGE_EXTS)
"""Extensions picked up when walking folders (images are reported as failures)."""


@dataclass(slots=True)
class IndexReport:
    """What one ``index_paths`` run did."""

    files: int = 0
    """Files considered."""
    added: int = 0
    """New documents."""
    updated: int = 0
    """Files whose content changed (rows replaced)."""
    unchanged: int = 0
    """Files skipped as already indexed."""
    pruned: int = 0
    """Documents dropped because their file is gone."""
    failed: list[tuple[str, str]] = field(default_factory=list)
    """Files that failed in this run, with the reason."""
    known_failures: int = 0
    """Unchanged files that timed out before (not tried again; see ``vndocs failures``)."""
    reparsed_all: bool = False
    """Every file was parsed again: the catalog was filled by another version of the extractor."""
    fulltext_synced: int | None = None
    """Documents written to the full-text index (None: full-text search not available)."""
    fulltext_error: str | None = None
    """Why the full-text sync failed (the next run tries again)."""
    seconds: float = 0.0
    """Wall time."""


class PathNotFound(VndocsError):
    """A path given to index does not exist."""


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Absolute paths of the indexable files under ``paths``, sorted, without duplicates.

    A file named explicitly is taken whatever its extension (so that it is
    reported if it cannot be read); folders are walked for known extensions.

    Raises:
        PathNotFound: a path does not exist.
    """
    out: set[str] = set()
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise PathNotFound(f"{p}: no such file or folder")
        if path.is_file():
            out.add(os.path.abspath(path))
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in files:
                if name.startswith("."):
                    continue
                if os.path.splitext(name)[1].lower() in INDEXED_EXTS:
                    out.add(os.path.abspath(os.path.join(root, name)))
    return sorted(out)


def file_hash(path: str) -> str:
    """SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def parse_file(path: str, seconds: int = PER_FILE_SECONDS) -> tuple[str, bool, Any]:
    """Parse one file (runs in a worker process).

    Returns:
        ``(path, True, (doc_dict, text))`` or ``(path, False, reason)``.
    """
    from vndocs import parse
    from vndocs.errors import ReadError
    from vndocs.safety import TimeLimitExceeded, time_limit

    try:
        with time_limit(seconds):
            doc = parse(Path(path))
            return path, True, (doc.to_dict(), doc.text)
    except ReadError as e:
        return path, False, e.reason
    except VndocsError as e:
        return path, False, str(e)
    except TimeLimitExceeded:
        return path, False, f"parsing took longer than {seconds} s"
    except RecursionError:
        return path, False, "document structure too deeply nested"
    except MemoryError:
        return path, False, "out of memory while parsing"
    except Exception as e:  # noqa: BLE001 - one bad file never stops the batch
        return path, False, f"internal error ({type(e).__name__}: {e})"


def _stat(path: str) -> tuple[int, float] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime


def index_paths(
    index_dir: str | os.PathLike[str],
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = None,
    prune: bool = False,
    engine: str | None = None,
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[str, str], None] | None = None,
    seconds: int = PER_FILE_SECONDS,
    force: bool = False,
) -> IndexReport:
    """Index files and folders into the catalog of ``index_dir``, then sync full-text.

    Args:
        index_dir: the index folder.
        paths: files and folders.
        jobs: worker processes (default: CPU count; 1 parses in this process).
        prune: drop documents whose files under ``paths`` are gone.
        engine: full-text engine passed to ``vndocs.search.sync``.
        wait: wait for another writer of the same index instead of failing.
        on_wait: called before waiting for another writer.
        on_start: called with the number of files to examine.
        on_file: called after each file with its path and status.
        seconds: time limit for one file.
        force: parse every file again, even unchanged ones (after a parser upgrade).

    Raises:
        PathNotFound: a path does not exist.
        IndexBusy: another writer holds the index and ``wait`` is False.
        CatalogError: the catalog cannot be opened or written.
    """
    t0 = time.monotonic()
    paths = list(paths)
    _check_engine(engine)
    files = collect_files(paths)
    report = IndexReport(files=len(files))
    catalog = Catalog(index_dir)
    try:
        with catalog.writer_lock(wait=wait, on_wait=on_wait):
            # results read by another extractor are stale: parse everything again, and record
            # the new extractor only once every file went through (a crash leaves it stale)
            # (a catalog without the mark was filled before marks existed: stale too)
            current = extractor_fingerprint()
            stored = catalog.get_meta("extractor")
            if stored != current and not force and (stored is not None or catalog.sources()):
                force = report.reparsed_all = True
            _index_files(catalog, files, report, jobs, seconds, on_start, on_file, force)
            if stored != current and not set(catalog.sources()) - set(files):
                catalog.set_meta("extractor", current)
            if prune:
                report.pruned = _prune(catalog, paths)
            _sync_fulltext(catalog, engine, report)
    finally:
        catalog.close()
    report.seconds = time.monotonic() - t0
    return report


def _index_files(
    catalog: Catalog,
    files: list[str],
    report: IndexReport,
    jobs: int | None,
    seconds: int,
    on_start: Callable[[int], None] | None,
    on_file: Callable[[str, str], None] | None,
    force: bool = False,
) -> None:
    if on_start is not None:
        on_start(len(files))
    known = catalog.sources()
    failures = {f.source: f for f in catalog.failures()}
    todo: list[tuple[str, int, float, str]] = []

    def done(path: str, status: str) -> None:
        if on_file is not None:
            on_file(path, status)

    for path in files:
        st = _stat(path)
        if st is None:
            report.failed.append((path, "cannot stat file"))
            catalog.record_failure(path, "cannot stat file")
            done(path, "failed")
            continue
        size, mtime = st
        prev = known.get(path)
        if not force and prev is not None and prev.size == size and prev.mtime == mtime:
            report.unchanged += 1
            done(path, "unchanged")
            continue
        fail = failures.get(path)
        if (
            not force
            and prev is None
            and fail is not None
            and fail.size == size
            and fail.mtime == mtime
            and fail.reason.startswith("parsing took longer")
        ):
            report.known_failures += 1
            done(path, "failed before")
            continue
        try:
            digest = file_hash(path)
        except OSError as e:
            reason = f"cannot read file ({e.strerror})"
            report.failed.append((path, reason))
            catalog.record_failure(path, reason, size, mtime)
            done(path, "failed")
            continue
        if not force and prev is not None and prev.content_hash == digest:
            catalog.touch(prev.doc_id, size, mtime)
            report.unchanged += 1
            done(path, "unchanged")
            continue
        todo.append((path, size, mtime, digest))

    info = {path: (size, mtime, digest) for path, size, mtime, digest in todo}

    def store(result: tuple[str, bool, Any]) -> None:
        path, ok, payload = result
        size, mtime, digest = info[path]
        if ok:
            doc, text = payload
            doc["source"] = path
            res = catalog.add_document(
                doc, text, source=path, content_hash=digest, size=size, mtime=mtime, reparsed=force
            )
            if res.status == "added":
                report.added += 1
            elif res.status == "updated":
                report.updated += 1
            else:
                report.unchanged += 1
            done(path, res.status)
        else:
            reason = str(payload)
            with catalog.transaction():
                catalog.remove(path)
                catalog.record_failure(path, reason, size, mtime)
            report.failed.append((path, reason))
            done(path, "failed")

    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(todo) <= 1:
        for path, *_ in todo:
            store(parse_file(path, seconds))
        return
    _run_pool([p for p, *_ in todo], workers, seconds, store)


def _mp_context() -> Any:
    """Workers must not inherit the writer lock or the database: no plain fork."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _run_pool(
    paths: list[str], workers: int, seconds: int, store: Callable[[tuple[str, bool, Any]], None]
) -> None:
    """Parse in a process pool; a crashed worker costs only the files it held."""
    retry: list[str] = []
    with ProcessPoolExecutor(max_workers=min(workers, len(paths)), mp_context=_mp_context()) as pool:
        futures: dict[Future[tuple[str, bool, Any]], str] = {
            pool.submit(parse_file, p, seconds): p for p in paths
        }
        for fut, path in futures.items():
            try:
                store(fut.result())
            except BrokenProcessPool:
                retry.append(path)
    for path in retry:
        # alone in a fresh process: a second crash is this file's fault
        try:
            with ProcessPoolExecutor(max_workers=1, mp_context=_mp_context()) as pool:
                result = pool.submit(parse_file, path, seconds).result()
        except BrokenProcessPool:
            result = (path, False, "the parser process crashed on this file")
        store(result)


def _prune(catalog: Catalog, paths: list[str | os.PathLike[str]]) -> int:
    roots = [os.path.abspath(p) for p in paths]
    pruned = 0
    for source in list(catalog.sources()):
        under = any(source == r or source.startswith(r.rstrip(os.sep) + os.sep) for r in roots)
        if under and not os.path.exists(source) and catalog.remove(source):
            pruned += 1
    for f in catalog.failures():
        under = any(f.source == r or f.source.startswith(r.rstrip(os.sep) + os.sep) for r in roots)
        if under and not os.path.exists(f.source):
            catalog.clear_failure(f.source)
    return pruned


class UnknownEngine(VndocsError):
    """The full-text engine asked for is not available."""


def _check_engine(engine: str | None) -> None:
    """Refuse an unknown engine before any work (not after a long indexing run)."""
    if engine is None:
        return
    try:
        from vndocs.search import available_engines
    except ImportError:
        raise UnknownEngine(f"--engine {engine}: full-text search is not installed") from None
    known = list(available_engines())
    if engine not in known:
        raise UnknownEngine(f"unknown engine '{engine}' (available: {', '.join(known) or 'none'})")


def _sync_fulltext(catalog: Catalog, engine: str | None, report: IndexReport) -> None:
    try:
        from vndocs import search as fulltext
    except ModuleNotFoundError as e:
        if e.name in ("vndocs.search",):
            return
        report.fulltext_error = f"full-text search unavailable ({e})"
        return
    except Exception as e:  # noqa: BLE001 - the catalog stays good; the next run syncs
        report.fulltext_error = f"full-text search unavailable ({type(e).__name__}: {e})"
        return
    sync = getattr(fulltext, "sync", None)
    if sync is None:
        return
    try:
        report.fulltext_synced = int(sync(catalog, engine))
    except Exception as e:  # noqa: BLE001 - the catalog stays good; the next run syncs
        report.fulltext_error = f"{type(e).__name__}: {e}"
