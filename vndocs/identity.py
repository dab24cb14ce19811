"""Document identity: canonical keys and user-typed reference queries.

DOMAIN.md §1.2 and §2.3 decide what makes two numbers the same document:

- a State number with its year (``30/2020/NĐ-CP``) is unique: ``state:30/2020/NĐ-CP``;
- a State number without year (``308/KH-UBND``) restarts every year:
  ``state:308/KH-UBND@2025``;
- a Party number (``45-KH/BTGTU``) runs per type per committee term and the
  issuer code is shared by every province: ``party:45-KH/BTGTU@2022`` plus,
  when the issuer names it, the locality (``party:45-KH/BTGTU@2022~thai nguyen``);
- a document cited by name (a law, a congress resolution):
  ``name:luật:tổ chức chính phủ@2015``.

When the text does not say enough (no date, no year) the key keeps the gap
explicit with ``@?``; :func:`is_ambiguous` tells such keys and
:func:`candidates` lists the known keys they may stand for.

:func:`parse_ref` reads what a user types (``44-KL/TW``, ``Kết luận 44``,
``Nghị định 30/2020``, ``NĐ 30``) into a :class:`RefQuery` that a catalog can
match against references.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from vndocs.errors import VndocsError
from vndocs.normalize import fold, key, normalize_number
from vndocs.vocab import canonical_type, load, type_by_code

__all__ = [
    "RefQuery",
    "RefSyntaxError",
    "candidates",
    "document_key",
    "is_ambiguous",
    "locality_of",
    "number_system",
    "number_type",
    "number_year",
    "parse_ref",
]


class RefSyntaxError(VndocsError):
    """A typed reference cannot be read."""


# Party number: 45-KH/BTGTU, 08-QĐi/TW, 05-QC/BTCTU-BDVTU (DOMAIN.md §1.3).
_PARTY_RE = re.compile(r"^(?P<n>\d+[a-z]?)-(?P<code>[^/\s]+)/(?P<issuer>\S+)$")
# State number: 30/2020/NĐ-CP (normative, with year), 308/KH-UBND (administrative).
_STATE_RE = re.compile(r"^(?P<n>\d+[a-z]?)/(?:(?P<year>\d{4})/)?(?P<sym>\S+)$")

# Party issuer codes of local committees: the same code in every province, so
# the locality is part of the identity (DOMAIN.md §2.4).
_LOCAL_PARTY_CODES = re.compile(r"(?:TU|ThU|HU|QU|ĐU|ĐUK|CB)$")
_LOCALITY_RE = re.compile(
    r"(?i:tỉnh\s+[uủ][ỷy]|thành\s+[uủ][ỷy]|huyện\s+[uủ][ỷy]|tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường)"
    r"\s+(?P<name>\w+(?:\s+\w+){0,3})"
)


@lru_cache(maxsize=4096)  # pure; the extractors ask about the same numbers many times
def number_system(number: str | None) -> str | None:
    """``party`` or ``state`` from the shape of a number, or None."""
    if not number:
        return None
    n = normalize_number(number)
    if _PARTY_RE.match(n):
        return "party"
    if _STATE_RE.match(n):
        return "state"
    return None


@lru_cache(maxsize=4096)  # pure; the extractors ask about the same numbers many times
def number_year(number: str | None) -> int | None:
    """The year printed inside a State normative number (``30/2020/NĐ-CP`` -> 2020)."""
    if not number:
        return None
    m = _STATE_RE.match(normalize_number(number))
    if m and m.group("year"):
        return int(m.group("year"))
    return None


@lru_cache(maxsize=4096)  # pure; the extractors ask about the same numbers many times
def number_type(number: str | None, system: str | None = None) -> str | None:
    """The document type a number's code names (``44-KL/TW`` -> ``Kết luận``), or None.

    A State symbol whose first group is not a type code is a công văn
    (``2214/BXD-QLN``); ``TT`` is Thông tri in a Party number, Thông tư in a
    State one; ``QH`` and ``UBTVQH`` numbers are laws and resolutions.
    """
    if not number:
        return None
    n = normalize_number(number)
    codes = type_by_code()
    m = _PARTY_RE.match(n)
    if m:
        names = codes.get(m.group("code"), [])
        if "Quyết định" in names:
            return "Quyết định"
        for name in names:
            systems = _type_systems().get(name, ())
            if "party" in systems:
                return name
        return names[0] if names else None
    m = _STATE_RE.match(n)
    if not m:
        return None
    first = m.group("sym").split("-")[0]
    if re.fullmatch(r"QH\d*", first):
        return "Luật"
    if re.fullmatch(r"UBTVQH\d*", first):
        return "Nghị quyết"
    names = codes.get(first, [])
    for name in names:
        if "state" in _type_systems().get(name, ()):
            return name
    if names:
        return names[0]
    return "Công văn"


@lru_cache(maxsize=1)
def _type_systems() -> dict[str, tuple[str, ...]]:
    return {t["name"]: tuple(t.get("systems", ())) for t in load("doc_types")["types"]}


def locality_of(issuer: str | None) -> str | None:
    """The locality an issuer names (``Ban Tuyên giáo Tỉnh ủy Thái Nguyên`` -> ``thai nguyen``)."""
    if not issuer:
        return None
    for m in _LOCALITY_RE.finditer(issuer):
        words = []
        for w in m.group("name").split():
            if not w[0].isupper():
                break
            words.append(w)
        if words:
            return fold(" ".join(words))
    return None


def document_key(
    type: str | None,
    number: str | None,
    date: str | None,
    issuer: str | None = None,
    system: str | None = None,
    *,
    title: str | None = None,
) -> str:
    """The canonical identity key of a document (see the module docstring).

    Args:
        type: Canonical type name (used for documents cited by name).
        number: Số, ký hiệu as printed, or None.
        date: ISO date of issue, or None.
        issuer: Issuer as written (gives the locality of local Party bodies).
        system: ``party`` or ``state``; read from the number when None.
        title: Name of a document cited without number (a law's name).

    Returns:
        ``state:30/2020/NĐ-CP``, ``state:308/KH-UBND@2025``,
        ``party:45-KH/BTGTU@2022``, ``name:luật:việc làm@?`` ...
    """
    year = date[:4] if date and re.match(r"\d{4}", date) else None
    if number:
        n = normalize_number(number)
        sys_ = number_system(n) or system or "state"
        if sys_ == "state" and number_year(n):
            return f"state:{n}"
        k = f"{sys_}:{n}@{year or '?'}"
        if sys_ == "party":
            m = _PARTY_RE.match(n)
            if m and _LOCAL_PARTY_CODES.search(m.group("issuer")):
                loc = locality_of(issuer)
                if loc:
                    k += f"~{loc}"
        return k
    name = key(title or "") or key(issuer or "") or "?"
    return f"name:{key(type or '?')}:{name}@{year or '?'}"


def is_ambiguous(doc_key: str) -> bool:
    """True when a key lacks the year that would make it unique (``@?``)."""
    return "@?" in doc_key


def candidates(doc_key: str, known: Iterable[str]) -> list[str]:
    """Known keys an (ambiguous) key may stand for, in the order given.

    A complete key matches only itself; ``party:45-KH/BTGTU@?`` matches every
    ``party:45-KH/BTGTU@<year>[~locality]``; a key without locality matches
    the same number and year in any locality.
    """
    base, _, rest = doc_key.partition("@")
    year, _, loc = rest.partition("~")
    out = []
    for k in known:
        kb, _, krest = k.partition("@")
        if kb != base:
            continue
        ky, _, kloc = krest.partition("~")
        if year not in ("?", "") and ky not in (year, "?"):
            continue
        if loc and kloc and loc != kloc:
            continue
        out.append(k)
    return out


@dataclass(frozen=True, slots=True)
class RefQuery:
    """A reference as a user types it, ready to match against references."""

    type: str | None
    """Canonical type (``Kết luận``), or None when only a number was typed."""
    number: str | None
    """The full number when typed (``44-KL/TW``, ``30/2020/NĐ-CP``)."""
    number_prefix: str | None
    """The running number, with the year when typed (``44``, ``30/2020``)."""
    year: int | None
    """Year when typed."""
    system: str | None
    """``party`` or ``state`` when the number shape says."""

    def matches(self, type: str | None, number: str | None, year: int | None = None) -> bool:
        """Whether a reference or document with these fields fits the query."""
        if self.type and type and key(self.type) != key(type):
            return False
        if self.number:
            return number is not None and normalize_number(number).casefold() == self.number.casefold()
        if self.number_prefix:
            if not number:
                return False
            n = normalize_number(number)
            running = re.match(r"\d+[a-z]?", n)
            if not running:
                return False
            if "/" in self.number_prefix:
                if not n.casefold().startswith(self.number_prefix.casefold() + "/"):
                    return False
            elif running.group().lstrip("0") != self.number_prefix.lstrip("0"):
                return False
        return not (self.year and year and self.year != year)


_SHORT_CODES: dict[str, str] | None = None


def _short_codes() -> dict[str, str]:
    global _SHORT_CODES
    if _SHORT_CODES is None:
        _SHORT_CODES = dict(load("reference_cues")["short_type_codes"]["codes"])
    return _SHORT_CODES


# "<type words> [số] <number>"; the type part is optional.
_QUERY_RE = re.compile(
    r"^(?P<type>[^\d]*?)\s*(?:(?i:số)\s*:?\s*)?(?P<num>\d[\w/\-. ]*)?$"
)


# A whole number: Party 44-KL/TW, 05-QC/BTCTU-BDVTU; State 30/2020/NĐ-CP, 2214/BXD-QLN.
_FULL_NUMBER_RE = re.compile(
    r"\d+[a-z]?(?:-[^\W\d_]\w*/\w+(?:-\w+)*|/(?:\d{4}/)?[^\W\d_][\w&]*(?:-[\w&]+)*)"
)


def parse_ref(text: str) -> RefQuery:
    """Read a user-typed reference.

    Examples: ``44-KL/TW``, ``Kết luận 44``, ``Kết luận số 44-KL/TW``,
    ``Nghị định 30/2020``, ``NĐ 30``, ``30/2020/NĐ-CP``.

    Raises:
        RefSyntaxError: the text names neither a type nor a number.
    """
    if text is None or not str(text).strip():
        raise RefSyntaxError("empty reference")
    s = " ".join(str(text).split())
    m = _QUERY_RE.match(s)
    if not m:
        raise RefSyntaxError(f"cannot read reference {text!r}")
    type_part = (m.group("type") or "").strip()
    num_part = (m.group("num") or "").strip().rstrip(".")
    typ: str | None = None
    if type_part:
        typ = canonical_type(type_part) or _short_codes().get(type_part.replace(" ", ""))
        if typ is None:
            typ = _short_codes().get(type_part.upper().replace("D", "Đ", 1)) if type_part.isascii() else None
        if typ is None:
            raise RefSyntaxError(f"unknown document type {type_part!r} in {text!r}")
    if not num_part:
        if typ is None:
            raise RefSyntaxError(f"cannot read reference {text!r}")
        return RefQuery(typ, None, None, None, None)
    number = normalize_number(num_part)
    system = number_system(number)
    if system is not None and re.search(r"[A-Za-zĐđ]", number):
        if not _FULL_NUMBER_RE.fullmatch(number):
            raise RefSyntaxError(f"cannot read number {num_part!r} in {text!r}")
        year = number_year(number)
        running = re.match(r"\d+[a-z]?", number)
        prefix = running.group() if running else None
        if year and prefix:
            prefix = f"{prefix}/{year}"
        return RefQuery(typ or number_type(number, system), number, prefix, year, system)
    m2 = re.fullmatch(r"(?P<n>\d+[a-z]?)(?:/(?P<y>\d{4}))?", number)
    if not m2:
        raise RefSyntaxError(f"cannot read number {num_part!r} in {text!r}")
    year = int(m2.group("y")) if m2.group("y") else None
    return RefQuery(typ, None, number, year, "state" if year else None)


@lru_cache(maxsize=4096)
def number_issuer(number: str | None) -> str | None:
    """The body a State number's issuer code names (``290/2005/QĐ-TTg`` -> Thủ tướng Chính phủ,
    ``49/2019/QH14`` -> Quốc hội), or None: an unknown, Party or joint (``TTLT-A-B``) code."""
    if not number or "/" not in number:
        return None
    from vndocs.vocab import load, type_by_code

    codes: dict[str, str] = load("issuer_codes")["codes"]
    last = number.rsplit("/", 1)[-1]
    parts = [p for p in last.split("-") if p]
    if not parts:
        return None
    if parts[0] in type_by_code():
        if parts[0] == "TTLT":
            return None
        parts = parts[1:]
    if not parts:
        return None
    head = re.sub(r"\d+$", "", parts[0])  # QH14, UBTVQH11
    return codes.get(head)
