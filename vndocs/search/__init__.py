"""Full-text search across catalogued documents (issue 8).

The catalog (``catalog.sqlite3``) is the truth; each engine keeps a full-text
index in ``<index>/fulltext-<engine>/`` that :func:`sync` brings up to date
from the catalog's "fulltext pending" flags. Vietnamese analysis (syllables,
tone placement, diacritic folding, words, abbreviations) happens in Python
before the engine (:mod:`vndocs.search.analysis`), so both engines answer the
same way.

Example::

    from vndocs.search import search
    result = search("indexes/default", "an ninh to quoc", year=2022, facets=True)
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vndocs.models import SearchHit, SearchResult
from vndocs.search.engine import (
    DEFAULT_ENGINE,
    ENGINES,
    EngineQuery,
    Record,
    SearchError,
    engine_dir,
    open_engine,
    resolve_engine,
)

if TYPE_CHECKING:  # pragma: no cover
    from vndocs.catalog import Catalog

__all__ = [
    "DEFAULT_ENGINE",
    "SearchError",
    "SearchHit",
    "SearchResult",
    "available_engines",
    "build_records",
    "index_records",
    "reindex",
    "search",
    "search_engine",
    "sync",
]

SYNC_BATCH = 500
SORTS = ("relevance", "date")


def build_records(doc_id: int, doc_dict: dict[str, Any], text: str | None) -> Record:
    """The analyzed record of one document (see :mod:`vndocs.search.records`)."""
    from vndocs.search.records import build_records as _build

    return _build(doc_id, doc_dict, text)


def available_engines() -> list[str]:
    """Engines that can be imported here, the default first."""
    import importlib.util

    out = []
    for name in ENGINES:
        module = "tantivy" if name == "tantivy" else "whoosh"
        if importlib.util.find_spec(module) is not None:
            out.append(name)
    out.sort(key=lambda n: n != DEFAULT_ENGINE)
    return out


def _engines_to_sync(index_dir: Path, engine: str | None) -> list[str]:
    """The asked (or default) engine plus every engine whose index already exists."""
    names = [resolve_engine(engine)]
    for name in ENGINES:
        if name not in names and engine_dir(index_dir, name).exists():
            names.append(name)
    return names


def sync(catalog: Catalog, engine: str | None = None) -> int:
    """Apply the catalog's pending changes to the full-text index(es); returns how many.

    The asked engine (default: the default engine) and every other engine with
    an index in the folder are updated; documents are marked synced only after
    every engine committed, so a crash leaves them pending for the next call.

    Raises:
        SearchError: the engine is unknown or its index is locked or corrupt.
    """
    index_dir = Path(catalog.index_dir)
    engines = [open_engine(index_dir, n, create=True) for n in _engines_to_sync(index_dir, engine)]
    done: list[int] = []
    try:
        batch: list[tuple[int, dict[str, Any] | None, str | None]] = []
        for item in catalog.pending_fulltext():
            batch.append(item)
            if len(batch) >= SYNC_BATCH:
                _apply(engines, batch)
                done.extend(i for i, _, _ in batch)
                batch = []
        if batch:
            _apply(engines, batch)
            done.extend(i for i, _, _ in batch)
        for e in engines:
            e.commit()
    except BaseException:
        for e in engines:
            e.close()
        raise
    if done:
        catalog.mark_fulltext_synced(done)
    return len(done)


def _apply(engines: list[Any], batch: list[tuple[int, dict[str, Any] | None, str | None]]) -> None:
    records = [build_records(i, d, t) for i, d, t in batch if d is not None]
    deleted = [i for i, d, _ in batch if d is None]
    for e in engines:
        if deleted:
            e.delete(deleted)
        if records:
            e.add(records)


def index_records(index_dir: str | Path, records: Iterable[Record], engine: str | None = None) -> int:
    """Add analyzed records straight to an engine's index (tests, benchmarks); returns how many."""
    eng = open_engine(index_dir, engine, create=True)
    n = 0
    try:
        batch: list[Record] = []
        for r in records:
            batch.append(r)
            n += 1
            if len(batch) >= SYNC_BATCH:
                eng.add(batch)
                batch = []
        if batch:
            eng.add(batch)
        eng.commit()
    except BaseException:
        eng.close()
        raise
    return n


def drop_engine_index(index_dir: str | Path, engine: str | None = None) -> None:
    """Delete an engine's index folder (the catalog is untouched)."""
    name = resolve_engine(engine)
    path = engine_dir(index_dir, name)
    if name == "tantivy":
        from vndocs.search.tantivy_engine import drop_cache
    else:
        from vndocs.search.whoosh_engine import drop_cache
    drop_cache(path)
    if path.exists():
        shutil.rmtree(path)


