"""Tasks from the tables a reader kept: annex task tables (``PHỤ LỤC`` with ``Nhiệm vụ``, ``Cơ quan
chủ trì``, ``Cơ quan phối hợp``, ``Thời gian`` columns), one task per row that names a lead unit.

Part of :mod:`vndocs.extract.tasks` (which calls :func:`_table_tasks` with its extractor); the
columns are found by their header cells, the row's place in the text by its label and first cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from vndocs.extract.deadlines import parse_deadline
from vndocs.extract.units import read_units
from vndocs.models import Deadline, Span, Table, Task, Unit
from vndocs.normalize import key
from vndocs.readers.tables import is_row_label

if TYPE_CHECKING:
    from vndocs.extract.tasks import _Extractor

# header cells of a task table, folded by key(): the lead column and the others
_LEAD_HEAD_RE = re.compile(r"^(?:(?:cơ quan|đơn vị|bộ, ngành|sở, ngành)\s+)?chủ trì(?:\s+thực hiện)?$")
_SUPPORT_HEAD_RE = re.compile(r"^(?:(?:cơ quan|đơn vị)\s+)?phối hợp")
_TIME_HEAD_RE = re.compile(r"^(?:thời gian|thời hạn|tiến độ|hoàn thành)")
_TASK_HEAD_RE = re.compile(r"^(?:tên\s+)?(?:nhiệm vụ|nội dung|giải pháp|công việc|hoạt động|đề án|nhóm nhiệm vụ)")
_LABEL_HEAD_RE = re.compile(r"^(?:s?tt|số tt|số thứ tự)$")
_BARE_YEARS_RE = re.compile(r"^\d{4}(?:\s*[-–]\s*\d{4})?\.?$")
_WORD_RE = re.compile(r"\w+")


@dataclass(slots=True)
class _Columns:
    lead: int
    task: int | None
    support: int | None
    time: int | None
    label: int | None
    width: int


def _task_columns(header: tuple[str, ...]) -> _Columns | None:
    """The columns of a task table from its header row, or None when no column is the
    lead unit's (``Cơ quan chủ trì``, ``CHỦ TRÌ``, ``Đơn vị chủ trì thực hiện``)."""
    heads = [key(" ".join(c.split())).strip(" .:*") for c in header]

    def col(pattern: re.Pattern[str]) -> int | None:
        return next((i for i, h in enumerate(heads) if len(h) <= 60 and pattern.match(h)), None)

    lead = col(_LEAD_HEAD_RE)
    if lead is None:
        return None
    task = col(_TASK_HEAD_RE)
    label = col(_LABEL_HEAD_RE)
    if task is None and lead >= 2:
        task = 1 if label == 0 else 0
    return _Columns(lead, task, col(_SUPPORT_HEAD_RE), col(_TIME_HEAD_RE), label, len(heads))


def _row_cells(row: tuple[str, ...], cols: _Columns, grid: bool,
               above: list[str] | None) -> tuple[list[str], bool]:
    """A row's cells on the header's columns, and whether the row itself has a cell in the
    lead column. A web-markdown row under merged cells is short: its cells start at the
    label column when the first is a row label, else after it, and the columns it lacks
    are the merged cells of the row above (a group heading ``II | Xây dựng hạ tầng``
    stops before the lead column)."""
    if grid or len(row) == cols.width:
        cells = list(row[: cols.width]) + [""] * (cols.width - len(row))
        return cells, True
    cells = list(row)
    while len(cells) > cols.width and not cells[0]:
        cells.pop(0)  # empty cells carried over from the row above's end
    first = 0 if (cols.label is None or (cells and is_row_label(cells[0]))) else (cols.label + 1)
    out = list(above) if above is not None else [""] * cols.width
    for i, c in enumerate(cells[: cols.width - first]):
        out[first + i] = c
    if above is None:
        for i in range(first + len(cells), cols.width):
            out[i] = ""
    return out, first + len(cells) > cols.lead


def _find_loose(text: str, cell: str, pos: int, limit: int) -> tuple[int, int] | None:
    """Where a cell's text is written in the document text at or after ``pos``: its first
    words, any punctuation and line breaks between them (the text was re-wrapped)."""
    words = _WORD_RE.findall(cell)[:8]
    if not words:
        return None
    m = None
    # fewer words when the cell's lines are not together in the text (a PDF table's
    # columns are read line by line across the row)
    for n in sorted({len(words), min(4, len(words)), min(3, len(words))}, reverse=True):
        m = re.compile(r"\W+".join(map(re.escape, words[:n]))).search(text, pos, limit)
        if m is not None:
            break
    if m is None:
        return None
    end = m.end()
    rest = _WORD_RE.findall(cell)[8:]
    if rest:
        # the cell's last words, not farther than the cell is long (they may recur in the next row)
        tail = re.compile(r"\W+".join(map(re.escape, rest[-3:]))).search(text, end, min(limit, m.start() + len(cell) + 40))
        if tail:
            end = tail.end()
    return m.start(), end


def _find_row(text: str, label: str, cell: str, pos: int, limit: int) -> tuple[int, int] | None:
    """Where a table row's task cell is written: after its label at a line start when the
    row has one (``1.4 Nghiên cứu ...``, a PDF line across the row), else by its words."""
    words = _WORD_RE.findall(cell)[:2]
    if label and words:
        first_words = r"\W+".join(map(re.escape, words))
        m = re.compile(r"(?m)^[ \t]*" + re.escape(label.rstrip(".")) + r"\.?\s+(?=" + first_words + ")").search(text, pos, limit)
        if m:
            found = _find_loose(text, cell, m.end(), limit)
            if found and found[0] == m.end():
                return found
    return _find_loose(text, cell, pos, limit)


