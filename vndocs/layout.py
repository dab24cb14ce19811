"""Layout repairs of copies taken from web pages and law portals, before extraction.

A page saved as text, a crawl of a law portal or a document site's preview prints a document in a layout
of its own: the header flattened onto one or a few lines, the page's title repeated before every article,
an article's heading repeated before each clause, the portal's bracketed notes on a provision's history,
the signature block glued to the line before or after it. Each repair here turns spaces into line breaks
or characters into blanks and nothing else, so the text keeps its length and every offset (every span)
stays valid: :func:`vndocs.normalize.normalize` runs :func:`repair_layout` after joining wrapped lines
and needs no offset map for it. A document printed as documents are printed passes unchanged.
"""

from __future__ import annotations

import re

from vndocs.extract.header import (
    _OPEN_END_RE,
    DATE_LINE_RE,
    MOTTO_RE,
    NATIONAL_RE,
    PARTY_RE,
    POSITION_HEADS,
    PREAMBLE_START_RE,
)
from vndocs.extract.signature import _KINH_GUI, _NOT_NAME, AUTHORITY_PREFIXES, NAME_RE
from vndocs.textutil import LOWER, UPPER, is_upper_text
from vndocs.vocab import canonical_type

_is_upper = is_upper_text


def repair_layout(text: str) -> str:
    """All the repairs, in order: notes, crumbs, header lines, signature lines (same length)."""
    return split_squashed_signature(split_squashed_header(blank_breadcrumbs(blank_site_notes(text))))


# --- the portal's notes and crumbs ------------------------------------------------------------------

_FIRST_SENTENCE_RE = re.compile(r"[^\n]{8,300}?[.:](?= \S|[ \t]*$)")
_SECOND_CRUMB_RE = re.compile(r"[^\n.]{6,80}\. (?=\S)")


# a law portal's note on a provision's history, in square brackets: "[Điều này bị bãi bỏ bởi Điểm b Khoản 2
# Điều 9 Thông tư 60/2023/TT-BTC có hiệu lực từ ngày 22/10/2023]", "[Chương này được bổ sung bởi ...]"
_SITE_NOTE_RE = re.compile(
    r"\[[^\[\]\n]{0,80}?\b(?:được|bị|đã\s+được|đã\s+bị)\s+(?:sửa\s+đổi|bổ\s+sung|bãi\s+bỏ|thay\s+thế|đính\s+chính"
    r"|hướng\s+dẫn|hủy\s+bỏ|huỷ\s+bỏ|ngưng|dừng|bị\s+bãi\s+bỏ)[^\[\]\n]{0,500}\]"
)


def blank_site_notes(text: str) -> str:
    """A law portal's bracketed notes on a provision's history, blanked (spaces: the text keeps its
    length). They are the site's, not the document's: they interrupt its sentences ("Sửa đổi ... tại
    [Điều này bị bãi bỏ bởi ...] Điều 5 Thông tư số 229/2016/TT-BTC") and name documents it does not."""
    if "[" not in text:
        return text
    return _SITE_NOTE_RE.sub(lambda m: " " * len(m.group()), text)


def blank_breadcrumbs(text: str) -> str:
    """A page's title repeated before its sections, blanked: "Quyết định 435/QĐ-UBND năm 2020. Điều 1.",
    "Quyết định 435/QĐ-UBND năm 2020. CHƯƠNG TRÌNH HÀNH ĐỘNG. II. NỘI DUNG HOẠT ĐỘNG" (a site's anchors,
    which some crawls of law portals keep in the text).

    The first sentence of the first line, when two more lines or more start with it, is furniture:
    on those lines it becomes spaces and a line break, so "Điều 1." starts its line again. So does a
    second sentence repeated the same way after it ("CHƯƠNG TRÌNH HÀNH ĐỘNG."), except where it first
    stands (the annex's own title). The text keeps its length.
    """
    line = text[: text.find("\n")] if "\n" in text else text
    first = _FIRST_SENTENCE_RE.match(line)
    # the page's title sentence ("Quyết định 435/QĐ-UBND năm 2020.", the first line ending there), or a
    # first line that is a bare title ("Nghị định 08/2023/NĐ-CP" over "Nghị định 08/2023/NĐ-CP. Điều 1.")
    if first:
        crumb = first.group() + " "
    elif 8 <= len(line.strip()) <= 150 and "." not in line:
        crumb = line.strip() + ". "
    else:
        return text
    starts = [m.start() + 1 for m in re.finditer(re.escape("\n" + crumb), text)]
    if len(starts) < 2:
        return text
    chars = list(text)
    rests: list[int] = []
    for s in starts:
        e = s + len(crumb)
        chars[s : e - 1] = " " * (len(crumb) - 1)
        chars[e - 1] = "\n"
        rests.append(e)
    # the crawl repeats an article's heading before each of its clauses: after the first, a crumbed line
    # that says again what an earlier crumbed line said is furniture too
    seen_lines: set[str] = set()
    for e in rests:
        nl = text.find("\n", e)
        nl = len(text) if nl == -1 else nl
        rest = text[e:nl].strip()
        if rest in seen_lines and rest.startswith("Điều "):
            chars[e:nl] = " " * (nl - e)
        seen_lines.add(rest)
    # a second crumb after the first: "CHƯƠNG TRÌNH HÀNH ĐỘNG. " before "II.", "III."
    seconds: dict[str, list[int]] = {}
    for e in rests:
        m = _SECOND_CRUMB_RE.match(text, e)
        if m and m.group().upper() == m.group():
            seconds.setdefault(m.group(), []).append(e)
    for second, at in seconds.items():
        if len(at) < 3:
            continue
        # where it first stands it is a title over its subject: "CHƯƠNG TRÌNH HÀNH ĐỘNG." / "TRIỂN KHAI ..."
        chars[at[0] + len(second) - 1] = "\n"
        for e in at[1:]:
            chars[e : e + len(second) - 1] = " " * (len(second) - 1)
            chars[e + len(second) - 1] = "\n"
    return "".join(chars)


