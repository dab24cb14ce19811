"""Character classes for Vietnamese text (Python's ``re`` has no ``\\p{Lu}``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator


def _letters(upper: bool) -> str:
    out = []
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        c = chr(cp)
        if not c.isalpha() or "LATIN" not in unicodedata.name(c, ""):
            continue
        if c.isupper() if upper else c.islower():
            out.append(c)
    return "".join(out)


UPPER = "A-Z" + _letters(True)
"""Upper-case Latin letters with Vietnamese marks, for a regex character class."""
LOWER = "a-z" + _letters(False)
"""Lower-case Latin letters with Vietnamese marks, for a regex character class."""


def line_start_finditer(
    body: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None, *, blank_lines: bool = True
) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each match of ``^\\s*BODY`` (``re.M``) in ``text[pos:endpos]``, fast.

    Python's ``re`` has no quick way to the next line start: a pattern anchored
    with ``^`` in multi-line mode is tried at every position of the text, which
    on a 40 KB document costs about 0.4 ms per pattern. Here ``body`` (a pattern
    that starts with a literal word, so the engine skips ahead to it) is searched
    alone, and each hit is kept when only white space stands between it and a line
    start; ``start`` is that line start, as ``^\\s*`` would have matched it
    (``blank_lines=False``: ``^[^\\S\\n]*``, within the hit's own line).
    ``body`` must not match overlapping itself (a literal first word cannot).
    """
    n = len(text) if endpos is None else endpos
    done = pos  # a match cannot start before the end of the previous one
    for m in body.finditer(text, pos, n):
        q = m.start()
        p = q
        while p > done and text[p - 1].isspace() and (blank_lines or text[p - 1] != "\n"):
            p -= 1
        if p == 0 or text[p - 1] == "\n":
            start = p
        elif blank_lines and (nl := text.find("\n", p, q)) >= 0:
            start = nl + 1
        else:
            continue
        yield start, m.end()
        done = m.end()


def is_upper_text(s: str, min_letters: int = 2) -> bool:
    """Whether ``s`` has at least ``min_letters`` letters and none of them is lower case.

    (A heading or a name in capitals: ``TỔ CHỨC THỰC HIỆN``, ``UBND TỈNH``.) The
    letters are filtered and tested by C-level ``filter``/``map``: this runs on
    every candidate line of every document.
    """
    letters = list(filter(str.isalpha, s))
    return len(letters) >= min_letters and not any(map(str.islower, letters))
