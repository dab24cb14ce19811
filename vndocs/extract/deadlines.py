"""Deadlines: ``trước ngày 15/12/2025``, ``quý III/2022``, ``thường xuyên``...

Pure functions over text; the phrase patterns are data in
``vndocs/data/deadline_phrases.json``. Every deadline is normalized to the
last day of its period (DOMAIN.md §4, shared/eval/README.md "Tasks"):
``tháng 8/2022`` -> 2022-08-31, ``quý III/2022`` -> 2022-09-30, ``năm 2025`` ->
2025-12-31; recurring and open wording keeps its text with ``date=None``;
a partial date (``trước ngày 30/9``) takes its year from the document's date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from vndocs.models import Deadline, Span
from vndocs.vocab import load

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
# page furniture of Công báo text: never a deadline
_FURNITURE_RE = re.compile(r"^(?:CÔNG BÁO/Số.*|Ký bởi:.*|\s*\d{1,4}\s*)$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class _Pattern:
    name: str
    kind: str
    bare: bool
    regex: re.Pattern[str]
    future_only: bool = False
    """Only a date after the document's own is a deadline (``vào ngày ...``)."""
    digits: int = 0
    """Every match contains this many digits in a row (``năm 2025``: 4), so a text without such a
    run is not searched."""


@lru_cache(maxsize=1)
def patterns() -> tuple[_Pattern, ...]:
    """The compiled deadline patterns, in priority order."""
    data = load("deadline_phrases")
    date = data["month_day"]
    out = []
    for p in data["patterns"]:
        src = p["pattern"].replace("@DATE@", date)
        out.append(_Pattern(p["name"], p["kind"], p["bare"], re.compile(src, re.IGNORECASE),
                            bool(p.get("future_only")), _digit_run(src)))
    return tuple(out)


def _digit_run(pattern: str) -> int:
    """How many consecutive digits every match of ``pattern`` contains (0: maybe none), read from
    its parse tree: ``năm (?P<y>\\d{4})`` -> 4.

    Most task texts name no date, and most that have digits have no year: a pattern that
    needs a run the text does not have is skipped by one search instead of scanning the text.
    """
    try:
        from re import _constants as sc  # type: ignore[attr-defined]
        from re import _parser as sp  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_constants as sc  # type: ignore[no-redef]
        import sre_parse as sp  # type: ignore[no-redef]

    def is_digit(op: Any, av: Any) -> bool:
        if op is sc.LITERAL:
            return chr(av) in "0123456789"
        return op is sc.IN and bool(av) and all(  # a class of digits only
            (o is sc.CATEGORY and a is sc.CATEGORY_DIGIT)
            or (o is sc.LITERAL and chr(a) in "0123456789")
            or (o is sc.RANGE and chr(a[0]) >= "0" and chr(a[1]) <= "9")
            for o, a in av
        )

    def in_sequence(items: Any) -> int:
        return max((in_item(op, av) for op, av in items), default=0)

    def in_item(op: Any, av: Any) -> int:
        if op in (sc.LITERAL, sc.IN):
            return 1 if is_digit(op, av) else 0
        if op is sc.SUBPATTERN:
            return in_sequence(av[-1])
        if op is sc.BRANCH:
            return min(in_sequence(alt) for alt in av[1])
        if op in (sc.MAX_REPEAT, sc.MIN_REPEAT) and av[0] >= 1:
            inner = list(av[2])
            if len(inner) == 1 and is_digit(*inner[0]):
                return int(av[0])  # \\d{4}: that many digits in a row
            return in_sequence(inner)
        return 0  # anything else: assume it can match without a digit

    return in_sequence(sp.parse(pattern, re.IGNORECASE))


@cache
def _digits_re(count: int) -> re.Pattern[str]:
    return re.compile(rf"\d{{{count}}}")


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _doc_date(doc_date: str | None) -> dt.date | None:
    if not doc_date:
        return None
    try:
        return dt.date.fromisoformat(doc_date)
    except ValueError:
        return None


