"""Generate a large catalog (>= 100,000 documents) from the real documents, for benchmarks.

Each generated document recombines real parts: the title, outline and text
(cut to ``--text-chars``) of a real parsed document, and a header from a table
of real issuer patterns (Chính phủ ``NĐ-CP``, Thủ tướng ``QĐ-TTg``, UBND tỉnh
``KH-UBND``, Ban Bí thư ``KL/TW``, Ban Tuyên giáo Tỉnh ủy ``KH/BTGTU``...) with
new serials, years and provinces. Documents cite 0-3 earlier ones (mostly
recent ones, sometimes one of a few hub documents), so chains of depth >= 3
exist; some references omit the date or the province (ambiguous, as in real
texts), some name documents that are not generated (placeholders).

Usage::

    python benchmarks/gen_catalog.py benchmarks/out/catalog-100k --n 100000

Insertion goes through ``Catalog.add_document`` (pre-parsed dicts, no parsing),
in batches of ``--batch`` documents per transaction.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROVINCES = [
    "Thái Nguyên", "Bắc Kạn", "Hà Giang", "Lai Châu", "Đắk Lắk", "Hà Tĩnh", "Quảng Trị", "Phú Thọ",
    "Vĩnh Long", "Nghệ An", "Thanh Hóa", "Khánh Hòa", "Lâm Đồng", "Cà Mau", "Bình Định", "Quảng Ninh",
    "Hải Dương", "Nam Định", "Sơn La", "Điện Biên",
]

# (weight, system, issuer pattern, [(type, code)], normative: number carries the year)
ISSUERS: list[tuple[int, str, str, list[tuple[str, str]], bool]] = [
    (3, "state", "Chính phủ", [("Nghị định", "NĐ-CP"), ("Nghị quyết", "NQ-CP")], True),
    (6, "state", "Thủ tướng Chính phủ", [("Quyết định", "QĐ-TTg"), ("Chỉ thị", "CT-TTg")], False),
    (3, "state", "Bộ Tài chính", [("Thông tư", "TT-BTC")], True),
    (20, "state", "Ủy ban nhân dân tỉnh {p}", [("Kế hoạch", "KH-UBND"), ("Quyết định", "QĐ-UBND"), ("Chỉ thị", "CT-UBND")], False),
    (2, "party", "Ban Bí thư", [("Kết luận", "KL/TW"), ("Chỉ thị", "CT/TW")], False),
    (1, "party", "Ban Chấp hành Trung ương", [("Nghị quyết", "NQ/TW")], False),
    (15, "party", "Ban Tuyên giáo Tỉnh ủy {p}", [("Kế hoạch", "KH/BTGTU"), ("Hướng dẫn", "HD/BTGTU")], False),
    (10, "party", "Tỉnh ủy {p}", [("Kế hoạch", "KH/TU"), ("Chỉ thị", "CT/TU")], False),
]

RELATIONS = [("implements", 40), ("cites", 30), ("based_on", 20), ("amends", 5), ("guides", 3), ("replaces", 2)]


def load_templates(source: Path, text_chars: int) -> list[dict[str, Any]]:
    """Parse the real documents once; keep title, top-level outline and the start of the text."""
    from vndocs import parse
    from vndocs.readers import SUPPORTED

    out = []
    for path in sorted(source.iterdir()):
        if path.suffix.lower() not in SUPPORTED:
            continue
        try:
            doc = parse(path, steps=["header", "outline", "signature", "header_fallbacks"])
        except Exception:  # noqa: BLE001 - a template less
            continue
        d = doc.to_dict()
        title = d.get("title") or (d.get("sections") or [{}])[0].get("heading")
        if not title:
            continue
        sections = [dict(s, children=[]) for s in d.get("sections", [])[:8]]
        out.append({"title": title, "sections": sections, "text": doc.text[:text_chars]})
    if not out:
        raise SystemExit(f"no usable document under {source}")
    return out


def generate(n: int, templates: list[dict[str, Any]], seed: int = 1) -> Iterator[tuple[dict[str, Any], str]]:
    """Yield ``(doc_dict, text)`` pairs, oldest first."""
    rng = random.Random(seed)
    weights = [w for w, *_ in ISSUERS]
    rel_names = [r for r, _ in RELATIONS]
    rel_weights = [w for _, w in RELATIONS]
    counters: dict[tuple[str, str, int], int] = {}
    made: list[dict[str, Any]] = []
    hubs: list[dict[str, Any]] = []
    start = dt.date(2008, 1, 1)
    span_days = (dt.date(2025, 12, 31) - start).days
    for i in range(n):
        date = start + dt.timedelta(days=span_days * i // n)
        year = date.year
        _, system, pattern, kinds, normative = rng.choices(ISSUERS, weights)[0]
        province = rng.choice(PROVINCES)
        issuer = pattern.format(p=province)
        doc_type, code = rng.choice(kinds)
        scope = province if "{p}" in pattern else ""
        # Party numbers run per committee term: a 5-year window approximates it
        period = (year - 2000) // 5 if system == "party" else year
        c_key = (code, scope, period)
        counters[c_key] = counters.get(c_key, 0) + 1
        serial = counters[c_key]
        if system == "party":
            number = f"{serial:02d}-{code}"
        elif normative:
            number = f"{serial:02d}/{year}/{code}"
        else:
            number = f"{serial}/{code}"
        tpl = rng.choice(templates)
        refs = []
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            if made and rng.random() < 0.93:
                if hubs and rng.random() < 0.1:
                    target = rng.choice(hubs)
                else:
                    target = made[max(0, len(made) - 1 - int(rng.expovariate(1 / 400)))]
                t_issuer = target["issuer"]
                if target["system"] == "party" and "Tỉnh ủy" in t_issuer and rng.random() < 0.3:
                    t_issuer = t_issuer.split(" Tỉnh ủy")[0] + " Tỉnh ủy"  # province left out, as texts do
                refs.append({
                    "type": target["type"], "number": target["number"],
                    "date": target["date"] if rng.random() < 0.9 else None,
                    "issuer": t_issuer, "title": target["title"],
                    "relation": rng.choices(rel_names, rel_weights)[0],
                })
            else:  # a document outside the catalog
                refs.append({
                    "type": "Nghị định", "number": f"{rng.randint(1, 300)}/{rng.randint(1995, 2007)}/NĐ-CP",
                    "date": None, "issuer": "Chính phủ", "title": None, "relation": "based_on",
                })
        for r in refs:
            r["mentions"] = [{"span": [0, min(20, len(tpl["text"]))], "cue": None}]
        d = {
            "source": f"generated/{i:07d}.txt",
            "type": doc_type, "number": number, "issuer": issuer, "date": date.isoformat(),
            "title": tpl["title"], "system": system, "sections": tpl["sections"], "references": refs,
        }
        made.append(d)
        if rng.random() < 0.002:
            hubs.append(d)
        yield d, tpl["text"]


def build(out: Path, n: int, source: Path, seed: int, batch: int, text_chars: int) -> dict[str, float]:
    """Generate and insert; returns timing figures."""
    from vndocs.catalog import Catalog

    templates = load_templates(source, text_chars)
    out.mkdir(parents=True, exist_ok=True)
    if (out / "catalog.sqlite3").exists():
        raise SystemExit(f"{out} already holds a catalog; remove it first")
    cat = Catalog(out)
    t0 = time.perf_counter()
    done = 0
    gen = generate(n, templates, seed)
    while True:
        chunk = [x for _, x in zip(range(batch), gen)]
        if not chunk:
            break
        with cat.transaction():
            for d, text in chunk:
                cat.add_document(d, text, source=d["source"], size=len(text), mtime=0.0)
        done += len(chunk)
        if done % (batch * 20) == 0:
            rate = done / (time.perf_counter() - t0)
            print(f"  {done:>7} documents, {rate:,.0f}/s", file=sys.stderr)
    seconds = time.perf_counter() - t0
    counts = cat.counts()
    cat.close()
    return {"documents": counts["documents"], "placeholders": counts["placeholders"],
            "edges": counts["edges"], "seconds": seconds, "rate": n / seconds}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="index folder to create")
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--source", type=Path, default=ROOT / "corpora" / "docs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=500, help="documents per transaction")
    ap.add_argument("--text-chars", type=int, default=1500)
    args = ap.parse_args()
    r = build(args.out, args.n, args.source, args.seed, args.batch, args.text_chars)
    print(
        f"{r['documents']:,} documents, {r['placeholders']:,} placeholders, {r['edges']:,} edges "
        f"in {r['seconds']:.0f} s ({r['rate']:,.0f} documents/s, {args.batch} per transaction)"
    )


if __name__ == "__main__":
    main()
