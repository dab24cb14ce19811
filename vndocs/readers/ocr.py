"""OCR of scans (images, PDFs without a usable text layer) through Tesseract.

Tesseract (``tesseract`` with its Vietnamese data, Debian's ``tesseract-ocr`` and
``tesseract-ocr-vie``) is used when it is installed; without it a scan gives the
clear error it always gave, now saying what to install. Each page image goes to
``tesseract stdin stdout -l vie tsv``; the words come back with their boxes and are
laid out like a PDF page's text (:func:`vndocs.readers.pdf._layout`), so the two
header columns stay two blocks. Tesseract puts a header's two columns on one line
when they sit close; the national or Party title line ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
NAM", "ĐẢNG CỘNG SẢN VIỆT NAM") shows where the right column starts, and the header's
lines are cut there.

OCR text is a reading, not the document: every result carries a warning saying so.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from statistics import median

from vndocs.errors import ReadError

LANG = "vie"
DPI = 300
"""Resolution PDF pages are rendered at for OCR."""
MAX_PAGES = 30
"""Pages OCR'd at most (about 3-6 s each); the rest are left out with a warning."""
TIME_BUDGET = 80.0
"""Seconds of OCR a document may take (a parse has 120 s in all): no page is started after that."""
PAGE_TIMEOUT = 120
"""Seconds one page may take."""
INSTALL_HINT = "OCR needs tesseract-ocr and tesseract-ocr-vie installed (and VNDOCS_OCR not 0)"
WARNING = "text read by OCR (Tesseract); check names, numbers and dates against the scan"


def available() -> bool:
    """Whether OCR is on: ``tesseract`` runs here with the Vietnamese data, and ``VNDOCS_OCR`` is
    not ``0`` (set it to keep scans out, as errors, e.g. for a quick batch)."""
    return os.environ.get("VNDOCS_OCR", "1") != "0" and _tesseract_ready()


@lru_cache(maxsize=1)
def _tesseract_ready() -> bool:
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return False
    return LANG in out.stdout.split()


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    line: tuple[int, int, int]  # (block, paragraph, line) as Tesseract numbers them


def _tesseract_words(png: bytes, name: str) -> list[_Word]:
    try:
        out = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", LANG, "--psm", "3", "tsv"],
            input=png,
            capture_output=True,
            timeout=PAGE_TIMEOUT,
            # one thread a page: pages run side by side, and Tesseract's own threads only slow a busy machine
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    except subprocess.TimeoutExpired:
        raise ReadError(name, f"OCR took longer than {PAGE_TIMEOUT} s on a page") from None
    except OSError as e:
        raise ReadError(name, f"OCR failed to start ({e.strerror})") from None
    if out.returncode != 0:
        detail = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReadError(name, f"OCR failed ({detail[-1] if detail else 'tesseract exit ' + str(out.returncode)})")
    words: list[_Word] = []
    for row in out.stdout.decode("utf-8", "replace").splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5" or not f[11].strip():
            continue
        left, top, width, height = (int(x) for x in f[6:10])
        words.append(_Word(f[11].strip(), left, top, left + width, top + height, (int(f[2]), int(f[3]), int(f[4]))))
    return words


_TITLE_START_RE = re.compile(r"^(?:CỘNG|ĐẢNG)$")
_TITLE_NEXT_RE = re.compile(r"^(?:HÒA|HOÀ|HOA|CỘNG)$")


def _title_column(lines: list[list[_Word]], page_height: int) -> int | None:
    """Left edge of the header's right column: where "CỘNG HÒA ..." or "ĐẢNG CỘNG SẢN ..." starts,
    when it starts right of the page's middle part, near the top."""
    if not lines:
        return None
    page_left = min(w.left for ln in lines for w in ln)
    page_right = max(w.right for ln in lines for w in ln)
    for ln in lines:
        if ln[0].top > 0.35 * page_height:
            break
        for a, b in zip(ln, ln[1:]):
            if (_TITLE_START_RE.match(a.text) and _TITLE_NEXT_RE.match(b.text)
                    and a.left > page_left + 0.25 * (page_right - page_left)):
                return a.left
    return None


