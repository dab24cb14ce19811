"""The word patterns and small text helpers of the task extractor (:mod:`vndocs.extract.tasks`):
the cue lists of ``data/task_cues.json`` compiled, the regexes that tell a unit's duty from a rule,
a heading from a sentence, and the line-level helpers the walk over the outline uses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from vndocs.extract.units import (
    UnitList,
    logical_end,
    tokenize,
)
from vndocs.models import Section, Span
from vndocs.normalize import key
from vndocs.textutil import is_upper_text
from vndocs.vocab import load

# --------------------------------------------------------------------------
# cues (data)


@dataclass(frozen=True, slots=True)
class _Cues:
    impl: re.Pattern[str]
    no_task: re.Pattern[str]
    time: re.Pattern[str]
    executing: re.Pattern[str]
    triggers: re.Pattern[str]
    openers: re.Pattern[str]
    fields: re.Pattern[str]
    report: re.Pattern[str]
    duty: re.Pattern[str]
    closing: re.Pattern[str]
    attached: re.Pattern[str]
    attached_end: re.Pattern[str]
    object_words: frozenset[str]
    trigger_words: tuple[str, ...] | None = None
    """Strings one of which every trigger match contains (:func:`_required_strings`)."""


@lru_cache(maxsize=1)
def cues() -> _Cues:
    """The compiled cues of ``task_cues.json``."""
    d = load("task_cues")

    def spaced(pattern: str) -> str:
        # a space in a phrase matches any run of white space (Công báo text doubles spaces)
        return pattern.replace(" ", r"\s+")

    return _Cues(
        impl=re.compile(d["implementation_headings"]["pattern"]),
        no_task=re.compile(d["no_task_headings"]["pattern"]),
        time=re.compile(d["time_headings"]["pattern"]),
        executing=re.compile(spaced(d["executing_article"]["pattern"])),
        triggers=re.compile(d["triggers"]["pattern"], re.MULTILINE),
        openers=re.compile(d["openers"]["pattern"]),
        fields=re.compile(d["fields"]["pattern"], re.MULTILINE),
        report=re.compile(d["report"]["pattern"]),
        duty=re.compile(spaced(d["duty_after_subject"]["pattern"])),
        closing=re.compile(d["closing_paragraph"]["pattern"]),
        attached=re.compile(d["attached_document"]["pattern"], re.MULTILINE),
        attached_end=re.compile(d["attached_end"]["pattern"], re.MULTILINE),
        object_words=frozenset(key(w) for w in d["object_words"]),
        trigger_words=_required_strings(d["triggers"]["pattern"]),
    )


def _required_strings(pattern: str) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` (case-sensitive) contains, or None.

    Read from the parse tree: a run of literal characters must appear; an alternation
    needs one of its branches' strings. Most paragraphs contain no trigger word, and
    ``str.find`` for a few strings is much faster than the regex, which tries its
    lookbehinds at every character.
    """
    try:
        from re import _constants as sc  # type: ignore[attr-defined]
        from re import _parser as sp  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_constants as sc  # type: ignore[no-redef]
        import sre_parse as sp  # type: ignore[no-redef]

    def of_sequence(items: Any) -> set[str] | None:
        options: list[set[str]] = []
        run = ""
        for op, av in list(items) + [(None, None)]:
            if op is sc.LITERAL:
                run += chr(av)
                continue
            if run:
                options.append({run})
                run = ""
            if op is not None:
                found = of_item(op, av)
                if found is not None:
                    options.append(found)
        # the most selective option: the one whose shortest string is longest
        return max(options, key=lambda o: min(map(len, o)), default=None)

    def of_item(op: Any, av: Any) -> set[str] | None:
        if op is sc.SUBPATTERN:
            return None if av[1] & sc.SRE_FLAG_IGNORECASE else of_sequence(av[-1])
        if op is sc.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                found = of_sequence(alt)
                if found is None:
                    return None
                out |= found
            return out
        if op in (sc.MAX_REPEAT, sc.MIN_REPEAT) and av[0] >= 1:
            return of_sequence(av[2])
        return None

    parsed = sp.parse(pattern)
    if parsed.state.flags & sc.SRE_FLAG_IGNORECASE:
        return None
    found = of_sequence(parsed)
    return tuple(sorted(found)) if found and all(found) else None


