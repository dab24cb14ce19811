"""Document -> JSON-ready dicts (the contract of ``shared/eval/README.md`` plus extras)."""

from __future__ import annotations

from vndocs.models import (
    Deadline,
    Document,
    Field,
    Reference,
    ReportDuty,
    Section,
    Span,
    Task,
    Unit,
)


def _val(f: Field | None) -> str | None:
    return f.value if f is not None else None


def _span(s: Span | None) -> list[int] | None:
    return s.to_list() if s is not None else None


def section_to_dict(s: Section) -> dict[str, object]:
    """One outline node."""
    return {
        "label": s.label,
        "heading": s.heading,
        "kind": s.kind,
        "span": s.span.to_list(),
        "children": [section_to_dict(c) for c in s.children],
    }


def deadline_to_dict(d: Deadline | None) -> dict[str, object] | None:
    """A deadline."""
    if d is None:
        return None
    return {
        "date": d.date,
        "text": d.text,
        "kind": d.kind,
        "period": d.period,
        "inherited": d.inherited,
        "span": _span(d.span),
    }


def unit_to_dict(u: Unit) -> dict[str, object]:
    """A unit."""
    return {"name": u.name, "role": u.role, "canonical": u.canonical, "span": _span(u.span)}


def report_to_dict(r: ReportDuty | None) -> dict[str, object] | None:
    """A report-back duty."""
    if r is None:
        return None
    return {
        "to": r.to,
        "deadline": deadline_to_dict(r.deadline),
        "recurring": r.recurring,
        "text": r.text,
        "span": _span(r.span),
    }


def task_to_dict(t: Task) -> dict[str, object]:
    """A task."""
    return {
        "assignee": t.assignee,
        "units": [unit_to_dict(u) for u in t.units],
        "role": t.role,
        "action": t.action,
        # an inherited plan deadline is not the task's own: the contract's
        # "deadline" stays null and the inherited one has its own key
        "deadline": None if t.deadline is not None and t.deadline.inherited else deadline_to_dict(t.deadline),
        "inherited_deadline": deadline_to_dict(t.deadline) if t.deadline is not None and t.deadline.inherited else None,
        "report": report_to_dict(t.report),
        "section_path": list(t.section_path),
        "span": _span(t.span),
    }


def reference_to_dict(r: Reference) -> dict[str, object]:
    """A reference."""
    return {
        "type": r.type,
        "number": r.number,
        "date": r.date,
        "issuer": r.issuer,
        "title": r.title,
        "relation": r.relation,
        "term": r.term,
        "year": r.year,
        "key": r.key,
        "system": r.system,
        "mentions": [{"span": m.span.to_list(), "cue": m.cue} for m in r.mentions],
    }


def document_to_dict(doc: Document) -> dict[str, object]:
    """The whole document."""
    h = doc.header
    signer = doc.signer
    return {
        "source": doc.source,
        "type": _val(h.type),
        "number": _val(h.number),
        "issuer": _val(h.issuer),
        "date": _val(h.date),
        "title": _val(h.title),
        "system": h.system,
        "parent": _val(h.parent),
        "place": _val(h.place),
        "urgency": _val(h.urgency),
        "confidentiality": _val(h.confidentiality),
        "signer": {
            "name": signer.name if signer else None,
            "position": signer.position if signer else None,
            "authority": signer.authority if signer else None,
            "on_behalf_of": signer.on_behalf_of if signer else None,
            "span": _span(signer.span) if signer else None,
        },
        "sections": [section_to_dict(s) for s in doc.sections],
        "preamble": [s.to_list() for s in doc.preamble],
        "enacting": _span(doc.enacting),
        "references": [reference_to_dict(r) for r in doc.references],
        "tasks": [task_to_dict(t) for t in doc.tasks],
        "units": [unit_to_dict(u) for u in doc.units],
        "abbreviations": dict(doc.abbreviations),
        "plan_deadline": deadline_to_dict(doc.plan_deadline),
        "recipients": [r.text for r in doc.recipients if r.kind == "noi_nhan"],
        "addressees": [r.text for r in doc.recipients if r.kind == "kinh_gui"],
        "recipient_items": [
            {"text": r.text, "kind": r.kind, "span": _span(r.span)} for r in doc.recipients
        ],
        "spans": {
            name: _span(f.span)
            for name, f in (
                ("type", h.type),
                ("number", h.number),
                ("issuer", h.issuer),
                ("date", h.date),
                ("title", h.title),
                ("place", h.place),
            )
            if f is not None
        },
        "format": doc.format,
        "encoding": doc.encoding,
        "pages": doc.pages,
        "warnings": list(doc.warnings),
    }
