"""Parsed documents -> analyzed records for the engines."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from vndocs.search.analysis import (
    SEPARATOR,
    analyze,
    exact_tokens,
    folded_tokens,
    make_synonyms,
    number_key,
    number_tokens,
    shipped_synonyms,
)
from vndocs.search.engine import Record

_DATE_RE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")
_YEAR_IN_NUMBER_RE = re.compile(r"/(?P<y>(?:19|20)\d{2})/")  # 30/2020/NĐ-CP

MAX_ALIAS_REPEAT = 20


def _joined(values: Iterable[str | None]) -> str:
    """Folded tokens of several values, with a separator between values."""
    parts = [" ".join(folded_tokens(v)) for v in values if v]
    return f" {SEPARATOR} ".join(p for p in parts if p)


def _headings(sections: Any) -> list[str]:
    out: list[str] = []
    stack = list(sections or [])[::-1]
    while stack:
        s = stack.pop()
        if not isinstance(s, Mapping):
            continue
        if s.get("heading"):
            out.append(str(s["heading"]))
        stack.extend(list(s.get("children") or [])[::-1])
    return out


def _alias_field(folded_body: list[str], abbreviations: Mapping[str, str]) -> str:
    """Expansions of abbreviations the text uses, once per use (capped)."""
    if not folded_body:
        return ""
    counts = Counter(folded_body)
    parts: list[str] = []
    syn = shipped_synonyms()
    doc_syn = make_synonyms([(str(a), str(e)) for a, e in abbreviations.items() if a and e])
    for table in (doc_syn.by_abbr, syn.by_abbr):
        for abbr, expansions in table.items():
            n = min(counts.get(abbr, 0), MAX_ALIAS_REPEAT)
            if not n:
                continue
            for exp in expansions:
                parts.extend([" ".join(exp)] * n)
    # doc-defined expansions written out in full also answer their abbreviation
    joined = " ".join(folded_body)
    for exp, abbrs in doc_syn.by_expansion.items():
        n = min(joined.count(" ".join(exp)), MAX_ALIAS_REPEAT)
        for a in abbrs:
            parts.extend([a] * n)
    return f" {SEPARATOR} ".join(parts)


def build_records(doc_id: int, doc: Mapping[str, Any], text: str | None) -> Record:
    """The analyzed record of one document.

    Args:
        doc_id: catalog id.
        doc: ``Document.to_dict()`` output (keys may be missing or None).
        text: the document's normalized text.
    """
    text = text or ""
    dtype = doc.get("type") or None
    number = doc.get("number") or None
    title = doc.get("title") or None
    issuer = doc.get("issuer") or None
    date = doc.get("date") or None

    body_x, body_f = analyze(text)
    head = " ".join(filter(None, [dtype, title]))

    year = date_i = None
    m = _DATE_RE.match(str(date)) if date else None
    if m:
        year = int(m.group("y"))
        date_i = int(m.group("y") + m.group("m") + m.group("d"))
    elif number:
        ym = _YEAR_IN_NUMBER_RE.search(str(number))
        if ym:
            year = int(ym.group("y"))

    cites_k: list[str] = []
    cite_numbers: list[str] = []
    for r in doc.get("references") or []:
        if isinstance(r, Mapping) and r.get("number"):
            k = number_key(str(r["number"]))
            if k and k not in cites_k:
                cites_k.append(k)
                cite_numbers.append(str(r["number"]))

    units = [
        str(u.get("canonical") or u.get("name"))
        for u in (doc.get("units") or [])
        if isinstance(u, Mapping) and (u.get("canonical") or u.get("name"))
    ]
    abbreviations = doc.get("abbreviations") or {}
    if not isinstance(abbreviations, Mapping):
        abbreviations = {}

    fields = {
        "all_x": " ".join(body_x),
        "all_f": " ".join(body_f),
        "title_x": " ".join(exact_tokens(head)),
        "title_f": " ".join(folded_tokens(head)),
        "head_f": _joined(_headings(doc.get("sections"))),
        "number_f": " ".join(number_tokens(str(number))) if number else "",
        "issuer_f": " ".join(folded_tokens(str(issuer))) if issuer else "",
        "units_f": _joined(units),
        "alias_f": _alias_field(body_f, abbreviations),
        "cites_f": _joined(cite_numbers),
    }
    type_k = tuple(folded_tokens(str(dtype))) if dtype else ()
    keywords = {
        "number_k": (number_key(str(number)),) if number else (),
        "cites_k": tuple(cites_k),
        "type_k": (" ".join(type_k),) if type_k else (),
    }
    stored = {
        "source": doc.get("source"),
        "type": dtype,
        "number": number,
        "date": date,
        "issuer": issuer,
        "title": title,
    }
    return Record(
        doc_id=int(doc_id),
        stored={k: (str(v) if v is not None else None) for k, v in stored.items()},
        text=text,
        fields=fields,
        keywords=keywords,
        type_s=str(dtype) if dtype else None,
        issuer_s=str(issuer) if issuer else None,
        year=year,
        date_i=date_i,
    )
