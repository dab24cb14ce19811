"""Tables kept by the readers, and the tasks of task tables (annexes with a ``chủ trì`` column).

The documents are real: qd_2820 (web markdown, shipped in ``corpora/``), the vbpl.vn
attribute page (HTML, shipped), qd_982 (Công báo PDF, 11 pages of table, read from
the shared corpus when it is there). Expected rows were checked against the printed
tables by a blind annotation (tests/gold_extra_tasks_notes.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import vndocs
from tests.conftest import CORPUS, SHARED_DOCS, needs_shared
from vndocs.extract.task_tables import _row_cells, _task_columns
from vndocs.readers import read
from vndocs.readers.markdown import _clean_inline
from vndocs.readers.tables import build_grid, web_markdown_tables

QD_2820 = CORPUS / "qd_2820-QD-UBND_hcm_tnt305.md"

# the start of qd_2820's annex table as the web page saved it: a "|" line before each
# cell, two in a row between rows, merged cells missing from the rows under them
WEB_TABLE = """|
**TT**
|
**Nhiệm vụ**
|
**Cơ quan chủ trì**
|
**Cơ quan phối hợp**
|
**Thời gian dự kiến hoàn thành**
|
**Kết quả dự kiến**
|
**Nguồn kinh phí**
|
|
** II**
|
**Xây
dựng hạ tầng công nghệ thông tin đảm bảo triển khai Hệ thống thông tin**
|
|
1
|
Xây dựng hạ tầng công nghệ
thông tin, trang thiết bị tại Sở Tài chính
|
Trung tâm Chuyển đổi số Thành phố
|
Sở Khoa học và Công nghệ, các sở, ngành, UBND xã, phường, đặc khu
|
Quý IV/2026
|
Cổng thông tin cơ sở dữ liệu quốc gia về quy hoạch
|
Đầu tư công hoặc nguồn vốn hợp pháp khác (nếu có)
|
|
Xây dựng hạ tầng kỹ thuật
dự phòng phục vụ triển khai cơ sở dữ liệu quốc gia.
|
Trung tâm Chuyển đổi số Thành phố
|
|
2
|
Đề xuất UBND Thành phố điều
chỉnh, bổ sung nhiệm vụ thực hiện Đề án.
|
Sở Tài chính
|
Các sở, ngành, UBND xã, phường, đặc khu
|
Khi có phát sinh.
|
|
|
|
3
|
Thực hiện trách nhiệm giải
trình về việc cung cấp dữ liệu.
|
Sở Tài chính
|
|

