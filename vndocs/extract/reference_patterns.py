"""Patterns and word lists of the reference extractor (:mod:`vndocs.extract.references`).

The cue words, stop words and type words of ``vndocs/data/reference_cues.json``
compiled once; the regular expressions of numbers, dates, tails, laws, Party
documents and standards; the trie of literal leads that tells where a mention
may start, so that the patterns are tried only there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING

from vndocs.normalize import key, normalize_number, tone_key
from vndocs.vocab import load

if TYPE_CHECKING:  # pragma: no cover
    from vndocs.extract.reference_mentions import _Reader

# --------------------------------------------------------------------------
# Data


@lru_cache(maxsize=1)
def _cues() -> dict:
    return load("reference_cues")


def _phrase_re(phrase: str) -> str:
    """A pattern for a phrase over the lowered tone-keyed text (flexible spaces and commas)."""
    words = key(phrase).replace(",", " , ").split()
    parts = []
    for w in words:
        parts.append(r"\s*,\s*" if w == "," else re.escape(w))
    out = ""
    for i, p in enumerate(parts):
        if i and not p.startswith(r"\s*,") and not parts[i - 1].startswith(r"\s*,"):
            out += r"\s+"
        out += p
    return out


def _alternation(phrases: list[str]) -> str:
    return "|".join(_phrase_re(p) for p in sorted(set(phrases), key=len, reverse=True))


@lru_cache(maxsize=1)
def _type_words() -> list[str]:
    names = [t["name"] for t in load("doc_types")["types"]]
    names += _cues()["generic_types"]["words"]
    return sorted(set(names), key=len, reverse=True)


@lru_cache(maxsize=1)
def _stop_sets() -> dict[str, re.Pattern[str]]:
    c = _cues()

    def starts(words: list[str]) -> re.Pattern[str]:
        return re.compile(r"(?:" + _alternation(words) + r")(?![\w])")

    return {
        "law": starts(c["law_name_stops"]["words"]),
        "law_phrase": starts(c["law_name_phrases"]["words"]),
        "issuer": starts(c["issuer_stops"]["words"]),
        "title": starts(c["title_verbs"]["words"]),
        "nesting": re.compile(r"(?<![\w])(?:" + _alternation(c["nesting_cues"]["words"]) + r")(?![\w])"),
        "draft": re.compile(r"(?<![\w])(?:" + _alternation(c["draft_cues"]["words"]) + r")(?![\w])"),
        "gap": re.compile(r"(?<![\w])(?:" + _alternation(c["gap_words"]["words"]) + r")(?![\w])"),
        "proposal": re.compile(
            r"(?<![\w])(?:" + _alternation(c["proposal_words"]["words"]) + r")(?:[\s,]+(?:"
            + _alternation(c["proposal_words"]["words"]) + r"|và|việc))*[\s,]*$"
        ),
    }


@lru_cache(maxsize=1)
def _position_titles() -> frozenset[str]:
    return frozenset(key(w) for w in _cues()["position_titles"]["words"])


@lru_cache(maxsize=1)
def _complete_issuers() -> frozenset[str]:
    return frozenset(key(w) for w in _cues()["complete_issuers"]["words"])


@dataclass(frozen=True, slots=True)
class _CueRule:
    relation: str
    position: str
    zone: str
    pattern: re.Pattern[str]
    phrases: list[str]
    family: str  # its name in the scan (see _scanner)


@lru_cache(maxsize=1)
def _cue_rules() -> tuple[_CueRule, ...]:
    rules = []
    for i, entry in enumerate(_cues()["relation_cues"]):
        pat = re.compile(r"(?<![\w])(?:" + _alternation(entry["phrases"]) + r")(?![\w])")
        rules.append(_CueRule(entry["relation"], entry["position"], entry["zone"], pat, entry["phrases"], f"cue{i}"))
    return tuple(rules)


# --------------------------------------------------------------------------
# Patterns

# One group of a number's symbol: upper-case codes with at most a short
# lower-case run (QĐi, CTr, TTg, QyĐ, BSGBTr), "TƯ" for TW (13-NQ/TƯ); Cyrillic look-alikes occur in
# Công báo text (qd_372: "TT-BТС"). A following letter rejects "Số 271/Ngày".
_G = r"[A-ZĐА-Я][A-ZĐƯА-Я0-9&]*(?:[a-zđ]{1,2}[A-ZĐƯА-Я0-9&]*)?(?:(?![\wđĐ])|(?=của\s))"  # "QĐ-TTgcủa" (nq_35)
_H = "[-\u2010-\u2015\u2212]"  # hyphen or a Unicode dash ("45–KH/BTGTU" in Word copies)
_NUMBER = (
    # Party: 45-KH/BTGTU, 08-QĐi/TW, 367 - QĐ/TWĐTN-VP, số31-QĐ/TW (DOMAIN.md §1.3)
    r"(?P<party>\d{1,6}[ \t]*" + _H + r"[ \t]*" + _G + r"[ \t]*/[ \t]*" + _G + r"(?:[ \t]*" + _H + r"[ \t\n]*" + _G + r")*)"
    # State: 30/2020/NĐ-CP, 308/KH-UBND, 1206 /QĐ-HVTC, 57/2021/TT-\nBTC (line break in Công báo)
    # ... and the older "84/2005/TTLT/BTC-BLĐTBXH" (ttlt_47)
    # ... and a sub-number before the year: 66.4/2025/NQ-CP (tb_634)
    r"|(?P<state>\d{1,6}(?:[a-z]|\.\d{1,2}(?=[ \t]*/[ \t]*\d{4}[ \t]*/))?[ \t]*/[ \t]*(?:\d{4}[ \t]*/[ \t]*)?"
    + _G + r"(?:/" + _G + r")?(?:[ \t]*" + _H + r"[ \t\n]*" + _G + r")*"
    # ... and a legislature's number printed apart: "Pháp lệnh số 04/2012/UBTVQH 13" (nd_102_2018)
    r"(?:(?<=QH)[ \t]\d{2}(?![\d/\w]))?)"
)
_NUMBER_RE = re.compile(_NUMBER)

_DATE = (
    # ngày 08 tháng 6 năm 2010 (line breaks and double spaces in Công báo text)
    r"(?P<d1>\d{1,2})\s*tháng\s*(?P<m1>\d{1,2})\s*năm\s*(?P<y1>\d{4})"
    # ngày 23/7/2025, ngày 01-10-1997 (older Party style), 01.10.1997
    r"|(?P<d2>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m2>\d{1,2})\s*(?P=sep)\s*(?P<y2>\d{4})"
)
_TAIL_DATE_RE = re.compile(r"[ \t\n]*,?[ \t\n]*(?:(?i:ban\s+hành|thông\s+qua)\s+)?(?i:ngày)\s*(?:" + _DATE + r")")
_TAIL_YEAR_RE = re.compile(r"[ \t\n]*,?[ \t\n]*(?i:năm)\s+(?P<y>\d{4})(?!\d)")
_TAIL_ISSUER_RE = re.compile(r"[ \t\n]*,?[ \t\n]*(?i:của)\s+")
# "(nay là Bộ Nông nghiệp và Môi trường)" after an issuer (kh_0134)
_TAIL_ASIDE_RE = re.compile(r"[ \t\n]*\((?i:nay\s+là|nay|trước\s+đây\s+là|cũ)[^()\n]{0,100}\)")
_TAIL_TERM_RE = re.compile(r"[ \t\n]*,?[ \t\n]*\(?\s*(?i:kh[oó]a|khoá)\s+(?P<term>[IVXLC]+)(?![\w])\s*\)?")
_TAIL_NUMBER_RE = re.compile(r"[ \t\n]*,?[ \t\n]*(?i:số)\s*:?\s*(?:" + _NUMBER + r")")

# Pinpoints before a document: điểm a khoản 2 Điều 5 Mục 1 Chương II (DOMAIN.md §5.1).
_LABEL = r"(?:\d+[a-zđ]?|[IVXLC]+|[a-zđ])(?![\w])"
_PINPOINT_RE = re.compile(
    r"(?i:điểm|khoản|điều|mục|tiểu\s+mục|chương|phần|phụ\s+lục|tiết)\s+" + _LABEL + r"\.?"
    r"(?:\s*(?:,|và|đến)\s*(?i:điểm|khoản|điều|mục|chương|phần|phụ\s+lục)?\s*" + _LABEL + r"\.?)*"
)

_WORD_RE = re.compile(r"[^\W\d_][\w]*(?:-[\w]+)*|\d+|[–—-](?=\s)|&(?=\s)")  # "Sở Nông nghiệp & Phát triển nông thôn"
_SPACE_RE = re.compile(r"[ \t]*\n?[ \t]*")

_TYPE_LINE_RE = re.compile(r"^[\s*#|_]*(?P<t>[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]{2,40}?)[\s*|_]*$")
# Words that start a new sentence when a line break was lost after an issuer.
_SENTENCE_START_RE = re.compile(r"(?:xét|căn\s+cứ|theo\s+đề\s+nghị|thực\s+hiện|nay|đồng\s+thời|trên\s+cơ\s+sở)(?![\w])")
_ARTICLE_RE = re.compile(r"(?m)^[\s*_]*Điều\s+(\d+)\s*\.")
_TYPE_JOINED_RE = re.compile(r"^[\s*#|_]*(?P<t>[A-ZĐ][A-ZĐÀ-Ỹ]*(?:\s+[A-ZĐ][A-ZĐÀ-Ỹ]*){0,3})\s+(?=[a-zđ]|[à-ỹ])")
_BODY_START_RE = re.compile(
    r"^[\s*#|_]*(?:"
    r"(?:[IVX]+|[1-9]\d?)\s*[.\-]\s+\S"  # I. MỤC ĐÍCH / 1. (outline)
    r"|(?:Điều|ĐIỀU)\s+1\s*[.:]"  # Điều 1.
    r"|(?:Chương|CHƯƠNG|Phần|PHẦN)\s+(?:I|1|THỨ\s+NHẤT|thứ\s+nhất)\b"
    r"|QUYẾT\s+(?:ĐỊNH|NGHỊ)\s*:|QUY\s+ĐỊNH\s*:"  # enacting lines
    # Công điện; words separated by spaces, not "[A-Z ]{4,}\s+": runs of spaces
    # made that cubic (tests/test_robustness.py::md_nested_lists)
    r"|(?=[A-ZĐÀ-Ỹ ]{4})[A-ZĐÀ-Ỹ]+(?:[ ]+[A-ZĐÀ-Ỹ]+)*\s+điện\s*:"
    r")",
    re.MULTILINE,
)
_PREAMBLE_START_RE = re.compile(
    r"^[\s*_\-+•–]*(?i:để\s+)?(?i:tiếp\s+tục\s+)?(?i:căn\s+cứ|thực\s+hiện|triển\s+khai|quán\s+triệt|thi\s+hành|cụ\s+thể\s+hó?a|theo\s+đề\s+nghị|xét)(?![\w])"
)
_LIST_MARKER_RE = re.compile(r"^[\s*_]*(?:(?P<letter>[a-zđ]\))|(?P<arabic>\d+(?:\.\d+)*[.)])|(?P<dash>[-+•–]))\s*")
_OWN_NUMBER_RE = re.compile(r"^[\s*|_#]*(?i:số)\s*:?\s*(?:" + _NUMBER + r")", re.MULTILINE)
_SHORT_RE = re.compile(
    # "Kết luận 44", "Nghị định 30/2020" (a space: "Thông tư1" is a footnote mark, tt_26);
    # "QĐ22", "NĐ 30" (codes, cv_2214)
    r"(?<![\wđĐ/])(?:(?P<type>TYPES)[ \t]+|(?P<code>CODES)[ \t]?)(?P<n>\d{1,4})(?:/(?P<y>\d{4}))?(?![\wđĐ/\-])(?![.,]\d)"
)

# Fixed patterns of the readers below, compiled once (a pattern compiled inline
# is looked up in re's cache on every call, and recompiled once other steps push it out).
_ANNEX_INTRO_RE = re.compile(r"kèm\s+theo\s*$")
_RUN_YEAR_RE = re.compile(r"\d+(?:/\d{4})?")
_ENACTING_RE = re.compile(r"(?i:ban\s+hành)\s")
_SUBJECT_LEAD_RE = re.compile(r"[ \t\n]*(?P<comma>[,:]?)[ \t\n]*(?P<q>[“\"]?)[ \t\n]*")
_VE_RE = re.compile(r"về\s")
_SUBJECT_HEAD_RE = re.compile(r"^(?i:v/v:?|về\s+việc|về)\s+")
_AMENDED_LAW_SEP_RE = re.compile(r"\s*(?:,|và)\s*(?=(?:Bộ luật|Luật|Pháp lệnh)\s)")
_JOINT_CIRCULAR_RE = re.compile(r"(?i:thông\s+tư\s+liên\s+tịch)")
_YEAR_RE = re.compile(r"(19|20)\d\d")
_TAI_RE = re.compile(r"\s*tại\s*")
_LIST_AND_RE = re.compile(r"[\s,]*(?:và\s+)?")
_BLANK_AND_RE = re.compile(r"[\s]*(?:và\s+)?")
_DIRECTION_AT_RE = re.compile(r"(?:ý\s+kiến\s+)?(?:chỉ\s+đạo|kết\s+luận|đề\s+nghị)\s+của\s+[^;]{1,100}?\s+tại")
_GAP_CHARS_RE = re.compile(r"[\s,:“”\"(\-–]+")
# a passive before the cue: "được sửa đổi, bổ sung bởi X", "(sửa đổi ... tại X)", and the second cue of
# "đã được sửa đổi, bổ sung và bãi bỏ một số điều tại Quyết định số 18/2023/QĐ-TTg" (nq_35-2025-NQ-HDND)
# ... and "TTHC bị bãi bỏ tại Quyết định số 1217/QĐ-BTP" (qd_1766_2020): the decision repealed the procedures
# the next body of a joint document's issuers after a comma
# the bodies that sign joint circulars with a ministry ("... Bộ Lao động - Thương binh và Xã hội - Trung ương
# Đoàn Thanh niên Cộng sản Hồ Chí Minh", vbhn_835)
_JOINT_BODY = r"(?:Bộ|Ban|Ủy ban|Uỷ ban|Ngân hàng|Tòa án|Viện|Kiểm toán|Thanh tra|Trung ương|Tổng Liên đoàn|Văn phòng|Hội)\b"
_JOINT_DASH_NEXT_RE = re.compile(r"\s*[-–—]\s*" + _JOINT_BODY)
_JOINT_NEXT_RE = re.compile(r"\s*" + _JOINT_BODY)
_AMENDED_BY_RE = re.compile(r"(?:được|bị|\()\s*$|được\s+sửa\s+đổi(?:,?\s+bổ\s+sung)?\s*(?:,|và)\s*$")
_ISSUES_RE = re.compile(r"ban\s+hành\s*$")
_ARTICLE_LINE_RE = re.compile(r"\s*Điều\s")
_LEAD_FILLER_RE = re.compile(r"[\s,:*_“\"]|(?i:các|của)")
_CAC_RE = re.compile(r"\s*(?:các\s+)?")
_RUN_RE = re.compile(r"\d+")
# a title that opens on what the document does to the law it names (see _assign_cues)
_GUIDING_TITLE_RE = re.compile(r"[ \t]*(?:(?:về việc|về)[ \t]+)?(?:hướng dẫn|quy định chi tiết|quy định cụ thể)\b")
# the words just before a document a guiding title names as its object
# ("Hướng dẫn một số quy định tại Nghị định số 289/2025/NĐ-CP", tt_33-2026)
_TITLE_OBJECT_BEFORE_RE = re.compile(
    r"\b(?:theo|thi\s+hành|thực\s+hiện|của|tại|trong)\s+(?:các\s+)?(?:quy\s+định\s+(?:tại|của)\s+)?$|\bvà\s+$"
)
_GUIDES_BEFORE_RE = re.compile(r"(?:hướng[ \t]+dẫn|quy[ \t]+định[ \t]+chi[ \t]+tiết(?:[ \t]+và)?|biện[ \t]+pháp)[ \t,]*$")
_CLAUSE_END_RE = re.compile(r"[;\n()]|\.(?=\s|$)|(?:đã\s+)?được\s+sửa\s+đổi|:\s|\s(?:đã\s+)?hết\s+hiệu\s+lực")
_BARE_LIST_SEP_RE = re.compile(r"[ \t]*(?:,|;|và)[ \t\n]*(?=\d)")

_CYRILLIC = str.maketrans("АВЕКМНОРСТХУаеорсух", "ABEKMHOPCTXYaeopcyx")
_LEGISLATURE_APART_RE = re.compile(r"(?<=QH)[ \t](?=\d{2}$)")


@lru_cache(maxsize=4096)
def _clean_number(raw: str) -> str:
    return normalize_number(_LEGISLATURE_APART_RE.sub("", raw.translate(_CYRILLIC)))


def _spaces(s: str) -> str:
    return " ".join(s.split())


def _iso(m: re.Match[str]) -> str | None:
    if m.group("d1"):
        d, mo, y = m.group("d1"), m.group("m1"), m.group("y1")
    else:
        d, mo, y = m.group("d2"), m.group("m2"), m.group("y2")
    di, mi, yi = int(d), int(mo), int(y)
    if not (1 <= di <= 31 and 1 <= mi <= 12 and 1900 <= yi <= 2100):
        return None
    return f"{yi:04d}-{mi:02d}-{di:02d}"


# --------------------------------------------------------------------------
# Finding mentions


@lru_cache(maxsize=1)
def _type_pattern() -> str:
    return "|".join(_phrase_re(t) for t in _type_words())


@lru_cache(maxsize=1)
def _list_next_re() -> re.Pattern[str]:
    """``, Quyết định số 23`` / `` và Nghị định 09``: the next document of a list."""
    return re.compile(r"(?:,|\s+và|\s+;)\s+(?:" + _type_pattern() + r")\s+(?:số\s*)?\d")


@lru_cache(maxsize=1)
def _type_then_number_re() -> re.Pattern[str]:
    return re.compile(r"(?:" + _type_pattern() + r")\s*(?:số\s*)?\d")


@lru_cache(maxsize=1)
def _type_then_any_re() -> re.Pattern[str]:
    return re.compile(r"(?:" + _type_pattern() + r")(?![\w])")


@lru_cache(maxsize=1)
def _type_at_end_re() -> re.Pattern[str]:
    return re.compile(r"(?:" + _type_pattern() + r")\s*$")


@lru_cache(maxsize=1)
def _number_mention_re() -> re.Pattern[str]:
    # "<type> [liên tịch] [số[:]] <number>" or a bare "số <number>"; type words
    # and "số" in any case (title lines are upper case), the number case-sensitive.
    # Matched over the lowered text for the words, so the number part is
    # re-read from the original text.
    return re.compile(
        r"(?<![\w])(?:(?P<type>" + _type_pattern() + r")(?:\s+liên\s+tịch)?\s*,?\s*(?:số\s*:?\s*)?|(?P<so>số)\s*:?\s*)(?=\d)"
    )


@lru_cache(maxsize=1)
def _short_names() -> list[str]:
    """Type names a short form or an anaphor starts with (``Kết luận 44``, ``Nghị định này``)."""
    return [t for t in _type_words() if t[0].isupper() and t not in _cues()["generic_types"]["words"]]


@lru_cache(maxsize=1)
def _short_re() -> re.Pattern[str]:
    names = _short_names()
    types = "|".join(re.escape(t) for t in sorted(names, key=len, reverse=True))
    codes = "|".join(re.escape(c) for c in sorted(_cues()["short_type_codes"]["codes"], key=len, reverse=True))
    return re.compile(_SHORT_RE.pattern.replace("TYPES", types).replace("CODES", codes))


@lru_cache(maxsize=1)
def _anaphor_re() -> re.Pattern[str]:
    names = _short_names()
    types = "|".join(re.escape(t) for t in sorted(names, key=len, reverse=True))
    return re.compile(r"(?<![\wđĐ])(?P<type>" + types + r")\s+(?P<w>nêu\s+trên|nói\s+trên|này|trên)(?![\w])")


_LAW_TYPES = ("Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp")
# "Hiến pháp" needs no name after it ("phù hợp với quy định của Hiến pháp, ...", tt_23-2025-TT-BTP)
_LAW_RE = re.compile(
    # not "KỶ LUẬT HÀNH CHÍNH", "kỷ luật tổ chức đảng" (discipline)
    r"(?<![\wđĐ])(?<!kỷ )(?<!Kỷ )(?<!KỶ )(?<!kỉ )(?<!KỈ )(?P<lt>" + "|".join([*_LAW_TYPES, *(t.upper() for t in _LAW_TYPES)]) + r")"
    r"(?=[ \t\n]|(?<=[pP][hH][áÁ][pP])[,.;:)])"
)
_AMENDING_RE = re.compile(
    r"\s+sửa\s+đổi\s*,?\s*(?:bổ\s+sung\s+)?(?:một\s+số\s+điều\s+)?(?:của\s+)?(?:các\s+)?(?=(?:bộ\s+luật|luật|pháp\s+lệnh)\s)"
)

# Party congress and plenum documents (DOMAIN.md §5.3).
_CONGRESS = (
    r"Đại\s+hội\s+(?:đại\s+biểu\s+)?(?:toàn\s+quốc\s+)?(?:(?:Đảng\s+bộ|đảng\s+bộ)\s+[\wđ]+(?:\s+[A-ZĐÀ-Ỹ][\wđ]*){0,3}\s+)?"
    r"(?:lần\s+thứ\s+)?(?P<roman>[IVXLC]+)(?![\w])(?:\s+của\s+Đảng)?(?:\s*,\s*nhiệm\s+kỳ\s+\d{4}\s*-\s*\d{4})?"
)
_PARTY_BODY = (
    r"(?i:Ban\s+Chấp\s+hành\s+Trung\s+ương(?:\s+Đảng)?|Bộ\s+Chính\s+trị|Ban\s+Bí\s+thư(?:\s+Trung\s+ương\s+Đảng)?"
    r"|Ủy\s+ban\s+Kiểm\s+tra\s+Trung\s+ương|Uỷ\s+ban\s+Kiểm\s+tra\s+Trung\s+ương)"
)
_PARTY_RE = re.compile(
    # "Báo cáo chính trị [và Nghị quyết] Đại hội ... lần thứ I" (tb_636)
    r"(?P<bc>Báo\s+cáo\s+chính\s+trị)\s+(?:(?:của|tại)\s+)?(?P<bcnq>và\s+Nghị\s+quyết\s+(?:của\s+)?)?(?P<bccong>" + _CONGRESS + r")"
    # "Nghị quyết [của] Đại hội XIII của Đảng", "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV"
    r"|Nghị\s+quyết\s+(?:của\s+)?(?P<cong>" + _CONGRESS.replace("roman", "roman2") + r")"
    # "Nghị quyết Trung ương 4 khóa XII", "Nghị quyết Hội nghị Trung ương 8 (khoá XIII)"
    # "Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương khóa XIII"
    r"|Nghị\s+quyết\s+(?P<plen>(?:Hội\s+nghị\s+)?(?:lần\s+thứ\s+[\wđ]+|(?:Ban\s+Chấp\s+hành\s+)?Trung\s+ương\s+(?:\d{1,2}|lần\s+thứ\s+[\wđ]+))"
    r"(?:\s+(?:của\s+)?Ban\s+Chấp\s+hành\s+Trung\s+ương(?:\s+Đảng)?)?\s*[(,]?\s*(?:kh[oó]a|khoá)\s+(?P<pterm>[IVXLC]+)\s*\)?)"
    # "Quy chế làm việc của Ban Chấp hành Trung ương, Bộ Chính trị và Ban Bí thư khoá XIII": a Party
    # basis without number, named by its bodies and their term
    r"|Quy\s+chế\s+(?P<qc>làm\s+việc\s+(?:của\s+)?(?:" + _PARTY_BODY + r")(?:\s*(?:,|và)\s*(?:" + _PARTY_BODY + r"))*"
    r"\s*[(,]?\s*(?:kh[oó]a|khoá)\s+[IVXLC]+\)?)(?![\w])"
    # "Điều lệ Đảng", "Điều lệ và các quy định của Đảng" (hd_37)
    r"|(?P<dl>Điều\s+lệ\s+(?:Đảng(?:\s+Cộng\s+sản\s+Việt\s+Nam)?|(?:và\s+[^,.;:\n]{0,40}?\s+)?của\s+Đảng)(?![\w]))"
)
# Vietnamese national standards: "TCVN 14423:2025" (kh_308).
_STD_RE = re.compile(r"(?<![\w])(?P<num>TCVN\s*\d{2,6}(?:-\d+)?(?::\d{4})?)(?![\w])")


# --------------------------------------------------------------------------
# Scanning
#
# Each scanned pattern starts at a word start with a word of its list (a type
# name, a cue's first word, "số", a code). Trying such a pattern at every
# position of a 43 KB text costs ~0.7 ms, and there are fourteen of them.
# Instead one pass of a trie of all their first words lists the positions where
# each pattern may start, and the pattern is tried there only: the same matches
# as its finditer (every position where it matches is listed; a position inside
# an earlier match is passed over as finditer does). The pass is over the
# lowered text; patterns over the text (case-sensitive) keep the positions
# where the text has a capital letter, as each of their first words does
# (lowering and tone_key keep a character a word character or not, so a word
# start of the text is one of the lowered text).


def _lead(literal: str) -> str:
    """The word characters a pattern's literal starts with."""
    m = re.match(r"\w+", literal)
    if m is None:  # pragma: no cover - the word lists start with words
        raise ValueError(f"no leading word in {literal!r}")
    return m.group()


