"""Reader for .pdf files (stub)."""

from __future__ import annotations

from pathlib import Path

from vndocs.errors import ReadError
from vndocs.readers import RawText


def read_pdf(path: Path, name: str) -> RawText:
    """Read a .pdf file."""
    raise ReadError(name, ".pdf reading is not implemented yet")
