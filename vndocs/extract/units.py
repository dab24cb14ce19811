"""Responsible units: ``Ủy ban nhân dân tỉnh``, ``Sở Khoa học và Công nghệ``, ``các sở, ban, ngành``...

A unit name is read token by token from a position (DOMAIN.md §4):

* optional quantifier (``các``), optional position (``Chủ tịch``, ``Giám đốc``);
* a head noun from ``vndocs/data/units.json`` (``Sở``, ``Ủy ban nhân dân``,
  ``Ban Thường vụ``, ``các tổ chức chính trị - xã hội``...);
* a name tail: capitalized words (``Khoa học và Công nghệ``), commas and ``và``
  between capitalized words (``Văn hóa, Thể thao và Du lịch`` stays one
  name), localities (``tỉnh``, ``các xã, phường``), modifiers (``có liên
  quan``, ``trực thuộc Trung ương``) and a bracket after the name.

The name ends at the first word that is none of these: in official style the
action that follows (``chủ trì``, ``đẩy mạnh``, ``có trách nhiệm``) is lower
case. A list of units joined by ``,``, ``;`` or ``và`` is split into units,
the ellipsis ``các chi, đảng bộ cơ sở`` is expanded, and a trailing locality
(``... và các tổ chức chính trị - xã hội huyện``) is distributed to the units
before it. All matching goes through :func:`vndocs.normalize.key`.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple, overload

from vndocs.models import Span, Unit
from vndocs.normalize import key
from vndocs.vocab import load

# words, with & inside (TT&TT), or single punctuation marks
_TOKEN_RE = re.compile(r"[^\W_]+(?:&[^\W_]+)*|[^\w\s]")
_PREPOSITION_END = {"từ", "đến", "ở", "thuộc", "của", "trực thuộc", "là", "làm", "được giao làm", "được giao nhiệm vụ"}
_MAX_WINDOW = 700
# actions that end a name even when capitalized at the start of a line (Công báo text keeps single line breaks):
# qd_982 "4. Bộ Ngoại giao \nĐồng chủ trì với Bộ Khoa học và Công nghệ ..."
_PROVINCE_HEADS = [("tỉnh",), ("thành", "phố")]
_ACTION_STARTS = [("đồng", "chủ", "trì"), ("chủ", "trì"), ("phối", "hợp"), ("có", "trách", "nhiệm"),
                  ("chịu", "trách", "nhiệm")]


_COMMITTEE_FIRST = frozenset({"tỉnh", "huyện", "thành", "quận", "thị", "đảng", "xã"})


# heads that are verbs too: alone, with nothing that names the body, they open a sentence
_VERB_HEADS = frozenset({("thanh", "tra"), ("kiểm", "toán")})


def _committee_at(toks: TokenWindow, j: int) -> bool:
    """A Party committee named by its level, in lower case: "tỉnh ủy", "thành ủy", "đảng ủy"."""
    return (j >= 0 and toks.fits(j + 2) and toks[j].key in _COMMITTEE_FIRST
            and toks[j + 1].key in ("ủy", "uỷ") and toks[j].end + 1 == toks[j + 1].start)


class Tok(NamedTuple):
    """A token of the window being read (a named tuple: reads make many and look at few)."""

    text: str
    start: int
    end: int
    key: str
    is_word: bool
    """Whether the token is a word (not punctuation)."""
    is_cap: bool
    """Capitalized word (``Khoa``, ``UBND``)."""


def _tok(m: re.Match[str]) -> Tok:
    text = m.group()
    first = text[0]
    return Tok(text, m.start(), m.end(), key(text), first.isalnum(), first.isupper())


@dataclass(slots=True)
class _Phrases:
    quantifiers: list[tuple[str, ...]]
    positions: list[tuple[str, ...]]
    heads: dict[tuple[str, ...], str]
    localities: list[tuple[str, ...]]
    modifiers: list[tuple[str, ...]]
    ellipses: dict[tuple[str, ...], tuple[str, ...]]


def _toks(s: str) -> tuple[str, ...]:
    return tuple(key(m.group()) for m in _TOKEN_RE.finditer(s))


@lru_cache(maxsize=1)
def phrases() -> _Phrases:
    """The word lists of ``units.json`` as token-key tuples, longest first."""
    data = load("units")

    def by_len(xs: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
        return sorted(xs, key=len, reverse=True)

    return _Phrases(
        quantifiers=by_len([_toks(q) for q in data["quantifiers"]]),
        positions=by_len([_toks(p["name"]) for p in data["positions"]]),
        heads={_toks(h["name"]): h["kind"] for h in data["heads"]},
        localities=by_len([_toks(x) for x in data["localities"]]),
        modifiers=by_len([_toks(m["text"]) for m in data["modifiers"]]),
        ellipses={_toks(e["text"]): tuple(e["expands"]) for e in data["ellipses"]},
    )


@lru_cache(maxsize=1)
def _heads_by_len() -> list[tuple[str, ...]]:
    return sorted(phrases().heads, key=len, reverse=True)


@lru_cache(maxsize=1)
def _first_keys() -> frozenset[str]:
    """Keys a unit list can start with: the first token of a quantifier, position, head,
    ellipsis or province word (a unit needs a head or a position, after a quantifier at most)."""
    ph = phrases()
    tables = (ph.quantifiers, ph.positions, ph.heads, ph.ellipses, _PROVINCE_HEADS)
    return frozenset(p[0] for table in tables for p in table if p)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """Tokens of ``text[start:end]`` with absolute offsets."""
    end = len(text) if end is None else end
    # _TOKEN_RE has no anchors or lookarounds: matching inside [start, end) is matching the slice
    return [_tok(m) for m in _TOKEN_RE.finditer(text, start, end)]


class TokenWindow(Sequence[Tok]):
    """The tokens of ``text[start:stop]``, made when first looked at.

    A read looks at a few tokens of a window that can hold a hundred (a name ends at the
    first word that cannot continue it), so making every token up front was most of the
    cost of a read. The reading rules ask :meth:`fits` ("are there ``count`` tokens?")
    rather than ``len()``, which has to make them all.
    """

    __slots__ = ("_made", "_matches", "keys")

    def __init__(self, text: str, start: int, stop: int) -> None:
        self._made: list[Tok] = []
        self.keys: list[str] = []
        """The keys of the tokens made so far (phrase tables are matched on them)."""
        # _TOKEN_RE has no anchors or lookarounds: matching inside [start, stop) is matching the slice
        self._matches = _TOKEN_RE.finditer(text, start, stop)

    def fits(self, count: int) -> bool:
        """Whether the window has at least ``count`` tokens."""
        made = self._made
        if count <= len(made):
            return True
        for m in self._matches:
            tok = _tok(m)
            made.append(tok)
            self.keys.append(tok.key)
            if len(made) >= count:
                return True
        return False

    def __len__(self) -> int:
        self.fits(sys.maxsize)
        return len(self._made)

    @overload
    def __getitem__(self, i: int) -> Tok: ...

    @overload
    def __getitem__(self, i: slice) -> list[Tok]: ...

    def __getitem__(self, i: int | slice) -> Tok | list[Tok]:
        made = self._made
        if type(i) is int and 0 <= i < len(made):
            return made[i]
        if isinstance(i, slice):
            if (i.start or 0) >= 0 and i.stop is not None and i.stop >= 0 and i.step is None:
                self.fits(i.stop)
            else:
                len(self)
            return made[i]
        if i >= 0 and self.fits(i + 1):
            return made[i]
        len(self)  # all made: a negative index, or IndexError past either end, as for a list
        return made[i]


_INDEXES: dict[int, dict[str, list[tuple[str, ...]]]] = {}


def _index(table: list[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases of ``table`` by their first token (longest first); built once per table."""
    idx = _INDEXES.get(id(table))
    if idx is None:
        idx = {}
        for ph in table:
            if ph:
                idx.setdefault(ph[0], []).append(ph)
        for lst in idx.values():
            lst.sort(key=len, reverse=True)
        _INDEXES[id(table)] = idx
    return idx


