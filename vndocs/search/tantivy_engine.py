"""The tantivy engine (default): pre-analyzed keys split on whitespace, positions kept."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tantivy

from vndocs.search.engine import (
    FACET_FIELDS,
    KEYWORD_FIELDS,
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

WRITER_HEAP = 128_000_000
_FACET_SOURCE = {"type": "type_s", "issuer": "issuer_s", "year": "year"}
_INT_MIN, _INT_MAX = -(2**62), 2**62

_cache_lock = threading.Lock()
_index_cache: dict[str, tantivy.Index] = {}


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_integer_field("doc_id", stored=True, indexed=True, fast=True)
    for name in TEXT_FIELDS:
        sb.add_text_field(name, tokenizer_name="whitespace")
    for name in KEYWORD_FIELDS:
        sb.add_text_field(name, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("type_s", tokenizer_name="raw", fast=True, index_option="basic")
    sb.add_text_field("issuer_s", tokenizer_name="raw", fast=True, index_option="basic")
    sb.add_integer_field("year", indexed=True, fast=True)
    sb.add_integer_field("date_i", indexed=True, fast=True)
    sb.add_bytes_field("payload", stored=True)
    return sb.build()


class TantivyEngine:
    """A tantivy index in one folder. Searchers are reused within a process."""

    name = "tantivy"

    def __init__(self, path: Path, *, create: bool = False) -> None:
        self.path = Path(path)
        self.schema = _schema()
        self._writer: Any = None
        key = str(self.path.resolve())
        try:
            if create:
                self.path.mkdir(parents=True, exist_ok=True)
            with _cache_lock:
                index = _index_cache.get(key)
                if index is None:
                    if not tantivy.Index.exists(str(self.path)) and not create:
                        raise SearchError(f"no tantivy index in {self.path}")
                    index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
                    _index_cache[key] = index
        except ValueError as e:
            raise SearchError(f"cannot open tantivy index {self.path}: {e}") from e
        self.index = index

    # -- writing -----------------------------------------------------------

    def _w(self) -> Any:
        if self._writer is None:
            try:
                self._writer = self.index.writer(WRITER_HEAP, 1)
            except ValueError as e:
                raise SearchError(f"tantivy index {self.path} is locked by another writer ({e})") from e
        return self._writer

    def _document(self, r: Record) -> tantivy.Document:
        d = tantivy.Document()
        d.add_integer("doc_id", r.doc_id)
        for name, value in r.fields.items():
            if value:
                d.add_text(name, value)
        for name, values in r.keywords.items():
            for v in values:
                d.add_text(name, v)
        if r.type_s:
            d.add_text("type_s", r.type_s)
        if r.issuer_s:
            d.add_text("issuer_s", r.issuer_s)
        if r.year is not None:
            d.add_integer("year", r.year)
        d.add_integer("date_i", r.date_i if r.date_i is not None else 0)
        payload = dict(r.stored)
        payload["text"] = r.text
        d.add_bytes("payload", json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        return d

    def add(self, records: Iterable[Record]) -> None:
        """Queue records, replacing documents with the same id."""
        w = self._w()
        for r in records:
            w.delete_documents_by_term("doc_id", r.doc_id)
            w.add_document(self._document(r))

    def delete(self, doc_ids: Iterable[int]) -> None:
        """Queue deletions."""
        w = self._w()
        for i in doc_ids:
            w.delete_documents_by_term("doc_id", int(i))

    def commit(self) -> None:
        """Commit and wait for merges; the next search sees the changes."""
        if self._writer is not None:
            self._writer.commit()
            self._writer.wait_merging_threads()
            self._writer = None
        self.index.reload()

    def close(self) -> None:
        """Drop the writer without committing."""
        if self._writer is not None:
            self._writer.rollback()
            self._writer = None

    # -- reading -----------------------------------------------------------

    def _q(self, node: Node) -> tantivy.Query:
        s = self.schema
        if isinstance(node, Term):
            q = tantivy.Query.term_query(s, node.field, node.token)
        elif isinstance(node, Phrase):
            q = tantivy.Query.phrase_query(s, node.field, list(node.tokens))
        elif isinstance(node, IntRange):
            return tantivy.Query.range_query(
                s,
                node.field,
                tantivy.FieldType.Integer,
                node.lo if node.lo is not None else _INT_MIN,
                node.hi if node.hi is not None else _INT_MAX,
            )
        elif isinstance(node, MatchAll):
            q = tantivy.Query.all_query()
        elif isinstance(node, Bool):
            subs = [(tantivy.Occur.Must, self._q(n)) for n in node.must]
            subs += [(tantivy.Occur.Should, self._q(n)) for n in node.should]
            subs += [(tantivy.Occur.MustNot, self._q(n)) for n in node.must_not]
            if node.must_not and not node.must and not node.should:
                subs.append((tantivy.Occur.Must, tantivy.Query.all_query()))
            q = tantivy.Query.boolean_query(subs)
        else:  # pragma: no cover
            raise TypeError(node)
        boost = getattr(node, "boost", 1.0)
        return tantivy.Query.boost_query(q, boost) if boost != 1.0 else q

    def search(self, q: EngineQuery) -> EngineResult:
        """Run a query; facets are counted only when asked."""
        query = self._q(q.query)
        if q.filters:
            subs = [(tantivy.Occur.Must, query)] + [
                (tantivy.Occur.Must, tantivy.Query.const_score_query(self._q(f), 0.0))
                for f in q.filters
            ]
            query = tantivy.Query.boolean_query(subs)
        searcher = self.index.searcher()
        if q.sort == "date":
            res = searcher.search(query, q.limit, count=True, order_by_field="date_i", offset=q.offset)
        else:
            res = searcher.search(query, q.limit, count=True, offset=q.offset)
        hits: list[EngineHit] = []
        for score, addr in res.hits:
            doc = searcher.doc(addr)
            payload = json.loads(bytes(doc["payload"][0]).decode("utf-8"))
            text = payload.pop("text", "") or ""
            hits.append(EngineHit(int(doc["doc_id"][0]), float(score), payload, text))
        facets: dict[str, dict[str, int]] = {}
        if q.facets:
            agg = {
                name: {"terms": {"field": _FACET_SOURCE[name], "size": 100}} for name in FACET_FIELDS
            }
            raw = searcher.aggregate(query, agg)
            for name in FACET_FIELDS:
                buckets = raw.get(name, {}).get("buckets", [])
                facets[name] = {str(b["key"]): int(b["doc_count"]) for b in buckets}
        return EngineResult(total=int(res.count or 0), hits=hits, facets=facets)

    def doc_count(self) -> int:
        """Number of indexed documents."""
        return int(self.index.searcher().num_docs)


def drop_cache(path: Path) -> None:
    """Forget a cached index (after its folder is deleted)."""
    with _cache_lock:
        _index_cache.pop(str(Path(path).resolve()), None)
