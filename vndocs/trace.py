"""Trace the links between documents of the catalog, and list a file's references.

``trace(catalog, "44-KL/TW")`` finds every document that implements, cites,
amends... the one named (``down``, the default), transitively; ``direction="up"``
follows the other way: what the document implements, cites... up to the roots.
The result is a tree in depth-first order: a document reached again (through
another path, or a cycle) is listed where met but expanded only once.

Formatters: :func:`format_tree`, :func:`format_json`, :func:`format_dot`,
:func:`format_mermaid`. :func:`file_references` lists a file's references with
the line and column of each mention (no catalog needed).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vndocs.catalog import Catalog, CatalogDocument, Link, Query, parse_query
from vndocs.errors import NotFound, VndocsError

MAX_DEPTH = 50
"""Depth used when none is given (cycles are cut anyway)."""

RELATIONS = ("replaces", "repeals", "amends", "implements", "guides", "based_on", "cites")
"""Relations known to the reference extractor."""


class BadReference(VndocsError):
    """A REF argument that is neither a number, a short form nor a file."""


@dataclass(frozen=True, slots=True)
class TraceNode:
    """One document in a trace, as reached from its parent."""

    doc: CatalogDocument
    """The document."""
    depth: int
    """0 for the document traced, 1 for its direct neighbours..."""
    parent: CatalogDocument | None = None
    """The document it links to (down) or from (up); None at depth 0."""
    relation: str | None = None
    """Relation of the edge between them (always citing -> cited)."""
    ambiguous: bool = False
    """The edge comes from a reference that matched several documents."""
    candidates: int = 1
    """How many documents that reference matched."""
    repeat: bool = False
    """Already listed elsewhere in the trace: not expanded again."""
    cycle: bool = False
    """Links back to a document on the path from the root."""


@dataclass(frozen=True, slots=True)
class TraceResult:
    """A trace: the documents matched by the query and the tree around them."""

    query: str
    """The REF as given."""
    direction: str
    """``down`` or ``up``."""
    roots: tuple[CatalogDocument, ...]
    """Documents the query names (several: the query is ambiguous)."""
    nodes: tuple[TraceNode, ...]
    """Depth-first tree, roots at depth 0."""
    edges: tuple[Link, ...] = ()
    """Every edge followed (for graph formats)."""

    @property
    def ambiguous(self) -> bool:
        """True when the query matches several documents."""
        return len(self.roots) > 1


# ---------------------------------------------------------------------------
# Finding the documents a REF names


def _query_from_identity(text: str) -> Query | None:
    """Use ``vndocs.identity.parse_ref`` when it exists."""
    try:
        from vndocs.identity import parse_ref
    except ImportError:
        return None
    try:
        rq = parse_ref(text)
    except Exception:  # noqa: BLE001 - fall back to the local parser
        return None
    number = getattr(rq, "number", None)
    prefix = getattr(rq, "number_prefix", None)
    year = getattr(rq, "year", None)
    serial = None
    if not number and prefix:
        m = re.match(r"0*(\d+)(?:/(\d{4}))?", str(prefix))
        if m:
            serial = int(m.group(1))
            year = year or (int(m.group(2)) if m.group(2) else None)
    if not number and serial is None:
        return None
    return Query(type=getattr(rq, "type", None), number=number, serial=serial, year=year)


def find_documents(catalog: Catalog, ref: str) -> list[CatalogDocument]:
    """The catalog documents (real or placeholder) a REF names.

    Args:
        catalog: the catalog.
        ref: a number (``44-KL/TW``), a short form (``Kết luận 44``,
            ``Nghị định 30/2020``), an identity key, or a file path.

    Raises:
        BadReference: ``ref`` cannot be read as a reference.
        NotFound: nothing in the catalog matches.
    """
    ref = ref.strip()
    if not ref:
        raise BadReference("empty reference")
    if os.path.isfile(ref):
        return _find_file(catalog, ref)
    found = catalog.find_key(ref)
    if found:
        return found
    query = _query_from_identity(ref) or parse_query(ref)
    if query is None:
        raise BadReference(
            f"cannot read '{ref}' as a reference: give a number (44-KL/TW, 30/2020/NĐ-CP), "
            "a short form (Kết luận 44, Nghị định 30/2020) or a file path"
        )
    docs = catalog.find(query)
    if not docs:
        raise NotFound(f"{ref}: no document in the catalog matches")
    return _real_first(docs)


def _real_first(docs: list[CatalogDocument]) -> list[CatalogDocument]:
    return sorted(docs, key=lambda d: (d.placeholder, d.date or "", d.doc_id))


def _find_file(catalog: Catalog, path: str) -> list[CatalogDocument]:
    doc = catalog.by_source(os.path.abspath(path))
    if doc is not None:
        return [doc]
    # not indexed: identify it by its header
    from vndocs import parse

    parsed = parse(Path(path))
    h = parsed.header
    number = h.number.value if h.number else None
    title = h.title.value if h.title else None
    query = Query(
        type=h.type.value if h.type else None,
        number=number,
        year=int(h.date.value[:4]) if h.date else None,
        issuer=h.issuer.value if h.issuer else None,
        title=title,
    )
    docs = catalog.find(query) if (number or title) else []
    if not docs:
        raise NotFound(f"{path}: not in the catalog (run 'vndocs index {path}' first)")
    return _real_first(docs)


# ---------------------------------------------------------------------------
# Traversal


def trace(
    catalog: Catalog,
    ref: str,
    *,
    direction: str = "down",
    depth: int | None = None,
    relations: Iterable[str] | None = None,
) -> TraceResult:
    """Trace the documents linked to the one(s) ``ref`` names.

    Args:
        catalog: the catalog.
        ref: what to trace (see :func:`find_documents`).
        direction: ``down`` (documents that cite it, transitively) or ``up``
            (documents it cites, transitively).
        depth: how many links to follow (default: until nothing new).
        relations: follow only these relations.

    Raises:
        BadReference, NotFound: see :func:`find_documents`.
        ValueError: bad direction or depth.
    """
    if direction not in ("down", "up"):
        raise ValueError(f"direction must be 'down' or 'up', not {direction!r}")
    if depth is not None and depth < 0:
        raise ValueError("depth must be >= 0")
    roots = find_documents(catalog, ref)
    return trace_from(catalog, roots, query=ref, direction=direction, depth=depth, relations=relations)


def trace_from(
    catalog: Catalog,
    roots: list[CatalogDocument],
    *,
    query: str = "",
    direction: str = "down",
    depth: int | None = None,
    relations: Iterable[str] | None = None,
) -> TraceResult:
    """Trace from known documents (see :func:`trace`)."""
    max_depth = MAX_DEPTH if depth is None else min(depth, MAX_DEPTH)
    wanted = set(relations) if relations else None
    # breadth first: adjacency and shortest distance of every reachable document
    dist: dict[int, int] = {d.doc_id: 0 for d in roots}
    children: dict[int, list[Link]] = {}
    frontier = [d.doc_id for d in roots]
    level = 0
    while frontier and level < max_depth:
        links = catalog.links_to(frontier) if direction == "down" else catalog.links_from(frontier)
        nxt: list[int] = []
        seen_pairs: set[tuple[int, int, str]] = set()
        for link in links:
            if wanted is not None and link.relation not in wanted:
                continue
            here, there = (link.dst, link.src) if direction == "down" else (link.src, link.dst)
            pair = (here, there, link.relation)
            if pair in seen_pairs:
                continue
            seen_pairs.add(pair)
            children.setdefault(here, []).append(link)
            if there not in dist:
                dist[there] = level + 1
                nxt.append(there)
        frontier = nxt
        level += 1
    docs = catalog.documents(dist)
    for d in roots:
        docs.setdefault(d.doc_id, d)

    def sort_key(link: Link) -> tuple[Any, ...]:
        other = docs.get(link.src if direction == "down" else link.dst)
        if other is None:
            return ("9999", "", link.src, link.dst)
        return (other.date or "9999", other.number or "", link.src, link.dst)

    nodes: list[TraceNode] = []
    expanded: set[int] = set()
    edges: list[Link] = []

    def walk(doc_id: int, d: int, path: tuple[int, ...]) -> None:
        for link in sorted(children.get(doc_id, ()), key=sort_key):
            there = link.src if direction == "down" else link.dst
            doc = docs.get(there)
            if doc is None:
                continue
            edges.append(link)
            cycle = there in path
            repeat = cycle or there in expanded or dist.get(there) != d + 1
            nodes.append(
                TraceNode(
                    doc=doc, depth=d + 1, parent=docs[doc_id], relation=link.relation,
                    ambiguous=link.ambiguous, candidates=link.candidates, repeat=repeat, cycle=cycle,
                )
            )
            if not repeat and d + 1 < max_depth:
                expanded.add(there)
                walk(there, d + 1, path + (there,))
            elif not repeat:
                expanded.add(there)

    for root in roots:
        nodes.append(TraceNode(doc=root, depth=0, repeat=root.doc_id in expanded))
        if root.doc_id not in expanded:
            expanded.add(root.doc_id)
            walk(root.doc_id, 0, (root.doc_id,))
    return TraceResult(
        query=query, direction=direction, roots=tuple(roots), nodes=tuple(nodes), edges=tuple(edges)
    )


# ---------------------------------------------------------------------------
# Formats


def _short(text: str | None, n: int = 80) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def describe(doc: CatalogDocument) -> str:
    """One line naming a document: type, number, date, issuer, title."""
    parts = [doc.type or "Văn bản", doc.number or "(no number)"]
    head = " ".join(parts)
    extra = [x for x in (doc.date, doc.issuer) if x]
    line = head + (f" ({', '.join(extra)})" if extra else "")
    if doc.title:
        line += f" — {_short(doc.title)}"
    if doc.placeholder:
        line += " [not in catalog]"
    return line


_ARROW_DOWN = {"down": "←", "up": "→"}


def format_tree(result: TraceResult) -> str:
    """A readable tree, one document per line."""
    out: list[str] = []
    if result.ambiguous:
        out.append(
            f"'{result.query}' matches {len(result.roots)} documents; tracing each "
            "(give the year or the full number to choose one):"
        )
    nodes = result.nodes
    shown: set[int] = set()
    for i, node in enumerate(nodes):
        if not node.repeat:
            shown.add(node.doc.doc_id)
        if node.depth == 0:
            if i and out:
                out.append("")
            out.append(describe(node.doc) + (f"  <{node.doc.source}>" if node.doc.source else ""))
            continue
        # draw the branch: is this the last child of its parent?
        prefix = ""
        for level in range(1, node.depth):
            prefix += "    " if _last_at(nodes, i, level) else "│   "
        prefix += "└── " if _last_at(nodes, i, node.depth) else "├── "
        marks = []
        if node.ambiguous and node.candidates > 1:
            marks.append(f"ambiguous: 1 of {node.candidates} matches")
        elif node.ambiguous:
            marks.append("probable: the texts do not say enough to be sure")
        if node.cycle:
            marks.append("cycle")
        elif node.repeat:
            marks.append("see above" if node.doc.doc_id in shown else "see below")
        rel = node.relation or ""
        line = f"{prefix}{rel} {_ARROW_DOWN[result.direction]} {describe(node.doc)}"
        if marks:
            line += f" [{'; '.join(marks)}]"
        if node.doc.source and not node.repeat:
            line += f"  <{node.doc.source}>"
        out.append(line)
    return "\n".join(out)


def _last_at(nodes: tuple[TraceNode, ...], i: int, level: int) -> bool:
    """Whether the ancestor of node i at ``level`` has no later sibling."""
    for j in range(i + 1, len(nodes)):
        d = nodes[j].depth
        if d < level:
            return True
        if d == level:
            return False
    return True


def _doc_json(doc: CatalogDocument) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "key": doc.key,
        "source": doc.source,
        "type": doc.type,
        "number": doc.number,
        "date": doc.date,
        "issuer": doc.issuer,
        "title": doc.title,
        "placeholder": doc.placeholder,
    }


def to_json(result: TraceResult) -> dict[str, Any]:
    """The trace as one JSON-ready object: ``{"ref": {...}, "documents": [...]}``."""
    ref: dict[str, Any] = {
        "query": result.query,
        "direction": result.direction,
        "ambiguous": result.ambiguous,
        "matches": [_doc_json(d) for d in result.roots],
    }
    if len(result.roots) == 1:
        ref.update(_doc_json(result.roots[0]))
    documents = []
    for node in result.nodes:
        item = _doc_json(node.doc)
        item.update(
            {
                "relation": node.relation,
                "depth": node.depth,
                "parent": node.parent.label if node.parent else None,
                "parent_id": node.parent.doc_id if node.parent else None,
                "ambiguous": node.ambiguous,
                "candidates": node.candidates,
                "repeat": node.repeat,
                "cycle": node.cycle,
            }
        )
        documents.append(item)
    return {"ref": ref, "documents": documents}


def format_json(result: TraceResult) -> str:
    """The trace as one JSON object."""
    return json.dumps(to_json(result), ensure_ascii=False)


def _graph(result: TraceResult) -> tuple[dict[int, CatalogDocument], list[Link]]:
    docs = {n.doc.doc_id: n.doc for n in result.nodes}
    seen: set[tuple[int, int, str]] = set()
    edges = []
    for e in result.edges:
        k = (e.src, e.dst, e.relation)
        if k not in seen:
            seen.add(k)
            edges.append(e)
    return docs, edges


def _node_label(doc: CatalogDocument) -> list[str]:
    lines = [f"{doc.type or 'Văn bản'} {doc.number or ''}".strip()]
    extra = ", ".join(x for x in (doc.date, doc.issuer) if x)
    if extra:
        lines.append(extra)
    if not doc.number and doc.title:
        lines.append(_short(doc.title, 50))
    return lines


def format_dot(result: TraceResult) -> str:
    """Graphviz DOT: one node per document, edges citing -> cited labelled by relation."""
    docs, edges = _graph(result)

    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    out = ["digraph trace {", "  rankdir=BT;", '  node [shape=box, fontname="sans-serif"];']
    roots = {d.doc_id for d in result.roots}
    for doc_id, doc in docs.items():
        attrs = [f"label={q(chr(10).join(_node_label(doc)))}"]
        if doc.placeholder:
            attrs.append("style=dashed")
        if doc_id in roots:
            attrs.append("penwidth=2")
        out.append(f"  d{doc_id} [{', '.join(attrs)}];")
    for e in edges:
        attrs = [f"label={q(e.relation)}"]
        if e.ambiguous:
            attrs.append("style=dashed")
        out.append(f"  d{e.src} -> d{e.dst} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out)


def format_mermaid(result: TraceResult) -> str:
    """Mermaid flowchart: edges citing -> cited labelled by relation."""
    docs, edges = _graph(result)

    def esc(s: str) -> str:
        return s.replace('"', "#quot;").replace("|", "#124;").replace("<", "#lt;").replace(">", "#gt;")

    out = ["flowchart BT"]
    for doc_id, doc in docs.items():
        label = "<br/>".join(esc(x) for x in _node_label(doc))
        out.append(f'  d{doc_id}["{label}"]')
        if doc.placeholder:
            out.append(f"  style d{doc_id} stroke-dasharray: 5 5")
    for e in edges:
        arrow = "-.->" if e.ambiguous else "-->"
        out.append(f"  d{e.src} {arrow}|{esc(e.relation)}| d{e.dst}")
    return "\n".join(out)


FORMATS = {"tree": format_tree, "json": format_json, "dot": format_dot, "mermaid": format_mermaid}
"""Output formats of ``vndocs trace``."""


# ---------------------------------------------------------------------------
# A file's references (no catalog needed)


@dataclass(frozen=True, slots=True)
class MentionSite:
    """Where a reference is mentioned, in the text as read."""

    line: int
    """1-based line."""
    col: int
    """1-based column."""
    context: str
    """The text around the mention, on one line."""
    cue: str | None = None
    """The relation cue governing the mention."""


@dataclass(frozen=True, slots=True)
class FileReference:
    """One reference of a file with its mentions."""

    type: str | None
    """Type of the document referred to."""
    number: str | None
    """Its number."""
    date: str | None
    """Its date."""
    issuer: str | None
    """Its issuer."""
    title: str | None
    """Its title."""
    relation: str
    """What this file does to it."""
    mentions: tuple[MentionSite, ...] = field(default_factory=tuple)
    """Where it is mentioned."""


def file_references(path: str | os.PathLike[str], context: int = 40) -> list[FileReference]:
    """Parse a file and list its references with line:col and context of each mention.

    Raises:
        vndocs.errors.ReadError: the file cannot be read.
    """
    from vndocs import parse

    doc = parse(Path(path))
    source_text = doc.normalized.source if doc.normalized is not None else doc.text
    in_file = _positions_in_file(Path(path), doc) if doc.format == "md" else {}
    out: list[FileReference] = []
    for ref in doc.references:
        sites = []
        for m in ref.mentions:
            if m.span.start in in_file:
                line, col = in_file[m.span.start]
            else:
                src = doc.source_span(m.span)
                start = min(src.start, len(source_text))
                line = source_text.count("\n", 0, start) + 1
                col = start - (source_text.rfind("\n", 0, start) + 1) + 1
            a, b = max(0, m.span.start - context), min(len(doc.text), m.span.end + context)
            snippet = " ".join(doc.text[a:b].split())
            if a > 0:
                snippet = "…" + snippet
            if b < len(doc.text):
                snippet += "…"
            sites.append(MentionSite(line=line, col=col, context=snippet, cue=m.cue))
        out.append(
            FileReference(
                type=ref.type, number=ref.number, date=ref.date, issuer=ref.issuer, title=ref.title,
                relation=ref.relation, mentions=tuple(sites),
            )
        )
    return out


def _positions_in_file(path: Path, doc: Any) -> dict[int, tuple[int, int]]:
    """Line and column in the file itself of each mention, for formats whose reader
    removes markup (Markdown): each mention's text is looked up in the raw file,
    in text order; a mention not found verbatim keeps its position in the text as read."""
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    import unicodedata

    raw = unicodedata.normalize("NFC", raw)
    by_start = {m.span.start: m.span for r in doc.references for m in r.mentions}
    spans = [by_start[k] for k in sorted(by_start)]
    out: dict[int, tuple[int, int]] = {}
    cursor = 0
    for span in spans:
        needle = doc.text[span.start : span.end].split("\n")[0][:60]
        if not needle.strip():
            continue
        at = raw.find(needle, cursor)
        if at < 0:
            continue
        out[span.start] = (raw.count("\n", 0, at) + 1, at - (raw.rfind("\n", 0, at) + 1) + 1)
        cursor = at + 1
    return out


def format_file_references(path: str, refs: list[FileReference]) -> str:
    """A readable listing of :func:`file_references`."""
    if not refs:
        return f"{path}: no references found"
    out = [f"{path}: {len(refs)} reference(s)"]
    for r in refs:
        name = " ".join(x for x in (r.type, r.number) if x) or "(unnamed)"
        extra = ", ".join(x for x in (r.date, r.issuer) if x)
        line = f"{r.relation:<11} {name}" + (f" ({extra})" if extra else "")
        if r.title:
            line += f" — {_short(r.title)}"
        out.append(line)
        for m in r.mentions:
            out.append(f"    {m.line}:{m.col}  {m.context}")
    return "\n".join(out)


def file_references_json(path: str, refs: list[FileReference]) -> dict[str, Any]:
    """:func:`file_references` as a JSON-ready object."""
    return {
        "source": path,
        "references": [
            {
                "type": r.type, "number": r.number, "date": r.date, "issuer": r.issuer,
                "title": r.title, "relation": r.relation,
                "mentions": [
                    {"line": m.line, "col": m.col, "context": m.context, "cue": m.cue} for m in r.mentions
                ],
            }
            for r in refs
        ],
    }
