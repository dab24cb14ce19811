"""Reader for .docx files (stub)."""

from __future__ import annotations

from pathlib import Path

from vndocs.errors import ReadError
from vndocs.readers import RawText


def read_docx(path: Path, name: str) -> RawText:
    """Read a .docx file."""
    raise ReadError(name, ".docx reading is not implemented yet")
