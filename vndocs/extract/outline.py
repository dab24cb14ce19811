"""The outline of the body: Phần/Chương/Mục/Điều/khoản/điểm and I./1./1.1./a)/-/+.

Both styles of DOMAIN.md §3 (and the Party ``I-``/``1-`` variants) are read
line by line; the tree is built from the level of each marker. The preamble
(``Căn cứ ...``, ``Thực hiện ...``) and the enacting line (``QUYẾT ĐỊNH:``) are
kept apart; the body ends at the signature, ``Nơi nhận`` or the end mark
``./.``, so annexes after the signature are not part of the outline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vndocs.models import Section, Span
from vndocs.textutil import UPPER, is_upper_text

# Vietnamese điểm letters (no f, j, w, z; đ after d) — DOMAIN.md §3.1
POINT_LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"]

_ROMAN = r"(?=[IVXLC])(?:L?X{0,3})(?:IX|IV|V?I{0,3})"
# One alternative per marker kind; the first that matches a line wins.
MARKERS: list[tuple[str, re.Pattern[str]]] = [
    # Phần I / Phần thứ nhất / PHẦN I (Party and normative texts)
    ("part", re.compile(r"^(?P<label>(?:Phần|PHẦN)\s+(?:thứ\s+[\wà-ỹ]+|THỨ\s+[\wÀ-Ỹ]+|" + _ROMAN + r"|\d+))\b\s*[.:\-–]?\s*(?P<rest>.*)$")),
    # Chương I
    ("chapter", re.compile(r"^(?P<label>(?:Chương|CHƯƠNG)\s+(?:" + _ROMAN + r"|\d+))\b\s*[.:\-–]?\s*(?P<rest>.*)$")),
    # Mục 1 (not "Mục đích")
    ("section", re.compile(r"^(?P<label>(?:Mục|MỤC)\s+(?:\d+|" + _ROMAN + r"))(?!\w)\s*[.:\-–]?\s*(?P<rest>.*)$")),
    # Điều 5. / Điều 5a. / Điều 44.4.PL.1.
    ("article", re.compile(r"^(?P<label>Điều\s+\d+[a-zđ]?(?:\.\d+)*)\s*[.:]\s*(?P<rest>.*)$")),
    # I. / I- (Party style) — upper-case Roman numerals only
    ("roman", re.compile(r"^(?P<label>(?=[IVXL])" + r"(?:L?X{0,3})(?:IX|IV|V?I{0,3})" + r")\s*[.\-–]\s*(?P<rest>\S.*)$")),
    # A. / B- above the Roman numerals of a plan (kh_252); taken only before an
    # upper-case heading (see extract_outline)
    ("capital", re.compile(r"^(?P<label>[A-H])\s*[.\-–]\s*(?P<rest>\S.*)$")),
    # 1.1. / 1.1.1 / 2.3-
    ("decimal", re.compile(r"^(?P<label>\d{1,3}(?:\.\d{1,3})+)\.?\s*[\-–)]?\s+(?P<rest>.*)$|^(?P<label2>\d{1,3}(?:\.\d{1,3})+)\.?\s*$")),
    # 1. / 1- / 1)
    ("arabic", re.compile(r"^(?P<label>\d{1,3})\s*(?:\.|-|–|\))\s*(?P<rest>\S.*)?$")),
    # a) / đ) / a.
    ("letter", re.compile(r"^(?P<label>[a-zđ])\s*\)\s*(?P<rest>.*)$")),
    # (1)
    ("paren", re.compile(r"^\((?P<label>\d{1,3})\)\s*(?P<rest>\S.*)$")),
    # - bullet / + sub-bullet
    ("dash", re.compile(r"^(?P<label>[-–•])\s+(?P<rest>\S.*)$")),
    ("plus", re.compile(r"^(?P<label>\+)\s*(?P<rest>\S.*)$")),
]

RANK = {
    "part": 0,
    "chapter": 1,
    "section": 2,
    "capital": 3,
    "article": 4,
    "roman": 5,
    "arabic": 6,
    "decimal": 7,
    "letter": 9,
    "paren": 10,
    "dash": 11,
    "plus": 12,
}

PREAMBLE_RE = re.compile(
    r"^\s*-?\s*(?:Căn\s+cứ|Thực\s+hiện|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị|Xét\s+Tờ\s+trình|Trên\s+cơ\s+sở|Tiếp\s+tục\s+thực\s+hiện|Triển\s+khai|Thi\s+hành|Quán\s+triệt)\b"
)
ENACTING_RE = re.compile(
    r"^\s*(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|NGHỊ\s+QUYẾT|BAN\s+HÀNH|CHỈ\s+THỊ|QUY\s+ĐỊNH|[A-ZĐÀ-Ỹ ]{3,80}\s+điện)\s*:\s*$"
    r"|^\s*(?:Chính\s+phủ|Quốc\s+hội|Ủy\s+ban\s+[Tt]hường\s+vụ\s+Quốc\s+hội|Bộ\s+trưởng[^.\n]{0,80}|Ban\s+Bí\s+thư|Bộ\s+Chính\s+trị)\s+(?:ban\s+hành|quy\s+định|quyết\s+định)\b[^\n]*$"
)
END_RE = re.compile(r"^\s*(?:Nơi\s+nhận|NƠI\s+NHẬN)\s*(?::|$)|^\s*(?:TM|KT|TL|TUQ|T/M|K/T|T/L)\s*[./]\s*\S")
# "Phụ lục" in title case heads an annex when alone on its line or followed by its number or a
# colon/dash title; "Phụ lục. Trong thời hạn ..." at a line start is a sentence's end carried to
# the next page ("... theo mẫu AP04 tại / Phụ lục.", qd_28-2026-QD-TTg_congbao.txt), and so is
# "Phụ lục III ban hành kèm theo Nghị định số 135/2020/NĐ-CP" in a list (nd_158-2025-ND-CP)
ANNEX_RE = re.compile(
    r"^\s*(?:PHỤ\s+LỤC\b|Phụ\s+lục(?=[ \t]*$|[ \t]+(?:số[ \t]+)?[0-9IVXLC]+\b(?![ \t]+[a-zđà-ỹ])|[ \t]*[:\-–]))"
    r"|^\s*DANH\s+MỤC\b.*(?:KÈM\s+THEO|kèm\s+theo)"
)

_HEADING_MAX = 220
_ARTICLE_HEADING_MAX = 400
# an item that names its subject before a colon and goes on after it
_LABEL_THEN_TEXT_RE = re.compile(r"(?P<head>[" + UPPER + r"][^:;.,()]{2,70}?)\s*:\s+\S")


@dataclass(slots=True)
class Outline:
    """The body's section tree plus preamble and enacting line."""

    sections: list[Section] = field(default_factory=list)
    """Top-level sections with children."""
    preamble: list[Span] = field(default_factory=list)
    """Căn cứ / Thực hiện paragraphs before the body."""
    enacting: Span | None = None
    """The enacting line (``QUYẾT ĐỊNH:``)."""
    body_start: int = 0
    """Where the body begins."""
    body_end: int = 0
    """Where the body ends (signature, Nơi nhận, ./.)."""


