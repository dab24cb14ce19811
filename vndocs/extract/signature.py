"""Signature block and recipients (Nơi nhận, Kính gửi).

Signature (DOMAIN.md §1.1 box 7, §1.2 box 7): an optional authority prefix
(``TM.``, ``KT.``, ``TL.``, ``TUQ.``, ``Q.``; Party ``T/M``, ``K/T``, ``T/L``),
position lines in capitals, then the signer's name. Recipients: the items of
``Nơi nhận`` (``- ...;``), also when a web copy flattened them onto one line,
and the ``Kính gửi`` list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vndocs.models import Recipient, Signer, Span
from vndocs.textutil import LOWER, UPPER, is_upper_text, line_start_finditer

AUTHORITY_PREFIXES = "TM|KT|TL|TUQ|Q|T/M|K/T|T/L"
"""Authority prefixes of a signature block (thừa lệnh, ký thay ...), as a regex alternation."""
AUTHORITY_RE = re.compile(r"^(?P<auth>" + AUTHORITY_PREFIXES + r")\s*[.:]?\s+(?P<rest>.*)$")
_AUTH_CANON = {"T/M": "TM", "K/T": "KT", "T/L": "TL"}
# a Vietnamese personal name: 2-5 capitalized syllables
NAME_RE = re.compile(
    "(?<!\\w)(?P<name>[" + UPPER + "][" + LOWER + "]+(?:[ \\t]+[" + UPPER + "][" + LOWER + "]*){1,4})\\s*$"
)
# a position written in title case (vbpl.vn pages: "Chủ tịch Quốc hội") where most
# copies print it in capitals
_POSITION_RE = re.compile(
    r"^(?:Phó\s+)?(?:Chủ\s+tịch|Bộ\s+trưởng|Thứ\s+trưởng|Thủ\s+tướng|Tổng\s+Bí\s+thư|Bí\s+thư|Giám\s+đốc"
    r"|Chánh\s+Văn\s+phòng|Chánh\s+án|Trưởng\s+[Bb]an|Chủ\s+nhiệm|Tổng\s+Kiểm\s+toán|Thống\s+đốc"
    r"|Cục\s+trưởng|Vụ\s+trưởng|Viện\s+trưởng|Tổng\s+cục\s+trưởng)\b"
)
# a rank or degree before the name: "Đại tướng Lương Tam Quang", "PGS.TS. Nguyễn Văn A"
_RANK_RE = re.compile(
    r"^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)|(?:GS|PGS|TS|ThS|BS|KS)\.?(?:\s*(?:TS|ThS|BS)\.?)?)$"
)
# residue of a seal drawn over a position line, glued to its last capital: "PHÓ THỦ TƯỚNGy]"
# (qd_892-QD-TTg_congbao, PDF and text copies)
_STAMP_TAIL_RE = re.compile("(?<=[" + UPPER + "])[a-z\\[\\](){}|]{1,3}$")
_SIGNED_TAIL_RE = re.compile(r"\s*\(\s*(?:đã|Đã|ĐÃ)\s+(?:ký|KÝ)\s*\)\s*$")
_SIGNED_RE = re.compile(r"^\(?\s*(?:đã\s+ký|Đã\s+ký|ĐÃ\s+KÝ|\[?daky\]?|ký\s+tên|Ký\s+tên|\(ký.*\))\s*\)?\.?\s*$")
_NOT_NAME = re.compile(r"^(?:Nơi nhận|Kính gửi|Như trên|Hà Nội|Độc lập|Tự do|Hạnh phúc|Chương|Mục|Điều|Phần|Tiểu mục|Phụ lục)\b")
# "Nơi nhận:" or "Nơi nhận" ending its line, not a sentence "Nơi nhận báo cáo ..." (tt_58)
# both found with line_start_finditer as "^\s*" + these (see there why)
_NOI_NHAN = re.compile(r"(?:Nơi\s+nhận|NƠI\s+NHẬN)(?=[^\S\n]*(?::|$))\s*:?\s*", re.M)
_KINH_GUI = re.compile(r"Kính\s+gửi\s*:?\s*")


_is_upper = is_upper_text

def _lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _split_upper_name(s: str) -> tuple[str, str] | None:
    """``KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Trần Nam`` -> (upper part, name)."""
    m = NAME_RE.search(s)
    if not m:
        return None
    head = s[: m.start("name")].strip()
    name = m.group("name")
    if _NOT_NAME.match(name):
        return None
    return head, name


def _candidates(text: str) -> list[tuple[int, Signer]]:
    lines = _lines(text)
    out: list[tuple[int, Signer]] = []
    for i, (a, _b, s) in enumerate(lines):
        st = s.strip()
        # "Nguyễn Mạnh Kiểm (Đã ký)" (tt_04_2001): the mark after the name says it signed
        signed_tail = _SIGNED_TAIL_RE.search(st) if st.endswith(")") else None
        if signed_tail:
            st = st[: signed_tail.start()]
        # NAME_RE ends with a capitalized word: most lines (ending with punctuation or a
        # lower-case word) are ruled out here, before the pattern's scan of the line
        if not st or len(st) > 160 or not st[-1].isalpha() or not st.rsplit(None, 1)[-1][:1].isupper():
            continue
        split = _split_upper_name(st)
        if split is None:
            continue
        head, name = split
        # "TM. CHÍNH PHỦKT. THỦ TƯỚNGPHÓ THỦ TƯỚNG(Đã ký)Hồ Đức Phớc": a web copy lost the line breaks
        head = _SIGNED_TAIL_RE.sub("", head)
        if _RANK_RE.match(head):
            head = ""
        if head and not _is_upper(head):
            continue
        # gather the position lines above (upper case), skipping blanks and "(Đã ký)"
        pos_lines: list[tuple[int, str]] = []
        if head:
            pos_lines.append((a + s.find(head), head))
        j = i - 1
        blanks = 0
        while j >= 0 and len(pos_lines) < 8:
            pa, pb, ps = lines[j]
            pst = ps.strip()
            if pst[-1:] in "]})|" or pst[-1:].islower():
                pst = _STAMP_TAIL_RE.sub("", pst)
            if not pst or _SIGNED_RE.match(pst):
                blanks += 1
                if blanks > 6:
                    break
                j -= 1
                continue
            if (
                (_is_upper(pst) and len(pst) < 120 or _POSITION_RE.match(pst) and len(pst) < 80)
                and not pst.endswith((";", "."))
                or AUTHORITY_RE.match(pst)
            ):
                pos_lines.insert(0, (pa + (len(ps) - len(ps.lstrip())), pst))
                j -= 1
                continue
            break
        if not pos_lines:
            # a name with no position above, marked as signed on its line or the next
            # ("Lê Quang Đạo" / "(Đã ký)" under the Hiến pháp 1992), is still the signer
            nxt = next((ln[2].strip() for ln in lines[i + 1 : i + 3] if ln[2].strip()), "")
            if signed_tail or _SIGNED_RE.match(nxt):
                name_start = a + s.rfind(name)
                out.append((name_start, Signer(name=name, span=Span(name_start, name_start + len(name)))))
            continue
        block = " ".join(p[1] for p in pos_lines)
        if not _is_upper(block.replace(".", "")) and not AUTHORITY_RE.match(block) and not _POSITION_RE.match(block):
            continue
        authority = on_behalf = None
        position_parts: list[str] = []
        for _, pl in pos_lines:
            # a line may hold several parts: "KT. BỘ TRƯỞNG THỨ TRƯỞNG"
            m = AUTHORITY_RE.match(pl)
            if m:
                auth = _AUTH_CANON.get(m.group("auth"), m.group("auth"))
                if authority is None:
                    authority = auth
                    on_behalf = m.group("rest").strip()
                rest = m.group("rest").strip()
                # "KT. BỘ TRƯỞNG THỨ TRƯỞNG": the deputy's title follows the head's on one line
                dm = re.search(r"\s(?=(?:PHÓ|THỨ\s+TRƯỞNG)\b)", rest)
                if dm and auth == "KT":
                    position_parts = [rest[dm.end():]]
                else:
                    position_parts = [rest] if auth in ("KT", "TL", "TUQ", "Q") else []
                continue
            if authority is not None and not position_parts and on_behalf is not None and pos_lines.index((_, pl)) > 0:
                # continuation of "TM. ỦY BAN NHÂN / DÂN"
                prev = pos_lines[pos_lines.index((_, pl)) - 1][1]
                if AUTHORITY_RE.match(prev) and len(pl.split()) <= 2:
                    on_behalf = f"{on_behalf} {pl}"
                    continue
            position_parts.append(pl)
        position = position_parts[-1] if position_parts else None
        if authority in ("KT", "TL", "TUQ") and on_behalf and position is None:
            position = on_behalf
        if authority == "TM":
            pass
        elif authority is not None:
            on_behalf = None
        name_start = a + s.rfind(name)
        span = Span(pos_lines[0][0], name_start + len(name))
        out.append((name_start, Signer(name=name, position=position, authority=authority, on_behalf_of=on_behalf, span=span)))
    return out


def extract_signer(text: str) -> Signer | None:
    """The signature block nearest the end of the body."""
    cands = _candidates(text)
    if not cands:
        return None
    # the signature follows the body's end mark or sits beside Nơi nhận
    end_marks = [m.end() for m in re.finditer(r"\./\.", text)]
    nn = next(line_start_finditer(_NOI_NHAN, text), None)
    anchor = None
    if end_marks:
        anchor = end_marks[0]
    elif nn:
        anchor = nn[0]
    if anchor is not None:
        after = [c for c in cands if c[0] >= anchor - 2000]
        if after:
            # the first block after the anchor (annexes may follow with their own names)
            after.sort(key=lambda c: abs(c[0] - anchor))
            return after[0][1]
    return cands[-1][1]


def _clean_item(s: str) -> str:
    # (a table's closing pipe left by a web copy: "- Lưu: HC, PLTP. |")
    s = s.strip().strip("|").strip()
    s = re.sub(r"^[-–•+]\s*", "", s)
    s = s.strip().rstrip(";,").strip()
    if s.endswith(".") and not s.endswith("./."):
        s = s[:-1].rstrip()
    return s.rstrip(";,").strip()


def _items(text: str, start: int, end: int, kind: str) -> list[Recipient]:
    """Items of a recipient block between start and end."""
    out: list[Recipient] = []
    seg = text[start:end]
    # split a flattened block "- A; - B; - C." and line-per-item blocks alike
    # ("... của QH; (để báo cáo) - Ban Dân nguyện ...": a note in brackets may end an item)
    pieces = list(re.finditer(r"(?:(?<=^)|(?<=\n)|(?<=[;,.:)]\s)|(?<=[;,.:]))\s*[-–•+]\s+", seg))
    if not pieces:
        # items one per line without dashes: "Kính gửi:\nPhòng giáo dục ...;\nCác trường ....",
        # up to the item that ends with a full stop
        pos = 0
        for line in seg.split("\n"):
            s = line.strip()
            a = start + pos + (len(line) - len(line.lstrip()))
            pos += len(line) + 1
            if not s:
                if out:
                    break
                continue
            if len(s) > 200:
                break
            t = _clean_item(s)
            if t:
                out.append(Recipient(t, kind, Span(a, a + len(s))))
            if s.endswith(".") or kind == "kinh_gui" and not s.endswith((";", ",")):
                break
        return out
    for i, m in enumerate(pieces):
        a = m.end()
        b = pieces[i + 1].start() if i + 1 < len(pieces) else len(seg)
        raw = seg[a:b]
        joined = " ".join(x.strip() for x in raw.split("\n") if x.strip())
        t = _clean_item(joined)
        if t:
            out.append(Recipient(t, kind, Span(start + a, start + a + len(raw.rstrip()))))
    return out


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n(?!\s*[-–•+]\s)")


def _lines_from(text: str, start: int) -> Iterator[tuple[int, int, str]]:
    """``(start, end, line)`` of the lines of ``text[start:]``, offsets relative to ``start``, lazily."""
    pos = start
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        yield pos - start, nl - start, text[pos:nl]
        pos = nl + 1


def _block_end(text: str, start: int) -> int:
    """End of a recipient block: a blank line followed by a non-item line, or a signature."""
    seen_item = False
    blank = False
    for a, _b, s in _lines_from(text, start):
        st = s.strip()
        if not st:
            blank = True
            continue
        is_item = bool(re.match(r"^[-–•+]\s", st))
        if seen_item and not is_item:
            # an upper-case line ending with ";" continues an item ("- Đảng ủy" /
            # "KTNN;"), a position line of the signature does not
            if blank or (_is_upper(st) and not st.endswith((";", ",", "."))) or AUTHORITY_RE.match(st):
                return start + a
            if NAME_RE.fullmatch(st):
                return start + a
        if is_item:
            seen_item = True
        blank = False
    return len(text)


_ANNEX_HEADING = re.compile(r"(?:PHỤ\s+LỤC|Phụ\s+lục|Mẫu\s+số|MẪU\s+SỐ)\b[^\n]{0,40}$", re.M)


def _annex_start(text: str, first_noi_nhan: int | None) -> int | None:
    """Start of the first annex or form heading after the body: after its end mark
    ``./.`` or its first ``Nơi nhận``, whichever comes first (a form in an annex
    has both, nd_308)."""
    marks = [p for p in (text.find("./."), first_noi_nhan) if p is not None and p >= 0]
    if not marks:
        return None
    m = next(line_start_finditer(_ANNEX_HEADING, text, min(marks), blank_lines=False), None)
    return m[0] if m else None


def extract_recipients(text: str) -> list[Recipient]:
    """Nơi nhận items (kind ``noi_nhan``) and Kính gửi items (kind ``kinh_gui``)."""
    out: list[Recipient] = []
    for _, kg_end in line_start_finditer(_KINH_GUI, text, 0, min(len(text), 8000)):
        end = _block_end(text, kg_end)
        # a Kính gửi block ends at the first paragraph of the body
        para = _PARAGRAPH_BREAK.search(text, kg_end, end)
        if para:
            end = para.start()
        # nor does it run into the body's first sentence when a copy drops the blank lines: a line of
        # prose (long, not a "- " item) is no addressee
        nl = text.find("\n", kg_end)
        pos = nl + 1 if nl >= 0 else len(text)
        while pos < end:
            e = text.find("\n", pos)
            e = len(text) if e < 0 else e
            if len(text[pos:e].strip()) > 150 and not re.match(r"\s*[-–•+]\s", text[pos:e]):
                end = pos
                break
            pos = e + 1
        out.extend(_items(text, kg_end, end, "kinh_gui"))
        break
    matches = list(line_start_finditer(_NOI_NHAN, text))
    annex = _annex_start(text, matches[0][0] if matches else None)
    if annex is not None:
        # a "Nơi nhận" inside an annex belongs to a form to fill in (tt_08, qd_28)
        matches = [m for m in matches if m[0] < annex]
    if matches:
        m = matches[-1] if len(matches) > 1 and matches[-1][0] > len(text) // 2 else matches[0]
        end = _block_end(text, m[1])
        out.extend(_items(text, m[1], end, "noi_nhan"))
    elif (line := _unlabelled_recipients(text, annex)) is not None:
        out.extend(_items(text, line[0], line[1], "noi_nhan"))
    return out


_LUU_ITEM_RE = re.compile(r"[-–]\s*Lưu\b")


def _unlabelled_recipients(text: str, annex: int | None) -> tuple[int, int] | None:
    """A Nơi nhận list whose label a web copy lost: one line ``- A; - B; ...; - Lưu: ...``
    (nd_158, nq_1656 on thuvienphapluat), before any annex."""
    for m in _LUU_ITEM_RE.finditer(text, 0, len(text) if annex is None else annex):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        line = text[start:end]
        if line.lstrip()[:1] in ("-", "–") and len(re.findall(r";\s*[-–]\s", line)) >= 2:
            # the other cell of a flattened table row follows a pipe (the signature, nq_1654)
            pipe = line.find("|", m.end() - start)
            return start, end if pipe < 0 else start + pipe
    return None