def _phrase_leads(phrases: list[str]) -> set[str]:
    """Leads of phrases matched through :func:`_phrase_re` over the lowered text."""
    return {_lead(key(p).replace(",", " , ").split()[0]) for p in phrases}


def _trie_pattern(words: set[str]) -> str:
    """An alternation of ``words`` as a trie: each position costs one or two
    character tests, the first characters make a set the engine skips by, and
    the longest word that starts at a position is the one matched."""
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(root)


@dataclass(frozen=True, slots=True)
class _Scanner:
    """One pass that lists where each of several patterns may start."""

    pattern: re.Pattern[str]
    """The first words of every pattern, as one trie."""
    families: dict[str, tuple[str, ...]]
    """For each family (pattern), the trie words it may start with."""
    words: frozenset[str]
    """Every word of the trie."""

    @classmethod
    def build(cls, leads: dict[str, set[str]]) -> _Scanner:
        words = set().union(*leads.values())
        # the pass matches the longest word of the trie at a position: a pattern
        # may start there when one of its leads begins that word
        families = {f: tuple(w for w in words if any(w.startswith(x) for x in ls)) for f, ls in leads.items()}
        return cls(re.compile(_trie_pattern(words)), families, frozenset(words))

    def starts(
        self, string: str, capitals: str | None = None, capital_families: tuple[str, ...] = ()
    ) -> dict[str, list[int]]:
        """For each family, the positions of ``string`` where it may match, in order.

        The trie's words are word characters only, so a position the pass
        goes over inside a word it matched is no word start, where every
        family needs one. ``capital_families`` keep only the positions where
        ``capitals`` (a text as long as ``string``) has a capital letter."""
        at: dict[str, list[int]] = {w: [] for w in self.words}
        for m in self.pattern.finditer(string):
            at[m[0]].append(m.start())
        capped: dict[str, list[int]] = {}
        out = {}
        for fam, words in self.families.items():
            if fam in capital_families and capitals is not None:
                for w in words:
                    if w not in capped:
                        capped[w] = [q for q in at[w] if capitals[q].isupper()]
                lists = [capped[w] for w in words if capped[w]]
            else:
                lists = [at[w] for w in words if at[w]]
            out[fam] = lists[0] if len(lists) == 1 else sorted(chain.from_iterable(lists))
        return out


