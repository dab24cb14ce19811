"""Layout of a trace graph as boxes and arrows, drawn as inline SVG by a template.

The traced document sits in the middle row; the documents it implements,
cites... (trace up) are in the rows above, one row per link followed, and the
documents implementing or citing it (trace down) in the rows below. Arrows go
from the citing document to the cited one. The layout is computed here; the
template writes the SVG, so every label is escaped by Jinja.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BOX_W = 236
BOX_H = 46
GAP_X = 24
GAP_Y = 64
MARGIN = 16
MAX_NODES = 80
"""Most documents drawn; a larger graph is cut (the lists beside it stay complete)."""


@dataclass(frozen=True, slots=True)
class Box:
    """One document in the drawing."""

    doc_id: int
    """Catalog id (the box links to its page)."""
    x: int
    """Left edge."""
    y: int
    """Top edge."""
    lines: tuple[str, ...]
    """Label lines (type and number; date or issuer)."""
    root: bool = False
    """The traced document."""
    placeholder: bool = False
    """Known only from references (drawn dashed)."""


@dataclass(frozen=True, slots=True)
class Arrow:
    """One link, from the citing box to the cited box."""

    x1: int
    """Start x (citing box)."""
    y1: int
    """Start y."""
    x2: int
    """End x (cited box)."""
    y2: int
    """End y."""
    relation: str
    """Relation name."""
    ambiguous: bool = False
    """The reference matched several documents (drawn dashed)."""


@dataclass(slots=True)
class Drawing:
    """Everything the template needs to write the SVG."""

    width: int = 0
    """Canvas width."""
    height: int = 0
    """Canvas height."""
    boxes: list[Box] = field(default_factory=list)
    """Documents."""
    arrows: list[Arrow] = field(default_factory=list)
    """Links."""
    cut: int = 0
    """Documents left out because the graph is too large."""


def _short(text: str | None, n: int) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _lines(doc: Any) -> tuple[str, ...]:
    first = _short(" ".join(x for x in (doc.type or "Văn bản", doc.number or "") if x), 30)
    if doc.number:
        second = _short(", ".join(x for x in (doc.date, doc.issuer) if x), 33)
    else:
        second = _short(doc.title, 33)
    return (first, second) if second else (first,)


def layout(up: Any | None, down: Any | None) -> Drawing:
    """Place the documents of two traces (``vndocs.trace.TraceResult``) around their roots.

    Args:
        up: The trace up from the document(s) (what they implement, cite...), or None.
        down: The trace down (what implements, cites... them), or None.

    Returns:
        The drawing; empty when neither trace has a document.
    """
    rows: dict[int, list[Any]] = {}
    placed: dict[int, int] = {}
    parent_of: dict[int, int] = {}
    cut = 0
    edges: list[Any] = []
    for result, sign in ((up, -1), (down, 1)):
        if result is None:
            continue
        for node in result.nodes:
            doc_id = node.doc.doc_id
            if doc_id in placed:
                continue
            if len(placed) >= MAX_NODES:
                cut += 1
                continue
            row = sign * node.depth
            placed[doc_id] = row
            if node.parent is not None:
                parent_of[doc_id] = node.parent.doc_id
            rows.setdefault(row, []).append(node.doc)
        edges.extend(result.edges)
    if not rows:
        return Drawing()
    # each row in the order of the parents in the row nearer the root: fewer crossings
    for sign in (1, -1):
        row = 2 * sign
        while row in rows:
            order = {d.doc_id: i for i, d in enumerate(rows[row - sign])}
            rows[row].sort(key=lambda d: order.get(parent_of.get(d.doc_id, -1), len(order)))
            row += sign
    widest = max(len(v) for v in rows.values())
    width = 2 * MARGIN + widest * BOX_W + (widest - 1) * GAP_X
    top = min(rows)
    pos: dict[int, tuple[int, int]] = {}
    roots = {d.doc_id for r in (up, down) if r is not None for d in r.roots}
    boxes = []
    for row in sorted(rows):
        docs = rows[row]
        span = len(docs) * BOX_W + (len(docs) - 1) * GAP_X
        x0 = (width - span) // 2
        y = MARGIN + (row - top) * (BOX_H + GAP_Y)
        for i, doc in enumerate(docs):
            x = x0 + i * (BOX_W + GAP_X)
            pos[doc.doc_id] = (x, y)
            boxes.append(
                Box(doc.doc_id, x, y, _lines(doc), root=doc.doc_id in roots, placeholder=doc.placeholder)
            )
    arrows = []
    seen: set[tuple[int, int, str]] = set()
    for e in edges:
        k = (e.src, e.dst, e.relation)
        if k in seen or e.src not in pos or e.dst not in pos or e.src == e.dst:
            continue
        seen.add(k)
        (sx, sy), (dx, dy) = pos[e.src], pos[e.dst]
        if sy > dy:  # citing below cited: from its top to the other's bottom
            y1, y2 = sy, dy + BOX_H
        elif sy < dy:
            y1, y2 = sy + BOX_H, dy
        else:
            y1 = y2 = sy + BOX_H // 2
        arrows.append(Arrow(sx + BOX_W // 2, y1, dx + BOX_W // 2, y2, e.relation, bool(e.ambiguous)))
    height = 2 * MARGIN + (max(rows) - top + 1) * BOX_H + (max(rows) - top) * GAP_Y
    return Drawing(width=width, height=height, boxes=boxes, arrows=arrows, cut=cut)