Sau bảng.
"""


def test_web_markdown_table_rows():
    (table,) = web_markdown_tables(WEB_TABLE, _clean_inline)
    assert not table.grid
    assert table.rows[0] == (
        "TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian dự kiến hoàn thành",
        "Kết quả dự kiến", "Nguồn kinh phí",
    )
    # a group row: label and heading, the heading's wrapped lines joined
    assert table.rows[1] == ("II", "Xây dựng hạ tầng công nghệ thông tin đảm bảo triển khai Hệ thống thông tin")
    assert table.rows[2][:3] == ("1", "Xây dựng hạ tầng công nghệ thông tin, trang thiết bị tại Sở Tài chính",
                                 "Trung tâm Chuyển đổi số Thành phố")
    # the unnumbered row under a merged TT cell keeps only its own cells
    assert table.rows[3] == ("Xây dựng hạ tầng kỹ thuật dự phòng phục vụ triển khai cơ sở dữ liệu quốc gia.",
                             "Trung tâm Chuyển đổi số Thành phố")
    # four pipes after "Khi có phát sinh.": two empty cells end row 2, row 3 starts at its label
    assert table.rows[4] == ("2", "Đề xuất UBND Thành phố điều chỉnh, bổ sung nhiệm vụ thực hiện Đề án.",
                             "Sở Tài chính", "Các sở, ngành, UBND xã, phường, đặc khu", "Khi có phát sinh.", "", "")
    assert table.rows[5][0] == "3"
    assert len(table.rows) == 6


def test_short_web_rows_take_the_merged_cells_above():
    (table,) = web_markdown_tables(WEB_TABLE, _clean_inline)
    cols = _task_columns(table.rows[0])
    assert cols is not None and (cols.lead, cols.task, cols.support, cols.time) == (2, 1, 3, 4)
    group, own = _row_cells(table.rows[1], cols, False, None)
    assert not own  # "II | heading" stops before the lead column: no task
    above, own = _row_cells(table.rows[2], cols, False, None)
    assert own
    sub, own = _row_cells(table.rows[3], cols, False, above)
    assert own
    assert sub[0] == "1"  # under II.1's merged label
    assert sub[2] == "Trung tâm Chuyển đổi số Thành phố"
    assert sub[3:5] == above[3:5]  # support and time merged down from II.1


def test_grid_repeats_merged_cells():
    table = build_grid([
        [("TT", 1, 2), ("Nhiệm vụ", 1, 2), ("Cơ quan", 2, 1)],
        [("chủ trì", 1, 1), ("phối hợp", 1, 1)],
        [("1", 1, 1), ("Rà soát", 1, 1), ("Sở Tư pháp", 1, 1), ("Các sở", 1, 1)],
    ])
    assert table.rows == (
        ("TT", "Nhiệm vụ", "Cơ quan", "Cơ quan"),
        ("TT", "Nhiệm vụ", "chủ trì", "phối hợp"),
        ("1", "Rà soát", "Sở Tư pháp", "Các sở"),
    )


def test_html_table_keeps_colspan():
    # the vbpl.vn attribute page: its first row is one cell over the four columns
    raw = read(CORPUS / "vbpl_thuoctinh_page_sample.html")
    (table,) = raw.tables
    assert table.grid
    assert table.rows[0] == ("Tố tụng hình sự",) * 4
    assert table.rows[1] == ("Số ký hiệu", "101/2015/QH13", "Ngày ban hành", "27/11/2015")


def test_docx_table_merges(tmp_path: Path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("PHỤ LỤC")
    t = d.add_table(rows=3, cols=4)
    for c, text in enumerate(["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"]):
        t.cell(0, c).text = text
    t.cell(1, 0).text, t.cell(1, 1).text = "1", "Rà soát văn bản"
    t.cell(1, 2).text, t.cell(1, 3).text = "Sở Tư pháp", "Quý IV/2026"
    t.cell(2, 0).text, t.cell(2, 1).text = "2", "Tổng hợp báo cáo"
    t.cell(1, 2).merge(t.cell(2, 2))  # one lead unit for both rows
    t.cell(1, 3).merge(t.cell(2, 3))
    path = tmp_path / "bang.docx"
    d.save(str(path))
    (table,) = read(path).tables
    assert table.rows[2] == ("2", "Tổng hợp báo cáo", "Sở Tư pháp", "Quý IV/2026")
    doc = vndocs.parse(path)
    got = [(t.assignee, t.deadline.date if t.deadline else None, t.section_path[-1]) for t in doc.tasks]
    assert got == [("Sở Tư pháp", "2026-12-31", "1"), ("Sở Tư pháp", "2026-12-31", "2")]


def test_annex_table_tasks_of_a_web_page():
    doc = vndocs.parse(QD_2820)
    annex = [t for t in doc.tasks if t.section_path[:1] == ("Phụ lục",)]
    assert len(annex) == 28  # every row with a lead unit; the six group rows I-VI give none
    first = annex[0]
    assert first.assignee == "Sở Tài chính"
    assert first.deadline is not None and (first.deadline.date, first.deadline.text) == ("2025-12-31", "Quý IV/2025")
    assert first.section_path == ("Phụ lục", "I", "1")
    assert [u.role for u in first.units][:1] == ["lead"] and any(u.role == "support" for u in first.units)
    assert first.span is not None and doc.text[first.span.start:].startswith("Phối hợp rà soát")
    # open wording keeps its text, no date
    last = annex[-1]
    assert last.deadline is not None and last.deadline.date is None
    assert last.deadline.text.startswith("Thường xuyên")
    # the rows are in table order, after the decision's own tasks
    assert doc.tasks.index(first) > 0
    starts = [t.span.start for t in annex if t.span]
    assert starts == sorted(starts)


@needs_shared
def test_pdf_task_table_over_eleven_pages():
    raw = read(SHARED_DOCS / "qd_982-QD-TTg_congbao.pdf")
    (table,) = raw.tables
    assert table.page == 13
    assert table.rows[0] == ("TT", "Nhiệm vụ, giải pháp", "Cơ quan chủ trì", "Cơ quan phối hợp",
                             "Sản phẩm", "Thời gian thực hiện")
    assert len(table.rows) == 41  # the header repeated on every page is kept once
    # row 1.4 runs over a page break: its two parts are one row
    assert table.rows[5][0] == "1.4"
    assert table.rows[5][1].endswith("cho các nhóm sản phẩm công nghệ chiến lược, công nghệ lõi.")
    doc = vndocs.parse(SHARED_DOCS / "qd_982-QD-TTg_congbao.pdf")
    annex = [t for t in doc.tasks if t.section_path[:1] == ("Phụ lục",)]
    assert [t.section_path[-1] for t in annex][:3] == ["1.1", "1.2", "1.3"]
    assert len(annex) == 34
    by_label = {t.section_path[-1]: t for t in annex}
    assert by_label["3.5"].assignee == "Ngân hàng Nhà nước"
    assert by_label["3.3"].deadline.date == "2027-03-31"  # type: ignore[union-attr]


def test_tables_of_text_without_structure_are_empty():
    assert read(CORPUS / "kh_ngay-hoi-bao-ve-antq-2022_btg-huyen-uy.txt").tables == []
