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

The word lists live in ``vndocs/data/reference_cues.json``, compiled in
:mod:`vndocs.extract.reference_patterns`; steps 1-2 are
:mod:`vndocs.extract.reference_mentions`, steps 3-4 and the grouping this module.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate, pairwise

from vndocs.extract.reference_mentions import (
    _M,
    _find_mentions,
    _Reader,
)
from vndocs.extract.reference_patterns import (
    _AMENDED_BY_RE,
    _ARTICLE_LINE_RE,
    _BLANK_AND_RE,
    _CAC_RE,
    _DATE,
    _DIRECTION_AT_RE,
    _GAP_CHARS_RE,
    _GUIDES_BEFORE_RE,
    _GUIDING_TITLE_RE,
    _ISSUES_RE,
    _LEAD_FILLER_RE,
    _LIST_AND_RE,
    _LIST_MARKER_RE,
    _PINPOINT_RE,
    _RUN_RE,
    _TAI_RE,
    _TITLE_OBJECT_BEFORE_RE,
    _alternation,
    _complete_issuers,
    _cue_rules,
    _CueRule,
    _cues,
    _iso,
    _matches_at,
    _phrase_re,
    _scan,
    _stop_sets,
    _type_at_end_re,
    _type_words,
)
from vndocs.identity import document_key, number_issuer, number_system, number_year
from vndocs.models import Header, Mention, Reference, Span
from vndocs.normalize import key, tone_key
from vndocs.textutil import LOWER
from vndocs.vocab import canonical_type

RELATION_ORDER = ("replaces", "repeals", "amends", "implements", "guides", "based_on", "cites")
"""Precedence when one document is mentioned with several cues (eval/README.md)."""

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


# the types a Party document names before its issuer and number ("Quyết định của Bộ Chính trị số 31-QĐ/TW")
_OLD_ORDER_TYPES = r"Quyết\s+định|Chỉ\s+thị|Nghị\s+quyết|Quy\s+định|Kết\s+luận|Thông\s+tri"
_TYPE_BEFORE_CUA_RE = re.compile(r"(?:" + _OLD_ORDER_TYPES + r"|Hướng\s+dẫn|Thông\s+báo)\s*$", re.I)


_WORDS_AFTER_CUE_RE = re.compile(r"\s+(?:các\s+|một\s+số\s+)?(?:cụm\s+từ|từ\s+ngữ|từ)\s*[“\"]")
_QUOTED_WORDS_RE = re.compile(
    r"(?:(?:các|một\s+số)\s+)?(?:cụm\s+từ|từ\s+ngữ|từ)\s*“[^”]{0,300}”(?:\s*,?\s*(?:và\s+)?“[^”]{0,300}”)*"
    r"(?:\s*bằng\s+(?:cụm\s+từ|từ)\s*“[^”]{0,300}”)?"
)
_ANNEX_NAMED_RE = re.compile(r"(?:(?:các|một\s+số|những)\s+)?(?:phụ\s+lục|biểu\s+mẫu|mẫu)\b[^;.:]{0,250}?\bban\s+hành\s+kèm\s+theo\s*$")
_TYPE_ISSUER_LEAD_RE = re.compile(
    r"(?i:" + _OLD_ORDER_TYPES + r")\s+của\s+"
    r"(?:bộ\s+chính\s+trị|ban\s+bí\s+thư|ban\s+chấp\s+hành\s+trung\s+ương(?:\s+đảng)?)\s*(?:số\s*)?$"
)


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
        if after_cua and not _TAI_RE.fullmatch(link) and not _plural_lead_in(r, m, hm.start(), link) and not (
            # the older Party order "Quyết định của Bộ Chính trị số 31-QĐ/TW" (type, issuer, number)
            not link.strip() and _TYPE_BEFORE_CUA_RE.search(r.text, max(0, hm.start() - 30), hm.start())
        ):
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


