"""The parse pipeline: read, normalize, then an explicit ordered list of extractors."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from vndocs.models import Document, Header
from vndocs.normalize import normalize
from vndocs.readers import RawText, read


def _step_header(doc: Document) -> None:
    from vndocs.extract.header import extract_header

    doc.header = extract_header(doc.text)


def _step_outline(doc: Document) -> None:
    from vndocs.extract.outline import extract_outline

    outline = extract_outline(doc.text)
    doc.sections = outline.sections
    doc.preamble = outline.preamble
    doc.enacting = outline.enacting


def _step_signature(doc: Document) -> None:
    from vndocs.extract.signature import extract_recipients, extract_signer

    doc.signer = extract_signer(doc.text)
    doc.recipients = extract_recipients(doc.text)


def _step_header_fallbacks(doc: Document) -> None:
    from vndocs.extract.header import complete_header

    doc.header = complete_header(doc.header, doc.text, doc.signer, doc.recipients)


def _step_references(doc: Document) -> None:
    from vndocs.extract.references import extract_references

    doc.references = extract_references(doc.text, doc.header, doc.preamble)


def _step_tasks(doc: Document) -> None:
    from vndocs.extract.tasks import extract_tasks

    result = extract_tasks(doc.text, doc.header, doc.sections, doc.tables)
    doc.tasks = result.tasks
    doc.units = result.units
    doc.abbreviations = result.abbreviations
    doc.plan_deadline = result.plan_deadline


Step = Callable[[Document], None]

STEPS: list[tuple[str, Step]] = [
    ("header", _step_header),
    ("outline", _step_outline),
    ("signature", _step_signature),
    ("header_fallbacks", _step_header_fallbacks),
    ("references", _step_references),
    ("tasks", _step_tasks),
]
"""The extractors in the order they run; each fills fields of the Document."""


def parse_raw(raw: RawText, source: str | None = None, *, steps: list[str] | None = None) -> Document:
    """Parse text already read by a reader."""
    nt = normalize(raw.text)
    doc = Document(
        source=source,
        text=nt.text,
        header=Header(),
        format=raw.format,
        encoding=raw.encoding,
        pages=raw.pages,
        warnings=list(raw.warnings),
        tables=list(raw.tables),
        normalized=nt,
    )
    for name, step in STEPS:
        if steps is not None and name not in steps:
            continue
        step(doc)
    return doc


def _names_a_file(value: object) -> bool:
    """A short string naming an existing path, with or without an extension, a folder
    or a device too (read() refuses those with one clear error); a newline in a file
    name is allowed (tests/test_robustness.py::test_missing_and_special_paths_give_one_error_line,
    test_file_name_with_newline_gives_one_error_line)."""
    if not isinstance(value, str) or len(value) >= 4096 or "\x00" in value or value.count("\n") > 2:
        return False
    try:
        return Path(value).exists()
    except (OSError, ValueError):
        return False


def parse(path_or_text: str | os.PathLike[str], *, steps: list[str] | None = None) -> Document:
    """Parse a file path or a text into a :class:`Document`.

    A string that names an existing file is read as a file; any other string
    is parsed as the document's text.

    Raises:
        vndocs.errors.ReadError: the file cannot be read.
    """
    if isinstance(path_or_text, os.PathLike) or _names_a_file(path_or_text):
        raw = read(path_or_text)
        return parse_raw(raw, str(path_or_text), steps=steps)
    return parse_raw(RawText(text=str(path_or_text), format="text"), None, steps=steps)
