"""Tables kept by the readers beside the text: rows of cell texts.

The text of a document writes one block per cell, which is enough for the
header and the outline but loses which cells share a row. Annexes that list
tasks (``TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian``) need
the rows, so the readers that see a table's structure also return it as a
:class:`vndocs.models.Table`:

- DOCX and HTML know their merged cells (``gridSpan``/``vMerge``,
  ``colspan``/``rowspan``): :func:`build_grid` repeats a merged cell in every
  row and column it covers;
- web markdown of the kind saved from law portals writes a table as one line
  ``|`` before each cell and after a row's last cell, cells over several lines,
  and drops merged cells from the rows under them: :func:`web_markdown_tables`
  recovers the rows (``grid=False``, short rows stay short);
- PDF tables come from pdfplumber (see :mod:`vndocs.readers.pdf`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from vndocs.models import Table

MAX_CELLS = 200_000
"""Cells kept per document: a pathological table is cut here, not read into memory whole."""

_SPACES = re.compile(r"\s+")
# the label of a table row: "1", "12", "1.2", "a", "I", "IV", "1." (not a word)
_ROW_LABEL = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,3}\.?|[IVXLC]{1,6}\.?|[a-zđ]\)?)$")
_PIPE_LINE = re.compile(r"^[ \t]*\|[ \t]*$")
_PIPE_LINE_START_RE = re.compile(r"\n[ \t]*\|")
_GFM_ROW = re.compile(r"^[ \t]*\|.*\|")
_GFM_SEP = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def cell_text(parts: Iterable[str]) -> str:
    """One cell's text: its lines joined by single spaces, NFC."""
    return unicodedata.normalize("NFC", _SPACES.sub(" ", " ".join(parts)).strip())


def build_grid(rows: Sequence[Sequence[tuple[str, int, int]]], page: int | None = None) -> Table:
    """A :class:`Table` from rows of ``(text, colspan, rowspan)`` cells (the HTML model).

    A merged cell's text is repeated in every grid position it covers, so every row of
    the result has the table's full width.
    """
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows still covered)
    out: list[tuple[str, ...]] = []
    n_cells = 0
    for row in rows:
        line: list[str] = []
        col = 0
        for text, colspan, rowspan in row:
            col = _fill_pending(pending, line, col)
            for _ in range(max(1, min(colspan, 100))):
                line.append(text)
                if rowspan > 1:
                    pending[col] = (text, min(rowspan, 10_000) - 1)
                col += 1
        col = _fill_pending(pending, line, col)
        # merged cells still pending beyond the last cell of the row
        for c in sorted(k for k in pending if k >= col):
            while col < c:
                line.append("")
                col += 1
            col = _fill_pending(pending, line, col)
        out.append(tuple(line))
        n_cells += len(line)
        if n_cells > MAX_CELLS:
            break
    return Table(rows=tuple(out), grid=True, page=page)


def _fill_pending(pending: dict[int, tuple[str, int]], line: list[str], col: int) -> int:
    """Append the merged cells from rows above that cover ``col`` on; the next free column."""
    while col in pending:
        text, left = pending[col]
        line.append(text)
        if left <= 1:
            del pending[col]
        else:
            pending[col] = (text, left - 1)
        col += 1
    return col


def is_row_label(text: str) -> bool:
    """Whether a cell is the label of a table row (``1``, ``1.2``, ``IV``, ``a``)."""
    return bool(_ROW_LABEL.match(text))


def markdown_tables(md: str, clean: Callable[[str], str] | None = None) -> list[Table]:
    """Every table of a markdown page, in page order: pipe tables (``| a | b |``, one
    row per line) and the one-pipe-per-line tables of web portals."""
    if "|" not in md:
        return []
    found = web_markdown_tables(md, clean, with_lines=True) + _gfm_tables(md, clean)
    found.sort(key=lambda lt: lt[0])
    return [t for _, t in found]