_AND_BEFORE_RE = re.compile(r"\svà\s*$")
_REPLACE_OR_REPEAL_RE = re.compile(r"\b(?:thay\s+thế|bãi\s+bỏ|hết\s+hiệu\s+lực)\b")


def _unnest_dated_list_items(r: _Reader, mentions: list[_M]) -> None:
    """``Các Nghị định số 153/2020/NĐ-CP ..., Nghị định số 65/2022/NĐ-CP ... sửa đổi, bổ sung một số điều của
    Nghị định số 153/2020/NĐ-CP và Nghị định số 08/2023/NĐ-CP ngày 05 tháng 3 năm 2023 sửa đổi, bổ sung ... hết
    hiệu lực`` (nd_200): in a sentence that replaces or repeals, after "X và", a document with its own date,
    when X (inside the subject) has none, is the list's next item, not a second object of the subject."""
    for k in range(1, len(mentions)):
        m, prev = mentions[k], mentions[k - 1]
        if not (m.nested and not m.inner and m.date and m.number and prev.nested and not prev.date):
            continue
        if not _AND_BEFORE_RE.search(r.low, max(0, m.start - 8), m.start) or r.text.find(";", prev.end, m.start) >= 0:
            continue
        # only in a sentence that replaces or repeals what it lists: "Nghị định số 105/2024/NĐ-CP ... sửa đổi, bổ
        # sung một số điều của Nghị định số 96/2022/NĐ-CP và Nghị định số 26/2018/NĐ-CP ngày ..." amends both (vbhn_57)
        start = max(r.low.rfind(". ", 0, m.start), r.low.rfind("\n", 0, m.start))
        stop = r.low.find(". ", m.end)
        if _REPLACE_OR_REPEAL_RE.search(r.low, start + 1, stop if stop >= 0 else len(r.low)):
            m.nested = False


