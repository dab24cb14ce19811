"""A standalone HTML page for one parsed document (``vndocs show --html``).

The page has no external assets and no script (offices are offline; a
Content-Security-Policy forbids scripts anyway): inline CSS, the header
fields, the outline as a table of contents linking into the text, the text
with the entities of the spaCy component highlighted (displaCy's ``ent``
look), the references (linked to their catalog entries when a catalog is
given) and the tasks table.

Every piece of document text is escaped with :func:`html.escape`. displaCy's
own renderer escapes the text but not labels and re-flows white space, so
the marks are written here from ``doc.ents`` of :func:`vndocs.to_spacy`.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from vndocs.errors import VndocsError
from vndocs.models import Deadline, Document, Reference, Section, Task

Linker = Callable[[Reference], "str | None"]
"""Gives the URL of a reference's catalog entry, or None."""

COLORS: dict[str, str] = {
    "DOC_TYPE": "#f9d67a",
    "DOC_NUMBER": "#f4a261",
    "ISSUER": "#a8dadc",
    "PARENT": "#cde3e4",
    "PLACE": "#e9edc9",
    "DATE": "#bde0fe",
    "TITLE": "#ffd6a5",
    "URGENCY": "#ff8fa3",
    "CONFIDENTIALITY": "#ff8fa3",
    "NATIONAL_TITLE": "#e0e0e0",
    "HEADING": "#d8e2dc",
    "ENACTING": "#e0e0e0",
    "DOC_REF": "#caffbf",
    "UNIT": "#ffc6ff",
    "DEADLINE": "#fdffb6",
    "SIGNER": "#cdb4db",
    "RECIPIENT": "#dfe7fd",
}
"""Highlight colour per entity label."""

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;
margin:0;color:#222;background:#fafafa}
header.top{background:#23395d;color:#fff;padding:.8em 1.5em}
header.top h1{font-size:1.3em;margin:0}
header.top .src{font-size:.85em;opacity:.8}
.layout{display:flex;gap:1.5em;padding:1em 1.5em;align-items:flex-start}
nav.toc{flex:0 0 18em;position:sticky;top:.5em;max-height:95vh;overflow:auto;background:#fff;
border:1px solid #ddd;border-radius:6px;padding:.6em .8em;font-size:.9em}
nav.toc ul{list-style:none;padding-left:1em;margin:.2em 0}
nav.toc>ul{padding-left:0}
nav.toc a{color:#23395d;text-decoration:none}
nav.toc a:hover{text-decoration:underline}
main{flex:1;min-width:0}
section.box{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.8em 1.2em;margin-bottom:1em}
h2{font-size:1.1em;margin:.2em 0 .6em}
table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f0f0f0}
td.nw{white-space:nowrap}
table.fields th{width:9em}
.doc-text{white-space:pre-wrap;line-height:1.9;font-size:.95em}
mark.entity{padding:.15em .35em;border-radius:.35em;line-height:1}
mark.entity .entity-label{font-size:.62em;font-weight:bold;margin-left:.4em;vertical-align:middle;
text-transform:uppercase;opacity:.75}
mark.entity a{color:inherit}
.legend mark{display:inline-block;margin:.15em}
.muted{color:#888}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


class ViewError(VndocsError):
    """The page cannot be written."""


_CONTROLS = str.maketrans({c: "\ufffd" for c in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]})
"""Control characters (ESC, BEL, C1...) shown as U+FFFD, e.g. from a file name (tests/test_output_safety.py)."""


def _e(text: object) -> str:
    return html.escape(str(text).translate(_CONTROLS), quote=True)


def _section_ids(sections: Sequence[Section]) -> list[tuple[Section, str, int]]:
    """Every outline node with its anchor id and depth, in text order."""
    out: list[tuple[Section, str, int]] = []

    def visit(nodes: Sequence[Section], prefix: str, depth: int) -> None:
        for i, s in enumerate(nodes, 1):
            anchor = f"{prefix}-{i}"
            out.append((s, anchor, depth))
            visit(s.children, anchor, depth + 1)

    visit(sections, "sec", 0)
    return out


def _snippet(text: str, s: Section, n: int = 48) -> str:
    """The first words of a node without a heading, for the table of contents."""
    words = " ".join(text[s.span.start : s.span.end].split()[:20])
    return words if len(words) <= n else words[: n - 1].rstrip() + "…"


def _toc(sections: Sequence[Section], text: str, max_depth: int = 3) -> str:
    def items(nodes: Sequence[Section], prefix: str, depth: int) -> str:
        parts = []
        for i, s in enumerate(nodes, 1):
            anchor = f"{prefix}-{i}"
            if s.kind in ("dash", "plus"):
                continue
            label = f"{s.label}. {s.heading}" if s.heading else _snippet(text, s)
            sub = items(s.children, anchor, depth + 1) if depth + 1 < max_depth else ""
            parts.append(f'<li><a href="#{anchor}">{_e(label)}</a>{sub}</li>')
        return f"<ul>{''.join(parts)}</ul>" if parts else ""

    body = items(sections, "sec", 0)
    return body or '<p class="muted">No outline found.</p>'


def _entities(document: Document) -> list[tuple[int, int, str]]:
    """The entities of the spaCy component: ``(start, end, label)`` into ``document.text``."""
    from vndocs.spacy_component import to_spacy

    doc = to_spacy(document)
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def _mark_open(label: str, href: str | None) -> str:
    color = COLORS.get(label, "#ddd")
    link = f'<a href="{_e(href)}">' if href else ""
    return (
        f'<mark class="entity ent-{_e(label)}" data-label="{_e(label)}" '
        f'style="background:{color}">{link}'
    )


def _mark_close(label: str, href: str | None) -> str:
    return f'{"</a>" if href else ""}<span class="entity-label">{_e(label)}</span></mark>'


def highlighted_text(
    text: str,
    entities: Iterable[tuple[int, int, str]],
    anchors: Iterable[tuple[int, str]] = (),
    links: dict[tuple[int, int], str] | None = None,
) -> str:
    """The text as escaped HTML with ``<mark>`` around entities and empty anchors inserted.

    Args:
        text: The document text.
        entities: Non-overlapping ``(start, end, label)``.
        anchors: ``(position, id)`` of empty elements to link to.
        links: URL per entity ``(start, end)`` to wrap its text in a link.

    Returns:
        HTML for the inside of a ``pre-wrap`` block.
    """
    links = links or {}
    events: dict[int, list[str]] = {}
    for pos, anchor in anchors:
        events.setdefault(pos, []).append(f'<span class="anchor" id="{_e(anchor)}"></span>')
    opens: dict[int, tuple[int, str]] = {}
    for start, end, label in sorted(entities):
        opens[start] = (end, label)
    cuts = sorted(set(events) | set(opens) | {e for e, _ in opens.values()} | {0, len(text)})
    out: list[str] = []
    closing: dict[int, str] = {}
    for a, b in zip(cuts, cuts[1:] + [len(text)]):
        if a in closing:
            out.append(closing.pop(a))
        out.extend(events.get(a, ()))
        if a in opens:
            end, label = opens[a]
            href = links.get((a, end))
            out.append(_mark_open(label, href))
            closing[end] = _mark_close(label, href)
        if b > a:
            out.append(_e(text[a:b]))
    out.extend(closing.values())
    return "".join(out)


def _deadline(d: Deadline | None) -> str:
    if d is None:
        return ""
    shown = d.date or d.text
    extra = " (inherited)" if d.inherited else ""
    return f'{_e(shown)}<span class="muted">{_e(extra)}</span>'


def _fields(document: Document) -> str:
    h = document.header
    rows = [
        ("System", h.system),
        ("Type", h.type and h.type.value),
        ("Number", h.number and h.number.value),
        ("Issuer", h.issuer and h.issuer.value),
        ("Parent", h.parent and h.parent.value),
        ("Place", h.place and h.place.value),
        ("Date", h.date and h.date.value),
        ("Title", h.title and h.title.value),
        ("Urgency", h.urgency and h.urgency.value),
        ("Secrecy", h.confidentiality and h.confidentiality.value),
    ]
    s = document.signer
    if s is not None and (s.name or s.position):
        auth = f"{s.authority}. {s.on_behalf_of or ''}".strip() if s.authority else None
        rows.append(("Signer", " / ".join(x for x in (auth, s.position, s.name) if x)))
    if document.recipients:
        rows.append(("Recipients", "; ".join(r.text for r in document.recipients)))
    body = "".join(
        f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows if v
    )
    return f'<table class="fields">{body}</table>' if body else '<p class="muted">No header fields found.</p>'


def _references(document: Document, hrefs: list[str | None]) -> str:
    if not document.references:
        return '<p class="muted">No references found.</p>'
    rows = []
    for i, (ref, href) in enumerate(zip(document.references, hrefs), 1):
        number = _e(ref.number or "")
        if href:
            number = f'<a class="catalog" href="{_e(href)}">{number or "catalog"}</a>'
        where = ""
        if ref.mentions:
            where = f'<a href="#ref-{i}-1">{len(ref.mentions)}×</a>'
        rows.append(
            "<tr>"
            f"<td>{i}</td><td>{_e(ref.relation)}</td><td>{_e(ref.type or '')}</td>"
            f'<td class="nw">{number}</td><td class="nw">{_e(ref.date or "")}</td>'
            f"<td>{_e(ref.issuer or '')}</td>"
            f"<td>{_e(ref.title or '')}</td><td>{where}</td>"
            "</tr>"
        )
    head = (
        "<tr><th>#</th><th>Relation</th><th>Type</th><th>Number</th><th>Date</th>"
        "<th>Issuer</th><th>Title</th><th>In text</th></tr>"
    )
    return f'<table class="references">{head}{"".join(rows)}</table>'


def _tasks(tasks: Sequence[Task]) -> str:
    if not tasks:
        return '<p class="muted">No tasks found.</p>'
    rows = []
    for i, t in enumerate(tasks, 1):
        units = "; ".join(f"{u.name} ({u.role})" for u in t.units)
        anchor = f'<a href="#task-{i}">{i}</a>' if t.span is not None else str(i)
        rows.append(
            "<tr>"
            f"<td>{anchor}</td><td>{_e(' › '.join(t.section_path))}</td>"
            f"<td>{_e(t.assignee)}</td><td>{_e(t.role)}</td><td>{_e(units)}</td>"
            f'<td>{_e(t.action)}</td><td class="nw">{_deadline(t.deadline)}</td>'
            "</tr>"
        )
    head = (
        "<tr><th>#</th><th>Section</th><th>Assignee</th><th>Role</th><th>Units</th>"
        "<th>Action</th><th>Deadline</th></tr>"
    )
    return f'<table class="tasks">{head}{"".join(rows)}</table>'


def _legend(labels: Iterable[str]) -> str:
    marks = "".join(
        f'<mark class="entity" style="background:{COLORS.get(lb, "#ddd")}">{_e(lb)}</mark>'
        for lb in sorted(set(labels))
    )
    return f'<div class="legend">{marks}</div>' if marks else ""


def render_html(document: Document, *, link_for: Linker | None = None) -> str:
    """One standalone HTML page for a parsed document.

    Args:
        document: The parsed document.
        link_for: Gives the URL of a reference's catalog entry (see
            :func:`catalog_linker`); references stay plain text without it.

    Returns:
        The page, UTF-8 text with inline CSS and no script.
    """
    hrefs: list[str | None] = []
    for ref in document.references:
        href = None
        if link_for is not None:
            try:
                href = link_for(ref)
            except VndocsError:
                href = None
        hrefs.append(href)
    entities = _entities(document)
    anchors: list[tuple[int, str]] = []
    for s, anchor, _depth in _section_ids(document.sections):
        anchors.append((s.span.start, anchor))
    links: dict[tuple[int, int], str] = {}
    for i, (ref, href) in enumerate(zip(document.references, hrefs), 1):
        for j, m in enumerate(ref.mentions, 1):
            anchors.append((m.span.start, f"ref-{i}-{j}"))
            if href:
                links[(m.span.start, m.span.end)] = href
    for i, t in enumerate(document.tasks, 1):
        if t.span is not None:
            anchors.append((t.span.start, f"task-{i}"))
    n = len(document.text)
    anchors = [(min(max(p, 0), n), a) for p, a in anchors]

    name = os.path.basename(document.source) if document.source else "text"
    h = document.header
    heading = " ".join(
        x for x in (h.type and h.type.value, h.number and h.number.value) if x
    ) or name
    title_line = h.title.value if h.title else ""
    text_html = highlighted_text(document.text, entities, anchors, links)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>vndocs — {_e(name)}</title><style>{_CSS}</style></head><body>"
        f'<header class="top"><h1>{_e(heading)}</h1>'
        f'<div class="title">{_e(title_line)}</div>'
        f'<div class="src">{_e(document.source or "")} · {_e(document.format)}</div></header>'
        '<div class="layout">'
        f'<nav class="toc"><h2>Outline</h2>{_toc(document.sections, document.text)}</nav>'
        "<main>"
        f'<section class="box" id="header"><h2>Header</h2>{_fields(document)}</section>'
        f'<section class="box" id="text"><h2>Text</h2>{_legend(lb for _, _, lb in entities)}'
        f'<div class="doc-text">{text_html}</div></section>'
        f'<section class="box" id="references"><h2>References ({len(document.references)})</h2>'
        f"{_references(document, hrefs)}</section>"
        f'<section class="box" id="tasks"><h2>Tasks ({len(document.tasks)})</h2>'
        f"{_tasks(document.tasks)}</section>"
        "</main></div></body></html>\n"
    )


def catalog_linker(catalog: Any) -> Linker:
    """A linker from references to the documents of an open catalog.

    Each reference is looked up with ``catalog.find(Query(...))`` (number, or
    type and title, narrowed by year and issuer: see :mod:`vndocs.catalog`).
    It links to the catalog document's file only when exactly one real
    document (not a placeholder) matches: an ambiguous reference stays
    unlinked, nothing is guessed.

    Args:
        catalog: An open :class:`vndocs.catalog.Catalog`.

    Returns:
        The linker.
    """
    from vndocs.catalog import Query

    def link(ref: Reference) -> str | None:
        query = Query(
            type=ref.type,
            number=ref.number,
            year=ref.year,
            issuer=ref.issuer,
            title=ref.title,
            date=ref.date,
        )
        real = [d for d in catalog.find(query) if not d.placeholder and d.source]
        if len(real) != 1:
            return None
        return Path(real[0].source).resolve().as_uri()

    return link


def _render_with_catalog(document: Document, index: str | os.PathLike[str]) -> str:
    """The page with references linked through the catalog of ``index``, when there is one."""
    try:
        from vndocs.catalog import Catalog
    except ImportError:  # the catalog is an optional part of an install
        return render_html(document)
    try:
        catalog = Catalog(index, readonly=True)
    except VndocsError:  # no catalog in that folder: references stay plain text
        return render_html(document)
    try:
        return render_html(document, link_for=catalog_linker(catalog))
    finally:
        catalog.close()


def write_html(
    document: Document,
    out: str | os.PathLike[str],
    *,
    index: str | os.PathLike[str] | None = None,
) -> Path:
    """Write the page of :func:`render_html` to ``out``.

    Args:
        document: The parsed document.
        out: Path of the HTML file to write.
        index: Catalog index folder; references link to their catalog documents
            when given and a catalog is there (plain text otherwise).

    Returns:
        The absolute path written.

    Raises:
        ViewError: the file cannot be written.
    """
    page = _render_with_catalog(document, index) if index is not None else render_html(document)
    path = Path(out)
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as e:
        raise ViewError(f"{out}: cannot write ({e.strerror or e})") from None
    return path.resolve()
