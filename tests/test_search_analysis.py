"""Vietnamese analysis and query parsing for full-text search: small tables per rule."""

from __future__ import annotations

import json
import unicodedata
from importlib import resources

import pytest

from vndocs.search.analysis import (
    exact_tokens,
    fold_key,
    folded_tokens,
    has_diacritics,
    number_key,
    number_tokens,
    segment,
)
from vndocs.search.engine import SearchError
from vndocs.search.query import build_query, parse_date, parse_query_string, parse_year


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Đảng bộ", "dang bo"),  # đ folds to d
        ("an ninh Tổ quốc", "an ninh to quoc"),
        ("Tỉnh uỷ", "tinh uy"),
        ("ĐẮK LẮK", "dak lak"),
        ("Thuỷ sản", "thuy san"),
    ],
)
def test_folded_tokens_drop_diacritics_and_case(text: str, folded: str) -> None:
    assert " ".join(folded_tokens(text)) == folded


@pytest.mark.parametrize(
    "a, b",
    [
        ("Tỉnh uỷ", "Tỉnh ủy"),  # tone placement: uỷ / ủy
        ("hoà bình", "hòa bình"),  # hoà / hòa
        ("KHOẺ", "khỏe"),  # case + khoẻ / khỏe
    ],
)
def test_exact_tokens_ignore_tone_placement_and_case(a: str, b: str) -> None:
    assert exact_tokens(a) == exact_tokens(b)


def test_exact_tokens_same_for_nfd_input() -> None:
    text = "Ban Tuyên giáo Tỉnh ủy"
    assert exact_tokens(unicodedata.normalize("NFD", text)) == exact_tokens(text)
    assert folded_tokens(unicodedata.normalize("NFD", text)) == folded_tokens(text)


@pytest.mark.parametrize("syllable", ["an", "to", "can", "may", "in", "the", "a"])
def test_english_stop_words_are_kept_as_syllables(syllable: str) -> None:
    assert folded_tokens(f"x {syllable} y") == ["x", syllable, "y"]


@pytest.mark.parametrize(
    "token, expected", [("đảng", True), ("dang", False), ("tổ", True), ("45", False)]
)
def test_has_diacritics(token: str, expected: bool) -> None:
    assert has_diacritics(token) is expected


@pytest.mark.parametrize(
    "typed, key, tokens",
    [
        ("45-KH/BTGTU", "45-kh/btgtu", ["45", "kh", "btgtu"]),
        ("45 - KH/BTGTU", "45-kh/btgtu", ["45", "kh", "btgtu"]),  # stray spaces
        ("308/KH-UBND", "308/kh-ubnd", ["308", "kh", "ubnd"]),
        ("55/2023/NĐ-CP", "55/2023/nd-cp", ["55", "2023", "nd", "cp"]),
        ("383-QĐ/TW", "383-qd/tw", ["383", "qd", "tw"]),
    ],
)
def test_number_key_and_tokens(typed: str, key: str, tokens: list[str]) -> None:
    assert number_key(typed) == key
    assert number_tokens(typed) == tokens


@pytest.mark.parametrize(
    "query, words",
    [
        ("an ninh to quoc", ["an ninh to quoc"]),  # a synonym of ANTQ: one unit
        ("bảo vệ an ninh tổ quốc", ["bao ve", "an ninh to quoc"]),
        ("chuyen doi so", ["chuyen doi", "so"]),  # tie: the longer word first
        ("kiem soat thu tuc hanh chinh", ["kiem soat", "thu tuc hanh chinh"]),
        ("an ninh mạng", ["an ninh", "mang"]),
        ("quy hoach can bo 2025", ["quy hoach", "can bo", "2025"]),
    ],
)
def test_segment_query_into_words(query: str, words: list[str]) -> None:
    f = folded_tokens(query)
    assert [" ".join(f[i:j]) for i, j in segment(f)] == words


def test_segment_never_joins_numbers() -> None:
    f = ["nam", "2022"]
    assert segment(f, frozenset({"nam 2022"})) == [(0, 1), (1, 2)]


@pytest.mark.parametrize(
    "q, text, fields",
    [
        ('type:"Kế hoạch" year:2022', [], {"type": ["Kế hoạch"], "year": ["2022"]}),
        ('an ninh "tổ quốc" cites:44-KL/TW', [("free", "an ninh"), ("phrase", "tổ quốc")], {"cites": ["44-KL/TW"]}),
        ("http://x.vn bảo vệ", [("free", "http: //x.vn bảo vệ")], {}),  # unknown field: text
        ("issuer:", [], {}),  # empty value ignored
    ],
)
def test_parse_query_string(q: str, text: list[tuple[str, str]], fields: dict[str, list[str]]) -> None:
    p = parse_query_string(q)
    assert p.fields == fields
    if text:
        assert [k for k, _ in p.text] == [k for k, _ in text]


@pytest.mark.parametrize(
    "value, end, expected",
    [
        ("2022-07-27", False, 20220727),
        ("27/7/2022", False, 20220727),
        ("2022", False, 20220101),
        ("2022", True, 20221231),
    ],
)
def test_parse_date(value: str, end: bool, expected: int) -> None:
    assert parse_date(value, end=end) == expected


@pytest.mark.parametrize("value", ["31/02/2022", "yesterday", "22-7"])
def test_parse_date_rejects_non_dates(value: str) -> None:
    with pytest.raises(SearchError):
        parse_date(value)


@pytest.mark.parametrize("value", ["abc", "22", "20222"])
def test_parse_year_rejects_non_years(value: str) -> None:
    with pytest.raises(SearchError):
        parse_year(value)


def test_query_words_become_required_phrases() -> None:
    built = build_query("an ninh mang")
    assert built.words == [("an", "ninh"), ("mang",)]
    assert len(built.musts) == 2


def test_code_next_to_number_is_a_number_query() -> None:
    built = build_query("kh 45")
    assert built.words == [("kh", "45")]


def test_search_synonyms_data_is_well_formed() -> None:
    raw = resources.files("vndocs.data").joinpath("abbreviations_search.json").read_text("utf-8")
    data = json.loads(raw)
    seen = set()
    for e in data["entries"]:
        assert set(e) >= {"abbr", "expansion", "examples"}
        assert e["examples"], e["abbr"]
        assert fold_key(e["abbr"]) not in seen, e["abbr"]
        seen.add(fold_key(e["abbr"]))
        for ex in e["examples"]:
            f = " ".join(folded_tokens(ex))
            assert " ".join(folded_tokens(e["abbr"])) in f.split() or " ".join(
                folded_tokens(e["expansion"])
            ) in f, (e["abbr"], ex)
