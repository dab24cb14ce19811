"""Query strings -> query trees (``vndocs.search.engine`` nodes).

Syntax: free words, ``"quoted phrases"``, and ``field:value`` /
``field:"a value"`` for ``type``, ``issuer``, ``year``, ``from``, ``to``,
``cites``, ``number`` and ``title``. Free words are cut into words with the
lexicon; each word must match (as a phrase of syllables) in some field, and
matches in the number, title and headings rank higher. A word typed with
diacritics also scores on the exact-syllable fields, so exact matches rank
above folded ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache

from vndocs.search.analysis import (
    NUMBER_RE,
    exact_tokens,
    fold_key,
    folded_tokens,
    has_diacritics,
    number_key,
    segment,
    shipped_synonyms,
)
from vndocs.search.engine import (
    Bool,
    IntRange,
    MatchAll,
    Node,
    SearchError,
    Term,
    any_of,
    term_or_phrase,
)

FIELD_NAMES = ("type", "issuer", "year", "from", "to", "cites", "number", "title")

# field:"quoted value" | field:value | "quoted phrase" | anything else up to a space
_PART_RE = re.compile(
    r"""
      (?P<field>[A-Za-z]+):(?:"(?P<fquoted>[^"]*)"?|(?P<fvalue>\S+))   # type:"Kế hoạch", year:2022
    | "(?P<quoted>[^"]*)"?                                             # "an ninh Tổ quốc"
    | (?P<free>[^\s"]+)                                                # a word
    """,
    re.VERBOSE,
)
# a date typed as 2022-07-27, 27/7/2022 or 27-07-2022
_ISO_DATE_RE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")
_VN_DATE_RE = re.compile(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})$")
_YEAR_RE = re.compile(r"^(?:19|20)\d{2}$")

# boosts: number and title matches rank above heading and body matches
BOOST_NUMBER_KEY = 12.0
BOOST_NUMBER_PARTS = 6.0
BOOST_TITLE = 3.0
BOOST_HEADING = 1.5
BOOST_ISSUER = 2.5
BOOST_EXACT = 1.0
BOOST_WHOLE_PHRASE = 1.5


@dataclass(slots=True)
class ParsedQuery:
    """A query string split into text units and field filters."""

    text: list[tuple[str, str]] = field(default_factory=list)
    """(kind, value): kind ``free`` (cut into words) or ``phrase`` (one unit)."""
    fields: dict[str, list[str]] = field(default_factory=dict)
    """Field name -> values typed with ``field:value``."""


def parse_query_string(q: str) -> ParsedQuery:
    """Split a query string into free text, quoted phrases and field values."""
    out = ParsedQuery()
    free: list[str] = []

    def flush() -> None:
        if free:
            out.text.append(("free", " ".join(free)))
            free.clear()

    for m in _PART_RE.finditer(q or ""):
        name = (m.group("field") or "").lower()
        if name:
            value = m.group("fquoted") if m.group("fquoted") is not None else m.group("fvalue")
            if name in FIELD_NAMES:
                if value and value.strip():
                    out.fields.setdefault(name, []).append(value.strip())
                continue
            free.append(m.group(0).replace('"', " "))
        elif m.group("quoted") is not None:
            flush()
            if m.group("quoted").strip():
                out.text.append(("phrase", m.group("quoted")))
        elif m.group("free"):
            free.append(m.group("free"))
    flush()
    return out


def parse_date(value: str, *, end: bool = False) -> int:
    """A typed date (``2022-07-27``, ``27/7/2022``, ``2022``) as ``YYYYMMDD``.

    A bare year means its first day, or its last with ``end``.

    Raises:
        SearchError: not a date.
    """
    v = value.strip()
    if _YEAR_RE.match(v):
        return int(v) * 10000 + (1231 if end else 101)
    m = _ISO_DATE_RE.match(v) or _VN_DATE_RE.match(v)
    if m:
        try:
            d = Date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            m = None
        else:
            return d.year * 10000 + d.month * 100 + d.day
    raise SearchError(f"not a date: {value!r} (use YYYY-MM-DD, DD/MM/YYYY or YYYY)")


def parse_year(value: str | int) -> int:
    """A year filter value.

    Raises:
        SearchError: not a four-digit year.
    """
    v = str(value).strip()
    if not _YEAR_RE.match(v):
        raise SearchError(f"not a year: {value!r}")
    return int(v)


@lru_cache(maxsize=1)
def _type_codes() -> dict[str, tuple[str, ...]]:
    """Folded type code -> folded type names (``kh`` -> (``ke hoach``,))."""
    from vndocs.vocab import load

    out: dict[str, list[str]] = {}
    for t in load("doc_types")["types"]:
        name = " ".join(folded_tokens(t["name"]))
        for c in t.get("codes", []):
            out.setdefault(fold_key(c), []).append(name)
    return {k: tuple(v) for k, v in out.items()}


def type_filter(value: str) -> Node:
    """Filter on a type typed as a name (``Kế hoạch``, ``ke hoach``) or a code (``KH``)."""
    name = " ".join(folded_tokens(value))
    names = {name}
    names.update(_type_codes().get(fold_key(value).strip(), ()))
    return any_of(Term("type_k", n) for n in sorted(names))


def issuer_filter(value: str) -> Node:
    """Filter on words of the issuer (``Tỉnh ủy``, ``UBND Hà Nội``)."""
    toks = folded_tokens(value)
    if not toks:
        raise SearchError(f"empty issuer filter: {value!r}")
    return Bool(must=tuple(_issuer_word(w) for w in _words(toks)))


def _issuer_word(word: tuple[str, ...]) -> Node:
    alts: list[Node] = [term_or_phrase("issuer_f", word)]
    syn = shipped_synonyms()
    if len(word) == 1:
        alts += [term_or_phrase("issuer_f", e) for e in syn.by_abbr.get(word[0], ())]
    alts += [Term("issuer_f", a) for a in syn.by_expansion.get(word, ())]
    return any_of(alts)


def cites_filter(value: str) -> Node:
    """Filter on a referenced number (``44-KL/TW``, ``44-KL``).

    A document matches when its extracted references hold the number, or its
    text mentions it; the document that bears the number is left out.
    """
    toks = folded_tokens(value)
    if not toks:
        raise SearchError(f"empty cites filter: {value!r}")
    k = number_key(value)
    return Bool(
        should=(Term("cites_k", k), term_or_phrase("cites_f", toks), term_or_phrase("all_f", toks)),
        must_not=(Term("number_k", k),),
    )


def _words(folded: list[str]) -> list[tuple[str, ...]]:
    return [tuple(folded[i:j]) for i, j in segment(folded)]


# --------------------------------------------------------------------------
# Text units -> clauses


def _word_clause(fw: tuple[str, ...], xw: tuple[str, ...] | None) -> tuple[Node, list[Node]]:
    """(must-match clause, ranking clauses) for one word."""
    syn = shipped_synonyms()
    alts: list[Node] = [term_or_phrase("all_f", fw), term_or_phrase("alias_f", fw)]
    if len(fw) == 1:
        alts += [term_or_phrase("all_f", e) for e in syn.by_abbr.get(fw[0], ())]
    alts += [Term("all_f", a) for a in syn.by_expansion.get(fw, ())]
    ranking: list[Node] = [
        term_or_phrase("title_f", fw, BOOST_TITLE),
        term_or_phrase("head_f", fw, BOOST_HEADING),
        term_or_phrase("issuer_f", fw, BOOST_ISSUER),
    ]
    if xw is not None and any(has_diacritics(t) for t in xw):
        ranking += [
            term_or_phrase("all_x", xw, BOOST_EXACT),
            term_or_phrase("title_x", xw, BOOST_TITLE),
        ]
    return any_of(alts), ranking


def _number_clause(typed: str) -> tuple[Node, list[Node]]:
    """A number as typed (``45-KH/BTGTU``, ``45/KH``, ``308/KH-UBND``)."""
    toks = tuple(folded_tokens(typed))
    match = any_of(
        [
            Term("number_k", number_key(typed), BOOST_NUMBER_KEY),
            term_or_phrase("number_f", toks, BOOST_NUMBER_PARTS),
            term_or_phrase("all_f", toks),
        ]
    )
    return match, [term_or_phrase("title_f", toks, BOOST_TITLE)]


def _code_number_clause(a: str, b: str) -> tuple[Node, list[Node]]:
    """A type code next to a number (``kh 45``, ``45 kh``)."""
    match = any_of(
        [
            Bool(must=(Term("number_f", a), Term("number_f", b)), boost=BOOST_NUMBER_PARTS),
            term_or_phrase("all_f", (a, b)),
            term_or_phrase("all_f", (b, a)),
        ]
    )
    return match, []


@dataclass(slots=True)
class BuiltQuery:
    """Clauses of a query: words that must match, ranking boosts, filters."""

    musts: list[Node] = field(default_factory=list)
    ranking: list[Node] = field(default_factory=list)
    filters: list[Node] = field(default_factory=list)
    words: list[tuple[str, ...]] = field(default_factory=list)
    """Folded words to highlight in snippets."""

    def node(self, *, require_all: bool = True) -> Node:
        """The scored query: all words (or any with ``require_all=False``) plus boosts."""
        if not self.musts:
            return MatchAll()
        if require_all:
            return Bool(must=tuple(self.musts), should=tuple(self.ranking))
        return Bool(must=(any_of(self.musts),), should=tuple(self.musts) + tuple(self.ranking))


def _free_units(text: str, out: BuiltQuery) -> None:
    pos = 0
    pieces: list[tuple[str, str]] = []
    for m in NUMBER_RE.finditer(text):
        if m.start() > pos:
            pieces.append(("text", text[pos : m.start()]))
        pieces.append(("number", m.group()))
        pos = m.end()
    if pos < len(text):
        pieces.append(("text", text[pos:]))
    codes = _type_codes()
    whole: list[str] = []
    for kind, piece in pieces:
        if kind == "number":
            must, rank = _number_clause(piece)
            out.musts.append(must)
            out.ranking.extend(rank)
            out.words.append(tuple(folded_tokens(piece)))
            continue
        f = folded_tokens(piece)
        x = exact_tokens(piece)
        aligned = len(f) == len(x)
        whole.extend(f)
        spans = segment(f)
        k = 0
        while k < len(spans):
            i, j = spans[k]
            fw = tuple(f[i:j])
            # kh 45 / 45 kh: a type code next to a number
            if k + 1 < len(spans) and j - i == 1 and spans[k + 1][1] - spans[k + 1][0] == 1:
                a, b = f[i], f[j]
                if (a in codes and b.isdigit()) or (b in codes and a.isdigit()):
                    must, rank = _code_number_clause(a, b)
                    out.musts.append(must)
                    out.words.append((a, b))
                    k += 2
                    continue
            must, rank = _word_clause(fw, tuple(x[i:j]) if aligned else None)
            out.musts.append(must)
            out.ranking.extend(rank)
            out.words.append(fw)
            k += 1
    if len(whole) > 1 and len(out.musts) > 1:
        out.ranking.append(term_or_phrase("all_f", whole, BOOST_WHOLE_PHRASE))
        out.ranking.append(term_or_phrase("title_f", whole, BOOST_TITLE))


def build_query(
    q: str,
    *,
    type: str | None = None,
    issuer: str | None = None,
    year: int | str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    cites: str | None = None,
) -> BuiltQuery:
    """Analyze a query string and options into clauses.

    Raises:
        SearchError: a bad year or date.
    """
    parsed = parse_query_string(q)
    out = BuiltQuery()
    for kind, value in parsed.text:
        if kind == "phrase":
            f = tuple(folded_tokens(value))
            if f:
                must, rank = _word_clause(f, tuple(exact_tokens(value)))
                out.musts.append(must)
                out.ranking.extend(rank)
                out.words.append(f)
        else:
            _free_units(value, out)
    for v in parsed.fields.get("number", []):
        must, rank = _number_clause(v)
        out.musts.append(must)
        out.ranking.extend(rank)
        out.words.append(tuple(folded_tokens(v)))
    for v in parsed.fields.get("title", []):
        f = folded_tokens(v)
        if f:
            out.musts.append(Bool(must=tuple(term_or_phrase("title_f", w) for w in _words(f))))
            out.words.extend(_words(f))

    types = parsed.fields.get("type", []) + ([type] if type else [])
    if types:
        out.filters.append(any_of(type_filter(t) for t in types))
    for v in parsed.fields.get("issuer", []) + ([issuer] if issuer else []):
        out.filters.append(issuer_filter(v))
    for v in parsed.fields.get("cites", []) + ([cites] if cites else []):
        out.filters.append(cites_filter(v))
        out.words.append(tuple(folded_tokens(v)))  # highlight the mention
    years = parsed.fields.get("year", []) + ([str(year)] if year not in (None, "") else [])
    if years:
        out.filters.append(any_of(IntRange("year", y, y) for y in map(parse_year, years)))
    lo = [parse_date(v) for v in parsed.fields.get("from", []) + ([date_from] if date_from else [])]
    hi = [
        parse_date(v, end=True) for v in parsed.fields.get("to", []) + ([date_to] if date_to else [])
    ]
    if lo or hi:
        out.filters.append(IntRange("date_i", max(lo) if lo else None, min(hi) if hi else None))
    return out
