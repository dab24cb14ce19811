"""References to other documents (stub: replaced by the references work)."""

from __future__ import annotations

from vndocs.models import Header, Reference, Span


def extract_references(text: str, header: Header, preamble: list[Span]) -> list[Reference]:
    """Every other document the text mentions, once each, in order of first mention."""
    return []