def _gfm_tables(md: str, clean: Callable[[str], str] | None) -> list[tuple[int, Table]]:
    """Pipe tables, one row per line (``| a | b |``)."""
    out: list[tuple[int, Table]] = []
    rows: list[tuple[str, ...]] = []
    start = end = -2
    text = "\n" + md
    # lines that open with a pipe, found from the line break before them (a literal the engine
    # searches fast; "^" in multi-line mode is tried at every position)
    for m in _PIPE_LINE_START_RE.finditer(text):
        ls = m.start()  # the line's start in md (text has one more character in front)
        le = md.find("\n", ls)
        le = len(md) if le == -1 else le
        line = md[ls:le]
        if line.count("|") < 3 or not _GFM_ROW.match(line):
            continue
        if ls != end + 1 and len(rows) >= 2:
            out.append((md.count("\n", 0, start), Table(rows=tuple(rows), grid=False)))
        if ls != end + 1:
            rows, start = [], ls
        end = le
        if _GFM_SEP.match(line):
            continue
        cells = _UNESCAPED_PIPE.split(line.strip())[1:-1]
        rows.append(tuple(cell_text([clean(c) if clean else c]) for c in cells))
    if len(rows) >= 2:
        out.append((md.count("\n", 0, start), Table(rows=tuple(rows), grid=False)))
    return out


def web_markdown_tables(
    md: str, clean: Callable[[str], str] | None = None, *, with_lines: bool = False
) -> list:
    """Tables written one ``|`` line before each cell (see module doc), with their rows.

    Two ``|`` lines in a row end a row and start the next, or stand for an empty cell.
    The first row's width tells them apart: a row with all but its last two cells ends
    there (the trailing columns, results and funding, are the ones merged down most
    often), and so does a row whose next cell is a row label (``1``, ``II``, ``1.2``);
    before that, the two pipes are an empty cell.
    ``clean`` removes the inline markup of a cell's lines (bold, escapes).
    """
    if "|" not in md:
        return []
    lines = md.split("\n")
    tables: list = []
    n_cells = 0
    n = len(lines)
    # the pipe lines by a comprehension: no Python step per line of text
    pipe_lines = [k for k, line in enumerate(lines) if line.strip() == "|"]
    i = 0
    for first in pipe_lines:
        if first < i:
            continue  # inside the table read last
        i = first
        # a table: pipe lines and cell lines until a pipe line followed by a blank line
        segments: list[list[str] | None] = []  # None marks a pipe line
        j = i
        while j < n:
            line = lines[j]
            if _PIPE_LINE.match(line):
                segments.append(None)
                if j + 1 >= n or not lines[j + 1].strip():
                    j += 1
                    break
            elif not line.strip():
                break
            else:
                if segments and segments[-1] is not None:
                    segments[-1].append(line)  # type: ignore[union-attr]
                else:
                    segments.append([line])
            j += 1
        rows = _web_rows(segments, clean)
        start, i = first, j
        if len(rows) >= 2:
            table = Table(rows=tuple(rows), grid=False)
            tables.append((start, table) if with_lines else table)
            n_cells += sum(len(r) for r in rows)
            if n_cells > MAX_CELLS:
                break
    return tables


def _web_rows(segments: list[list[str] | None], clean: Callable[[str], str] | None) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    cur: list[str] = []
    width = 0
    k = 0
    m = len(segments)
    # each cell's text once (the row logic looks at the next cell before taking it)
    texts = [cell_text(clean(x) if clean else x for x in seg) if seg is not None else "" for seg in segments]
    while k < m:
        seg = segments[k]
        if seg is not None:
            cur.append(texts[k])
            k += 1
            continue
        # a run of pipe lines
        run = 0
        while k < m and segments[k] is None:
            run += 1
            k += 1
        if run == 1 or not cur:
            if not cur and run > 1 and rows:
                cur.extend([""] * (run - 1))  # pipes before the first cell: empty cells
            continue
        next_text = texts[k] if k < m else ""
        ends_row = (
            not width  # the first row ends at its first double pipe
            or len(cur) >= width - 2  # the last columns are the ones merged most often
            or k >= m
            or (is_row_label(next_text) and len(cur) >= 2)
        )
        if ends_row:
            # pipes beyond the row's end and the next row's start are empty cells: they
            # fill the ending row to the table's width, the rest open the next row
            extra = run - 2
            pad = extra if is_row_label(next_text) else min(extra, max(0, width - len(cur)))
            cur.extend([""] * pad)
            rows.append(tuple(cur))
            if not width:
                width = len(cur)
            cur = [""] * (extra - pad)
        else:
            cur.extend([""] * (run - 1))  # empty cells inside the row
    if cur:
        rows.append(tuple(cur))
    return rows