def _cell_units(ex: _Extractor, cell: str, at: tuple[int, int] | None, role: str) -> list[Unit]:
    """The units a table cell names: read where the cell is written in the text (with
    spans), else from the cell's own text (without)."""
    if at is not None:
        ul = ex.reader.read(*at)
        source, offset, end = ex.text, 0, at[1]
    else:
        ul = read_units(cell, 0, ex.learned)
        source, offset, end = cell, None, len(cell)
    if not ul or not ul.units:
        return []
    units = [replace(u, role=role, span=u.span if offset is not None else None) for u in ul.units]
    # the cell's end ends its last unit: words the reader left ("Trung tâm Chuyển đổi | số Thành
    # phố") belong to the name when no separator comes before the end
    rest = source[ul.end : end]
    if rest.strip() and len(rest.split()) <= 6 and not re.search(r"[,;(]|\bvà\b", rest):
        last = units[-1]
        name = " ".join((last.name + rest).split()).rstrip(".")
        span = Span(last.span.start, end) if last.span is not None and offset is not None else None
        units[-1] = replace(last, name=name, canonical=name if last.canonical == last.name else last.canonical, span=span)
    return units


def _cell_deadline(cell: str, doc_date: str | None) -> Deadline | None:
    """The deadline of a time cell: ``Quý IV/2026``, ``Năm 2025 - 2026``, a bare year
    (``2026``), or open wording (``Thường xuyên``: no date, the text kept)."""
    deadline = parse_deadline(cell, doc_date=doc_date) if cell else None
    if deadline is None and _BARE_YEARS_RE.match(cell):
        deadline = parse_deadline("Năm " + cell, doc_date=doc_date)
    return replace(deadline, text=" ".join(cell.split()), span=None) if deadline else None


def _table_tasks(ex: _Extractor, tables: list[Table]) -> list[tuple[int, Task]]:
    """One task per row of a table with a lead-unit column (annexes that list tasks as
    ``TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian``): the assignee is the
    lead cell, the support units the phối hợp cell, the deadline the time cell. Rows that
    name no lead (group headings ``I``, ``II``, or a heading merged over the whole row)
    give none; their label heads the path of the rows under them (``Phụ lục``, ``II``, ``1``).

    Returns ``(position, task)`` pairs. A row is looked for in the text for its spans
    (after its label at a line start, else by the first words of its task cell), the first
    row of a table after the body, then anywhere; the next rows near the one before. A row
    not found (a PDF can interleave a table's columns) has no span and takes the position
    of the row before it, so the tasks keep the table's order."""
    text = ex.text
    out: list[tuple[int, Task]] = []
    pos = 0
    for table in tables:
        cols: _Columns | None = None
        above: list[str] | None = None
        group: tuple[str, ...] = ()
        last_label = ""
        last_support: tuple[str, list[Unit]] = ("", [])
        located = False
        for n_row, row in enumerate(table.rows):
            if cols is None:
                cols = _task_columns(row)
                continue
            cells, own_lead = _row_cells(row, cols, table.grid, above)
            lead = cells[cols.lead]
            task = cells[cols.task] if cols.task is not None else ""
            label = cells[cols.label].rstrip(".") if cols.label is not None else ""
            if _task_columns(tuple(cells)) is not None:
                continue  # the header row again (a table split over pages)
            if not lead or lead == task or not own_lead:
                group, above, last_label = ((label,) if label else ()), None, ""
                continue
            above = cells
            found = None
            if task and located:
                found = _find_row(text, label, task, pos, min(len(text), pos + 2000 + 4 * sum(map(len, cells))))
            elif task:
                found = _find_row(text, label, task, max(pos, ex.body_end), len(text)) or \
                    _find_row(text, label, task, pos, len(text))
            lead_at = sup_at = None
            if found is not None:
                located, pos = True, found[0] + 1  # the next row starts after this one's
                lead_at = _find_loose(text, lead, found[1], min(len(text), found[1] + 4 * len(task) + 400))
            units = _cell_units(ex, lead, lead_at, "lead") or [Unit(lead, "lead", lead, Span(*lead_at) if lead_at else None)]
            support = cells[cols.support] if cols.support is not None else ""
            if support and lead_at:
                sup_at = _find_loose(text, support, lead_at[1], min(len(text), lead_at[1] + len(support) + 400))
            if support and sup_at is None and support == last_support[0]:
                sup_units = last_support[1]  # a cell merged down from the row above: its units there
            else:
                sup_units = _cell_units(ex, support, sup_at, "support") if support else []
            last_support = (support, sup_units)
            seen = {key(u.name) for u in units}
            units.extend(u for u in sup_units if key(u.name) not in seen)
            # a row without a label goes on the item above it (II.1 and the unnumbered row under it)
            label = label or last_label or str(n_row)
            last_label = label
            end = lead_at[1] if lead_at else (found[1] if found else 0)
            out.append((pos if found is None else found[0], Task(
                assignee=" ".join(lead.split()),
                units=tuple(units),
                role="lead",
                action=" ".join(task.split()) or " ".join(lead.split()),
                deadline=_cell_deadline(cells[cols.time], ex.doc_date) if cols.time is not None else None,
                section_path=("Phụ lục",) + group + (label,),
                span=Span(found[0], end) if found else None,
            )))
    return out
