"""The small engine interface: a query tree, a record, and what an engine does with them.

Analysis happens before the engine (``vndocs.search.analysis``): records hold
space-joined token keys, and queries are trees of :class:`Term`,
:class:`Phrase`, :class:`Bool`, :class:`IntRange` over those keys. Each engine
(tantivy, Whoosh) translates the tree into its own query objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from vndocs.errors import VndocsError


class SearchError(VndocsError):
    """The full-text index is missing, locked, corrupt, or the engine is unknown."""


# --------------------------------------------------------------------------
# Fields

TEXT_FIELDS = (
    "all_x",  # exact syllable keys of the whole text
    "all_f",  # folded syllable keys of the whole text
    "title_x",  # exact keys of type name + title
    "title_f",  # folded keys of type name + title
    "head_f",  # folded keys of outline headings, separated
    "number_f",  # folded parts of the document's number
    "issuer_f",  # folded keys of the issuer
    "units_f",  # folded keys of units named in the text
    "alias_f",  # expansions of abbreviations the text uses
    "cites_f",  # folded parts of referenced numbers, separated
)
"""Tokenized fields: space-separated keys, positions kept."""

KEYWORD_FIELDS = ("number_k", "cites_k", "type_k")
"""Whole-value keys: one token per value (several values allowed in ``cites_k``)."""

FACET_FIELDS = ("type", "issuer", "year")
"""Facet names reported by ``--facets``."""


@dataclass(frozen=True, slots=True)
class Record:
    """One document as the engines index it (already analyzed)."""

    doc_id: int
    """Catalog id."""
    stored: dict[str, str | None]
    """Display values kept for hits: source, type, number, date, issuer, title."""
    text: str
    """Normalized full text (kept for snippets)."""
    fields: dict[str, str]
    """Tokenized fields (:data:`TEXT_FIELDS`): space-joined keys."""
    keywords: dict[str, tuple[str, ...]]
    """Keyword fields (:data:`KEYWORD_FIELDS`): whole-value keys."""
    type_s: str | None
    """Type name as printed in facets."""
    issuer_s: str | None
    """Issuer as printed in facets."""
    year: int | None
    """Year of issue."""
    date_i: int | None
    """Date of issue as ``YYYYMMDD``."""


# --------------------------------------------------------------------------
# Query tree


@dataclass(frozen=True, slots=True)
class Term:
    """One key in one field."""

    field: str
    token: str
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Phrase:
    """Consecutive keys in one field."""

    field: str
    tokens: tuple[str, ...]
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class IntRange:
    """An integer field between two bounds (inclusive; None = open)."""

    field: str
    lo: int | None
    hi: int | None


@dataclass(frozen=True, slots=True)
class MatchAll:
    """Every document."""

    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Bool:
    """All of ``must``, none of ``must_not``; at least one of ``should`` when ``must`` is empty.

    Scores of matching clauses add up.
    """

    must: tuple[Node, ...] = ()
    should: tuple[Node, ...] = ()
    must_not: tuple[Node, ...] = ()
    boost: float = 1.0


Node = Term | Phrase | IntRange | MatchAll | Bool


def term_or_phrase(field_name: str, tokens: tuple[str, ...] | list[str], boost: float = 1.0) -> Node:
    """A :class:`Term` for one token, else a :class:`Phrase`."""
    tokens = tuple(tokens)
    if len(tokens) == 1:
        return Term(field_name, tokens[0], boost)
    return Phrase(field_name, tokens, boost)


def any_of(nodes: Iterable[Node], boost: float = 1.0) -> Node:
    """At least one of ``nodes``."""
    nodes = tuple(nodes)
    if len(nodes) == 1 and boost == 1.0:
        return nodes[0]
    return Bool(should=nodes, boost=boost)


@dataclass(frozen=True, slots=True)
class EngineQuery:
    """What an engine runs: a scored query, filters, paging, sorting, facets."""

    query: Node
    filters: tuple[Node, ...] = ()
    limit: int = 10
    offset: int = 0
    sort: str = "relevance"
    facets: bool = False


@dataclass(frozen=True, slots=True)
class EngineHit:
    """One hit as an engine returns it."""

    doc_id: int
    score: float
    stored: dict[str, str | None]
    text: str


@dataclass(slots=True)
class EngineResult:
    """Hits and counts from an engine."""

    total: int
    hits: list[EngineHit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


# --------------------------------------------------------------------------
# Interface


class Engine(Protocol):
    """A full-text engine over one folder."""

    name: str

    def add(self, records: Iterable[Record]) -> None:
        """Queue records (a record replaces any earlier one with the same id)."""

    def delete(self, doc_ids: Iterable[int]) -> None:
        """Queue deletions."""

    def commit(self) -> None:
        """Make queued changes durable and visible."""

    def search(self, q: EngineQuery) -> EngineResult:
        """Run a query."""

    def doc_count(self) -> int:
        """Number of indexed documents."""

    def close(self) -> None:
        """Release writers and files."""


ENGINES = ("tantivy", "whoosh")
DEFAULT_ENGINE = "tantivy"
"""Faster on every measured figure (see README, ``benchmarks/bench_search.py``)."""


def engine_dir(index_dir: str | Path, name: str) -> Path:
    """Folder of an engine's index inside an index folder."""
    return Path(index_dir) / f"fulltext-{name}"


def resolve_engine(name: str | None) -> str:
    """Engine name, defaulting to :data:`DEFAULT_ENGINE` or ``$VNDOCS_SEARCH_ENGINE``."""
    import os

    name = name or os.environ.get("VNDOCS_SEARCH_ENGINE") or DEFAULT_ENGINE
    name = name.lower()
    if name not in ENGINES:
        raise SearchError(f"unknown search engine {name!r} (choose from {', '.join(ENGINES)})")
    return name


def open_engine(index_dir: str | Path, name: str | None = None, *, create: bool = False) -> Engine:
    """Open (or create) an engine's index in ``index_dir``.

    Raises:
        SearchError: unknown engine, engine not installed, or no index and not ``create``.
    """
    name = resolve_engine(name)
    path = engine_dir(index_dir, name)
    if not create and not path.exists():
        raise SearchError(
            f"no {name} full-text index in {index_dir} (run `vndocs index FILES` or `vndocs reindex`)"
        )
    try:
        if name == "tantivy":
            from vndocs.search.tantivy_engine import TantivyEngine

            return TantivyEngine(path, create=create)
        from vndocs.search.whoosh_engine import WhooshEngine

        return WhooshEngine(path, create=create)
    except ImportError as e:  # pragma: no cover - both are dependencies
        raise SearchError(f"search engine {name} is not installed ({e})") from e
