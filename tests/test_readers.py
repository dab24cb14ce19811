"""Readers of PDF, DOCX, HTML and DOC over the shipped corpus, plus broken files.

Layout convention checked (see :class:`vndocs.readers.RawText`): the two
header columns come out as two blocks, left first; Công báo page furniture is
gone; every corpus file reads or fails with one clear line.
"""

from __future__ import annotations

import collections
import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest

from vndocs.errors import ReadError
from vndocs.readers import RawText, read

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "docs"
GOLD = CORPUS.parent / "gold-dev.jsonl"


def _blocks(text: str) -> list[str]:
    return [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]


def _words(text: str) -> collections.Counter[str]:
    return collections.Counter(unicodedata.normalize("NFC", text).split())


# --- every shipped file -------------------------------------------------------------


@pytest.mark.parametrize(
    "path", sorted(p for p in CORPUS.iterdir() if p.is_file()), ids=lambda p: p.name
)
def test_every_corpus_file_reads_or_fails_with_one_line(path: Path) -> None:
    try:
        raw = read(path)
    except ReadError as e:
        assert e.reason and "\n" not in str(e) and "Traceback" not in str(e)
        return
    assert isinstance(raw, RawText)
    assert raw.text.strip()
    assert unicodedata.is_normalized("NFC", raw.text) or raw.format in ("doc", "html")
    assert "\ufffe" not in raw.text and "\x00" not in raw.text


def test_images_without_ocr_fail_saying_what_to_install() -> None:
    with pytest.raises(ReadError, match="image file without a text layer; OCR needs tesseract-ocr and tesseract-ocr-vie"):
        read(CORPUS / "cv_1906-SGDDT-CTrTT_danang_p2_scan.jpg")


# --- PDF ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "left_first", "right_first"),
    [
        # header in separate content-stream runs
        ("ct_21-CT-TTg_congbao.pdf", "THỦ TƯỚNG CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("nq_113-NQ-CP_congbao.pdf", "CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        # both columns printed on one text line: cut at the column gap; blank
        # date fields ("ngày      tháng") are not column gaps
        (
            "qd_372-QD-BTC_dinh-chinh_congbao.pdf",
            "BỘ TÀI CHÍNH",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        ),
        # the gazette's centred repeat of the issuer above the header is dropped
        (
            "qd_169-QD-BLDTBXH_congbao.pdf",
            "BỘ LAO ĐỘNG - THƯƠNG BINH",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        ),
    ],
)
def test_pdf_header_columns_are_two_blocks_left_first(
    name: str, left_first: str, right_first: str
) -> None:
    blocks = _blocks(read(CORPUS / name).text)
    left, right = blocks[0].splitlines(), blocks[1].splitlines()
    assert left[0] == left_first
    assert any(line.startswith("Số:") for line in left)
    assert right[0] == right_first
    assert right[1].startswith("Độc lập")
    assert any(line.startswith("Hà Nội, ngày") for line in right)


def test_pdf_blank_date_fields_stay_on_one_line() -> None:
    text = read(CORPUS / "qd_372-QD-BTC_dinh-chinh_congbao.pdf").text
    assert "Hà Nội, ngày tháng năm 2026" in text.splitlines()


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*_congbao.pdf")))
def test_pdf_page_furniture_is_removed(name: str) -> None:
    raw = read(CORPUS / name)
    assert raw.pages and raw.pages >= 1
    assert "CÔNG BÁO/Số" not in raw.text
    assert not re.search(r"^(?:Ký bởi|Cơ quan|Ngày ký):", raw.text, re.MULTILINE)
    # no bare page number left as a line of its own before a new page's text
    assert not re.search(r"\n\d{1,3}\n\nCÔNG", raw.text)


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*_congbao.pdf")))
def test_pdf_text_matches_the_pdftotext_copy(name: str) -> None:
    # the corpus ships a .txt made by pdftotext for each Công báo PDF
    txt = (CORPUS / name).with_suffix(".txt").read_text("utf-8")
    ref = "\n".join(
        line
        for line in txt.splitlines()
        if not re.match(
            r"^\s*(?:\d+\s+)?CÔNG BÁO/|^\s*\d{1,4}\s*$|^(?:Ký bởi|Cơ quan|Ngày ký):", line
        )
    )
    got, want = _words(read(CORPUS / name).text), _words(ref)
    common = sum((got & want).values())
    assert common / sum(want.values()) >= 0.99
    assert common / sum(got.values()) >= 0.98


