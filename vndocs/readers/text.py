"""Plain-text reader: detects the encoding and decodes to Unicode."""

from __future__ import annotations

from pathlib import Path

from vndocs.errors import ReadError
from vndocs.readers import RawText
from vndocs.readers.encodings import decode_bytes


def read_bytes_as_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode file bytes, refusing binary junk."""
    if not data.strip():
        raise ReadError(name, "empty file")
    text, encoding = decode_bytes(data)
    if text is None:
        raise ReadError(name, "binary data, not text (no known encoding fits)")
    if not text.strip():
        raise ReadError(name, "empty file (only white space)")
    return text, encoding


def read_text(path: Path, name: str) -> RawText:
    """Read a .txt file."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(name, f"cannot read file ({e.strerror})") from None
    text, encoding = read_bytes_as_text(data, name)
    return RawText(text=text, format="txt", encoding=encoding)
