"""Vietnamese analysis for full-text search, done in Python before any engine.

Text is cut into syllables (runs of letters and digits). Each syllable gets
two keys:

* the **exact** key: NFC, one tone placement (``uỷ`` = ``ủy``), case folded
  (:func:`vndocs.normalize.key`);
* the **folded** key: the exact key without diacritics, ``đ`` -> ``d``
  (:func:`vndocs.normalize.fold`).

Engines receive these keys joined by single spaces and split them on spaces
only, so their own (English) analyzers never drop ``an``, ``to`` or ``can``.
Syllables keep their positions, so a multi-syllable word is matched as a
phrase. Query words are found with a lexicon of multi-syllable words (the
word list shipped with underthesea, read as a plain file so that the heavy
import stays off the query path) plus the search synonyms table.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from vndocs.normalize import normalize_number, tone_key

# a syllable, a number or a code: runs of letters and digits (QH15, 2022, BTGTU)
TOKEN_RE = re.compile(r"[^\W_]+")

SEPARATOR = "|"
"""Token put between independent values of one field so phrases never span them."""

MAX_WORD_SYLLABLES = 5


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "d"}
    ranges = [(0x00C0, 0x0250), (0x1E00, 0x1F00)]
    for lo, hi in ranges:
        for cp in range(lo, hi):
            ch = chr(cp)
            if cp in table:
                continue
            base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
            if base != ch:
                table[cp] = base.lower()
    return table


_FOLD_TABLE = _build_fold_table()


_CACHE_MAX = 500_000
_exact_cache: dict[str, str] = {}
_fold_cache: dict[str, str] = {}


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def exact_key(text: str) -> str:
    """Exact matching key of a text: NFC, one tone placement, case folded."""
    return tone_key(text).casefold()


def fold_key(text: str) -> str:
    """Folded key: NFC, case folded, without diacritics, ``đ`` -> ``d`` (``Đảng`` -> ``dang``).

    Tone placement needs no step here: the tone marks go. One character of the
    NFC input gives one character of the key (except rare case foldings such as ß).
    """
    return _nfc(text).casefold().translate(_FOLD_TABLE)


def _exact_token(tok: str) -> str:
    r = _exact_cache.get(tok)
    if r is None:
        r = tone_key(tok)
        if len(_exact_cache) < _CACHE_MAX:
            _exact_cache[tok] = r
    return r


def _fold_token(tok: str) -> str:
    r = _fold_cache.get(tok)
    if r is None:
        r = tok.translate(_FOLD_TABLE)
        if len(_fold_cache) < _CACHE_MAX:
            _fold_cache[tok] = r
    return r


def analyze(text: str) -> tuple[list[str], list[str]]:
    """(exact keys, folded keys) of the syllables of a text, in order (same length).

    The text is case folded once; each distinct syllable is keyed once per
    process (a cache), so long texts cost one regex pass.
    """
    raw = TOKEN_RE.findall(_nfc(text).casefold())
    exact = [_exact_token(t) for t in raw]
    return exact, [_fold_token(t) for t in exact]


def exact_tokens(text: str) -> list[str]:
    """Exact syllable keys of a text, in order."""
    return [_exact_token(t) for t in TOKEN_RE.findall(_nfc(text).casefold())]


def folded_tokens(text: str) -> list[str]:
    """Folded syllable keys of a text, in order."""
    return TOKEN_RE.findall(fold_key(text))


def has_diacritics(token: str) -> bool:
    """Whether a token (an exact key) differs from its folded key."""
    return token.translate(_FOLD_TABLE) != token


# --------------------------------------------------------------------------
# Document numbers

# a number as typed: digits and letters joined by - or / (45-KH/BTGTU, 45/KH, 30/2020/NĐ-CP)
NUMBER_RE = re.compile(
    r"""(?P<number>
        \d+\s*[-/]\s*[^\W_]+(?:\s*[-/.&]\s*[^\W_]+)*     # 45-KH/BTGTU, 308/KH-UBND, 30/2020/NĐ-CP
      | [^\W\d_]+\s*/\s*[^\W_]+(?:\s*[-/]\s*[^\W_]+)*   # KH/BTGTU (number left out)
    )""",
    re.VERBOSE,
)


def number_key(number: str) -> str:
    """One token for a whole số, ký hiệu (``45 - KH/BTGTU`` -> ``45-kh/btgtu``)."""
    return fold_key(normalize_number(number)).replace(" ", "")


def number_tokens(number: str) -> list[str]:
    """The parts of a number as folded tokens (``45-KH/BTGTU`` -> ``45 kh btgtu``)."""
    return folded_tokens(number)


# --------------------------------------------------------------------------
# Synonyms (abbreviations) and the lexicon of words


@dataclass(frozen=True, slots=True)
class Synonyms:
    """Abbreviation <-> expansion pairs on folded keys."""

    by_abbr: dict[str, tuple[tuple[str, ...], ...]]
    """Folded abbreviation -> folded token tuples of its expansions."""
    by_expansion: dict[tuple[str, ...], tuple[str, ...]]
    """Folded expansion tokens -> folded abbreviations."""


def make_synonyms(pairs: list[tuple[str, str]]) -> Synonyms:
    """Synonyms from (abbreviation, expansion) pairs as printed."""
    by_abbr: dict[str, list[tuple[str, ...]]] = {}
    by_exp: dict[tuple[str, ...], list[str]] = {}
    for abbr, expansion in pairs:
        a = folded_tokens(abbr)
        e = tuple(folded_tokens(expansion))
        if len(a) != 1 or not e or e == tuple(a):
            continue
        by_abbr.setdefault(a[0], [])
        if e not in by_abbr[a[0]]:
            by_abbr[a[0]].append(e)
        by_exp.setdefault(e, [])
        if a[0] not in by_exp[e]:
            by_exp[e].append(a[0])
    return Synonyms(
        {k: tuple(v) for k, v in by_abbr.items()}, {k: tuple(v) for k, v in by_exp.items()}
    )


UNIT_ABBR_MIN_LEN = 4
"""Abbreviations borrowed from the units table must be this long (``CA``, ``BTC`` are ambiguous)."""


@lru_cache(maxsize=1)
def shipped_synonyms() -> Synonyms:
    """The shipped table ``vndocs/data/abbreviations_search.json``, plus the long
    unambiguous entries of the units table ``abbreviations.json`` when present."""
    from vndocs.vocab import load

    pairs = [(e["abbr"], e["expansion"]) for e in load("abbreviations_search")["entries"]]
    try:
        units = load("abbreviations")
    except (FileNotFoundError, ValueError, OSError):
        units = {}
    for e in units.get("abbreviations", []) if isinstance(units, dict) else []:
        abbr, exp = e.get("abbr"), e.get("expansion")
        if abbr and exp and len(TOKEN_RE.findall(fold_key(abbr))) == 1 and len(abbr) >= UNIT_ABBR_MIN_LEN:
            pairs.append((abbr, exp))
    return make_synonyms(pairs)


def _underthesea_wordlist() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return None
    for base in spec.submodule_search_locations:
        p = Path(base) / "corpus" / "data" / "Viet74K.txt"
        if p.exists():
            return p
    return None


def _lexicon_cache_path(source: Path | None) -> Path | None:
    import hashlib
    import os

    base = os.environ.get("VNDOCS_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "vndocs"
    )
    h = hashlib.sha1(repr(sorted(shipped_synonyms().by_expansion)).encode("utf-8"))
    if source is not None:
        st = source.stat()
        h.update(f"{source}:{st.st_size}:{st.st_mtime_ns}".encode())
    h.update(str(MAX_WORD_SYLLABLES).encode())
    return Path(base) / f"lexicon-{h.hexdigest()[:16]}.txt"


def _build_lexicon(path: Path | None) -> frozenset[str]:
    words: set[str] = set()
    if path is not None:
        raw = path.read_text(encoding="utf-8")
        raw = unicodedata.normalize("NFC", raw).casefold().translate(_FOLD_TABLE)
        for line in raw.split("\n"):
            if " " in line:
                toks = TOKEN_RE.findall(line)
                if 1 < len(toks) <= MAX_WORD_SYLLABLES:
                    words.add(" ".join(toks))
    for exp in shipped_synonyms().by_expansion:
        if 1 < len(exp) <= MAX_WORD_SYLLABLES:
            words.add(" ".join(exp))
    return frozenset(words)


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """Folded multi-syllable words (``an ninh``, ``to quoc``), space-joined.

    Built once from the word list and kept folded in a user cache file
    (``$VNDOCS_CACHE`` or ``~/.cache/vndocs``), so a cold ``vndocs search``
    reads it in a few milliseconds.
    """
    source = _underthesea_wordlist()
    try:
        cache = _lexicon_cache_path(source)
    except OSError:
        cache = None
    if cache is not None:
        try:
            return frozenset(cache.read_text(encoding="utf-8").split("\n"))
        except (OSError, UnicodeDecodeError):
            pass
    words = _build_lexicon(source)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{id(words)}.tmp")
            tmp.write_text("\n".join(sorted(words)), encoding="utf-8")
            tmp.replace(cache)
        except OSError:
            pass
    return words


def segment(folded: list[str], words: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """Cut folded syllables into words: fewest words; on a tie, the longer word first.

    Returns ``(start, end)`` index ranges. Numbers never join a word.
    (``chuyen doi so`` -> ``chuyen doi`` + ``so``, not ``chuyen`` + ``doi so``.)
    """
    words = lexicon() if words is None else words
    n = len(folded)
    # cost[i]: fewest words for folded[i:]; nxt[i]: end of the first word
    cost = [0] * (n + 1)
    nxt = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        best_cost, best_j = cost[i + 1] + 1, i + 1
        for j in range(min(n, i + MAX_WORD_SYLLABLES), i + 1, -1):
            part = folded[i:j]
            if any(t.isdigit() for t in part) or " ".join(part) not in words:
                continue
            if cost[j] + 1 < best_cost or (cost[j] + 1 == best_cost and j > best_j):
                best_cost, best_j = cost[j] + 1, j
        cost[i], nxt[i] = best_cost, best_j
    out: list[tuple[int, int]] = []
    i = 0
    while i < n:
        out.append((i, nxt[i]))
        i = nxt[i]
    return out
