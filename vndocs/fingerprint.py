"""A fingerprint of the extraction code and data, to tell when indexed results are stale.

A catalog stores the fingerprint of the vndocs that filled it; ``vndocs index``
parses every file again when the running vndocs has another one (an upgrade or
a rule change), so the catalog never keeps what an older extractor read while
saying the files are unchanged.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_PARTS = ("readers", "extract", "data")
_MODULES = ("normalize.py", "pipeline.py", "textutil.py", "vocab.py", "identity.py", "models.py", "serialize.py")


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """SHA-256 (16 hex digits) of the sources and data files that decide what a parse extracts."""
    h = hashlib.sha256()
    files = [_PACKAGE / m for m in _MODULES]
    for part in _PARTS:
        files.extend(p for p in (_PACKAGE / part).rglob("*") if p.suffix in (".py", ".json"))
    for p in sorted(files):
        if p.is_file():
            h.update(p.relative_to(_PACKAGE).as_posix().encode())
            h.update(b"\0")
            h.update(p.read_bytes())
            h.update(b"\0")
    return h.hexdigest()[:16]
