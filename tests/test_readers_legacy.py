"""Legacy encodings (TCVN3, VNI), Windows-1258, UTF-16 and BOMs (DOMAIN.md §6.3).

Both ways with real byte strings: sentences of the shipped corpus are written
in TCVN3 / VNI / cp1258 bytes and must decode back; the mojibake examples of
DOMAIN.md §6.3 must convert; normal Unicode Vietnamese and English must never
be taken for legacy text.
"""

from __future__ import annotations

import json
import unicodedata
from importlib import resources
from pathlib import Path

import pytest

from vndocs.readers import read
from vndocs.readers.encodings import decode_bytes
from vndocs.readers.legacy import (
    convert,
    detect_legacy,
    encode,
    fix_legacy_text,
    guess_legacy,
    is_vietnamese_syllable,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "docs"
REFERENCE = CORPUS / "kh_ngay-hoi-bao-ve-antq-2022_btg-huyen-uy.txt"
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

# every Vietnamese letter, lower case: 12 vowels x 6 tones + đ
VOWELS = "aăâeêioôơuưy"
LETTERS = sorted(
    {unicodedata.normalize("NFC", v + t) for v in VOWELS for t in ["", *TONES]} | {"đ"}
)


def _table(name: str) -> dict:
    return json.loads(
        resources.files("vndocs.data").joinpath(f"legacy_{name}.json").read_text("utf-8")
    )


def _cp1258(text: str) -> bytes:
    """Windows-1258 bytes: base letter (with its vowel mark) + combining tone mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
        out += base.encode("cp1258", errors="replace") + "".join(c for c in d if c in TONES).encode(
            "cp1258"
        )
    return bytes(out)


def _corpus_lines(limit: int = 400) -> list[str]:
    """Vietnamese lines of the shipped .txt/.md files whose characters TCVN3/VNI can store."""
    lines: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md")):
        for line in path.read_text("utf-8-sig").splitlines():
            line = unicodedata.normalize("NFC", line.strip())
            if len(line) < 30 or not any(ord(c) > 0x1E00 for c in line):
                continue
            if not all(c.isascii() or c.lower() in LETTERS or c in "“”–" for c in line):
                continue
            lines.append(line)
    return lines[:limit]


# --- the tables -------------------------------------------------------------


@pytest.mark.parametrize("name", ["tcvn3", "vni"])
def test_legacy_table_is_well_formed(name: str) -> None:
    data = _table(name)
    keys = [e["legacy"] for e in data["map"]]
    assert len(keys) == len(set(keys)), "a legacy sequence is mapped twice"
    for e in data["map"]:
        assert len(e["unicode"]) == 1 and unicodedata.is_normalized("NFC", e["unicode"])
    assert data["examples"], "every table carries examples"


def test_tcvn3_table_has_one_code_per_lower_case_letter() -> None:
    data = _table("tcvn3")
    targets = [e["unicode"] for e in data["map"]]
    # unaccented a e i o u y are plain ASCII
    assert sorted(c for c in targets if c.islower()) == [c for c in LETTERS if c not in "aeiouy"]
    # the upper-case base letters that TCVN3 stores directly
    assert sorted(c for c in targets if c.isupper()) == sorted("ĂÂÊÔƠƯĐ")
    assert all(0xA1 <= int(e["byte"], 16) <= 0xFE for e in data["map"])


def test_vni_table_has_one_code_per_letter_both_cases() -> None:
    targets = {e["unicode"] for e in _table("vni")["map"]}
    plain = set("aeiouyAEIOUY")  # unaccented vowels are plain ASCII in VNI
    expected = {c for c in LETTERS if c not in plain} | {
        c.upper() for c in LETTERS if c not in plain
    }
    # í, ì (and capitals) are the same Latin-1 characters in VNI: no mapping needed
    assert targets == expected - {"í", "ì", "Í", "Ì"}


@pytest.mark.parametrize("name", ["tcvn3", "vni"])
def test_table_examples_convert(name: str) -> None:
    for ex in _table(name)["examples"]:
        assert convert(ex["legacy"], name) == ex["unicode"]


# --- DOMAIN.md §6.3 mojibake ----------------------------------------------------


@pytest.mark.parametrize(
    ("mojibake", "expected", "encoding"),
    [
        ("Ban ChÊp hµnh Trung \u00ad¬ng", "Ban Chấp hành Trung ương", "tcvn3"),
        (
            "Ban ChÊp hµnh Trung ¬ng",
            "Ban Chấp hành Trung ương",
            "tcvn3",
        ),  # soft hyphen (ư) stripped
        ("v¨n phßng", "văn phòng", "tcvn3"),
        ("Hµ Néi, ngµy 28 th¸ng 5 n¨m 2004", "Hà Nội, ngày 28 tháng 5 năm 2004", "tcvn3"),
        ("Sè 11-HD/VPTW", "Số 11-HD/VPTW", "tcvn3"),
        ("Uû ban nh©n d©n", "Uỷ ban nhân dân", "tcvn3"),
        ("Xin chaøo caùc baïn", "Xin chào các bạn", "vni"),
        ("AÙ", "Á", "vni"),
    ],
)
def test_domain_mojibake_examples_convert(mojibake: str, expected: str, encoding: str) -> None:
    assert convert(mojibake, encoding) == expected


@pytest.mark.parametrize(
    ("mojibake", "expected", "encoding"),
    [
        ("Uû ban nh©n d©n", "Uỷ ban nhân dân", "tcvn3"),
        ("Hµ Néi, ngµy 28 th¸ng 5 n¨m 2004", "Hà Nội, ngày 28 tháng 5 năm 2004", "tcvn3"),
        ("Xin chaøo caùc baïn", "Xin chào các bạn", "vni"),
    ],
)
def test_valid_utf8_mojibake_is_detected_and_converted(
    mojibake: str, expected: str, encoding: str
) -> None:
    # the text is valid UTF-8 (copied from a web page): detection works on text
    data = mojibake.encode("utf-8")
    assert decode_bytes(data) == (expected, encoding)
    assert fix_legacy_text(mojibake) == (expected, encoding)


def test_tcvn3_capitals_font_words_are_upper_cased() -> None:
    # .VnTimeH draws lower-case codes as capitals; ASCII capitals around them tell
    assert (
        convert("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "tcvn3")
        == "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )
    assert convert("ñY BAN NH©N D©N", "tcvn3") == "ỦY BAN NHÂN DÂN"


def test_pdf_minus_sign_for_tcvn3_u_horn() -> None:
    # a .VnTime PDF text layer gives U+2212 for the soft-hyphen glyph (ư)
    assert convert("nhµ n\u2212íc", "tcvn3") == "nhà nước"
    assert convert("5 \u2212 3", "tcvn3") == "5 \u2212 3"


# --- both ways with real byte strings ---------------------------------------------


def test_reference_document_round_trips_through_tcvn3_bytes() -> None:
    text = unicodedata.normalize("NFC", REFERENCE.read_text("utf-8"))
    data = encode(text, "tcvn3").encode("cp1252", errors="replace")
    decoded, enc = decode_bytes(data)
    assert enc == "tcvn3"
    assert decoded.casefold() == text.casefold()


def test_reference_document_round_trips_through_vni_bytes() -> None:
    text = unicodedata.normalize("NFC", REFERENCE.read_text("utf-8"))
    data = encode(text, "vni").encode("cp1252", errors="replace")
    assert decode_bytes(data) == (text, "vni")


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_corpus_sentences_round_trip_line_by_line(encoding: str) -> None:
    lines = _corpus_lines()
    assert len(lines) > 100
    exact = 0
    detected = 0
    for line in lines:
        data = encode(line, encoding).encode("cp1252")
        text = convert(data.decode("cp1252"), encoding)
        assert text.casefold() == line.casefold(), line
        exact += text == line
        accented = sum(1 for w in line.split() if not w.isascii())
        if accented >= 5:  # enough evidence to recognise the encoding from one line
            detected += 1
            assert detect_legacy(data) == (text, encoding), line
    # TCVN3 cannot store an accented capital starting a lower-case word ("Ủy"): case may be lost there
    assert exact / len(lines) >= (0.9 if encoding == "tcvn3" else 1.0)
    assert detected > 100


def test_cp1258_bytes_decode_with_combining_tones_composed() -> None:
    text = unicodedata.normalize("NFC", REFERENCE.read_text("utf-8"))
    decoded, enc = decode_bytes(_cp1258(text))
    assert enc == "cp1258"
    assert decoded == text


@pytest.mark.parametrize(
    ("codec", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
    ],
)
def test_unicode_encodings_decode(codec: str, expected: str) -> None:
    text = unicodedata.normalize("NFC", REFERENCE.read_text("utf-8"))
    assert decode_bytes(text.encode(codec)) == (text, expected)


def test_utf8_with_a_few_broken_bytes_stays_utf8() -> None:
    text = (
        "Hà Nội, ngày 28 tháng 5 năm 2004. Ủy ban nhân dân thành phố Hồ Chí Minh; Độc lập - Tự do"
    )
    data = text.encode("utf-8")
    decoded, enc = decode_bytes(data[:10] + b"\xff" + data[10:])
    assert enc == "utf-8" and "Ủy ban nhân dân" in decoded


def test_decomposed_unicode_is_composed() -> None:
    text = "Quyết định về việc thành lập"
    decoded, enc = decode_bytes(unicodedata.normalize("NFD", text).encode("utf-8"))
    assert (decoded, enc) == (text, "utf-8")


def test_binary_data_is_refused() -> None:
    assert decode_bytes(bytes(range(256)) * 20) == (None, "binary")


def test_tcvn3_text_file_reads_through_read(tmp_path: Path) -> None:
    path = tmp_path / "kh.txt"
    text = unicodedata.normalize("NFC", REFERENCE.read_text("utf-8"))
    path.write_bytes(encode(text, "tcvn3").encode("cp1252", errors="replace"))
    raw = read(path)
    assert raw.encoding == "tcvn3" and "Ban Tuyên giáo Huyện uỷ" in raw.text


# --- no false alarms --------------------------------------------------------------


@pytest.mark.parametrize(
    "path", sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md")), ids=lambda p: p.name
)
def test_unicode_corpus_file_is_not_taken_for_legacy(path: Path) -> None:
    text = unicodedata.normalize("NFC", path.read_text("utf-8-sig"))
    assert guess_legacy(text) is None
    assert read(path).encoding not in ("tcvn3", "vni")


@pytest.mark.parametrize(
    "text",
    [
        "The quick brown fox jumps over the lazy dog. © 2024 All rights reserved.",
        "Plain ASCII: Socialist Republic of Viet Nam, Decree No. 30/2020/ND-CP",
        "Müller und Schröder gehen über die Straße; café, naïve, résumé, déjà vu, Ångström",
        "Prix: 25 € — « citation » · ½ · ¼ · µm · ±3 °C",
        "CONG HOA XA HOI CHU NGHIA VIET NAM Doc lap - Tu do - Hanh phuc",
    ],
)
def test_english_and_european_text_is_not_taken_for_legacy(text: str) -> None:
    assert guess_legacy(text) is None
    assert fix_legacy_text(text) is None


@pytest.mark.parametrize(
    ("word", "ok"),
    [
        ("người", True),
        ("nghiêng", True),
        ("khuya", True),
        ("quốc", True),
        ("giữa", True),
        ("hoà", True),
        ("hòa", True),
        ("thuở", True),
        ("chaøo", False),
        ("nh©n", False),
        ("việtt", False),
        ("aáb", False),
        ("hoàả", False),
    ],
)
def test_vietnamese_syllable_check(word: str, ok: bool) -> None:
    assert is_vietnamese_syllable(word) is ok
