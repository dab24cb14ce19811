"""The fast whole-text code paths agree with their line-by-line definitions.

Parse speed comes from running patterns over whole texts instead of one line
at a time (benchmarks/bench_parse.py). Each fast function here is checked
against the plain definition it replaced, on every shipped document and on
seeded random strings made of the characters its rules react to.
"""

from __future__ import annotations

import random
import re

import pytest

from tests.conftest import corpus_files
from vndocs.readers.encodings import decode_bytes
from vndocs.readers.markdown import markdown_to_text

# --------------------------------------------------------------------------
# markdown_to_text: the line-by-line definition

_RULE_LINE = re.compile(r"^\s*(?:[-_=*]\s*){3,}\s*$")
_TABLE_SEP = re.compile(r"^\s*(?:\|\s*)?:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*(?:\|\s*)?$")
_CHUNK_TITLE = re.compile(r"^#{1,6}\s+\S*_\S*\s*$")
_HEADING = re.compile(r"^#{1,6}\s+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_EMPH = re.compile(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)")
_INLINE_RULE = re.compile(r"\s(?:-{3,}|_{3,}|={3,})(?=\s|$)")
_LINK = re.compile(r"!?\[([^\]]{0,1000})\]\([^)]{0,4000}\)")
_HTML_TAG = re.compile(r"</?(?:br|span|div|p|sup|sub|u|b|i|strong|em)\b[^>]*>", re.I)
_BOLD_WRAP = re.compile(r"\*\*(?P<inner>[^*|]{1,300}?)\*\*", re.S)


def _clean_inline(s: str) -> str:
    s = _LINK.sub(r"\1", s)
    s = _HTML_TAG.sub(" ", s)
    s = _ESCAPE.sub(lambda m: "\x00" + m.group(1), s)
    s = _EMPH.sub("", s)
    return s.replace("\x00", "")


def _join_bold_wraps(md: str) -> str:
    def repl(m: re.Match[str]) -> str:
        inner = m.group("inner")
        if "\n" not in inner or inner.count("\n") > 3 or "\n\n" in inner:
            return m.group(0)
        return "**" + " ".join(x.strip() for x in inner.split("\n")) + "**"

    return _BOLD_WRAP.sub(repl, md)


def markdown_by_line(md: str) -> str:
    """The reader as first written: every line through every pattern."""
    out: list[str] = []
    for raw in _join_bold_wraps(md).split("\n"):
        line = raw.rstrip("\r")
        if _TABLE_SEP.match(line) and "|" in line:
            continue
        if _CHUNK_TITLE.match(line) or _RULE_LINE.match(line):
            out.append("")
            continue
        line = _HEADING.sub("", line)
        stripped = line.strip()
        if stripped.startswith("|") or (stripped.endswith("|") and stripped.count("|") >= 2):
            cells = re.split(r"(?<!\\)\|", stripped)
            if cells and not cells[0].strip():
                cells = cells[1:]
            if cells and not cells[-1].strip():
                cells = cells[:-1]
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                out.append("")
                continue
            for cell in cells:
                cell = _clean_inline(cell).strip()
                out.append("")
                if cell:
                    out.extend(p.strip() for p in _INLINE_RULE.split(" " + cell) if p.strip())
            out.append("")
            continue
        out.append(_clean_inline(line).rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n") + "\n"


def _texts() -> list[str]:
    texts = []
    for p in corpus_files(".md", ".txt", ".html"):
        text, _ = decode_bytes(p.read_bytes())
        if text:
            texts.append(text)
    return texts


def _random_strings(alphabet: list[str], n: int, seed: int, max_len: int = 30) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, max_len))) for _ in range(n)]


_MD_ALPHABET = list("ab đÂ\n\n\t|*_-=#:\\[]()!<>/ \r\xa0\u3000x1.") + [
    "<br>", "](x)", "[a](b)", "**", "| --- |", "---", "\\|", "# ", "## a_b",
]


def test_markdown_equals_line_by_line_on_shipped_documents() -> None:
    texts = _texts()
    assert len(texts) >= 30
    for text in texts:
        assert markdown_to_text(text) == markdown_by_line(text)


@pytest.mark.parametrize("seed", range(4))
def test_markdown_equals_line_by_line_on_random_markup(seed: int) -> None:
    for s in _random_strings(_MD_ALPHABET, 5000, seed):
        assert markdown_to_text(s) == markdown_by_line(s), repr(s)
