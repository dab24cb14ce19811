"""Property and fuzz tests (hypothesis) over the readers and the extractors.

Whatever the bytes or the text, ``vndocs.parse`` returns a Document whose spans
lie inside its text, or raises a :class:`vndocs.errors.VndocsError` subclass;
nothing else escapes. Inputs: random bytes under every extension, real PDFs and
.docx files of ``corpora/docs`` with bytes flipped, cut or inserted, and texts
assembled from pieces of official documents mixed with junk (control
characters, ESC sequences, NFD, huge numbers, stray markup).

``max_examples`` is kept modest (25; ``VNDOCS_FUZZ_EXAMPLES=500`` for a longer
hunt) so the suite runs in well under a minute; failing examples hypothesis
finds are replayed from its example database.
"""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vndocs
from vndocs.errors import VndocsError
from vndocs.models import Span

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "docs"
REAL_PDF = CORPUS / "nq_113-NQ-CP_congbao.pdf"
REAL_DOCX = CORPUS / "luat_134-2025-QH15_tri-tue-nhan-tao_ragluat.docx"
REAL_TXT = CORPUS / "kh_ngay-hoi-bao-ve-antq-2022_btg-huyen-uy.txt"
REAL_MD = CORPUS / "kh_308-KH-UBND_hanoi_tnt305.md"

FUZZ = settings(
    max_examples=int(os.environ.get("VNDOCS_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

EXTS = [".txt", ".md", ".pdf", ".docx", ".doc", ".html", ".htm", ".markdown", ""]


def _spans(node: Any) -> list[list[int]]:
    """Every ``span`` / ``spans`` value in a ``to_dict()`` tree."""
    out: list[list[int]] = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "span" and isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) for x in v):
                out.append(v)
            elif k == "spans" and isinstance(v, dict):
                out.extend(x for x in v.values() if isinstance(x, list) and len(x) == 2)
            else:
                out.extend(_spans(v))
    elif isinstance(node, list):
        for v in node:
            out.extend(_spans(v))
    return out


def check_outcome(target: Any) -> str:
    """Parse ``target``; a Document must be consistent, an error must be a VndocsError."""
    try:
        doc = vndocs.parse(target)
    except VndocsError as e:
        message = str(e)
        assert message.strip(), "empty error message"
        assert "\n" not in message.strip(), f"error message on several lines: {message!r}"
        return "error"
    data = doc.to_dict()
    json.dumps(data, ensure_ascii=False)
    n = len(doc.text)
    for start, end in _spans(data):
        assert 0 <= start <= end <= n, f"span {start, end} outside a text of {n} characters"
    return "ok"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------
# Bytes


@FUZZ
@given(data=st.binary(min_size=0, max_size=4096), ext=st.sampled_from(EXTS))
def test_random_bytes_under_any_extension(tmp_path_factory: pytest.TempPathFactory, data: bytes, ext: str) -> None:
    path = _write(tmp_path_factory.mktemp("bytes"), f"fuzz{ext}", data)
    check_outcome(path)


MAGIC = [b"%PDF-1.7\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b"\xff\xfe",
         b"<html>", b"\xff\xd8\xff", b""]


@FUZZ
@given(magic=st.sampled_from(MAGIC), data=st.binary(max_size=2048), ext=st.sampled_from(EXTS))
def test_magic_bytes_then_junk(tmp_path_factory: pytest.TempPathFactory, magic: bytes, data: bytes, ext: str) -> None:
    """A file that starts like a PDF, ZIP, OLE, BOM or JPEG and continues with junk."""
    path = _write(tmp_path_factory.mktemp("magic"), f"magic{ext}", magic + data)
    check_outcome(path)


def _mutate(data: bytes, edits: list[tuple[str, int, bytes]]) -> bytes:
    buf = bytearray(data)
    for kind, pos, chunk in edits:
        i = pos % max(len(buf), 1)
        if kind == "flip":
            buf[i : i + len(chunk)] = chunk
        elif kind == "insert":
            buf[i:i] = chunk
        elif kind == "delete":
            del buf[i : i + len(chunk) * 37]
        elif kind == "cut":
            del buf[i:]
    return bytes(buf)


EDITS = st.lists(
    st.tuples(st.sampled_from(["flip", "insert", "delete", "cut"]), st.integers(min_value=0, max_value=1 << 24),
              st.binary(min_size=1, max_size=16)),
    min_size=1,
    max_size=8,
)


@FUZZ
@given(edits=EDITS)
def test_corrupted_real_pdf(tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, int, bytes]]) -> None:
    path = _write(tmp_path_factory.mktemp("pdf"), "corrupt.pdf", _mutate(REAL_PDF.read_bytes(), edits))
    check_outcome(path)


@FUZZ
@given(edits=EDITS)
def test_corrupted_real_docx(tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, int, bytes]]) -> None:
    path = _write(tmp_path_factory.mktemp("docx"), "corrupt.docx", _mutate(REAL_DOCX.read_bytes(), edits))
    check_outcome(path)


