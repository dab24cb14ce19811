"""Expand the real corpus into N synthetic documents for search benchmarks.

Each synthetic document takes the header block of a real document (issuer
lines, number, place and date, type, title) with a new serial number and date,
then real outline headings and paragraphs drawn from the whole corpus until it
reaches about ``--size`` bytes. Deterministic for a given ``--seed``.

    python benchmarks/gen_corpus.py OUT_DIR --count 20000 [--size 5000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpora" / "docs"

# where the header block ends: the first preamble or body line
_BODY_START_RE = re.compile(
    r"^\s*(?:[-–]\s*)?(?:Căn cứ|Thực hiện|Kính gửi|Theo đề nghị|Ngày \d|I[.\-]\s|1[.\-]\s|Điều 1|Chương I)"
)
_NUMBER_RE = re.compile(r"(?P<pre>Số\s*:?\s*)(?P<num>\d{1,5})")
_DATE_RE = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")
_HEADING_RE = re.compile(r"^\s*(?:[IVX]+|\d+)[.\-]\s+\S")


def load_pieces(docs: Path = DOCS) -> tuple[list[str], list[str], list[str]]:
    """(header blocks, headings, paragraphs) of every readable document."""
    import vndocs

    headers: list[str] = []
    headings: list[str] = []
    paragraphs: list[str] = []
    for p in sorted(docs.iterdir()):
        try:
            text = vndocs.parse(p).text
        except Exception:  # noqa: BLE001 - unreadable formats are skipped
            continue
        lines = text.split("\n")
        cut = next((i for i, line in enumerate(lines) if i > 3 and _BODY_START_RE.match(line)), None)
        if cut is not None and 0 < len("\n".join(lines[:cut])) < 1500:
            headers.append("\n".join(lines[:cut]).strip())
            body = lines[cut:]
        else:
            body = lines
        for line in body:
            s = line.strip()
            if not s:
                continue
            if _HEADING_RE.match(s) and len(s) < 160:
                headings.append(s)
            elif 40 <= len(s) <= 1200:
                paragraphs.append(s)
    return headers, headings, paragraphs


def make_document(rng: random.Random, headers: list[str], headings: list[str], paragraphs: list[str], size: int) -> str:
    """One synthetic document."""
    header = rng.choice(headers)
    header = _NUMBER_RE.sub(lambda m: m.group("pre") + str(rng.randint(1, 9999)), header, count=1)
    d, mth, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2005, 2025)
    header = _DATE_RE.sub(f"ngày {d:02d} tháng {mth:02d} năm {y}", header, count=1)
    parts = [header, ""]
    n = len(header.encode("utf-8"))
    while n < size:
        if rng.random() < 0.2:
            h = rng.choice(headings)
            parts.append(h)
            n += len(h.encode("utf-8")) + 1
        p = rng.choice(paragraphs)
        parts.append(p)
        n += len(p.encode("utf-8")) + 1
    return "\n".join(parts) + "\n"


def generate(out: Path, count: int, size: int = 5000, seed: int = 1) -> int:
    """Write ``count`` documents as ``out/gen_NNNNNN.txt``; returns how many were written."""
    headers, headings, paragraphs = load_pieces()
    if not headers or not paragraphs:
        raise SystemExit("no readable documents in corpora/docs")
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (out / f"gen_{i:06d}.txt").write_text(make_document(rng, headers, headings, paragraphs, size), encoding="utf-8")
    return count


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--size", type=int, default=5000, help="approximate UTF-8 bytes per document")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    n = generate(args.out, args.count, args.size, args.seed)
    print(f"wrote {n} documents to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