def _match(toks: TokenWindow, i: int, table: list[tuple[str, ...]]) -> int:
    """Length of the longest phrase of ``table`` at token ``i`` (0 if none)."""
    keys = toks.keys
    if i >= len(keys) and not toks.fits(i + 1):
        return 0
    for ph in _index(table).get(keys[i], ()):
        n = len(ph)
        if n == 1 or ((i + n <= len(keys) or toks.fits(i + n)) and tuple(keys[i : i + n]) == ph):
            return n
    return 0


@dataclass(slots=True)
class _RawUnit:
    start: int  # token index
    end: int  # token index (exclusive)
    head_kind: str | None
    specific: bool = False
    expands: tuple[str, ...] = ()
    expand_at: int = 0  # token index where the ellipsis starts
    expand_end: int = 0
    locality_at: int | None = None  # token index of a trailing distributable locality


@dataclass(slots=True)
class UnitList:
    """Units read at one place: the list as written and the units in it."""

    start: int
    """Offset of the first character of the list."""
    end: int
    """Offset after the last character of the list."""
    text: str
    """The list as written (the assignee text)."""
    units: list[Unit] = field(default_factory=list)
    """The units, ellipses expanded and shared locality distributed."""
    generic: bool = False
    """True when every unit is generic (``các cơ quan, đơn vị``)."""
    some_generic: bool = False
    """True when at least one unit is generic (``các sở, ngành liên quan và UBND các xã``)."""


