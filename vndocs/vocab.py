"""Loading of the data files in ``vndocs/data`` (patterns and word lists are data)."""

from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from vndocs.normalize import key


@cache
def load(name: str) -> Any:
    """Parsed JSON of ``vndocs/data/<name>.json``."""
    with resources.files("vndocs.data").joinpath(f"{name}.json").open(encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=1)
def type_names() -> dict[str, str]:
    """Matching key of a printed type name -> canonical name (``KẾ HOẠCH`` -> ``Kế hoạch``)."""
    out: dict[str, str] = {}
    for t in load("doc_types")["types"]:
        out[key(t["name"])] = t["name"]
    return out


@lru_cache(maxsize=1)
def type_by_code() -> dict[str, list[str]]:
    """Type code (case kept) -> canonical names using it (``TT`` -> Thông tư, Thông tri)."""
    out: dict[str, list[str]] = {}
    for t in load("doc_types")["types"]:
        for c in t["codes"]:
            out.setdefault(c, []).append(t["name"])
    return out


def canonical_type(printed: str) -> str | None:
    """Canonical type for a printed type name, or None."""
    return type_names().get(key(printed))