def test_pdf_paragraph_tail_before_signature_stays_in_its_paragraph() -> None:
    text = read(CORPUS / "ct_21-CT-TTg_congbao.pdf").text
    assert "lĩnh vực được\nphân công." in text
    assert "KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG" in text


def test_pdf_poor_ocr_text_layer_gets_a_warning() -> None:
    raw = read(CORPUS / "cv_463x-SGDDT-CTrTT_danang_2019_scan-badocr.pdf")
    assert any("poor OCR" in w for w in raw.warnings)
    assert raw.encoding is None  # garbled OCR is not taken for TCVN3


def test_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    pdf.new_page(595, 842)
    path = tmp_path / "scan.pdf"
    pdf.save(str(path))
    pdf.close()
    with pytest.raises(ReadError, match=r"no text layer \(scanned image\?\); OCR needs tesseract-ocr"):
        read(path)


def test_truncated_pdf_is_corrupt(tmp_path: Path) -> None:
    data = (CORPUS / "nq_113-NQ-CP_congbao.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[:2000])
    with pytest.raises(ReadError, match="corrupt PDF"):
        read(path)


def test_pdf_garbage_after_header_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    with pytest.raises(ReadError, match="corrupt PDF"):
        read(path)


# --- DOCX ---------------------------------------------------------------------------


def test_docx_header_table_is_written_column_by_column() -> None:
    blocks = _blocks(read(CORPUS / "luat_24-2018-QH14_an-ninh-mang_ragluat.docx").text)
    assert blocks[:4] == [
        "QUỐC HỘI",
        "Luật số: 24/2018/QH14",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 12 tháng 6 năm 2018",
    ]
    assert blocks[4:6] == ["LUẬT", "AN NINH MẠNG"]


def _make_docx(path: Path, *, legacy: bool = False) -> None:
    import docx
    from docx.oxml.ns import qn

    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "ỦY BAN NHÂN DÂN"
    t.cell(0, 0).add_paragraph("TỈNH QUẢNG NINH")  # two paragraphs of one cell: one block
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 0).text = "Số: 12/KH-UBND"
    t.cell(1, 1).text = "Quảng Ninh, ngày 03 tháng 4 năm 2024"
    d.add_paragraph("KẾ HOẠCH")
    p = d.add_paragraph()
    if legacy:
        run = p.add_run("Thùc hiÖn KÕ ho¹ch sè 45-KH/BTGTU cña Ban Tuyªn gi¸o TØnh uû")
        run.font.name = ".VnTime"
        run._element.rPr.rFonts.set(qn("w:hAnsi"), ".VnTime")
        run2 = d.add_paragraph().add_run("tæ chøc thùc hiÖn")
        run2.font.name = ".VnTimeH"
    else:
        p.add_run("Thực hiện Kế hoạch số 45-KH/BTGTU của Ban Tuyên giáo Tỉnh uỷ")
    big = d.add_table(rows=3, cols=3)
    for i in range(3):
        for j in range(3):
            big.cell(i, j).text = f"r{i}c{j}"
    d.save(str(path))


def test_docx_made_with_python_docx_reads_in_document_order(tmp_path: Path) -> None:
    path = tmp_path / "kh.docx"
    _make_docx(path)
    blocks = _blocks(read(path).text)
    assert blocks[0] == "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH"
    assert blocks[1] == "Số: 12/KH-UBND"
    assert blocks[2].startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert blocks[3] == "Quảng Ninh, ngày 03 tháng 4 năm 2024"
    assert blocks[4:6] == [
        "KẾ HOẠCH",
        "Thực hiện Kế hoạch số 45-KH/BTGTU của Ban Tuyên giáo Tỉnh uỷ",
    ]
    # a data table stays row by row
    assert blocks[6:9] == ["r0c0", "r0c1", "r0c2"]


