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


# --------------------------------------------------------------------------
# join_wrapped_lines: the rules in their first order, one line pair at a time

from vndocs.normalize import _BLOCK_START_RE, _OPEN_WORDS, join_wrapped_lines  # noqa: E402

_BULLET = re.compile(r"^\s*[-+•*–—]\s")
_ARTICLE = re.compile(r"Điều\s+\d+[a-zđ]?\.\s")
_ITEM = re.compile(r"^\s*(?:\d{1,3}\.|[a-zđ]\))\s")


def _upper_line(s: str) -> bool:
    return s.upper() == s and s.lower() != s


def _joins(prev: str, nxt: str, width: int, article: bool) -> bool:
    a, b = prev.strip(), nxt.strip()
    if not a or not b or a[-1] in ".;:!?":
        return False
    if article and _ITEM.match(nxt):
        return False
    if b[0].isupper() and _ARTICLE.match(b):
        return False  # an article's heading starts its line
    last = a.rsplit(None, 1)[-1].strip("(\"“'").casefold()
    number_word = last in ("số", "ngày", "tháng", "năm") and not b[0].isdigit() and not b[0].islower()
    open_end = (last in _OPEN_WORDS and not number_word) or a[-1] == ","
    if open_end and not _BULLET.match(nxt) and a.upper() != a:
        return not _upper_line(b) or len(b) < 40
    if _BLOCK_START_RE.match(nxt) or _upper_line(a):
        return False
    if b[0].islower():
        return True
    if _upper_line(b):
        return False
    if a[-1] in "-/" and a[-2:-1].isalnum() and a.upper() != a and b.upper() != b:
        return True  # a number broken after its hyphen or slash
    if not (a.upper() != a and b.upper() != b and (a[-1].isalnum() or a[-1] in ",)”\"")):
        return False
    return open_end or not width or len(a) >= 0.6 * width


def join_by_line(text: str) -> str:
    lines = text.split("\n")
    lengths = sorted(len(x.strip()) for x in lines if x.strip())
    width = lengths[int(len(lengths) * 0.9)] if lengths else 0
    out, run = [lines[0]], 0
    for i in range(len(lines) - 1):
        first = lines[run].strip()
        if _joins(lines[i], lines[i + 1], width, bool(_ARTICLE.match(first))):
            out.append(" ")
        else:
            out.append("\n")
            run = i + 1
        out.append(lines[i + 1])
    return "".join(out)


def test_join_equals_line_by_line_on_shipped_documents() -> None:
    from vndocs.normalize import clean_spaces, to_nfc
    from vndocs.readers import read

    n = 0
    for p in corpus_files(".md", ".txt", ".html", ".docx", ".pdf"):
        try:
            raw = read(p).text
        except Exception:  # scans, images: not this test's business
            continue
        text = clean_spaces(to_nfc(raw)[0])[0]
        assert join_wrapped_lines(text)[0] == join_by_line(text), p.name
        n += 1
    assert n >= 30


_JOIN_ALPHA = ["a", "b ", "Đ", "X", "của", " số", "năm", ",", ".", ";", ":", "\n", "\n", "\n\n", " ", "- ", "1. ",
               "a) ", "Điều 1. ", "Chương II", "KẾ HOẠCH", "(", ")", "“", "Việt Nam", "123"]


@pytest.mark.parametrize("seed", range(3))
def test_join_equals_line_by_line_on_random_lines(seed: int) -> None:
    for s in _random_strings(_JOIN_ALPHA, 4000, seed, max_len=25):
        assert join_wrapped_lines(s)[0] == join_by_line(s), repr(s)
