"""The shared scorer (``../shared/eval/score.py``) loaded as a module, for the benchmark scripts."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def load_scorer(path: Path) -> ModuleType:
    """The module at ``path`` (the project's scorer; its ``score(gold, preds)`` returns the metrics)."""
    spec = importlib.util.spec_from_file_location("vndocs_shared_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
