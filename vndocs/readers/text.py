"""Plain-text reader: detects the encoding and decodes to Unicode."""

from __future__ import annotations

import re
from pathlib import Path

from vndocs.errors import ReadError
from vndocs.readers import RawText
from vndocs.readers.encodings import decode_bytes


def read_bytes_as_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode file bytes, refusing binary junk."""
    if not data.strip():
        raise ReadError(name, "empty file")
    text, encoding = decode_bytes(data)
    if text is None:
        raise ReadError(name, "binary data, not text (no known encoding fits)")
    if not text.strip():
        raise ReadError(name, "empty file (only white space)")
    return text, encoding


# the running head of a Công báo page, its page number before or after on the line or alone on
# the next line: "CÔNG BÁO/Số 361 + 362/Ngày 28-02-2025", "48", "CÔNG BÁO/Số 302/Ngày 02-06-2026 70"
_GAZETTE_HEAD_RE = re.compile(
    r"[ \t]*(?:\d{1,5}[ \t]+)?CÔNG[ \t]+BÁO[ \t]*/[ \t]*Số[ \t]*[\d \t+]+/[ \t]*Ngày[ \t]*\d{1,2}[ \t]*-[ \t]*"
    r"\d{1,2}[ \t]*-[ \t]*\d{4}(?:[ \t]+\d{1,5})?[ \t]*"
)
_PAGE_NUMBER_RE = re.compile(r"[ \t]*\d{1,5}[ \t]*")
_SENTENCE_END = (".", ";", ":", "!", "?", "./.")


def drop_gazette_furniture(text: str) -> str:
    """The text of a Công báo page dump without its running heads and page numbers.

    Text saved from the official gazette repeats ``CÔNG BÁO/Số .../Ngày ...`` and the
    page number at every page break, in the middle of sentences and lists (the PDF
    reader drops them: :mod:`vndocs.readers.pdf`). Each break becomes one line break
    when the text before it runs on (the line joiner then joins the sentence), a
    blank line when it ends a sentence. Texts with fewer than two running heads are
    left as they are.
    """
    if text.count("CÔNG BÁO") < 2:
        return text
    lines = text.split("\n")
    heads = [i for i, line in enumerate(lines) if "CÔNG" in line and _GAZETTE_HEAD_RE.fullmatch(line)]
    if len(heads) < 2:
        return text
    drop = set(heads)
    for i in heads:
        # the page number on a line of its own just after or before the head, blank lines between
        for step in (1, -1):
            j = i + step
            while 0 <= j < len(lines) and not lines[j].strip():
                j += step
            if 0 <= j < len(lines) and _PAGE_NUMBER_RE.fullmatch(lines[j]):
                drop.add(j)
                break
    # each run of dropped and blank lines around a head becomes one break, open or closed by the
    # text before it; the lines between runs are copied as slices (no Python step per line)
    out: list[str] = []
    kept = 0  # lines[kept:] are not yet in out
    n = len(lines)
    for i in sorted(drop):
        if i < kept:
            continue
        a = i
        while a > kept and (a - 1 in drop or not lines[a - 1].strip()):
            a -= 1
        b = i
        while b < n and (b in drop or not lines[b].strip()):
            b += 1
        out.extend(lines[kept:a])
        prev = out[-1].rstrip() if out else ""
        if prev.endswith(_SENTENCE_END) or not prev:
            out.append("")
        kept = b
    out.extend(lines[kept:])
    return "\n".join(out)


def read_text(path: Path, name: str) -> RawText:
    """Read a .txt file."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(name, f"cannot read file ({e.strerror})") from None
    text, encoding = read_bytes_as_text(data, name)
    if "](http" in text:
        # a page saved as text keeps its markdown links: "[Phụ lục số I](https://files....doc)" reads "Phụ lục số I"
        text = _WEB_LINK_RE.sub(r"\1", text)
    return RawText(text=drop_gazette_furniture(text), format="txt", encoding=encoding)


# bounded label and address, as in the markdown reader (an unclosed "[" must not make the scan quadratic)
_WEB_LINK_RE = re.compile(r"\[([^\]\n]{0,1000})\]\(https?://[^)\s]{0,4000}\)")