@dataclass(slots=True)
class _Node:
    label: str
    kind: str
    rank: float
    start: int
    first_line_end: int
    rest: str
    rest_start: int
    end: int = 0
    heading: str | None = None
    heading_span: Span | None = None
    children: list[_Node] = field(default_factory=list)
    extra_lines: int = 0


def _lines_with_pos(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        if nl == -1:
            nl = end
        out.append((pos, nl, text[pos:nl]))
        pos = nl + 1
    return out


_is_upper = is_upper_text


# every marker starts with one of these: a cheap test before the alternatives
_MARKER_START = re.compile(r"\s*(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC|Điều|[IVXLC]|[A-H]\s*[.\-–]|\d|[a-zđ]\s*\)|\(\d|[-–•+])")


def _first_chars(kind: str) -> str:
    """The characters a marker of ``kind`` can start with (see MARKERS)."""
    return {
        "part": "P", "chapter": "C", "section": "M", "article": "Đ", "roman": "IVXL", "capital": "ABCDEFGH",
        "decimal": "0123456789", "arabic": "0123456789", "letter": "abcdefghijklmnopqrstuvwxyzđ", "paren": "(",
        "dash": "-–•", "plus": "+",
    }[kind]


# the markers worth trying for a line's first character, in MARKERS order (any
# other first character, a Unicode digit say, tries them all)
_MARKERS_BY_FIRST: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _kind, _rx in MARKERS:
    for _c in _first_chars(_kind):
        _MARKERS_BY_FIRST.setdefault(_c, []).append((_kind, _rx))


def match_marker(line: str) -> tuple[str, str, str, int] | None:
    """``(kind, label, rest, rest_offset)`` of an outline marker at the start of ``line``."""
    if not _MARKER_START.match(line):
        return None
    stripped = line.lstrip()
    lead = len(line) - len(stripped)
    for kind, rx in _MARKERS_BY_FIRST.get(stripped[:1], MARKERS):
        m = rx.match(stripped)
        if not m:
            continue
        label = m.groupdict().get("label") or m.groupdict().get("label2")
        if not label:
            continue
        rest = m.groupdict().get("rest") or ""
        rest_off = lead + (m.start("rest") if m.groupdict().get("rest") is not None else len(stripped))
        if kind == "arabic" and not rest:
            # "1." alone on a line (the text follows on the next line) still counts
            pass
        return kind, label, rest, rest_off
    return None


def _body_bounds(text: str) -> tuple[int, int, list[Span], Span | None]:
    from vndocs.extract.header import HEADER_WINDOW, find_type_line

    lines = _lines_with_pos(text, 0, len(text))
    # start after the title block: the type line and its paragraph
    start_idx = 0
    tl = find_type_line(text, HEADER_WINDOW)
    if tl is not None:
        start_idx = tl[0] + 1
        while start_idx < len(lines) and not lines[start_idx][2].strip():
            start_idx += 1
        while start_idx < len(lines) and lines[start_idx][2].strip():
            if PREAMBLE_RE.match(lines[start_idx][2]) or match_marker(lines[start_idx][2]):
                break
            start_idx += 1
    else:
        # no type line: skip the header lines (upper-case, number, date, V/v)
        for i, (_, _, s) in enumerate(lines[:60]):
            st = s.strip()
            if st and not _is_upper(st) and not re.match(r"^(?:Số|V/v|Độc lập|Kính gửi|-\s)", st) and ", ngày" not in st:
                start_idx = i
                break
    # preamble and enacting line
    preamble: list[Span] = []
    enacting: Span | None = None
    body_start_idx = start_idx
    for i in range(start_idx, min(len(lines), start_idx + 80)):
        a, b, s = lines[i]
        st = s.strip()
        if not st:
            continue
        if ENACTING_RE.match(st):
            lead = len(s) - len(s.lstrip())
            enacting = Span(a + lead, a + len(s.rstrip()))
            body_start_idx = i + 1
            break
        mk = match_marker(s)
        if mk and mk[0] not in ("dash", "plus"):
            body_start_idx = i
            break
        if PREAMBLE_RE.match(s):
            lead = len(s) - len(s.lstrip())
            preamble.append(Span(a + lead, a + len(s.rstrip())))
            body_start_idx = i + 1
    body_start = lines[body_start_idx][0] if body_start_idx < len(lines) else len(text)
    # the end: Nơi nhận, a signature authority line, or the line with ./.
    body_end = len(text)
    for a, b, s in lines[body_start_idx:]:
        if END_RE.match(s):
            body_end = a
            break
        if s.rstrip().endswith("./."):
            body_end = b
            break
    return body_start, body_end, preamble, enacting


_UPPER_DIVISION_RE = re.compile(r"^\s*(?:PHẦN|CHƯƠNG)\s+(?:THỨ\s+\w+|[IVXLC]+|\d+)\b")
_FOOTNOTE_MARK_RE = re.compile(r"\s*\[\d{1,4}\]$")
_HEADING_JOINERS = ("VÀ", "CỦA", "ĐỐI VỚI", "TRONG", "VỀ", "CHO", "TẠI", "THEO", "VỚI", "HOẶC")


def _heading_goes_on(last: str, text: str, pos: int) -> bool:
    """Whether an upper-case title broken by a blank line goes on at ``pos``: it ends
    with a comma or a joining word (``NHỮNG QUY ĐỊNH ĐỐI VỚI`` / ``NGƯỜI CHƯA THÀNH
    NIÊN ...``), or the next line starts with one (``CÁC BIỆN PHÁP NGĂN CHẶN`` / ``VÀ
    BẢO ĐẢM ...``; vbhn_31, Hiến pháp 2013 on vbpl.vn)."""
    m = re.compile(r"[ \t\n]*([^\n]*)").match(text, pos)
    nxt = m.group(1).strip() if m else ""
    if not nxt or not _is_upper(nxt) or match_marker(nxt):
        return False
    ends_open = last.endswith(",") or any(last == j or last.endswith(" " + j) for j in _HEADING_JOINERS)
    return ends_open or nxt.startswith(tuple(j + " " for j in _HEADING_JOINERS))


def _finish_heading(node: _Node, text: str, next_start: int) -> None:
    """Decide the heading of a node from its first line(s)."""
    rest = node.rest.strip()
    line_end = node.first_line_end
    has_more = text[line_end:next_start].strip() != "" or bool(node.children)
    if node.kind in ("part", "chapter", "section"):
        # the title is on the same line or the next line(s), in capitals
        if rest:
            node.heading = rest.rstrip(".:")
            node.heading_span = Span(node.rest_start, node.rest_start + len(node.rest.rstrip()))
            return
        pos = line_end + 1
        parts: list[tuple[int, int, str]] = []
        while pos < len(text):
            nl = text.find("\n", pos)
            nl = len(text) if nl == -1 else nl
            s = text[pos:nl]
            if not s.strip():
                if parts and not _heading_goes_on(parts[-1][2], text, nl + 1):
                    break
                pos = nl + 1
                continue
            if match_marker(s) or not _is_upper(s.strip()) and parts:
                break
            parts.append((pos, nl, s.strip()))
            if not _is_upper(s.strip()):
                break
            pos = nl + 1
        if parts:
            # a footnote mark stuck to the title: "ĐIỀU KHOẢN THI HÀNH[189]" (vbhn_31)
            node.heading = _FOOTNOTE_MARK_RE.sub("", " ".join(p[2] for p in parts))
            if _is_upper(node.heading):
                # "ĐIỀU KHOẢN THI HÀNH3": a footnote number glued to the last capital
                node.heading = re.sub(r"(?<=[^\W\d_])\d{1,3}$", "", node.heading)
            node.heading_span = Span(parts[0][0], parts[-1][1])
        return
    if not rest:
        return
    if node.kind == "roman":
        # I. MỤC ĐÍCH, + upper-case continuation lines
        h = rest
        end = node.rest_start + len(node.rest.rstrip())
        pos = line_end + 1
        if _is_upper(rest):
            while pos < len(text):
                nl = text.find("\n", pos)
                nl = len(text) if nl == -1 else nl
                s = text[pos:nl].strip()
                if not s or match_marker(text[pos:nl]) or not _is_upper(s):
                    break
                h = f"{h} {s}"
                end = nl
                pos = nl + 1
        # "IV. Tổ chức thực hiện." (kh_0134): a short title may end with a full stop
        short_title = h.endswith(".") and h.count(".") == 1 and len(h.split()) <= 8
        if _is_upper(h) or short_title or (len(h) <= _HEADING_MAX and not h.rstrip().endswith((".", ";"))):
            node.heading = h.rstrip(":.").strip()
            node.heading_span = Span(node.rest_start, end)
        return
    if node.kind in ("dash", "plus", "paren"):
        return
    # Điều, khoản, numbered items, điểm: a short first line that is a title
    if node.kind != "article":
        label = _LABEL_THEN_TEXT_RE.match(rest)
        if label and (len(rest) > _HEADING_MAX or rest.endswith((".", ";", ","))):
            # "2. Điều dưỡng tại gia đình: Mức chi điều dưỡng: 1.110.000 đồng/người/lần." (cv_1921)
            node.heading = label.group("head")
            node.heading_span = Span(node.rest_start, node.rest_start + label.end("head"))
            return
    # an article's title is its whole first line, long ones too (tt_54: 250 characters)
    if len(rest) > (_ARTICLE_HEADING_MAX if node.kind == "article" else _HEADING_MAX) or rest.endswith((".", ";", ",")):
        return
    if node.kind != "article" and not has_more:
        return
    if node.kind == "article" and rest.endswith(":") and (
        len(rest.split()) > 8 or re.search(r"\b(?:như sau|sau đây|này)\b", rest)
    ):
        # "Điều 2. Quy định như sau:" opens a list; "Điều 2. Đối tượng áp dụng:" (tt_98) is a title
        return
    if node.kind != "article" and rest.endswith(":") and len(rest) > 120:
        return
    node.heading = rest.rstrip(":").strip()
    node.heading_span = Span(node.rest_start, node.rest_start + len(node.rest.rstrip()))


def _to_section(node: _Node) -> Section:
    return Section(
        label=node.label,
        kind=node.kind,
        heading=node.heading,
        span=Span(node.start, node.end),
        heading_span=node.heading_span,
        children=tuple(_to_section(c) for c in node.children),
    )


def _label(kind: str, raw: str) -> str:
    raw = " ".join(raw.split())
    if kind in ("arabic", "decimal", "roman", "letter", "capital"):
        return raw.rstrip(".-–)")
    return raw.rstrip(".")


def _rank(kind: str, label: str) -> int:
    if kind == "decimal":
        return RANK["decimal"] + label.count(".") - 1
    return RANK[kind]


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(s: str) -> int:
    """Value of an upper-case Roman numeral (``XIV`` -> 14)."""
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN_VALUES[c]
        if i + 1 < len(s) and _ROMAN_VALUES[s[i + 1]] > v:
            total -= v
        else:
            total += v
    return total


def ordinal(kind: str, label: str) -> int | None:
    """Position of a label in its numbering (``III`` -> 3, ``đ`` -> 5, ``Điều 7`` -> 7)."""
    if kind == "roman":
        return roman_value(label)
    if kind == "letter":
        return POINT_LETTERS.index(label) + 1 if label in POINT_LETTERS else None
    if kind == "capital":
        return ord(label) - ord("A") + 1
    if kind in ("arabic", "paren"):
        return int(label)
    if kind == "decimal":
        return int(label.rsplit(".", 1)[-1])
    if kind == "article":
        m = re.search(r"\d+", label)
        return int(m.group()) if m else None
    if kind in ("part", "chapter", "section"):
        word = label.split()[-1]
        if word.isdigit():
            return int(word)
        if re.fullmatch(r"[IVXLC]+", word):
            return roman_value(word)
        return _ORDINAL_WORDS.get(word.casefold())
    return None


# Phần thứ nhất, Phần thứ hai ... (Party and codes)
_ORDINAL_WORDS = {
    "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
}


def _in_sequence(kind: str, label: str, siblings: list[_Node], last_global: dict[str, int], rest: str = "") -> bool:
    """Whether a marker continues its numbering (else it is text that starts with a number).

    A Roman numeral printed twice in a row before an upper-case heading
    (``IV. PHÂN CÔNG...``, ``IV. TỔ CHỨC...``: the author's slip) is still a
    section, as printed; ``rest`` is the text after the marker.
    """
    n = ordinal(kind, label)
    if n is None:
        return True
    prev = next((c for c in reversed(siblings) if c.kind == kind), None)
    if prev is not None:
        p = ordinal(kind, prev.label)
        if p is None:
            return True
        if kind == "roman" and n == p and prev is siblings[-1] and _is_upper(rest.split("(", 1)[0].strip()[:60]):
            return True
        return n == p + 1 or (kind == "article" and n == p and label != prev.label)
    if kind in ("article", "part", "chapter", "section"):
        g = last_global.get(kind)
        return g is None or n > g
    return n == 1 or n == last_global.get(kind, -5) + 1


def _quote_state(line: str, depth: int) -> tuple[bool, int]:
    """(line is quoted, quote depth after the line) for quoted amendments “Điều 1. ...”.

    A quoted block starts only with a line that opens with a quotation mark; an
    unbalanced quote inside a paragraph (tb_627) does not hide the lines after it.
    """
    s = line.strip()
    if depth <= 0 and not s.startswith(("“", '"')):
        return False, 0
    if s.startswith("“"):
        # a new quoted block: one still open lost its closing mark (in a table, nq_35)
        # and must not hide the rest of the document
        depth = 0
    depth += s.count("“") - s.count("”")
    if s.count('"') % 2 == 1:
        depth += 1 if s.startswith('"') and depth <= 0 else -1
    return True, max(depth, 0)


def extract_outline(text: str) -> Outline:
    """Outline of the body (see module docstring)."""
    body_start, body_end, preamble, enacting = _body_bounds(text)
    roots: list[_Node] = []
    stack: list[_Node] = []
    all_nodes: list[_Node] = []
    seen_kinds: dict[str, int] = {}
    last_global: dict[str, int] = {}
    dyn_rank: dict[str, float] = {}
    quote_depth = 0
    for a, b, s in _lines_with_pos(text, body_start, body_end):
        if not s.strip():
            continue
        if ANNEX_RE.match(s) and all_nodes:
            body_end = a
            break
        if quote_depth > 0 and _UPPER_DIVISION_RE.match(s) and "“" not in s:
            # "CHƯƠNG I" in capitals is the document's own: a quote left open before it is a
            # footnote printed mid-page (a Công báo consolidated text quotes the amending
            # text's preamble at the foot of its first page, vbhn_49)
            quote_depth = 0
        quoted, quote_depth = _quote_state(s, quote_depth)
        if quoted:
            continue
        mk = match_marker(s)
        if mk is None:
            continue
        kind, label, rest, rest_off = mk
        label = _label(kind, label)
        rank = _rank(kind, label)
        if kind in dyn_rank:
            rank = dyn_rank[kind]
        elif (
            stack
            and kind == "article"
            and stack[-1].kind == "roman"
            and stack[-1].rank >= rank
        ):
            # a kind first seen inside a lower-ranked one nests under it
            # (Party "I- QUY ĐỊNH CHUNG" / "Điều 1.", QĐ 66-QĐ/TW)
            rank = stack[-1].rank + 0.5
        if kind not in dyn_rank and kind not in ("decimal",):
            dyn_rank[kind] = rank
        parent_stack = [n for n in stack if n.rank < rank]
        siblings = parent_stack[-1].children if parent_stack else roots
        if kind not in ("dash", "plus") and not _in_sequence(kind, label, siblings, last_global, rest):
            continue
        if kind == "capital" and not _is_upper(rest.strip()[:60]):
            # "A. Nguyễn ...", "B. có ...": a heading letter only before a heading in capitals
            continue
        if kind in ("part", "chapter", "section") and rest.strip() and not _is_upper(rest.strip()[:60]):
            # "Chương V Nghị định này." is a citation that starts a line, not a heading
            continue
        o = ordinal(kind, label)
        if o is not None:
            last_global[kind] = o
        # Roman numerals are only a level if they look like a sequence start or continuation
        # "V. something" out of the blue is more likely text than section V
        if kind == "roman" and "roman" not in seen_kinds and label not in ("I",) and not _is_upper(rest[:40]):
            continue
        lead = len(s) - len(s.lstrip())
        node = _Node(label, kind, rank, a + lead, b, rest, a + rest_off)
        while stack and stack[-1].rank >= rank:
            stack.pop()
        if stack:
            stack[-1].children.append(node)
        else:
            roots.append(node)
        stack.append(node)
        all_nodes.append(node)
        seen_kinds[kind] = seen_kinds.get(kind, 0) + 1

    # ends: each node runs to the start of the next node of the same or higher rank
    def close(nodes: list[_Node], end: int) -> None:
        for i, n in enumerate(nodes):
            n.end = nodes[i + 1].start if i + 1 < len(nodes) else end
            # trim trailing white space
            while n.end > n.start and text[n.end - 1].isspace():
                n.end -= 1
            close(n.children, n.end)

    close(roots, body_end)
    for n in all_nodes:
        nxt = n.children[0].start if n.children else n.end
        _finish_heading(n, text, max(nxt, n.first_line_end))
    # bullets alone are not an outline
    top = [n for n in roots if n.kind not in ("dash", "plus", "paren")]
    if top:
        # numbered lists before the first top-level heading (the amending laws listed
        # at the head of a consolidated text) are not the outline's top level
        best = min(n.rank for n in top)
        first = next(i for i, n in enumerate(top) if n.rank == best)
        top = top[first:]
    return Outline(
        sections=[_to_section(n) for n in top],
        preamble=preamble,
        enacting=enacting,
        body_start=body_start,
        body_end=body_end,
    )
