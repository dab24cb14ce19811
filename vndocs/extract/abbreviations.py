"""Abbreviations: the shipped table and those a document defines itself.

A document defines an abbreviation in three ways (DOMAIN.md §4, the reference
plan of the ANTQ day):

* ``(sau đây gọi tắt là QĐ22)`` / ``(sau đây gọi là ...)`` after a phrase;
* ``an ninh Tổ quốc (ANTQ)``: an acronym in brackets after the phrase;
* ``ANTQ`` used after ``an ninh Tổ quốc`` appeared in full: the acronym's
  letters are the initials of an earlier run of words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from vndocs.normalize import fold
from vndocs.vocab import load

# An acronym token: 2-10 capitals (Đ included), optionally with & or - inside (TT&TT, LĐ-TB&XH).
_ACRONYM_RE = re.compile(r"(?<![\w&])(?P<abbr>[A-ZĐ][A-ZĐ&\-]{1,9})(?![\w&])")
# "(sau đây gọi tắt là X)" / "(sau đây gọi là X)" / "(gọi tắt là X)" — qd_2214 (QĐ22), qd_372.
_DEFINED_RE = re.compile(
    r"\((?:sau đây\s+)?gọi(?:\s+tắt)?\s+là\s+(?P<abbr>[^()]{1,60}?)\)", re.IGNORECASE
)
# A document named in the defined phrase: keep "Quyết định số 22/2013/QĐ-TTg", not the whole clause.
_DOC_START_RE = re.compile(r"(?:Quyết định|Nghị định|Nghị quyết|Thông tư|Chỉ thị|Kế hoạch|Kết luận|Luật|Công văn|Hướng dẫn)\s+số")
_WORD_RE = re.compile(r"[^\W\d_]+")
_SKIP_WORDS = {"và", "của", "-"}


@lru_cache(maxsize=1)
def shipped() -> dict[str, str]:
    """The shipped table: abbreviation (case kept) -> expansion."""
    return {e["abbr"]: e["expansion"] for e in load("abbreviations")["abbreviations"]}


@lru_cache(maxsize=1)
def _shipped_folded() -> dict[str, str]:
    return {fold(k): v for k, v in shipped().items()}


def _initials_match(words: list[str], abbr: str) -> bool:
    letters = fold(abbr.replace("&", "").replace("-", ""))
    initials = "".join(fold(w[0]) for w in words if w.lower() not in _SKIP_WORDS)
    return initials == letters


def _phrase_before(text: str, end: int, abbr: str) -> str | None:
    """The run of words ending at ``end`` whose initials spell ``abbr``."""
    window = text[max(0, end - 200) : end]
    words = [m for m in _WORD_RE.finditer(window)]
    n = len(abbr.replace("&", "").replace("-", ""))
    for k in range(n, min(len(words), n + 3) + 1):
        run = words[-k:]
        ws = [m.group() for m in run]
        if ws and ws[0].lower() in _SKIP_WORDS:
            continue
        if _initials_match(ws, abbr):
            return window[run[0].start() : run[-1].end()]
    return None


def learn(text: str) -> dict[str, str]:
    """Abbreviations the document defines: abbreviation -> phrase as written.

    Args:
        text: The normalized document text.

    Returns:
        A dict in order of first definition; shipped abbreviations are left out
        unless the document spells them out differently.
    """
    out: dict[str, str] = {}
    for m in _DEFINED_RE.finditer(text):
        abbr = m.group("abbr").strip().strip("“”\"'")
        if not abbr or len(abbr) > 40:
            continue
        # the defined phrase: the clause before the bracket, up to a sentence or clause start
        head = text[max(0, m.start() - 300) : m.start()]
        cut = max(head.rfind(". "), head.rfind("\n"), head.rfind("; "), head.rfind(", "))
        phrase = head[cut + 1 :].strip() if cut >= 0 else head.strip()
        doc = _DOC_START_RE.search(phrase)
        if doc:
            phrase = phrase[doc.start() :]
            phrase = re.split(r"\s+(?:ngày|về|của)\s+", phrase, maxsplit=1)[0]
        if phrase:
            out.setdefault(abbr, phrase)
    words = list(_WORD_RE.finditer(text))
    initials = "".join(fold(w.group()[0]) if w.group().lower() not in _SKIP_WORDS else "_" for w in words)
    starts = [w.start() for w in words]
    tried: set[str] = set()
    for m in _ACRONYM_RE.finditer(text):
        abbr = m.group("abbr").strip("-")
        if len(abbr) < 2 or abbr in out or abbr in tried:
            continue
        tried.add(abbr)
        # "(ANTQ)" right after its phrase
        if m.start() > 0 and text[m.start() - 1] == "(":
            phrase = _phrase_before(text, m.start() - 1, abbr)
        else:
            phrase = _phrase_before_anywhere(text, words, initials, bisect_left(starts, m.start()), abbr)
        if phrase:
            out[abbr] = phrase
    return out


def _phrase_before_anywhere(text: str, words: list[re.Match[str]], initials: str, limit: int, abbr: str) -> str | None:
    """An earlier full spelling of ``abbr`` before ``pos`` (``an ninh Tổ quốc`` ... ``ANTQ``).

    ``initials`` holds the folded first letter of each word of the text (``_`` for
    ``và``/``của``, which a spelling may skip), so the search is one regex.
    """
    letters = fold(abbr.replace("&", "").replace("-", ""))
    if len(letters) < 3 or not letters.isalpha():
        return None
    rx = re.compile("_*".join(re.escape(c) for c in letters))
    m = rx.search(initials, 0, limit)
    if m is None:
        return None
    return text[words[m.start()].start() : words[m.end() - 1].end()]


def expand(text: str, learned: dict[str, str] | None = None) -> str:
    """``text`` with known abbreviations (shipped and learned) written out.

    Example: ``expand("Ủy ban MTTQ huyện") == "Ủy ban Mặt trận Tổ quốc huyện"``.
    """
    # the document's own spellings fill gaps; the shipped table wins (a header's "ỦY BAN NHÂN DÂN" is no expansion)
    table = dict(learned or {})
    table.update(shipped())

    def sub(m: re.Match[str]) -> str:
        tok = m.group()
        return table.get(tok) or tok

    return re.sub(r"(?<![\w&])[^\W_][\w&\-]*(?<!-)", lambda m: sub(m) if m.group() in table else m.group(), text)


def expand_query(query: str, learned: dict[str, str] | None = None) -> str:
    """Expand abbreviations in a user query, ignoring case and diacritics (``mttq``)."""
    table = {fold(k): v for k, v in (learned or {}).items()}
    table.update(_shipped_folded())
    words = query.split()
    return " ".join(table.get(fold(w), w) for w in words)