# Patterns over the text (case-sensitive; each starts with a capital letter).
_TEXT_FAMILIES = ("law", "std", "short", "anaphor")


def _text_leads(literals: list[str]) -> set[str]:
    """Leads of case-sensitive literals as the lowered text spells them (the
    tone of an open syllable at the end moved by ``tone_key`` or not)."""
    out: set[str] = set()
    for lit in literals:
        lead = _lead(lit)
        # a one-word literal ending with o or u could take the tone of a vowel
        # after it in the text (``tone_key``), which these spellings do not cover
        if not lead[0].isupper() or (lead == lit and lead[-1] in "oOuU"):  # pragma: no cover
            raise ValueError(f"{lit!r} cannot be scanned for over the lowered text")
        out |= {lead.lower(), tone_key(lead).lower()}
    return out


@lru_cache(maxsize=1)
def _scanner() -> _Scanner:
    """Every scanned pattern: numbers after a type word or ``số`` and cues (over
    the lowered text); laws, standards, short forms and anaphors (over the text)."""
    leads = {"number": _phrase_leads(_type_words()) | {"số"}}
    for rule in _cue_rules():
        leads[rule.family] = _phrase_leads(rule.phrases)
    leads["law"] = _text_leads([*_LAW_TYPES, *(t.upper() for t in _LAW_TYPES)])
    leads["std"] = _text_leads(["TCVN"])
    leads["short"] = _text_leads([*_short_names(), *_cues()["short_type_codes"]["codes"]])
    leads["anaphor"] = _text_leads(_short_names())
    return _Scanner.build(leads)


