"""Word's automatic list numbering, rendered as the reader would see it printed.

A paragraph of a .docx may carry its label ("I.", "1.", "a)", "-", "Điều 3.")
not in its text but in a numbering definition (``word/numbering.xml``): the
paragraph (or its style) names a list (``w:numId``) and a level (``w:ilvl``),
the list points to an abstract definition whose level says where to start, in
which format to count (decimal, Roman, letters, bullet) and how to print the
label (``w:lvlText``, "%1." with ``%n`` the counter of level n). python-docx
gives the text without it; the outline and the tasks need it.

Counting follows Word: lists that share an abstract definition share their
counters (a new list continues the count unless it restarts it with
``w:startOverride``), a level restarts each time a higher level is printed.
"""

from __future__ import annotations

from dataclasses import dataclass

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVELS = 9

# bullets of symbol fonts (Symbol, Wingdings) live in the private use area
_PRIVATE_BULLET = "•"


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str
    suffix: str
    legal: bool


def _val(el: object, tag: str) -> str | None:
    child = el.find(_W + tag)  # type: ignore[attr-defined]
    return child.get(_W + "val") if child is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word's letter counting: a..z, then aa..zz, aaa..zzz
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_counter(n: int, fmt: str) -> str:
    """A counter in a ``w:numFmt`` format (unknown formats count in decimal)."""
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


class Numbering:
    """Labels of automatically numbered paragraphs, in document order (call :meth:`label` once per paragraph)."""

    def __init__(self, numbering_xml: object | None, styles_xml: object | None) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._lists: dict[str, tuple[str, dict[int, int]]] = {}
        self._style_num: dict[str, tuple[str | None, int | None]] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._started: set[str] = set()
        if numbering_xml is not None:
            self._read_numbering(numbering_xml)
        if styles_xml is not None:
            self._read_styles(styles_xml)

    def __bool__(self) -> bool:
        return bool(self._lists)

    def _read_numbering(self, root: object) -> None:
        for an in root.iter(_W + "abstractNum"):  # type: ignore[attr-defined]
            levels: dict[int, _Level] = {}
            for lvl in an.iter(_W + "lvl"):
                ilvl = _int(lvl.get(_W + "ilvl"), 0)
                text_el = lvl.find(_W + "lvlText")
                levels[ilvl] = _Level(
                    start=_int(_val(lvl, "start"), 1),
                    fmt=_val(lvl, "numFmt") or "decimal",
                    text=(text_el.get(_W + "val") or "") if text_el is not None else "",
                    suffix=_val(lvl, "suff") or "tab",
                    legal=lvl.find(_W + "isLgl") is not None,
                )
            self._abstract[an.get(_W + "abstractNumId")] = levels
        for num in root.iter(_W + "num"):  # type: ignore[attr-defined]
            abs_id = _val(num, "abstractNumId")
            if abs_id is None:
                continue
            overrides = {}
            for ov in num.iter(_W + "lvlOverride"):
                start = _val(ov, "startOverride")
                if start is not None:
                    overrides[_int(ov.get(_W + "ilvl"), 0)] = _int(start, 1)
            self._lists[num.get(_W + "numId")] = (abs_id, overrides)

    def _read_styles(self, root: object) -> None:
        by_id = {st.get(_W + "styleId"): st for st in root.iter(_W + "style")}  # type: ignore[attr-defined]

        def num_of(sid: str | None, depth: int = 0) -> tuple[str | None, int | None]:
            if sid is None or depth > 10 or sid not in by_id:
                return None, None
            st = by_id[sid]
            npr = st.find(f"{_W}pPr/{_W}numPr")
            if npr is not None and _val(npr, "numId") is not None:
                ilvl = _val(npr, "ilvl")
                return _val(npr, "numId"), _int(ilvl, 0) if ilvl is not None else None
            based = st.find(_W + "basedOn")
            return num_of(based.get(_W + "val") if based is not None else None, depth + 1)

        for sid in by_id:
            num_id, ilvl = num_of(sid)
            if num_id is not None:
                self._style_num[sid] = (num_id, ilvl)

    def label(self, p: object, style: str | None) -> str:
        """The printed label of paragraph ``p`` ("" when it has none), counting it."""
        if not self._lists:
            return ""
        npr = p.find(f"{_W}pPr/{_W}numPr")  # type: ignore[attr-defined]
        num_id = _val(npr, "numId") if npr is not None else None
        ilvl_s = _val(npr, "ilvl") if npr is not None else None
        if num_id is None and style in self._style_num:
            num_id, style_ilvl = self._style_num[style]
            if ilvl_s is None and style_ilvl is not None:
                ilvl_s = str(style_ilvl)
        if num_id is None or num_id == "0" or num_id not in self._lists:
            return ""
        ilvl = min(max(_int(ilvl_s, 0), 0), _LEVELS - 1)
        abs_id, overrides = self._lists[num_id]
        levels = self._abstract.get(abs_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(abs_id, [None] * _LEVELS)
        if num_id not in self._started:
            self._started.add(num_id)
            for lv, start in overrides.items():
                if 0 <= lv < _LEVELS:
                    counters[lv] = start - 1  # the next paragraph of that level prints ``start``
                    for deeper in range(lv + 1, _LEVELS):
                        counters[deeper] = None
        level = levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            counters[deeper] = None
        if level.fmt == "bullet":
            text = "".join(_PRIVATE_BULLET if 0xE000 <= ord(c) <= 0xF8FF else c for c in level.text)
        else:
            text = level.text
            for n in range(_LEVELS, 0, -1):
                token = f"%{n}"
                if token not in text:
                    continue
                lv = levels.get(n - 1)
                value = counters[n - 1]
                if value is None:
                    value = lv.start if lv else 1
                fmt = "decimal" if level.legal and n - 1 < ilvl else (lv.fmt if lv else "decimal")
                text = text.replace(token, format_counter(value, fmt))
        text = text.strip()
        if not text:
            return ""
        return text + ("" if level.suffix == "nothing" else " ")
