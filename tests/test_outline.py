"""Outline rules: markers, closed numbering sets, nesting, body bounds."""

from __future__ import annotations

import pytest

from vndocs.extract.outline import POINT_LETTERS, extract_outline, match_marker, ordinal, roman_value


def test_point_letters_are_the_vietnamese_alphabet() -> None:
    # DOMAIN.md §3.1: a b c d đ e g h i k l m n o p q r s t u v x y
    assert "".join(POINT_LETTERS) == "abcdđeghiklmnopqrstuvxy"
    for i, letter in enumerate(POINT_LETTERS, 1):
        assert match_marker(f"{letter}) nội dung")[0] == "letter"  # type: ignore[index]
        assert ordinal("letter", letter) == i


ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]


@pytest.mark.parametrize("value,numeral", list(enumerate(ROMANS, 1)))
def test_roman_numerals(value: int, numeral: str) -> None:
    assert roman_value(numeral) == value
    mk = match_marker(f"{numeral}. TỔ CHỨC THỰC HIỆN")
    assert mk is not None and mk[0] == "roman" and mk[1] == numeral
    mk2 = match_marker(f"{numeral}- QUY ĐỊNH CHUNG")  # Party style
    assert mk2 is not None and mk2[0] == "roman"


@pytest.mark.parametrize(
    "line,kind,label",
    [
        ("Phần I", "part", "Phần I"),
        ("Phần thứ nhất", "part", "Phần thứ nhất"),
        ("Chương II", "chapter", "Chương II"),
        ("Mục 1. QUY ĐỊNH CHUNG", "section", "Mục 1"),
        ("Điều 5. Hiệu lực thi hành", "article", "Điều 5"),
        ("Điều 5a. Nội dung", "article", "Điều 5a"),
        ("1.1. Xây dựng các Chiến lược", "decimal", "1.1"),
        ("1.2.3 Nội dung", "decimal", "1.2.3"),
        ("1- Các cấp ủy", "arabic", "1"),
        ("2. Yêu cầu", "arabic", "2"),
        ("(1) Nội dung", "paren", "1"),
        ("- Đơn vị chủ trì: Sở Khoa học và Công nghệ.", "dash", "-"),
        ("+ Nội dung", "plus", "+"),
    ],
)
def test_markers(line: str, kind: str, label: str) -> None:
    mk = match_marker(line)
    assert mk is not None and mk[0] == kind and mk[1].rstrip(".") == label


@pytest.mark.parametrize("line", ["Mục đích", "Chương trình hành động", "Phần mềm", "Điều kiện"])
def test_words_that_only_look_like_markers(line: str) -> None:
    mk = match_marker(line)
    assert mk is None or mk[0] not in ("part", "chapter", "section", "article")


def test_party_roman_over_articles() -> None:
    # QĐ 66-QĐ/TW style: I- QUY ĐỊNH CHUNG / Điều 1.
    text = (
        "QUY ĐỊNH\n\nVề phông lưu trữ\n\nBan Bí thư quy định như sau:\n\nI- QUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi\n\nNội dung.\n\n"
        "Điều 2. Đối tượng\n\nNội dung.\n\nII- QUY ĐỊNH CỤ THỂ\n\nĐiều 3. Trách nhiệm\n\nNội dung.\n"
    )
    out = extract_outline(text)
    assert [s.label for s in out.sections] == ["I", "II"]
    assert [c.label for c in out.sections[0].children] == ["Điều 1", "Điều 2"]


def test_number_at_line_start_out_of_sequence_is_text() -> None:
    text = "KẾ HOẠCH\n\nVề việc\n\n1. Mục đích\n\nNội dung\n\n50-100mm mưa ở nhiều nơi\n\n2. Yêu cầu\n\nNội dung\n"
    out = extract_outline(text)
    assert [s.label for s in out.sections] == ["1", "2"]


def test_quoted_articles_are_not_sections() -> None:
    text = (
        "QUYẾT ĐỊNH\n\nVề việc sửa đổi\n\nBỘ TRƯỞNG BỘ NỘI VỤ\n\nCăn cứ Luật Tổ chức Chính phủ;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Sửa đổi như sau:\n\n“Điều 3. Phạm vi\n\n1. Nội dung được trích dẫn.”\n\n"
        "Điều 2. Hiệu lực thi hành\n\nQuyết định này có hiệu lực./.\n"
    )
    out = extract_outline(text)
    assert [s.label for s in out.sections] == ["Điều 1", "Điều 2"]
    assert out.enacting is not None


def test_body_ends_at_noi_nhan_and_annex_is_outside() -> None:
    text = "QUYẾT ĐỊNH:\n\nĐiều 1. Ban hành.\n\nĐiều 2. Thi hành./.\n\nNơi nhận:\n- Như Điều 2;\n\nPhần I.\n\nDANH MỤC\n"
    out = extract_outline(text)
    assert [s.label for s in out.sections] == ["Điều 1", "Điều 2"]
