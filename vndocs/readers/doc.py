"""Reader for .doc files (stub)."""

from __future__ import annotations

from pathlib import Path

from vndocs.errors import ReadError
from vndocs.readers import RawText


def read_doc(path: Path, name: str) -> RawText:
    """Read a .doc file."""
    raise ReadError(name, ".doc reading is not implemented yet")