def test_docx_legacy_font_runs_are_converted_by_font_name(tmp_path: Path) -> None:
    path = tmp_path / "legacy.docx"
    _make_docx(path, legacy=True)
    raw = read(path)
    assert "Thực hiện Kế hoạch số 45-KH/BTGTU của Ban Tuyên giáo Tỉnh uỷ" in raw.text
    assert "TỔ CHỨC THỰC HIỆN" in raw.text  # .VnTimeH: the capitals font
    assert raw.encoding == "tcvn3"


def test_docx_tcvn3_text_without_legacy_font_name_is_detected(tmp_path: Path) -> None:
    # the font was changed to a Unicode one but the bytes stayed TCVN3; "ư" is U+00AD
    import docx

    from vndocs.readers.legacy import encode

    sentence = "Ban Tuyên giáo Huyện uỷ xây dựng kế hoạch tuyên truyền, cụ thể như sau:"
    d = docx.Document()
    d.add_paragraph(
        encode("Thực hiện Kế hoạch của Ban Thường vụ Huyện uỷ về nhiệm vụ trọng tâm", "tcvn3")
    )
    d.add_paragraph(encode(sentence, "tcvn3"))
    path = tmp_path / "tcvn3.docx"
    d.save(str(path))
    raw = read(path)
    assert raw.encoding == "tcvn3"
    assert sentence in raw.text and "Thường vụ" in raw.text


def test_docx_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(b"This is not a zip archive at all" * 10)
    with pytest.raises(ReadError, match="not a valid ZIP"):
        read(path)


def test_docx_zip_without_document_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "xin chào")
    with pytest.raises(ReadError, match="no word/document.xml"):
        read(path)


def test_docx_zip_bomb_is_refused_from_the_directory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (40 * 1024 * 1024))  # ~1000x compression
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(ReadError, match="ZIP bomb"):
        read(path)


