"""Mentions of other documents, read from the text (:mod:`vndocs.extract.references`).

:class:`_Reader` holds what every step asks about the text (its own number and
type, its title zone, preamble, body and paragraphs) and reads a mention's tail
(date, issuer, term, subject); :func:`_find_mentions` finds the full forms, bare
numbers in lists, laws by name, Party documents, standards, short forms and
anaphors, and leaves out the document's own number, drafts and documents still
to be made.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache

from vndocs.extract.reference_patterns import (
    _AMENDED_LAW_SEP_RE,
    _AMENDING_RE,
    _ANNEX_INTRO_RE,
    _BARE_LIST_SEP_RE,
    _BODY_START_RE,
    _CLAUSE_END_RE,
    _ENACTING_RE,
    _JOINT_CIRCULAR_RE,
    _JOINT_DASH_NEXT_RE,
    _JOINT_NEXT_RE,
    _LAW_RE,
    _LIST_MARKER_RE,
    _NUMBER_RE,
    _OWN_NUMBER_RE,
    _PREAMBLE_START_RE,
    _RUN_YEAR_RE,
    _SENTENCE_START_RE,
    _SPACE_RE,
    _STD_RE,
    _SUBJECT_HEAD_RE,
    _SUBJECT_LEAD_RE,
    _TAIL_ASIDE_RE,
    _TAIL_DATE_RE,
    _TAIL_ISSUER_RE,
    _TAIL_NUMBER_RE,
    _TAIL_TERM_RE,
    _TAIL_YEAR_RE,
    _TYPE_JOINED_RE,
    _TYPE_LINE_RE,
    _VE_RE,
    _WORD_RE,
    _YEAR_RE,
    _anaphor_re,
    _article_matches,
    _candidate_starts,
    _clean_number,
    _complete_issuers,
    _cues,
    _iso,
    _list_next_re,
    _number_mention_re,
    _party_matches,
    _position_titles,
    _scan,
    _short_re,
    _spaces,
    _stop_sets,
    _type_then_any_re,
    _type_then_number_re,
)
from vndocs.identity import number_system, number_type, number_year
from vndocs.models import Header, Span
from vndocs.normalize import _BLOCK_START_RE, key, tone_key
from vndocs.textutil import UPPER
from vndocs.vocab import canonical_type

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


_FORM_CAPTION_RE = re.compile(r"(?m)^[ \t#*]*(?:Mẫu|MẪU)(?:\s+(?:số|SỐ))?\s*:?\s*\d+[\w./-]*[ \t*]*$")


_OWN_ARTICLE_RE = re.compile(r"\n[ \t]*(?:Điều[ \t]+\d+[a-zđ]?\.|Chương[ \t]+[IVXLC\d]+\b)")


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
        self.own_numbers_bare = {_no_lead_zero(n) for n in self.own_numbers}
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
        # "SỐ 7-BYT/TT" in the title of 07-BYT/TT: a leading zero dropped
        return number.casefold() in self.own_numbers or _no_lead_zero(number) in self.own_numbers_bare

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

    @cached_property
    def form_start(self) -> int | None:
        """Where the first form of an annex starts: a caption line "Mẫu số 09" (a template with its own
        header and its own "Căn cứ" lines, which are the form's, not the document's: vbhn_835)."""
        fm = _FORM_CAPTION_RE.search(self.text, self.body_start)
        return fm.start() if fm else None

    @cached_property
    def _quote_marks(self) -> tuple[list[int], list[int]]:
        text = self.text
        opens = [m.start() for m in re.finditer("“", text)]
        closes = [m.start() for m in re.finditer("”", text)]
        return opens, closes

    def in_quotation(self, pos: int) -> bool:
        """Whether ``pos`` is inside a quotation over lines: another document's words quoted by this one (a
        consolidated text's footnote "“Điều 44. Hiệu lực thi hành ... Luật ... hết hiệu lực ...”", vbhn_113; an
        amendment's new wording). An open “ before, its ” after, within 3,000 characters and a line break."""
        opens, closes = self._quote_marks
        i = bisect_right(opens, pos) - 1
        if i < 0 or pos - opens[i] > 3000:
            return False
        o = opens[i]
        # a quoted provision opens its line or follows "như sau:" (not a title's stray “ inside a sentence:
        # "Tuyên truyền về “Ngày hội ... Tổ quốc “ năm 2022", the reference plan)
        before = self.text[max(0, o - 12) : o]
        if not (before.rstrip(" \t").endswith(("\n", ":")) or o == 0 or not before.strip()):
            return False
        j = bisect_right(closes, o)
        if j >= len(closes) or closes[j] < pos or closes[j] - pos > 3000:
            return False
        inside = self.text[o + 1 : pos]
        # the document's own article between: a footnote's quotation cut by a page break, its end printed
        # below the page's own text ("“Điều 51. ..." / ... / "Điều 19. Hiệu lực thi hành", vbhn_113)
        return "\n" in self.text[o:pos] and _OWN_ARTICLE_RE.search(inside) is None

    def in_form(self, pos: int) -> bool:
        return self.form_start is not None and pos >= self.form_start

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
                if joint and nxt and nxt.group() == "và" and _JOINT_AND_NEXT_RE.match(self.text, nxt.end()):
                    # "của Bộ Nông nghiệp và Phát triển nông thôn và Bộ Nội vụ" (a joint circular)
                    continue
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
                # in a title in capitals: "QUYẾT ĐỊNH SỐ 06/QĐ-TTG NGÀY 02 THÁNG 01 NĂM 2025" (qd_2820)
                d = _TAIL_DATE_RE.match(self.text, pos) or _TAIL_DATE_RE.match(self.low, pos)
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


