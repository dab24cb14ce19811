"""Header rules, each with lines taken from real documents of the corpus."""

from __future__ import annotations

import pytest

from vndocs.extract.header import compose_issuer, extract_header, org_case
from vndocs.normalize import normalize


def header_of(text: str):  # noqa: ANN201 - test helper
    return extract_header(normalize(text).text)


@pytest.mark.parametrize(
    "header_text,number",
    [
        ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n\nSố: 308/KH-UBND\n\nKẾ HOẠCH\n", "308/KH-UBND"),
        ("TỈNH UỶ THÁI NGUYÊN\nBAN TUYÊN GIÁO\n*\nSố 45-KH/BTGTU\n\nKẾ HOẠCH\n", "45-KH/BTGTU"),
        ("BỘ TÀI CHÍNH\n\nSố:  372 /QĐ-BTC  Hà Nội, ngày       tháng      năm 2026\n\nQUYẾT ĐỊNH\n", "372/QĐ-BTC"),
        ("CHÍNH PHỦ\n\nSố: 30/2020/NĐ-CP\n\nNGHỊ ĐỊNH\n", "30/2020/NĐ-CP"),
        ("BAN CHẤP HÀNH TRUNG ƯƠNG\n\nSố 383-QĐ/TW\n\nQUY ĐỊNH\n", "383-QĐ/TW"),
        ("BAN CHẤP HÀNH TRUNG ƯƠNG\nVĂN PHÒNG\n*\nSố: 11-HD/VPTW\n\nHƯỚNG DẪN\n", "11-HD/VPTW"),
        ("CỤC THUẾ\nTHUẾ TỈNH VĨNH LONG\n\nSố: 1539/VLO-QLDN3\nV/v trả lãi tiền vay cho cổ đông\n", "1539/VLO-QLDN3"),
        ("QUỐC HỘI\n\nLuật số: 69/2020/QH14\n\nLUẬT\n", "69/2020/QH14"),
    ],
)
def test_number_shapes(header_text: str, number: str) -> None:
    h = header_of(header_text)
    assert h.number is not None and h.number.value == number


def test_party_and_state_systems() -> None:
    party = header_of("TỈNH UỶ THÁI NGUYÊN\nBAN TUYÊN GIÁO\n*\nSố 45-KH/BTGTU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nThái Nguyên, ngày 27 tháng 7 năm 2022\n\nKẾ HOẠCH\n")
    assert party.system == "party"
    state = header_of("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\n\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 06/CT-UBND\n\nCHỈ THỊ\n")
    assert state.system == "state"


@pytest.mark.parametrize(
    "line,place,date",
    [
        ("Hà Nội, ngày 17 tháng 11 năm 2025", "Hà Nội", "2025-11-17"),
        ("Quảng Trị, ngày 25 tháng 11 năm 2025", "Quảng Trị", "2025-11-25"),
        ("Hà Nội, ngày 20 tháng 0 7 năm 2018", "Hà Nội", "2018-07-20"),  # nd_102: a digit split by the copy
        ("Độc lập - Tự do - Hạnh phúc Đà Nẵng, ngày 26 tháng 7 năm 2020", "Đà Nẵng", "2020-07-26"),
        ("Thành phố Hồ Chí Minh, ngày 18 tháng 11 năm 2025", "Thành phố Hồ Chí Minh", "2025-11-18"),
    ],
)
def test_place_and_date(line: str, place: str, date: str) -> None:
    h = header_of(f"CHÍNH PHỦ\n\nSố: 1/NQ-CP\n\n{line}\n\nNGHỊ QUYẾT\n")
    assert h.place is not None and h.place.value == place
    assert h.date is not None and h.date.value == date


def test_blank_date_line_keeps_place_and_no_date() -> None:
    # qd_372: "Hà Nội, ngày       tháng      năm 2026" is not filled in
    h = header_of("BỘ TÀI CHÍNH\n\nSố:  372 /QĐ-BTC  Hà Nội, ngày       tháng      năm 2026\n\nQUYẾT ĐỊNH\nVề việc đính chính\n")
    assert h.date is None
    assert h.place is not None and h.place.value == "Hà Nội"


@pytest.mark.parametrize(
    "units,issuer",
    [
        (["ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"], "Ủy ban nhân dân thành phố Hà Nội"),
        (["UBND THÀNH PHỐ ĐÀ NẴNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"], "Sở Giáo dục và Đào tạo thành phố Đà Nẵng"),
        (["TỈNH ỦY THÁI NGUYÊN", "BAN TUYÊN GIÁO"], "Ban Tuyên giáo Tỉnh ủy Thái Nguyên"),
        (["CỤC THUẾ", "THUẾ TỈNH VĨNH LONG"], "Thuế tỉnh Vĩnh Long"),
        (["VĂN PHÒNG CHÍNH PHỦ"], "Văn phòng Chính phủ"),
        (["ĐẢNG BỘ TỈNH THÁI NGUYÊN", "HUYỆN UỶ ĐỊNH HOÁ"], "Huyện uỷ Định Hoá"),
        (["HUYỆN UỶ ĐỊNH HOÁ", "BAN TUYÊN GIÁO"], "Ban Tuyên giáo Huyện uỷ Định Hoá"),
        (["BỘ TÀI CHÍNH", "TỔNG CỤC THUẾ"], "Tổng cục Thuế"),
        (["ĐẢNG BỘ TỈNH THÁI NGUYÊN", "BAN TUYÊN GIÁO TỈNH ỦY"], "Ban Tuyên giáo Tỉnh ủy Thái Nguyên"),
        (["ĐẢNG BỘ HUYỆN ĐỊNH HÓA", "ĐẢNG ỦY XÃ BẢO CƯỜNG"], "Đảng ủy xã Bảo Cường"),
        (["HĐND TỈNH HÀ GIANG"], "Hội đồng nhân dân tỉnh Hà Giang"),
    ],
)
def test_issuer_composition(units: list[str], issuer: str) -> None:
    assert compose_issuer(units)[0] == issuer