def test_docx_truncated_is_refused(tmp_path: Path) -> None:
    data = (CORPUS / "luat_24-2018-QH14_an-ninh-mang_ragluat.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReadError, match="corrupt .docx|not a valid ZIP"):
        read(path)


def test_word97_file_named_docx_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes((CORPUS / "hienphap_1992_68-LCT-HDNN8_vbpl.doc").read_bytes())
    with pytest.raises(ReadError, match="Word 97-2003 file named .docx"):
        read(path)


# --- HTML ---------------------------------------------------------------------------


def test_vbpl_page_gives_the_document_not_the_site() -> None:
    text = read(CORPUS / "hienphap_2013_vbpl_toanvan.html").text
    blocks = _blocks(text)
    assert blocks[0] == "QUỐC HỘI\nSố: Không số"
    assert blocks[1].startswith("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    assert "Hà Nội, ngày 28 tháng 11 năm 2013" in blocks[1]
    for chrome in (
        "Trang chủ",
        "Tìm kiếm",
        "Tải file đính kèm",
        "Gửi phản hồi",
        "Hiệu lực:",
        "CSDL",
    ):
        assert chrome not in text, chrome
    assert "\nĐiều 1\n" in text or "\nĐiều 1." in text


def test_vbpl_signature_table_is_one_block() -> None:
    # one-column table, one cell per line (hienphap_2013_vbpl_toanvan.html)
    text = read(CORPUS / "hienphap_2013_vbpl_toanvan.html").text
    assert _blocks(text)[-1] == "Chủ tịch Quốc hội\n(Đã ký)\nNguyễn Sinh Hùng"


def test_vbpl_properties_page_warns() -> None:
    raw = read(CORPUS / "vbpl_thuoctinh_page_sample.html")
    assert "101/2015/QH13" in raw.text
    assert any("Thuộc tính" in w for w in raw.warnings)


def test_html_scripts_menus_and_footer_are_dropped(tmp_path: Path) -> None:
    page = """<!DOCTYPE html><html><head><meta charset="windows-1258"><title>x</title>
    <style>p{color:red}</style><script>var a = "CHÍNH PHỦ";</script></head><body>
    <nav><a href="/">Trang chủ</a> <a href="/s">Tìm kiếm</a></nav>
    <div class="menu-top">Văn bản mới</div>
    <div id="main"><p><b>CHỈ THỊ</b></p><p>Về việc tăng cường
    công tác   phòng, chống lụt bão</p><p>Thủ tướng Chính phủ<br>yêu cầu:</p>
    <p>1. Các bộ, ngành thực hiện nghiêm túc.</p><p>2. Ủy ban nhân dân các tỉnh chủ trì.</p></div>
    <footer>Bản quyền thuộc về Cổng thông tin</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("utf-8").replace(b"windows-1258", b"utf-8"))
    text = read(path).text
    assert _blocks(text)[:3] == [
        "CHỈ THỊ",
        "Về việc tăng cường công tác phòng, chống lụt bão",
        "Thủ tướng Chính phủ\nyêu cầu:",
    ]
    for chrome in ("Trang chủ", "Văn bản mới", "Bản quyền", "var a", "color"):
        assert chrome not in text


# --- DOC ----------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword is not installed")
def test_doc_reads_through_antiword() -> None:
    raw = read(CORPUS / "hienphap_1992_68-LCT-HDNN8_vbpl.doc")
    assert raw.format == "doc"
    blocks = _blocks(raw.text)
    assert blocks[0] == "HIẾN PHÁP"
    assert "LỜI NÓI ĐẦU" in blocks
    assert "Điều 1" in blocks


def test_doc_table_rows_become_column_blocks() -> None:
    from vndocs.readers.doc import antiword_to_text

    raw = (
        "|QUỐC HỘI        |CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "|                |Độc lập – Tự do – Hạnh phúc        |\n"
        "|Số: 15/2012/QH13|Hà Nội, ngày 20 tháng 6 năm 2012   |\n"
        "\n\nLUẬT\nXử lý vi phạm hành chính\n"
    )
    assert _blocks(antiword_to_text(raw)) == [
        "QUỐC HỘI\nSố: 15/2012/QH13",
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\nHà Nội, ngày 20 tháng 6 năm 2012",
        "LUẬT",
        "Xử lý vi phạm hành chính",
    ]


def test_doc_without_converter_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import vndocs.readers.doc as doc_reader

    monkeypatch.setattr(doc_reader.shutil, "which", lambda name: None)
    with pytest.raises(ReadError) as info:
        read(CORPUS / "hienphap_1992_68-LCT-HDNN8_vbpl.doc")
    assert info.value.reason == (
        "legacy Word .doc needs antiword or LibreOffice to convert; install one "
        "(apt-get install antiword) or save the file as .docx"
    )


def test_doc_that_is_not_word_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.doc"
    path.write_bytes(b"hello, not a word file")
    with pytest.raises(ReadError, match="not a Word 97-2003 document"):
        read(path)


def test_html_saved_as_doc_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "page.doc"
    path.write_bytes(
        "<html><body><p>QUYẾT ĐỊNH</p><p>Về việc thành lập Ban chỉ đạo</p></body></html>".encode()
    )
    assert _blocks(read(path).text) == ["QUYẾT ĐỊNH", "Về việc thành lập Ban chỉ đạo"]


@pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword is not installed")
def test_truncated_doc_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.doc"
    path.write_bytes((CORPUS / "hienphap_1992_68-LCT-HDNN8_vbpl.doc").read_bytes()[:20000])
    with pytest.raises(ReadError, match="not a Word 97-2003 document|antiword could not convert"):
        read(path)


# --- through the pipeline -----------------------------------------------------------


def test_pdf_and_its_text_copy_parse_to_the_same_header() -> None:
    from vndocs import parse

    a = parse(CORPUS / "ct_21-CT-TTg_congbao.pdf").to_dict()
    b = parse(CORPUS / "ct_21-CT-TTg_congbao.txt").to_dict()
    for k in ("type", "number", "issuer", "date", "title"):
        assert a.get(k) == b.get(k), k
    assert a.get("pages") in (6, None)


# --- OCR (Tesseract) ------------------------------------------------------------


def _ocr_ready() -> bool:
    from vndocs.readers import ocr

    return ocr.available()


@pytest.mark.ocr
@pytest.mark.skipif("not __import__('shutil').which('tesseract')", reason="tesseract not installed")
def test_a_scanned_letter_is_read_by_ocr_with_its_header_columns_apart() -> None:
    # the page the dev gold's cv_1906 ..._p1_gt.txt transcribes: the parse of the scan gives the gold's header
    import json

    import vndocs

    assert _ocr_ready()
    raw = read(CORPUS / "cv_1906-SGDDT-CTrTT_danang_p1_scan.jpg")
    assert raw.format == "image" and any("OCR" in w for w in raw.warnings)
    lines = raw.text.splitlines()
    # the right column (national title, motto, place and date) is a block of its own, not interleaved
    i = next(k for k, ln in enumerate(lines) if ln.startswith("CỘNG HÒA XÃ HỘI"))
    assert lines[i - 1] == "" and lines[i + 1].startswith("Độc lập")
    gold = next(json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if "cv_1906" in x)
    d = vndocs.parse(CORPUS / "cv_1906-SGDDT-CTrTT_danang_p1_scan.jpg").to_dict()
    assert (d["type"], d["number"], d["date"]) == (gold["type"], gold["number"], gold["date"])
    assert d["issuer"] == gold["issuer"]  # "UBND THÀNH PHÓ ĐÀ NẴNG" as read, its header words given back
    assert d["title"].startswith("khẩn trương thực hiện các biện pháp phòng")  # the gold's, read through OCR noise


@pytest.mark.ocr
@pytest.mark.skipif("not __import__('shutil').which('tesseract')", reason="tesseract not installed")
def test_a_pdf_with_a_poor_text_layer_is_read_again_by_ocr() -> None:
    # cv_463x's own layer has no tone marks ("bao dam TTATGT cho HS"); OCR of its pages reads them
    from vndocs.readers.legacy import vietnamese_ratio

    assert _ocr_ready()
    raw = read(CORPUS / "cv_463x-SGDDT-CTrTT_danang_2019_scan-badocr.pdf")
    assert any("own text layer was poor" in w for w in raw.warnings)
    assert vietnamese_ratio(raw.text) > 0.8
    assert "bảo đảm" in raw.text.lower() or "đảm bảo" in raw.text.lower()


@pytest.mark.ocr
@pytest.mark.skipif("not __import__('shutil').which('tesseract')", reason="tesseract not installed")
def test_blank_pages_give_no_text_by_ocr(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    assert _ocr_ready()
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    path = tmp_path / "blank.pdf"
    pdf.save(str(path))
    pdf.close()
    with pytest.raises(ReadError, match="no text found by OCR"):
        read(path)
    (tmp_path / "junk.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 200)
    with pytest.raises(ReadError, match="corrupt or unreadable image"):
        read(tmp_path / "junk.jpg")


def test_ocr_cleans_the_marks_tesseract_reads_in_a_scan() -> None:
    from vndocs.readers.ocr import _clean_line

    # lines as Tesseract printed them for cv_1906 p1 (a rule's "_", a list dash read "~", "V/v" read "Ví")
    assert _clean_line("UBND THÀNH PHÓ ĐÀ NẴNG _") == "UBND THÀNH PHÓ ĐÀ NẴNG"
    assert _clean_line("SỞ GIÁO DỤC VÀ ĐÀO TẠO.") == "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    assert _clean_line("Ví khẩn trương thực hiện các biện") == "V/v khẩn trương thực hiện các biện"
    assert _clean_line("~ Các trường, trung tâm trực thuộc Sở;") == "- Các trường, trung tâm trực thuộc Sở;"
    assert _clean_line("Số: 1906 /SGDĐT-CTrTT") == "Số: 1906 /SGDĐT-CTrTT"
    # scan_vietadmin_3
    assert _clean_line("Vív thực hiện Thông báo số 496-TB/TU") == "V/v thực hiện Thông báo số 496-TB/TU"
    assert _clean_line("l. Căn cứ các nội dung có liên quan") == "1. Căn cứ các nội dung có liên quan"
    assert _clean_line("l. giao") == "l. giao"


def test_ocr_gives_a_header_s_fixed_words_their_spelling_back() -> None:
    from vndocs.readers.ocr import _fix_header_words

    # cv_1906 p1 and tb_02 as Tesseract read them
    assert _fix_header_words("UBND THÀNH PHÓ ĐÀ NẴNG") == "UBND THÀNH PHỐ ĐÀ NẴNG"
    assert _fix_header_words("CỘNG HOÀ XÃ HỌI CHỦ NGHĨA VIỆT NAM") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert _fix_header_words("Đặc lập - Tự do - Hạnh phúc") == "Đặc lập - Tự do - Hạnh phúc"  # "Đặc" folds apart: kept
    assert _fix_header_words("UỶ BAN NHÂN DÂN TỈNH") == "UỶ BAN NHÂN DÂN TỈNH"  # only the tone's place differs
    assert _fix_header_words("Số: 1906 /SGDĐT-CTrTT") == "Số: 1906 /SGDĐT-CTrTT"


@pytest.mark.ocr
@pytest.mark.skipif("not __import__('shutil').which('tesseract')", reason="tesseract not installed")
def test_an_image_claiming_a_huge_size_is_refused_before_ocr(tmp_path: Path) -> None:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 40000, 40000, 8, 2, 0, 0, 0)  # 1.6 billion pixels
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 100)) + chunk(b"IEND", b"")
    (tmp_path / "bomb.png").write_bytes(png)
    with pytest.raises(ReadError, match="image too large to read"):
        read(tmp_path / "bomb.png")


@pytest.mark.ocr
@pytest.mark.skipif("not __import__('shutil').which('tesseract')", reason="tesseract not installed")
def test_a_scanned_last_page_gives_its_signer_and_its_recipients() -> None:
    # cv_1906 p2: a signature's scribbles between "GIÁM ĐỐC" and the name, a "Nơi nhận:" the scan's italic lost
    import vndocs

    d = vndocs.parse(CORPUS / "cv_1906-SGDDT-CTrTT_danang_p2_scan.jpg")
    assert d.signer is not None and d.signer.position == "GIÁM ĐỐC"
    assert d.signer.name.endswith("Thị Bích Thuận")  # "Lê" is read "Tê"
    assert len(d.recipients) == 5 and d.recipients[0].text == "Bộ Giáo dục và Đào tạo"
    assert not any("Thành ủy" in t.assignee for t in d.tasks)


def test_ocr_drops_a_signature_s_scribbles_and_labels_a_lost_recipient_list() -> None:
    from vndocs.readers.ocr import _is_scribble, _label_recipients

    # the foot of cv_1906 p2 as Tesseract read it
    assert [_is_scribble(x) for x in ("\\&", "HH th", "Kông")] == [True, True, True]
    assert [_is_scribble(x) for x in ("Tê Thị Bích Thuận", "GIÁM ĐỐC", "- Lưu; VT, CHTT,", "UBND", "Huế")] == [False] * 5
    foot = ["trương triển khai thực hiện.,", "", "- Bộ Giáo dục và Đào tạo;", "- Trưởng phòng Sở;", "- Lưu; VT, CHTT,", "", "GIÁM ĐỐC"]
    assert _label_recipients(foot)[2:4] == ["Nơi nhận:", "- Bộ Giáo dục và Đào tạo;"]
    assert _label_recipients(["Nơi nhận:", "- Như trên;", "- Lưu: VT."]) == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]


@pytest.mark.ocr
@pytest.mark.skipif("not __import__('shutil').which('tesseract')", reason="tesseract not installed")
@pytest.mark.parametrize("turn", [180, 90])
def test_a_scan_fed_upside_down_or_sideways_is_turned(tmp_path: Path, turn: int) -> None:
    from PIL import Image

    import vndocs

    with Image.open(CORPUS / "cv_1906-SGDDT-CTrTT_danang_p1_scan.jpg") as im:
        im.rotate(turn, expand=True).save(tmp_path / "turned.png")
    d = vndocs.parse(tmp_path / "turned.png").to_dict()
    assert (d["number"], d["date"]) == ("1906/SGDĐT-CTrTT", "2020-07-26")
