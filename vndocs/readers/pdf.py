"""PDF reader: the text layer in reading order, page furniture removed.

pypdfium2 gives each page's text in content order, one printed line per line,
fast (a few hundred pages per second). Character boxes are read only where
they decide something: at the ends of a line and around its spaces, to find
the wide gaps that separate columns. A line is cut at such a gap into
segments; runs of lines made only of left-side and right-side segments (the
two-column header of a State or Party document, the ``Nơi nhận`` / signature
block) are written as two blocks, left first, so the columns are never
interleaved line by line (see :class:`vndocs.readers.RawText`).

Removed: the Công báo running header (``CÔNG BÁO/Số 271/Ngày 12-05-2026 84``),
bare page numbers at the top or bottom of a page, the Công báo section title
above the first header (``VĂN BẢN QUY PHẠM PHÁP LUẬT``) and the lines of a
digital-signature stamp (``Ký bởi: ...``, ``Cơ quan: ...``, ``Ngày ký: ...``).
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from statistics import median

from vndocs.errors import ReadError
from vndocs.models import Table
from vndocs.readers import RawText
from vndocs.readers.tables import build_grid, cell_text

MAX_PAGES = 3000
"""Pages read at most; the rest of a larger PDF is skipped with a warning."""
MIN_CHARS_PER_PAGE = 40
"""Below this many characters per page (furniture removed) a PDF counts as a scan."""
POOR_TEXT_RATIO = 0.8
"""Below this share of Vietnamese-looking words the text layer gets a warning."""
COLUMN_GAP = 18.0
"""A horizontal gap (points) this wide inside a printed line separates two columns."""
MAX_TABLE_PAGES = 80
"""Pages of task tables read with pdfplumber at most (about 0.08 s a page)."""

# the head of a table's lead-unit column, alone on its printed line: "Cơ quan chủ trì",
# "Đơn vị chủ trì", "CHỦ TRÌ", or "chủ trì" under a "Cơ quan" line (qd_982-QD-TTg_congbao.pdf)
_LEAD_COLUMN = re.compile(r"(?im)^[ \t]*(?:(?:cơ[ \t]+quan|đơn[ \t]+vị)[ \t]+)?chủ[ \t]+trì[ \t\r]*$")

_RUNNING_HEADER = re.compile(
    # Công báo page head, page number after (odd pages) or before (even pages):
    # "CÔNG BÁO/Số 302/Ngày 02-06-2026 70", "2 CÔNG BÁO/Số 199 + 200/Ngày 02-02-2022"
    r"^\s*(?:\d{1,5}\s+)?CÔNG\s+BÁO\s*/\s*Số\s*[\d\s+]+/\s*Ngày\s*\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{4}(?:\s+\d{1,5}\b)?\s*"
)
_PAGE_NUMBER = re.compile(
    # bare page numbers: "12", "- 12 -", "Trang 3", "3/12"
    r"^\s*(?:-\s*\d{1,5}\s*-|\d{1,5}|Trang\s+\d{1,5}(?:\s*/\s*\d{1,5})?|\d{1,5}\s*/\s*\d{1,5})\s*$",
    re.IGNORECASE,
)
_STAMP = re.compile(
    # digital-signature stamp drawn on Công báo and Cổng TTĐT pages (ct_21-CT-TTg_congbao.pdf)
    r"^\s*(?:Ký\s+bởi|Cơ\s+quan|Ngày\s+ký|Thời\s+gian\s+ký|Email)\s*:\s*\S"
)
_SPLIT_SYLLABLE = re.compile(r"(?<=[^\W\d_])\r?\n(?=[^\x00-\x7f\W\d_])")
_GAZETTE_SECTION = re.compile(
    # Công báo section titles printed above the first page of a document
    # (nd_158-2025-ND-CP_congbao.pdf, nq_17-2022-UBTVQH15_congbao.pdf)
    r"^\s*(?:VĂN BẢN QUY PHẠM PHÁP LUẬT|VĂN BẢN HỢP NHẤT|VĂN BẢN KHÁC|VĂN BẢN PHÁP LUẬT KHÁC|ĐIỀU ƯỚC QUỐC TẾ)"
    # "VĂN BẢN HỢP NHẤT - VĂN PHÒNG QUỐC HỘI" (vbhn_23-VBHN-VPQH_congbao_1093-1094.pdf)
    r"(?:\s+-\s+[A-ZĐÀ-Ỹ ]+)?\s*$"
)


@dataclass(slots=True)
class _Seg:
    """A piece of a printed line: its text and box (PDF points, y up)."""

    text: str
    x0: float
    x1: float
    y: float  # the lowest baseline
    top: float | None = None  # the highest, where pdfium joined two printed lines ("TT-" / "BTC")


class _Boxes:
    """Character boxes of one text page, read on demand through the raw pdfium API."""

    def __init__(self, raw_textpage: object) -> None:
        import pypdfium2.raw as pdfium_c

        self._tp = raw_textpage
        self._get = pdfium_c.FPDFText_GetCharBox
        self._l = ctypes.c_double()
        self._r = ctypes.c_double()
        self._b = ctypes.c_double()
        self._t = ctypes.c_double()

    def box(self, i: int) -> tuple[float, float, float, float]:
        """(left, right, bottom, top) of character ``i``."""
        self._get(self._tp, i, self._l, self._r, self._b, self._t)
        return self._l.value, self._r.value, self._b.value, self._t.value

    def near(self, i: int, lo: int, hi: int, step: int) -> tuple[float, float, float, float] | None:
        """Box of character ``i``, or of the nearest one in ``[lo, hi)`` going by ``step``
        when pdfium generated ``i`` (an inserted hyphen or space has an empty box)."""
        while lo <= i < hi:
            b = self.box(i)
            if b[1] > b[0] or b[3] > b[2]:
                return b
            i += step
        return None


def _page_lines(text: str, boxes: _Boxes | None) -> list[list[_Seg]]:
    """Printed lines of a page, each cut into segments at column gaps."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\r\n]+", text):
        s = m.group()
        if s.strip():
            spans.append(
                (m.start() + len(s) - len(s.lstrip()), m.end() - (len(s) - len(s.rstrip())))
            )
    if boxes is None:
        return [[_Seg(text[a:b], 0.0, 0.0, 0.0)] for a, b in spans]
    ends = []
    for a, b in spans:
        first = boxes.near(a, a, b, 1) or (0.0, 0.0, 0.0, 0.0)
        last = boxes.near(b - 1, a, b, -1) or first
        ends.append((first, last))
    # the usual width of a character on this page: only short lines (headers,
    # signatures, table rows) and lines wider than their characters explain
    # may hold a column gap, and only those are measured
    ratios = sorted(
        (last[1] - first[0]) / (b - a) for (a, b), (first, last) in zip(spans, ends) if b - a >= 20
    )
    per_char = ratios[len(ratios) // 2] if ratios else 0.0
    lines: list[list[_Seg]] = []
    for (a, b), (first, last) in zip(spans, ends):
        width = last[1] - first[0]
        cuts: list[tuple[int, int, float]] = []  # (end of a segment, start of the next, gap)
        if not per_char or b - a <= 70 or width > 1.1 * per_char * (b - a) + COLUMN_GAP / 2:
            for sp in re.finditer(r"\s+", text[a:b]):
                i, j = a + sp.start() - 1, a + sp.end()
                left = boxes.near(i, a, b, -1)
                right = boxes.near(j, a, b, 1)
                if left is None or right is None:
                    continue
                gap = right[0] - left[1]
                if gap > COLUMN_GAP:
                    cuts.append((i + 1, j, gap))
        if len(cuts) > 1:
            # blank fields ("ngày      tháng") leave smaller gaps than the column gap
            widest = max(c[2] for c in cuts)
            cuts = [c for c in cuts if c[2] >= 0.5 * widest]
        if not cuts:
            lines.append([_Seg(text[a:b], first[0], last[1], min(first[2], last[2]), max(first[2], last[2]))])
            continue
        segs: list[_Seg] = []
        start = a
        for end, nxt, _ in [*cuts, (b, b, 0.0)]:
            f = boxes.near(start, start, end, 1) or (0.0, 0.0, 0.0, 0.0)
            la = boxes.near(end - 1, start, end, -1) or f
            segs.append(_Seg(text[start:end], f[0], la[1], min(f[2], la[2])))
            start = nxt
        lines.append(segs)
    return lines


def _drop_furniture(lines: list[list[_Seg]]) -> list[list[_Seg]]:
    """Remove running headers, page numbers and signature stamps of one page."""
    out = [ln for ln in lines if not (len(ln) == 1 and _STAMP.match(ln[0].text))]
    kept: list[list[_Seg]] = []
    for k, ln in enumerate(out):
        joined = " ".join(s.text for s in ln)
        m = _RUNNING_HEADER.match(joined)
        if m is None or k >= 4:
            kept.append(ln)
            continue
        # drop the page head; keep a table row glued to it on a landscape
        # page (qd_169-QD-BLDTBXH_congbao.pdf)
        cut = m.end()
        rest: list[_Seg] = []
        pos = 0
        for seg in ln:
            start, end = pos, pos + len(seg.text)
            pos = end + 1
            if end <= cut:
                continue
            if start < cut:
                seg = _Seg(seg.text[cut - start :].lstrip(), seg.x0, seg.x1, seg.y)
            if seg.text:
                rest.append(seg)
        if rest:
            kept.append(rest)
    out = kept
    # bare page numbers: only at the top or the bottom of the page
    for _ in range(2):
        if out and len(out[0]) == 1 and _PAGE_NUMBER.match(out[0][0].text):
            out = out[1:]
        if out and len(out[-1]) == 1 and _PAGE_NUMBER.match(out[-1][0].text):
            out = out[:-1]
    return out


def _layout(lines: list[list[_Seg]], have_boxes: bool) -> tuple[list[str], bool]:
    """Write a page's lines as text lines, two-column runs as two blocks.

    Returns:
        The lines, and whether the page ends inside a paragraph (its last line
        reaches the right margin and does not end a sentence).
    """
    if not have_boxes:
        return [" ".join(s.text for s in ln) for ln in lines], True
    segs = [s for ln in lines for s in ln]
    if not segs:
        return [], False
    x_min = min(s.x0 for s in segs)
    x_max = max(s.x1 for s in segs)
    width = max(x_max - x_min, 1.0)
    mid = (x_min + x_max) / 2

    def side(s: _Seg) -> int:
        """-1 left column, 1 right column, 0 centred or full width."""
        if s.x1 - s.x0 > 0.72 * width:
            return 0
        c = (s.x0 + s.x1) / 2
        if c < mid - 0.08 * width and s.x1 < mid + 0.2 * width:
            return -1
        if c > mid + 0.08 * width and s.x0 > mid - 0.25 * width:
            return 1
        return 0

    def merge_same_side(ln: list[_Seg]) -> list[_Seg]:
        # blank fields inside one cell ("Hà Nội, ngày      tháng      năm 2026")
        # make gaps too; pieces that together stay on one side are one segment
        out_segs = [ln[0]]
        for s in ln[1:]:
            cur = out_segs[-1]
            merged = _Seg(cur.text + " " + s.text, cur.x0, s.x1, min(cur.y, s.y))
            sc, sm = side(cur), side(merged)
            fits = (sm < 0 and merged.x1 < mid + 0.05 * width) or (
                sm > 0 and merged.x0 > mid - 0.3 * width
            )
            if sm != 0 and fits and sc != -sm and side(s) != -sm:
                out_segs[-1] = merged
            else:
                out_segs.append(s)
        return out_segs

    lines = [merge_same_side(ln) if len(ln) > 1 else ln for ln in lines]
    ys = [ln[0].y for ln in lines]
    steps = [a - b for a, b in pairwise(ys) if 0 < a - b < 40]
    pitch = median(steps) if steps else 14.0

    out: list[str] = []
    prev_y: float | None = None
    i = 0
    n = len(lines)
    while i < n:
        ln = lines[i]
        sides = [side(s) for s in ln]
        # the short last line of a paragraph is not a column ("... được" / "phân công.")
        tail = (
            len(ln) == 1
            and i > 0
            and abs(ln[0].x0 - x_min) < 3
            and lines[i - 1][-1].x1 - lines[i - 1][0].x0 > 0.85 * width
        )
        if all(sd != 0 for sd in sides) and not tail:
            # a run of lines made of column segments only
            j = i
            left: list[_Seg] = []
            right: list[_Seg] = []
            while j < n and all(side(s) != 0 for s in lines[j]):
                for s in lines[j]:
                    (left if side(s) < 0 else right).append(s)
                j += 1
            if left and right and len(left) <= 40 and len(right) <= 40:
                _drop_repeated_issuer(out, left)
                out.append("")
                out.extend(s.text for s in left)
                out.append("")
                out.extend(s.text for s in right)
                out.append("")
                prev_y = None
                i = j
                continue
        y = ln[0].y
        top = ln[0].top if ln[0].top is not None else y
        if prev_y is not None and prev_y - top > 1.6 * pitch:
            out.append("")
        if len(ln) == 1:
            out.append(ln[0].text)
        else:  # a table row: one cell per line, blank lines between cells
            out.append("")
            for s in ln:
                out.append(s.text)
                out.append("")
        prev_y = y
        i += 1
    last = lines[-1][-1]
    open_end = last.x1 > x_max - 0.05 * width and not re.search(r"[.:;!?]\W*$", last.text)
    return out, open_end


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _drop_repeated_issuer(out: list[str], left: list[_Seg]) -> None:
    # the gazette prints the issuer centred above the header table, whose left
    # cell repeats it (qd_169-QD-BLDTBXH_congbao.pdf, ttlt_01-2022-...congbao.pdf)
    end = len(out)
    while end > 0 and not out[end - 1].strip():
        end -= 1
    start = end
    while start > 0 and out[start - 1].strip() and out[start - 1].isupper() and end - start < 6:
        start -= 1
    if start == end:
        return
    prev = _squash("".join(out[start:end]))
    joined = ""
    for s in left[:8]:
        joined += _squash(s.text)
        if joined == prev:
            del out[start:]
            return


def _drop_gazette_section(lines: list[list[_Seg]]) -> list[list[_Seg]]:
    # "VĂN BẢN QUY PHẠM PHÁP LUẬT" / "CHÍNH PHỦ" above the document's own header
    for k, ln in enumerate(lines[:3]):
        if len(ln) == 1 and _GAZETTE_SECTION.match(ln[0].text):
            rest = lines[:k] + lines[k + 1 :]
            if k < len(rest) and len(rest[k]) == 1 and rest[k][0].text.isupper():
                nxt = rest[k + 1] if k + 1 < len(rest) else []
                if nxt and nxt[0].text.replace(" ", "").startswith(
                    rest[k][0].text.replace(" ", "")[:8]
                ):
                    rest = rest[:k] + rest[k + 1 :]  # the issuer printed again by the gazette
            return rest
    return lines


_CLOSED_LINE = re.compile(r"[.:;!?]\W*$")


def read_pdf(path: Path, name: str) -> RawText:
    """Read a PDF's text layer.

    Raises:
        ReadError: corrupt or truncated file, password-protected file, or no
            text layer (a scan).
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            raise ReadError(name, "encrypted PDF") from None
        detail = (
            msg.split("(", 1)[-1].rstrip(").") if "(" in msg else msg
        )  # "Failed to load document (PDFium: ...)."
        raise ReadError(name, f"corrupt PDF: {detail}") from None
    except (OSError, ValueError) as e:
        raise ReadError(name, f"corrupt PDF: {e}") from None
    warnings: list[str] = []
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise ReadError(name, "corrupt PDF: no pages")
        limit = min(n_pages, MAX_PAGES)
        if limit < n_pages:
            warnings.append(f"only the first {limit} of {n_pages} pages were read")
        parts: list[str] = []
        chars = 0
        table_pages: list[int] = []  # from the first page heading a lead-unit column on
        prev_open = False
        for k in range(limit):
            try:
                page = pdf[k]
                tp = page.get_textpage()
            except pdfium.PdfiumError as e:
                warnings.append(f"page {k + 1} unreadable ({e})")
                continue
            text = tp.get_text_range()
            rotated = page.get_rotation() % 180 != 0
            if rotated:
                # pdfium breaks lines inside syllables on turned (landscape) pages:
                # "Quy\r\nết định s\r\nố" (qd_169-QD-BLDTBXH_congbao.pdf)
                text = _SPLIT_SYLLABLE.sub("", text)
            boxes = _Boxes(tp.raw) if len(text) == tp.count_chars() and not rotated else None
            lines = _drop_furniture(_page_lines(text, boxes))
            if k == 0:
                lines = _drop_gazette_section(lines)
            chars += sum(len(s.text) for ln in lines for s in ln)
            page_lines, open_end = _layout(lines, boxes is not None)
            if table_pages or _LEAD_COLUMN.search(text):
                table_pages.append(k)
            if page_lines:
                if parts:
                    # a paragraph running on to the next page stays one block: the last line
                    # reached the margin, or the page goes on in lower case after a line with no
                    # closing mark ("... của Bộ" / "trưởng Bộ Tài chính sửa đổi ...", qd_372)
                    runs_on = prev_open or (
                        page_lines[0][:1].islower() and not _CLOSED_LINE.search(parts[-1])
                    )
                    parts.append("\n" if runs_on else "\n\n")
                parts.append("\n".join(page_lines))
                prev_open = open_end
            tp.close()
            page.close()
    finally:
        pdf.close()
    if chars < MIN_CHARS_PER_PAGE * max(1, limit) / 4 and chars < 200:
        from vndocs.readers import ocr

        if ocr.available():
            return ocr.read_pdf_scan(path, name, n_pages)
        raise ReadError(name, f"no text layer (scanned image?); {ocr.INSTALL_HINT}")
    text = "".join(parts)
    # pdfium marks a hyphen it joined at a line break with U+FFFE ("TT\ufffeBGTVT")
    text = text.replace("\ufffe", "-").replace("\x02", "-")
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
    encoding = None
    from vndocs.readers.legacy import fix_legacy_text, vietnamese_ratio

    fixed = fix_legacy_text(text)
    if fixed is not None:
        text, encoding = fixed
        warnings.append(f"text layer in a legacy font encoding ({encoding}); converted")
    ratio = vietnamese_ratio(text)
    if ratio < POOR_TEXT_RATIO:
        from vndocs.readers import ocr

        if ocr.available():
            # a scan with a bad OCR layer of its own ("bao dam TTATGT cho HS", cv_463x): read the pages again
            again = ocr.read_pdf_scan(path, name, n_pages)
            if vietnamese_ratio(again.text) > ratio:
                again.warnings.append(f"the PDF's own text layer was poor ({ratio:.0%} of words read as Vietnamese)")
                return again
        warnings.append(
            f"text layer looks like poor OCR or is not Vietnamese ({ratio:.0%} of words read as Vietnamese)"
        )
    tables = _task_tables(path, table_pages[:MAX_TABLE_PAGES], warnings) if table_pages else []
    return RawText(
        text=text, format="pdf", encoding=encoding, pages=n_pages, warnings=warnings, tables=tables
    )


def _task_tables(path: Path, pages: list[int], warnings: list[str]) -> list[Table]:
    """Ruled tables of the pages from the first one heading a lead-unit column ("Cơ quan
    chủ trì") on, read with pdfplumber, which sees the ruling lines that pdfium's text
    does not. A table that goes on over pages is one :class:`Table`: the header row the
    next page repeats is dropped, and a row cut by the page break (its label cell empty)
    is joined to the row it continues. Reading stops at the first page without a table."""
    import pdfplumber

    tables: list[Table] = []
    rows: list[tuple[str, ...]] = []
    first_page = 0
    try:
        with pdfplumber.open(path) as pdf:
            for k in pages:
                found = pdf.pages[k].find_tables()
                if not found:
                    break
                for ft in found:
                    page_rows = list(_grid_of(ft).rows)
                    if rows and len(page_rows[0]) == len(rows[0]):
                        if page_rows[0] == rows[0]:
                            page_rows = page_rows[1:]  # the header row repeated
                        if page_rows and not page_rows[0][0] and rows[-1][0]:
                            cut = page_rows.pop(0)  # the rest of the last row
                            rows[-1] = tuple(cell_text([a, b]) for a, b in zip(rows[-1], cut))
                        rows.extend(page_rows)
                        continue
                    if len(rows) >= 2:
                        tables.append(Table(rows=tuple(rows), page=first_page + 1))
                    rows, first_page = page_rows, k
    except Exception as e:  # noqa: BLE001 - pdfplumber/pdfminer raise many kinds on odd files
        warnings.append(f"tables not read ({type(e).__name__}: {str(e)[:80]})")
        return tables
    if len(rows) >= 2:
        tables.append(Table(rows=tuple(rows), page=first_page + 1))
    return tables


def _grid_of(ft: object) -> Table:
    """A pdfplumber table as a :class:`Table`, merged cells repeated (spans from the cell boxes)."""
    texts = ft.extract()  # type: ignore[attr-defined]
    xs = sorted({round(c[0]) for c in ft.cells} | {round(c[2]) for c in ft.cells})  # type: ignore[attr-defined]
    ys = sorted({round(c[1]) for c in ft.cells} | {round(c[3]) for c in ft.cells})  # type: ignore[attr-defined]
    x_at = {x: i for i, x in enumerate(xs)}
    y_at = {y: i for i, y in enumerate(ys)}
    grid: list[list[tuple[str, int, int]]] = []
    for row, row_texts in zip(ft.rows, texts):  # type: ignore[attr-defined]
        line = []
        for box, text in zip(row.cells, row_texts):
            if box is None:
                continue  # covered by a merged cell, which build_grid repeats
            colspan = x_at[round(box[2])] - x_at[round(box[0])]
            rowspan = y_at[round(box[3])] - y_at[round(box[1])]
            line.append((cell_text([text or ""]), colspan, rowspan))
        grid.append(line)
    return build_grid(grid)