def test_issuer_split_over_lines_is_one_name() -> None:
    h = header_of("VĂN PHÒNG CHÍNH\nPHỦ\n\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 636/TB-VPCP\n\nTHÔNG BÁO\n")
    assert h.issuer is not None and h.issuer.value == "Văn phòng Chính phủ"


@pytest.mark.parametrize(
    "line,parts",
    [
        ("BỘ TÀI CHÍNH TỔNG CỤC THUẾ", ["BỘ TÀI CHÍNH", "TỔNG CỤC THUẾ"]),
        ("UBND THÀNH PHỐ ĐÀ NẴNG SỞ GIÁO DỤC VÀ ĐÀO TẠO", ["UBND THÀNH PHỐ ĐÀ NẴNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"]),
        ("ỦY BAN NHÂN DÂN TỈNH HÀ GIANG", ["ỦY BAN NHÂN DÂN TỈNH HÀ GIANG"]),
        ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", ["TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"]),
        ("BAN CHỈ ĐẠO PHÒNG, CHỐNG THAM NHŨNG", ["BAN CHỈ ĐẠO PHÒNG, CHỐNG THAM NHŨNG"]),
    ],
)
def test_split_flattened_header_cell(line: str, parts: list[str]) -> None:
    from vndocs.extract.header import split_flattened

    assert split_flattened(line) == parts


def test_org_case_keeps_mixed_case() -> None:
    assert org_case("Ban Tuyên giáo Huyện ủy") == "Ban Tuyên giáo Huyện ủy"


def test_title_after_type_line_and_vv() -> None:
    h = header_of("KẾ HOẠCH\n\nTuyên truyền về “Ngày hội toàn dân bảo vệ an ninh Tổ quốc“ năm 2022\n\nThực hiện Kế hoạch số 45-KH/BTGTU\n")
    assert h.type is not None and h.type.value == "Kế hoạch"
    assert h.title is not None and h.title.value.startswith("Tuyên truyền về")
    cv = header_of("CỤC THUẾ\nTHUẾ TỈNH VĨNH LONG\n\nSố: 1539/VLO-QLDN3\nV/v trả lãi tiền vay cho cổ đông\n\nVĩnh Long, ngày 02 tháng 12 năm 2025\n\nNgày 18/11/2025, Thuế tỉnh Vĩnh Long có nhận được Công văn số 144/2025/CV-BSGBTr ngày 17/11/2025 của công ty.\n")
    assert cv.type is not None and cv.type.value == "Công văn"
    assert cv.title is not None and cv.title.value == "trả lãi tiền vay cho cổ đông"


def test_old_style_identification_line_is_not_the_title() -> None:
    h = header_of("BỘ XÂY DỰNG\n\nSố: 04/2001/TT-BXD\n\nTHÔNG TƯ\n\nCỦA BỘ XÂY DỰNG SỐ 04/2001/TT-BXD NGÀY 20 THÁNG 8 NĂM 2001 HƯỚNG DẪN BỔ SUNG VIỆC HỖ TRỢ\n")
    assert h.title is not None and h.title.value.startswith("HƯỚNG DẪN BỔ SUNG")


def test_marks() -> None:
    h = header_of("BỘ NỘI VỤ\n\nHỎA TỐC\nMẬT\n\nSố: 15/QĐ-BNV\n\nQUYẾT ĐỊNH\n")
    assert h.urgency is not None and h.urgency.value == "Hỏa tốc"
    assert h.confidentiality is not None and h.confidentiality.value == "Mật"


def test_type_and_title_on_one_line() -> None:
    h = header_of(
        "VĂN PHÒNG CHÍNH PHỦ\n\nSố: 627/TB-VPCP\n\nHà Nội, ngày 18 tháng 11 năm 2025\n\n"
        "THÔNG BÁO KẾT LUẬN CỦA THỦ TƯỚNG CHÍNH PHỦ\nTẠI CUỘC HỌP\n\nNgày 14 tháng 11 năm 2025, Thủ tướng Chính phủ đã chủ trì.\n"
    )
    assert h.type is not None and h.type.value == "Thông báo"
    assert h.title is not None and h.title.value == "KẾT LUẬN CỦA THỦ TƯỚNG CHÍNH PHỦ TẠI CUỘC HỌP"
