"""Character classes for Vietnamese text (Python's ``re`` has no ``\\p{Lu}``)."""

from __future__ import annotations

import unicodedata


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
