"""Tasks: who must do what by when (DOMAIN.md §4, shared/eval/README.md "Tasks").

Sources, in the order they are tried for each numbered item of the body:

1. task entries with fields (``Đơn vị chủ trì: ...``, ``Cơ quan thực hiện:
   ...``, ``Thời gian thực hiện: ...``): one task per lead field;
2. an item whose heading is a unit name (``2. Sở Nông nghiệp và Môi trường``);
3. a paragraph whose subject is a unit (``Sở Nội vụ chủ trì ...``), possibly
   after an adverbial opener (``Căn cứ ..., các sở, ngành ...``);
4. an assignment verb (``Giao X``, ``Đề nghị X``, ``Yêu cầu X``);
5. inside an implementation section or under a lead-in (``... yêu cầu Chủ
   tịch UBND các tỉnh ...:``), an item naming no unit takes the lead-in's.

An item gives one task (its lettered sub-items are merged) unless a lettered
sub-item names its own unit. Sections that state aims (``MỤC ĐÍCH, YÊU CẦU``)
give none. Deadlines come from :mod:`vndocs.extract.deadlines`; the plan's own
time frame (``3. Thời gian``) is inherited, marked ``inherited=True``, by tasks
that give none.

The outline comes from ``vndocs.extract.outline`` when the pipeline has it; a
small line-based reader of numbered items stands in when it is empty.

The cue lists, word patterns and line helpers are in :mod:`vndocs.extract.task_patterns`;
the rows of annex task tables in :mod:`vndocs.extract.task_tables`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from vndocs.extract import abbreviations
from vndocs.extract.deadlines import choose, find_deadlines
from vndocs.extract.task_patterns import (  # noqa: F401 - cues, _required_strings: the tests' entry points
    _ACTION_IN_HEADING_RE,
    _ACTION_WORDS_RE,
    _BULLET_START_RE,
    _CASE_OPENER_RE,
    _CASES_RE,
    _CONDITION_AFTER_RE,
    _DELEGATION_RE,
    _DUTY_COLON_RE,
    _DUTY_END_RE,
    _DUTY_OF_RE,
    _DUTY_WORD_RE,
    _EFFECT_RE,
    _GENERIC_HEAD_DUTY_RE,
    _HONORED_ADDRESSEE_RE,
    _HONORIFIC_RE,
    _IMPERATIVE_RE,
    _IMPL_IN_HEADING_RE,
    _KINH_GUI_ONE_RE,
    _LAW_DUTY_RE,
    _LAW_IMPL_RE,
    _LAW_TYPES,
    _LEAD_AFTER_RE,
    _LEGAL_DUTY_RE,
    _LEGAL_TYPES,
    _LISTED_LEAD_LINE_RE,
    _LISTED_LEAD_RE,
    _NO_ASSIGNMENT_AFTER_RE,
    _NOT_A_TRIGGER_BEFORE_RE,
    _OWN_OBJECT_RE,
    _REPORTED_RE,
    _RUN_IN_TITLE_RE,
    _SHORT_LABEL_RE,
    _STRUCTURAL,
    _TABLE_HEAD_RE,
    _TABLE_LEAD_RE,
    _TABLE_LEAD_START_RE,
    _TOPIC_LABEL_RE,
    _TRIGGER_AFTER_RE,
    _WORD_AFTER_RE,
    _bare_unit,
    _body_end,
    _Found,
    _heading,
    _in_brackets,
    _is_upper,
    _local_items,
    _local_outline,
    _minus,
    _paragraphs,
    _position_first,
    _required_strings,
    _sections,
    _sentence_end,
    _skip_punct,
    _skip_to_body,
    _starts_with_position,
    _strip_bullet,
    cues,
)
from vndocs.extract.task_tables import _table_tasks
from vndocs.extract.units import (
    TokenWindow,
    UnitList,
    UnitReader,
    dictionary,
    logical_end,
    support_units,
)
from vndocs.models import Deadline, Header, ReportDuty, Section, Span, Table, Task, Unit
from vndocs.normalize import key
from vndocs.textutil import UPPER
from vndocs.vocab import load


@dataclass(slots=True)
class TaskResult:
    """What the tasks extractor finds in a document."""

    tasks: list[Task] = field(default_factory=list)
    """Assignments in text order."""
    units: list[Unit] = field(default_factory=list)
    """Responsible units named, with their roles."""
    abbreviations: dict[str, str] = field(default_factory=dict)
    """Abbreviations the document defines."""
    plan_deadline: Deadline | None = None
    """Document-level time frame."""


class _Extractor:
    def __init__(self, text: str, header: Header) -> None:
        self.text = text
        self.header = header
        self.learned = abbreviations.learn(text)
        self.reader = UnitReader(text, self.learned)
        self._headings: dict[tuple[int, str, int], tuple[str, int, int]] = {}
        self.cues = cues()
        self.doc_date = header.date.value if header.date else None
        self.tasks: list[Task] = []
        self.body_end = self._closing_start(_body_end(text))
        self.in_article = False
        htype = header.type.value if header.type else None
        self.normative = key(str(htype or "")) in {key(t) for t in load("task_cues")["normative_types"]["types"]}
        self.legal = key(str(htype or "")) in _LEGAL_TYPES
        """A law, decree or circular: its articles outside the implementation part state rules and duties."""
        self.law = key(str(htype or "")) in _LAW_TYPES
        """A law or ordinance: a chapter on each ministry's "trách nhiệm" states standing duties, and only a
        "chủ trì" that makes something (a list, a programme to submit) is an assignment (luat_24, luat_86)."""
        self.legal_duty = _LAW_DUTY_RE if self.law else _LEGAL_DUTY_RE
        """A guidance or regulation: its provisions are rules unless an item sits under the implementation section."""
        """True while walking the articles (Điều) of a legal text."""

    def heading(self, s: Section, end: int) -> tuple[str, int, int]:
        """:func:`_heading`, once per item and end (the walk and the plan deadline both ask)."""
        args = (s.span.start, s.label, end)
        if args not in self._headings:
            self._headings[args] = _heading(self.text, s, end)
        return self._headings[args]

    def _closing_start(self, end: int) -> int:
        """Where the closing paragraph(s) before ``end`` start (``Trên đây là ...``, ``Ủy ban nhân dân
        tỉnh giao ...``): they close the document, not its last item."""
        paras = _paragraphs(self.text, max(0, end - 3000), end)
        cut = end
        for ps, _pe in reversed(paras[-3:]):
            if self.cues.closing.match(key(self.text[ps : ps + 120])):
                cut = ps
            elif cut != end:
                break
        return cut

    # -- finding the assignee ----------------------------------------------------

    def _after_is_action(self, ul: UnitList) -> bool:
        rest = self.text[ul.end : ul.end + 40]
        m = _WORD_AFTER_RE.match(rest)
        if not m:
            return False
        word = m.group(1)
        return (word[0].islower() or word[0] in "(\"“"
                or key(rest.lstrip(" \t\n,:")).startswith(("chủ trì", "đồng chủ trì", "phối hợp")))

    def _trigger_object(self, ul: UnitList) -> UnitList | None:
        m = _TRIGGER_AFTER_RE.match(self.text, ul.end, ul.end + 30)
        if not m:
            return None
        return self.reader.read(m.end(), self._limit(ul.end))

    def _limit(self, pos: int) -> int:
        return logical_end(self.text, pos)

    def _subject(self, s: int, e: int, impl: bool, openers: bool = True) -> _Found | None:
        """A unit that is the subject of the paragraph ``[s, e)`` (or the object of its trigger)."""
        text = self.text
        s = _strip_bullet(text, s, e, numbers=impl)
        ul = self.reader.read(s, e)
        if ul is None:
            # "- Báo cáo tháng: Sở Tài chính tổng hợp ..." (cv_hanoi 3.3): a short label, then the subject
            lab = _SHORT_LABEL_RE.match(text, s, e)
            if lab and len(lab.group().split()) <= 6:
                ul = self.reader.read(lab.end(), e)
        if ul is None and impl:
            # "3. Đơn vị vận hành hệ thống điện và thị trường điện quốc gia có trách nhiệm lập ..." (vbhn_57):
            # a generic head the reader does not take alone, named up to its duty
            np = _GENERIC_HEAD_DUTY_RE.match(text, s, e)
            if np is not None and not _ACTION_WORDS_RE.search(np.group("np")):  # "Tổ chức triển khai ..." is a verb
                name = np.group("np")
                ul = UnitList(s, s + len(name), name, [Unit(name, "lead", name, Span(s, s + len(name)))], True, True)
        candidates: list[UnitList] = []
        opened = False
        if ul is not None:
            candidates.append(ul)
        elif openers and self.cues.openers.match(key(text[s : s + 30])) and not (
            # "4. Đối với các trường hợp quy định tại khoản 7 Điều 16 ... thì ... Tòa án có trách nhiệm gửi văn bản"
            # (qd_28 Điều 17): in a legal text's provisions, what a body does in a case is a procedure, not a task
            self.in_article and _CASE_OPENER_RE.match(key(text[s : s + 40]))
        ):
            sent_end = _sentence_end(text, s, e)
            toks = TokenWindow(text, s, sent_end)  # tokens made as the scan reaches them
            words = dictionary()
            skip_until = s
            i = 0

            def prev_is_comma(k: int) -> bool:
                return toks[k - 1].text == ","

            while toks.fits(i + 2):
                i += 1
                t = toks[i]
                if t.start < skip_until or not t.is_word:
                    continue
                # "Trong quá trình thực hiện nếu có vướng mắc, chủ tịch Ủy ban nhân dân các Huyện ..."
                # (qd_31_2011 Điều 9): a position after the opener's comma, written in lower case
                if not (t.is_cap or t.key in ("các", "những")) and not (
                    prev_is_comma(i) and t.key in _position_first()
                    and _starts_with_position(text[t.start : sent_end])
                ):
                    continue
                prev = toks[i - 1]
                prev2 = toks[i - 2].key + " " + prev.key if i >= 2 else prev.key
                if prev.is_word and prev.is_cap:
                    continue  # inside a name: "Thủ tướng Chính phủ"
                if f"{prev.key} {t.key}" in words:  # "nhiệm vụ", "cơ sở": not a head
                    continue
                if prev.key in ("giao", "nghị", "cầu", "gọi"):
                    break  # handled by the trigger rule
                found = self.reader.read(t.start, sent_end)
                if found is None:
                    continue
                if prev.key in self.cues.object_words or prev2 in self.cues.object_words:
                    skip_until = found.end  # an object: "... của các cơ quan, đơn vị ..."
                    continue
                # the subject follows the opener's comma; without one, only "các ..." or a position
                if prev.text != "," and not (impl and (t.key in ("các", "những") or found.units[0].name != found.text
                                                        or _starts_with_position(found.text))):
                    continue
                if self._after_is_action(found):
                    candidates.append(found)
                    opened = True
                    break
        for c in candidates:
            obj = self._trigger_object(c)
            if obj is not None:
                return _Found(obj, obj.start, "trigger", "lead")
            if not self._after_is_action(c) and not text[c.end : c.end + 3].lstrip().startswith(":"):
                continue
            if _NO_ASSIGNMENT_AFTER_RE.match(text, c.end) or _CONDITION_AFTER_RE.match(text, c.end):
                # "CÔNG TY ... vướng mắc về chính sách thuế", "CÔNG TY ... vay tiền của cổ đông nếu cổ đông là
                # ..." (cv_1539, a tax office's answer), "Sở Y tế đã triển khai ...": no assignment
                continue
            if not impl and (c.some_generic if opened else c.generic):
                # outside the implementation section, a provision opened by "Đối với ..." that addresses
                # "các sở, ngành ..." is a rule (kh_7360 III.2); one naming a body is a task (nq_113 Điều 1.2)
                continue
            if not impl and self.in_article and not (self.legal_duty if self.legal else self.cues.duty).match(
                    text[c.end : c.end + 120]):
                # in a law, decree or circular, "X có trách nhiệm ..." outside the implementation part is a
                # standing duty (tt_23, ttlt_47, luat_134, nd_302 Điều 3); "X chủ trì ..." is still an assignment
                continue
            role = "lead" if _LEAD_AFTER_RE.match(text, c.end, c.end + 90) else "execute"
            return _Found(self._name_to_duty(c), c.start, "subject", role)
        return None

    def _name_to_duty(self, ul: UnitList) -> UnitList:
        """A unit the reader cut short before its duty: "Cục Công nghiệp công nghệ thông tin (Bộ Khoa
        học và Công nghệ) chủ trì ...", "Các cơ quan, tổ chức sử dụng vốn ngân sách nhà nước để thuê,
        mua sắm ... có trách nhiệm ..." (tt_34-2025): lower-case words that run on from the name up to
        the duty belong to it, unless they are an action of their own."""
        text = self.text
        m = _DUTY_WORD_RE.search(text, ul.end, min(len(text), ul.end + 200))
        if m is None or m.start() == ul.end:
            return ul
        gap = text[ul.end : m.start()]
        words = gap.split()
        if (not gap[:1].isspace() or not words or not words[0][:1].islower() or len(words) > 24
                or re.search(r"[.;:\n]", gap) or _ACTION_WORDS_RE.search(gap)):
            return ul
        end = len(text[: m.start()].rstrip(" ,"))
        return UnitList(ul.start, end, text[ul.start : end], ul.units, ul.generic, ul.some_generic)

    def _trigger(self, s: int, e: int, assign_only: bool = False) -> _Found | None:
        """The unit after an assignment verb (``Giao X``, ``Đề nghị X``, ``Yêu cầu X``);
        ``assign_only``: ``Giao`` alone (a procedure's "... có văn bản đề nghị Bộ Tài chính xem
        xét" is a step, not an assignment: ttlt_47 Điều 12)."""
        words = self.cues.trigger_words
        if words is not None and all(self.text.find(w, s, e) == -1 for w in words):
            return None  # no trigger word in the paragraph
        for m in self.cues.triggers.finditer(self.text, s, e):
            if assign_only and m.group("trigger").lower() != "giao":
                continue
            before = self.text[max(s, m.start() - 12) : m.start()]
            if _NOT_A_TRIGGER_BEFORE_RE.search(before):
                continue
            ul = self.reader.read(m.end(), self._limit(m.end()))
            if ul is None and _HONORED_ADDRESSEE_RE.match(self.text, m.end()):
                ul = self._addressee()  # "Văn phòng Chính phủ đề nghị quý Bộ khẩn trương ..." (cv_8794_2013)
            if ul is not None and (not ul.generic or ul.text.lower().startswith(("các", "những"))):
                return _Found(ul, m.start(), "trigger", "lead")
        return None

    def _addressee(self) -> UnitList | None:
        """The one body a letter is addressed to (``Kính gửi: Bộ Lao động - Thương binh và Xã hội``),
        which the letter then calls "quý Bộ", "quý cơ quan"; None for a list of addressees."""
        m = _KINH_GUI_ONE_RE.search(self.text, 0, min(len(self.text), 3000))
        if m is None:
            return None
        ul = self.reader.read(m.start("who"), m.end("who"))
        return ul if ul is not None and ul.end >= len(self.text[: m.end("who")].rstrip(" .;")) - 1 else None

    def _heading_unit(self, heading: str, hs: int, he: int, titled: bool = False) -> _Found | None:
        """The unit a heading names; ``titled`` when lettered sub-items follow the heading line."""
        if not heading or _is_upper(heading):
            return None  # "III. TỔ CHỨC THỰC HIỆN" is a section title, not a unit
        duty_of = _DUTY_OF_RE.match(self.text, hs)
        if duty_of and duty_of.end() < he:
            # "2. Trách nhiệm của Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương" (qd_22_2013)
            ul = self.reader.read(duty_of.end(), he)
            if ul is not None and not self.text[ul.end : he].strip(" :"):
                return _Found(ul, ul.start, "heading", "execute")
            if (ul is not None and ul.start == duty_of.end() and he - hs <= 300
                    and not re.search(r"[.;:]", self.text[ul.end : he].rstrip(" :"))):
                # "Điều 16. Trách nhiệm của Vụ trưởng Vụ Tổ chức cán bộ", "... Thủ trưởng các đơn vị thuộc
                # Bộ được phân cấp" (tt_23): the heading's rest is the name, lower-case words included
                end = len(self.text[:he].rstrip(" :"))
                whole = UnitList(ul.start, end, self.text[ul.start : end], ul.units, ul.generic, ul.some_generic)
                return _Found(whole, ul.start, "heading", "execute")
        if he < logical_end(self.text, hs) and not heading.rstrip().endswith(":"):
            return None  # the first line of a paragraph ("b) Bộ Tài chính, Bộ Công\nThương, ... chỉ đạo")
        ul = self.reader.read(hs, he)
        if ul is None:
            return None
        rest = self.text[ul.end : he].strip()
        if rest in ("", ":", ".", ";") or rest.startswith(":"):
            return _Found(ul, ul.start, "heading", "execute")
        if ((titled or not self.in_article) and he - hs <= 150 and not re.search(r"[.;:]", rest)
                and not _ACTION_IN_HEADING_RE.search(rest) and he == logical_end(self.text, hs)):
            # "8. Các Khu Công nghệ cao, Khu Công nghệ số tập trung và hiệp hội, doanh nghiệp liên quan" with
            # "a) ...", "b) ..." below (qd_982), "7. Trung tâm Xúc tiến đầu tư, thương mại và du lịch" over its
            # duties (qd_2954): the heading line is the unit's name, lower-case words included (not an
            # article's title in a law: "Điều 22. Tòa án xét xử tập thể")
            end = len(self.text[:he].rstrip())
            whole = UnitList(ul.start, end, self.text[ul.start : end], ul.units, ul.generic, ul.some_generic)
            return _Found(whole, ul.start, "heading", "execute")
        duty = _DUTY_END_RE.search(rest)
        if duty and he - hs <= 200 and not re.search(r"[.;:]", rest):
            # "11. Các đơn vị cấp nước sạch trên địa bàn thành phố có trách nhiệm" (ct_09): a heading line
            # that names the unit, then its duty; the sub-items below are what it must do
            end = ul.end + len(self.text[ul.end : he]) - len(self.text[ul.end : he].lstrip()) + duty.start()
            end = len(self.text[:end].rstrip())
            whole = UnitList(ul.start, end, self.text[ul.start : end], ul.units, ul.generic, ul.some_generic)
            return _Found(whole, ul.start, "heading", "execute")
        colon = self.text.rfind(":", ul.end, he)
        if colon != -1 and not self.text[colon + 1 : he].strip() and he - hs <= 150 and not re.search(r"[.;]", rest):
            if _ACTION_IN_HEADING_RE.search(rest):
                # "c) Bộ Tài chính chủ trì, phối hợp với ...:" — the unit, then its action
                return _Found(ul, ul.start, "heading", "lead" if "chủ trì" in rest else "execute")
            # "4. Các cơ sở sản xuất giống, NTTS thương phẩm:" — the whole heading names the unit
            whole = UnitList(ul.start, colon, self.text[ul.start : colon], ul.units, ul.generic, ul.some_generic)
            return _Found(whole, ul.start, "heading", "execute")
        return None

    def _find(self, s: int, e: int, impl: bool, heading: tuple[str, int, int] | None,
              openers: bool = True, titled: bool = False) -> _Found | None:
        """The unit an item (or sub-item) assigns; ``openers=False`` for a sub-item of an item that
        already names its unit, where only a sub-item opening on its own unit or trigger counts."""
        # "2. Về dự án ... Nghi Sơn: Bộ Xây dựng khẩn trương rà soát ..." (tb_634, a conclusion's
        # answers to a province's requests): the topic before the colon names no assignee
        topic = _TOPIC_LABEL_RE.match(self.text, s) if heading is not None and heading[0].startswith("Về ") else None
        rules = self.normative and not impl
        # (nor in a law's, decree's or circular's articles outside their implementation part: nd_63_2010 Điều 5
        # "1. Cơ quan kiểm soát thủ tục hành chính ...", tt_08-2026 "Bộ Nội vụ tạm dừng kết nối ...")
        if heading is not None and topic is None and not rules and not (self.legal and self.in_article and not impl):
            # (in a regulation, outside its implementation part, a unit's heading lists its standing
            # duties, not tasks: qd_102 "Chương II. TRÁCH NHIỆM PHỐI HỢP ..." / "1. Sở Dân tộc và Tôn giáo")
            f = self._heading_unit(*heading, titled=titled)
            if f is not None:
                return f
        for ps, pe in _paragraphs(self.text, topic.end() if topic else s, e):
            f = None if rules else self._subject(ps, pe, impl, openers)
            if f is None:
                f = self._trigger(ps, _sentence_end(self.text, ps, pe) if not impl else pe,
                                  assign_only=self.legal and self.in_article and not impl)
                if f is not None and (not openers or rules) and f.start > _skip_punct(self.text, ps, pe):
                    # "6. Sở Y tế / a) ... phải hướng dẫn, yêu cầu các đơn vị có biện pháp ..." (ct_09): the
                    # sub-item's own action, not a new assignment ("b) Giao Thanh tra thành phố ..." is one)
                    f = None
            if f is not None:
                return f
        return None

    # -- building tasks ------------------------------------------------------------

    def _deadline(self, ranges: list[tuple[int, int]], *, bare: bool = False) -> Deadline | None:
        found: list[Deadline] = []
        for s, e in ranges:
            found.extend(find_deadlines(self.text, s, e, doc_date=self.doc_date, bare=bare))
        if not bare:
            # a time inside brackets is a remark ("(năm 2025, Sở Tài chính đã tổ chức ...)"), not a deadline
            found = [d for d in found if d.span is None or not _in_brackets(self.text, d.span.start)]
        return choose_in_sentence(found, self.text)

    def _report(self, s: int, e: int) -> ReportDuty | None:
        for m in self.cues.report.finditer(self.text, s, e):
            ul = self.reader.read(m.end(), self._limit(m.end()))
            clause_end = _sentence_end(self.text, m.start(), e)
            clause = self.text[m.start() : clause_end]
            dls = find_deadlines(self.text, m.start(), clause_end, doc_date=self.doc_date)
            recurring = bool(re.search(r"định kỳ|hằng|hàng (?:tháng|năm|quý|tuần)", clause))
            if ul is None and not dls:
                continue
            return ReportDuty(
                to=ul.text if ul else None,
                deadline=choose(dls),
                recurring=recurring,
                text=" ".join(clause.split()),
                span=Span(m.start(), clause_end),
            )
        return None

    def _add(self, found: _Found, start: int, end: int, path: tuple[str, ...], action: str | None = None,
             deadline_ranges: list[tuple[int, int]] | None = None, deadline: Deadline | None = None,
             supports: list[Unit] | None = None, role: str | None = None) -> None:
        text = self.text
        ul = found.units
        if action is None:
            a_start = ul.end if found.how != "heading" else _skip_to_body(text, ul.end, end)
            a_start = _skip_punct(text, a_start, end)
            action = " ".join(text[a_start : _sentence_end(text, a_start, end)].split())
            if _DELEGATION_RE.match(action):
                # "..., giao Chính phủ quy định cụ thể để thực hiện" (vbhn_113 Điều 19.3): rule-making
                # delegated, as "Chính phủ quy định chi tiết ..." is, no task
                return
        ranges = deadline_ranges if deadline_ranges is not None else [(found.start, end)]
        if deadline is None:
            deadline = self._deadline(ranges)
        sup = supports if supports is not None else support_units(self.reader, ul.end, _sentence_end(text, ul.end, end))
        lead_units = tuple(replace(u, role="lead") for u in ul.units)
        seen = {key(u.name) for u in lead_units}
        units = lead_units + tuple(u for u in sup if key(u.name) not in seen)
        assignee = " ".join(ul.text.split())
        # "Giao đồng chí Bộ trưởng Bộ Xây dựng ..." (tb_627): the honorific is no part of the assignee
        assignee = _HONORIFIC_RE.sub("", assignee) or assignee
        self.tasks.append(
            Task(
                assignee=assignee,
                units=units,
                role=role or found.role,
                action=action,
                deadline=deadline,
                section_path=path,
                span=Span(min(start, found.start), end),
                report=self._report(found.start, end),
            )
        )

    # -- field entries ---------------------------------------------------------------

    def _listed_lead(self, s: int, e: int, path: tuple[str, ...], heading: str) -> bool:
        """A lead label on a line of its own, the units in the bullets under it (kh_252):
        ``a) Cơ quan chủ trì`` / ``- Ban Chỉ đạo quốc gia.`` / ``- Các Bộ, ngành liên quan.``"""
        text = self.text
        first = _LISTED_LEAD_RE.match(text, s)
        for m in ([first] if first else []) + list(_LISTED_LEAD_LINE_RE.finditer(text, s, e)):
            lists, pos = self._bulleted_units(m.end(), e)
            if lists:
                break
        else:
            return False
        merged = UnitList(lists[0].start, lists[-1].end, "; ".join(x.text for x in lists),
                          [u for x in lists for u in x.units], all(x.generic for x in lists))
        self._add(_Found(merged, m.start(), "field", "lead"), m.start(), min(pos, e), path,
                  action=heading or None, deadline_ranges=[], role="lead")
        return True

    def _bulleted_units(self, pos: int, e: int) -> tuple[list[UnitList], int]:
        """The units of the bullet lines from ``pos`` (blank lines between them allowed), and where they end."""
        text = self.text
        lists: list[UnitList] = []
        while pos < e:
            nl = text.find("\n", pos, e)
            nl = e if nl == -1 else nl
            line = text[pos:nl]
            if line.strip():
                bullet = re.match(r"[ \t]*[-+•][ \t]+", line)
                if bullet is None:
                    break
                ul = self.reader.read(pos + bullet.end(), nl)
                if ul is not None:
                    lists.append(ul)
            pos = nl + 1
        return lists, pos

    def _field_entries(self, s: int, e: int, path: tuple[str, ...], heading: str) -> bool:
        matches = [m for m in self.cues.fields.finditer(self.text, s, e)]
        leads = [m for m in matches if m.group("role") in ("chủ trì", "thực hiện") and m.group("value").strip()]
        if not leads:
            return self._listed_lead(s, e, path, heading)
        for i, m in enumerate(leads):
            entry_start = m.start()
            entry_end = leads[i + 1].start() if i + 1 < len(leads) else e
            # the entry's own fields: those after the previous lead and before the next
            prev_end = leads[i - 1].end() if i > 0 else s
            group = [f for f in matches if prev_end <= f.start() < entry_end]
            found = self._field_lead(m)
            if found is None:
                continue
            supports: list[Unit] = []
            deadline: Deadline | None = None
            action = None
            for f in group:
                label = key(f.group("label"))
                if f.group("role") == "phối hợp":
                    sl = self.reader.read(f.start("value"), self._limit(f.start("value")))
                    if sl:
                        supports.extend(Unit(u.name, "support", u.canonical, u.span) for u in sl.units)
                elif label.startswith("thời gian") and deadline is None:
                    deadline = self._deadline([(f.start("value"), f.end("value"))], bare=True)
                elif label.startswith(("nhiệm vụ", "nội dung")) and action is None:
                    v = " ".join(f.group("value").split())
                    if not v:  # "a) Nhiệm vụ:" with the text on the next lines
                        nxt = self.text[f.end() : entry_start].strip()
                        v = " ".join(nxt.split("\n")[0].lstrip("-+ ").split())
                    action = v or None
            if action is None:
                action = heading or " ".join(self.text[s : entry_start].split())[:300]
            self._add(found, entry_start, entry_end, path, action=action, deadline_ranges=[],
                      deadline=deadline, supports=supports, role=found.role)
        return True

    def _table_entries(self, s: int, e: int, path: tuple[str, ...]) -> bool:
        """Task entries in a table (one cell per line): a header naming a ``chủ trì`` column, then rows."""
        cells = _paragraphs(self.text, s, e)
        if not any(_TABLE_LEAD_START_RE.match(self.text, a, b) for a, b in cells):
            return False  # no cell can be the lead column's header: skip normalizing every cell
        texts = [" ".join(self.text[a:b].split()) for a, b in cells]
        lead_col = next((i for i, t in enumerate(texts) if _TABLE_LEAD_RE.match(key(t))), None)
        if lead_col is None:
            return False
        first = lead_col
        while first > 0 and len(texts[first - 1]) <= 40 and _TABLE_HEAD_RE.match(key(texts[first - 1])):
            first -= 1
        last = lead_col
        while last + 1 < len(texts) and len(texts[last + 1]) <= 40 and _TABLE_HEAD_RE.match(key(texts[last + 1])):
            last += 1
        header = [key(t) for t in texts[first : last + 1]]
        n = len(header)
        if n < 2:
            return False

        def col(pattern: str) -> int | None:
            return next((i for i, h in enumerate(header) if re.match(pattern, h)), None)

        c_lead, c_sup = lead_col - first, col(r"(?:cơ quan|đơn vị) phối hợp")
        c_time, c_task = col(r"thời gian|thời hạn|tiến độ"), col(r"nhiệm vụ|nội dung|tên nhiệm vụ")
        c_num = col(r"s?tt$|số tt")
        added = False
        i = last + 1
        while i + n <= len(cells):
            row = cells[i : i + n]
            rtexts = texts[i : i + n]
            if c_num is not None and not re.fullmatch(r"[\dIVX]+\.?", rtexts[c_num]):
                break
            ls, le = row[c_lead]
            ul = self.reader.read(ls, le) or UnitList(ls, le, self.text[ls:le], [], True, True)
            if not ul.units:
                ul = UnitList(ls, le, rtexts[c_lead], [Unit(rtexts[c_lead], "lead", rtexts[c_lead], Span(ls, le))])
            supports: list[Unit] = []
            if c_sup is not None:
                sl = self.reader.read(*row[c_sup])
                if sl:
                    supports = [Unit(u.name, "support", u.canonical, u.span) for u in sl.units]
            deadline = self._deadline([row[c_time]], bare=True) if c_time is not None else None
            action = rtexts[c_task] if c_task is not None else rtexts[0]
            label = rtexts[c_num].rstrip(".") if c_num is not None else str(i)
            self._add(_Found(ul, row[0][0], "table", "lead"), row[0][0], row[-1][1], path + (label,),
                      action=action, deadline_ranges=[], deadline=deadline, supports=supports, role="lead")
            added = True
            i += n
        return added

    def _field_lead(self, m: re.Match[str]) -> _Found | None:
        vs, ve = m.start("value"), m.end("value")
        text = self.text
        first = self.reader.read(vs, ve)
        if first is None:
            return None
        role = "lead" if m.group("role") == "chủ trì" else "execute"
        # "Sở Nội vụ chủ trì tham mưu ...; Sở Tư pháp ... chủ động ..." -> the chủ trì unit alone
        if re.match(r"\s*chủ trì", text[first.end : first.end + 12]):
            return _Found(first, m.start(), "field", "lead")
        lists = [first]
        pos = first.end
        for cm in re.finditer(r";\s*", text[pos:ve]):
            cs = pos + cm.end()
            if any(cs < x.end for x in lists):
                continue
            nxt = self.reader.read(cs, ve)
            if nxt is not None and self._after_is_action(nxt):
                lists.append(nxt)
        if len(lists) == 1:
            return _Found(first, m.start(), "field", role)
        joined = "; ".join(x.text for x in lists)
        merged = UnitList(first.start, lists[-1].end, joined, [u for x in lists for u in x.units],
                          all(x.generic for x in lists))
        return _Found(merged, m.start(), "field", role)

    # -- walking the outline -------------------------------------------------------

    def walk(self, sections: list[Section], path: tuple[str, ...], impl: bool, addressee: UnitList | None) -> None:
        for s in sections:
            if s.kind not in _STRUCTURAL or s.span.start >= self.body_end:
                continue
            self._item(s, path, impl, addressee)

    def _item(self, s: Section, path: tuple[str, ...], impl: bool, addressee: UnitList | None) -> None:
        text = self.text
        end = min(s.span.end, self.body_end)
        heading, hs, he = self.heading(s, end)
        if s.heading and not heading:
            heading = s.heading
        # a heading, not a sentence: short and not ended like one ("1. Căn cứ nội dung ..., các sở ...")
        heading_like = _is_upper(heading) or (
            # an article's title may be long: "Điều 24. Trách nhiệm của bộ, cơ quan ngang bộ, Ủy ban nhân dân cấp
            # tỉnh, tổ chức chính trị - xã hội cấp trung ương, ..." (qd_28)
            len(heading) <= (300 if s.kind == "article" and s.heading else 150) and not heading.rstrip().endswith((".", ";"))
        )
        hkey = key(heading) if heading_like else ""
        my_path = path + (s.label,)
        if hkey and self.cues.no_task.match(hkey):
            # "Điều 21. Hiệu lực thi hành / 1. ... có hiệu lực ... / 2. Lãnh đạo Bộ, ... chịu trách nhiệm thi
            # hành Thông tư này" (tt_23): the executing clause is a task, the rest of the article is not
            if s.kind == "article" and _EFFECT_RE.match(hkey):
                self._effect_article(s, end, my_path, every_unit=impl or bool(_IMPL_IN_HEADING_RE.search(hkey)))
            elif s.kind == "article" and self.cues.executing.search(text, s.span.start, end):
                self._executing_clause(s, end, my_path)
            return
        is_impl = impl or bool(hkey and self.cues.impl.match(hkey) and (not self.law or _LAW_IMPL_RE.match(hkey)))
        if s.kind == "article" and self._executes(s.span.start, end):
            is_impl = True
        if s.kind in ("part", "chapter", "section", "article"):
            self.in_article = True  # the structure of a legal text: its provisions are rules
        numeric = [c for c in s.children if c.kind in _STRUCTURAL and c.kind != "letter"]
        letters = [c for c in s.children if c.kind == "letter"]
        if not numeric and (self._table_entries(hs, end, my_path) or self._field_entries(hs, end, my_path, heading)):
            return
        if numeric:
            own_end = numeric[0].span.start
            sub = addressee
            own = text[hs:own_end].strip()
            child_impl = is_impl
            if self.in_article and _CASES_RE.search(own):
                # "Bộ trưởng Bộ Tư pháp quyết định thu hồi ... trong các trường hợp sau:" (tt_23 Điều 18):
                # the clauses are the conditions of a power, not tasks
                return
            if own.endswith(":"):
                f = self._find(hs, own_end, True, (heading, hs, he))
                if f is not None:
                    sub = f.units
                    # "III. NHIỆM VỤ TRỌNG TÂM ... yêu cầu các bộ, ngành, địa phương ...:" (tb_627): a lead-in
                    # that assigns makes its items assignments, as the document's own lead-in does (ct_31)
                    child_impl = child_impl or f.how == "trigger"
            elif is_impl and heading_like and _DUTY_OF_RE.match(text, hs):
                # "Điều 9. Trách nhiệm của thủ trưởng các đơn vị thuộc Cục Thuế" over clauses 1-6 that
                # name no unit of their own (qd_3509): one task, the clauses are what the unit must do
                # (when some clauses name units of their own, the heading is no addressee of the others:
                # qd_40_2011 Điều 7.1 states a principle)
                f = self._heading_unit(heading, hs, he)
                if f is not None:
                    own = [c for c in numeric if self._names_own_unit(c, end, f)]
                    if not own:
                        self._add(f, s.span.start, end, my_path, deadline_ranges=[(he, end)])
                        return
                    rest = [c for c in numeric if c not in own]
                    if any(_IMPERATIVE_RE.match(text, self.heading(c, min(c.span.end, end))[1]) for c in rest):
                        # "Điều 24. Trách nhiệm của bộ, ... / 1. Tổ chức thực hiện ... / 6. Bộ Tài chính có
                        # trách nhiệm ..." (qd_28): the clauses that open on a verb are the heading's units'
                        # one task, the clause that names its own unit is a task of its own
                        ranges = [(c.span.start, min(c.span.end, end)) for c in rest]
                        self._add(f, s.span.start, end, my_path, deadline_ranges=ranges)
                        self.walk(own, my_path, child_impl, sub)
                        return
            self.walk(numeric, my_path, child_impl, sub)
            return
        own_end = letters[0].span.start if letters else end
        found = self._find(hs, own_end, is_impl, (heading, hs, he), titled=bool(letters) and is_impl)
        # a lettered sub-item is a task of its own only when it names its own unit
        sub_tasks: list[tuple[Section, _Found]] = []
        for c in letters:
            c_end = min(c.span.end, end)
            ch, chs, che = self.heading(c, c_end)
            f = self._find(chs, c_end, is_impl, (ch, chs, che), openers=found is None)
            if f is not None and (found is None or key(f.units.text) != key(found.units.text)):
                sub_tasks.append((c, f))
        if found is None and not sub_tasks and (s.kind == "article" or (is_impl and self._executes(hs, end))):
            # also a clause of the implementation article: "2. Các Bộ trưởng, ..., Đại hội đồng cổ đông, Hội đồng
            # quản trị, ... chịu trách nhiệm thi hành Nghị định này" (nd_200: names the reader does not take alone)
            found = self._executing_subject(hs, end)
        if found is None and not sub_tasks and addressee is not None and is_impl and not (
            # "2.1. Trường hợp người được hẹn khám lại ... thì ... vẫn là KCB trái tuyến" (a letter's notes under
            # its lead-in): what holds in a case is a rule, not the addressee's task
            _CASE_OR_IF_RE.match(_LABEL_LEAD_RE.sub("", key(text[hs : hs + 50])))
        ):
            found = _Found(addressee, hs, "lead-in", "execute")
            self._add_inherited(found, s.span.start, end, my_path, heading, hs)
            return
        if found is not None and found.how == "heading" and len(letters) > 1 and len(sub_tasks) == len(letters):
            # "1. Trách nhiệm của các Bộ, ngành Trung ương" over "a) Bộ Xây dựng:", "b) Bộ Tài chính:" ...:
            # a heading that groups units which each get their own task is not one more task
            found = None
        if found is not None:
            separate = [(c.span.start, min(c.span.end, end)) for c, _ in sub_tasks]
            ranges = _minus((found.start if found.how != "heading" else hs, end), separate)
            self._add(found, s.span.start, end, my_path, deadline_ranges=ranges)
        for c, f in sub_tasks:
            c_end = min(c.span.end, end)
            self._add(f, c.span.start, c_end, my_path + (c.label,), deadline_ranges=[(f.start, c_end)])

    def _executes(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` says who executes the document. In a legal text, "chịu trách nhiệm
        thực hiện các biện pháp ..." (luat_67 Điều 15.2) is a standing duty with its own object, not that."""
        for m in self.cues.executing.finditer(self.text, start, end):
            if not (self.legal and _OWN_OBJECT_RE.match(self.text, m.end())):
                return True
        return False

    def _executing_clause(self, s: Section, end: int, path: tuple[str, ...]) -> None:
        """The one task of an article that states its effect, then who executes the document."""
        clauses = [c for c in s.children if c.kind in _STRUCTURAL and c.kind != "letter"] or [s]
        for c in clauses:
            c_end = min(c.span.end, end)
            if not self.cues.executing.search(self.text, c.span.start, c_end):
                continue
            ch, chs, che = self.heading(c, c_end)
            f = self._executing_subject(chs, c_end) or self._find(chs, c_end, True, None)
            if f is not None:
                self._add(f, c.span.start, c_end, path + ((c.label,) if c is not s else ()))
            return

    def _effect_article(self, s: Section, end: int, path: tuple[str, ...], every_unit: bool) -> None:
        """The tasks of an article on the document's effect ("Hiệu lực thi hành"): its executing
        clause, and a clause that opens on a unit with a duty ("3. Uỷ ban Nhân dân, Sở Tài chính,
        Thuế các Tỉnh ... có trách nhiệm triển khai ...", tt_58-2026); ``every_unit`` when the article
        is the implementation part itself ("Hiệu lực và trách nhiệm thi hành", tt_34-2025) or under it
        ("MỤC IV. TỔ CHỨC THỰC HIỆN / Điều 15. Hiệu lực thi hành", ttlt_47): every clause naming a unit.
        A clause on difficulties ("Trong quá trình thực hiện, nếu có vướng mắc, ...") stays none
        unless the article is the implementation part."""
        clauses = [c for c in s.children if c.kind in _STRUCTURAL and c.kind != "letter"] or [s]
        for c in clauses:
            c_end = min(c.span.end, end)
            ch, chs, che = self.heading(c, c_end)
            label = (c.label,) if c is not s else ()
            if self.cues.executing.search(self.text, c.span.start, c_end):
                f = self._executing_subject(chs, c_end) or self._find(chs, c_end, True, None)
            elif every_unit:
                f = self._find(chs, c_end, True, (ch, chs, che), openers=False)
            else:
                f = self._subject(chs, c_end, True, openers=False)
                if f is not None and not self.cues.duty.match(self.text[f.units.end : f.units.end + 120]):
                    f = None
            if f is not None:
                self._add(f, c.span.start, c_end, path + label)

    def _executing_subject(self, s: int, e: int) -> _Found | None:
        """The units of an executing sentence that does not open its article: "Điều 2. Quyết định
        này có hiệu lực thi hành kể từ ngày ký. Trưởng ban Ban Tổ chức cán bộ, ... chịu trách
        nhiệm thi hành Quyết định này" (qd_3509)."""
        m = self.cues.executing.search(self.text, s, e)
        if m is None:
            return None
        start = max(self.text.rfind(". ", s, m.start()), self.text.rfind("\n", s, m.start()))
        # the sentence with the cue, or the clause itself when it is that sentence
        start = _skip_punct(self.text, start + 1 if start >= s else s, m.start())
        # a web copy that ran the article's title into its text: "Điều 16. Trách nhiệm thi hành Bộ trưởng Bộ Lao
        # động - Thương binh và Xã hội, ... chịu trách nhiệm thi hành Nghị định này." (nd_75_2021)
        title = _RUN_IN_TITLE_RE.match(self.text, start, m.start())
        if title:
            start = title.end()
        ul = self.reader.read(start, m.start())
        if ul is None or ul.start != start or re.search(r"[.;:]", self.text[ul.end : m.start()]):
            return None
        # the subject is everything before the cue, lower-case words the reader stopped at
        # included ("Trưởng ban Ban Tổ chức cán bộ, Chánh Văn phòng Cục Thuế và ...")
        end = len(self.text[: m.start()].rstrip(" ,"))
        whole = UnitList(ul.start, end, self.text[ul.start : end], ul.units, ul.generic, ul.some_generic)
        return _Found(whole, start, "subject", "execute")

    def _names_own_unit(self, c: Section, end: int, parent: _Found) -> bool:
        """Whether a clause under a unit's heading opens on a unit of its own."""
        c_end = min(c.span.end, end)
        ch, chs, che = self.heading(c, c_end)
        f = self._find(chs, c_end, True, (ch, chs, che), openers=False)
        if f is None or key(f.units.text) == key(parent.units.text):
            return False
        # "3. Trước ngày 15 tháng 01 hàng năm, các bộ, cơ quan ngang bộ, ..." under "Điều 24. Trách nhiệm của
        # bộ, cơ quan ngang bộ, ..." (qd_28): the heading's own units again, not a unit of the clause's own
        theirs = key(parent.units.text)
        mine = [_bare_unit(u.name) for u in f.units.units]
        return not (mine and all(m in theirs for m in mine))

    def _add_inherited(self, found: _Found, start: int, end: int, path: tuple[str, ...], heading: str, hs: int) -> None:
        action = heading or " ".join(self.text[hs : _sentence_end(self.text, hs, end)].split())
        self._add(found, start, end, path, action=action, deadline_ranges=[(hs, end)], supports=[])
        t = self.tasks[-1]
        self.tasks[-1] = replace(t, span=Span(start, end))

    # -- documents without numbered items ------------------------------------------------

    def paragraphs_only(self, start: int) -> None:
        """Tasks of a text without numbered items (a letter): paragraphs that assign (``Đề nghị X
        ...``), and a unit's duty introduced by a colon with the bullets under it (``Giám đốc Sở Lao
        động - Thương binh và Xã hội có trách nhiệm:`` / ``- Phối hợp ...``, cv_5115)."""
        paras = _paragraphs(self.text, start, self.body_end)
        skip_until = -1
        for n, (ps, pe) in enumerate(paras):
            if ps < skip_until:
                continue
            line = key(self.text[ps : ps + 20])
            if line.startswith(("căn cứ", "theo đề nghị", "xét ", "kính gửi", "nơi nhận", "số:", "v/v")):
                continue
            if self.text[ps:pe].rstrip().endswith(":") and not _BULLET_START_RE.match(self.text, ps):
                f = self._subject(ps, pe, True, openers=False)
                if f is not None and _DUTY_COLON_RE.match(self.text, f.units.end, pe):
                    end = pe
                    for bs, be in paras[n + 1 :]:
                        if not _BULLET_START_RE.match(self.text, bs):
                            break
                        end = be
                    self._add(f, ps, end, (), deadline_ranges=[(ps, end)])
                    skip_until = end
                    continue
            f = self._trigger(ps, pe)
            if f is not None and _REPORTED_RE.search(self.text, ps, f.start):
                continue  # "... đã có Công văn số 3395 ... và đề nghị Tổng công ty ..." reports a past request
            if f is not None:
                self._add(f, f.start, pe, ())

    def lead_in(self, first_item: int, start: int = 0) -> tuple[bool, UnitList | None]:
        """(has a lead-in, its addressee) from the paragraph before the first item."""
        paras = _paragraphs(self.text, start, first_item)
        if not paras:
            return False, None
        ps, pe = paras[-1]
        para = self.text[ps:pe].rstrip()
        if not para.endswith(":"):
            return False, None
        # the sentence that ends with the colon introduces the list: "Để thực hiện ..., Bộ Tài chính yêu cầu
        # các đơn vị thực hiện Luật ... Bộ Tài chính hướng dẫn cụ thể một số nội dung như sau:" (a letter
        # whose items are guidance); a bare "Cụ thể như sau:" leaves it to the sentence before
        cuts = [m.end() for m in _SENTENCE_CUT_RE.finditer(para)]
        if cuts:
            last = ps + cuts[-1]
            if len(self.text[last:pe].split()) > 5:
                ps = last
        for m in self.cues.triggers.finditer(self.text, ps, pe):
            ul = self.reader.read(m.end(), pe)
            if ul is not None:
                return True, ul
        # "Ủy ban nhân dân tỉnh yêu cầu:" — a lead-in that names no addressee
        return bool(re.search(r"(?:giao|đề nghị|yêu cầu|kêu gọi)\s*:\s*$", para, re.IGNORECASE)), None


_CASE_OR_IF_RE = re.compile(r"nếu\s|" + _CASE_OPENER_RE.pattern)
_LABEL_LEAD_RE = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*\.?|[a-zđ]\)|[-+•])\s*")
_SENTENCE_CUT_RE = re.compile(r"[.;]\s+(?=[" + UPPER + r"])")


def choose_in_sentence(found: list[Deadline], text: str) -> Deadline | None:
    """The task's deadline: the first one in text order, but a dated one in the same
    sentence wins over an undated first one (``thường xuyên, trọng tâm đến 19/8/2022``)."""
    found = sorted(found, key=lambda d: d.span.start if d.span else 0)
    if not found:
        return None
    first = found[0]
    if first.date or first.span is None:
        return first
    for d in found[1:]:
        if d.date and d.span is not None:
            between = text[first.span.end : d.span.start]
            if not re.search(r"[.;]\s|\n", between):
                return d
            break
    return first


def _plan_deadline(ex: _Extractor, sections: list[Section]) -> Deadline | None:
    """The plan's time frame: a section headed ``Thời gian`` that is no task entry."""
    text = ex.text

    def names_lead(sib: Section, siblings_end: int) -> bool:
        """Whether ``sib`` has a ``chủ trì`` / ``thực hiện`` field: it is a task entry."""
        return any(m.group("role") in ("chủ trì", "thực hiện")
                   for m in ex.cues.fields.finditer(text, sib.span.start, min(sib.span.end, siblings_end)))

    def candidates(nodes: list[Section] | tuple[Section, ...], parent: Section | None) -> Iterator[Section]:
        # a "Thời gian thực hiện" inside a task entry is that task's, not the plan's: an item is
        # skipped when it or one of its non-numbered siblings has a lead field (each looked at once)
        siblings_end = min(parent.span.end, ex.body_end) if parent is not None else 0
        others: bool | None = None
        for n in nodes:
            if n.kind not in _STRUCTURAL or n.kind == "letter" or n.span.start >= ex.body_end:
                continue
            if parent is not None:
                if others is None:
                    others = any(names_lead(sib, siblings_end) for sib in parent.children
                                 if sib.kind not in _STRUCTURAL or sib.kind == "letter")
                if others or names_lead(n, siblings_end):
                    continue
            yield n
            yield from candidates(n.children, n)

    for s in candidates(sections, None):
        end = min(s.span.end, ex.body_end)
        heading, hs, he = ex.heading(s, end)
        if ex.cues.time.match(key(heading)):
            # "3. Thời gian" + its text, or "3. Thời gian thực hiện: Từ năm 2026 - 2030."
            found = find_deadlines(text, hs + heading.find(":") + 1 if ":" in heading else he, end,
                                   doc_date=ex.doc_date, bare=True)
            d = choose_in_sentence(found, text)
            if d is not None:
                return d
    return None


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")


def _consecutive(labels: list[str]) -> bool:
    """Whether top-level labels count up without a gap (``I II III`` or ``1 2 3``)."""
    if all(lab.isdigit() for lab in labels):
        return [int(lab) for lab in labels] == list(range(int(labels[0]), int(labels[0]) + len(labels)))
    return all(lab in _ROMAN for lab in labels) and [_ROMAN.index(lab) for lab in labels] == list(
        range(_ROMAN.index(labels[0]), _ROMAN.index(labels[0]) + len(labels)))


def _outline(text: str, sections: list[Section], body_end: int) -> list[Section]:
    """The outline to walk: the pipeline's, unless the local reader finds the same top level and more.

    tb_627-TB-VPCP: the pipeline's outline ends at ``II. MỘT SỐ YÊU CẦU`` and loses ``III. NHIỆM VỤ
    TRỌNG TÂM`` with all the assignments; the local reader sees I, II, III and their items.
    """
    secs = [s for s in sections if s.kind in _STRUCTURAL]
    local = _local_items(text, body_end)  # made into Sections only if it is walked
    if not secs:
        return _sections(local, body_end)
    labels = [s.label for s in secs]
    local_labels = [n["label"] for n in local]
    if (len(local_labels) > len(labels) and local_labels[: len(labels)] == labels
            and {n["kind"] for n in local} == {s.kind for s in secs} and _consecutive(local_labels)):
        return _sections(local, body_end)
    return secs


_KEM_THEO_RE = re.compile(r"\(\s*(?:Ban\s+hành\s+)?[Kk]èm\s+theo\b[^)]{0,300}\)")
_PROMULGATING_TYPES = ("Quyết định", "Nghị quyết")


def _attachments(ex: _Extractor) -> list[tuple[int, int, bool]]:
    """Bodies of documents printed after the signature and promulgated with it (``KẾ HOẠCH ...
    (Kèm theo Quyết định số ...)``), up to their annexes or signature: ``(start, end, rules)``,
    ``rules`` for a QUY ĐỊNH or QUY CHẾ (only its implementation part assigns tasks)."""
    text = ex.text
    out: list[tuple[int, int, bool]] = []
    pos = ex.body_end
    promulgating = ex.header.type is not None and ex.header.type.value in _PROMULGATING_TYPES
    while True:
        m = ex.cues.attached.search(text, pos)
        if m is None:
            return out
        body = _attached_body_start(text, m.end())
        kem_theo = _KEM_THEO_RE.search(text, m.end(), body)
        if not kem_theo and not (promulgating and not out and pos == ex.body_end):
            pos = m.end()
            continue
        e = ex.cues.attached_end.search(text, body)
        end = e.start() if e else len(text)
        out.append((body, end, m.group("title") in ("QUY ĐỊNH", "QUY CHẾ")))
        pos = end


def _attached_body_start(text: str, pos: int) -> int:
    """Where an attached document's body starts: after its title block (upper-case lines
    and a ``(Kèm theo ...)`` line), at the first line that is neither."""
    while pos < len(text):
        nl = text.find("\n", pos + 1)
        nl = len(text) if nl == -1 else nl
        line = text[pos:nl].strip()
        if line and not _is_upper(line) and not _KEM_THEO_RE.search(line):
            return pos
        pos = nl
    return len(text)


def extract_tasks(text: str, header: Header, sections: list[Section], tables: list[Table] | None = None) -> TaskResult:
    """Tasks, units, defined abbreviations and the plan deadline of a document.

    Args:
        text: The normalized document text (spans point into it).
        header: The header fields; ``header.date`` completes partial dates.
        sections: The body's outline from ``vndocs.extract.outline``; when
            empty, numbered items are read from the text by a small local reader.
        tables: The tables the reader kept (:class:`vndocs.models.Table`): rows of a
            task table (a ``chủ trì`` column) are tasks too.

    Returns:
        A :class:`TaskResult`; tasks in text order.
    """
    ex = _Extractor(text, header)
    secs = _outline(text, sections, ex.body_end)
    if secs:
        has_lead_in, addressee = ex.lead_in(secs[0].span.start)
        ex.walk(secs, (), has_lead_in, addressee)
    else:
        ex.paragraphs_only(0)
    normative = ex.normative
    for a_start, a_end, rules in _attachments(ex):
        # a plan promulgated by the decision (qd_2820): its items are walked like a body of their own;
        # a regulation's provisions are rules outside its implementation part (qd_12)
        ex.body_end = a_end
        ex.normative = rules or normative
        ex.in_article = False  # a new document: the decision's articles are behind
        a_secs = _local_outline(text, a_end, a_start)
        if a_secs:
            has_lead_in, addressee = ex.lead_in(a_secs[0].span.start, a_start)
            ex.walk(a_secs, (), has_lead_in, addressee)
    plan = _plan_deadline(ex, secs)
    placed = [(t.span.start if t.span else len(text), t) for t in ex.tasks]
    if tables:
        # a row the text walk already gave (a task table inside the body) is not given twice
        taken = [t.span for t in ex.tasks if t.span is not None]
        placed.extend(
            (at, t) for at, t in _table_tasks(ex, tables)
            if t.span is None or not any(sp.start <= t.span.start < sp.end for sp in taken)
        )
    tasks = [t for _, t in sorted(placed, key=lambda p: p[0])]  # stable: table order kept
    if plan is not None:
        inherited = replace(plan, inherited=True, span=None)
        tasks = [t if t.deadline is not None else replace(t, deadline=inherited) for t in tasks]
    return TaskResult(tasks=tasks, units=_units(tasks), abbreviations=ex.learned, plan_deadline=plan)


def _units(tasks: list[Task]) -> list[Unit]:
    """Every unit the tasks name, once (by canonical key), lead before support."""
    out: dict[str, Unit] = {}
    for t in tasks:
        for u in t.units:
            k = key(u.canonical or u.name)
            if k not in out or (out[k].role != "lead" and u.role == "lead"):
                out[k] = u
    return list(out.values())