def reindex(
    index_dir: str | Path,
    engine: str | None = None,
    *,
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
) -> int:
    """Rebuild an engine's full-text index from the catalog; returns the number of documents.

    Takes the index folder's writer lock (like ``vndocs index``), marks every
    document pending, drops the engine's index and syncs.

    Args:
        index_dir: the index folder.
        engine: engine to rebuild (default engine if None).
        wait: wait for another writer; else fail at once.
        on_wait: called once before waiting (to say so).

    Raises:
        SearchError: no catalog in ``index_dir``, or the engine is unknown.
        vndocs.errors.VndocsError: the index is locked by another writer and not ``wait``.
    """
    from vndocs.catalog import Catalog

    index_dir = Path(index_dir)
    name = resolve_engine(engine)
    if not (index_dir / "catalog.sqlite3").exists():
        raise SearchError(f"{index_dir}: no catalog here (run 'vndocs index FILES' first)")
    catalog = Catalog(index_dir)
    try:
        with catalog.writer_lock(wait=wait, on_wait=on_wait):
            catalog.mark_all_fulltext_pending()
            drop_engine_index(index_dir, name)
            return sync(catalog, name)
    finally:
        catalog.close()


def search_engine(
    engine: Any,
    query: str,
    *,
    type: str | None = None,
    issuer: str | None = None,
    year: int | str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    cites: str | None = None,
    limit: int = 10,
    offset: int = 0,
    facets: bool = False,
    sort: str = "relevance",
) -> SearchResult:
    """:func:`search` over an already opened engine."""
    from vndocs.search.query import build_query
    from vndocs.search.snippets import make_snippet

    if sort not in SORTS:
        raise SearchError(f"unknown sort {sort!r} (choose from {', '.join(SORTS)})")
    if limit < 0 or offset < 0:
        raise SearchError("limit and offset must not be negative")
    built = build_query(
        query,
        type=type,
        issuer=issuer,
        year=year,
        date_from=date_from,
        date_to=date_to,
        cites=cites,
    )
    if not built.musts and not built.filters:
        raise SearchError("empty query: give words, a number, or a filter (--type, --year ...)")
    eq = EngineQuery(
        built.node(),
        tuple(built.filters),
        limit=limit,
        offset=offset,
        sort="date" if not built.musts and sort == "relevance" else sort,
        facets=facets,
    )
    res = engine.search(eq)
    if res.total == 0 and len(built.musts) > 1:
        # no document has every word: fall back to any word, best matches first
        res = engine.search(
            EngineQuery(
                built.node(require_all=False),
                tuple(built.filters),
                limit=limit,
                offset=offset,
                sort=sort,
                facets=facets,
            )
        )
    hits = []
    for h in res.hits:
        sn = make_snippet(h.text, built.words)
        hits.append(
            SearchHit(
                doc_id=h.doc_id,
                source=h.stored.get("source"),
                type=h.stored.get("type"),
                number=h.stored.get("number"),
                date=h.stored.get("date"),
                issuer=h.stored.get("issuer"),
                title=h.stored.get("title"),
                score=h.score,
                snippet=sn.text,
                highlights=sn.highlights,
            )
        )
    return SearchResult(total=res.total, hits=tuple(hits), facets=res.facets, engine=engine.name)


def search(
    index_dir: str | Path,
    query: str,
    *,
    engine: str | None = None,
    type: str | None = None,
    issuer: str | None = None,
    year: int | str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    cites: str | None = None,
    limit: int = 10,
    offset: int = 0,
    facets: bool = False,
    sort: str = "relevance",
) -> SearchResult:
    """Search the full-text index of an index folder.

    Args:
        index_dir: the index folder (holds ``catalog.sqlite3`` and ``fulltext-*``).
        query: words with or without diacritics, numbers as typed (``45-KH/BTGTU``,
            ``kh 45``), quoted phrases, and ``type:``/``issuer:``/``year:``/
            ``from:``/``to:``/``cites:``/``number:``/``title:`` fields.
        engine: ``tantivy`` or ``whoosh``; by default tantivy, or the engine whose
            index exists in the folder.
        type: document type name or code (``Kế hoạch``, ``KH``).
        issuer: words of the issuer (``Tỉnh ủy``).
        year: year of issue.
        date_from: first date of issue (``YYYY-MM-DD``, ``DD/MM/YYYY``).
        date_to: last date of issue.
        cites: a referenced number (``44-KL/TW``).
        limit: hits per page.
        offset: hits to skip.
        facets: also count matches by type, issuer and year.
        sort: ``relevance`` or ``date`` (newest first).

    Raises:
        SearchError: no index, unknown engine, bad filter value, empty query.
    """
    if engine is None and not os.environ.get("VNDOCS_SEARCH_ENGINE"):
        # the default engine's index, else whichever engine indexed this folder
        existing = [n for n in ENGINES if engine_dir(index_dir, n).exists()]
        if existing and DEFAULT_ENGINE not in existing:
            engine = existing[0]
    return search_engine(
        open_engine(index_dir, engine),
        query,
        type=type,
        issuer=issuer,
        year=year,
        date_from=date_from,
        date_to=date_to,
        cites=cites,
        limit=limit,
        offset=offset,
        facets=facets,
        sort=sort,
    )