_AMENDER_RE = re.compile(
    # "(đã) được sửa đổi, bổ sung (một số điều) (bởi|theo|tại) X", "được sửa đổi, bổ sung Luật số 87" (nq_54)
    # "được sửa đổi, bổ sung cập nhật một số điều tại X" (qd_2820)
    r"(?:(?:đã\s+)?được\s+|\(\s*)sửa\s+đổi\s*,?\s*(?:bổ\s+sung\s*)?(?:,?\s*cập\s+nhật\s+)?(?:một\s+số\s+điều\s+)?(?:(?:bởi|theo|tại)\s|(?=(?:"
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
            if cand.number and first.number and number_system(cand.number) != number_system(first.number):
                continue  # a Government resolution does not amend a Party one (57-NQ/TW, 71/NQ-CP: qd_2820)
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


def _gap_ok(r: _Reader, a: int, b: int, relation: str, *, item: bool = False) -> bool:
    """Whether only pinpoints and gap words stand between a cue and a mention. ``item``: the gap is
    the start of one list item, where pinpoints may be listed with ";" ("c) Khoản 2 Điều 3; các khoản
    1, 3 Điều 7 ... của Nghị định số 135/2020/NĐ-CP", nd_158)."""
    if b < a:
        return False
    # No rewriting below removes a ";" and it is no gap character: such a gap
    # fails, and is not read (a cue may be pages away from the next mention).
    if r.text.find(";", a, b) >= 0 and not item:
        return False
    gap = _PINPOINT_RE.sub(" ", r.text[a:b]).lower()
    if item:
        gap = gap.replace(";", ",")
    if len(gap) > 220:
        return False
    gap = tone_key(gap)
    if relation == "implements":
        gap = _DIRECTION_AT_RE.sub(" ", gap)
    # "Căn cứ các Quyết định của Bộ trưởng Bộ ...: Số 1025/QĐ-LĐTBXH" (qd_1351)
    gap = _plural_intro_re().sub(" ", gap)
    # "Thi hành Điều 2 Quyết định của Bộ Chính trị số31-QĐ/TW": the older order puts the type and
    # the issuer before the number
    gap = _TYPE_ISSUER_LEAD_RE.sub(" ", gap)
    if relation == "amends":
        # the words an amendment strikes out or puts in: "cụm từ “...” bằng cụm từ “...” tại"
        gap = _QUOTED_WORDS_RE.sub(" ", gap)
    # "Thay thế Phụ lục phạm vi địa bàn hoạt động hải quan ... ban hành kèm theo Nghị định số 01/2015/NĐ-CP":
    # an annex or form named at length is a pinpoint of the document that promulgated it
    gap = _ANNEX_NAMED_RE.sub(" ", gap)
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


def _type_line_guides(r: _Reader) -> bool:
    """A Hướng dẫn whose title continues its type line ("HƯỚNG DẪN" / "THỰC HIỆN MỘT SỐ ĐIỀU ..."); a
    subject printed as a letter's "V/v thực hiện Quy định số 94-QĐ/TW" stands on its own."""
    if r.own_type != "Hướng dẫn" or r.title_zone is None:
        return False
    line_start = r.text.rfind("\n", 0, r.title_zone[0]) + 1
    return not re.match(r"\s*(?i:v/v)", r.text[line_start : r.title_zone[0] + 3])


def _cue_valid(r: _Reader, rule: _CueRule, cue_start: int) -> bool:
    """A cue inside another document's name does not count (``Nghị quyết sửa
    đổi ...``, ``Luật sửa đổi ...``) unless that document is this one; nor one in
    another document's words this one quotes."""
    if r.in_quotation(cue_start):
        return False
    if rule.relation == "implements":
        # "hướng dẫn thi hành", "quy định chi tiết và hướng dẫn thực hiện": a guides cue (eval/README.md);
        # so is a Hướng dẫn's title "THỰC HIỆN MỘT SỐ ĐIỀU ..." under its type line "HƯỚNG DẪN"
        if _type_line_guides(r) and r.title_zone and r.title_zone[0] <= cue_start < r.title_zone[0] + 3:
            return False
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
            if rule.zone == "title_or_scope" and not (
                in_title or _in_scope_article(r, cm.start()) or _in_intro_sentence(r, cm.start())
            ):
                continue
            # in the body, a "Căn cứ" that opens a paragraph or follows its label ("Kinh phí chi trả trợ cấp ...:
            # Căn cứ Nghị định số 31/2013/NĐ-CP ...; Nghị định số 56/2013/NĐ-CP ...", cv_2638_2019) lists bases
            if rule.relation == "based_on" and not in_pre and (
                not (_starts_paragraph(r, cm.start()) or r.low[max(0, cm.start() - 2) : cm.start()] == ": ") or r.in_form(cm.start())
            ):
                continue
            relation = rule.relation
            if relation in ("repeals", "replaces") and _WORDS_AFTER_CUE_RE.match(r.low, cm.end()):
                # "Bãi bỏ cụm từ “...” tại khoản 1 Điều 3 Thông tư số 39/2020/TT-BTC", "Thay thế cụm từ “...”
                # bằng cụm từ “...” tại ...": words struck out or put in are an amendment (nd_48, nq_35 precedents)
                relation = "amends"
            k = bisect_left(top_starts, cm.end())
            nxt = top[k] if k < len(top) else None
            if nxt is None or not _gap_ok(r, cm.end(), nxt.start, relation):
                continue
            _set_cue(nxt, relation)
            _continue_cue(r, mentions, starts, nxt, relation)
        # lists introduced by "Bãi bỏ:" / "Thay thế:" and lettered items after them
        if rule.relation in ("repeals", "replaces", "amends"):
            _list_intro_cues(r, rule, top, top_starts, mentions, starts)
    # a title that says what this document does to the documents it names: "HƯỚNG DẪN VIỆC QUẢN LÝ ...
    # THEO QUYẾT ĐỊNH SỐ 22/2013/QĐ-TTG" (tt_98_2013), "QUY ĐỊNH CỤ THỂ ... THEO NGHỊ ĐỊNH SỐ 197/2004/NĐ-CP
    # ... VÀ NGHỊ ĐỊNH SỐ 69/2009/NĐ-CP" (qd_16_2010), "QUY ĐỊNH CHI TIẾT VỀ QUỸ ... VÀ BIỆN PHÁP THI HÀNH
    # NGHỊ QUYẾT SỐ 201/2025/QH15" (nd_302): the documents it guides, however far the cue
    # a Hướng dẫn's type line says it too: "HƯỚNG DẪN" / "THỰC HIỆN MỘT SỐ ĐIỀU TRONG QUY ĐỊNH SỐ 07-QĐI/TW"
    if r.title_zone and (_GUIDING_TITLE_RE.match(r.low, r.title_zone[0]) or _type_line_guides(r)):
        for m in top:
            if r.in_title(m.start) and _TITLE_OBJECT_BEFORE_RE.search(r.low[max(r.title_zone[0], m.start - 40) : m.start]):
                _set_cue(m, "guides")
    _expiry_list_cues(r, top, top_starts)
    # "hết hiệu lực" after the subject of the sentence
    for rule in rules:
        if rule.position == "after":
            for cm in _scan(r, rule.family, rule.pattern, r.low):
                if not r.in_quotation(cm.start()):
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


_INTRO_END_RE = re.compile(r"(?:như\s+sau|sau\s+đây)\s*:\s*$")


def _in_intro_sentence(r: _Reader, pos: int) -> bool:
    """In the sentence that opens the body after the preamble and says what the document does:
    "Ủy ban Kiểm tra Trung ương hướng dẫn thực hiện một số Điều trong Quy định số 07-QĐi/TW ..., như sau:"."""
    if not r.paragraphs:
        return False
    i = r.paragraph_of(pos)
    b = r.paragraph_of(r.body_start)
    if i not in (b - 1, b, b + 1):
        return False
    s, e = r.paragraphs[i]
    return _INTRO_END_RE.search(r.low[s:e].rstrip()) is not None and not r.in_title(s)


def _in_scope_article(r: _Reader, pos: int) -> bool:
    """Inside Điều 1 (the scope article) of a legal document."""
    i = bisect_right(r.article_starts, pos) - 1
    return i >= 0 and r.article_numbers[i] == "1"


def _list_intro_cues(
    r: _Reader, rule: _CueRule, top: list[_M], top_starts: list[int], allm: list[_M], starts: list[int]
) -> None:
    for pi, para_low in r.colon_paragraphs:
        s = r.paragraphs[pi][0]
        cues = _scan_within(r, rule, para_low, s)
        if not cues or len(para_low) - cues[-1].end() > 40:
            continue
        if not _cue_valid(r, rule, s + cues[-1].start()):
            continue
        _cue_list_items(r, pi, rule.relation, top, top_starts, (allm, starts))


_EXPIRY_INTRO_RE = re.compile(r"(?:sau\s+đây|dưới\s+đây)\s+(?:hết\s+hiệu\s+lực|bị\s+bãi\s+bỏ)[^:]{0,120}:\s*$")


def _expiry_list_cues(r: _Reader, top: list[_M], top_starts: list[int]) -> None:
    """"2. Các quy định sau đây hết hiệu lực từ ngày Thông tư này có hiệu lực thi hành:" over "a) Thông tư
    số 50/2014/TT-BGTVT ...", "b) Điều 2 Thông tư số 35/2020/TT-BGTVT ..." (tt_20-2026): the items are repealed."""
    for pi, para_low in r.colon_paragraphs:
        if _EXPIRY_INTRO_RE.search(para_low) and not r.in_quotation(r.paragraphs[pi][0]):
            _cue_list_items(r, pi, "repeals", top, top_starts, None)


def _cue_list_items(
    r: _Reader, pi: int, relation: str, top: list[_M], top_starts: list[int], go_on: tuple[list[_M], list[int]] | None
) -> None:
    """The first document of each list item under paragraph ``pi`` (an introduction ending with a colon)
    takes ``relation``; with ``go_on`` (all mentions and their starts), so do those listed after it."""
    paras = r.paragraphs
    s, e = paras[pi]
    head = _LIST_MARKER_RE.match(r.text[s:e])
    head_kind = head.lastgroup if head else None
    unmarked = 0
    for s2, e2 in paras[pi + 1 : pi + 30]:
        mk = _LIST_MARKER_RE.match(r.text[s2:e2])
        if not mk and unmarked == 0 and not _ARTICLE_LINE_RE.match(r.text[s2:e2]):
            # one paragraph an item runs on to over a page break ("Phụ lục III ban hành kèm theo ...;" before
            # "d) Các khoản 7, 8 và 9 Điều 38 ...", nd_158 Công báo text)
            unmarked = 1
            continue
        if not mk or mk.lastgroup == head_kind or _ARTICLE_LINE_RE.match(r.text[s2:e2]):
            break
        unmarked = 0
        k = bisect_left(top_starts, s2)
        first = top[k] if k < len(top) and top[k].start < e2 else None
        if first and _gap_ok(r, s2 + mk.end(), first.start, relation, item=True):
            _set_cue(first, relation)
            if go_on is not None:
                _continue_cue(r, go_on[0], go_on[1], first, relation)


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


def _number_group_key(number: str) -> str:
    """Numbers that name one document: case folded, a joint circular's issuer codes in any order
    ("08/2012/TTLT-BLĐTBXH-BNV-BTC" in the header, "...-BTC-BNV" in the forms: vbhn_835)."""
    k = number.casefold()
    head, sep, codes = k.partition("/ttlt-")
    if sep and codes:
        return head + sep + "-".join(sorted(codes.split("-")))
    return k


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
            k = _number_group_key(m.number)
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


def _to_reference(g: list[_M], text: str) -> Reference:
    # values as printed in running text before those of a title in capitals ("QUYẾT ĐỊNH SỐ
    # 06/QĐ-TTG ... CỦA THỦ TƯỚNG CHÍNH PHỦ", qd_2820): the first mention in mixed case leads
    g = sorted(g, key=lambda m: text[m.start : max(m.tail_end, m.end)].isupper())
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
        mentions=tuple(Mention(Span(m.start, m.end), m.cue) for m in sorted(g, key=lambda m: m.start)),
        term=term,
        year=year,
        key=k,
        system=system,
    )


