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
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache
from itertools import islice

from vndocs.normalize import fold
from vndocs.vocab import load

# An acronym token: 2-10 capitals (Đ included), optionally with & or - inside (TT&TT, LĐ-TB&XH).
# The "not after a word" check follows the first capital (one character back) so that the
# regex engine can skip to the next capital in C.
_ACRONYM_RE = re.compile(r"(?P<abbr>[A-ZĐ](?<![\w&].)[A-ZĐ&\-]{1,9})(?![\w&])", re.DOTALL)
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
    find_spelling = _spelling_finder(text)
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
            phrase = find_spelling(abbr, m.start())
        if phrase:
            out[abbr] = phrase
    return out


def _spelling_finder(text: str) -> Callable[[str, int], str | None]:
    """``find(abbr, pos)``: the first full spelling of ``abbr`` in ``text`` before ``pos``, or None.

    ``pos`` only grows from call to call (acronyms are met in text order), so the word
    initials are read as far as ``pos`` and no further, a white-space token at a time
    through a table (:class:`_TokenInitials`), instead of a Python step per word.
    """
    initials = _Initials(text)

    def find(abbr: str, pos: int) -> str | None:
        letters = fold(abbr.replace("&", "").replace("-", ""))
        if len(letters) < 3 or not letters.isalpha():
            return None
        limit = initials.read_to(pos)
        rx = _initials_re(letters)
        if initials.aligned:
            m = rx.search(initials.text, 0, limit)
            return None if m is None else text[initials.word(m.start()).start() : initials.word(m.end() - 1).end()]
        words, all_initials, starts = initials.all_words()
        return _phrase_before_anywhere(text, words, all_initials, bisect_left(starts, pos), abbr)

    return find


# A word (a run of letters, as _WORD_RE) with its first letter in group 1, or the whole word
# when it is "và" / "của" (``w.lower()`` in _SKIP_WORDS), which a spelling may skip.
_INITIAL_RE = re.compile(
    r"([^\W\d_vVcC]|[vV][àÀ](?![^\W\d_])|[cC][ủỦ][aA](?![^\W\d_])|[vVcC])[^\W\d_]*"
)


class _InitialOf(dict[str, str]):
    """Group 1 of :data:`_INITIAL_RE` -> the word's initial: its folded first letter, ``_`` for a skipped word."""

    def __init__(self) -> None:
        super().__init__()
        self.not_one_letter: set[str] = set()
        """Keys whose initial is not one letter (``ß`` folds to ``ss``)."""

    def __missing__(self, first: str) -> str:
        initial = "_" if len(first) > 1 else fold(first)
        if len(initial) != 1:
            self.not_one_letter.add(first)
        self[first] = initial
        return initial


_INITIAL_OF = _InitialOf()


class _TokenInitials(dict[str, "str | None"]):
    """Token between white space -> the initials of its words (``45-KH/BTGTU`` -> ``kb``), or None
    if a first letter does not fold to one letter.

    Words never cross white space, and tokens repeat (syllables), so the text is read token by
    token through this table (a dict read by ``map`` in C; emptied when it grows large).
    """

    def __missing__(self, token: str) -> str | None:
        if len(self) >= 1 << 16:
            self.clear()
        firsts = _INITIAL_RE.findall(token)
        initials = "".join(map(_INITIAL_OF.__getitem__, firsts))  # fills not_one_letter
        value = initials if _INITIAL_OF.not_one_letter.isdisjoint(firsts) else None
        self[token] = value
        return value


_TOKEN_INITIALS = _TokenInitials()


_CHUNK = 1024


class _Initials:
    """The initials of the words of a text (one letter per word, ``_`` for ``và``/``của``), read on demand.

    The text is read in chunks of about :data:`_CHUNK` characters that end at a space or
    where an acronym starts (after a non-word character), so no word straddles two
    chunks and finding one word again (:meth:`word`) reads a single chunk.
    """

    def __init__(self, text: str) -> None:
        self.source = text
        self.text = ""
        """The initials read so far."""
        self.aligned = True
        """Whether every initial is one letter, so an index into ``text`` is a word index."""
        self._chunks: list[tuple[int, int, int]] = []  # (start, end, words before start)
        self._end = 0
        self._words = 0
        self._all: tuple[list[re.Match[str]], str, list[int]] | None = None

    def read_to(self, pos: int) -> int:
        """Read the words before ``pos`` (a place no word straddles); returns how many there are."""
        while self.aligned and self._end < pos:
            start = self._end
            end = self.source.find(" ", start + _CHUNK, pos)
            end = pos if end == -1 else end
            parts = list(map(_TOKEN_INITIALS.__getitem__, self.source[start:end].split()))
            if None in parts:
                self.aligned = False
                break
            chunk = "".join(parts)  # type: ignore[arg-type]
            self._chunks.append((start, end, self._words))
            self.text += chunk
            self._words += len(chunk)
            self._end = end
        return self._words

    def word(self, index: int) -> re.Match[str]:
        """The word ``index`` (already read)."""
        i = bisect_right(self._chunks, index, key=lambda c: c[2]) - 1
        start, end, before = self._chunks[i]
        return next(islice(_INITIAL_RE.finditer(self.source, start, end), index - before, None))

    def all_words(self) -> tuple[list[re.Match[str]], str, list[int]]:
        """Every word, the initials string and the word starts, as :func:`_phrase_before_anywhere` takes them
        (a text where a first letter folds to more than one letter, ``ß``)."""
        if self._all is None:
            words = list(_WORD_RE.finditer(self.source))
            initials = "".join(fold(w.group()[0]) if w.group().lower() not in _SKIP_WORDS else "_" for w in words)
            self._all = (words, initials, [w.start() for w in words])
        return self._all


@lru_cache(maxsize=4096)
def _initials_re(letters: str) -> re.Pattern[str]:
    """``antq`` -> ``a_*n_*t_*q``: the letters as initials, skipped words allowed between them."""
    return re.compile("_*".join(re.escape(c) for c in letters))


def _phrase_before_anywhere(text: str, words: list[re.Match[str]], initials: str, limit: int, abbr: str) -> str | None:
    """An earlier full spelling of ``abbr`` before ``pos`` (``an ninh Tổ quốc`` ... ``ANTQ``).

    ``initials`` holds the folded first letter of each word of the text (``_`` for
    ``và``/``của``, which a spelling may skip), so the search is one regex.
    """
    letters = fold(abbr.replace("&", "").replace("-", ""))
    if len(letters) < 3 or not letters.isalpha():
        return None
    m = _initials_re(letters).search(initials, 0, limit)
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
