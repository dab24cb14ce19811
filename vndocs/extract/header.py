"""Header fields (thể thức): system, issuer, number, place, date, type, title, marks.

Works on the normalized text laid out by the readers: the header's two
columns come as separate blocks of lines (issuer and number at left, national
or Party title and place-and-date at right), in any order. Every field keeps
its span. Missing parts are normal (DOMAIN.md §1; the reference document has
no number and no date): :func:`complete_header` fills what the body, the
signature and the ``Lưu`` line say.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from vndocs.models import Field, Header, Recipient, Signer, Span
from vndocs.normalize import key, normalize_number
from vndocs.textutil import LOWER, UPPER, is_upper_text
from vndocs.vocab import canonical_type, load, type_by_code

HEADER_WINDOW = 6000
"""The header is looked for in the first characters of the text only."""

# --- title lines (DOMAIN.md §0, §1.1 box 1, §1.2 box 1) ----------------------
NATIONAL_RE = re.compile(
    r"C[ỘO]NG\s+H(?:ÒA|OÀ|ÕA|OA|ÒA)\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM",
    re.I,
)
MOTTO_RE = re.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc", re.I)
PARTY_RE = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM", re.I)

# --- số, ký hiệu (DOMAIN.md §1.3) ---------------------------------------------
# Party shape first: N-TYPE/ISSUER (45-KH/BTGTU, 367 - QĐ/TWĐTN-VP, số31-QĐ/TW)
PARTY_NUMBER = (
    r"(?P<pnum>\d{1,6}\s*-\s*[A-ZĐ][A-Za-zĐđ]{0,6}\s*/\s*[A-ZĐ][A-Za-zĐđƯư0-9&]*(?:\s*-\s*[A-ZĐ][A-Za-zĐđƯư0-9&]*)*)"
)
# State shape: N/TYPE-ISSUER, N/YYYY/TYPE-ISSUER, N/ISSUER-UNIT (công văn),
# also 1206 /QĐ-HVTC (space before the slash) and 351/2017/UBTVQH14
STATE_NUMBER = (
    r"(?P<snum>\d{1,6}\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][A-Za-zĐđ&]*\d{0,2}(?:\s*-\s*[A-ZĐa-zđ0-9&.]*[A-ZĐa-zđ0-9&])*)"
)
# "Số: N" anywhere in a line (a header flattened onto one line)
_NUMBER_AFTER_SO_RE = re.compile(r"(?<!\w)Số\s*:\s*(?:" + PARTY_NUMBER + "|" + STATE_NUMBER + r")")
# a document number anywhere in a line ("QUY ĐỊNH 102-QĐ/TW", a page's title line): no issuer line
_ANY_NUMBER_RE = re.compile(r"\b\d{1,6}\s*(?:-\s*[A-ZĐ]{1,6}\s*/|/\s*(?:\d{4}\s*/\s*)?[A-ZĐ]{1,8}\b)")
NUMBER_LINE_RE = re.compile(
    r"(?:^|(?<=\n))[ \t*]*"
    r"(?:(?:Luật|Pháp\s+lệnh|Lệnh|Nghị\s+quyết|Nghị\s+định|Quyết\s+định|Thông\s+tư(?:\s+liên\s+tịch)?|Chỉ\s+thị)\s+)?"
    r"[Ss]ố\s*(?:hiệu)?\s*:?\s*(?:" + PARTY_NUMBER + "|" + STATE_NUMBER + r")"
)

# --- place and date (DOMAIN.md §1.1 box 4) ----------------------------------
# a place name: capitalized words (Hà Nội, Thành phố Hồ Chí Minh, TP. Hồ Chí Minh)
_PW = "[" + UPPER + "][" + LOWER + "]+"
_PLACE = (
    r"(?<!\w)(?P<place>(?:TP\.?\s*|(?:Thành phố|Thị xã|Tỉnh|Huyện)\s+)?" + _PW
    # a web copy's "Hà nội": one word in lower case after the first
    + r"(?:[ \t]+[" + LOWER + r"]{2,}(?=\s*,))?(?:[ \t]+(?:" + _PW + r"|\d{1,2}))*" + ")"
)
DATE_LINE_RE = re.compile(
    _PLACE + r"\s*,\s*ngày\s+(?P<d>\d(?: ?\d)?)\s*(?:tháng|/|-)\s*(?P<m>\d(?: ?\d)?)\s*(?:năm|/|-)\s*(?P<y>\d{4})",
)
BLANK_DATE_RE = re.compile(_PLACE + r"\s*,\s*ngày\s*[ .…_]*\s*tháng\s*[ .…_]*\s*năm\s*(?P<y>\d{4})?")
ADOPTED_RE = re.compile(
    # "... thông qua ngày 23 tháng 3 năm 2022", "... thông qua trong phiên họp ngày 15 tháng 4 năm 1992"
    r"thông\s+qua\s+(?:trong\s+phiên\s+họp\s+)?ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.I
)

VV_RE = re.compile(r"(?:^|\n|\s)V/[vV]\s*:?\s*(?P<t>[^\n]+)")
RUNNING_HEADER_RE = re.compile(r"^\s*(?:CÔNG\s+BÁO\b.*|\d{1,4}|Ký bởi:.*|Cơ quan:.*|Ngày ký:.*|[-_=*.\s]+)\s*$")

PREAMBLE_START_RE = re.compile(
    r"^\s*-?\s*(?:Căn\s+cứ|Thực\s+hiện|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị|Xét\s|Triển\s+khai|Trên\s+cơ\s+sở|Tiếp\s+tục\s+thực\s+hiện)\b"
)


@lru_cache(maxsize=1)
def _words() -> dict[str, object]:
    return load("header_words")


@lru_cache(maxsize=1)
def _org_heads() -> tuple[str, ...]:
    vals = _words()["org_heads"]["values"]  # type: ignore[index]
    return tuple(sorted((key(v) for v in vals), key=len, reverse=True))


@lru_cache(maxsize=1)
def _localities() -> tuple[str, ...]:
    vals = _words()["localities"]["values"]  # type: ignore[index]
    return tuple(sorted((key(v) for v in vals), key=len, reverse=True))


def _starts_with_word(k: str, words: tuple[str, ...]) -> bool:
    return any(k == w or k.startswith((w + " ", w + ",")) for w in words)


_is_upper = is_upper_text


def iso_date(d: str, m: str, y: str) -> str | None:
    """ISO date from day, month, year strings, or None if impossible."""
    try:
        di, mi, yi = int(d.replace(" ", "")), int(m.replace(" ", "")), int(y)
    except ValueError:
        return None
    if not (1 <= mi <= 12 and 1 <= di <= 31 and 1900 <= yi <= 2100):
        return None
    import calendar

    if di > calendar.monthrange(yi, mi)[1]:
        return None
    return f"{yi:04d}-{mi:02d}-{di:02d}"


# --- lines ----------------------------------------------------------------


class _Line:
    __slots__ = ("start", "end", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text

    @property
    def stripped(self) -> str:
        return self.text.strip()

    def span(self) -> Span:
        lead = len(self.text) - len(self.text.lstrip())
        return Span(self.start + lead, self.start + len(self.text.rstrip()))


def _lines(text: str, limit: int) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    end = min(len(text), limit)
    while pos < end:
        nl = text.find("\n", pos)
        if nl == -1:
            nl = len(text)
        out.append(_Line(pos, nl, text[pos:nl]))
        pos = nl + 1
    return out


def find_type_line(text: str, limit: int = HEADER_WINDOW) -> tuple[int, str, Span] | None:
    """Index, canonical type and span of the type line (``KẾ HOẠCH``) near the top."""
    lines = _lines(text, limit)
    for i, ln in enumerate(lines):
        s = ln.stripped.rstrip(" *")
        if not s or s.endswith(":") or not _is_upper(s):
            continue
        # old style: "QUYẾT ĐỊNH CỦA VIỆN TRƯỞNG VIỆN KSND TỐI CAO", "NGHỊ QUYẾT CỦA HĐND TỈNH LÀO CAI"
        m = re.match(r"^(?P<t>(?:\S+\s+){0,3}\S+)\s+CỦA\s", s) if i < 80 else None
        t = canonical_type(m.group("t")) if m else None
        if m and t is not None:
            sp = ln.span()
            return i, t, Span(sp.start, sp.start + len(m.group("t")))
        if len(s) > 40:
            continue
        t = canonical_type(s)
        if t is not None:
            return i, t, ln.span()
    # "THÔNG BÁO KẾT LUẬN CỦA ..." : the type and the start of the title on one line,
    # after the number or the place-and-date line
    after_header = False
    for i, ln in enumerate(lines[:80]):
        s = ln.stripped.rstrip(" *")
        if re.match(r"^[Ss]ố\b", s) or DATE_LINE_RE.search(s):
            after_header = True
            continue
        if not after_header or not _is_upper(s) or s.endswith(":"):
            continue
        words = s.split()
        for n in (4, 3, 2, 1):
            if len(words) > n + 1:
                t = canonical_type(" ".join(words[:n]))
                if t is not None:
                    sp = ln.span()
                    head_len = len(" ".join(words[:n]))
                    return i, t, Span(sp.start, sp.start + head_len)
    return None


# --- case of names printed in capitals ------------------------------------------------

# heads after which the body's own name starts with a capital (Sở Giáo dục, Ban Tuyên giáo)
_HEAD_CAP = ("văn phòng", "tổng cục", "chi cục", "trung tâm", "bộ", "sở", "ban", "cục", "vụ", "phòng")
_COMMITTEES = ("tỉnh ủy", "huyện ủy", "thành ủy", "thị ủy", "quận ủy", "đảng ủy")
_HEAD_NOCAP = ("ủy ban", "hội đồng", "ban chấp hành", "ban thường vụ")


def org_case(name: str) -> str:
    """A body name printed in capitals in the usual written case.

    ``ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI`` -> ``Ủy ban nhân dân thành phố Hà Nội``;
    ``SỞ GIÁO DỤC VÀ ĐÀO TẠO`` -> ``Sở Giáo dục và Đào tạo``. Names already in
    mixed case are returned unchanged.
    """
    name = " ".join(name.split())
    if not _is_upper(name):
        return name
    words = name.lower().split(" ")
    out: list[str] = []
    cap_next = True
    place = False
    locs = set(_localities())
    i = 0
    while i < len(words):
        w = words[i]
        two = " ".join(words[i : i + 2])
        if key(two) in locs and i + 2 <= len(words):
            out.extend(words[i : i + 2])
            i += 2
            place = True
            continue
        if key(w) in locs and i > 0 and key(two) != "xã hội":
            out.append(w)
            i += 1
            place = True
            continue
        three = " ".join(words[i : i + 3])
        nocap = next((h for h in _HEAD_NOCAP if key(three).startswith(h) and (key(three) + " ").startswith(h + " ")), None)
        if nocap:
            n = len(nocap.split())
            first = words[i]
            out.append(first[:1].upper() + first[1:] if (cap_next or place) else first)
            out.extend(words[i + 1 : i + n])
            cap_next = False
            i += n
            continue
        if cap_next or place or w in ("-",):
            w = w[:1].upper() + w[1:]
            cap_next = False
        out.append(w)
        if key(two) in _COMMITTEES:
            # Tỉnh ủy Thái Nguyên: a place name follows a Party committee
            out.append(words[i + 1])
            i += 2
            place = True
            continue
        if key(two) in _HEAD_CAP[:4] and i + 1 < len(words):
            out.append(words[i + 1])
            i += 2
            cap_next = True
            continue
        if key(w) in _HEAD_CAP:
            cap_next = True
        if w in ("và", "-", "&"):
            cap_next = True
        i += 1
    s = " ".join(out)
    proper = _words()["proper_words"]["values"]  # type: ignore[index]
    for p in proper:
        s = re.sub(r"(?i)(?<!\w)" + re.escape(p.lower()) + r"(?!\w)", p, s)
        alt = p.lower().replace("ủy", "uỷ")
        if alt != p.lower():
            s = re.sub(r"(?i)(?<!\w)" + re.escape(alt) + r"(?!\w)", p.replace("ủy", "uỷ"), s)
    return s[:1].upper() + s[1:]


# --- the issuer block -------------------------------------------------------------------------


def _locality_part(name: str) -> str | None:
    """``thành phố Đà Nẵng`` of ``UBND THÀNH PHỐ ĐÀ NẴNG``."""
    k = key(name)
    best = None
    for loc in _localities():
        # "tỉnh ủy" is a committee, not a locality
        m = re.search(r"(?<!\w)" + re.escape(loc) + r"(?!\w)(?!\s+[ủu][yỷ]\b)", k)
        if m and (best is None or m.start() < best):
            best = m.start()
    if best is None or best == 0:
        return None
    # same character positions: key() only folds case and moves tone marks
    plain = " ".join(name.split())
    return plain[best:] if len(plain) == len(k) else None


def _is_party_parent(name: str) -> bool:
    k = key(name)
    return any(key(w) in k for w in _words()["party_parent_words"]["values"])  # type: ignore[index]


def _is_national(name: str) -> bool:
    k = key(name)
    return any(key(v) in k for v in _words()["national_bodies"]["values"])  # type: ignore[index]


def compose_issuer(units: list[str]) -> tuple[str, str | None]:
    """Issuer and parent from the body names of the left header block, top to bottom."""
    units = [expand_abbreviations(u) if not _is_upper(u) else _expand_upper(u) for u in units]
    if len(units) == 1:
        return org_case(units[0]), None
    parent, issuer = units[-2], units[-1]
    issuer_cased = org_case(issuer)
    parent_cased = org_case(parent)
    has_place = _locality_part(issuer) is not None or bool(
        re.match(r"(?i)^(?:tỉnh|huyện|thành|thị|quận|đảng)\s+[ủu][yỷ]\s+\S", key(issuer))
    )
    committee_end = re.search(r"(?:tỉnh|huyện|thành|thị|quận)\s+[ủu][yỷ]$", key(issuer))
    parent_loc = _locality_part(parent)
    if committee_end and parent_loc:
        # BAN TUYÊN GIÁO TỈNH ỦY under ĐẢNG BỘ TỈNH THÁI NGUYÊN: the committee's place
        place_name = parent_loc.split(None, 2)[-1] if key(parent_loc).startswith("thành phố") else parent_loc.split(None, 1)[-1]
        if _is_upper(place_name):
            place_name = " ".join(w[:1].upper() + w[1:].lower() for w in place_name.split())
        issuer_cased = f"{issuer_cased} {place_name}"
    elif not has_place and not _is_national(issuer):
        if _is_party_parent(parent):
            issuer_cased = f"{issuer_cased} {parent_cased}"
        else:
            loc = _locality_part(parent)
            if loc:
                loc_cased = org_case(loc) if _is_upper(loc) else loc
                issuer_cased = f"{issuer_cased} {loc_cased[:1].lower()}{loc_cased[1:]}"
    return issuer_cased, parent_cased


# bodies that can follow their parent on one flattened line ("BỘ TÀI CHÍNH TỔNG CỤC THUẾ")
_INNER_HEAD_RE = re.compile(
    r"(?<=\S)\s+(?=(?:SỞ|TỔNG CỤC|CHI CỤC|VĂN PHÒNG|TRUNG TÂM|HUYỆN [ỦU][YỶ]|THÀNH [ỦU][YỶ]|ĐẢNG [ỦU][YỶ]|THỊ [ỦU][YỶ])\s)"
    r"|(?<!ỦY)(?<!UỶ)(?<!TỔNG)(?<!CHI)\s+(?=(?:BAN|CỤC)\s)"
    r"|(?<!VĂN)\s+(?=PHÒNG\s)"
)


def split_flattened(line: str) -> list[str]:
    """Split a header cell that a web copy put on one line into its bodies."""
    parts = [p.strip() for p in _INNER_HEAD_RE.split(line) if p.strip()]
    if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
        return parts
    return [line]


# a head that names no body yet: the next line completes it ("ỦY BAN THƯỜNG VỤ" / "QUỐC HỘI")
_BARE_HEADS = frozenset(key(h) for h in ("ỦY BAN THƯỜNG VỤ", "BAN THƯỜNG VỤ", "BAN CHẤP HÀNH", "ỦY BAN", "HỘI ĐỒNG"))


def _issuer_units(lines: list[_Line]) -> tuple[list[str], Span | None]:
    """Body names from upper-case header lines (continuation lines merged)."""
    units: list[str] = []
    start = end = None
    heads = _org_heads()
    locs = _localities()
    for ln in lines:
        s = ln.stripped.strip("* ")
        s = re.sub(r"\s*[-_=]{3,}\s*$", "", s)
        if not s:
            continue
        k = key(s)
        if units and not _starts_with_word(k, heads) or (units and _starts_with_word(k, locs)) or (
            units and (key(units[-1]).endswith((" và", "-")) or key(units[-1]) in _BARE_HEADS)
        ):
            units[-1] = f"{units[-1]} {s}"
        else:
            units.extend(split_flattened(s))
        sp = ln.span()
        start = sp.start if start is None else start
        end = sp.end
    return units, (Span(start, end) if start is not None and end is not None else None)


def _skip_header_line(s: str) -> bool:
    return bool(RUNNING_HEADER_RE.match(s)) or s in ("*", "**")


# --- extraction --------------------------------------------------------------------------------


def _type_from_number(number: str, system: str | None) -> str | None:
    n = normalize_number(number)
    if "/" not in n:
        return None
    codes = type_by_code()
    if re.match(r"^\d+-", n):  # Party: N-TYPE/ISSUER
        code = n.split("-", 1)[1].split("/", 1)[0]
        names = codes.get(code)
        if not names:
            return None
        if code == "TT":
            return "Thông tri"
        return names[0]
    parts = n.split("/")
    sym = parts[-1]
    first = sym.split("-", 1)[0]
    if re.fullmatch(r"QH\d*", first) or re.fullmatch(r"UBTVQH\d*", first):
        return None  # Luật, Nghị quyết or Pháp lệnh: the type line decides
    names = codes.get(first)
    if not names:
        return "Công văn" if len(parts) == 2 and "-" in sym else None
    if first == "TT":
        return "Thông tư"
    return names[0]


def extract_header(text: str) -> Header:
    """Header fields of a document (see module docstring)."""
    window = text[:HEADER_WINDOW]
    lines = _lines(text, HEADER_WINDOW)
    type_found = find_type_line(text)
    type_idx = type_found[0] if type_found else None

    # the header zone ends at the type line, else at the first body paragraph
    zone_end_idx = type_idx if type_idx is not None else len(lines)
    if type_idx is None:
        # a page's title sentence above the header is no body paragraph: the body starts after the
        # national or Party title
        first = next((i for i, ln in enumerate(lines[:40]) if NATIONAL_RE.search(ln.text) or PARTY_RE.search(ln.text)), 0)
        for i, ln in enumerate(lines):
            if i < first:
                continue
            s = ln.stripped
            if s.startswith("Kính gửi") or (
                len(s) > 90 and not _is_upper(s) and not DATE_LINE_RE.search(s) and not VV_RE.search(" " + s)
            ):
                zone_end_idx = i
                break
    zone = lines[:zone_end_idx]
    zone_end = zone[-1].end if zone else 0

    # system
    system = None
    national = NATIONAL_RE.search(window[: max(zone_end, 1) + 200])
    party = PARTY_RE.search(window[: max(zone_end, 1) + 200])
    national_field = None
    if party and (not national or party.start() < national.start()):
        system = "party"
        national_field = Field("ĐẢNG CỘNG SẢN VIỆT NAM", Span(party.start(), party.end()))
    elif national:
        system = "state"
        national_field = Field("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Span(national.start(), national.end()))

    # number
    number = None
    search_end = zone_end if type_idx is not None else min(len(window), zone_end + 400)
    found = list(NUMBER_LINE_RE.finditer(window, 0, max(search_end, 1)))
    # the "Số:" line of the header over "Nghị định số ..." (a web page's title line
    # repeats the number; a Pháp lệnh prints "Pháp lệnh số:" as its number line)
    m = next((f for f in found if f.group().lstrip(" \t*")[:2] in ("Số", "số")), found[0] if found else None)
    if m is None:
        # a header flattened onto one line by a web copy: "... SỞ GIÁO DỤC VÀ ĐÀO TẠO ... Số : 2917 /SGDĐT-VP ..."
        m = _NUMBER_AFTER_SO_RE.search(window, 0, max(search_end, 1))
    if m:
        g = "pnum" if m.group("pnum") else "snum"
        raw = m.group(g)
        number = Field(normalize_number(raw), Span(m.start(g), m.end(g)))
        if system is None:
            system = "party" if g == "pnum" else "state"

    # place and date
    place = date = None
    m = DATE_LINE_RE.search(window, 0, min(len(window), (zone_end or 0) + 600))
    if m:
        iso = iso_date(m.group("d"), m.group("m"), m.group("y"))
        pl = m.group("place").strip()
        pl = re.sub(r"^(?:Độc lập - Tự do - Hạnh phúc|Hạnh phúc)\s*", "", pl)
        place = Field(pl, Span(m.start("place"), m.end("place")))
        if iso:
            date = Field(iso, Span(m.start("d"), m.end("y")))
    else:
        mb = BLANK_DATE_RE.search(window, 0, min(len(window), (zone_end or 0) + 600))
        if mb:
            place = Field(mb.group("place").strip(), Span(mb.start("place"), mb.end("place")))

    # marks
    urgency = confidentiality = None
    for ln in zone:
        k = key(ln.stripped.strip("* "))
        for v in _words()["urgency"]["values"]:  # type: ignore[index]
            if k == key(v):
                urgency = Field(v, ln.span())
        for v in _words()["confidentiality"]["values"]:  # type: ignore[index]
            if k == key(v):
                confidentiality = Field(v, ln.span())

    # issuer: upper-case lines of the zone that are none of the above
    issuer_lines: list[_Line] = []
    skip_spans = [f.span for f in (number, place, date, urgency, confidentiality) if f and f.span]
    title_spans = [
        Span(m.start(), m.end())
        for rx in (NATIONAL_RE, MOTTO_RE, PARTY_RE)
        for m in rx.finditer(window, 0, min(len(window), zone_end + 300))
    ]
    for ln in zone:
        s = ln.stripped
        if not s or _skip_header_line(s):
            if issuer_lines and not s:
                # a blank line may separate ỦY BAN NHÂN DÂN / TỈNH QUẢNG TRỊ
                continue
            continue
        m_title = NATIONAL_RE.search(s) or MOTTO_RE.search(s) or PARTY_RE.search(s)
        if m_title:
            # a web copy puts both columns on one line: "ỦY BAN NHÂN DÂN   CỘNG HÒA XÃ HỘI ..."
            left = s[: m_title.start()].rstrip(" |\t")
            if not left or not _is_upper(left) or key(left).endswith(" nước"):
                # "QUỐC HỘI NƯỚC CỘNG HÒA ..." is the enacting line, not two columns
                continue
            lead = len(ln.text) - len(ln.text.lstrip())
            ln = _Line(ln.start + lead, ln.start + lead + len(left), left)
            s = left
        if ":" in s or _ANY_NUMBER_RE.search(s):
            # site furniture ("VIEWS: 10 PAGES: 1") and a page's title line ("QUY ĐỊNH 102-QĐ/TW") are no body
            continue
        if re.match(r"^(?:CỘNG|CHỦ NGHĨA|ĐẢNG CỘNG|VIỆT NAM)\b", s) and not issuer_lines:
            continue
        if re.match(r"^(?:CHỦ NGHĨA VIỆT NAM|VIỆT NAM|SẢN VIỆT NAM)$", s):
            continue
        if any(sp.start < ln.end and ln.start < sp.end for sp in skip_spans):
            # also the second line of a number broken after a hyphen ("Số: 01/2022/TTLT-VKSNDTC-" /
            # "TANDTC-BCA-BQP-BLĐTBXH", ttlt_01 text)
            continue
        if any(sp.start < ln.end and ln.start < sp.end for sp in title_spans):
            continue
        if re.match(r"^[Ss]ố\b", s) or s.startswith("V/") or re.search(r",\s*ngày\b", s):
            continue
        if not _is_upper(s):
            continue
        if key(s) in (key(v) for v in _words()["urgency"]["values"]) or key(s) in (  # type: ignore[index]
            key(v) for v in _words()["confidentiality"]["values"]  # type: ignore[index]
        ):
            continue
        issuer_lines.append(ln)
    if type_idx is None and number is not None and date is not None and number.span and date.span:
        # no type line found (a damaged one: "K ÉT LUẬN"): the header ends with the number and the date;
        # capitals after both are the title's, not the issuer's
        fields_end = max(number.span.end, date.span.end)
        if any(ln.start < fields_end for ln in issuer_lines):
            issuer_lines = [ln for ln in issuer_lines if ln.start < fields_end]
    units, issuer_span = _issuer_units(issuer_lines)
    issuer = parent = None
    units = [u for u in units if u[:1].isalpha() and len(re.sub(r"[^\w]", "", u)) >= 2]
    if units:
        iss, par = compose_issuer(units)
        if iss.strip():
            issuer = Field(iss, issuer_span)
            parent = Field(par, None) if par else None

    # type
    doc_type = None
    if type_found:
        doc_type = Field(type_found[1], type_found[2])
    elif number:
        t = _type_from_number(number.value, system)
        if t:
            doc_type = Field(t, None)
    if doc_type is None and VV_RE.search(window[: max(zone_end, 1) + 200]):
        doc_type = Field("Công văn", None)
    if doc_type is None and number is None and re.search(r"(?m)^\s*Kính\s+gửi\b", window[:1500]):
        # a letter without header block: Kính gửi opens it
        doc_type = Field("Công văn", None)
    if doc_type and doc_type.value == "Quyết định" and system == "party" and number and "QĐi" in number.value:
        doc_type = Field("Quy định", doc_type.span)
    if number and re.search(r"/VBHN-", number.value):
        # a consolidated text prints the type of the text it consolidates (THÔNG TƯ ...)
        # under its own number NN/VBHN-XXX: the document is a Văn bản hợp nhất
        doc_type = Field("Văn bản hợp nhất", None)

    # title
    title = None
    # the issuer's lines as printed, whole: the authority line over the preamble may repeat them
    issuer_keys = (key(" ".join(" ".join(ln.stripped.strip("* ").split()) for ln in issuer_lines)),) if issuer_lines else ()
    if type_found is not None and type_idx is not None:
        ln = lines[type_idx]
        if type_found[2].end < ln.span().end:
            # the title starts on the type line itself
            rest_start = type_found[2].end
            while rest_start < ln.end and text[rest_start] == " ":
                rest_start += 1
            lines[type_idx] = _Line(rest_start, ln.end, text[rest_start : ln.end])
            title = _title_after_type(lines, type_idx - 1, issuer_keys)
        else:
            title = _title_after_type(lines, type_idx, issuer_keys)
    if title is None:
        mv = VV_RE.search(window, 0, min(len(window), max(zone_end, 1) + 300))
        if mv:
            # the limit is on where the line starts, not where the subject ends (cv_5115)
            mv = VV_RE.match(window, mv.start()) or mv
            t = mv.group("t")
            # stop where the right column begins on the same flattened line
            t = re.split(r"\s+(?=CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN)", t)[0].strip().rstrip(".;")
            title = Field(" ".join(t.split()), Span(mv.start("t"), mv.start("t") + len(t)))
    if title is None and system == "party" and number is not None:
        title = _party_cv_title(text, number.span)  # type: ignore[arg-type]
    if title is None and number is not None and doc_type is not None and doc_type.value == "Công văn":
        title = _state_cv_title(text, number.span)  # type: ignore[arg-type]

    return Header(
        system=system,
        type=doc_type,
        number=number,
        issuer=issuer,
        parent=parent,
        place=place,
        date=date,
        title=title,
        urgency=urgency,
        confidentiality=confidentiality,
        national_title=national_field,
    )


_OLD_STYLE_ID_RE = re.compile(
    r"^(?:CỦA|của)\s.{3,120}?\s(?:SỐ|số)\s+\S+(?:\s+(?:NGÀY|ngày)\s+\d{1,2}\s*(?:THÁNG|tháng|/)\s*\d{1,2}\s*(?:NĂM|năm|/)\s*\d{4})?\s*"
)
_ENACT_RE = re.compile(r"^(?:QUYẾT ĐỊNH|QUYẾT NGHỊ|NGHỊ QUYẾT)\s*:")


POSITION_HEADS = (
    r"(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|CHÁNH\s+ÁN|VIỆN\s+TRƯỞNG|TỔNG\s+GIÁM\s+ĐỐC|GIÁM\s+ĐỐC"
    r"|TỔNG\s+CỤC\s+TRƯỞNG|CỤC\s+TRƯỞNG|TRƯỞNG\s+BAN|CHÁNH\s+VĂN\s+PHÒNG|TỔNG\s+KIỂM\s+TOÁN|THỐNG\s+ĐỐC"
    r"|CHỦ\s+NHIỆM|VỤ\s+TRƯỞNG)"
)
"""The head of a body printed in capitals before its name, as a regex: "PHÓ CHỦ TỊCH", "BỘ TRƯỞNG"."""
# the enacting authority printed over the preamble: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "BỘ TRƯỞNG BỘ TÀI CHÍNH"
_AUTHORITY_HEAD_RE = re.compile(r"^" + POSITION_HEADS + r"\s+\S")
# a subject line that wraps on: it ends with a word that needs what follows
_OPEN_END_RE = re.compile(r"(?:\b(?:của|và|với|cho|tại|về|trong|giữa|đối|thuộc|theo|đến|từ)|[,&(-])$", re.I)
# a section marker opens the body: "I.", "1.", "I-", "1-", "A.", "A -", "Điều 1", "Chương I", "Phần"
_BODY_MARKER_RE = re.compile(
    r"^(?:[IVX]+\.|\d+\.|[IVX]+\s*[-–]\s*\S|\d{1,2}\s*[-–]\s+[" + UPPER + r"]|[A-H]\s*[.–-]\s*[" + UPPER + r"]"
    r"|Điều\s+\d|Chương\s+[IVX\d]|Phần\s)"
)


def _is_authority_line(s: str, issuer_keys: tuple[str, ...]) -> bool:
    """The enacting authority line over the preamble (a title in capitals runs into it in web copies)."""
    if not _is_upper(s) or len(s.split()) < 2:
        return False
    if _AUTHORITY_HEAD_RE.match(s):
        return True
    k = key(s)
    # the issuer's name, whole ("HỘI ĐỒNG NHÂN DÂN TỈNH YÊN BÁI KHÓA XVIII, KỲ HỌP THỨ 13") or its head
    # ("UỶ BAN NHÂN DÂN TỈNH" over a header "ỦY BAN NHÂN DÂN / TỈNH TUYÊN QUANG"; "CHÍNH PHỦ")
    return any(len(ik.split()) >= 2 and (k.startswith(ik) or ik.startswith(k + " ")) for ik in issuer_keys)


def _is_body_sentence(s: str) -> bool:
    """A sentence of the body in sentence case: a capital, then lower-case words, 8 words or more."""
    words = s.split()
    if len(words) < 8 or _is_upper(s) or not s[:1].isupper():
        return False
    lower = sum(1 for w in words[1:] if w[:1].islower())
    return lower >= len(words) // 2


# headings that open a body without a section marker (a constitution's preface, a report's opening)
_OPENING_HEADING_RE = re.compile(r"^(?:LỜI\s+NÓI\s+ĐẦU|LỜI\s+MỞ\s+ĐẦU|PHẦN\s+MỞ\s+ĐẦU|MỞ\s+ĐẦU|ĐẶT\s+VẤN\s+ĐỀ)\s*$", re.I)


def _title_goes_on(parts: list[_Line], nxt: str, issuer_keys: tuple[str, ...]) -> bool:
    """Whether the line after a blank line still belongs to the subject: a copy that prints each line
    of the subject as a paragraph (a Word document typed with Enter at each line, a web page with a
    blank line after every line). It does when the subject so far ends with a word that needs what
    follows ("... CỦA", "... VÀ", ","), or when the next line starts in lower case."""
    if not nxt or len(parts) >= 8:
        return False
    if PREAMBLE_START_RE.match(nxt) or _ENACT_RE.match(nxt) or _BODY_MARKER_RE.match(nxt) or NATIONAL_RE.search(nxt):
        return False
    if _is_authority_line(nxt, issuer_keys) or nxt.endswith(":") or canonical_type(nxt.rstrip(" *")) is not None:
        return False
    if _OPENING_HEADING_RE.match(nxt):
        return False
    last = parts[-1].stripped
    if _OPEN_END_RE.search(last):
        return True
    if nxt[:1].islower():
        return not _is_body_sentence(nxt)
    # a subject in capitals printed a line a paragraph: capitals go on, up to the authority line
    return all(_is_upper(p.stripped) for p in parts) and _is_upper(nxt) and len(nxt) < 160 and not nxt.startswith("(")


def _open_quote(text: str) -> bool:
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def _title_after_type(lines: list[_Line], type_idx: int, issuer_keys: tuple[str, ...] = ()) -> Field | None:
    """The trích yếu: the paragraph after the type line, up to a blank line.

    Web copies print the subject with no blank line after it: a subject in capitals also ends at the
    enacting authority's line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", the issuer's own name) and at the first
    sentence of the body in sentence case; any subject ends at a section marker ("I-", "1.", "Điều 1").
    """
    parts: list[_Line] = []
    i = type_idx + 1
    while i < len(lines) and not lines[i].stripped:
        i += 1
    while i < len(lines):
        s = lines[i].stripped
        if not s or _skip_header_line(s) and not parts:
            if parts:
                nxt = next((ln.stripped for ln in lines[i + 1 : i + 4] if ln.stripped), "")
                if not s and (
                    _open_quote(" ".join(p.stripped for p in parts))
                    # "... CỦA HĐND TỈNH THỪA THIÊN HUẾ" / "(NAY LÀ THÀNH PHỐ HUẾ)" after a blank line
                    or (nxt.startswith("(") and nxt.endswith(")") and _is_upper(nxt) and _is_upper(parts[-1].stripped))
                    or _title_goes_on(parts, nxt, issuer_keys)
                ):
                    # a quotation left open goes on past the blank line: 'BAN HÀNH "QUY CHẾ ...' / 'CỦA NGÀNH KSND"'
                    i += 1
                    continue
                break
            i += 1
            continue
        # the national title line ends the subject; the country's name inside a subject does not
        # ("... giữa Chính phủ nước Cộng hòa Xã hội Chủ nghĩa Việt Nam và ...", vbhn_49-VBHN-BCT)
        if PREAMBLE_START_RE.match(s) or _ENACT_RE.match(s) or (NATIONAL_RE.search(s) and (_is_upper(s) or MOTTO_RE.search(s))):
            break
        if not parts and re.match(r"^(?:CỦA|của)\s", s) and not _OLD_STYLE_ID_RE.match(s):
            # "NGHỊ QUYẾT CỦA HĐND TỈNH LÀO CAI" / "Về ...": the author, then the subject
            cut = re.search(r"\s(?=(?:VỀ|Về)\s)", s)
            if cut is None:
                i += 1
                continue
            ln = lines[i]
            lead = len(ln.text) - len(ln.text.lstrip())
            lines[i] = _Line(ln.start + lead + cut.end(), ln.end, ln.text.lstrip()[cut.end() :])
            s = lines[i].stripped
        if not parts and _OLD_STYLE_ID_RE.match(s):
            # old style: "CỦA BỘ XÂY DỰNG SỐ 04/2001/TT-BXD NGÀY 20 THÁNG 8 NĂM 2001 HƯỚNG DẪN ..."
            # names the document before its subject
            cut = _OLD_STYLE_ID_RE.match(s).end()  # type: ignore[union-attr]
            if not s[cut:].strip():
                i += 1
                continue
            ln = lines[i]
            lead = len(ln.text) - len(ln.text.lstrip())
            lines[i] = _Line(ln.start + lead + cut, ln.end, ln.text.lstrip()[cut:])
            s = lines[i].stripped
        if parts and _BODY_MARKER_RE.match(s):
            break
        if parts and all(_is_upper(p.stripped) for p in parts) and not _OPEN_END_RE.search(parts[-1].stripped) and (
            _is_authority_line(s, issuer_keys) or _is_body_sentence(s) or s.endswith(":")
        ):
            break
        if parts and _is_upper(s) and len(s.split()) >= 2 and any(p.stripped != p.stripped.upper() for p in parts) and (
            not re.search(r"(?:\b(?:của|và|với|cho|tại)|[,-])$", parts[-1].stripped)
        ):
            # the authority line over the preamble ends a subject written in lower case: "... bởi Thông
            # tư số 69/2023/TT-BTC" / "BỘ TRƯỞNG BỘ TÀI CHÍNH" / "Căn cứ ..." (qd_372 text, no blank line)
            break
        parts.append(lines[i])
        # a long subject wraps over many lines in web copies (tt_54: eight); a blank
        # line or the preamble ends it before this
        if len(parts) >= 12:
            break
        i += 1
    if not parts:
        return None
    value = " ".join(" ".join(p.stripped.split()) for p in parts)
    value = re.sub(r"\s*[-_]{3,}\s*$", "", value).strip()
    value = value.strip("* ")
    if not value:
        return None
    return Field(value, Span(parts[0].span().start, parts[-1].span().end))


def _party_cv_title(text: str, number_span: Span) -> Field | None:
    """A Party công văn prints its subject under the number, without V/v."""
    nl = text.find("\n", number_span.end)
    if nl == -1:
        return None
    m = re.match(r"\n\s*(?P<t>[Vv]ề\s[^\n]+|[" + LOWER + r"][^\n]+)", text[nl : nl + 400])
    if not m:
        return None
    t = m.group("t").strip()
    return Field(t, Span(nl + m.start("t"), nl + m.start("t") + len(t)))


def _state_cv_title(text: str, number_span: Span) -> Field | None:
    """A công văn printing its subject under the number without "V/v" (159/TANDTC-PC)."""
    nl = text.find("\n", number_span.end)
    if nl == -1 or text[number_span.end : nl].strip():
        return None
    m = re.match(r"\n[ \t]*(?P<t>[^\n]{15,300})", text[nl : nl + 400])
    if not m:
        return None
    t = m.group("t").strip()
    if (
        _is_upper(t)
        or DATE_LINE_RE.search(t)
        or NATIONAL_RE.search(t)
        or MOTTO_RE.search(t)
        or PARTY_RE.search(t)
        or re.match(r"^(?:Kính\s+gửi|[Ss]ố\b|V/)", t)
        or t.endswith((":", ";"))
    ):
        return None
    t = t.rstrip(".")
    return Field(t, Span(nl + m.start("t"), nl + m.start("t") + len(t)))


def expand_abbreviations(name: str) -> str:
    """``UBND Thành phố`` -> ``Ủy ban nhân dân Thành phố`` (the header table of abbreviations)."""
    table = _words()["abbreviations"]["values"]  # type: ignore[index]
    for short, full in table.items():
        name = re.sub(r"(?<!\w)" + re.escape(short) + r"(?!\w)", full, name)
    return name


def _expand_upper(name: str) -> str:
    """``UBND TỈNH X`` -> ``ỦY BAN NHÂN DÂN TỈNH X`` (kept in capitals for org_case)."""
    table = _words()["abbreviations"]["values"]  # type: ignore[index]
    for short, full in table.items():
        if short == "TW":
            continue
        name = re.sub(r"(?<!\w)" + re.escape(short) + r"(?!\w)", full.upper(), name)
    return name


# --- fallbacks from the body -------------------------------------------------------------

_LUU_RE = re.compile(r"^Lưu\s*:?\s*(?P<body>.+)$")
_BODY_ISSUER_RE = re.compile(
    r"(?:^|[.;,:]\s+|\n)(?P<who>(?:Ban|Ủy ban|Uỷ ban|UBND|Sở|Văn phòng|Thủ tướng|Bộ|Huyện ủy|Huyện uỷ|Tỉnh ủy|Tỉnh uỷ"
    r"|Thành ủy|Thành uỷ|Đảng ủy|Đảng uỷ|Chi bộ|Cục|Chính phủ)"
    r"[^.;:\n]{0,60}?)\s+(?:xây dựng|ban hành|yêu cầu|chỉ thị|quyết định|đề nghị|thông báo)\b"
)


# a law or a constitution names its maker in the adoption line:
# "Bản Hiến pháp này đã được Quốc hội ... khoá VIII, kỳ họp thứ 11 nhất trí thông qua ..."
_ADOPTED_BY_RE = re.compile(
    r"được\s+(?P<who>Quốc\s+hội|Ủy\s+ban\s+[Tt]hường\s+vụ\s+Quốc\s+hội|Uỷ\s+ban\s+[Tt]hường\s+vụ\s+Quốc\s+hội)"
    r"[^.;]{0,200}?thông\s+qua"
)
_ANNEX_CAPTION_RE = re.compile(
    r"\(\s*(?:Ban\s+hành\s+)?[Kk]èm\s+theo\s+(?P<type>[A-ZĐ][a-zà-ỹđ]+(?:\s+[a-zà-ỹđ]+)?)\s+số\s*:?\s*"
    r"(?:" + PARTY_NUMBER + "|" + STATE_NUMBER + r")\s+ngày\s+(?P<d>\d{1,2})\s*(?:tháng|/|-)\s*(?P<m>\d{1,2})\s*(?:năm|/|-)\s*(?P<y>\d{4})"
)


def _annex_caption_number(text: str, doc_type: str | None) -> dict[str, Field]:
    """Number and date of the document from its annexes' captions, when every caption
    that names a document of its type names the same one."""
    found = {}
    for m in _ANNEX_CAPTION_RE.finditer(text):
        typ = canonical_type(m.group("type"))
        if typ is None or (doc_type is not None and typ != doc_type):
            continue
        g = "pnum" if m.group("pnum") else "snum"
        found.setdefault(normalize_number(m.group(g)), (m, g))
    if len(found) != 1:
        return {}
    number, (m, g) = next(iter(found.items()))
    out = {"number": Field(number, Span(m.start(g), m.end(g)))}
    iso = iso_date(m.group("d"), m.group("m"), m.group("y"))
    if iso:
        out["date"] = Field(iso, Span(m.start("d"), m.end("y")))
    return out


_CONSOLIDATION_RE = re.compile(r"XÁC\s+THỰC\s+VĂN\s+BẢN\s+HỢP\s+NHẤT")


def _consolidation_block(text: str) -> dict[str, Field]:
    """Number, date, issuer and type from the authentication block of a consolidated
    text (``XÁC THỰC VĂN BẢN HỢP NHẤT``), when it has one with a VBHN number."""
    m = _CONSOLIDATION_RE.search(text)
    if m is None:
        return {}
    a, b = max(0, m.start() - 300), min(len(text), m.end() + 300)
    num = next((n for n in NUMBER_LINE_RE.finditer(text, a, b) if n.group("snum") and "VBHN" in n.group("snum")), None)
    if num is None:
        return {}
    out = {
        "number": Field(normalize_number(num.group("snum")), Span(num.start("snum"), num.end("snum"))),
        "type": Field("Văn bản hợp nhất", Span(m.start(), m.end())),
    }
    dm = DATE_LINE_RE.search(text, num.end(), b)
    if dm:
        iso = iso_date(dm.group("d"), dm.group("m"), dm.group("y"))
        if iso:
            out["date"] = Field(iso, Span(dm.start("d"), dm.end("y")))
    # the issuing body: the upper-case line(s) right above the number line
    line_start = text.rfind("\n", 0, num.start()) + 1
    above = text[a:line_start].rstrip().rsplit("\n", 2)[1:]
    names = [x.strip() for x in above if _is_upper(x.strip()) and not _CONSOLIDATION_RE.search(x)]
    if names:
        name = names[-1]
        start = text.rfind(name, a, line_start)
        out["issuer"] = Field(org_case(name), Span(start, start + len(name)) if start >= 0 else None)
    return out


# the opening of a consolidated text: "Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 ngày 22
# tháng 6 năm 2015 của Quốc hội, có hiệu lực kể từ ngày 01 tháng 7 năm 2016, được sửa đổi, bổ sung bởi:"
# (vbhn_23-VBHN-VPQH_congbao_1093-1094.pdf, its first pages only: no authentication block)
_CONSOLIDATION_INTRO_RE = re.compile(
    r"^(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|Nghị định|Thông tư(?: liên tịch)?|Quyết định)\b[^\n]{0,300}?"
    r"\bsố\s+(?P<base>\d+/\d{4}/[\wĐđ-]+)[^\n]{0,300}?có hiệu lực[^\n]{0,160}?(?:đã\s+)?được\s+sửa\s+đổi,?\s*"
    r"(?:bổ\s+sung\s+)?(?:bởi|theo)\s*:",
    re.M,
)


def _consolidation_intro(text: str) -> dict[str, Field]:
    """Type (and for a law, the issuer) of a consolidated text known by its opening paragraph."""
    m = _CONSOLIDATION_INTRO_RE.search(text, 0, min(len(text), 3000))
    if m is None:
        return {}
    out = {"type": Field("Văn bản hợp nhất", Span(m.start(), m.end()))}
    if re.search(r"/(?:UBTV)?QH\d*$", m.group("base")):
        out["issuer"] = Field("Văn phòng Quốc hội", None)  # the National Assembly's office consolidates its laws
    return out


def complete_header(
    header: Header, text: str, signer: Signer | None, recipients: list[Recipient]
) -> Header:
    """Fill missing fields from the body, the signature and the ``Lưu`` line.

    The issuer of a document without a header block is said in its body
    (``Ban Tuyên giáo Huyện uỷ xây dựng kế hoạch``), in its ``Lưu ...`` line
    (Party style names the keeping office), or by the signer's body
    (``TM. ỦY BAN NHÂN DÂN``, ``THỦ TƯỚNG``). A document without a date of
    issue (a law, a resolution adopted at a session) takes its adoption date.
    """
    changes: dict[str, object] = {}
    vbhn = _consolidation_block(text) if header.number is None else None
    if not vbhn and header.number is None:
        vbhn = _consolidation_intro(text)
    if vbhn:
        # a consolidated text signs at its end: "BỘ CÔNG THƯƠNG / Số: 49/VBHN-BCT /
        # XÁC THỰC VĂN BẢN HỢP NHẤT / Hà Nội, ngày ..." (vbhn_49, vbhn_31)
        changes.update(vbhn)
        header = replace(header, **vbhn)  # type: ignore[arg-type]
    if header.number is None:
        # an annex names the document it belongs to: "(Kèm theo Nghị định số 75/2021/NĐ-CP ngày
        # 24 tháng 7 năm 2021 của Chính phủ)" (nd_75, whose web copy lost its header block)
        own = _annex_caption_number(text, header.type.value if header.type else None)
        if header.date is not None:
            own.pop("date", None)
        if own:
            changes.update(own)
            header = replace(header, **own)  # type: ignore[arg-type]
    if header.issuer is None:
        issuer: Field | None = None
        for r in recipients:
            if r.kind != "noi_nhan":
                continue
            m = _LUU_RE.match(r.text)
            if m:
                body = m.group("body").strip()
                # State style "Lưu: VT, ĐMPT" names only office codes
                if not re.match(r"^(?:VT|Văn thư)\b", body) and re.search(r"[a-zà-ỹđ]", body):
                    issuer = Field(body, r.span)
        if issuer is None:
            m2 = _BODY_ISSUER_RE.search(text[:8000])
            if m2:
                who = m2.group("who").strip()
                issuer = Field(who, Span(m2.start("who"), m2.start("who") + len(who)))
        if issuer is None:
            m4 = _ADOPTED_BY_RE.search(text)
            if m4:
                who = " ".join(m4.group("who").split())
                issuer = Field(who, Span(m4.start("who"), m4.end("who")))
        if issuer is None and signer is not None:
            titles = _words()["signer_titles"]["values"]  # type: ignore[index]
            if signer.on_behalf_of:
                issuer = Field(org_case(signer.on_behalf_of), None)
            elif signer.position and key(signer.position) in {key(k) for k in titles}:
                for k, v in titles.items():
                    if key(k) == key(signer.position):
                        issuer = Field(v, None)
        if issuer is not None:
            changes["issuer"] = Field(expand_abbreviations(issuer.value), issuer.span)
    if header.date is None:
        m3 = ADOPTED_RE.search(text)
        if m3:
            iso = iso_date(m3.group("d"), m3.group("m"), m3.group("y"))
            if iso:
                changes["date"] = Field(iso, Span(m3.start("d"), m3.end("y")))
    if header.system is None and header.issuer is None:
        iss = changes.get("issuer")
        if isinstance(iss, Field) and re.search(r"(?i)\b(?:ủy|uỷ)\b", iss.value) and re.search(
            r"(?i)tỉnh ủy|huyện ủy|tỉnh uỷ|huyện uỷ|thành ủy|thành uỷ|đảng ủy|đảng uỷ|chi bộ", iss.value
        ):
            changes["system"] = "party"
    return replace(header, **changes) if changes else header  # type: ignore[arg-type]
