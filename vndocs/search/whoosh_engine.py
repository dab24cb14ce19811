"""The Whoosh engine (``whoosh-reloaded``): keys split on spaces, no stop words.

Tuned fairly for the comparison: one searcher reused per process (refreshed
when the index changes), sortable columns for facets and date order, facets
computed only on request.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from whoosh import fields as wf
from whoosh import index as windex
from whoosh import query as wq
from whoosh import sorting
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.index import LockError

from vndocs.search.engine import (
    FACET_FIELDS,
    TEXT_FIELDS,
    Bool,
    EngineHit,
    EngineQuery,
    EngineResult,
    IntRange,
    MatchAll,
    Node,
    Phrase,
    Record,
    SearchError,
    Term,
)

WRITER_LIMIT_MB = 256
_FACET_SOURCE = {"type": "type_s", "issuer": "issuer_s", "year": "year_s"}

_cache_lock = threading.Lock()
_cache: dict[str, dict[str, Any]] = {}


def _schema() -> wf.Schema:
    ana = SpaceSeparatedTokenizer()
    spec: dict[str, Any] = {
        "key": wf.ID(unique=True),
        "doc_id": wf.NUMERIC(int, bits=64, signed=True, stored=True),
        "number_k": wf.ID(),
        "cites_k": wf.KEYWORD(),
        "type_k": wf.ID(),
        "type_s": wf.ID(sortable=True),
        "issuer_s": wf.ID(sortable=True),
        "year": wf.NUMERIC(int),
        "year_s": wf.ID(sortable=True),  # facet column: a missing year stays empty
        "date_i": wf.NUMERIC(int, sortable=True),
        "payload": wf.STORED(),
    }
    for name in TEXT_FIELDS:
        spec[name] = wf.TEXT(analyzer=ana, phrase=True)
    return wf.Schema(**spec)


class WhooshEngine:
    """A Whoosh index in one folder."""

    name = "whoosh"

    def __init__(self, path: Path, *, create: bool = False, procs: int = 1) -> None:
        self.path = Path(path)
        self.procs = procs
        self._writer: Any = None
        self._empty = False
        key = str(self.path.resolve())
        with _cache_lock:
            entry = _cache.get(key)
            if entry is None:
                if windex.exists_in(str(self.path)):
                    ix = windex.open_dir(str(self.path))
                elif create:
                    self.path.mkdir(parents=True, exist_ok=True)
                    ix = windex.create_in(str(self.path), _schema())
                else:
                    raise SearchError(f"no whoosh index in {self.path}")
                entry = {"ix": ix, "searcher": None}
                _cache[key] = entry
        self._entry = entry
        self.index = entry["ix"]

    # -- writing -----------------------------------------------------------

    def _w(self) -> Any:
        if self._writer is None:
            # a new index needs no delete-before-add (much faster bulk loads)
            self._empty = self.index.doc_count_all() == 0
            try:
                if self.procs > 1:
                    self._writer = self.index.writer(
                        limitmb=WRITER_LIMIT_MB, procs=self.procs, multisegment=True
                    )
                else:
                    self._writer = self.index.writer(limitmb=WRITER_LIMIT_MB)
            except LockError as e:
                raise SearchError(f"whoosh index {self.path} is locked by another writer") from e
        return self._writer

    def add(self, records: Iterable[Record]) -> None:
        """Queue records, replacing documents with the same id."""
        w = self._w()
        for r in records:
            doc: dict[str, Any] = {"key": str(r.doc_id), "doc_id": r.doc_id}
            for name, value in r.fields.items():
                if value:
                    doc[name] = value
            if r.keywords.get("number_k"):
                doc["number_k"] = r.keywords["number_k"][0]
            if r.keywords.get("type_k"):
                doc["type_k"] = r.keywords["type_k"][0]
            if r.keywords.get("cites_k"):
                doc["cites_k"] = " ".join(r.keywords["cites_k"])
            if r.type_s:
                doc["type_s"] = r.type_s
            if r.issuer_s:
                doc["issuer_s"] = r.issuer_s
            if r.year is not None:
                doc["year"] = r.year
                doc["year_s"] = str(r.year)
            doc["date_i"] = r.date_i if r.date_i is not None else 0
            payload = dict(r.stored)
            payload["text"] = r.text
            doc["payload"] = json.dumps(payload, ensure_ascii=False)
            if self._empty:
                w.add_document(**doc)
            else:
                w.update_document(**doc)

    def delete(self, doc_ids: Iterable[int]) -> None:
        """Queue deletions."""
        w = self._w()
        for i in doc_ids:
            w.delete_by_term("key", str(int(i)))

    def commit(self) -> None:
        """Commit the writer."""
        if self._writer is not None:
            self._writer.commit()
            self._writer = None

    def close(self) -> None:
        """Cancel the writer."""
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None

    # -- reading -----------------------------------------------------------

    def _searcher(self) -> Any:
        with _cache_lock:
            s = self._entry["searcher"]
            if s is None:
                s = self.index.searcher()
            elif not s.up_to_date():
                s = s.refresh()
            self._entry["searcher"] = s
            return s

    def _q(self, node: Node) -> wq.Query:
        if isinstance(node, Term):
            q: wq.Query = wq.Term(node.field, node.token)
        elif isinstance(node, Phrase):
            q = wq.Phrase(node.field, list(node.tokens))
        elif isinstance(node, IntRange):
            return wq.NumericRange(node.field, node.lo, node.hi)
        elif isinstance(node, MatchAll):
            q = wq.Every()
        elif isinstance(node, Bool):
            must = [self._q(n) for n in node.must]
            should = [self._q(n) for n in node.should]
            if must and should:
                q = wq.AndMaybe(wq.And(must), wq.Or(should))
            elif must:
                q = wq.And(must)
            elif should:
                q = wq.Or(should)
            else:
                q = wq.Every()
            if node.must_not:
                q = wq.AndNot(q, wq.Or([self._q(n) for n in node.must_not]))
        else:  # pragma: no cover
            raise TypeError(node)
        boost = getattr(node, "boost", 1.0)
        if boost != 1.0:
            q.boost = boost
        return q

    def search(self, q: EngineQuery) -> EngineResult:
        """Run a query; facets are counted only when asked."""
        s = self._searcher()
        query = self._q(q.query)
        flt = wq.And([self._q(f) for f in q.filters]) if q.filters else None
        kwargs: dict[str, Any] = {"limit": q.offset + q.limit, "filter": flt}
        if q.sort == "date":
            kwargs["sortedby"] = "date_i"
            kwargs["reverse"] = True
        if q.facets:
            kwargs["groupedby"] = {
                name: sorting.FieldFacet(_FACET_SOURCE[name], maptype=sorting.Count)
                for name in FACET_FIELDS
            }
        res = s.search(query, **kwargs)
        hits: list[EngineHit] = []
        for i in range(q.offset, min(len(res.top_n), q.offset + q.limit)):
            stored = res[i]
            payload = json.loads(stored["payload"])
            text = payload.pop("text", "") or ""
            hits.append(EngineHit(int(stored["doc_id"]), float(res.score(i) or 0.0), payload, text))
        facets: dict[str, dict[str, int]] = {}
        if q.facets:
            for name in FACET_FIELDS:
                groups = res.groups(name)
                facets[name] = {
                    str(k): int(v)
                    for k, v in sorted(groups.items(), key=lambda kv: -kv[1])
                    if k not in (None, "")
                }
        return EngineResult(total=len(res), hits=hits, facets=facets)

    def doc_count(self) -> int:
        """Number of indexed documents."""
        return int(self._searcher().doc_count())


def drop_cache(path: Path) -> None:
    """Forget a cached index (after its folder is deleted)."""
    with _cache_lock:
        entry = _cache.pop(str(Path(path).resolve()), None)
    if entry and entry.get("searcher") is not None:
        entry["searcher"].close()