# --- a flattened header ----------------------------------------------------------------------------

_SQUASH_MIN = 150
"""A header line longer than this, holding the national or Party title and a number or a date, is squashed."""
_SQUASH_MARKS = re.compile(r"(?<!\w)(?:Số\s*:?\s*\d|V/[vV]\b|Kính\s+gửi\b|\*(?=\s))")
_RULE_IN_LINE_RE = re.compile(r"(?<=\S)\s+[-_–=]{3,}(?=\s+\S)")
# a page's title sentence, then the issuer's name in capitals over its rule: "... do Bảo hiểm xã hội Việt
# Nam ban hành. BẢO HIỂM XÃ HỘI VIỆT NAM --------"
_CAPS_BEFORE_RULE_RE = re.compile(r"(?<=[.!?])\s+(?=[" + UPPER + r"][" + UPPER + r"\s,&.-]{3,}?\s+[-_–=]{3,})")
_AUTHORITY_IN_LINE_RE = re.compile(r"(?<=\S)\s+(?=" + POSITION_HEADS + r"\s+[" + UPPER + r"])")
# the issuer's name in capitals before its rule, after a page's title sentence if any
_ISSUER_BEFORE_RULE_RE = re.compile(r"(?:^|[.!?]\s+)([" + UPPER + r"][" + UPPER + r"\s,&.-]+)$")
_RULE_AT_END_RE = re.compile(r"\s+[-_–=]{3,}\s*$")


_BODY_OPENER_RE = re.compile(
    r"(?<=[^\s,;])\s+(?=(?:Trong\s+thời\s+gian|Thời\s+gian\s+qua|Vừa\s+qua|Thực\s+hiện|Căn\s+cứ|Theo\s+đề\s+nghị"
    r"|Phúc\s+đáp|Trả\s+lời|Tiếp\s+theo|Triển\s+khai|Nhằm|Để|Hiện\s+nay|Sau\s+khi|Ngày\s+\d{1,2})\b)"
)


def _header_cuts(line: str, issuer_hint: str | None) -> set[int]:
    """Where a header line a web copy flattened breaks into the lines it was printed on."""
    cuts: set[int] = set()
    for rx in (NATIONAL_RE, PARTY_RE, MOTTO_RE):
        for m in rx.finditer(line):
            cuts.update((m.start(), m.end()))
    cuts.update(m.start() for m in _SQUASH_MARKS.finditer(line))
    for m in _KINH_GUI.finditer(line):
        # the letter's first sentence glued to its addressee: "Kính gửi: Đ/c Chủ tịch Ủy ban nhân dân các tỉnh,
        # thành phố trực thuộc Trung ương Trong thời gian qua, ..."
        o = _BODY_OPENER_RE.search(line, m.end())
        if o and len(line[m.end() : o.start()].split()) >= 3:
            cuts.add(o.start())
    cuts.update(m.end() for m in _RULE_IN_LINE_RE.finditer(line))
    cuts.update(m.end() for m in _CAPS_BEFORE_RULE_RE.finditer(line))
    for m in DATE_LINE_RE.finditer(line):
        cuts.update((m.start("place"), m.end()))
        words = line[m.end() :].split(None, 4)
        for n in (3, 2, 1):
            head = " ".join(words[:n])
            if len(words) >= n and _is_upper(head) and canonical_type(head) is not None:
                at = m.end() + line[m.end() :].index(words[0])
                cuts.update((at, at + len(head)))
                # the subject runs on into the enacting authority: "... MẪU THẺ BẢO HIỂM Y TẾ TỔNG GIÁM ĐỐC
                # BẢO HIỂM XÃ HỘI VIỆT NAM", "... TRONG TÌNH HÌNH MỚI” ỦY BAN NHÂN DÂN TỈNH KON TUM"
                rest = line[at + len(head) :]
                for am in _AUTHORITY_IN_LINE_RE.finditer(rest):
                    if not _OPEN_END_RE.search(rest[: am.start()].rstrip()):
                        cuts.add(at + len(head) + am.end())
                        break
                else:
                    if issuer_hint and len(issuer_hint.split()) >= 2 and rest.rstrip().endswith(issuer_hint):
                        cuts.add(at + len(head) + len(rest.rstrip()) - len(issuer_hint))
                break
    return cuts


