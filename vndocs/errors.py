"""Errors raised by vndocs. The CLI prints each as one ``Error: ...`` line."""

from __future__ import annotations


class VndocsError(Exception):
    """Base of every error vndocs raises on purpose."""


class ReadError(VndocsError):
    """A file cannot be read: unknown format, corrupt, encrypted, empty, no text layer."""

    def __init__(self, path: str, reason: str) -> None:
        # one line whatever the library said (lxml puts a newline in some messages;
        # tests/test_fuzz.py::test_docx_with_junk_document_xml)
        reason = " ".join(reason.split())
        shown = path.replace("\r", "\\r").replace("\n", "\\n")  # a newline in a file name too
        super().__init__(f"{shown}: {reason}")
        self.path = path
        self.reason = reason


class UnsupportedFormat(ReadError):
    """The file's format is not one vndocs reads."""


class CatalogError(VndocsError):
    """The catalog cannot be opened or written."""


class IndexBusy(CatalogError):
    """Another process is writing the same index."""


class NotFound(VndocsError):
    """A document or reference is not in the catalog."""