# --------------------------------------------------------------------------
# a small outline reader (stands in until vndocs.extract.outline is available)

# Numbered items at the start of a line; named groups say the kind.
_ITEM_RE = re.compile(
    r"""^[ \t]*(?:
        (?P<article>Điều[ \t]+\d+[a-zđ]?)\.?                 # Điều 5.   (decisions, decrees)
      | (?P<part>(?:Phần|Chương|Mục)[ \t]+(?:[IVXLC]+|\d+|thứ[ \t]+\w+))\.?   # Phần I / Chương II
      | (?P<roman>[IVXL]+)[ \t]*[.\-]                       # I.  II-  (both styles)
      | (?P<decimal>\d{1,2}(?:\.\d{1,2}){1,3})\.?           # 1.1. / 1.3.1.
      | (?P<arabic>\d{1,2})[ \t]*[.)]                       # 1.  1)
      | (?P<letter>[a-zđ])[ \t]*[).]                        # a)  a.  (cv_hanoi uses a.)
    )(?=[ \t]|\n|$)""",
    re.VERBOSE | re.MULTILINE,
)
# The same items after the newline that starts their line: the regex engine can skip from newline
# to newline (``^`` would be tried at every character).
_ITEM_AFTER_NEWLINE_RE = re.compile(r"\n" + _ITEM_RE.pattern.removeprefix("^"), re.VERBOSE | re.MULTILINE)
_RANK = {"part": 0, "chapter": 1, "section": 2, "capital": 3, "article": 3, "roman": 4, "arabic": 5, "letter": 9}
_STRUCTURAL = {"part", "chapter", "section", "capital", "article", "roman", "arabic", "decimal", "letter"}


def _rank(s: Section) -> int:
    return _rank_of(s.kind, s.label)


def _rank_of(kind: str, label: str) -> int:
    if kind == "decimal":
        return 5 + label.count(".")
    return _RANK.get(kind, 10)


def _items(text: str, begin: int, end: int) -> Iterator[tuple[re.Match[str], int]]:
    """The matches of :data:`_ITEM_RE` in ``text[begin:end]`` with where each starts.

    After the first line, items are found with the newline before them, from newline to
    newline; the newline is not part of the item.
    """
    if begin == 0 or text[begin - 1] == "\n":
        first = _ITEM_RE.match(text, begin, end)
        if first is not None:
            yield first, first.start()
    for m in _ITEM_AFTER_NEWLINE_RE.finditer(text, begin, end):
        yield m, m.start() + 1


def _local_outline(text: str, end: int, begin: int = 0) -> list[Section]:
    """Numbered items of ``text[begin:end]`` as a Section tree (labels, kinds, spans)."""
    return _sections(_local_items(text, end, begin), end)


def _local_items(text: str, end: int, begin: int = 0) -> list[dict]:
    """The top-level numbered items of ``text[begin:end]`` (dicts with their ``children``)."""
    flat: list[tuple[str, str, int, int]] = []
    for m, start in _items(text, begin, end):
        kind = m.lastgroup or ""
        label = m.group(kind)
        if kind == "part":
            kind = {"p": "part", "c": "chapter", "m": "section"}[key(label)[0]]
        flat.append((kind, " ".join(label.split()), start, m.end()))
    # build the tree with a stack of (rank, dict)
    roots: list[dict] = []
    stack: list[dict] = []
    for kind, label, start, label_end in flat:
        node = {"kind": kind, "label": label, "start": start, "label_end": label_end, "children": []}
        r = _rank_of(kind, label)
        while stack and stack[-1]["rank"] >= r:
            stack.pop()
        node["rank"] = r
        (stack[-1]["children"] if stack else roots).append(node)
        stack.append(node)
    return roots