def _lines_of(words: list[_Word]) -> list[list[_Word]]:
    """Printed lines: Tesseract's lines, joined when they stand side by side (two columns)."""
    by_line: dict[tuple[int, int, int], list[_Word]] = {}
    for w in words:
        by_line.setdefault(w.line, []).append(w)
    raw = sorted(by_line.values(), key=lambda ws: min(w.top for w in ws))
    printed: list[list[_Word]] = []
    for ws in raw:
        top, bottom = min(w.top for w in ws), max(w.bottom for w in ws)
        mid = (top + bottom) / 2
        for p in printed:
            p_top, p_bottom = min(w.top for w in p), max(w.bottom for w in p)
            if p_top <= mid <= p_bottom and not any(w.left < q.right and q.left < w.right for w in ws for q in p):
                p.extend(ws)
                break
        else:
            printed.append(list(ws))
    for p in printed:
        p.sort(key=lambda w: w.left)
    printed.sort(key=lambda p: min(w.top for w in p))
    return printed


def _page_segments(words: list[_Word], height: int) -> list[list[object]]:
    """The page's lines as :class:`vndocs.readers.pdf._Seg` lists (PDF points: y up)."""
    from vndocs.readers.pdf import _Seg

    lines = _lines_of(words)
    if not lines:
        return []
    col = _title_column(lines, height)
    heights = [w.bottom - w.top for ln in lines for w in ln]
    gap = 2.5 * median(heights) if heights else 30
    out: list[list[object]] = []
    header_end = None
    if col is not None:
        # the header: the lines down to the place-and-date line of the right column (or a few lines)
        for i, ln in enumerate(lines[:14]):
            if any(w.left >= col - gap and w.text.lower().startswith("ngày") for w in ln):
                header_end = i
                break
        if header_end is None:
            header_end = min(len(lines) - 1, 4)

    def seg(ws: list[_Word]) -> _Seg:
        return _Seg(
            " ".join(w.text for w in ws),
            float(min(w.left for w in ws)),
            float(max(w.right for w in ws)),
            float(height - max(w.bottom for w in ws)),
            float(height - min(w.top for w in ws)),
        )

    for i, ln in enumerate(lines):
        pieces: list[list[_Word]] = [[ln[0]]]
        for a, b in zip(ln, ln[1:]):
            # a wide gap; in the header, the step from the left column to the right one
            cut = b.left - a.right > gap or (
                header_end is not None and col is not None and i <= header_end and a.right <= col < b.left + gap / 2
            )
            if cut:
                pieces.append([b])
            else:
                pieces[-1].append(b)
        out.append([seg(p) for p in pieces])
    return out


def _read_lines(png: bytes, height: int, name: str) -> list[str]:
    from vndocs.readers.pdf import _drop_furniture, _layout

    lines = _drop_furniture(_page_segments(_tesseract_words(png, name), height))  # type: ignore[arg-type]
    if not lines:
        return []
    text_lines, _ = _layout(lines, True)
    return text_lines


POOR_PAGE_RATIO = 0.5
"""A page whose words are read as Vietnamese less often than this is tried turned (a scan fed upside down)."""


def _osd_angle(png: bytes) -> int | None:
    """The turn Tesseract's orientation detection proposes ("Rotate: 90"), or None."""
    try:
        out = subprocess.run(["tesseract", "stdin", "stdout", "--psm", "0"], input=png, capture_output=True,
                             timeout=PAGE_TIMEOUT, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r"Rotate:\s*(\d+)", out.stdout.decode("utf-8", "replace"))
    return int(m.group(1)) if m and int(m.group(1)) in (90, 180, 270) else None


def _ocr_page(image: object, name: str) -> list[str]:
    """One page image read; a page that reads poorly is read again turned as the orientation detection says,
    and upside down (its confidence is low on text pages: 0.12 for the dev gold's scanned page turned 180°)."""
    from vndocs.readers.legacy import vietnamese_ratio

    png = _png(image)
    lines = _read_lines(png, image.height, name)  # type: ignore[attr-defined]
    ratio = vietnamese_ratio("\n".join(lines)) if lines else 0.0
    if ratio >= POOR_PAGE_RATIO:
        return lines
    angles = [a for a in (_osd_angle(png), 180) if a]
    for angle in dict.fromkeys(angles):
        # PIL turns counter-clockwise; Tesseract's "Rotate: N" is clockwise
        turned = image.rotate(-angle, expand=True)  # type: ignore[attr-defined]
        again = _read_lines(_png(turned), turned.height, name)
        r = vietnamese_ratio("\n".join(again)) if again else 0.0
        if r > ratio:
            lines, ratio = again, r
        if ratio >= POOR_PAGE_RATIO:
            break
    return lines


