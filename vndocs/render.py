"""Terminal rendering of parsed documents. Document text is always made safe."""

from __future__ import annotations

import re

from vndocs.models import Document, Section

# C0/C1 controls and ESC sequences: document text must not drive the terminal
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe_terminal(text: str) -> str:
    """Text with control characters (ESC included) shown as ``\\xNN``, never interpreted."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _short(text: str, n: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _section_lines(s: Section, depth: int, out: list[str], text: str = "", max_depth: int = 3) -> None:
    if s.heading:
        head = s.heading
    else:
        # no heading of its own: the start of its text, in brackets
        body = text[s.span.start : s.span.end].split("\n", 1)[0]
        body = body[len(s.label) :].lstrip(".-–) ") if body.startswith(s.label) else body
        head = f"[{_short(body, 70)}]" if body.strip() else ""
    label = s.label if s.kind in ("part", "chapter", "section", "article") else f"{s.label}."
    out.append("  " * depth + f"{label} {_short(head, 90)}".rstrip())
    if depth + 1 < max_depth:
        for c in s.children:
            if c.kind in ("dash", "plus"):
                continue
            _section_lines(c, depth + 1, out, text, max_depth)


def document_tree(doc: Document) -> str:
    """A readable tree: header, outline, signature, recipients, references, tasks."""
    h = doc.header
    out: list[str] = [f"== {doc.source or '<text>'} ({doc.format})"]

    def field(name: str, value: str | None) -> None:
        if value:
            out.append(f"{name:<14}{_short(value, 110)}")

    field("system", h.system)
    field("type", h.type.value if h.type else None)
    field("number", h.number.value if h.number else None)
    field("issuer", h.issuer.value if h.issuer else None)
    field("parent", h.parent.value if h.parent else None)
    field("place", h.place.value if h.place else None)
    field("date", h.date.value if h.date else None)
    field("title", h.title.value if h.title else None)
    field("urgency", h.urgency.value if h.urgency else None)
    field("secrecy", h.confidentiality.value if h.confidentiality else None)
    if doc.preamble:
        out.append(f"{'preamble':<14}{len(doc.preamble)} line(s)")
    if doc.sections:
        out.append("outline")
        lines: list[str] = []
        for s in doc.sections:
            _section_lines(s, 1, lines, doc.text)
        out.extend(lines)
    if doc.signer and (doc.signer.name or doc.signer.position):
        sig = " / ".join(
            x for x in (doc.signer.authority and f"{doc.signer.authority}. {doc.signer.on_behalf_of or ''}".strip(),
                        doc.signer.position, doc.signer.name) if x
        )
        field("signer", sig)
    if doc.recipients:
        out.append(f"recipients    {len(doc.recipients)}")
        for r in doc.recipients:
            out.append(f"  - {_short(r.text, 100)}")
    if doc.references:
        out.append(f"references    {len(doc.references)}")
        for ref in doc.references:
            parts = [ref.type or "?", ref.number or (ref.title or "")]
            if ref.date:
                parts.append(ref.date)
            out.append(f"  [{ref.relation}] " + _short(" ".join(p for p in parts if p), 100))
    if doc.tasks:
        out.append(f"tasks         {len(doc.tasks)}")
        for t in doc.tasks:
            d = t.deadline
            dl = ""
            if d is not None:
                dl = f" (by {d.date or d.text}{', inherited' if d.inherited else ''})"
            out.append(f"  - {_short(t.assignee, 80)}{dl}")
    for w in doc.warnings:
        out.append(f"warning       {w}")
    return safe_terminal("\n".join(out))


def tasks_table(doc: Document) -> str:
    """The tasks as a plain-text table: number, section, assignee, role, deadline, action."""
    if not doc.tasks:
        return ""
    rows = [("#", "section", "assignee", "role", "deadline", "action")]
    for i, t in enumerate(doc.tasks, 1):
        d = t.deadline
        dl = "" if d is None else (d.date or _short(d.text, 24)) + (" (inherited)" if d.inherited else "")
        rows.append(
            (str(i), ".".join(t.section_path), _short(t.assignee, 40), t.role, dl, _short(t.action, 60))
        )
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]) - 1)]
    lines = ["  ".join(r[c].ljust(widths[c]) for c in range(len(widths))) + "  " + r[-1] for r in rows]
    return safe_terminal("\n".join(line.rstrip() for line in lines))


def document_show(doc: Document) -> str:
    """What ``vndocs show`` prints: :func:`document_tree`, then the tasks table."""
    parts = [document_tree(doc)]
    table = tasks_table(doc)
    if table:
        parts.append("tasks table\n" + table)
    return "\n".join(parts)
