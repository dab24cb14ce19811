"""Golden files over the shipped corpus and invariants over every document.

``pytest tests/test_golden.py --update-golden`` rewrites ``tests/golden/*.json``
from the current output; review the diff before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS, GOLD, corpus_files

import vndocs
from vndocs.errors import ReadError
from vndocs.normalize import normalize_number

GOLDEN = Path(__file__).parent / "golden"
CONTRACT_KEYS = {"source", "type", "number", "issuer", "date", "title", "signer", "sections", "references", "tasks", "recipients"}


def _summary(doc: vndocs.Document) -> dict[str, object]:
    d = doc.to_dict()
    return {
        "system": d["system"],
        "type": d["type"],
        "number": d["number"],
        "issuer": d["issuer"],
        "date": d["date"],
        "title": d["title"],
        "signer": d["signer"]["name"],  # type: ignore[index]
        "sections": [[s["label"], s["heading"]] for s in d["sections"]],  # type: ignore[union-attr]
        "recipients": d["recipients"],
    }


def _parse_or_error(path: Path) -> vndocs.Document | str:
    try:
        return vndocs.parse(path)
    except ReadError as e:
        return f"ReadError: {e.reason}"


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_golden(path: Path, update_golden: bool) -> None:
    out = _parse_or_error(path)
    got: object = out if isinstance(out, str) else _summary(out)
    golden = GOLDEN / (path.name + ".json")
    if update_golden or not golden.exists():
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if not update_golden:
            pytest.skip(f"golden file written: {golden.name}")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", corpus_files(".md", ".txt", ".pdf", ".docx", ".html"), ids=lambda p: p.name)
def test_invariants(path: Path) -> None:
    out = _parse_or_error(path)
    if isinstance(out, str):
        return
    doc = out
    d = doc.to_dict()
    assert set(d) >= CONTRACT_KEYS
    json.dumps(d, ensure_ascii=False)  # serializable
    h = doc.header
    # every span points at what was matched
    if h.number is not None and h.number.span is not None:
        assert normalize_number(doc.snippet(h.number.span)) == h.number.value
    if h.title is not None and h.title.span is not None:
        assert " ".join(doc.snippet(h.title.span).split())[:20].strip("* ") != ""
    for s in doc.sections:
        for node in s.walk():
            assert 0 <= node.span.start <= node.span.end <= len(doc.text)
            assert doc.text[node.span.start :].startswith(node.label.split()[0][:1]) or node.kind in ("dash", "plus", "paren")
    for r in doc.recipients:
        assert r.span is not None and r.text.split()[0] in doc.snippet(r.span)
    if doc.signer is not None and doc.signer.name:
        assert doc.signer.span is not None and doc.snippet(doc.signer.span).endswith(doc.signer.name)
    # spans map back into the text as read
    if doc.normalized is not None and h.number is not None and h.number.span is not None:
        src = doc.source_span(h.number.span)
        assert 0 <= src.start <= src.end <= len(doc.normalized.source)


def _gold_by_file() -> dict[str, dict[str, object]]:
    out = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            out[g["file"]] = g
    return out


@pytest.mark.parametrize("name", sorted(_gold_by_file()), ids=str)
def test_header_matches_hand_made_gold(name: str) -> None:
    """The dev gold (corpora/gold-dev.jsonl, made by hand) for number, date and type."""
    gold = _gold_by_file()[name]
    doc = vndocs.parse(CORPUS / name)
    h = doc.header
    assert (h.number.value if h.number else None) == (normalize_number(str(gold["number"])) if gold["number"] else None)
    assert (h.date.value if h.date else None) == gold["date"]
    assert (h.type.value if h.type else None) == gold["type"]
    labels = [s.label for s in doc.sections]
    assert labels == [s["label"] for s in gold["sections"]]  # type: ignore[index]
