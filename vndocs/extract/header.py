"""Header fields (stub)."""

from __future__ import annotations

from vndocs.models import Header, Recipient, Signer


def extract_header(text: str) -> Header:
    """Header fields of a document."""
    return Header()


def complete_header(header: Header, text: str, signer: Signer | None, recipients: list[Recipient]) -> Header:
    """Fill missing header fields from the body, signature and Lưu line."""
    return header