def _landmarks(line: str) -> int:
    """How many pieces of a header a line holds (a header line as printed holds one)."""
    n = sum(1 for rx in (NATIONAL_RE, PARTY_RE, MOTTO_RE, _RULE_IN_LINE_RE) if rx.search(line))
    if _CAPS_BEFORE_RULE_RE.search(line):
        n += 2  # a page's title sentence, then the issuer over its rule
    d = DATE_LINE_RE.search(line)
    if d:
        n += 2 if len(line[d.end() :].split()) >= 2 else 1  # the date, then the type and the subject
    k = _KINH_GUI.search(line)
    if k and _BODY_OPENER_RE.search(line, k.end()):
        n += 1  # the addressee, then the letter's first sentence
    return n + len(_SQUASH_MARKS.findall(line))


def split_squashed_header(text: str) -> str:
    """A header a web copy flattened onto few lines, broken back into its lines.

    "UBND TỈNH NINH THUẬN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM SỞ GIÁO DỤC VÀ ĐÀO TẠO Độc lập - Tự do -
    Hạnh phúc Số : 2917 /SGDĐT-VP Phan Rang-Tháp Chàm, ngày 05 tháng 11 năm 2010 V/v ... Kính gửi: ...",
    "Hà Nội, ngày 03 tháng 12 năm 2020 QUYẾT ĐỊNH BAN HÀNH MẪU THẺ BẢO HIỂM Y TẾ TỔNG GIÁM ĐỐC BẢO HIỂM XÃ
    HỘI VIỆT NAM": a line of the header zone (before the preamble) that holds two of its landmarks gets a
    line break before and after the national or Party title and the motto, after a rule ("-------"),
    before the number, the place-and-date line, "V/v", "Kính gửi", around the type name after the date
    and before the enacting authority after the subject. Only spaces become line breaks: the text keeps
    its length, every offset stays valid.
    """
    pos = 0
    limit = min(len(text), 4000)
    issuer_hint: str | None = None
    seen = 0
    while pos < limit and seen < 40:
        nl = text.find("\n", pos)
        nl = len(text) if nl == -1 else nl
        line = text[pos:nl]
        if line.strip():
            seen += 1
            if PREAMBLE_START_RE.match(line):
                break
            long_one = len(line) >= _SQUASH_MIN and (NATIONAL_RE.search(line) or PARTY_RE.search(line)) and (
                DATE_LINE_RE.search(line) or _SQUASH_MARKS.search(line)
            )
            rule = _RULE_IN_LINE_RE.search(line) or _RULE_AT_END_RE.search(line)
            if rule and issuer_hint is None:
                # the issuer's name over its rule, after a page's title sentence if any
                head = line[: rule.start()]
                cm = list(_ISSUER_BEFORE_RULE_RE.finditer(head))
                if cm and _is_upper(cm[-1].group(1)):
                    issuer_hint = cm[-1].group(1).strip()
            if long_one or (len(line) >= 30 and _landmarks(line) >= 2):
                chars = list(line)
                for c in _header_cuts(line, issuer_hint):
                    if 0 < c < len(chars) and chars[c - 1] in " \t":
                        chars[c - 1] = "\n"
                    elif 0 < c < len(chars) and chars[c] in " \t":
                        chars[c] = "\n"
                text = text[:pos] + "".join(chars) + text[nl:]
        pos = nl + 1
    return text


# --- a glued signature block -----------------------------------------------------------------------

