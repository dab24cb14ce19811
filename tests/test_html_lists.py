"""Lists a web page leaves to the browser (``<ol>``, ``<ul>``) read as printed (vndocs/readers/html.py).

The plan is a real document of ``corpora/`` put into a page the way an office's
site publishes it: its "I.", "1." and dashes become nested ``<ol type="I">``,
``<ol>`` and ``<ul>`` lists, their labels taken out of the text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import vndocs
from tests.conftest import CORPUS
from vndocs.readers import read

_LEVELS = [
    (re.compile(r"^([IVX]+)\.\s+"), '<ol type="I">', "</ol>"),
    (re.compile(r"^(\d+)\.\s+"), "<ol>", "</ol>"),
    (re.compile(r"^-\s+"), "<ul>", "</ul>"),
]


def page_with_lists(text: str) -> str:
    out = ["<html><body><article>"]
    stack: list[int] = []  # levels of the lists open, outermost first
    for line in text.split("\n"):
        if not line.strip():
            continue
        level = next((i for i, (rx, _, _) in enumerate(_LEVELS) if rx.match(line)), None)
        if level is None:
            out.append(f"<p>{html.escape(line)}</p>")  # inside the current item, if any
            continue
        while stack and stack[-1] > level:
            out.append("</li>" + _LEVELS[stack.pop()][2])
        if stack and stack[-1] == level:
            out.append("</li>")
        else:
            out.append(_LEVELS[level][1])
            stack.append(level)
        rest = _LEVELS[level][0].sub("", line, count=1)
        out.append(f"<li>{html.escape(rest)}")
    while stack:
        out.append("</li>" + _LEVELS[stack.pop()][2])
    out.append("</article></body></html>")
    return "\n".join(out)


def _outline(doc: vndocs.Document) -> list[tuple[int, str, str]]:
    out: list[tuple[int, str, str]] = []

    def walk(nodes: object, depth: int) -> None:
        for n in nodes:  # type: ignore[attr-defined]
            out.append((depth, n.label, n.heading or ""))
            walk(n.children, depth + 1)

    walk(doc.sections, 0)
    return out


def test_a_plan_published_with_html_lists(tmp_path: Path) -> None:
    original = vndocs.parse(CORPUS / "kh_624-KH-UBND_hatinh_tnt305.md")
    page = page_with_lists(original.text)
    assert "<li>MỤC ĐÍCH, YÊU CẦU" in page  # the label is not in the page's text
    path = tmp_path / "kh_624.html"
    path.write_text(page, encoding="utf-8")
    doc = vndocs.parse(path)
    assert [s.label for s in doc.sections] == ["I", "II", "III", "IV", "V"]
    # a browser prints a bullet where the document printed a dash
    assert [(d, "-" if lab == "•" else lab, h) for d, lab, h in _outline(doc)] == _outline(original)
    assert len(original.tasks) >= 10
    assert [(t.assignee, t.role) for t in doc.tasks] == [(t.assignee, t.role) for t in original.tasks]


def test_list_numbers_follow_start_value_and_type(tmp_path: Path) -> None:
    path = tmp_path / "lists.html"
    path.write_text(
        "<html><body><article><p>KẾ HOẠCH</p>"
        '<ol start="3"><li>ba</li><li value="7">bảy</li><li>tám</li></ol>'
        '<ol type="a"><li>một</li><li>hai</li></ol>'
        '<ol style="list-style-type: none"><li>không số</li></ol>'
        "<ol><li>1. đã có số</li></ol>"
        "</article></body></html>",
        encoding="utf-8",
    )
    lines = [ln for ln in read(path).text.split("\n") if ln]
    assert lines[1:] == ["3. ba", "7. bảy", "8. tám", "a. một", "b. hai", "không số", "1. đã có số"]
