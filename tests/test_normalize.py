"""Normalization: NFC with offset maps, tone-placement keys, folding, line joining."""

from __future__ import annotations

import unicodedata

import pytest

from vndocs.models import Span
from vndocs.normalize import fold, key, normalize, normalize_number, should_join, to_nfc, tone_key

# open oa/oe/uy syllables: both tone placements give one key (DOMAIN.md §6.2)
TONE_PAIRS = [
    ("hoà", "hòa"), ("hoá", "hóa"), ("hoả", "hỏa"), ("hoã", "hõa"), ("hoạ", "họa"),
    ("khoẻ", "khỏe"), ("khoè", "khòe"), ("thuỷ", "thủy"), ("tuỳ", "tùy"), ("luỹ", "lũy"),
    ("uỷ", "ủy"), ("Uỷ", "Ủy"), ("HOÀ", "HÒA"), ("UỶ", "ỦY"), ("Thanh Hoá", "Thanh Hóa"),
    ("Tỉnh uỷ", "Tỉnh ủy"), ("Khánh Hoà", "Khánh Hòa"), ("thuý", "thúy"),
]


@pytest.mark.parametrize("a,b", TONE_PAIRS)
def test_tone_placements_share_one_key(a: str, b: str) -> None:
    assert key(a) == key(b)
    assert tone_key(a) == b


# closed syllables and qu/gi onsets are never touched (DOMAIN.md §6.2)
UNTOUCHED = ["hoàn", "hoằng", "thuyền", "huỳnh", "suýt", "khoảng", "quý", "quả", "già", "quỳnh", "toàn"]


@pytest.mark.parametrize("word", UNTOUCHED)
def test_tone_key_leaves_closed_syllables_and_qu(word: str) -> None:
    assert tone_key(word) == word


def test_key_is_nfc_and_nfd_insensitive() -> None:
    nfd = unicodedata.normalize("NFD", "Quyết định Uỷ ban")
    assert key(nfd) == key("QUYẾT ĐỊNH ỦY BAN")


@pytest.mark.parametrize(
    "text,folded",
    [("Đảng bộ", "dang bo"), ("an ninh Tổ quốc", "an ninh to quoc"), ("Uỷ ban", "uy ban"), ("HĐND", "hdnd")],
)
def test_fold_removes_marks_and_d_bar(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    "raw,clean",
    [
        ("1206 /QĐ-HVTC", "1206/QĐ-HVTC"),  # DOMAIN.md §1.3 stray spaces
        ("367 - QĐ/TWĐTN-VP", "367-QĐ/TWĐTN-VP"),
        ("372 /QĐ-BTC", "372/QĐ-BTC"),
        ("111/2013/TT- BTC", "111/2013/TT-BTC"),  # cv_1539 prints "TT- BTC"
        ("45–KH/BTGTU", "45-KH/BTGTU"),  # en dash
    ],
)
def test_normalize_number(raw: str, clean: str) -> None:
    assert normalize_number(raw) == clean


def test_nfc_map_points_back_to_decomposed_source() -> None:
    src = "Số " + unicodedata.normalize("NFD", "Quyết định") + " này"
    text, m = to_nfc(src)
    assert text == "Số Quyết định này"
    start = text.index("Quyết")
    sp = m.span(Span(start, start + len("Quyết định")))
    assert unicodedata.normalize("NFC", src[sp.start : sp.end]) == "Quyết định"
    after = text.index("này")
    assert src[m.span(Span(after, after + 3)).start :].startswith("này")