class UnitReader:
    """Reads unit names in one text (tokenizes windows on demand)."""

    def __init__(self, text: str, learned: dict[str, str] | None = None) -> None:
        self.text = text
        self.learned = learned or {}
        self.ph = phrases()
        self._tag_cache: dict[tuple[int, int], set[int]] = {}
        self._reads: dict[tuple[int, int | None], UnitList | None] = {}

    # -- single unit ---------------------------------------------------------

    def _is_starter(self, toks: TokenWindow, i: int) -> bool:
        """Whether a new unit (head, position or quantifier) starts at ``i``."""
        return bool(
            _match(toks, i, _heads_by_len())
            or _match(toks, i, self.ph.positions)
            or (_match(toks, i, self.ph.quantifiers) and _match(toks, i + 1, _heads_by_len()))
        )

    def _unit(self, toks: TokenWindow, i: int, first: bool = False) -> _RawUnit | None:
        ph = self.ph
        j = i
        j += _match(toks, j, ph.quantifiers)
        npos = _match(toks, j, ph.positions)
        j += npos
        if npos:
            j += _match(toks, j, ph.quantifiers)
        expands: tuple[str, ...] = ()
        exp_at = exp_end = 0
        for ell, exp in ph.ellipses.items():
            if toks.fits(j + len(ell)) and all(toks[j + k].key == ell[k] for k in range(len(ell))):
                expands, exp_at, exp_end = exp, j, j + len(ell)
                break
        if expands:
            nh = exp_end - j
            kind: str | None = "party"
        else:
            nh = _match(toks, j, _heads_by_len())
            kind = ph.heads.get(tuple(t.key for t in toks[j : j + nh])) if nh else None
        # "Báo cáo", "ban hành", "bộ máy": the head syllable starts another word
        if (nh == 1 and toks.fits(j + 2) and toks[j + 1].is_word and not toks[j + 1].is_cap
                and f"{toks[j].key} {toks[j + 1].key}" in dictionary()):
            nh = 0
        if not nh and not npos:
            # a province or city named as the assignee (tb_627 "Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng khẩn
            # trương ...", "Thành phố Hồ Chí Minh, tỉnh Lâm Đồng đẩy nhanh ..."): the locality word is the head
            m = _match(toks, j, _PROVINCE_HEADS)
            if m and toks.fits(j + m + 1) and toks[j + m].is_cap and not self._is_starter(toks, j + m):
                nh, kind = m, "state"
        if not nh:
            if not npos:
                return None
            kind = "position"  # "Chánh Thanh tra tỉnh", "Trưởng ban Tuyên giáo Huyện ủy", "Bộ trưởng"
        head_start = j
        j += nh
        # a capitalized head after a quantifier ("Các Bộ", "các Sở") names specific bodies
        specific = kind != "generic" or npos > 0 or (toks[head_start].is_cap and head_start > i)
        u = _RawUnit(i, j, kind, specific=specific, expands=expands,
                     expand_at=exp_at, expand_end=exp_end)
        lone_ok = first is False or j - i > nh or kind != "generic" or nh > 2
        cap_tail = any(t.is_cap for t in toks[head_start + 1 : j]) and kind != "generic"
        loc_blocked = False
        while toks.fits(j + 1):
            t = toks[j]
            # a nested head inside the name: "Văn phòng Ban chỉ đạo", "Chánh Văn phòng UBND tỉnh"
            if t.is_word and t.is_cap and not _match(toks, j, ph.positions) and not _match(toks, j, _ACTION_STARTS):
                nested = _match(toks, j, _heads_by_len())
                j += max(1, nested, self._word_len(toks, j))
                cap_tail = True
                u.specific = True
                continue
            if cap_tail and t.key == "khám":
                # "Cục Quản lý khám, chữa bệnh", "... khám bệnh, chữa bệnh": the activity in lower case
                k = j + 1 + (1 if toks.fits(j + 2) and toks[j + 1].key == "bệnh" else 0)
                if toks.fits(k + 3) and toks[k].text == "," and toks[k + 1].key == "chữa" and toks[k + 2].key == "bệnh":
                    j = k + 3
                    continue
            if cap_tail and j > 0 and toks[j - 1].key == "hiểm" and toks.fits(j + 2) and (
                (t.key, toks[j + 1].key) in (("y", "tế"), ("xã", "hội"))
            ):
                # "Vụ Bảo hiểm y tế", "Ban Thu - Bảo hiểm xã hội": the insurance's kind in lower case ends the name
                j += 2
                continue
            if _committee_at(toks, j):
                # "Ban tuyên giáo và dân vận tỉnh ủy, thành ủy" (qd_1147): a Party committee in lower case
                j += 2
                cap_tail = True
                continue
            if t.text == "," and _committee_at(toks, j + 1) and toks.fits(j + 3) and _committee_at(toks, j - 2):
                j += 1  # ", thành ủy" after "tỉnh ủy"
                continue
            m = _match(toks, j, ph.localities)
            if m:
                # "huyện" can be shared by the units before; "các xã, phường" cannot
                if not loc_blocked and (j == 0 or toks[j - 1].key != "các"):
                    u.locality_at = j
                else:
                    u.locality_at, loc_blocked = None, True
                j += m
                continue
            if t.key == "các" and _match(toks, j + 1, ph.localities):
                u.locality_at, loc_blocked = None, True
                j += 1
                continue
            m = _match(toks, j, ph.modifiers)
            if m:
                mod = " ".join(tok.key for tok in toks[j : j + m])
                if mod in _PREPOSITION_END:
                    k = j + m
                    ok = toks.fits(k + 1) and (
                        toks[k].is_cap or _match(toks, k, ph.localities) or self._is_starter(toks, k)
                        or toks[k].key == "các"
                    )
                    if not ok:
                        break
                    if not toks[k].is_cap and not _match(toks, k, ph.localities):
                        inner = self._unit(toks, k)
                        if inner is None:
                            break
                        j = inner.end
                        continue
                j += m
                continue
            if t.key == "và" and toks.fits(j + 2):
                nxt = toks[j + 1]
                if nxt.is_word and nxt.is_cap and not self._is_starter(toks, j + 1):
                    j += 1
                    cap_tail = True
                    continue
                break
            if t.text == "," and toks.fits(j + 2):
                nxt = toks[j + 1]
                if j > 0 and toks[j - 1].key in ("khám", "bệnh") and toks.fits(j + 3) and (
                    nxt.key == "chữa" and toks[j + 2].key == "bệnh"
                ):
                    # "Cục Quản lý Khám, chữa bệnh", "Cơ sở khám bệnh, chữa bệnh": one activity's name
                    j += 3
                    continue
                if cap_tail and nxt.is_word and nxt.is_cap and not self._is_starter(toks, j + 1):
                    j += 1
                    continue
                if _match(toks, j + 1, ph.localities) and u.locality_at is not None or (
                    _match(toks, j + 1, ph.localities) and j > 0 and _match(toks, j - 1, ph.localities)
                ):
                    j += 1
                    continue
                if kind == "generic" and not cap_tail:
                    m2 = _match(toks, j + 1, _heads_by_len())
                    if m2 and ph.heads.get(tuple(x.key for x in toks[j + 1 : j + 1 + m2])) == "generic":
                        j += 1 + m2
                        continue
                break
            if t.text == ":" and toks.fits(j + 2) and toks[j + 1].is_cap and toks[j - 1].key in ("bộ", "sở", "ban"):
                # "Các Bộ: Quốc phòng, Công an" — a list under one head
                j += 1
                cap_tail = True
                continue
            if t.text == "/" and toks.fits(j + 2) and _match(toks, j + 1, ph.localities):
                j += 1  # "UBND các xã/phường" (kh_0134)
                continue
            if t.text in ("-", "–", "—") and toks.fits(j + 2) and toks[j + 1].is_word:
                j += 1 if toks[j + 1].is_cap else 2
                continue
            if kind == "generic" and not cap_tail and t.is_word:
                m2 = _match(toks, j, _heads_by_len())
                if m2 and ph.heads.get(tuple(x.key for x in toks[j : j + m2])) == "generic":
                    j += m2  # "các tổ chức cá nhân có liên quan"
                    continue
            if t.text == "(":
                close = next((k for k in range(j + 1, j + 40) if toks.fits(k + 1) and toks[k].text == ")"), None)
                if close is None:
                    break
                j = close + 1
                continue
            break
        # never end on a connector
        while j > u.start + 1 and toks[j - 1].text in ",;-:(" or (j > u.start + 1 and toks[j - 1].key == "và"):
            j -= 1
        u.end = j
        if not lone_ok and j == head_start + nh:
            return None  # a lone generic noun opening a list: "Tổ chức theo dõi ..." is a verb
        if first and j == head_start + nh and tuple(t.key for t in toks[head_start:j]) in _VERB_HEADS:
            return None  # "5. Thanh tra, kiểm tra, giải quyết khiếu nại ..." (qd_28): the verb, not an inspectorate
        if kind == "position" and j == head_start and not (
            not toks.fits(j + 1) or toks[j].text in ",;:(" or toks[j].key == "và"
        ):
            return None  # a position with nothing after it must end a list item ("Bộ trưởng, ...")
        return u

    def _word_len(self, toks: TokenWindow, i: int) -> int:
        """Syllables of the word starting at capitalized token ``i`` (``Tài chính`` -> 2).

        Official names capitalize only a word's first syllable, so where the
        name ends depends on where the word ends: the dictionary decides; when
        it does not know the word, the POS tagger does (if enabled).
        """
        t = toks[i]
        if len(t.text) > 1 and t.text.isupper():  # an acronym: UBND, TT&TT
            return 1
        words = dictionary()
        for k in (4, 3, 2):
            if (toks.fits(i + k) and all(x.is_word for x in toks[i : i + k])
                    and " ".join(x.key for x in toks[i : i + k]) in words):
                return k
        nxt = toks[i + 1] if toks.fits(i + 2) else None
        if nxt is None or not nxt.is_word or nxt.is_cap or not words:
            return 1
        if pos_enabled():
            return self._tagged_word_len(toks, i)
        return 1

    def _tagged_word_len(self, toks: TokenWindow, i: int) -> int:
        starts = self._word_starts(toks[0].start, toks[-1].end)
        k = 1
        while toks.fits(i + k + 1) and toks[i + k].is_word and toks[i + k].start not in starts:
            k += 1
        return k

    def _word_starts(self, start: int, end: int) -> set[int]:
        cache_key = (start, end)
        if cache_key not in self._tag_cache:
            self._tag_cache[cache_key] = word_starts(self.text, start, end)
        return self._tag_cache[cache_key]

    # -- lists ----------------------------------------------------------------

    def read(self, pos: int, end: int | None = None) -> UnitList | None:
        """The unit list that starts exactly at ``pos`` (after spaces), or None.

        The tasks rules read the same place several times (as a heading, then as a
        paragraph's subject): a read is done once per reader.

        Args:
            pos: Offset in the text.
            end: Do not read past this offset (defaults to the end of the sentence).
        """
        args = (pos, end)
        if args not in self._reads:
            self._reads[args] = self._read(pos, end)
        return self._reads[args]

    def _read(self, pos: int, end: int | None) -> UnitList | None:
        text = self.text
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        stop = min(len(text), pos + _MAX_WINDOW if end is None else end)
        # most places start no unit: look at the first token first (the logical line ends at a
        # newline, which no token crosses, so the token is the same in the line)
        first_tok = _TOKEN_RE.match(text, pos, stop)
        if first_tok is None or key(first_tok.group()) not in _first_keys():
            return None
        stop = logical_end(text, pos, stop)
        toks = TokenWindow(text, pos, stop)
        raws: list[_RawUnit] = []
        seps: list[str] = []
        first = self._unit(toks, 0, first=True)
        if first is None:
            return None
        raws.append(first)
        while True:
            j = raws[-1].end
            if not toks.fits(j + 1):
                break
            t = toks[j]
            k = j
            sep = ""
            if t.text in ",;":
                sep = t.text
                k = j + 1
                if toks.fits(k + 1) and toks[k].key in ("và", "cùng"):
                    k += 1
                    sep = "và"
            elif t.key in ("và", "cùng", "hoặc"):
                sep = "và"
                k = j + 1
            else:
                break
            nxt = self._unit(toks, k) if toks.fits(k + 1) else None
            if nxt is None:
                break
            raws.append(nxt)
            seps.append(sep)
        return self._build(toks, raws, seps)

    def _build(self, toks: TokenWindow, raws: list[_RawUnit], seps: list[str]) -> UnitList:
        from vndocs.extract.abbreviations import expand

        text = self.text
        start, end = toks[raws[0].start].start, toks[raws[-1].end - 1].end
        last = raws[-1]
        shared = ""
        if len(raws) > 1 and seps and seps[-1] == "và" and last.locality_at is not None:
            loc_tok = toks[last.locality_at]
            if all(t.is_cap for t in toks[last.locality_at + 1 : last.end]):
                shared = text[loc_tok.start : toks[last.end - 1].end]
        units: list[Unit] = []
        for r in raws:
            s, e = toks[r.start].start, toks[r.end - 1].end
            name = text[s:e]
            if shared and r is not last and r.locality_at is None and r.head_kind != "position":
                name = f"{name} {shared}"
            names = [name]
            if r.expands:
                pre = text[s : toks[r.expand_at].start] if r.expand_at > r.start else ""
                post = text[toks[r.expand_end - 1].end : e]
                names = [f"{pre}{x}{post}".strip() for x in r.expands]
                if shared and r is not last:
                    names = [f"{x} {shared}" for x in names]
            for nm in names:
                nm = " ".join(nm.split())
                units.append(Unit(name=nm, role="lead", canonical=expand(nm, self.learned), span=Span(s, e)))
        flags = [r.head_kind == "generic" and not r.specific for r in raws]
        return UnitList(start=start, end=end, text=text[start:end], units=units, generic=all(flags),
                        some_generic=any(flags))

    def find(self, start: int, end: int, *, after: tuple[str, ...] = ()) -> UnitList | None:
        """The first unit list inside ``[start, end)`` that starts a word.

        Args:
            start: First offset searched.
            end: Last offset searched.
            after: If given, only lists right after one of these words (keys).
        """
        toks = tokenize(self.text, start, end)
        for i, t in enumerate(toks):
            if not t.is_word:
                continue
            if after and (i == 0 or toks[i - 1].key not in after):
                continue
            ul = self.read(t.start, end)
            if ul is not None:
                return ul
        return None