def _no_lead_zero(number: str) -> str:
    return re.sub(r"^0+(?=\d)", "", number.casefold())


_JOINT_AND_NEXT_RE = re.compile(
    r"\s+(?:Bộ|Ban|Ủy\s+ban|Uỷ\s+ban|Tòa\s+án|Toà\s+án|Viện|Văn\s+phòng|Kiểm\s+toán|Ngân\s+hàng|Thanh\s+tra|Trung\s+ương)\s"
)


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
    inner_spans: list[tuple[int, int, str | None]] = []  # (start, end of the name, number)
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
                # "... của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15 và Luật ..." (qd_2820):
                # an inner law's own number, when another law follows it, is part of the name's list
                num = _TAIL_NUMBER_RE.match(text, name_end)
                sep = _AMENDED_LAW_SEP_RE.match(text, num.end()) if num else None
                if sep and num:
                    inner_spans.append((sub.start(), name_end, _clean_number(num.group("party") or num.group("state"))))
                    last = num.end()
                    pos = sep.end()
                    continue
                if num and any(n for a, _, n in inner_spans if a >= lm.end()):
                    # the last of a list whose laws carry their numbers carries its own too
                    inner_spans.append((sub.start(), name_end, _clean_number(num.group("party") or num.group("state"))))
                    last = num.end()
                    break
                inner_spans.append((sub.start(), name_end, None))
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
        if lm.start() in {a for a, _, _ in inner_spans}:
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
    for s, e, inner_number in inner_spans:
        im = _LAW_RE.match(text, s)
        if im is None:  # pragma: no cover - spans come from _LAW_RE matches
            continue
        m = _M(s, e, "law", type=canonical_type(im.group("lt")) or "Luật", inner=True)
        m.title = _spaces(text[im.end() : e])
        m.tail_end = e
        if inner_number:
            m.number = inner_number
            m.year = number_year(inner_number)
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
        elif pm.group("qc"):
            mentions.append(_M(pm.start(), pm.end(), "party", type="Quy chế", title=_spaces(pm.group("qc"))))
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
    r"[ \t]*\n?[ \t]*(?P<name>[^\W\d_][^;.()/“”\"\n]{0,120}?)\s+ngày\s+\d{1,2}(?:\s*[/.-]\s*\d{1,2}|\s+tháng)"
)
_SCHOOL_BEFORE_LAW_RE = re.compile(r"(?:đại\s+học|trường|khoa|học\s+viện|viện|ngành|cử\s+nhân|thạc\s+sĩ|tiến\s+sĩ)\s+luật\s*$")
_OTHER_LAW_IN_NAME = re.compile(r"\b(?:Luật|Bộ luật|Pháp lệnh|Nghị định|Nghị quyết|Hiến pháp)\b")