def _normalize(p: _Pattern, m: re.Match[str], doc_date: dt.date | None) -> tuple[str | None, str | None, str]:
    """(ISO date, period, kind) of one match."""
    g = m.groupdict()
    kind = p.kind
    try:
        if kind == "exact":
            d = g.get("d") or g.get("d2")
            mo = g.get("m") or g.get("m2")
            y = g.get("y") or g.get("y2")
            if not d or not mo:
                return None, None, "open"
            if y:
                return _iso(dt.date(int(y), int(mo), int(d))), None, "exact"
            if doc_date is None:
                return None, None, "exact"
            cand = dt.date(doc_date.year, int(mo), int(d))
            if cand < doc_date:
                cand = dt.date(doc_date.year + 1, int(mo), int(d))
            return _iso(cand), None, "exact"
        if kind == "period":
            if g.get("q"):
                q = _ROMAN.get(g["q"].upper()) or int(g["q"])
                y = int(g["y"])
                return _iso(_last_day(y, 3 * q)), f"{y}-Q{q}", "period"
            if g.get("n") and g.get("part"):
                y, n = int(g["y"]), int(g["n"])
                first = g["part"].lower() == "đầu"
                month = n if first else 12
                # 6 tháng đầu năm -> 2023-H1; 6 tháng cuối năm -> 2023-H2; 9 tháng đầu năm -> 2023-01/2023-09
                if n == 6:
                    period = f"{y}-H{1 if first else 2}"
                else:
                    period = f"{y}-01/{y}-{n:02d}" if first else f"{y}-{13 - n:02d}/{y}-12"
                return _iso(_last_day(y, month)), period, "period"
            if g.get("y1"):
                return _iso(dt.date(int(g["y2"]), 12, 31)), f"{g['y1']}/{g['y2']}", "period"
            if g.get("m"):
                y, mo = int(g["y"]), int(g["m"])
                return _iso(_last_day(y, mo)), f"{y}-{mo:02d}", "period"
            y = int(g["y"])
            return _iso(dt.date(y, 12, 31)), str(y), "period"
        if kind == "relative":
            frm = (g.get("from") or "").lower()
            if doc_date and not g.get("work") and re.match(r"(?:ký|ban hành)", frm):
                return _iso(doc_date + dt.timedelta(days=int(g["n"]))), None, "relative"
            return None, None, "relative"
    except (ValueError, KeyError):
        return None, None, "open"
    return None, None, kind


_IN_FORCE_BEFORE_RE = re.compile(r"hiệu\s+lực(?:\s+thi\s+hành)?\s*$", re.I)

# a recurrence said earlier in the sentence of a day-and-month date ("định kỳ hàng năm ... trước ngày 31 tháng 12")
_RECURS_BEFORE_RE = re.compile(r"(?:hằng|hàng|mỗi)\s+năm|định\s+kỳ", re.I)


def find_deadlines(text: str, start: int = 0, end: int | None = None, *, doc_date: str | None = None,
                   bare: bool = False) -> list[Deadline]:
    """Deadlines written in ``text[start:end]``, in text order, without overlaps.

    Args:
        text: The normalized document text (spans point into it).
        start: First offset searched.
        end: End of the searched range (default: end of text).
        doc_date: ISO date of the document, to complete ``trước ngày 30/9``.
        bare: Inside a time field: also read ``Năm 2025``, ``tháng 8/2022`` without a trigger word.

    Returns:
        Deadlines sorted by position.
    """
    end = len(text) if end is None else end
    segment = _FURNITURE_RE.sub(lambda m: " " * len(m.group()), text[start:end])
    ddate = _doc_date(doc_date)
    has_run: dict[int, bool] = {}  # digits in a row -> whether the segment has such a run
    taken: list[tuple[int, int]] = []
    found: list[Deadline] = []
    for p in patterns():
        if p.bare and not bare:
            continue
        if p.digits:
            if p.digits not in has_run:
                has_run[p.digits] = _digits_re(p.digits).search(segment) is not None
            if not has_run[p.digits]:
                continue
        for m in p.regex.finditer(segment):
            s, e = m.start("text"), m.end("text")
            if any(s < te and ts < e for ts, te in taken):
                continue
            # a word must not continue before the match (``...trước`` inside another word)
            if s > 0 and segment[s - 1].isalnum():
                continue
            if _IN_FORCE_BEFORE_RE.search(segment, max(0, s - 30), s):
                # "văn bản ... có hiệu lực trước ngày 01 tháng 3 năm 2027" (nd_122-2025 Điều 10): when a
                # text takes effect, not a deadline
                continue
            date, period, kind = _normalize(p, m, ddate)
            if kind == "exact" and date and not (m.groupdict().get("y") or m.groupdict().get("y2")) and _RECURS_BEFORE_RE.search(
                segment, max(0, segment.rfind(". ", 0, s), segment.rfind(";", 0, s), s - 600), s
            ):
                # "định kỳ hàng năm báo cáo ... trước ngày 31 tháng 12" (qd_28): every year, no one date
                date, kind = None, "recurring"
            if p.future_only and (date is None or ddate is None or date <= ddate.isoformat()):
                continue
            taken.append((s, e))
            found.append(Deadline(date=date, text=" ".join(m.group("text").split()), kind=kind,
                                  period=period, span=Span(start + s, start + e)))
    found.sort(key=lambda d: d.span.start if d.span else 0)
    return found


def choose(deadlines: list[Deadline]) -> Deadline | None:
    """The deadline of a task: the first dated one in text order, else the first one."""
    for d in deadlines:
        if d.date:
            return d
    return deadlines[0] if deadlines else None


def parse_deadline(text: str, *, doc_date: str | None = None, bare: bool = True) -> Deadline | None:
    """The deadline a short phrase gives (``Hoàn thành trong năm 2025`` -> 2025-12-31), or None."""
    return choose(find_deadlines(text, doc_date=doc_date, bare=bare))