def _png(image: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")  # type: ignore[attr-defined]
    return buf.getvalue()


_NOISE_TOKEN_RE = re.compile(r"(?:(?<=\s)|^)[_~|=]+(?=\s|$)")
_VV_RE = re.compile(r"^(?:V[íỉìi]v?|V\s*/\s*V|V\s*\\\s*v|Wv|V/\s+v)(?=\s+[a-zà-ỹđ])")
_ONE_RE = re.compile(r"^[lI|]\.(?=\s+[A-ZĐÀ-Ỹ])")


def _clean_line(line: str) -> str:
    """What Tesseract makes of a scan's marks: a lone "_" or "|" (a rule, a stamp's edge), "~" for a
    list dash, "Ví" or "Vív" for the "V/v" of a letter's subject, "l." for the first item's "1.", a
    period after a header line in capitals."""
    s = line.strip()
    if s.startswith("~ "):
        s = "- " + s[2:]
    s = _NOISE_TOKEN_RE.sub("", s)
    s = _VV_RE.sub("V/v", s)
    s = _ONE_RE.sub("1.", s)  # "l. Căn cứ ..." (scan_vietadmin_3): the first item's number
    s = " ".join(s.split())
    if s.isupper() and s.endswith((".", ",")):
        s = s[:-1]
    return s


# the fixed wording of a header, which Tesseract often reads with a wrong tone or hat ("THÀNH PHÓ",
# "XÃ HỌI"): a run of words that folds (no marks) to one of these is given its spelling back
_HEADER_PHRASES = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "THỦ TƯỚNG CHÍNH PHỦ", "CHÍNH PHỦ", "QUỐC HỘI", "THÀNH PHỐ",
    "THỊ XÃ", "THỊ TRẤN", "VĂN PHÒNG", "TỔNG CỤC", "CHI CỤC", "TỈNH ỦY", "HUYỆN ỦY", "THÀNH ỦY", "ĐẢNG ỦY",
    "BAN CHẤP HÀNH", "GIÁM ĐỐC", "CHỦ TỊCH", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nơi nhận",
)
HEADER_LINES = 15
"""Lines at the top of the first page, and at the foot of the last (the signature), that have a header's
fixed words."""


@lru_cache(maxsize=1)
def _phrase_keys() -> list[tuple[int, str, str]]:
    from vndocs.normalize import fold

    return sorted(((len(p.split()), fold(p), p) for p in _HEADER_PHRASES), reverse=True)


def _fix_header_words(line: str) -> str:
    from vndocs.normalize import fold, key

    words = line.split(" ")
    out: list[str] = []
    i = 0
    while i < len(words):
        for n, k, phrase in _phrase_keys():
            window = " ".join(words[i : i + n])
            if len(words) - i >= n and fold(window) == k:
                # a spelling that only places a tone mark otherwise ("UỶ BAN") is kept as read
                same = key(window) == key(phrase)
                out.append(window if same else phrase.upper() if window.isupper() else phrase if window[:1].isupper() else phrase.lower())
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def _is_scribble(line: str) -> bool:
    """A line a signature or a seal leaves in OCR text: no letters, no Vietnamese syllable, or one short
    word that is none ("\\&", "HH th", "Kông" between "GIÁM ĐỐC" and the signer's name, cv_1906 p2)."""
    from vndocs.extract.units import dictionary
    from vndocs.readers.legacy import is_vietnamese_syllable

    words = re.findall(r"[^\W\d_]+", line)
    if not words:
        return bool(line.strip())
    if not any(is_vietnamese_syllable(w) for w in words):
        return not all(w.isupper() for w in words)  # "UBND", "VT" are abbreviations
    if len(words) != 1 or len(words[0]) > 5 or words[0].isupper() or words[0].lower() in dictionary():
        return False
    return not _TONE_MARKS.intersection(unicodedata.normalize("NFD", words[0]))  # "Huế" is a name


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_LUU_RE = re.compile(r"^[-+•]?\s*Lưu\s*[:;,.]")