def _sections(nodes: list[dict], stop: int) -> list[Section]:
    """Sections of the item dicts of :func:`_local_items`, each ending where the next starts."""
    out = []
    for i, n in enumerate(nodes):
        nend = nodes[i + 1]["start"] if i + 1 < len(nodes) else stop
        kids = _sections(n["children"], nend)
        out.append(Section(n["label"], n["kind"], None, Span(n["start"], nend), None, tuple(kids)))
    return out


# --------------------------------------------------------------------------
# helpers



def _body_end(text: str) -> int:
    # "Nơi nhận:" or "Nơi nhận" ending its line, not "Nơi nhận báo cáo tài chính ..." (tt_58-2026)
    m = re.search(r"^\s*(?:Nơi nhận|NƠI NHẬN)(?=[^\S\n]*(?::|$))", text, re.MULTILINE)
    if m:
        return m.start()
    m = re.search(r"\./\.", text)
    if m:
        nl = text.find("\n", m.end())
        return len(text) if nl == -1 else nl
    return len(text)


def _label_end(text: str, s: Section) -> int:
    m = _ITEM_RE.match(text, s.span.start)
    if m and m.start() == s.span.start:
        return m.end()
    # the pipeline's outline: skip the label as printed
    i = s.span.start
    lab = text.find(s.label, i, i + len(s.label) + 10)
    if lab != -1:
        j = lab + len(s.label)
        while j < len(text) and text[j] in ".)-: \t":
            j += 1
        return j
    return i


def _heading(text: str, s: Section, end: int) -> tuple[str, int, int]:
    """(heading text, start, end) of an item: its label line, plus upper-case continuation lines."""
    start = _label_end(text, s)
    while start < end and text[start] in " \t":
        start += 1
    if start < end and text[start] == "\n":  # "1.\nTrên cơ sở ..."
        start += 1
    stop = logical_end(text, start, end)
    block = text[start:stop]
    if len(block) > 250 or _CLAUSE_MARK_RE.search(block):
        # a paragraph, not a heading: the heading is its first line at most
        nl = text.find("\n", start, stop)
        stop = stop if nl == -1 else nl
    return " ".join(text[start:stop].split()), start, stop


def _is_upper(s: str) -> bool:
    """Whether ``s`` has letters and none in lower case."""
    return is_upper_text(s, 1)


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Logical lines of ``text[start:end]`` (wrapped lines joined), non-empty."""
    out = []
    pos = start
    while pos < end:
        while pos < end and text[pos] in " \t\n":
            pos += 1
        if pos >= end:
            break
        e = logical_end(text, pos, end)
        if text[pos:e].strip():
            out.append((pos, e))
        pos = e + 1
    return out


# The patterns of the helpers below, compiled once; they run with pos/endpos on the text (the same
# as on the slice: no lookbehind, and ``$`` matches at endpos).
_CLAUSE_MARK_RE = re.compile(r"[.;]\s")
_SENTENCE_END_RE = re.compile(r"[.;](?:\s|$)")
_NUMBER_LABEL_RE = re.compile(r"\d{1,2}\.[ \t]+(?=[A-ZĐÀ-Ỹ])")
_SHORT_LABEL_RE = re.compile(r"[^:\n.;]{1,40}:\s*")
_WORD_AFTER_RE = re.compile(r"\s*(?:\([^)]*\)\s*)?[,:]?\s*(\S+)")
# the issuer as subject, then its assignment verb: "Chính phủ trân trọng đề nghị Ủy ban Trung ương Mặt trận ..."
# (nq_380-NQ-CP III.5): the object is the assignee
_TRIGGER_AFTER_RE = re.compile(r"\s*(?:(?:trân trọng|kính|tiếp tục)\s+)?(?:[Gg]iao|[Đđ]ề nghị|[Yy]êu cầu|[Kk]êu gọi)\s+")
_LEAD_AFTER_RE = re.compile(r"\s*,?\s*(?:[^,]{0,80},\s*)?chủ trì")
_NOT_A_TRIGGER_BEFORE_RE = re.compile(r"(?:theo|đáp ứng|của)\s*$", re.IGNORECASE)
_SUB_LABEL_RE = re.compile(r"[a-zđ][).]\s*|[-+•]\s*")


def _sentence_end(text: str, start: int, end: int) -> int:
    end = logical_end(text, start, end)
    m = _SENTENCE_END_RE.search(text, start, end)
    return m.start() if m else end


def _strip_bullet(text: str, s: int, e: int, numbers: bool = False) -> int:
    m = _BULLET_START_RE.match(text, s, e)  # "- ", "a) "
    s = m.end() if m else s
    if numbers:
        # "2. Bộ trưởng ..." inside "Điều 3. Điều khoản thi hành 1. ..." where the outline sees no items (qd_982)
        n = _NUMBER_LABEL_RE.match(text, s, e)
        s = n.end() if n else s
    return s


@dataclass(slots=True)
class _Found:
    units: UnitList
    start: int
    """Where the task's own text starts (for its deadline)."""
    how: str
    role: str = "execute"


