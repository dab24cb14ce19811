"""Document identity keys (DOMAIN.md §1.2, §2.3) and user-typed references."""

from __future__ import annotations

import pytest

from vndocs.errors import VndocsError
from vndocs.identity import (
    RefQuery,
    RefSyntaxError,
    candidates,
    document_key,
    is_ambiguous,
    locality_of,
    number_system,
    number_type,
    parse_ref,
)

KEY_CASES = [
    # (type, number, date, issuer, expected key)
    ("Nghị định", "30/2020/NĐ-CP", "2020-03-05", "Chính phủ", "state:30/2020/NĐ-CP"),
    # a State number without year restarts every year
    ("Kế hoạch", "308/KH-UBND", "2025-11-17", "UBND thành phố Hà Nội", "state:308/KH-UBND@2025"),
    ("Kế hoạch", "308 /KH-UBND", None, None, "state:308/KH-UBND@?"),
    # Party: year, plus the locality of a local committee
    ("Kế hoạch", "45-KH/BTGTU", "2022-07-27", "Ban Tuyên giáo Tỉnh ủy Thái Nguyên", "party:45-KH/BTGTU@2022~thai nguyen"),
    ("Kế hoạch", "45-KH/BTGTU", "2022-07-27", "Ban Tuyên giáo Tỉnh uỷ", "party:45-KH/BTGTU@2022"),
    # central bodies need no locality
    ("Kết luận", "44-KL/TW", "2019-01-22", "Ban Bí thư", "party:44-KL/TW@2019"),
    ("Chỉ thị", "09-CT/TW", None, "Ban Bí thư", "party:09-CT/TW@?"),
    # documents cited by name
    ("Luật", None, "2015-06-19", None, "name:luật:tổ chức chính phủ@2015"),
]


@pytest.mark.parametrize("typ,number,date,issuer,expected", KEY_CASES)
def test_document_key(typ, number, date, issuer, expected):
    title = "Tổ chức Chính phủ" if number is None else None
    assert document_key(typ, number, date, issuer, None, title=title) == expected


def test_document_key_tone_placement_and_case_do_not_matter_for_names():
    a = document_key("Luật", None, None, title="Tổ chức chính quyền địa phương")
    b = document_key("Luật", None, None, title="tổ chức Chính quyền địa phương")
    assert a == b


def test_key_ambiguity_and_candidates():
    k = document_key("Kế hoạch", "45-KH/BTGTU", None, None, None)
    assert is_ambiguous(k)
    assert not is_ambiguous("state:30/2020/NĐ-CP")
    known = ["party:45-KH/BTGTU@2022~thai nguyen", "party:45-KH/BTGTU@2023", "state:45/KH-UBND@2022"]
    assert candidates(k, known) == known[:2]
    assert candidates("party:45-KH/BTGTU@2022", known) == known[:1]
    assert candidates("party:45-KH/BTGTU@2022~bac kan", known) == []
    assert candidates("state:30/2020/NĐ-CP", ["state:30/2020/NĐ-CP"]) == ["state:30/2020/NĐ-CP"]


@pytest.mark.parametrize(
    "number,system,typ",
    [
        ("45-KH/BTGTU", "party", "Kế hoạch"),
        ("08-QĐi/TW", "party", "Quy định"),
        ("127-QĐ/TW", "party", "Quyết định"),
        ("30/2020/NĐ-CP", "state", "Nghị định"),
        ("01/2011/TT-BNV", "state", "Thông tư"),
        ("2214/BXD-QLN", "state", "Công văn"),
        ("64/2025/QH15", "state", "Luật"),
        ("70/2025/UBTVQH15", "state", "Nghị quyết"),
        ("nonsense", None, None),
    ],
)
def test_number_shape(number, system, typ):
    assert number_system(number) == system
    assert number_type(number) == typ


@pytest.mark.parametrize(
    "issuer,locality",
    [
        ("Ủy ban nhân dân tỉnh Lai Châu", "lai chau"),
        ("Huyện uỷ Định Hoá", "dinh hoa"),
        ("Ban Tuyên giáo Tỉnh ủy Thái Nguyên", "thai nguyen"),
        ("Ban Bí thư", None),
        (None, None),
    ],
)
def test_locality_of(issuer, locality):
    assert locality_of(issuer) == locality


PARSE_CASES = [
    ("44-KL/TW", RefQuery("Kết luận", "44-KL/TW", "44", None, "party")),
    ("Kết luận 44", RefQuery("Kết luận", None, "44", None, None)),
    ("Kết luận số 44-KL/TW", RefQuery("Kết luận", "44-KL/TW", "44", None, "party")),
    ("Nghị định 30/2020", RefQuery("Nghị định", None, "30/2020", 2020, "state")),
    ("NĐ 30", RefQuery("Nghị định", None, "30", None, None)),
    ("ND 30", RefQuery("Nghị định", None, "30", None, None)),
    ("30/2020/NĐ-CP", RefQuery("Nghị định", "30/2020/NĐ-CP", "30/2020", 2020, "state")),
    ("QĐ22", RefQuery("Quyết định", None, "22", None, None)),
    ("  quyết định   1229/QĐ-UBND ", RefQuery("Quyết định", "1229/QĐ-UBND", "1229", None, "state")),
]


@pytest.mark.parametrize("text,expected", PARSE_CASES)
def test_parse_ref(text, expected):
    assert parse_ref(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "abc", "Xyz 12", "Kết luận 44/abc/"])
def test_parse_ref_bad_input_is_a_vndocs_error(text):
    with pytest.raises(RefSyntaxError) as e:
        parse_ref(text)
    assert isinstance(e.value, VndocsError)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize(
    "query,typ,number,year,ok",
    [
        ("Kết luận 44", "Kết luận", "44-KL/TW", 2019, True),
        ("Kết luận 44", "Chỉ thị", "44-CT/TW", 2019, False),
        ("NĐ 30", "Nghị định", "30/2020/NĐ-CP", 2020, True),
        ("Nghị định 30/2020", "Nghị định", "30/2021/NĐ-CP", 2021, False),
        ("Nghị định 30/2020", "Nghị định", "30/2020/NĐ-CP", 2020, True),
        ("44-KL/TW", "Kết luận", "44-kl/tw", 2019, True),
        ("NĐ 30", "Nghị định", None, None, False),
    ],
)
def test_ref_query_matches(query, typ, number, year, ok):
    assert parse_ref(query).matches(typ, number, year) is ok


def test_number_issuer_reads_state_issuer_codes() -> None:
    # the examples of vndocs/data/issuer_codes.json, from numbers of the corpus
    from vndocs.identity import number_issuer
    from vndocs.vocab import load

    for number, body in load("issuer_codes")["examples"].items():
        assert number_issuer(number) == body, number
    # Party, joint and unknown codes name no single body
    for number in ("44-KL/TW", "25/2010/TTLT-BLĐTBXH-BTC-BYT", "1752/CT-THNVDT", "45-KH/BTGTU", None, "123"):
        assert number_issuer(number) is None, number