def _label_recipients(lines: list[str]) -> list[str]:
    """Put back the "Nơi nhận:" label a scan's small italic print lost, over the list that ends with "- Lưu: VT"."""
    if any(ln.startswith(("Nơi nhận", "NƠI NHẬN")) for ln in lines):
        return lines
    end = next((k for k in range(len(lines) - 1, -1, -1) if _LUU_RE.match(lines[k])), None)
    if end is None:
        return lines
    start = end
    while start > 0 and lines[start - 1].startswith(("- ", "+ ")):
        start -= 1
    if start == end:
        return lines
    return [*lines[:start], "Nơi nhận:", *lines[start:]]


def _finish(pages: list[list[str]]) -> str:
    pages = [[_clean_line(ln) for ln in p] for p in pages]
    if pages:
        pages[0] = [_fix_header_words(ln) if k < HEADER_LINES else ln for k, ln in enumerate(pages[0])]
        last = pages[-1]
        foot = max(0, len(last) - HEADER_LINES)
        pages[-1] = _label_recipients(last[:foot] + [_fix_header_words(ln) for ln in last[foot:] if not _is_scribble(ln)])
    text = "\n\n".join("\n".join(p) for p in pages if p)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def read_image(path: Path, name: str):  # -> RawText
    """OCR an image file (JPEG, PNG, TIFF: every frame of a multi-page TIFF)."""
    from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

    from vndocs.readers import RawText

    if not available():
        raise ReadError(name, f"image file without a text layer; {INSTALL_HINT}")
    warnings = [WARNING]
    try:
        with Image.open(path) as im:
            frames = []
            for k, frame in enumerate(ImageSequence.Iterator(im)):
                if k >= MAX_PAGES:
                    warnings.append(f"only the first {MAX_PAGES} frames were read")
                    break
                frames.append(ImageOps.exif_transpose(frame.convert("RGB")))
    except Image.DecompressionBombError:
        raise ReadError(name, "image too large to read (over Pillow's decompression-bomb limit)") from None
    except (UnidentifiedImageError, OSError, ValueError) as e:
        raise ReadError(name, f"corrupt or unreadable image ({str(e)[:80]})") from None
    started = time.monotonic()
    pages = []
    for f in frames:
        if time.monotonic() - started > TIME_BUDGET:
            warnings.append(f"OCR stopped after {len(pages)} of {len(frames)} frames ({TIME_BUDGET:.0f} s budget)")
            break
        pages.append(_ocr_page(f, name))
    text = _finish(pages)
    if not text.strip():
        raise ReadError(name, "no text found by OCR")
    return RawText(text=text, format="image", pages=len(frames), warnings=warnings)


def read_pdf_scan(path: Path, name: str, n_pages: int):  # -> RawText
    """OCR the pages of a PDF rendered at :data:`DPI`."""
    import pypdfium2 as pdfium

    from vndocs.readers import RawText

    warnings = [WARNING]
    limit = min(n_pages, MAX_PAGES)
    if limit < n_pages:
        warnings.append(f"only the first {limit} of {n_pages} pages were read by OCR")
    started = time.monotonic()
    done = 0
    pdf = pdfium.PdfDocument(str(path))
    try:
        # pages are rendered here one by one (pdfium is not thread-safe) and read by Tesseract side by side
        with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
            futures = []
            for k in range(limit):
                if time.monotonic() - started > TIME_BUDGET:
                    break
                page = pdf[k]
                try:
                    image = page.render(scale=DPI / 72).to_pil()
                finally:
                    page.close()
                futures.append(pool.submit(_ocr_page, image, name))
                # keep no more pages waiting than there are workers: the budget is checked as they finish
                while sum(not f.done() for f in futures) > (os.cpu_count() or 1):
                    time.sleep(0.05)
            pages = [f.result() for f in futures]
            done = len(futures)
    finally:
        pdf.close()
    if done < limit:
        warnings.append(f"OCR stopped after {done} of {n_pages} pages ({TIME_BUDGET:.0f} s budget)")
    text = _finish(pages)
    if not text.strip():
        raise ReadError(name, "no text found by OCR")
    return RawText(text=text, format="pdf", pages=n_pages, warnings=warnings)
