"""Outline (stub)."""

from __future__ import annotations

from dataclasses import dataclass, field

from vndocs.models import Section, Span


@dataclass(slots=True)
class Outline:
    """The body's section tree plus preamble and enacting line."""

    sections: list[Section] = field(default_factory=list)
    preamble: list[Span] = field(default_factory=list)
    enacting: Span | None = None
    body_start: int = 0
    body_end: int = 0


def extract_outline(text: str) -> Outline:
    """Outline of the body."""
    return Outline()
