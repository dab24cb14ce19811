"""Rebuild a :class:`vndocs.models.Document` from the JSON the catalog stores.

The catalog keeps ``Document.to_dict()`` and ``Document.text``; the document
page needs the typed objects again (for the entity spans of
:mod:`vndocs.spacy_component` and the tasks export). Unknown keys are ignored
and missing ones become ``None``, so a catalog written by an older or newer
vndocs still shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from vndocs.models import (
    Deadline,
    Document,
    Field,
    Header,
    Mention,
    Recipient,
    Reference,
    ReportDuty,
    Section,
    Signer,
    Span,
    Task,
    Unit,
)


def _span(value: Any, limit: int) -> Span | None:
    """A span from ``[start, end]``, or None when absent or outside the text."""
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 2:
        return None
    try:
        start, end = int(value[0]), int(value[1])
    except (TypeError, ValueError):
        return None
    if not 0 <= start <= end <= limit:
        return None
    return Span(start, end)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else []


def _deadline(value: Any, n: int) -> Deadline | None:
    d = _map(value)
    if not d:
        return None
    return Deadline(
        date=_str(d.get("date")),
        text=_str(d.get("text")) or "",
        kind=_str(d.get("kind")) or "exact",
        period=_str(d.get("period")),
        inherited=bool(d.get("inherited")),
        span=_span(d.get("span"), n),
    )


def _unit(value: Any, n: int) -> Unit | None:
    u = _map(value)
    name = _str(u.get("name"))
    if name is None:
        return None
    return Unit(
        name=name,
        role=_str(u.get("role")) or "mentioned",
        canonical=_str(u.get("canonical")),
        span=_span(u.get("span"), n),
    )


def _section(value: Any, n: int) -> Section | None:
    s = _map(value)
    span = _span(s.get("span"), n)
    if span is None:
        return None
    children = tuple(c for c in (_section(x, n) for x in _list(s.get("children"))) if c is not None)
    return Section(
        label=_str(s.get("label")) or "",
        kind=_str(s.get("kind")) or "arabic",
        heading=_str(s.get("heading")),
        span=span,
        heading_span=_span(s.get("heading_span"), n),
        children=children,
    )


def _reference(value: Any, n: int) -> Reference:
    r = _map(value)
    mentions = []
    for m in _list(r.get("mentions")):
        m = _map(m)
        span = _span(m.get("span"), n)
        if span is not None:
            mentions.append(Mention(span=span, cue=_str(m.get("cue"))))
    year = r.get("year")
    return Reference(
        type=_str(r.get("type")),
        number=_str(r.get("number")),
        date=_str(r.get("date")),
        issuer=_str(r.get("issuer")),
        title=_str(r.get("title")),
        relation=_str(r.get("relation")) or "cites",
        mentions=tuple(mentions),
        term=_str(r.get("term")),
        year=year if isinstance(year, int) else None,
        key=_str(r.get("key")),
        system=_str(r.get("system")),
    )


def _task(value: Any, n: int) -> Task:
    t = _map(value)
    report = _map(t.get("report"))
    duty = None
    if report:
        duty = ReportDuty(
            to=_str(report.get("to")),
            deadline=_deadline(report.get("deadline"), n),
            recurring=bool(report.get("recurring")),
            text=_str(report.get("text")) or "",
            span=_span(report.get("span"), n),
        )
    deadline = _deadline(t.get("deadline"), n)
    if deadline is None and t.get("inherited_deadline"):
        inherited = _deadline(t.get("inherited_deadline"), n)
        if inherited is not None:
            deadline = Deadline(
                date=inherited.date, text=inherited.text, kind=inherited.kind,
                period=inherited.period, inherited=True, span=None,
            )
    return Task(
        assignee=_str(t.get("assignee")) or "",
        units=tuple(u for u in (_unit(x, n) for x in _list(t.get("units"))) if u is not None),
        role=_str(t.get("role")) or "execute",
        action=_str(t.get("action")) or "",
        deadline=deadline,
        section_path=tuple(str(x) for x in _list(t.get("section_path"))),
        span=_span(t.get("span"), n),
        report=duty,
    )


def document_from_dict(data: Mapping[str, Any], text: str) -> Document:
    """The typed document for a stored ``Document.to_dict()`` and its text.

    Args:
        data: The parsed JSON as the catalog keeps it.
        text: The normalized text the spans point into.

    Returns:
        A :class:`Document` without ``normalized`` (spans map to ``text`` only).
    """
    n = len(text)
    spans = _map(data.get("spans"))

    def field(name: str, span_name: str | None = None) -> Field | None:
        value = _str(data.get(name))
        if value is None:
            return None
        return Field(value=value, span=_span(spans.get(span_name or name), n))

    header = Header(
        system=_str(data.get("system")),
        type=field("type"),
        number=field("number"),
        issuer=field("issuer"),
        parent=field("parent"),
        place=field("place"),
        date=field("date"),
        title=field("title"),
        urgency=field("urgency"),
        confidentiality=field("confidentiality"),
    )
    s = _map(data.get("signer"))
    signer = None
    if s:
        signer = Signer(
            name=_str(s.get("name")),
            position=_str(s.get("position")),
            authority=_str(s.get("authority")),
            on_behalf_of=_str(s.get("on_behalf_of")),
            span=_span(s.get("span"), n),
        )
    recipients = []
    for r in _list(data.get("recipient_items")):
        r = _map(r)
        if _str(r.get("text")):
            recipients.append(
                Recipient(text=r["text"], kind=_str(r.get("kind")) or "noi_nhan", span=_span(r.get("span"), n))
            )
    if not recipients:
        recipients = [Recipient(text=t, kind="noi_nhan") for t in _list(data.get("recipients")) if _str(t)]
    abbreviations = {
        str(k): str(v) for k, v in _map(data.get("abbreviations")).items() if isinstance(v, str)
    }
    pages = data.get("pages")
    return Document(
        source=_str(data.get("source")),
        text=text,
        header=header,
        sections=[x for x in (_section(v, n) for v in _list(data.get("sections"))) if x is not None],
        preamble=[x for x in (_span(v, n) for v in _list(data.get("preamble"))) if x is not None],
        enacting=_span(data.get("enacting"), n),
        signer=signer,
        recipients=recipients,
        references=[_reference(r, n) for r in _list(data.get("references"))],
        tasks=[_task(t, n) for t in _list(data.get("tasks"))],
        units=[u for u in (_unit(x, n) for x in _list(data.get("units"))) if u is not None],
        abbreviations=abbreviations,
        plan_deadline=_deadline(data.get("plan_deadline"), n),
        format=_str(data.get("format")) or "text",
        encoding=_str(data.get("encoding")),
        pages=pages if isinstance(pages, int) else None,
        warnings=[str(w) for w in _list(data.get("warnings"))],
    )
