"""Tasks out of vndocs: a terminal table, CSV for Excel, JSON, and an iCalendar file.

``render_tasks(docs, fmt, unit=...)`` is what ``vndocs tasks`` prints;
``render_units(doc)`` is what ``vndocs units`` prints. Document text shown in a
terminal goes through :func:`vndocs.render.safe_terminal`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
from dataclasses import dataclass

from vndocs.errors import VndocsError
from vndocs.models import Document, Task, Unit
from vndocs.normalize import fold

FORMATS = ("table", "csv", "json", "ics")


class ExportError(VndocsError):
    """Tasks cannot be exported in the requested way."""


@dataclass(frozen=True, slots=True)
class TaskRow:
    """One task of one document, numbered within its document."""

    source: str
    """The document's path (or ``<text>``)."""
    number: int
    """1-based position of the task in its document."""
    task: Task
    """The task."""
    abbreviations: tuple[tuple[str, str], ...] = ()
    """Abbreviations the document defines (for ``--unit`` matching)."""


def _unit_matches(query: str, task: Task, learned: dict[str, str]) -> bool:
    """Whether ``query`` names one of the task's units, ignoring case, diacritics and abbreviations."""
    from vndocs.extract.abbreviations import expand, expand_query

    q = " ".join(fold(expand_query(query, learned)).split())
    if not q:
        return True
    names = [task.assignee] + [n for u in task.units for n in (u.name, u.canonical or "")]
    return any(q in " ".join(fold(expand(n, learned)).split()) for n in names if n)


def collect_tasks(docs: list[Document], unit: str | None = None) -> list[TaskRow]:
    """The tasks of several documents in order, optionally only those naming ``unit``."""
    rows: list[TaskRow] = []
    for doc in docs:
        learned = dict(doc.abbreviations)
        for i, t in enumerate(doc.tasks, 1):
            if unit and not _unit_matches(unit, t, learned):
                continue
            rows.append(TaskRow(doc.source or "<text>", i, t, tuple(learned.items())))
    return rows


def _units_text(units: tuple[Unit, ...]) -> str:
    return "; ".join(f"{u.name} ({u.role})" for u in units)


def _deadline_text(t: Task) -> str:
    d = t.deadline
    if d is None:
        return ""
    shown = d.date or d.text
    return f"{shown} (inherited)" if d.inherited else shown


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def tasks_table(rows: list[TaskRow]) -> str:
    """A table readable in a terminal: #, section, units with role, action (shortened), deadline."""
    from vndocs.render import safe_terminal

    if not rows:
        return "No tasks.\n"
    out: list[str] = []
    current = None
    header = f"{'#':>3}  {'section':<10}  {'assignee / units (role)':<46}  {'action':<48}  deadline"
    for r in rows:
        if r.source != current:
            if current is not None:
                out.append("")
            out.append(f"== {r.source}")
            out.append(header)
            out.append("-" * len(header))
            current = r.source
        t = r.task
        section = ".".join(p.replace("Điều ", "Đ").replace("Phụ lục", "PL") for p in t.section_path) or "-"
        units = _units_text(t.units) or t.assignee
        out.append(
            f"{r.number:>3}  {_short(section, 10):<10}  {_short(units, 46):<46}  "
            f"{_short(t.action, 48):<48}  {_deadline_text(t)}"
        )
    return safe_terminal("\n".join(out)) + "\n"


_CSV_COLUMNS = [
    "source", "number", "section", "assignee", "units", "role", "action",
    "deadline_date", "deadline_text", "deadline_kind", "inherited", "report_to",
]


def tasks_csv(rows: list[TaskRow]) -> str:
    """CSV (UTF-8 with BOM, so Excel keeps Vietnamese) with one task per row."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(_CSV_COLUMNS)
    for r in rows:
        t = r.task
        d = t.deadline
        w.writerow([
            r.source, r.number, ".".join(t.section_path), t.assignee, _units_text(t.units), t.role,
            t.action, d.date if d else "", d.text if d else "", d.kind if d else "",
            "yes" if d is not None and d.inherited else "", t.report.to if t.report and t.report.to else "",
        ])
    return "\ufeff" + buf.getvalue()


def tasks_json(rows: list[TaskRow]) -> str:
    """A JSON array of tasks, each with its source and number (the ``parse --json`` task shape)."""
    from vndocs.serialize import task_to_dict

    items = []
    for r in rows:
        d = task_to_dict(r.task)
        items.append({"source": r.source, "number": r.number, **d})
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"


def _uid(r: TaskRow, date: str) -> str:
    basis = "|".join([os.path.basename(r.source), ".".join(r.task.section_path), r.task.assignee, date])
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:20] + "@vndocs"


def tasks_ics(rows: list[TaskRow]) -> bytes:
    """An iCalendar file: one all-day event per dated deadline; inherited ones are marked."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//vndocs//tasks//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for r in rows:
        d = r.task.deadline
        if d is None or not d.date:
            continue
        day = dt.date.fromisoformat(d.date)
        ev = Event()
        mark = " [hạn chung của kế hoạch]" if d.inherited else ""
        ev.add("uid", _uid(r, d.date))
        ev.add("dtstamp", dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc))
        ev.add("dtstart", day)
        ev.add("dtend", day + dt.timedelta(days=1))
        ev.add("summary", _short(f"{r.task.assignee}: {r.task.action}", 120) + mark)
        lines = [
            f"Đơn vị: {_units_text(r.task.units) or r.task.assignee}",
            f"Nhiệm vụ: {r.task.action}",
            f"Thời hạn: {d.text}" + (" (kế thừa từ thời gian của kế hoạch)" if d.inherited else ""),
            f"Văn bản: {os.path.basename(r.source)} {'.'.join(r.task.section_path)}".rstrip(),
        ]
        ev.add("description", "\n".join(lines))
        ev.add("categories", ["inherited" if d.inherited else "deadline"])
        cal.add_component(ev)
    return cal.to_ical()


def render_tasks(docs: list[Document], fmt: str = "table", unit: str | None = None) -> str | bytes:
    """The tasks of ``docs`` in one of :data:`FORMATS` (``ics`` gives bytes).

    Raises:
        ExportError: unknown format.
    """
    rows = collect_tasks(docs, unit=unit)
    if fmt == "table":
        return tasks_table(rows)
    if fmt == "csv":
        return tasks_csv(rows)
    if fmt == "json":
        return tasks_json(rows)
    if fmt == "ics":
        return tasks_ics(rows)
    raise ExportError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")


def render_units(doc: Document) -> str:
    """The units a document names, with their roles (lead before support), for a terminal."""
    from vndocs.render import safe_terminal

    out = [f"== {doc.source or '<text>'}"]
    if not doc.units:
        out.append("No units.")
    for u in sorted(doc.units, key=lambda u: (u.role != "lead", u.span.start if u.span else 0)):
        canon = f"  [{u.canonical}]" if u.canonical and u.canonical != u.name else ""
        out.append(f"  {u.role:<8} {u.name}{canon}")
    if doc.abbreviations:
        out.append("abbreviations")
        for k, v in doc.abbreviations.items():
            out.append(f"  {k} = {_short(v, 80)}")
    return safe_terminal("\n".join(out)) + "\n"
