"""Reader for .html files (stub)."""

from __future__ import annotations

from pathlib import Path

from vndocs.errors import ReadError
from vndocs.readers import RawText


def read_html(path: Path, name: str) -> RawText:
    """Read a .html file."""
    raise ReadError(name, ".html reading is not implemented yet")
