"""Tasks, units and deadlines (stub: replaced by the tasks work)."""

from __future__ import annotations

from dataclasses import dataclass, field

from vndocs.models import Deadline, Header, Section, Task, Unit


@dataclass(slots=True)
class TaskResult:
    """What the tasks extractor finds in a document."""

    tasks: list[Task] = field(default_factory=list)
    """Assignments in text order."""
    units: list[Unit] = field(default_factory=list)
    """Responsible units named, with their roles."""
    abbreviations: dict[str, str] = field(default_factory=dict)
    """Abbreviations the document defines."""
    plan_deadline: Deadline | None = None
    """Document-level time frame."""


def extract_tasks(text: str, header: Header, sections: list[Section]) -> TaskResult:
    """Tasks of a document."""
    return TaskResult()
