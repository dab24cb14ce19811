"""Markdown reader (pages saved from the web): markup removed, text and lines kept.

``**bold**``, ``*italic*``, escapes, ``---`` rules and table pipes go. A table
row becomes one line per cell with a blank line between cells, so the two
header columns of a two-column table stay two blocks. A rule inside a cell
(``ỦY BAN NHÂN DÂN TỈNH X -------``) ends a block. Chunk-title lines made by
some scrapers (``# 55_2023_NĐ_CP_preamble``) are dropped.
"""

from __future__ import annotations

import re
from pathlib import Path

from vndocs.readers import RawText
from vndocs.readers.text import read_bytes_as_text
from vndocs.errors import ReadError

_RULE_LINE = re.compile(r"^\s*(?:[-_=*]\s*){3,}\s*$")
# no two adjacent "\s*" around an optional pipe: runs of spaces made that cubic
# (tests/test_robustness.py::md_nested_lists)
_TABLE_SEP = re.compile(r"^\s*(?:\|\s*)?:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*(?:\|\s*)?$")
_CHUNK_TITLE = re.compile(r"^#{1,6}\s+\S*_\S*\s*$")
_HEADING = re.compile(r"^#{1,6}\s+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_EMPH = re.compile(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)")
_INLINE_RULE = re.compile(r"\s(?:-{3,}|_{3,}|={3,})(?=\s|$)")
# bounded label and URL: unclosed "[" or "](" made the scan quadratic
# (tests/test_robustness.py::md_unclosed_links)
_LINK = re.compile(r"!?\[([^\]]{0,1000})\]\([^)]{0,4000}\)")
_HTML_TAG = re.compile(r"</?(?:br|span|div|p|sup|sub|u|b|i|strong|em)\b[^>]*>", re.I)


def _clean_inline(s: str) -> str:
    s = _LINK.sub(r"\1", s)
    s = _HTML_TAG.sub(" ", s)
    s = _ESCAPE.sub(lambda m: "\x00" + m.group(1), s)  # protect escaped chars
    s = _EMPH.sub("", s)
    s = s.replace("\x00", "")
    return s


_BOLD_WRAP = re.compile(r"\*\*(?P<inner>[^*|]{1,300}?)\*\*", re.S)


def _join_bold_wraps(md: str) -> str:
    """A bold run that the converter wrapped (``**Điều 5.\nTrách nhiệm thi hành**``) is one line."""

    def repl(m: re.Match[str]) -> str:
        inner = m.group("inner")
        if "\n" not in inner or inner.count("\n") > 3 or "\n\n" in inner:
            return m.group(0)
        return "**" + " ".join(x.strip() for x in inner.split("\n")) + "**"

    return _BOLD_WRAP.sub(repl, md)


def markdown_to_text(md: str) -> str:
    """Strip web-markdown markup, keeping lines (see module doc)."""
    md = _join_bold_wraps(md)
    out: list[str] = []
    for raw in md.split("\n"):
        line = raw.rstrip("\r")
        if _TABLE_SEP.match(line) and "|" in line or (_TABLE_SEP.match(line) and line.strip().startswith("|")):
            continue
        if _CHUNK_TITLE.match(line):
            out.append("")
            continue
        if _RULE_LINE.match(line):
            out.append("")
            continue
        line = _HEADING.sub("", line)
        stripped = line.strip()
        if stripped.startswith("|") or (stripped.endswith("|") and stripped.count("|") >= 2):
            cells = [c for c in re.split(r"(?<!\\)\|", stripped)]
            # drop the empty strings around leading and trailing pipes
            if cells and not cells[0].strip():
                cells = cells[1:]
            if cells and not cells[-1].strip():
                cells = cells[:-1]
            if not cells:
                out.append("")
                continue
            if len(cells) == 1 and not cells[0].strip():
                out.append("")
                continue
            for cell in cells:
                cell = _clean_inline(cell).strip()
                out.append("")
                if cell:
                    # a rule inside a cell ends a block
                    for part in _INLINE_RULE.split(" " + cell):
                        part = part.strip()
                        if part:
                            out.append(part)
            out.append("")
            continue
        out.append(_clean_inline(line).rstrip())
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def read_markdown(path: Path, name: str) -> RawText:
    """Read a .md file."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(name, f"cannot read file ({e.strerror})") from None
    md, encoding = read_bytes_as_text(data, name)
    text = markdown_to_text(md)
    if not text.strip():
        raise ReadError(name, "empty file (no text after removing markup)")
    return RawText(text=text, format="md", encoding=encoding)
