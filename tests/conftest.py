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


@pytest.fixture(autouse=True)
def _ocr_only_where_asked(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """OCR output depends on the Tesseract installed: tests not marked ``ocr`` run without it
    (scans give their clear error), so golden files and counts are the same on every machine."""
    if request.node.get_closest_marker("ocr") is None:
        monkeypatch.setenv("VNDOCS_OCR", "0")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def corpus_files(*exts: str) -> list[Path]:
    """Files of corpora/docs with the given extensions (all when none)."""
    files = sorted(p for p in CORPUS.iterdir() if p.is_file())
    if exts:
        files = [p for p in files if p.suffix.lower() in exts]
    return files


# --------------------------------------------------------------------------
# extra gold sets scored with ../shared/eval/score.py (tests/test_*_generalization.py)

SHARED = ROOT.parent / "shared"
SHARED_DOCS = SHARED / "corpus" / "docs"
SCORER = SHARED / "eval" / "score.py"
needs_shared = pytest.mark.skipif(
    not (SHARED_DOCS.is_dir() and SCORER.is_file()), reason="../shared corpus and scorer not present"
)


def read_gold(path: Path) -> list[dict]:
    """The documents of a JSONL gold file."""
    import json

    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score_on_shared(gold: list[dict], floors: dict[str, float]) -> None:
    """Parse the gold's documents from the shared corpus, score them, fail below a floor.

    The failure message lists the metrics under their floor and every wrong item.
    """
    import importlib.util

    import vndocs

    spec = importlib.util.spec_from_file_location("vndocs_shared_score", SCORER)
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    preds = [vndocs.parse(str(SHARED_DOCS / g["file"])).to_dict() for g in gold]
    metrics, per_doc, missing = score.score(gold, preds)
    assert not missing
    wrong = [f"{d['file']}: {w}" for d in per_doc for w in d["wrong"]]
    short = {k: metrics[k] for k, floor in floors.items() if metrics[k] is None or metrics[k] < floor}
    assert not short, f"{short}; {wrong}"