@pytest.mark.parametrize(
    "prev,nxt,joined",
    [
        # a Công báo hard wrap in the middle of a sentence
        ("Căn cứ Luật Bảo hiểm y tế ngày 14 tháng 11 năm 2008; Luật sửa đổi,", "bổ sung một số điều", True),
        ("Thực hiện Nghị quyết số", "214/NQ-CP ngày 23/7/2025 của Chính phủ", True),
        # a number broken after its hyphen or slash (tt_08, qd_169 Công báo text)
        ("chứng thực thông điệp dữ liệu được quy định tại Thông tư số 53/2025/TT-", "BKHCN ngày 31 tháng 12 năm 2025 của Bộ Khoa học", True),
        ("Được thay thế bởi Nghị định 104/2022/", "NĐ-CP ngày 21/12/2022 của Chính phủ", True),
        # an article's heading starts its line after a comma (vbhn_113: a footnote ran over the page)
        ("Luật số 31/2024/QH15, Luật số 33/2024/QH15, Luật số 43/2024/QH15,", "Điều 19. Hiệu lực thi hành", False),
        # a new item, a heading in capitals, the end of a sentence
        ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;", "Căn cứ Luật Bảo hiểm y tế", False),
        ("I. MỤC ĐÍCH,", "YÊU CẦU", False),
        ("đẩy mạnh công tác tuyên truyền", "- Tuyên truyền hiệu quả", False),
        ("PHÓ CHỦ TỊCH", "Trương Việt Dũng", False),
        ("Nơi nhận:", "- Bộ Công An;", False),
    ],
)
def test_should_join(prev: str, nxt: str, joined: bool) -> None:
    assert should_join(prev, nxt) is joined


def test_short_heading_is_not_joined_to_its_paragraph() -> None:
    # cv_1906: "2. Về thực hiện ... COVID-19" stands above a long paragraph
    long = "Thủ trưởng các đơn vị, trường học có trách nhiệm quán triệt, triển khai thực hiện nghiêm túc " * 3
    assert not should_join("2. Về thực hiện các biện pháp phòng, chống dịch COVID-19", long, width=len(long))


def test_normalize_keeps_length_of_joined_text() -> None:
    nt = normalize("Thực hiện Nghị quyết số\n214/NQ-CP ngày 23/7/2025.\n")
    assert nt.text == "Thực hiện Nghị quyết số 214/NQ-CP ngày 23/7/2025.\n"
    assert nt.to_source(Span(0, 9)) == Span(0, 9)


# ---------------------------------------------------------------- syllables broken by spaces


def test_broken_syllables_of_a_web_copy_are_joined():
    from vndocs.normalize import rejoin_syllables

    # cv_2638_2019, cv_2864_2015, qd_1351_2022, tt_101_2018 (congbot copies), as printed
    cases = {
        "BỘ LAO ĐỘNG - THƯƠNG BINH V À X Ã HỘI; B Ộ trưởng": "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI; BỘ trưởng",
        "- Nh ư tr ê n;\n- Thứ tr ưở n g": "- Như trên;\n- Thứ trưởng",
        "CHỦ TỊCH Đặ ng Văn Minh, tỉnh Qu ả ng Nam, X ã": "CHỦ TỊCH Đặng Văn Minh, tỉnh Quảng Nam, Xã",
        "Ủy ban Giám sát t à i chính Quốc gia; Mặt tr ận": "Ủy ban Giám sát tài chính Quốc gia; Mặt trận",
    }
    for broken, joined in cases.items():
        text, _ = rejoin_syllables(broken)
        assert text == joined
    # the map leads back to the text as read
    broken = "THƯƠNG BINH V À X Ã HỘI"
    text, m = rejoin_syllables(broken)
    j = text.index("XÃ")
    sp = m.span(Span(j, j + 2))
    assert broken[sp.start : sp.end] == "X Ã"
    assert broken[m.span(Span(j + 3, j + 6)).start :].startswith("HỘI")


def test_ordinary_texts_are_left_alone():
    from vndocs.normalize import rejoin_syllables

    for text in (
        "Bên B có trách nhiệm; điểm b khoản 2 và c khoản 3; mẫu số C và D",  # labels before words
        "0,006 x a và 0,12 x e",  # a formula (nq_35-2025-NQ-HDND)
        "Sở Tài chính chủ trì, phối hợp với Sở Tư pháp.",  # one broken-looking pair is not enough
    ):
        out, _ = rejoin_syllables(text)
        assert out is text