# a signature block a web copy put at the end of the line before it ("- Lưu: VT, ĐMDN (2b). Trung Anh BỘ
# TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng"): authority and position in capitals, then a name, ending the line
_POSITION_WORDS_RE = re.compile(
    r"TRƯỞNG|CHỦ\s+TỊCH|GIÁM\s+ĐỐC|CHỦ\s+NHIỆM|THỦ\s+TƯỚNG|BÍ\s+THƯ|CHÁNH\s+ÁN|THỐNG\s+ĐỐC|TỔNG\s+KIỂM\s+TOÁN"
)
# "\n" first: the engine then skips to each line break instead of trying every position
_BLOCK_OPENER_RE = re.compile(r"\n[ \t]*(?=(?:(?:" + AUTHORITY_PREFIXES + r")\.|" + POSITION_HEADS + r"\s))")
_AUTH_TOKEN_RE = re.compile(r"^(?:" + AUTHORITY_PREFIXES + r")\.?$")


def _trailing_block_start(line: str) -> int | None:
    """Where a signature block glued to the end of ``line`` starts (a space's index), or None.

    Read backwards, word by word (linear: a line of capitals costs no backtracking): a name of two to
    five capitalized words ends the line, capitals (and "TM.", "KT.") stand before it with a position
    among them, and a word that is not in capitals stands before those.
    """
    m = NAME_RE.search(line)
    if not m or m.start("name") == 0 or _NOT_NAME.match(m.group("name")):
        return None
    words = list(re.finditer(r"\S+", line[: m.start("name")]))
    i = len(words)
    while i > 0:
        w = words[i - 1].group().strip(",.;:")
        letters = any(c.isalpha() for c in w)
        if letters and not (_is_upper(w) or _AUTH_TOKEN_RE.match(words[i - 1].group())):
            break
        i -= 1  # a word in capitals, or a dash between two ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
    if i == len(words) or i == 0:
        return None  # no capitals before the name, or the whole line is the block (a signature line)
    block = line[words[i].start() : m.start("name")]
    if not _POSITION_WORDS_RE.search(block):
        return None
    return words[i].start() - 1 if words[i].start() > 0 and line[words[i].start() - 1] in " \t" else None


def _leading_block_end(line: str) -> int | None:
    """Where a signature block that opens ``line`` ends when the text goes on after it on the same line
    ("KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Lê Thành Long QUY CHẾ TỔ CHỨC ...", the attached regulation's title):
    the index of the space after the name, or None."""
    words = list(re.finditer(r"\S+", line[:400]))
    i = 0
    while i < len(words):
        w = words[i].group().strip(",.;:")
        if w and any(c.isalpha() for c in w) and not (_is_upper(w) or _AUTH_TOKEN_RE.match(words[i].group())):
            break
        i += 1
    if i == 0 or i >= len(words) or not _POSITION_WORDS_RE.search(line[: words[i].start()]):
        return None
    j = i
    while j < len(words) and j - i < 5 and re.fullmatch("[" + UPPER + "][" + LOWER + "]*", words[j].group()):
        j += 1
    if not 2 <= j - i <= 5 or j >= len(words):
        return None
    nxt = words[j].group()
    if not (nxt[:1] == "(" or (_is_upper(nxt) and sum(c.isalpha() for c in nxt) > 1)):
        return None
    return words[j - 1].end() if line[words[j - 1].end() : words[j - 1].end() + 1] in (" ", "\t") else None


def split_squashed_signature(text: str) -> str:
    """The signature block a web copy glued to the end of the line before it (looked for in the last
    4,000 characters), or with the next part glued after it (anywhere), put on a line of its own.

    Only a space becomes a line break: the text keeps its length.
    """
    start = max(0, len(text) - 4000)
    start = text.find("\n", start) + 1 if start else 0
    out = None
    pos = start
    while pos < len(text):
        nl = text.find("\n", pos)
        nl = len(text) if nl == -1 else nl
        line = text[pos:nl]
        if len(line) < 600 and line.rstrip() and _POSITION_WORDS_RE.search(line):
            at = _trailing_block_start(line.rstrip())
            if at is not None:
                if out is None:
                    out = list(text)
                out[pos + at] = "\n"
        pos = nl + 1
    # a block that opens its line with the next part glued after it may stand anywhere (before annexes)
    for m in _BLOCK_OPENER_RE.finditer(text):
        ls = m.start() + 1
        nl = text.find("\n", ls)
        line = text[ls : nl if nl != -1 else len(text)]
        at = _leading_block_end(line)
        if at is not None:
            if out is None:
                out = list(text)
            out[ls + at] = "\n"
    return text if out is None else "".join(out)
