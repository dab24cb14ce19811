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

from vndocs.errors import ReadError
from vndocs.readers import RawText
from vndocs.readers.tables import markdown_tables
from vndocs.readers.text import read_bytes_as_text

_RULE_LINE = re.compile(r"^\s*(?:[-_=*]\s*){3,}\s*$")
# no two adjacent "\s*" around an optional pipe: runs of spaces made that cubic
# (tests/test_robustness.py::md_nested_lists)
_TABLE_SEP = re.compile(r"^\s*(?:\|\s*)?:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*(?:\|\s*)?$")
_CHUNK_TITLE = re.compile(r"^#{1,6}\s+\S*_\S*\s*$")
_HEADING = re.compile(r"^#{1,6}\s+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
# emphasis is "*", "**", "***" (every asterisk goes) and "_" runs at a word edge,
# the pattern once "\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)": the asterisks are dropped with
# str.replace after the underscores (a match of one never touches the other, and the
# lookarounds see the text before replacement), 10x faster than the alternation
_UNDERSCORE_EMPH = re.compile(r"_(?<!\w_)_?_?|__?_?(?!\w)")
_INLINE_RULE = re.compile(r"\s(?:-{3,}|_{3,}|={3,})(?=\s|$)")
# bounded label and URL: unclosed "[" or "](" made the scan quadratic
# (tests/test_robustness.py::md_unclosed_links)
# (neither crosses a line end, so the inline clean-up runs on a block of lines at once)
# neither crosses a line end, so the clean-up can run over many lines at once
# (written to start with a character set: "!?\[" made the engine try every position)
_LINK = re.compile(r"[!\[](?:(?<=!)\[|(?<=\[))([^\]\n]{0,1000})\]\([^)\n]{0,4000}\)")
_HTML_TAG = re.compile(r"</?(?:br|span|div|p|sup|sub|u|b|i|strong|em)\b[^>\n]*>", re.I)
_RULE_FIRST = ("-", "_", "=", "*")
_BLANK_LINES = re.compile(r"\n\n\n+")


def _clean_inline(s: str) -> str:
    # each pass only where its trigger character occurs: a regex tried at every
    # position of a page costs more than all the rest of the reader
    if "](" in s:
        s = _LINK.sub(r"\1", s)
    if "<" in s:
        s = _HTML_TAG.sub(" ", s)
    if "\\" in s:
        s = _ESCAPE.sub(lambda m: "\x00" + m.group(1), s)  # protect escaped chars
    if "_" in s:
        s = _UNDERSCORE_EMPH.sub("", s)
    s = s.replace("*", "")
    if "\x00" in s:
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


def _table_cells(line: str, cleaned: str) -> list[str]:
    """Cells of a table row, each cleaned inline and stripped.

    ``cleaned`` is the row already cleaned as a whole: where no link, tag or
    escape could span two cells, its cells are the cleaned cells.
    """
    stripped = line.strip()
    if "\\" in line or "](" in line or "<" in line:
        cells = re.split(r"(?<!\\)\|", stripped)
        clean = [_clean_inline(c).strip() for c in cells]
    else:
        cells = stripped.split("|")
        clean = [c.strip() for c in cleaned.strip().split("|")]
    # drop the empty strings around leading and trailing pipes
    if cells and not cells[0].strip():
        cells, clean = cells[1:], clean[1:]
    if cells and not cells[-1].strip():
        cells, clean = cells[:-1], clean[:-1]
    if not cells or (len(cells) == 1 and not cells[0].strip()):
        return []
    return clean


def _markup_line(line: str, cleaned: str) -> list[str]:
    """The output lines of a heading, table row or rule (``cleaned``: the line cleaned inline)."""
    if "|" in line and line.lstrip()[:1] in ("|", ":", "-") and _TABLE_SEP.match(line):
        return []
    if _CHUNK_TITLE.match(line) or _RULE_LINE.match(line):
        return [""]
    if line[:1] == "#":
        heading = _HEADING.match(line)
        if heading:
            line, cleaned = line[heading.end() :], _clean_inline(line[heading.end() :])
    stripped = line.strip()
    if not (stripped.startswith("|") or (stripped.endswith("|") and stripped.count("|") >= 2)):
        return [cleaned.rstrip()]
    cells = _table_cells(line, cleaned)
    if not cells:
        return [""]
    out: list[str] = []
    for cell in cells:
        out.append("")
        if "---" in cell or "___" in cell or "===" in cell:
            # a rule inside a cell ends a block
            out.extend(part for part in (p.strip() for p in _INLINE_RULE.split(" " + cell)) if part)
        elif cell:
            out.append(cell)
    out.append("")
    return out


def _is_markup(line: str) -> bool:
    """Whether a line is more than plain text: a heading, a table row or separator, a rule."""
    return "|" in line or line[:1] == "#" or (line.lstrip()[:1] in _RULE_FIRST and bool(_RULE_LINE.match(line)))


def markdown_to_text(md: str) -> str:
    """Strip web-markdown markup, keeping lines (see module doc).

    The inline clean-up runs once over the whole page (no pattern crosses a line
    end); only headings, table rows and rules are then handled line by line.
    """
    md = _join_bold_wraps(md)
    lines = md.split("\n")
    if "\r" in md:
        lines = [line.rstrip("\r") for line in lines]
        md = "\n".join(lines)
    out = list(map(str.rstrip, _clean_inline(md).split("\n")))
    markup = [i for i, line in enumerate(lines) if _is_markup(line)]
    if markup:
        done: list[str] = []
        pos = 0
        for i in markup:
            done.extend(out[pos:i])
            done.extend(_markup_line(lines[i], out[i]))
            pos = i + 1
        done.extend(out[pos:])
        out = done
    text = "\n".join(out)
    return _BLANK_LINES.sub("\n\n", text).strip("\n") + "\n"


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
    return RawText(text=text, format="md", encoding=encoding, tables=markdown_tables(md, _clean_inline))