_PROSE_LINE_RE = re.compile(r"^(?=.*[" + LOWER + r"].*[" + LOWER + r"])(?:\S+\s+){7,}\S+")


def _site_text_end(text: str, header: Header) -> int:
    """Where the document starts when a web page printed its own text above the header.

    Nothing of an official document comes before its header (DOMAIN.md §1); a sentence above the
    issuer and the national or Party title ("Ngày 15/11/2017, Ban chấp hành Trung ương ban hành Quy
    định 102-QĐ/TW ...", "Kể từ ngày 15-12-2015, Thông tư liên tịch số ... bị bãi bỏ, thay thế bởi ...")
    is the site's, and the documents it names are not this one's references. 0 when there is none.
    """
    nat = header.national_title
    if nat is None or nat.span is None or nat.span.start > 3000:
        return 0
    start = nat.span.start
    for f in (header.issuer, header.number):
        if f is not None and f.span is not None and start - 600 < f.span.start < start:
            start = f.span.start
    start = text.rfind("\n", 0, start) + 1
    before = text[:start]
    if not any(_PROSE_LINE_RE.match(ln.strip()) for ln in before.split("\n")):
        return 0
    return start


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
    chrome_end = _site_text_end(text, header)
    if chrome_end:
        mentions = [m for m in mentions if m.start >= chrome_end]
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
    _unnest_dated_list_items(r, mentions)
    _mark_amenders(r, mentions)
    _assign_cues(r, mentions)
    return [_to_reference(g, r.text) for g in _group(r, mentions)]