@FUZZ
@given(xml=st.text(max_size=300), wrap=st.booleans())
def test_docx_with_junk_document_xml(tmp_path_factory: pytest.TempPathFactory, xml: str, wrap: bool) -> None:
    """A valid ZIP whose ``word/document.xml`` is random (or randomly filled) XML."""
    import io
    import zipfile
    from xml.sax.saxutils import escape

    if wrap:
        xml = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
               f"<w:p><w:r><w:t>{escape(xml)}</w:t></w:r></w:p></w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(REAL_DOCX) as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            payload = xml.encode("utf-8", "surrogatepass") if info.filename == "word/document.xml" else src.read(info)
            dst.writestr(info.filename, payload)
    path = _write(tmp_path_factory.mktemp("docxml"), "junk.docx", buf.getvalue())
    check_outcome(path)


@FUZZ
@given(edits=EDITS, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1258", "latin-1"]))
def test_corrupted_real_text_in_any_encoding(tmp_path_factory: pytest.TempPathFactory,
                                             edits: list[tuple[str, int, bytes]], encoding: str) -> None:
    raw = REAL_TXT.read_text("utf-8").encode(encoding, "replace")
    path = _write(tmp_path_factory.mktemp("txt"), "corrupt.txt", _mutate(raw, edits))
    check_outcome(path)


# ---------------------------------------------------------------------------
# Text


PIECES = [
    "ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    "HUYỆN ỦY ĐẠI TỪ", "BAN TUYÊN GIÁO", "ỦY BAN NHÂN DÂN", "TỈNH THÁI NGUYÊN", "*", "-----",
    "Số: 12-KH/BTGHU", "Số: 308/KH-UBND", "Số:", "Đại Từ, ngày 05 tháng 8 năm 2022", "Hà Nội, ngày tháng năm",
    "KẾ HOẠCH", "QUYẾT ĐỊNH", "CHỈ THỊ", "KẾT LUẬN", "V/v", "Tuyên truyền Ngày hội toàn dân",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;",
    "Thực hiện Kế hoạch số 45-KH/BTGTU, ngày 27/7/2022 của Ban Tuyên giáo Tỉnh ủy,",
    "Kết luận 44", "Luật số 24/2018/QH14", "Điều 1.", "Điều 2", "Chương I", "I. MỤC ĐÍCH, YÊU CẦU", "II.", "1.",
    "1.1.", "a)", "đ)", "-", "+", "Giao Sở Tư pháp chủ trì, phối hợp với UBND các huyện", "thực hiện",
    "trước ngày 31/12/2022", "hằng quý", "trong tháng 8/2022", "Báo cáo kết quả về Ban Thường vụ Huyện ủy",
    "Nơi nhận:", "- Như trên;", "- Lưu VT.", "T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A",
    "(UBND)", "Ủy ban nhân dân (sau đây gọi tắt là UBND)", "| ô | ô |", "|---|---|", "**", "#", "[x](y)",
    "\x1b[31m", "\x1b]0;title\x07", "<script>alert(1)</script>", "\u202e", "\u200b", "\ufeff", "\x00", "\x85",
    "9" * 40, "/" * 30, "ngày 99 tháng 99 năm 99999", "Ủy", "Uỷ", "hoà", "hòa",
]


def _vietnamese_text() -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(PIECES), st.text(max_size=20))
    sep = st.sampled_from(["\n", "\n\n", " ", "\t", "\r\n", "", "\n   "])
    return st.lists(st.tuples(piece, sep), max_size=60).map(lambda xs: "".join(p + s for p, s in xs))


@FUZZ
@given(text=_vietnamese_text(), nfd=st.booleans())
def test_parse_text_pieces_never_crashes_and_spans_fit(text: str, nfd: bool) -> None:
    if nfd:
        text = unicodedata.normalize("NFD", text)
    check_outcome(text + "\nend")  # a newline: parsed as text, never as a path


@FUZZ
@given(text=st.text(max_size=2000))
def test_parse_any_unicode_text(text: str) -> None:
    check_outcome(text + "\n")


@FUZZ
@given(text=_vietnamese_text())
def test_parse_text_as_markdown_file(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = _write(tmp_path_factory.mktemp("md"), "fuzz.md", text.encode("utf-8", "surrogatepass"))
    check_outcome(path)


@FUZZ
@given(text=st.text(max_size=3000))
def test_normalize_maps_every_position_back_into_the_source(text: str) -> None:
    from vndocs.normalize import normalize

    nt = normalize(text)
    assert unicodedata.is_normalized("NFC", nt.text)
    n = len(nt.text)
    for i in range(0, n + 1, max(1, n // 50)):
        back = nt.to_source(Span(i, min(i + 3, n)))
        assert 0 <= back.start <= back.end <= len(text)


@FUZZ
@given(data=st.binary(max_size=4096))
def test_decode_bytes_never_raises(data: bytes) -> None:
    from vndocs.readers.encodings import decode_bytes

    text, encoding = decode_bytes(data)
    assert text is None or isinstance(text, str)
    assert isinstance(encoding, str)


@FUZZ
@given(md=st.text(alphabet=st.sampled_from(list("|*_-[]()#>!`\\ \n:abđ=")), max_size=3000))
def test_markdown_markup_soup(md: str) -> None:
    """Markdown made only of markup characters: stripped without error."""
    from vndocs.readers.markdown import markdown_to_text

    out = markdown_to_text(md)
    assert isinstance(out, str)