# A newline that ends a logical line: before a blank line, a bullet, or a numbered label.
# Other newlines only wrap a sentence (the .txt and PDF texts wrap inside names: "Sở\nTài chính").
_LOGICAL_END_RE = re.compile(
    r"\n(?=[ \t]*(?:\n|$|[-+•*–][ \t]|[a-zđ][).][ \t]|\d{1,2}(?:\.\d{1,2})*[.)][ \t\n]|\(\d+\)|[IVXL]+[.\-][ \t]|Điều[ \t]+\d))"
)


def logical_end(text: str, pos: int, stop: int | None = None) -> int:
    """End of the logical line that contains ``pos`` (not past ``stop``)."""
    stop = len(text) if stop is None else stop
    m = _LOGICAL_END_RE.search(text, pos, stop)
    return m.start() if m else stop


def pos_enabled() -> bool:
    """Whether underthesea may be used to find word boundaries (``VNDOCS_NO_POS=1`` disables)."""
    return os.environ.get("VNDOCS_NO_POS", "") in ("", "0")


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """Multi-syllable Vietnamese words (keys), from the word list shipped with underthesea."""
    try:
        from importlib import resources

        path = resources.files("underthesea").joinpath("corpus/data/Viet74K.txt")
        lines = path.read_text(encoding="utf-8").splitlines()
    except Exception:  # noqa: BLE001 - the dictionary is an aid, not a requirement
        return frozenset()
    return frozenset(key(w) for w in lines if " " in w.strip())


