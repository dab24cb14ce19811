"""Shared fixtures: the shipped corpus and the golden-file switch."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "docs"
GOLD = ROOT / "corpora" / "gold-dev.jsonl"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/*.json from the current output (review the diff).",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def corpus_files(*exts: str) -> list[Path]:
    """Files of corpora/docs with the given extensions (all when none)."""
    files = sorted(p for p in CORPUS.iterdir() if p.is_file())
    if exts:
        files = [p for p in files if p.suffix.lower() in exts]
    return files