# --------------------------------------------------------------------------
# the extractor


# a lead label alone on its line, its units in the bullets under it (kh_252_2013)
_LISTED_LEAD = (
    r"(?:(?:Cơ quan|Đơn vị)[ \t]+(?:chủ trì|thực hiện)|Chủ trì thực hiện)"
    r"(?:[ \t]*,[ \t]*(?:phối hợp|thực hiện))?[ \t]*:?[ \t]*\n"
)
_LISTED_LEAD_RE = re.compile(_LISTED_LEAD)
_LISTED_LEAD_LINE_RE = re.compile(r"^[ \t]*(?:(?:[a-zđ]|\d{1,2})[).][ \t]*)?" + _LISTED_LEAD, re.M)
_HONORIFIC_RE = re.compile(r"^(?:[Đđ]ồng chí|[Đđ]/c|(?:[Cc]ác\s+)?[Ôô]ng\s*(?:,\s*|\(\s*)[Bb]à\)?)\s+(?=[A-ZĐÀ-Ỹ])")
_DUTY_OF_RE = re.compile(r"(?:Trách nhiệm|Nhiệm vụ)(?: và quyền hạn)? của\s+")
_TOPIC_LABEL_RE = re.compile(r"Về\s(?:[^:\n;]|\n(?![ \t]*\n)){1,500}?:\s+(?=\S)")


# a table's header cells (markdown and docx tables become one cell per line): the lead column, any column
_TABLE_LEAD_RE = re.compile(r"^(?:cơ quan|đơn vị)(?: chủ trì| thực hiện| chịu trách nhiệm)\s*(?:thực hiện)?$")
# what such a header cell starts with ("Cơ quan", "Đơn vị"), as written: key() only folds case
_TABLE_LEAD_START_RE = re.compile(r"\s*[cCđĐ][ơƠ]")
_TABLE_HEAD_RE = re.compile(
    r"^(?:s?tt|số tt|nhiệm vụ|nội dung|tên nhiệm vụ|(?:cơ quan|đơn vị) (?:chủ trì|phối hợp|thực hiện)|"
    r"thời gian|thời hạn|tiến độ|sản phẩm|kết quả|ghi chú|kinh phí|nguồn kinh phí)"
)

_OWN_OBJECT_RE = re.compile(r"\s+(?:các|những|việc|mọi|biện pháp|công tác|nhiệm vụ|chương trình|dự án|đề án)\b")
_CASE_OPENER_RE = re.compile(r"(?:đối với\s+(?:các\s+|những\s+)?)?trường hợp\b")
# a clause that opens on what to do, with no subject: its doer is the heading's unit
_IMPERATIVE_RE = re.compile(
    r"[ \t]*(?:Chủ trì|Phối hợp|Tổ chức|Triển khai|Thực hiện|Hướng dẫn|Chỉ đạo|Giải quyết|Xây dựng|Ban hành|Bố trí|"
    r"Bảo đảm|Đảm bảo|Theo dõi|Kiểm tra|Tuyên truyền|Rà soát|Tham mưu|Cung cấp|Đề xuất|Nghiên cứu|Quản lý|"
    r"Cập nhật|Thống kê|Phổ biến|Đôn đốc|Tiếp nhận|Công bố|Lập|Trình)\b"
)