def _candidate_starts(text: str, low: str) -> dict[str, list[int]]:
    """Where each scanned pattern may start (see :func:`_scan`): one pass over the
    lowered text; a pattern over the text starts with a capital letter there."""
    return _scanner().starts(low, text, _TEXT_FAMILIES)


def _matches_at(pattern: re.Pattern[str], string: str, starts: list[int]) -> list[re.Match[str]]:
    """``pattern.finditer(string)`` when every match starts at one of ``starts``
    (ascending) and none is empty: a start inside the previous match is passed over."""
    out = []
    end = 0
    for q in starts:
        if q < end:
            continue
        m = pattern.match(string, q)
        if m:
            out.append(m)
            end = m.end()
    return out


def _scan(r: _Reader, family: str, pattern: re.Pattern[str], string: str) -> list[re.Match[str]]:
    """The matches of one scanned pattern (every match of ``pattern.finditer``)."""
    if r.starts is None:
        return list(pattern.finditer(string))
    return _matches_at(pattern, string, r.starts.get(family, []))


def _article_matches(text: str) -> list[re.Match[str]]:
    """``_ARTICLE_RE.finditer(text)``, tried only where a match may start: the
    first line start in the run of blanks, ``*`` and ``_`` before each ``Điều``
    (the leading ``^`` makes the plain scan try every position)."""
    starts = []
    i = text.find("Điều")
    while i >= 0:
        j = i
        while j > 0 and (text[j - 1] in "*_" or text[j - 1].isspace()):
            j -= 1
        if j == 0 or text[j - 1] == "\n":
            starts.append(j)
        else:
            k = text.find("\n", j, i)
            if k >= 0:
                starts.append(k + 1)
        i = text.find("Điều", i + 4)
    # a match ends with ".", which is no blank: it never reaches into the run
    # before the next "Điều", so no start is passed over
    return _matches_at(_ARTICLE_RE, text, starts)


def _party_matches(text: str) -> list[re.Match[str]]:
    """``_PARTY_RE.finditer(text)``, tried only where one of its alternatives'
    first words stands (it has no look-behind: any occurrence may start one)."""
    starts = []
    for lead in ("Báo", "Nghị", "Điều", "Quy chế"):
        i = text.find(lead)
        while i >= 0:
            starts.append(i)
            i = text.find(lead, i + 1)
    starts.sort()
    return _matches_at(_PARTY_RE, text, starts)


