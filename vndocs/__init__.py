"""vndocs: read Vietnamese official documents into structured, searchable, linked data.

Heavy libraries (spaCy, underthesea, pdfplumber, python-docx, search engines)
are imported lazily, inside the functions that need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vndocs.errors import ReadError, VndocsError
from vndocs.models import (
    Deadline,
    Document,
    Header,
    Reference,
    Section,
    Signer,
    Span,
    Task,
    Unit,
)
from vndocs.pipeline import parse

__version__ = "0.1.0"

__all__ = [
    "Catalog",
    "Deadline",
    "Document",
    "Header",
    "ReadError",
    "Reference",
    "Section",
    "Signer",
    "Span",
    "Task",
    "Unit",
    "VndocsError",
    "parse",
    "to_spacy",
]

if TYPE_CHECKING:  # pragma: no cover
    from vndocs.catalog import Catalog


def __getattr__(name: str) -> Any:
    if name == "Catalog":
        from vndocs.catalog import Catalog

        return Catalog
    if name == "to_spacy":
        from vndocs.spacy_component import to_spacy

        return to_spacy
    raise AttributeError(name)
