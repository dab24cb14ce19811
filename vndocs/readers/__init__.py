"""Readers: one per format, each returning :class:`RawText`.

``read(path)`` picks the reader by extension and content sniffing. Every
reader raises :class:`vndocs.errors.ReadError` with a one-line reason for a
file it cannot read; heavy libraries are imported inside the reader.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from vndocs.errors import ReadError, UnsupportedFormat
from vndocs.models import Table

MAX_BYTES = 200 * 1024 * 1024
"""Files larger than this are refused (a clear error, not a memory blow-up)."""
MAX_TEXT_BYTES = 16 * 1024 * 1024
"""Text formats (.txt, .md, .html) larger than this are refused at once: parsing costs about
2.5 s and 40 MB of memory per MB of text, so a 100 MB text file used to run into the 120 s
limit with a 1.1 GB peak (benchmarks/robustness_report.py). Real documents are under 2 MB."""
TEXT_EXTS = (".txt", ".md", ".markdown", ".html", ".htm", "")


@dataclass(slots=True)
class RawText:
    """Text as read from a file, before normalization.

    Layout conventions shared by all readers: one line per printed line; a
    blank line between blocks; the two header columns (issuer and number at
    left, national title and place-and-date at right) as two separate blocks,
    left first; table cells one per line, rows separated by blank lines.
    """

    text: str
    """The text."""
    format: str
    """txt, md, pdf, docx, html, doc."""
    encoding: str | None = None
    """Detected encoding for byte formats (utf-8, utf-16, cp1258, tcvn3, vni)."""
    pages: int | None = None
    """Number of pages (PDF)."""
    warnings: list[str] = field(default_factory=list)
    """Non-fatal problems."""
    tables: list[Table] = field(default_factory=list)
    """Tables with their rows and cells, where the format keeps them (the text
    itself has one cell per block)."""


SUPPORTED = (".txt", ".md", ".markdown", ".pdf", ".docx", ".html", ".htm", ".doc")
IMAGE_EXTS = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif", ".webp")


def sniff(data: bytes) -> str | None:
    """Format from magic bytes, or None."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data[:3] == b"\xff\xd8\xff" or data[:8] == b"\x89PNG\r\n\x1a\n" or data[:4] in (b"II*\x00", b"MM\x00*"):
        return "image"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image"
    return None


def read(path: str | os.PathLike[str]) -> RawText:
    """Read any supported file into :class:`RawText`.

    Raises:
        ReadError: the file is missing, empty, too large, corrupt, encrypted,
            an image, or has no text layer.
    """
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise ReadError(name, "no such file")
    if p.is_dir():
        raise ReadError(name, "is a directory")
    try:
        size = p.stat().st_size
    except OSError as e:
        raise ReadError(name, f"cannot stat file ({e.strerror})") from None
    if size == 0:
        raise ReadError(name, "empty file")
    if size > MAX_BYTES:
        raise ReadError(name, f"file too large ({size // (1024 * 1024)} MB > {MAX_BYTES // (1024 * 1024)} MB limit)")
    try:
        with open(p, "rb") as f:
            head = f.read(16)
    except OSError as e:
        raise ReadError(name, f"cannot open file ({e.strerror})") from None
    ext = p.suffix.lower()
    kind = sniff(head)
    if kind is None and ext in TEXT_EXTS and size > MAX_TEXT_BYTES:
        raise ReadError(
            name, f"text file too large ({size // (1024 * 1024)} MB > {MAX_TEXT_BYTES // (1024 * 1024)} MB limit)"
        )
    if kind == "image" or ext in IMAGE_EXTS:
        from vndocs.readers.ocr import read_image

        return read_image(p, name)
    if kind == "pdf" or ext == ".pdf":
        from vndocs.readers.pdf import read_pdf

        return read_pdf(p, name)
    if ext == ".docx" or (kind == "zip" and ext not in (".doc",)):
        from vndocs.readers.docx import read_docx

        return read_docx(p, name)
    if ext == ".doc" or kind == "ole":
        from vndocs.readers.doc import read_doc

        return read_doc(p, name)
    if ext in (".html", ".htm"):
        from vndocs.readers.html import read_html

        return read_html(p, name)
    if ext in (".md", ".markdown"):
        from vndocs.readers.markdown import read_markdown

        return read_markdown(p, name)
    if ext == ".txt" or ext == "":
        from vndocs.readers.text import read_text

        return read_text(p, name)
    raise UnsupportedFormat(name, f"unsupported format '{ext}' (supported: {', '.join(SUPPORTED)})")