def _bare_unit(name: str) -> str:
    """A unit's name without its quantifier, to compare ("các bộ" and "bộ")."""
    return re.sub(r"^(?:các|những|mọi)\s+", "", key(name))


_LEGAL_TYPES = frozenset(key(t) for t in (
    "Luật", "Bộ luật", "Pháp lệnh", "Nghị định", "Thông tư", "Thông tư liên tịch", "Văn bản hợp nhất"))
# the duties after a unit that assign work even in a legal text's rules (see _Extractor.legal)
_LEGAL_DUTY_RE = re.compile(r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:[^,.;]{0,80},\s*)?(?:chủ trì|khẩn trương)")

_EFFECT_RE = re.compile(r"^hiệu lực")
_GENERIC_HEAD_DUTY_RE = re.compile(
    r"(?P<np>(?:Các |Những )?(?:Đơn vị|Cơ quan|Tổ chức|Doanh nghiệp|Cơ sở|Người)\b[^.;:\n]{3,120}?)"
    r"(?=\s(?:chủ trì|có trách nhiệm|chịu trách nhiệm)\b)"
)
# a letter's name for its addressee, and the one addressee of its "Kính gửi" line
_HONORED_ADDRESSEE_RE = re.compile(r"[Qq]uý\s+(?:Bộ|Cơ quan|cơ quan|Ủy ban|Uỷ ban|Sở|Ban|Cục|Tổng cục|đơn vị|Đơn vị|Tập đoàn|Ngân hàng)\b")
_KINH_GUI_ONE_RE = re.compile(r"(?m)^[ \t]*Kính gửi[ \t]*:?[ \t]*(?P<who>[^\n;]{3,120}?)[ \t.;]*$")
# the duty a subject's name runs up to (see _Extractor._name_to_duty), and actions that end a name
_DUTY_WORD_RE = re.compile(r"\s(?:chủ trì|có trách nhiệm|chịu trách nhiệm)\b")
_ACTION_WORDS_RE = re.compile(
    r"\b(?:hướng dẫn|tổ chức thực hiện|thực hiện|triển khai|chỉ đạo|theo dõi|kiểm tra|tham mưu|rà soát|báo cáo|đề xuất|"
    r"trình|ban hành|xây dựng|phối hợp|bố trí|bảo đảm|đảm bảo|tăng cường|đôn đốc|căn cứ|được|đã|sẽ|"
    r"tiếp tục|khẩn trương|chủ động|tích cực|nghiên cứu|phải|cần|sớm|nhanh chóng|thường xuyên|trực tiếp)\b"
)
# an effect article's title that also names the implementation: "Hiệu lực và trách nhiệm thi hành" (tt_34-2025)
_IMPL_IN_HEADING_RE = re.compile(r"trách nhiệm (?:thi hành|thực hiện)|tổ chức (?:thực hiện|thi hành)")
_BULLET_START_RE = re.compile(r"[ \t]*(?:[-+•*–][ \t]|[a-zđ]\)[ \t])")
# a unit's duty ending in a colon, the bullets below it say what: "... có trách nhiệm:"
_DUTY_COLON_RE = re.compile(r"[ \t]*(?:có|chịu)[ \t]+trách[ \t]+nhiệm(?:[ \t]+(?:thực hiện|triển khai)[^:\n]{0,60})?[ \t]*:")
# a request the document reports, not one it makes: "... đã có Công văn ... đề nghị X ..."
_REPORTED_RE = re.compile(
    r"\bđã[ \t]+(?:có[ \t]+)?(?:công văn|văn bản|tờ trình|báo cáo|ban hành)\b"
    # "Ngày 19 tháng 9 năm 2013, Văn phòng Chính phủ có văn bản số 349/TB-VPCP thông báo ... yêu cầu quý Bộ ..."
    r"|\bcó[ \t]+(?:công văn|văn bản|thông báo)[ \t]+số\b",
    re.I,
)
# a statement under a condition that follows the subject's verb closely: "X vay tiền của cổ đông nếu ..."
_CONDITION_AFTER_RE = re.compile(r"[^,.;:\n]{0,40}\bnếu\b")
# what a subject does that is no assignment: a difficulty, a past deed, a state, a prohibition
_DELEGATION_RE = re.compile(r"quy định (?:chi tiết|cụ thể)\b")
_NO_ASSIGNMENT_AFTER_RE = re.compile(
    r"[ \t]*(?:có[ \t]+)?(?:vướng mắc|gặp khó khăn|đã|đang|là|không|chưa|được(?![ \t]+giao)|quy định chi tiết)\b")

