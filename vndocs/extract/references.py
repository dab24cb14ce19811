"""References to other documents: what the text cites and what it does to them.

``extract_references(text, header, preamble)`` finds every mention of another
document, groups the mentions by document (one :class:`Reference` per
document, in order of first mention) and decides the relation from the cues
around the mentions (``eval/README.md``, DOMAIN.md §5):

1. *mentions*: full forms (type + ``số`` + number + ``ngày`` + ``của`` issuer +
   subject), bare numbers in lists, laws by name (``Luật Tổ chức Chính phủ
   ngày 19 tháng 6 năm 2015``, amending laws with the laws they amend), Party
   congress and plenum resolutions, ``Điều lệ Đảng``, national standards and
   short forms (``Kết luận 44``, ``QĐ22``) resolved to an earlier full mention;
2. the document itself is left out (its own number, ``Kế hoạch này``), so are
   drafts and documents still to be made;
3. *nesting*: a document named inside another one's subject (``... sửa đổi,
   bổ sung một số điều của Nghị định số 146/2018/NĐ-CP``) or inside an amending
   law's name is only cited by this document;
4. *cues*: ``Căn cứ`` (based_on), ``Thực hiện``... (implements, title and
   preamble only), ``sửa đổi, bổ sung`` / ``đính chính`` (amends), ``thay
   thế`` (replaces), ``bãi bỏ``, ``... hết hiệu lực`` (repeals), ``hướng dẫn``,
   ``quy định chi tiết`` (guides, title and scope only) govern the document
   that directly follows them and the list that continues it; a document
   named after ``được sửa đổi, bổ sung bởi`` shares the cue of the one it amends.

The word lists live in ``vndocs/data/reference_cues.json``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, chain, pairwise

from vndocs.identity import document_key, number_issuer, number_system, number_type, number_year
from vndocs.models import Header, Mention, Reference, Span
from vndocs.normalize import _BLOCK_START_RE, key, normalize_number, tone_key
from vndocs.textutil import UPPER
from vndocs.vocab import canonical_type, load

RELATION_ORDER = ("replaces", "repeals", "amends", "implements", "guides", "based_on", "cites")
"""Precedence when one document is mentioned with several cues (eval/README.md)."""

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
# lower-case run (QĐi, CTr, TTg, QyĐ, BSGBTr); Cyrillic look-alikes occur in
# Công báo text (qd_372: "TT-BТС"). A following letter rejects "Số 271/Ngày".
_G = r"[A-ZĐА-Я][A-ZĐА-Я0-9&]*(?:[a-zđ]{1,2}[A-ZĐА-Я0-9&]*)?(?:(?![\wđĐ])|(?=của\s))"  # "QĐ-TTgcủa" (nq_35)
_H = "[-\u2010-\u2015\u2212]"  # hyphen or a Unicode dash ("45–KH/BTGTU" in Word copies)
_NUMBER = (
    # Party: 45-KH/BTGTU, 08-QĐi/TW, 367 - QĐ/TWĐTN-VP, số31-QĐ/TW (DOMAIN.md §1.3)
    r"(?P<party>\d{1,6}[ \t]*" + _H + r"[ \t]*" + _G + r"[ \t]*/[ \t]*" + _G + r"(?:[ \t]*" + _H + r"[ \t\n]*" + _G + r")*)"
    # State: 30/2020/NĐ-CP, 308/KH-UBND, 1206 /QĐ-HVTC, 57/2021/TT-\nBTC (line break in Công báo)
    # ... and the older "84/2005/TTLT/BTC-BLĐTBXH" (ttlt_47)
    # ... and a sub-number before the year: 66.4/2025/NQ-CP (tb_634)
    r"|(?P<state>\d{1,6}(?:[a-z]|\.\d{1,2}(?=[ \t]*/[ \t]*\d{4}[ \t]*/))?[ \t]*/[ \t]*(?:\d{4}[ \t]*/[ \t]*)?"
    + _G + r"(?:/" + _G + r")?(?:[ \t]*" + _H + r"[ \t\n]*" + _G + r")*)"
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

_WORD_RE = re.compile(r"[^\W\d_][\w]*(?:-[\w]+)*|\d+|[–—-](?=\s)")
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
_JOINT_DASH_NEXT_RE = re.compile(r"\s*[-–—]\s*(?:Bộ|Ban|Ủy ban|Uỷ ban|Ngân hàng|Tòa án|Viện|Kiểm toán|Thanh tra)\b")
_JOINT_NEXT_RE = re.compile(r"\s*(?:Bộ|Ban|Ủy ban|Uỷ ban|Ngân hàng|Tòa án|Viện|Kiểm toán|Thanh tra)\b")
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
    r"\b(?:theo|thi\s+hành|thực\s+hiện|của|tại)\s+(?:các\s+)?(?:quy\s+định\s+(?:tại|của)\s+)?$|\bvà\s+$"
)
_GUIDES_BEFORE_RE = re.compile(r"(?:hướng[ \t]+dẫn|quy[ \t]+định[ \t]+chi[ \t]+tiết(?:[ \t]+và)?|biện[ \t]+pháp)[ \t,]*$")
_CLAUSE_END_RE = re.compile(r"[;\n()]|\.(?=\s|$)|(?:đã\s+)?được\s+sửa\s+đổi|:\s|\s(?:đã\s+)?hết\s+hiệu\s+lực")
_BARE_LIST_SEP_RE = re.compile(r"[ \t]*(?:,|;|và)[ \t\n]*(?=\d)")

_CYRILLIC = str.maketrans("АВЕКМНОРСТХУаеорсух", "ABEKMHOPCTXYaeopcyx")

@lru_cache(maxsize=4096)
def _clean_number(raw: str) -> str:
    return normalize_number(raw.translate(_CYRILLIC))


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
# Mentions


@dataclass(slots=True)
class _M:
    """One mention while it is being read (internal)."""

    start: int
    end: int
    kind: str  # number, law, party, std, short
    type: str | None = None
    number: str | None = None
    date: str | None = None
    year: int | None = None
    issuer: str | None = None
    title: str | None = None
    term: str | None = None
    tail_end: int = 0
    subject: tuple[int, int] | None = None  # the subject or a law's name (for nesting)
    inner: bool = False  # a law named inside an amending law's name
    nested: bool = False
    amender_of: int | None = None
    cue: str | None = None
    ref: int | None = None
    short_prefix: str | None = None
    explicit_type: bool = True
    issuer_said_before: bool = False  # the issuer came from the words before the mention


# A ":" ending a line, before "*" and "_" (bold and underline marks).
_COLON_END_RE = re.compile(r":[ *_]*(?![^\n])")


class _Reader:
    """Reads the mentions of one text (state kept per call, no globals)."""

    def __init__(self, text: str, header: Header, preamble: list[Span]) -> None:
        self.text = text
        self.low = tone_key(text).lower()
        if len(self.low) != len(text):  # pragma: no cover - defensive
            self.low = text.lower()
        # word starts where a scanned pattern may match; None: scan everything
        self.starts = _candidate_starts(text, self.low) if len(self.low) == len(text) else None
        self.header = header
        self.given_preamble = preamble
        self.own_numbers, self.own_type = self._own_identity()
        self.title_zone = self._title_zone()
        self.body_start = self._body_start()
        self.paragraphs = self._paragraphs()
        arts = [(m.start(), m.group(1)) for m in _article_matches(text)]
        self.article_starts = [a for a, _ in arts]
        self.article_numbers = [n for _, n in arts]

    # ---- the document itself ------------------------------------------

    def _own_identity(self) -> tuple[set[str], str | None]:
        numbers: set[str] = set()
        if self.header.number is not None and self.header.number.value:
            numbers.add(_clean_number(re.sub(r"^(?i:số)\s*:?\s*", "", self.header.number.value)).casefold())
        # The number line of the header ("Số: 308/KH-UBND", "Số 45-KH/BTGTU"),
        # read here too so the document never cites itself.
        head = self.text[: min(len(self.text), 4000)]
        n = self.header.number
        if n is not None and n.span is not None:
            # only number lines up to the header's own: a title wrapped before "SỐ 11/2022/NQ-HĐND" names
            # the document it amends, not this one (nq_35-2025-NQ-HDND_hue)
            head = head[: n.span.end + 1]
        for om in _OWN_NUMBER_RE.finditer(head):
            if head[: om.start()].count("\n") <= 40:
                numbers.add(_clean_number(om.group("party") or om.group("state")).casefold())
        own_type = self.header.type.value if self.header.type is not None else None
        if own_type is None:
            for line in self.text[:4000].split("\n")[:60]:
                tm = _TYPE_LINE_RE.match(line)
                if tm and canonical_type(tm.group("t").strip()):
                    own_type = canonical_type(tm.group("t").strip())
                    break
        return numbers, own_type

    def _is_own(self, number: str) -> bool:
        return number.casefold() in self.own_numbers

    def _is_own_annex(self, number: str, start: int) -> bool:
        """``(Ban hành kèm theo Quyết định số 102 /2025 /QĐ-CTUBND)`` under an annex of
        102/2025/QĐ-UBND (qd_102): the same running number and year is this document."""
        if not _ANNEX_INTRO_RE.search(self.low[max(0, start - 20) : start]):
            return False
        run = _RUN_YEAR_RE.match(number)
        return bool(run) and any(n.startswith((run.group().casefold() + "/", run.group().casefold() + "-")) for n in self.own_numbers)

    def _title_zone(self) -> tuple[int, int] | None:
        t = self.header.title
        if t is not None and t.span is not None:
            return (t.span.start, t.span.end)
        lines = self.text.split("\n")
        pos = 0
        offsets = []
        for line in lines:
            offsets.append(pos)
            pos += len(line) + 1
        for i, line in enumerate(lines[:80]):
            stripped = line.strip(" *#|_\t")
            if re.match(r"(?i:v/v|về\s+việc)\b", stripped) and i < 40:
                return (offsets[i], offsets[i] + len(line))
            m = _TYPE_LINE_RE.match(line)
            if not (m and canonical_type(m.group("t").strip())):
                # "KẾ HOẠCH thực hiện ...": the normalizer joined a lower-case title to the type line
                jm = _TYPE_JOINED_RE.match(line)
                if jm and canonical_type(jm.group("t")):
                    start = offsets[i] + jm.end("t")
                    return (start, offsets[i] + len(line))
                continue
            j = i + 1
            while j < len(lines) and not lines[j].strip(" *#|_\t"):
                j += 1
            start = offsets[j] if j < len(lines) else offsets[-1]
            end = start
            k = j
            while k < len(lines) and lines[k].strip(" *#|_\t") and k - j < 6:
                # a title may itself start "Thực hiện ..."; a later such line is the preamble
                if k > j and _PREAMBLE_START_RE.match(lines[k]) or _BODY_START_RE.match(lines[k]):
                    break
                end = offsets[k] + len(lines[k])
                k += 1
            return (start, end) if end > start else None
        return None

    def _body_start(self) -> int:
        after = self.title_zone[1] if self.title_zone else 0
        m = _BODY_START_RE.search(self.text, after)
        limit = max(6000, len(self.text) * 2 // 5)
        if m and m.start() <= limit:
            return m.start()
        return min(limit, len(self.text))

    def _paragraphs(self) -> list[tuple[int, int]]:
        """Non-empty lines, a line that ends mid-sentence joined with the next
        (``a) Khoản 2, khoản`` / ``3 Điều 2 ...`` in qd_2500)."""
        out: list[tuple[int, int]] = []
        pos = 0
        open_end = False
        for line in self.text.split("\n"):
            if line.strip():
                if open_end and out and not _BLOCK_START_RE.match(line) and not _LIST_MARKER_RE.match(line):
                    out[-1] = (out[-1][0], pos + len(line))
                else:
                    out.append((pos, pos + len(line)))
                open_end = line.rstrip(" *_|")[-1:] not in (".", ";", ":", "!", "?", "")
            else:
                open_end = False
            pos += len(line) + 1
        return out

    @cached_property
    def colon_paragraphs(self) -> list[tuple[int, str]]:
        """Paragraphs that end with ``:`` (before ``*`` and ``_``), by index, with
        their lowered text up to it: where a list may be introduced."""
        out = []
        for cm in _COLON_END_RE.finditer(self.low):
            # paragraphs are disjoint: the one holding the line end, if it ends there
            i = self.paragraph_of(cm.end())
            s, e = self.paragraphs[i] if self.paragraphs else (0, -1)
            if e == cm.end():
                out.append((i, self.low[s : cm.start() + 1]))
        return out

    def paragraph_of(self, pos: int) -> int:
        lo, hi = 0, len(self.paragraphs) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s, e = self.paragraphs[mid]
            if pos < s:
                hi = mid - 1
            elif pos > e:
                lo = mid + 1
            else:
                return mid
        return max(0, min(lo, len(self.paragraphs) - 1))

    def in_preamble(self, pos: int) -> bool:
        for sp in self.given_preamble:
            if sp.start <= pos < sp.end:
                return True
        if self.title_zone and self.title_zone[0] <= pos < self.title_zone[1]:
            return True
        if pos >= self.body_start:
            return False
        p = self.paragraphs[self.paragraph_of(pos)] if self.paragraphs else (0, 0)
        # a paragraph before the body that starts with a preamble cue, or the
        # enacting text ("Chính phủ ban hành Nghị định ...")
        para = self.text[p[0] : p[1]]
        return bool(_PREAMBLE_START_RE.match(para)) or bool(
            _ENACTING_RE.search(para[:200]) and not para.lstrip().startswith(("Số", "Ngày"))
        )

    def in_title(self, pos: int) -> bool:
        return bool(self.title_zone and self.title_zone[0] <= pos < self.title_zone[1])

    # ---- tails: date, issuer, term, subject -----------------------------

    def read_issuer(self, pos: int, joint: bool = False) -> tuple[str | None, int]:
        """An issuer starting at ``pos`` (after ``của``) and where it ends.

        Stop words end it only in lower case (``Bộ Giao thông vận tải`` is a
        name, ``giao`` a verb) unless the line is in capitals. ``joint``: the
        document is a joint one (``TTLT``), whose issuers are listed with commas
        (``của liên Bộ Quốc phòng, Bộ Lao động - Thương binh và Xã hội và Bộ Tài
        chính``, tt_101_2018)."""
        stops = _stop_sets()["issuer"]
        i = pos
        end = pos
        words = 0
        caps = False
        while words < (40 if joint else 16):
            sp = _SPACE_RE.match(self.text, i)
            j = sp.end() if sp else i
            wm = _WORD_RE.match(self.text, j)
            if not wm:
                break
            w = wm.group()
            if words == 0:
                if not (w[0].isupper() or w == "liên"):
                    return None, pos
                caps = w.isupper() and len(w) > 1
            elif (w[0].islower() or caps) and stops.match(self.low, j):
                break
            elif w[0].isupper() and not caps and _SENTENCE_START_RE.match(self.low, j):
                break  # "... của Bộ Tài chính Xét đề nghị ..." (a lost line break)
            if w in ("–", "—", "-"):
                nsp = _SPACE_RE.match(self.text, wm.end())
                nxt = _WORD_RE.match(self.text, nsp.end() if nsp else wm.end())
                if not nxt or not nxt.group()[0].isupper():
                    break
            if words and w == "và":
                nsp = _SPACE_RE.match(self.text, wm.end())
                nj = nsp.end() if nsp else wm.end()
                nxt = _WORD_RE.match(self.text, nj)
                if not nxt or not nxt.group()[0].isupper() or _type_then_any_re().match(self.low, nj):
                    break
            end = wm.end()
            i = end
            words += 1
            if end < len(self.text) and self.text[end] in ",;.:()“”\"":
                # "của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ" (qd_1351): a dual title
                dual = self.text[end] == "," and key(self.text[pos:end]) in _position_titles()
                joint_next = joint and self.text[end] == "," and _JOINT_NEXT_RE.match(self.text, end + 1)
                nsp = _SPACE_RE.match(self.text, end + 1) if dual or joint_next else None
                nxt = _WORD_RE.match(self.text, nsp.end()) if nsp else None
                if not (nxt and nxt.group()[0].isupper()):
                    break
                i = end + 1
                continue
            if joint and _JOINT_DASH_NEXT_RE.match(self.text, end):
                continue  # "Bộ Tài chính – Bộ Khoa học và Công nghệ" (a joint circular's issuers)
            if key(self.text[pos:end]) in _complete_issuers():
                nsp = _SPACE_RE.match(self.text, end)
                nj = nsp.end() if nsp else end
                nxt = _WORD_RE.match(self.text, nj)
                if not nxt or not nxt.group()[0].isupper() or caps or stops.match(self.low, nj):
                    break
        if end == pos:
            return None, pos
        issuer = _spaces(self.text[pos:end]).strip(" -–")
        return (issuer or None), end

    def read_tail(self, m: _M, pos: int) -> None:
        """Date, issuer, term and subject after a mention's number or name."""
        seen: set[str] = set()
        for _ in range(5):
            if "date" not in seen:
                d = _TAIL_DATE_RE.match(self.text, pos)
                if d:
                    m.date = m.date or _iso(d)
                    pos = d.end()
                    seen.add("date")
                    continue
            if "issuer" not in seen:
                c = _TAIL_ISSUER_RE.match(self.text, pos)
                if c:
                    issuer, end = self.read_issuer(c.end(), joint=bool(m.number and "TTLT" in m.number))
                    if issuer:
                        m.issuer = m.issuer or issuer
                        pos = end
                        seen.add("issuer")
                        continue
            p = _TAIL_ASIDE_RE.match(self.text, pos)
            if p:
                pos = p.end()
                continue
            if "term" not in seen:
                t = _TAIL_TERM_RE.match(self.text, pos)
                if t:
                    m.term = f"khóa {t.group('term')}"
                    pos = t.end()
                    seen.add("term")
                    continue
            break
        m.tail_end = pos
        self.read_subject(m, pos)

    def read_subject(self, m: _M, pos: int) -> None:
        sm = _SUBJECT_LEAD_RE.match(self.text, pos)
        start = sm.end() if sm else pos
        if not _stop_sets()["title"].match(self.low, start):
            return
        # ", Hướng dẫn số 21-HD/BTCTW": the next document of a list, not a subject
        if _type_then_number_re().match(self.low, start):
            return
        if sm and sm.group("comma") and not sm.group("q") and not _VE_RE.match(self.low, start):
            return
        end = self._clause_end(start)
        if end <= start:
            return
        m.subject = (start, end)
        title = _spaces(self.text[start:end]).strip(" ,:;“”\"")
        title = _SUBJECT_HEAD_RE.sub("", title)
        m.title = m.title or (title or None)

    def _clause_end(self, start: int) -> int:
        """End of a subject: ``;``, a line end, a sentence end, a parenthesis,
        ``được sửa đổi, bổ sung bởi``, or a new document in a plain list."""
        e = _CLAUSE_END_RE.search(self.low, start)
        end = e.start() if e else len(self.text)
        # "về A và Quyết định số B": B is not inside A's subject unless the
        # subject chains documents (sửa đổi ... của X và Y).
        for nm in _list_next_re().finditer(self.low[start:end]):
            if not _stop_sets()["nesting"].search(self.low, start, start + nm.start()):
                return start + nm.start()
        return end


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
    r"(?<![\wđĐ])(?P<lt>" + "|".join([*_LAW_TYPES, *(t.upper() for t in _LAW_TYPES)]) + r")"
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
_PARTY_RE = re.compile(
    # "Báo cáo chính trị [và Nghị quyết] Đại hội ... lần thứ I" (tb_636)
    r"(?P<bc>Báo\s+cáo\s+chính\s+trị)\s+(?:(?:của|tại)\s+)?(?P<bcnq>và\s+Nghị\s+quyết\s+(?:của\s+)?)?(?P<bccong>" + _CONGRESS + r")"
    # "Nghị quyết [của] Đại hội XIII của Đảng", "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV"
    r"|Nghị\s+quyết\s+(?:của\s+)?(?P<cong>" + _CONGRESS.replace("roman", "roman2") + r")"
    # "Nghị quyết Trung ương 4 khóa XII", "Nghị quyết Hội nghị Trung ương 8 (khoá XIII)"
    # "Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương khóa XIII"
    r"|Nghị\s+quyết\s+(?P<plen>(?:Hội\s+nghị\s+)?(?:lần\s+thứ\s+[\wđ]+|(?:Ban\s+Chấp\s+hành\s+)?Trung\s+ương\s+(?:\d{1,2}|lần\s+thứ\s+[\wđ]+))"
    r"(?:\s+(?:của\s+)?Ban\s+Chấp\s+hành\s+Trung\s+ương(?:\s+Đảng)?)?\s*[(,]?\s*(?:kh[oó]a|khoá)\s+(?P<pterm>[IVXLC]+)\s*\)?)"
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
    for lead in ("Báo", "Nghị", "Điều"):
        i = text.find(lead)
        while i >= 0:
            starts.append(i)
            i = text.find(lead, i + 1)
    starts.sort()
    return _matches_at(_PARTY_RE, text, starts)


class _Taken:
    """Spans already read as mentions: a later pattern's match that overlaps
    one is no mention. One byte per character, so a test is one ``find``."""

    def __init__(self, length: int) -> None:
        self.mask = bytearray(length)

    def add(self, start: int, end: int) -> None:
        self.mask[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        """Whether no taken span overlaps ``[start, end)`` (both spans non-empty)."""
        return self.mask.find(1, start, end) < 0


def _find_mentions(r: _Reader) -> list[_M]:
    text, low = r.text, r.low
    mentions: list[_M] = []
    taken = _Taken(len(text))
    free = taken.free

    # Laws by name, amending laws first (their inner laws get no tail).
    inner_spans: list[tuple[int, int]] = []
    for lm in _scan(r, "law", _LAW_RE, text):
        lt = lm.group("lt")
        typ: str | None = canonical_type(lt) or "Luật"
        am = _AMENDING_RE.match(low, lm.end())
        if am:
            # Luật sửa đổi, bổ sung một số điều của Luật X [và Luật Y] ngày ...
            pos = am.end()
            last = None
            while True:
                sub = _LAW_RE.match(text, pos)
                if not sub:
                    break
                name_end = _law_name_end(r, sub.end(), typ=canonical_type(sub.group("lt")) or "Luật")
                if name_end is None:
                    break
                inner_spans.append((sub.start(), name_end))
                last = name_end
                sep = _AMENDED_LAW_SEP_RE.match(text, name_end)
                if not sep:
                    break
                pos = sep.end()
            if last is None:
                continue
            m = _M(lm.start(), last, "law", type=typ)
            m.title = _spaces(text[lm.end() : last])
            m.subject = (lm.end(), last)
            _law_tail(r, m, last)
            mentions.append(m)
            taken.add(m.start, m.end)
            continue
        if lm.start() in {a for a, _ in inner_spans}:
            continue
        name_end = _law_name_end(r, lm.end(), typ=typ)
        if name_end is None:
            if typ == "Hiến pháp":
                name_end = lm.end()
            else:
                continue
        if _is_draft(r, lm.start()) or _DRAFT_AFTER_RE.match(low, name_end):
            continue
        m = _M(lm.start(), name_end, "law", type=typ)
        name = _spaces(text[lm.end() : name_end])
        m.title = name or None
        if name:
            m.subject = (lm.end(), name_end)
        _law_tail(r, m, name_end)
        if not m.title and not m.number and typ != "Hiến pháp":
            continue
        mentions.append(m)
        taken.add(m.start, m.end)
    for s, e in inner_spans:
        im = _LAW_RE.match(text, s)
        if im is None:  # pragma: no cover - spans come from _LAW_RE matches
            continue
        m = _M(s, e, "law", type=canonical_type(im.group("lt")) or "Luật", inner=True)
        m.title = _spaces(text[im.end() : e])
        m.tail_end = e
        mentions.append(m)

    # Party congress, plenum and charter.
    for pm in _party_matches(text):
        if not free(pm.start(), pm.end()):
            continue
        if pm.group("bc"):
            cong = _spaces(pm.group("bccong"))
            m = _M(pm.start(), pm.end(), "party", type="Báo cáo", title=f"Báo cáo chính trị {cong}")
            mentions.append(m)
            if pm.group("bcnq"):
                s = pm.start("bcnq")
                mentions.append(_M(s, pm.end(), "party", type="Nghị quyết", title=cong))
        elif pm.group("cong"):
            mentions.append(_M(pm.start(), pm.end(), "party", type="Nghị quyết", title=_spaces(pm.group("cong"))))
        elif pm.group("plen"):
            m = _M(pm.start(), pm.end(), "party", type="Nghị quyết", title=_spaces(pm.group("plen")))
            m.term = f"khóa {pm.group('pterm')}"
            mentions.append(m)
        else:
            mentions.append(_M(pm.start(), pm.end(), "party", type="Điều lệ", title="Điều lệ Đảng"))
        taken.add(pm.start(), pm.end())

    # Numbers: "<type> [số] N", "số N", and bare numbers continuing a list.
    for nm in _scan(r, "number", _number_mention_re(), low):
        num = _NUMBER_RE.match(text, nm.end())
        if not num:
            continue
        start = nm.start()
        if not free(start, num.end()):
            continue
        if nm.group("so") and (_line_prefix_is_header(text, start) or _NOT_DOC_BEFORE_RE.search(low, max(0, start - 30), start)):
            continue
        raw = num.group("party") or num.group("state")
        number = _clean_number(raw)
        if r._is_own(number) or _DRAFT_AFTER_RE.match(low, num.end()) or r._is_own_annex(number, start):
            taken.add(start, num.end())
            continue
        typ = None
        explicit = False
        if nm.group("type"):
            printed = text[nm.start("type") : nm.end("type")]
            typ = canonical_type(printed)
            if _JOINT_CIRCULAR_RE.match(text[nm.start("type") : nm.end()]):
                typ = "Thông tư liên tịch"
            explicit = typ is not None and printed.split()[0].casefold() != "văn"
        sys_ = number_system(number)
        if typ is None or typ == "Văn bản":
            typ = number_type(number, sys_)
        m = _M(start, num.end(), "number", type=typ, number=number, explicit_type=explicit)
        m.year = number_year(number)
        mentions.append(m)
        taken.add(start, num.end())
        _continue_list(r, m, mentions, taken)

    # National standards.
    for sm in _scan(r, "std", _STD_RE, text):
        if free(sm.start(), sm.end()):
            m = _M(sm.start(), sm.end(), "std", type="Tiêu chuẩn quốc gia", number=_spaces(sm.group("num")))
            mentions.append(m)
            taken.add(sm.start(), sm.end())

    # Short forms: "Kết luận 44", "Nghị định 30/2020", "QĐ22".
    codes = _cues()["short_type_codes"]["codes"]
    for sm in _scan(r, "short", _short_re(), text):
        if not free(sm.start(), sm.end()):
            continue
        n = sm.group("n")
        if not sm.group("y") and _YEAR_RE.fullmatch(n):
            continue  # "Kế hoạch 2025" is a year, not a number
        t = sm.group("type") or sm.group("code")
        styp: str | None = codes.get(t) or canonical_type(t)
        if styp is None:
            continue
        m = _M(sm.start(), sm.end(), "short", type=styp)
        m.short_prefix = n + (f"/{sm.group('y')}" if sm.group("y") else "")
        m.tail_end = sm.end()
        mentions.append(m)
        taken.add(sm.start(), sm.end())

    # "Nghị định nêu trên", "Nghị định này" (when this is not a Nghị định): the last one named
    for am in _scan(r, "anaphor", _anaphor_re(), text):
        if not free(am.start(), am.end()):
            continue
        atyp = canonical_type(am.group("type"))
        word = key(am.group("w"))
        if atyp is None or (word == "này" and (r.own_type is None or r.own_type == atyp)):
            continue
        m = _M(am.start(), am.end(), "anaphor", type=atyp)
        m.tail_end = am.end()
        mentions.append(m)
        taken.add(am.start(), am.end())

    mentions.sort(key=lambda m: (m.start, -m.end))
    for m in mentions:
        if m.kind == "number":
            r.read_tail(m, m.end)
        elif m.kind in ("party", "std", "short") and not m.tail_end:
            m.tail_end = m.end
            if m.kind == "std":
                r.read_subject(m, m.end)
    return mentions


# "Mẫu số 01/BC-BHXH", "tài khoản số ...": form and account codes, not documents.
_NOT_DOC_BEFORE_RE = re.compile(r"(?:mẫu|biểu|biểu\s+mẫu|tài\s+khoản|điện\s+thoại|hộ\s+chiếu|mã|ký\s+hiệu)\s*$")


def _line_prefix_is_header(text: str, pos: int) -> bool:
    """``CÔNG BÁO/Số 271/Ngày ...`` page headers are not references."""
    line_start = text.rfind("\n", 0, pos) + 1
    return "CÔNG BÁO" in text[line_start:pos].upper()


def _continue_list(r: _Reader, first: _M, mentions: list[_M], taken: _Taken) -> None:
    """``các Nghị quyết số 21-NQ/TW, 22-NQ/TW``: bare numbers after a number."""
    pos = first.end
    sep = _BARE_LIST_SEP_RE
    while True:
        s = sep.match(r.text, pos)
        if not s:
            return
        num = _NUMBER_RE.match(r.text, s.end())
        if not num:
            return
        number = _clean_number(num.group("party") or num.group("state"))
        if r._is_own(number):
            return
        typ = first.type if number_type(number) in (first.type, None, "Công văn") else number_type(number)
        m = _M(num.start(), num.end(), "number", type=typ, number=number)
        m.year = number_year(number)
        mentions.append(m)
        taken.add(num.start(), num.end())
        pos = num.end()


_NOT_FIRST_WORDS = {
    "và", "này", "hiện", "mới", "nào", "khác", "của", "về", "được", "đã", "theo", "trên", "tại",
    "nêu", "nói", "đó", "cũng", "không", "sẽ", "có", "để", "do", "trong", "thì", "là", "các",
    "hoặc", "với", "cho", "quy", "hướng", "đến", "từ", "sau", "trước", "khi", "năm", "ngày", "số",
}


_NOT_AFTER_AND = {
    "Luật", "Bộ", "Nghị", "Quyết", "Thông", "Chỉ", "Pháp", "Ủy", "Uỷ", "UBND", "Sở", "Chính", "Quốc",
    "Ban", "Các", "Điều", "Chương", "Mục", "Phần", "Phụ", "Khoản", "Điểm", "Văn",
}


# "Luật <name> số 49/2019/QH14": the name is all before the number, whatever words it has
# ("Xuất cảnh, nhập cảnh của công dân Việt Nam", "Công nghiệp công nghệ số" + "số 71/2025/QH15")
_NAME_BEFORE_LAW_NUMBER = re.compile(
    r"[ \t]*\n?[ \t]*(?P<name>[" + UPPER + r"][^;.()/“”\"\n]{0,150}?)\s+số\s+\d{1,4}/\d{4}/(?:QH|UBTVQH)\d{1,2}\b"
)
# "Luật <name> ngày 26/11/2003": a law named without number runs to its date
# ("Tổ chức Hội đồng nhân dân và Ủy ban nhân dân", qd_12_2012)
_NAME_BEFORE_LAW_DATE = re.compile(
    r"[ \t]*\n?[ \t]*(?P<name>[^\W\d_][^;.()/“”\"\n]{0,120}?)\s+ngày\s+\d{1,2}(?:\s*[/-]\s*\d{1,2}|\s+tháng)"
)
_SCHOOL_BEFORE_LAW_RE = re.compile(r"(?:đại\s+học|trường|khoa|học\s+viện|viện|ngành|cử\s+nhân|thạc\s+sĩ|tiến\s+sĩ)\s+luật\s*$")
_OTHER_LAW_IN_NAME = re.compile(r"\b(?:Luật|Bộ luật|Pháp lệnh|Nghị định|Nghị quyết|Hiến pháp)\b")


@lru_cache(maxsize=1)
def _law_name_not() -> frozenset[str]:
    return frozenset(key(w) for w in _cues()["law_name_not"]["words"])


_BASIS_LINE_RE = re.compile(r"[-–•]?\s*Căn\s+cứ\s", re.I)


def _in_basis_line(text: str, pos: int) -> bool:
    """Whether the law word ending at ``pos`` opens a clause of a ``Căn cứ`` line
    (``Căn cứ Luật ...``, ``...; Luật ...`` after it on the same line)."""
    line_start = text.rfind("\n", 0, pos) + 1
    if not _BASIS_LINE_RE.match(text, line_start):
        return False
    clause = text[max(line_start, text.rfind(";", line_start, pos) + 1) : pos].strip()
    return re.fullmatch(r"(?:[-–•]\s*)?(?:Căn\s+cứ\s+)?(?:Bộ\s+luật|Luật|Pháp\s+lệnh)", clause, re.I) is not None


def _law_name_end(r: _Reader, pos: int, *, typ: str | None) -> int | None:
    """End of a law's name starting after ``Luật`` at ``pos``, or None when there is none."""
    if _SCHOOL_BEFORE_LAW_RE.search(r.low, max(0, pos - 30), pos):
        return None  # "Trường Đại học Luật Hà Nội" (tt_23-2025-TT-BTP) is a school
    named = _NAME_BEFORE_LAW_NUMBER.match(r.text, pos)
    if named is None and _in_basis_line(r.text, pos):
        # only where the law is named formally: in the body "Luật Bảo hiểm xã hội đã tham gia ...
        # trước ngày 01/7/2025" has no name up to the date
        named = _NAME_BEFORE_LAW_DATE.match(r.text, pos)
        if named and named.group("name")[0].islower():
            # "Căn cứ Luật tổ chức HĐND và UBND ngày 26/11/2003" (qd_16_2010): an old copy's lower-case name;
            # not a sentence going on ("Luật này ...", "Luật ban hành ...")
            first = named.group("name").split()[0]
            if key(first) in _NOT_FIRST_WORDS or key(first) in _law_name_not() or _stop_sets()["law"].match(r.low, named.start("name")):
                named = None
    if named and not _OTHER_LAW_IN_NAME.search(named.group("name")) and " của Quốc hội" not in named.group("name"):
        return named.end("name")
    stops = _stop_sets()["law"]
    phrases = _stop_sets()["law_phrase"]
    text, low = r.text, r.low
    not_names = _law_name_not()
    i = pos
    end = pos
    words = 0
    upper_line = False
    commas = 0
    while words < 14:
        sp = _SPACE_RE.match(text, i)
        j = sp.end() if sp else i
        ph = phrases.match(low, j)
        if ph:
            end = ph.end()
            i = end
            words += len(ph.group().split())
            continue
        wm = _WORD_RE.match(text, j)
        if not wm or wm.group() in ("–", "—", "-"):
            break
        w = wm.group()
        if w.isdigit():
            break
        if words == 0:
            if key(w) in not_names or key(w) in _NOT_FIRST_WORDS:
                return None
            # "Luật Ban hành văn bản quy phạm pháp luật" is a name, "Luật ban hành" is not
            if stops.match(low, j) and not w.startswith("Ban"):
                return None
            upper_line = w.isupper() and len(w) > 1
        else:
            if stops.match(low, j):
                break
            if upper_line and not w.isupper():
                break
            if w == "và":
                nsp = _SPACE_RE.match(text, wm.end())
                nj = nsp.end() if nsp else wm.end()
                nxt = _WORD_RE.match(text, nj)
                if not nxt or stops.match(low, nj):
                    break
                nw = nxt.group()
                if nw[0].isupper() and (canonical_type(nw) or nw in _NOT_AFTER_AND):
                    break
        end = wm.end()
        i = end
        words += 1
        if end < len(text) and text[end] == "," and words <= 2 and commas < 2:
            # "Luật An toàn, vệ sinh lao động", "Luật Quản lý, sử dụng tài sản công"
            nsp = _SPACE_RE.match(text, end + 1)
            nj = nsp.end() if nsp else end + 1
            nxt = _WORD_RE.match(text, nj)
            if nxt and nxt.group()[0].islower() and not stops.match(low, nj) and key(nxt.group()) not in _NOT_FIRST_WORDS:
                commas += 1
                i = end + 1
                continue
        if end < len(text) and text[end] in ",;.:()“”\"":
            break
    if end == pos:
        return None
    return end


def _law_tail(r: _Reader, m: _M, pos: int) -> None:
    """``số 38/2019/QH14``, ``ngày 19 tháng 6 năm 2015``, ``năm 2019``, ``của Quốc hội`` after a law's name."""
    n = _TAIL_NUMBER_RE.match(r.text, pos)
    if n:
        raw = n.group("party") or n.group("state")
        m.number = _clean_number(raw)
        m.year = number_year(m.number)
        pos = n.end()
        m.end = pos
    d = _TAIL_DATE_RE.match(r.text, pos)
    if d:
        m.date = _iso(d)
        pos = d.end()
    else:
        y = _TAIL_YEAR_RE.match(r.text, pos)
        if y:
            m.year = int(y.group("y"))
            pos = y.end()
    c = _TAIL_ISSUER_RE.match(r.text, pos)
    if c:
        issuer, end = r.read_issuer(c.end())
        if issuer:
            m.issuer = issuer
            pos = end
    m.tail_end = pos


_DRAFT_AFTER_RE = re.compile(r"\s*\(\s*dự\s+thảo")


def _is_draft(r: _Reader, start: int) -> bool:
    """``dự thảo Luật ...``, ``xây dựng Luật ...``: a document still to be made."""
    before = r.low[max(0, start - 40) : start]
    cut = max(before.rfind(";"), before.rfind("."), before.rfind(","), before.rfind("\n"))
    before = before[cut + 1 :]
    m = None
    for m in _stop_sets()["draft"].finditer(before):  # noqa: B007 - the last match is wanted
        pass
    if m is None:
        return False
    gap = before[m.end() :]
    return len(gap.split()) <= 3


# --------------------------------------------------------------------------
# Issuers said before the mention


# Where an issuer named before the mention may start: after "của" ("chỉ đạo của
# UBND thành phố tại Công văn số ...", cv_1906) or at an issuer head ("Thủ tướng
# Chính phủ đã ban hành Quyết định số ...", cv_2214).
_ISSUER_HEAD_RE = re.compile(
    r"(?<![\w])(?:(?i:của)\s+(?=[A-ZĐÀ-Ỹ])|(?=(?:Thủ\s+tướng|Chính\s+phủ|Quốc\s+hội|Bộ|Sở|UBND|Ủy\s+ban|Uỷ\s+ban|Ban|"
    r"Văn\s+phòng|Hội\s+đồng|Tỉnh\s+[uủ][ỷy]|Thành\s+[uủ][ỷy]|Huyện\s+[uủ][ỷy]|Cục|Tổng\s+cục|Công\s+ty|Thuế)\s))"
)
# What may stand between that issuer and the mention.
_ISSUER_LINK_RE = re.compile(
    r"^\s*(?:(?:đã|có|vừa)\s+)?(?:[^,;.()\n]{0,50}?\s+)?(?:ban\s+hành|tại)\s*$"
    r"|^\s*tại\s*$"
    # "Văn phòng Chính phủ có văn bản số 349/TB-VPCP" (cv_8794)
    r"|^\s*(?:đã\s+)?có\s*$"
)
_DATE_BEFORE_RE = re.compile(r"^[\s(]*(?i:ngày)\s*(?:" + _DATE + r")\s*,")


def _issuer_before(r: _Reader, m: _M) -> None:
    """Issuer (and date) said before the mention: ``Ngày 26/4/2013, Thủ tướng
    Chính phủ đã ban hành Quyết định số ...``, ``chỉ đạo của UBND thành phố
    tại Công văn số ...``."""
    w0 = max(0, m.start - 160)
    # a line break inside a paragraph is a soft wrap ("Bộ trưởng Bộ\nTài chính tại
    # Tờ trình số ...", nq_380): only the paragraph's start cuts the window
    if r.paragraphs:
        w0 = max(w0, r.paragraphs[r.paragraph_of(m.start)][0])
    window = r.text[w0 : m.start]
    cut = max(window.rfind(";"), window.rfind(". "), -1 if r.paragraphs else window.rfind("\n"))
    base = w0 + cut + 1
    heads = list(_ISSUER_HEAD_RE.finditer(r.text, base, m.start))
    # "của X tại <mention>" nearest the mention first: "Tổng cục Thuế đồng ý với ý kiến
    # của Cục Thuế tỉnh Hà Tĩnh tại Công văn số ..." is Cục Thuế's letter (cv_1414)
    cua = [hm for hm in heads if hm.group().strip()]
    if len(cua) < len(heads) and cua:
        heads = cua[::-1] + heads
    for hm in heads:
        issuer, end = r.read_issuer(hm.end())
        if not issuer or end > m.start:
            continue
        link = r.low[end : m.start]
        after_cua = hm.group().strip() != ""
        if after_cua and not _TAI_RE.fullmatch(link) and not _plural_lead_in(r, m, hm.start(), link):
            continue
        if not after_cua and not _ISSUER_LINK_RE.match(link):
            continue
        m.issuer = issuer
        m.issuer_said_before = True
        if m.date is None and not after_cua:
            dm = _DATE_BEFORE_RE.match(r.text[base : m.start])
            if dm:
                m.date = _iso(dm)
        return


# "các công điện của Thủ tướng Chính phủ, đặc biệt là các Công điện số ..." (nq_380):
# a plural of the mention's type names the issuer, then the list picks some out.
_PLURAL_LINK_RE = re.compile(
    r"\s*,?\s*(?:đặc\s+biệt\s+là|nhất\s+là|trong\s+đó\s+có|trong\s+đó|bao\s+gồm|gồm|như|là)\s+(?:các\s+|là\s+)?"
    # "Căn cứ các Quyết định của Bộ trưởng Bộ ...: Số 1025/QĐ-LĐTBXH ...; số 547/QĐ-LĐTBXH ..." (qd_1351)
    r"|\s*:\s*"
)


def _plural_lead_in(r: _Reader, m: _M, cua_start: int, link: str) -> bool:
    """Whether ``các <type> của <issuer>, đặc biệt là`` leads into the mention."""
    if not m.type or not _PLURAL_LINK_RE.fullmatch(link):
        return False
    before = r.low[max(0, cua_start - 40) : cua_start]
    return bool(_plural_of_re(m.type).search(before))


@lru_cache(maxsize=64)
def _plural_of_re(type_name: str) -> re.Pattern[str]:
    """``các <type>`` / ``những <type>`` ending the text."""
    return re.compile(r"(?:các|những)\s+" + _phrase_re(type_name) + r"\s*$")


def _share_issuers_forward(r: _Reader, mentions: list[_M]) -> None:
    """``của Bộ trưởng Bộ Tài chính tại Tờ trình số 844/TTr-BTC ... và Tờ trình số
    18186/TTr-BTC ...`` (nq_380), ``của Sở Công Thương tại Tờ trình số 298/TTr-SCT ...
    và Công văn số 2679/SCT-QLTM`` (qd_2954): a list after an issuer said before it
    shares it."""
    for a, b in pairwise(mentions):
        if b.issuer or not a.issuer or not a.issuer_said_before:
            continue
        if b.kind != "number":
            continue
        if not a.subject and _LIST_AND_RE.fullmatch(r.low[a.tail_end : b.start]):
            b.issuer = a.issuer
            b.issuer_said_before = True
            continue
        # "...: Số 1025/QĐ-LĐTBXH ... về ...; số 547/QĐ-LĐTBXH ..." (qd_1351): a bare
        # "số" item of the same list, in the same paragraph
        same_para = not r.paragraphs or r.paragraph_of(a.start) == r.paragraph_of(b.start)
        if same_para and a.type == b.type and r.low.startswith("số", b.start):
            sep = max(r.low.rfind(";", a.start, b.start), r.low.rfind(",", a.start, b.start))
            if sep >= 0 and _BLANK_AND_RE.fullmatch(r.low[sep + 1 : b.start]):
                b.issuer = a.issuer
                b.issuer_said_before = True


@lru_cache(maxsize=1)
def _toneless_issuers() -> dict[str, str]:
    return {_toneless(w): w for w in _cues()["complete_issuers"]["words"]}


def _toneless(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", key(s)) if ch not in _TONE_MARKS)


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _fix_issuer_tone(issuer: str | None) -> str | None:
    """A known issuer typed with a wrong tone mark (``Thủ tưởng Chính phủ``, kh_0134)
    takes its usual spelling; any other issuer is kept as printed."""
    if not issuer or key(issuer) in _complete_issuers():
        return issuer
    return _toneless_issuers().get(_toneless(issuer), issuer)


# --------------------------------------------------------------------------
# Nesting, amenders and cues


def _mark_nesting(mentions: list[_M]) -> None:
    """A mention inside another one's subject (or an amending law's name) is nested.

    A subject starts after its own mention, so "inside the subject of an
    earlier, other mention" is "inside any subject": one bisect over the
    subjects by start, with the furthest end reached so far."""
    spans = sorted(m.subject for m in mentions if m.subject)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))
    for m in mentions:
        if m.inner:
            m.nested = True
            continue
        k = bisect_right(starts, m.start)
        if k and reach[k - 1] > m.start:
            m.nested = True


_AMENDER_RE = re.compile(
    # "(đã) được sửa đổi, bổ sung (một số điều) (bởi|theo|tại) X", "được sửa đổi, bổ sung Luật số 87" (nq_54)
    r"(?:(?:đã\s+)?được\s+|\(\s*)sửa\s+đổi\s*,?\s*(?:bổ\s+sung\s*)?(?:một\s+số\s+điều\s+)?(?:(?:bởi|theo|tại)\s|(?=(?:"
    r"luật|nghị|thông|quyết|pháp|bộ\s+luật)))"
)


def _amender_matches(low: str) -> list[re.Match[str]]:
    """``_AMENDER_RE.finditer(low)``, tried only where a match may start.

    Every match reads ``(đã) được <blanks> sửa`` or ``( <blanks> sửa``: from each
    ``sửa``, back over the blanks, to the ``(``, ``được`` or ``đã`` before them."""
    starts = set()
    s = low.find("sửa")
    while s >= 0:
        j = _blanks_before(low, s)
        if j and low[j - 1] == "(":
            starts.add(j - 1)
        elif low.endswith("được", 0, j):
            starts.add(j - 4)
            k = _blanks_before(low, j - 4)
            if k < j - 4 and low.endswith("đã", 0, k):
                starts.add(k - 2)
        s = low.find("sửa", s + 3)
    return _matches_at(_AMENDER_RE, low, sorted(starts))


def _blanks_before(s: str, pos: int) -> int:
    """Where the run of white space (``\\s``) that ends at ``pos`` starts."""
    while pos > 0 and s[pos - 1].isspace():
        pos -= 1
    return pos


_AMENDER_CLAUSE_END_RE = re.compile(r"[;\n)]|\.(?=\s|$)")


def _mark_amenders(r: _Reader, mentions: list[_M]) -> None:
    """``X (đã được sửa đổi, bổ sung bởi Y [và Z])``: Y and Z share X's cue.

    X is the nearest earlier mention of the same type (NĐ 187/2025 amends NĐ
    78/2025, not the law named in 78's subject: qd_372)."""
    starts = [m.start for m in mentions]  # mentions are sorted by start
    for am in _amender_matches(r.low):
        clause_end = _AMENDER_CLAUSE_END_RE.search(r.low, am.end())
        stop = clause_end.start() if clause_end else len(r.text)
        after = [i for i in range(bisect_left(starts, am.end()), bisect_left(starts, stop)) if not mentions[i].inner]
        if not after:
            continue
        first = mentions[after[0]]
        if r.text[am.end() : first.start].strip(" \t\n,:“\"(") and not _CAC_RE.fullmatch(r.low[am.end() : first.start]):
            continue
        # the nearest earlier mention of the same type, else the nearest one
        anchor = None
        nearest = None
        for i in range(bisect_left(starts, am.start()) - 1, -1, -1):
            cand = mentions[i]
            if cand.inner:
                continue
            if nearest is None:
                nearest = i
            if cand.type == first.type or (cand.kind == "law" and first.type in ("Luật", "Bộ luật", "Pháp lệnh")):
                anchor = i
                break
        if anchor is None:
            anchor = nearest
        if anchor is None:
            continue
        for i in after:
            if mentions[i].type == first.type or mentions[i].kind == first.kind:
                mentions[i].amender_of = anchor
                mentions[i].nested = mentions[anchor].nested


def _gap_ok(r: _Reader, a: int, b: int, relation: str) -> bool:
    """Whether only pinpoints and gap words stand between a cue and a mention."""
    if b < a:
        return False
    # No rewriting below removes a ";" and it is no gap character: such a gap
    # fails, and is not read (a cue may be pages away from the next mention).
    if r.text.find(";", a, b) >= 0:
        return False
    gap = _PINPOINT_RE.sub(" ", r.text[a:b]).lower()
    if len(gap) > 220:
        return False
    gap = tone_key(gap)
    if relation == "implements":
        gap = _DIRECTION_AT_RE.sub(" ", gap)
    # "Căn cứ các Quyết định của Bộ trưởng Bộ ...: Số 1025/QĐ-LĐTBXH" (qd_1351)
    gap = _plural_intro_re().sub(" ", gap)
    gap = _stop_sets()["gap"].sub(" ", gap)
    return not _GAP_CHARS_RE.sub("", gap)


@lru_cache(maxsize=1)
def _plural_lead_re() -> re.Pattern[str]:
    """``các <type> của <issuer> số`` (no colon) opening the next item of a list of bases."""
    return re.compile(r"\s*(?:các|những)\s+(?:" + _alternation(_type_words()) + r")\s+của\s+[^;:.]{1,100}?(?:\s+số)?\s*$", re.I)


@lru_cache(maxsize=1)
def _plural_intro_re() -> re.Pattern[str]:
    """``các <type> của <issuer>:`` ending right before a list of numbers."""
    return re.compile(r"(?:các|những)\s+(?:" + _alternation(_type_words()) + r")\s+của\s+[^;:.]{1,100}:\s*(?:số\s*)?$")


def _cue_valid(r: _Reader, rule: _CueRule, cue_start: int) -> bool:
    """A cue inside another document's name does not count (``Nghị quyết sửa
    đổi ...``, ``Luật sửa đổi ...``) unless that document is this one."""
    if rule.relation == "implements":
        # "hướng dẫn thi hành", "quy định chi tiết và hướng dẫn thực hiện": a guides cue (eval/README.md)
        return not _GUIDES_BEFORE_RE.search(r.low[max(0, cue_start - 30) : cue_start])
    if rule.relation not in ("amends", "replaces", "repeals", "guides"):
        return True
    # "được sửa đổi, bổ sung bởi X", "(sửa đổi, bổ sung tại X)": X amends, not this document
    if _AMENDED_BY_RE.search(r.low[max(0, cue_start - 40) : cue_start]):
        return False
    # "đề nghị nghiên cứu, sửa đổi ... X": a proposal to amend X, not an amendment (tb_634)
    if rule.relation != "guides" and _stop_sets()["proposal"].search(r.low[max(0, cue_start - 40) : cue_start]):
        return False
    before = r.low[max(0, cue_start - 40) : cue_start]
    tm = _type_at_end_re().search(before)
    if not tm:
        return True
    if r.in_title(cue_start):
        return True
    printed = before[tm.start() :].strip()
    own = r.own_type and key(printed) == key(r.own_type)
    pre = before[: tm.start()]
    return bool(own and _ISSUES_RE.search(pre))


def _assign_cues(r: _Reader, mentions: list[_M]) -> None:
    rules = _cue_rules()
    top = [m for m in mentions if not m.nested and m.amender_of is None]
    top_starts = [m.start for m in top]
    starts = [m.start for m in mentions]  # mentions are sorted by start
    # direct cues
    for rule in rules:
        if rule.position != "before":
            continue
        for cm in _scan(r, rule.family, rule.pattern, r.low):
            if not _cue_valid(r, rule, cm.start()):
                continue
            in_pre = r.in_preamble(cm.start())
            in_title = r.in_title(cm.start())
            if rule.zone == "preamble" and not in_pre:
                continue
            if rule.zone == "title_or_scope" and not (in_title or _in_scope_article(r, cm.start())):
                continue
            # in the body, a "Căn cứ" that opens a paragraph or follows its label ("Kinh phí chi trả trợ cấp ...:
            # Căn cứ Nghị định số 31/2013/NĐ-CP ...; Nghị định số 56/2013/NĐ-CP ...", cv_2638_2019) lists bases
            if rule.relation == "based_on" and not in_pre and not (
                _starts_paragraph(r, cm.start()) or r.low[max(0, cm.start() - 2) : cm.start()] == ": "
            ):
                continue
            k = bisect_left(top_starts, cm.end())
            nxt = top[k] if k < len(top) else None
            if nxt is None or not _gap_ok(r, cm.end(), nxt.start, rule.relation):
                continue
            _set_cue(nxt, rule.relation)
            _continue_cue(r, mentions, starts, nxt, rule.relation)
        # lists introduced by "Bãi bỏ:" / "Thay thế:" and lettered items after them
        if rule.relation in ("repeals", "replaces", "amends"):
            _list_intro_cues(r, rule, top, top_starts, mentions, starts)
    # a title that says what this document does to the documents it names: "HƯỚNG DẪN VIỆC QUẢN LÝ ...
    # THEO QUYẾT ĐỊNH SỐ 22/2013/QĐ-TTG" (tt_98_2013), "QUY ĐỊNH CỤ THỂ ... THEO NGHỊ ĐỊNH SỐ 197/2004/NĐ-CP
    # ... VÀ NGHỊ ĐỊNH SỐ 69/2009/NĐ-CP" (qd_16_2010), "QUY ĐỊNH CHI TIẾT VỀ QUỸ ... VÀ BIỆN PHÁP THI HÀNH
    # NGHỊ QUYẾT SỐ 201/2025/QH15" (nd_302): the documents it guides, however far the cue
    if r.title_zone and _GUIDING_TITLE_RE.match(r.low, r.title_zone[0]):
        for m in top:
            if r.in_title(m.start) and _TITLE_OBJECT_BEFORE_RE.search(r.low[max(r.title_zone[0], m.start - 40) : m.start]):
                _set_cue(m, "guides")
    _expiry_list_cues(r, top, top_starts, mentions, starts)
    # "hết hiệu lực" after the subject of the sentence
    for rule in rules:
        if rule.position == "after":
            for cm in _scan(r, rule.family, rule.pattern, r.low):
                _subject_cue(r, top, cm.start(), rule.relation)
    # amenders share their anchor's cue
    for m in mentions:
        if m.amender_of is not None:
            anchor = mentions[m.amender_of]
            _set_cue(m, anchor.cue)


def _set_cue(m: _M, relation: str | None) -> None:
    if relation is None:
        return
    if m.cue is None or RELATION_ORDER.index(relation) < RELATION_ORDER.index(m.cue):
        m.cue = relation


def _extent_end(m: _M) -> int:
    return max(m.tail_end, m.end, m.subject[1] if m.subject else 0)


_AND_NEXT_RE = re.compile(r"\svà\s*$")
_TYPE_BEFORE_NUMBER_RE = re.compile(r"(?<=\svà)\s+(?:\w+\s+){1,4}(?:số\s*)?$")
_LIST_SEP_RE = re.compile(r"^[\s,;:“”\"()]*(?:(?:và|cùng|các|hoặc)[\s,]+)*[\s,;:“”\"()]*$")


def _continue_cue(r: _Reader, allm: list[_M], starts: list[int], first: _M, relation: str) -> None:
    """The cue also governs the documents listed after the first one, in the
    same paragraph; documents nested in a subject or named as amenders are
    passed over (they keep their own rule). ``starts``: where each of ``allm``
    starts (they are sorted by start)."""
    para_end = r.paragraphs[r.paragraph_of(first.start)][1] if r.paragraphs else len(r.text)
    reach = _extent_end(first)
    # the first mention equal to ``first``: an equal one starts where it does
    idx = allm.index(first, bisect_left(starts, first.start))
    for m in allm[idx + 1 :]:
        if m.start >= para_end and not _basis_goes_on(r, relation, para_end, m):
            break
        if m.start >= para_end:
            # "...; \nQuyết định số 2229/QĐ-BTC ngày 30/6/2025 ..." (qd_3509): one more basis on the next line
            para_end = r.paragraphs[r.paragraph_of(m.start)][1]
            reach = m.start
        if m.nested or m.amender_of is not None or m.inner:
            reach = max(reach, _extent_end(m))
            continue
        gap = r.low[reach : m.start]
        if m.start < reach or _LIST_SEP_RE.match(gap) or _gap_ok(r, reach, m.start, relation) or _next_basis(r, gap, m, relation):
            _set_cue(m, relation)
            reach = max(reach, _extent_end(m))
            continue
        if m.kind == "law" and not m.number and relation == "based_on" and not re.search(r"[;.]", gap):
            # "... hướng dẫn thi hành một số điều của Pháp lệnh ưu đãi người có công ... và Nghị định
            # số 89/2008/NĐ-CP" (qd_12_2012): a law named in the subject is passed over, the list goes on
            reach = max(reach, _extent_end(m))
            continue
        break


def _basis_goes_on(r: _Reader, relation: str, para_end: int, m: _M) -> bool:
    """Whether ``m``, on a line of its own, continues a list of legal bases that the line before
    left open with ``;`` (the preamble's lines without their own "Căn cứ")."""
    if relation != "based_on" or not m.number or m.start >= r.body_start:
        return False
    between = r.text[para_end : m.start]
    if between.strip() or between.count("\n") != 1:
        return False
    return r.text[:para_end].rstrip(" *_").endswith(";")


def _next_basis(r: _Reader, gap: str, m: _M, relation: str) -> bool:
    """``Căn cứ Quyết định số 1746/QĐ-TTg ... (cũ) thời kỳ 2021 - 2030; Quyết định số
    1747/QĐ-TTg ...`` (kh_0134): in a Căn cứ paragraph of the preamble, a document
    that opens the next ``;`` clause is one more legal basis, even when the
    previous one's subject was not read to its end."""
    if relation != "based_on" or not (r.in_preamble(m.start) or "căn cứ" in r.low[
            r.paragraphs[r.paragraph_of(m.start)][0] : m.start]):
        return False
    # a type the mention did not take in ("... của Chính phủ và Chương trình hành động số 10-CTr/TU", kh_552)
    gap = _TYPE_BEFORE_NUMBER_RE.sub(" ", gap)
    # ":" typed for ";" ("...thủ tục hành chính: Thông tư số 01/2018/TT-VPCP", qd_1351)
    cut = max(gap.rfind(";"), gap.rfind(":"))
    if cut >= 0 and (_LIST_SEP_RE.match(gap[cut + 1 :]) or _plural_lead_re().match(gap[cut + 1 :])):
        # "...; các Quyết định của Thủ tướng Chính phủ số 142/2008/QĐ-TTg ..., số 53/2010/QĐ-TTg ..." (cv_2638_2019)
        return True
    # "Căn cứ Pháp lệnh số 26/2005/PL-UBTVQH11 ngày 29/6/2005 ưu đãi người có công ... và Pháp
    # lệnh số 35/2007/PL-UBTVQH11 ..." (qd_12_2012): the subject read short, "và" joins a second basis
    return bool(m.number) and cut < 0 and "." not in gap and _AND_NEXT_RE.search(gap) is not None


def _starts_paragraph(r: _Reader, pos: int) -> bool:
    if not r.paragraphs:
        return False
    p = r.paragraphs[r.paragraph_of(pos)]
    before = r.text[p[0] : pos]
    return not before.strip(" \t*_-+•–") or bool(_LIST_MARKER_RE.fullmatch(before))


def _in_scope_article(r: _Reader, pos: int) -> bool:
    """Inside Điều 1 (the scope article) of a legal document."""
    i = bisect_right(r.article_starts, pos) - 1
    return i >= 0 and r.article_numbers[i] == "1"


def _list_intro_cues(
    r: _Reader, rule: _CueRule, top: list[_M], top_starts: list[int], allm: list[_M], starts: list[int]
) -> None:
    paras = r.paragraphs
    for pi, para_low in r.colon_paragraphs:
        s, e = paras[pi]
        cues = _scan_within(r, rule, para_low, s)
        if not cues or len(para_low) - cues[-1].end() > 40:
            continue
        if not _cue_valid(r, rule, s + cues[-1].start()):
            continue
        head = _LIST_MARKER_RE.match(r.text[s:e])
        head_kind = head.lastgroup if head else None
        for s2, e2 in paras[pi + 1 : pi + 30]:
            mk = _LIST_MARKER_RE.match(r.text[s2:e2])
            if not mk or mk.lastgroup == head_kind or _ARTICLE_LINE_RE.match(r.text[s2:e2]):
                break
            k = bisect_left(top_starts, s2)
            first = top[k] if k < len(top) and top[k].start < e2 else None
            if first and _gap_ok(r, s2 + mk.end(), first.start, rule.relation):
                _set_cue(first, rule.relation)
                _continue_cue(r, allm, starts, first, rule.relation)


_EXPIRY_INTRO_RE = re.compile(r"(?:sau\s+đây|dưới\s+đây)\s+(?:hết\s+hiệu\s+lực|bị\s+bãi\s+bỏ)[^:]{0,120}:\s*$")


def _expiry_list_cues(r: _Reader, top: list[_M], top_starts: list[int], allm: list[_M], starts: list[int]) -> None:
    """"2. Các quy định sau đây hết hiệu lực từ ngày Thông tư này có hiệu lực thi hành:" over "a) Thông tư
    số 50/2014/TT-BGTVT ...", "b) Điều 2 Thông tư số 35/2020/TT-BGTVT ..." (tt_20-2026): the items are repealed."""
    paras = r.paragraphs
    for pi, para_low in r.colon_paragraphs:
        if not _EXPIRY_INTRO_RE.search(para_low):
            continue
        s, e = paras[pi]
        head = _LIST_MARKER_RE.match(r.text[s:e])
        head_kind = head.lastgroup if head else None
        for s2, e2 in paras[pi + 1 : pi + 30]:
            mk = _LIST_MARKER_RE.match(r.text[s2:e2])
            if not mk or mk.lastgroup == head_kind or _ARTICLE_LINE_RE.match(r.text[s2:e2]):
                break
            k = bisect_left(top_starts, s2)
            first = top[k] if k < len(top) and top[k].start < e2 else None
            if first and _gap_ok(r, s2 + mk.end(), first.start, "repeals"):
                _set_cue(first, "repeals")


def _scan_within(r: _Reader, rule: _CueRule, part: str, offset: int) -> list[re.Match[str]]:
    """``rule.pattern.finditer(part)`` where ``part`` is the lowered text from
    ``offset``, a line start: the pattern starts at a word start of ``part``,
    which is one of the text too, so the text's listed starts are the part's."""
    if r.starts is None:
        return list(rule.pattern.finditer(part))
    cands = r.starts.get(rule.family, [])
    lo, hi = bisect_left(cands, offset), bisect_left(cands, offset + len(part))
    if lo == hi:
        return []
    return _matches_at(rule.pattern, part, [q - offset for q in cands[lo:hi]])


def _subject_cue(r: _Reader, top: list[_M], cue_pos: int, relation: str) -> None:
    """``Nghị định số X ... [và Nghị định số Y ...] hết hiệu lực``."""
    dot = r.low.rfind(". ", 0, cue_pos)
    sent_start = max(dot + 2 if dot >= 0 else 0, r.low.rfind("\n", 0, cue_pos) + 1, r.low.rfind(";", 0, cue_pos) + 1)
    chain = [m for m in top if sent_start <= m.start < cue_pos]
    if not chain:
        return
    first = chain[0]
    lead = r.text[sent_start : first.start]
    mk = _LIST_MARKER_RE.match(lead)
    lead = lead[mk.end() :] if mk else lead
    lead = _PINPOINT_RE.sub(" ", lead)
    if _LEAD_FILLER_RE.sub("", lead):
        return
    _set_cue(first, relation)
    prev = first
    for m in chain[1:]:
        if m.start < _extent_end(prev) or _LIST_SEP_RE.match(r.low[_extent_end(prev) : m.start]):
            _set_cue(m, relation)
            prev = m


# --------------------------------------------------------------------------
# Grouping


def _share_list_issuers(r: _Reader, mentions: list[_M]) -> None:
    """``Chỉ thị số 31-CT/TU ngày 06/6/2023, Kế hoạch số 134-KH/TU ... của Ban Thường vụ Tỉnh ủy``."""
    for i in range(len(mentions) - 2, -1, -1):
        a, b = mentions[i], mentions[i + 1]
        if a.issuer or a.subject or a.kind != "number" or b.kind != "number" or not b.issuer:
            continue
        if _LIST_AND_RE.fullmatch(r.low[a.tail_end : b.start]):
            a.issuer = b.issuer


def _extend_law_names(r: _Reader, mentions: list[_M]) -> None:
    """A name cut short at a word that often ends one is read on to the full name
    the text gives the same law with its number: ``Luật Công nghiệp công nghệ``
    + `` số về ...`` is ``Luật Công nghiệp công nghệ số`` (71/2025/QH15, tt_34);
    ``Luật Xuất cảnh, nhập cảnh`` + `` của công dân Việt Nam`` (qd_28)."""
    names: dict[str, dict[str, None]] = {}
    for m in mentions:
        if m.kind == "law" and m.title and (m.number or m.date):
            names.setdefault(m.type or "", {})[m.title] = None
    for m in mentions:
        if m.kind != "law" or not m.title or m.number or m.date or m.inner or not m.subject:
            continue
        for other in sorted(names.get(m.type or "", ()), key=len, reverse=True):
            if len(other) <= len(m.title) or key(other[: len(m.title)]) != key(m.title):
                continue
            words = other[len(m.title) :].replace(",", " , ").split()
            rest = re.compile(r"\s*" + r"\s*".join(re.escape(w) for w in words) + r"(?!\w)", re.I)
            follow = rest.match(r.text, m.subject[1])
            if follow:
                m.title = other
                m.subject = (m.subject[0], follow.end())
                m.end = max(m.end, follow.end())
                m.tail_end = max(m.tail_end, m.end)
                break


def _trim_law_names(mentions: list[_M]) -> None:
    """A name read past its end (``Bộ luật Lao động sống cô đơn``, nd_55) is cut
    back to a name the text also uses on its own, when at least two words
    follow it (``Luật Đầu tư công`` is not ``Luật Đầu tư``)."""
    # names in order of first use (a dict, not a set: among names of the same
    # length the first one wins in every process, whatever the string hash seed)
    names: dict[str, dict[str, None]] = {}
    for m in mentions:
        if m.kind == "law" and m.title:
            names.setdefault(m.type or "", {})[m.title] = None
    for m in mentions:
        if m.kind != "law" or not m.title or m.number or m.date or m.inner:
            continue
        words = m.title.split()
        for other in sorted(names.get(m.type or "", ()), key=len, reverse=True):
            ow = other.split()
            if len(words) - len(ow) >= 2 and [key(w) for w in words[: len(ow)]] == [key(w) for w in ow]:
                m.title = other
                if m.subject:
                    cut = len(" ".join(ow))
                    m.subject = (m.subject[0], m.subject[0] + cut)
                break


def _group(r: _Reader, mentions: list[_M]) -> list[list[_M]]:
    groups: list[list[_M]] = []
    by_number: dict[str, int] = {}
    by_name: dict[tuple[str, str], list[int]] = {}
    shorts: list[_M] = []
    anaphors: list[_M] = []
    own_title = key(r.header.title.value) if r.header.title is not None and r.header.title.value else None
    own_year = r.header.date.value[:4] if r.header.date is not None and r.header.date.value else None
    for m in mentions:
        m_year = m.date[:4] if m.date else (str(m.year) if m.year else None)
        if m.kind == "law" and not m.number and r.own_type and key(m.type or "") == key(r.own_type) and (
            m.type == "Hiến pháp" or (own_title and key(m.title or "") == own_title)
        ) and (m_year is None or m_year == own_year):
            continue  # the law itself: "Quốc hội ban hành Luật Trí tuệ nhân tạo" (luat_134), a Constitution's "Hiến pháp"
        if m.kind == "short":
            shorts.append(m)
            continue
        if m.kind == "anaphor":
            anaphors.append(m)
            continue
        if m.number:
            k = m.number.casefold()
            if k in by_number:
                g = groups[by_number[k]]
                if not (m.date and g[0].date and m.date[:4] != g[0].date[:4]):
                    g.append(m)
                    continue
            by_number[k] = len(groups)
            groups.append([m])
            continue
        nk = (key(m.type or ""), key(m.title or ""))
        placed = False
        if m.kind == "law" and m.type == "Hiến pháp":
            # one Constitution, named or not ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;"
            # then "tuân thủ Hiến pháp và pháp luật", luat_134); another year is another one
            year = str(m.date[:4] if m.date else m.year) if (m.date or m.year) else None
            consts = [g for g in groups if g[0].kind == "law" and g[0].type == "Hiến pháp" and not g[0].number]
            years = [next((str(x.date[:4] if x.date else x.year) for x in g if x.date or x.year), None) for g in consts]
            target = next((g for g, gy in zip(consts, years) if gy == year), None)
            if target is None and year is not None:
                target = next((g for g, gy in zip(consts, years) if gy is None), None)
            if target is None and year is None and consts:
                target = consts[0]
            if target is not None:
                target.append(m)
            else:
                groups.append([m])
            continue
        if m.kind == "law" and m.title:
            for g in groups:
                same = g[0].number and g[0].kind == "law" and (key(g[0].type or ""), key(g[0].title or "")) == nk
                if same and not (m.date and g[0].date and m.date != g[0].date):
                    g.append(m)
                    placed = True
                    break
            if placed:
                continue
        for gi in by_name.get(nk, []):
            gdate = next((x.date for x in groups[gi] if x.date), None)
            if m.date and gdate and m.date != gdate:
                continue
            groups[gi].append(m)
            placed = True
            break
        if not placed:
            by_name.setdefault(nk, []).append(len(groups))
            groups.append([m])
    # short forms: to the numbered document with that type and running number
    for m in shorts:
        target = None
        for g in groups:
            head = g[0]
            if not head.number or head.type != m.type:
                continue
            n = head.number
            prefix = m.short_prefix or ""
            run = _RUN_RE.match(n)
            if "/" in prefix:
                ok = n.casefold().startswith(prefix.casefold() + "/")
            else:
                ok = run is not None and run.group().lstrip("0") == prefix.lstrip("0")
            if ok:
                target = g
                break
        if target is not None:
            target.append(m)
            continue
        if _is_own_short(r, m):
            continue
        if m.short_prefix and m.type in _UNRESOLVED_SHORT_TYPES and m.type == canonical_type(r.text[m.start : m.start + len(m.type)]):
            m.title = f"{m.type} {m.short_prefix}"
            nk = (key(m.type), key(m.title))
            if nk in by_name:
                groups[by_name[nk][0]].append(m)
            else:
                by_name[nk] = [len(groups)]
                groups.append([m])
    for m in anaphors:
        best = None
        for g in groups:
            if g[0].type != m.type:
                continue
            before = [x.start for x in g if x.start < m.start]
            if before and (best is None or max(before) > best[0]):
                best = (max(before), g)
        if best is not None:
            best[1].append(m)
    # a law by name and the same law by number later ("Pháp lệnh số 26/2005/PL-UBTVQH11 ... ưu đãi ...")
    numbered = {
        (key(g[0].type or ""), key(g[0].title or "")): g
        for g in groups
        if g[0].number and g[0].title and g[0].type in ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp")
    }
    merged: list[list[_M]] = []
    for g in groups:
        head = g[0]
        target = numbered.get((key(head.type or ""), key(head.title or ""))) if not head.number and head.kind == "law" else None
        gdate = next((x.date for x in g if x.date), None)
        tdate = next((x.date for x in target if x.date), None) if target else None
        if target is not None and not (gdate and tdate and gdate != tdate):
            target.extend(g)
        else:
            merged.append(g)
    groups = merged
    for g in groups:
        g.sort(key=lambda x: x.start)
    groups.sort(key=lambda g: g[0].start)
    return groups


_UNRESOLVED_SHORT_TYPES = {"Đề án", "Nghị quyết", "Kết luận", "Chỉ thị", "Nghị định", "Quyết định", "Thông tư", "Quy định", "Chương trình"}


def _is_own_short(r: _Reader, m: _M) -> bool:
    if not m.short_prefix:
        return False
    for n in r.own_numbers:
        run = _RUN_RE.match(n)
        same = run and run.group().lstrip("0") == m.short_prefix.split("/")[0].lstrip("0")
        if same and (r.own_type is None or r.own_type == m.type):
            return True
    return False


def _to_reference(g: list[_M]) -> Reference:
    head = next((m for m in g if m.number and m.kind != "short"), None) or next((m for m in g if m.kind != "short"), g[0])

    def first(attr: str) -> str | None:
        v = getattr(head, attr)
        if v:
            return v
        for m in g:
            if getattr(m, attr):
                return getattr(m, attr)
        return None

    relation = "cites"
    for m in g:
        if m.cue and RELATION_ORDER.index(m.cue) < RELATION_ORDER.index(relation):
            relation = m.cue
    number = head.number
    typ = head.type
    if head.kind == "number" and not head.explicit_type:
        typ = next((m.type for m in g if m.explicit_type and m.type), typ)
    date = first("date")
    issuer = first("issuer")
    title = first("title")
    term = first("term")
    year = int(date[:4]) if date else (head.year or number_year(number))
    if year is None:
        year = next((m.year for m in g if m.year), None)
    system = number_system(number) if number and head.kind != "std" else None
    if system is None:
        if head.kind == "party" or typ == "Điều lệ":
            system = "party"
        elif head.kind == "law":
            system = "state"
    k = document_key(typ, number, date or (f"{year}" if year else None), issuer, system, title=title)
    if issuer is None and head.kind == "number":
        # the text names no issuer: the number's code may ("290/2005/QĐ-TTg" is the Prime Minister's)
        issuer = number_issuer(number)
    return Reference(
        type=typ,
        number=number,
        date=date,
        issuer=issuer,
        title=title,
        relation=relation,
        mentions=tuple(Mention(Span(m.start, m.end), m.cue) for m in g),
        term=term,
        year=year,
        key=k,
        system=system,
    )


def extract_references(text: str, header: Header, preamble: list[Span]) -> list[Reference]:
    """Every other document the text mentions, once each, in order of first mention.

    Args:
        text: The normalized document text.
        header: Header fields; the document's own number and type are used to
            leave out its mentions of itself (read from the text when missing).
        preamble: Spans of the Căn cứ / Thực hiện lines; when empty the
            preamble is found from the text.

    Returns:
        One :class:`Reference` per distinct document with every mention.
    """
    if not text or not text.strip():
        return []
    r = _Reader(text, header, preamble)
    mentions = _find_mentions(r)
    for m in mentions:
        if m.kind == "number" and not m.issuer:
            _issuer_before(r, m)
    _share_issuers_forward(r, mentions)
    _share_list_issuers(r, mentions)
    for m in mentions:
        m.issuer = _fix_issuer_tone(m.issuer)
    _extend_law_names(r, mentions)
    _trim_law_names(mentions)
    _mark_nesting(mentions)
    _mark_amenders(r, mentions)
    _assign_cues(r, mentions)
    return [_to_reference(g) for g in _group(r, mentions)]
