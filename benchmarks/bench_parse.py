"""Parse throughput over a corpus folder, against a trivial baseline in the same run.

    python benchmarks/bench_parse.py [CORPUS_DIR] [--runs 3] [--limit N]

CORPUS_DIR defaults to ``../shared/corpus/docs`` (beside the repository).
Measured, each as the median of ``--runs`` runs in one process:

- documents/s over the ``.md`` and ``.txt`` files: (a) ``vndocs.parse`` (the
  whole pipeline) and (b) a baseline that only reads the bytes, decodes UTF-8,
  NFC-normalizes and runs one regex (the number pattern ``Số: 12/KH-UBND``);
  their ratio (target: parse >= 20% of baseline);
- pages/s over the PDFs that have a text layer: ``vndocs.parse``, the reader
  alone (``vndocs.readers.read``: layout, furniture removal, header columns)
  and a baseline of pypdfium2's bare page text + NFC + the same regex.

Prints a markdown table with the machine (``nproc``, CPU model) for the README.
Files that fail to read (scans, images: OCR is off here) are left out and counted.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# text layers only: scans would be read by OCR (seconds a page) where Tesseract is installed
os.environ["VNDOCS_OCR"] = "0"

NUMBER = re.compile(
    # the number line of a State or Party header: "Số: 12/KH-UBND", "Số 45-KH/BTGTU"
    r"Số\s*:?\s*(?P<number>\d+[\w/.-]*[A-ZĐ][\w/.-]*)"
)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _median_rate(fn: Callable[[], int], runs: int) -> tuple[float, float]:
    """(median units per second, median seconds) of ``fn`` returning a unit count."""
    rates, times = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        units = fn()
        dt = time.perf_counter() - t0
        rates.append(units / dt if dt > 0 else float("inf"))
        times.append(dt)
    return statistics.median(rates), statistics.median(times)


def baseline_text(paths: list[Path]) -> int:
    """Read, decode, NFC, one regex: the least any parser must do."""
    n = 0
    for p in paths:
        text = unicodedata.normalize("NFC", p.read_bytes().decode("utf-8", errors="replace"))
        NUMBER.search(text)
        n += 1
    return n


def baseline_pdf(paths: list[Path]) -> int:
    """pypdfium2 bare text of every page, NFC, one regex; returns pages."""
    import pypdfium2 as pdfium

    pages = 0
    for p in paths:
        pdf = pdfium.PdfDocument(str(p))
        parts = []
        for i in range(len(pdf)):
            tp = pdf[i].get_textpage()
            parts.append(tp.get_text_range())
            tp.close()
        pages += len(pdf)
        pdf.close()
        NUMBER.search(unicodedata.normalize("NFC", "\n".join(parts)))
    return pages


def step_breakdown(paths: list[Path]) -> list[tuple[str, float]]:
    """Seconds spent in reading, normalizing and each pipeline step over ``paths`` (one pass).

    The pipeline's functions are wrapped with timers for the pass and restored after.
    """
    from vndocs import pipeline

    spent: dict[str, float] = {}

    def timed(name: str, fn: Callable) -> Callable:
        def wrapper(*a: object, **k: object) -> object:
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t0

        return wrapper

    saved = (pipeline.read, pipeline.normalize, list(pipeline.STEPS))
    pipeline.read = timed("read", pipeline.read)
    pipeline.normalize = timed("normalize", pipeline.normalize)
    pipeline.STEPS[:] = [(name, timed(name, fn)) for name, fn in pipeline.STEPS]
    try:
        for p in paths:
            pipeline.parse(p)
    finally:
        pipeline.read, pipeline.normalize = saved[0], saved[1]
        pipeline.STEPS[:] = saved[2]
    return sorted(spent.items(), key=lambda kv: -kv[1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "docs"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument(
        "--limit", type=int, default=0, help="at most this many files of each kind (0: all)"
    )
    args = ap.parse_args(argv)

    from vndocs import parse
    from vndocs.errors import VndocsError
    from vndocs.readers import read

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"Error: {corpus}: not a folder", file=sys.stderr)
        return 1
    texts = sorted(p for p in corpus.iterdir() if p.suffix.lower() in (".md", ".txt"))
    pdfs, page_counts, skipped = [], {}, []
    for p in sorted(corpus.glob("*.pdf")):
        try:
            raw = read(p)
        except VndocsError:
            skipped.append(p.name)
            continue
        pdfs.append(p)
        page_counts[p] = raw.pages or 0
    if args.limit:
        texts, pdfs = texts[: args.limit], pdfs[: args.limit]
    n_pages = sum(page_counts[p] for p in pdfs)

    def parse_texts() -> int:
        for p in texts:
            parse(p)
        return len(texts)

    def parse_pdfs() -> int:
        for p in pdfs:
            parse(p)
        return n_pages

    def read_pdfs() -> int:
        for p in pdfs:
            read(p)
        return n_pages

    structure = ["header", "outline", "signature", "header_fallbacks"]

    def parse_structure() -> int:
        # the document's own structure only: header, outline, signature, recipients
        for p in texts:
            parse(p, steps=structure)
        return len(texts)

    parse_texts()  # warm up: imports, compiled patterns, data files
    rows = []
    parse_docs, _ = _median_rate(parse_texts, args.runs)
    base_docs, _ = _median_rate(lambda: baseline_text(texts), args.runs)
    struct_docs, _ = _median_rate(parse_structure, args.runs)
    rows.append(("documents/s, .md/.txt", len(texts), parse_docs, base_docs))
    rows.append(("documents/s, .md/.txt, structure only", len(texts), struct_docs, base_docs))
    if pdfs:
        parse_pages, _ = _median_rate(parse_pdfs, args.runs)
        read_pages, _ = _median_rate(read_pdfs, args.runs)
        base_pages, _ = _median_rate(lambda: baseline_pdf(pdfs), args.runs)
        rows.append(("pages/s, text PDFs", n_pages, parse_pages, base_pages))

    print(
        f"Machine: {os.cpu_count()} CPUs (nproc), {_cpu_model()}; Python {platform.python_version()}"
    )
    print(
        f"Corpus: {corpus} ({len(texts)} .md/.txt files, {len(pdfs)} text PDFs with {n_pages} pages;"
        f" {len(skipped)} PDFs without text layer skipped); median of {args.runs} runs, one process"
    )
    print()
    print("| measure | units | vndocs.parse | baseline | parse / baseline |")
    print("|---|---:|---:|---:|---:|")
    for name, units, ours, base in rows:
        print(f"| {name} | {units} | {ours:,.1f} | {base:,.1f} | {ours / base:.1%} |")
    if pdfs:
        print(
            f"| pages/s, PDF reader only | {n_pages} | {read_pages:,.1f} | {base_pages:,.1f} |"
            f" {read_pages / base_pages:.1%} |"
        )
    print()
    breakdown = step_breakdown(texts)
    total = sum(t for _, t in breakdown) or 1.0
    print(f"Where parse time goes over the {len(texts)} .md/.txt files (one pass):")
    print()
    print("| step | seconds | ms/document | share |")
    print("|---|---:|---:|---:|")
    for name, t in breakdown:
        print(f"| {name} | {t:.2f} | {1000 * t / max(len(texts), 1):.1f} | {t / total:.0%} |")
    print()
    print(
        "Baseline: read bytes, decode UTF-8, NFC, one regex (PDF: pypdfium2 bare page text + NFC + regex)."
    )
    ok = parse_docs >= 0.2 * base_docs
    print(
        f"Target parse >= 20% of baseline documents/s: {'met' if ok else 'NOT met'} ({parse_docs / base_docs:.1%})."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
