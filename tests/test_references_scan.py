"""The reference extractor's fast scanning gives what the plain patterns give.

``vndocs.extract.reference_patterns`` lists where each word-list pattern may start with
one trie pass and tries the pattern there only, and lowers the text with its own
faster form of ``tone_key``; both must be exact, not approximate: these tests
compare them with ``finditer`` and ``tone_key`` over every corpus document and
over made-up strings that put the matches at the edges.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from vndocs.extract import reference_mentions as M
from vndocs.extract import reference_patterns as P
from vndocs.extract import references as R
from vndocs.models import Header
from vndocs.normalize import normalize, tone_key

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "docs"


def _corpus_texts() -> list[str]:
    out = []
    for p in sorted(CORPUS.iterdir()):
        if p.suffix in (".md", ".txt"):
            out.append(normalize(p.read_text(encoding="utf-8")).text)
    return out


EDGE_TEXTS = [
    "",
    "hoà",
    "Hoà bình, thuỷ lợi, quý, Quỷ, QUỶ, khoẻ, HOÀ, uỷ ban, Uỷ ban",
    "oà uỳ qoà quỳ xoà5 hoàn thuyền hoà_ hoàa",
    "Luật Đất đai, luật sư; LUẬT ĐẤT ĐAI\nBộ luật Lao động năm 2019",
    "QĐ22, NĐ 30, Kết luận 44, Nghị định 30/2020, TCVN 14423:2025, TCVNx 1",
    "xNghị quyết 5, Căn cứ Nghị định số 30/2020/NĐ-CP; căn cứ\nThông tư 01",
    "thực hiện Kế hoạch số 45-KH/BTGTU và Quyết định này, Nghị định nêu trên",
    "xNghị quyết Đại hội XIII của Đảng, Báo cáo chính trị tại Đại hội XII, Điều lệ Đảng, Nghị quyết Trung ương 4 khóa XII",
    # decomposed (not NFC): the lowered text is longer, every pattern scans the whole text
    unicodedata.normalize("NFD", "Căn cứ Quyết định số 12/QĐ-UBND; thuỷ lợi, Luật Đất đai"),
    "số1 số 2 Số: 3/KH-UBND hết hiệu lực, bãi bỏ Thông tư liên tịch số 84/2005/TTLT/BTC-BLĐTBXH",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _corpus_texts() + EDGE_TEXTS


def _families() -> list[tuple[str, object, bool]]:
    """(family, pattern, over the lowered text) for every scanned pattern."""
    fams: list[tuple[str, object, bool]] = [
        ("law", P._LAW_RE, False),
        ("number", P._number_mention_re(), True),
        ("std", P._STD_RE, False),
        ("short", P._short_re(), False),
        ("anaphor", P._anaphor_re(), False),
    ]
    fams += [(rule.family, rule.pattern, True) for rule in P._cue_rules()]
    return fams


def test_scan_finds_every_match_of_every_pattern(texts: list[str]) -> None:
    for text in texts:
        r = M._Reader(text, Header(), [])
        assert (r.starts is not None) == (len(r.low) == len(text))
        for family, pattern, over_low in _families():
            string = r.low if over_low else text
            want = [(m.start(), m.end()) for m in pattern.finditer(string)]  # type: ignore[attr-defined]
            got = [(m.start(), m.end()) for m in P._scan(r, family, pattern, string)]  # type: ignore[arg-type]
            assert got == want, (family, text[:60])


def test_party_and_amender_starts_find_every_match(texts: list[str]) -> None:
    for text in texts:
        low = tone_key(text).lower()
        want = [m.span() for m in P._PARTY_RE.finditer(text)]
        got = [m.span() for m in P._party_matches(text)]
        assert got == want
        assert [m.span() for m in R._amender_matches(low)] == [m.span() for m in R._AMENDER_RE.finditer(low)]


def test_matches_at_passes_over_starts_inside_a_match() -> None:
    import re

    pat = re.compile(r"ab+")
    assert [m.span() for m in P._matches_at(pat, "abbab", [0, 1, 3])] == [(0, 3), (3, 5)]
    assert [m.span() for m in P._matches_at(pat, "abbab", [1, 2])] == []


def test_article_starts_find_every_match(texts: list[str]) -> None:
    extra = ["Điều 1.", "\n\n  **Điều 2.** x", "x Điều 3.\n_ Điều 4 .", " \n\t*\n Điều 5.Điều 6."]
    for text in texts + extra:
        got = [(m.span(), m.group(1)) for m in P._article_matches(text)]
        assert got == [(m.span(), m.group(1)) for m in P._ARTICLE_RE.finditer(text)]


def test_amender_starts_find_every_match() -> None:
    for text in [
        "đã được sửa đổi bởi Nghị định", "được  sửa\nđổi, bổ sung tại Luật", "(sửa đổi theo Luật", "( \n sửa đổi luật",
        "đãđược sửa đổi bởi x", "đã\tđược sửa đổi luật", "sửa đổi bởi x được sửa đổi", "(sửa đổi bởi(sửa đổi bởi ",
    ]:
        low = tone_key(text).lower()
        assert [m.span() for m in R._amender_matches(low)] == [m.span() for m in R._AMENDER_RE.finditer(low)], text


def test_colon_paragraphs_and_cues_within_them(texts: list[str]) -> None:
    extra = ["Bãi bỏ:\n- Thông tư số 1/2020/TT-BTC;", "Thay thế: **\n", "a:\n\nb :_*", ":"]
    for text in texts + extra:
        r = M._Reader(text, Header(), [])
        want = []
        for i, (s, e) in enumerate(r.paragraphs):
            part = r.low[s:e].rstrip(" *_")
            if part.endswith(":"):
                want.append((i, part))
        assert r.colon_paragraphs == want
        for i, part in r.colon_paragraphs:
            for rule in P._cue_rules():
                got = [m.span() for m in R._scan_within(r, rule, part, r.paragraphs[i][0])]
                assert got == [m.span() for m in rule.pattern.finditer(part)]
