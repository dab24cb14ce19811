"""Signature and recipients (stub)."""

from __future__ import annotations

from vndocs.models import Recipient, Signer


def extract_signer(text: str) -> Signer | None:
    """The signature block."""
    return None


def extract_recipients(text: str) -> list[Recipient]:
    """Nơi nhận and Kính gửi items."""
    return []