def word_starts(text: str, start: int, end: int) -> set[int]:
    """Offsets where underthesea's POS tagger starts a word in ``text[start:end]``.

    ``underthesea.pos_tag`` segments with ``word_tokenize`` and only adds a tag to
    each word, so the segmentation alone gives the same words without the cost of
    the tagger's Python feature extraction (most of ``pos_tag``'s time).
    """
    return {start + at for at in _segment_word_starts(text[start:end])}


@lru_cache(maxsize=1024)
def _segment_word_starts(segment: str) -> tuple[int, ...]:
    """Offsets in ``segment`` (a line at most) where ``word_tokenize`` starts a word; kept for the
    lines met again (a document parsed again, boilerplate lines), as segmenting one costs about a
    millisecond."""
    from underthesea import word_tokenize  # heavy: imported only when a boundary is unclear

    out: list[int] = []
    pos = 0
    for word in word_tokenize(segment):
        first = word.split()[0] if word.split() else word
        at = segment.find(first, pos)
        if at == -1:
            continue
        out.append(at)
        pos = at + len(first)
    return tuple(out)


def read_units(text: str, pos: int = 0, learned: dict[str, str] | None = None) -> UnitList | None:
    """The unit list written at ``pos`` in ``text``, or None.

    Example: ``read_units("Sở Tài chính chủ trì").text == "Sở Tài chính"``.
    """
    return UnitReader(text, learned).read(pos)


def support_units(reader: UnitReader, start: int, end: int) -> list[Unit]:
    """Units named after ``phối hợp với`` in ``[start, end)``, with role ``support``."""
    out: list[Unit] = []
    for m in re.finditer(r"phối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+", reader.text[start:end]):
        ul = reader.read(start + m.end(), end)
        if ul:
            out.extend(Unit(u.name, "support", u.canonical, u.span) for u in ul.units)
    return out