_LAW_TYPES = frozenset(key(t) for t in ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"))
# a law's own implementation part ("Điều khoản thi hành"), not its chapter on each body's "trách nhiệm"
_LAW_IMPL_RE = re.compile(r"^(?:tổ chức thực hiện|tổ chức thi hành|trách nhiệm thi hành|điều khoản thi hành)")
# in a law, "X chủ trì" assigns when it makes something: "Bộ Thông tin và Truyền thông chủ trì, phối hợp ... xây
# dựng Danh mục ... trình Thủ tướng Chính phủ ban hành" (luat_86 Điều 26.2), not "... thực hiện công tác ..." (luat_24)
_LAW_DUTY_RE = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:[^,.;]{0,80},\s*)?chủ trì\b[^.;:\n]{0,200}?\b(?:xây dựng|soạn thảo|trình|ban hành)\b"
)

_RUN_IN_TITLE_RE = re.compile(
    r"(?:Trách nhiệm thi hành|Tổ chức thực hiện|Tổ chức thi hành|Hiệu lực thi hành|Điều khoản thi hành)\s+(?=[A-ZĐÀ-Ỹ])"
)

# a lead-in to the cases a power applies in: "... trong các trường hợp sau:" (tt_23 Điều 18)
_CASES_RE = re.compile(r"(?:trường hợp|điều kiện) (?:sau|dưới) ?(?:đây)?\s*:\s*$")

# a heading line that ends on the unit's duty, with what it must do in the sub-items below (ct_09 11-12)
_DUTY_END_RE = re.compile(r"\s*\b(?:có|chịu) trách nhiệm\s*:?\s*$")

# verbs that start the action after a unit named in a heading ("Bộ Tài chính chủ trì, phối hợp ...:")
_ACTION_IN_HEADING_RE = re.compile(
    r"\b(?:chủ trì|phối hợp|có trách nhiệm|chịu trách nhiệm|thực hiện|chỉ đạo|triển khai|khẩn trương|chủ động|"
    r"hướng dẫn|tổ chức|theo dõi|tham mưu)\b"
)


def _in_brackets(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside round brackets opened on its logical line."""
    line_start = text.rfind("\n\n", 0, pos) + 1
    seg = text[max(line_start, pos - 600) : pos]
    return seg.count("(") > seg.count(")")


@lru_cache(maxsize=1)
def _position_first() -> frozenset[str]:
    """First syllables of the positions in units.json: a cheap test before :func:`_starts_with_position`."""
    from vndocs.extract.units import phrases

    return frozenset(p[0] for p in phrases().positions)


def _starts_with_position(text: str) -> bool:
    from vndocs.extract.units import phrases

    toks = tokenize(text)
    return any(tuple(t.key for t in toks[: len(p)]) == p for p in phrases().positions)


def _skip_to_body(text: str, pos: int, end: int) -> int:
    nl = text.find("\n", pos, end)
    return end if nl == -1 else nl + 1


def _skip_punct(text: str, pos: int, end: int) -> int:
    while pos < end and (text[pos] in " \t\n:;,.-" or text[pos] == ")"):
        pos += 1
    m = _SUB_LABEL_RE.match(text, pos, end)
    return m.end() if m else pos


def _minus(rng: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    s, e = rng
    for hs, he in sorted(holes):
        if he <= s or hs >= e:
            continue
        if hs > s:
            out.append((s, hs))
        s = max(s, he)
    if s < e:
        out.append((s, e))
    return out