@lru_cache(maxsize=1)
def _law_name_not() -> frozenset[str]:
    return frozenset(key(w) for w in _cues()["law_name_not"]["words"])


_BASIS_LINE_RE = re.compile(r"[-–•]?\s*Căn\s+cứ\s", re.I)
_BASIS_NEXT_LAW_RE = re.compile(
    r"(?:\svà\s+(?:Bộ\s+luật|Luật|Pháp\s+lệnh)|(?:^|\svà\s|Căn\s+cứ\s)\s*(?:Bộ\s+luật|Luật|Pháp\s+lệnh)\s+sửa\s+đổi\s*,?\s*"
    r"(?:bổ\s+sung\s+)?(?:một\s+số\s+điều\s+)?(?:của\s+)?(?:Bộ\s+luật|Luật|Pháp\s+lệnh))$"
)


def _in_basis_line(text: str, pos: int) -> bool:
    """Whether the law word ending at ``pos`` opens a clause of a ``Căn cứ`` line
    (``Căn cứ Luật ...``, ``...; Luật ...`` after it on the same line)."""
    line_start = text.rfind("\n", 0, pos) + 1
    if not _BASIS_LINE_RE.match(text, line_start):
        return False
    clause = text[max(line_start, text.rfind(";", line_start, pos) + 1) : pos].strip()
    if re.fullmatch(r"(?:[-–•]\s*)?(?:Căn\s+cứ\s+)?(?:Bộ\s+luật|Luật|Pháp\s+lệnh)", clause, re.I):
        return True
    # "Căn cứ Luật A ngày ... và Luật B ngày ...", "... và Luật sửa đổi, bổ sung Luật B ngày ..." (a law
    # after "và" in the same clause, or the law an amending law names)
    return _BASIS_NEXT_LAW_RE.search(clause) is not None


_FOOTNOTE_MARK_RE = re.compile(r"(?<=[^\W\d_])(?<![A-ZĐ])\d{1,3}$")


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
    # "của Quốc hội" ends a name ("Luật X của Quốc hội ngày ..."), unless the name goes on: "Luật Hoạt động
    # giám sát của Quốc hội và Hội đồng nhân dân ngày 20 tháng 11 năm 2015"
    if named and not _OTHER_LAW_IN_NAME.search(named.group("name")) and not re.search(
        r" của Quốc hội(?! và )", named.group("name")
    ):
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
    first_key = ""
    before_comma: tuple[int, int] | None = None  # (end, words) before the last comma inside the name
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
            first_key = key(w)
            if first_key in not_names or first_key in _NOT_FIRST_WORDS:
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
        fn = _FOOTNOTE_MARK_RE.search(w)
        if fn and words:
            # "Quốc hội ban hành Luật Thuế thu nhập doanh nghiệp1." (a footnote's number, vbhn_113 text)
            end = wm.start() + fn.start()
            break
        end = wm.end()
        i = end
        words += 1
        if end < len(text) and text[end] == "," and words <= 4 and commas < 2:
            # "Luật An toàn, vệ sinh lao động", "Luật Quản lý, sử dụng tài sản công", and a name
            # repeating its first word: "Luật Thuế xuất khẩu, thuế nhập khẩu"
            nsp = _SPACE_RE.match(text, end + 1)
            nj = nsp.end() if nsp else end + 1
            nxt = _WORD_RE.match(text, nj)
            if (
                nxt
                and (words <= 2 or key(nxt.group()) == first_key)
                and nxt.group()[0].islower()
                and not stops.match(low, nj)
                and key(nxt.group()) not in _NOT_FIRST_WORDS
            ):
                commas += 1
                before_comma = (end, words)
                i = end + 1
                continue
        if end < len(text) and text[end] in ",;.:()“”\"":
            break
    if before_comma and words - before_comma[1] < 2:
        # one word after a comma is the sentence going on: "theo quy định tại khoản 2 Điều 169 của
        # Bộ luật Lao động, con chưa đủ 18 tuổi ..." (nd_75); a name goes on for two words at least
        end = before_comma[0]
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


