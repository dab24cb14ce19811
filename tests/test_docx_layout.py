"""What Word keeps outside the paragraphs' text: automatic list numbering, text boxes.

An office that types its plan in Word often lets Word number the sections
("I.", "1.") and the dashes: the labels are then not in the text but in
``word/numbering.xml``. The documents here are real plans and laws of
``corpora/``, rewritten as Word stores such a document: each labelled line
becomes a paragraph of a numbered list, its label taken out of its text. Read
back, they must give the same text, outline and tasks as the original.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import vndocs
from tests.conftest import CORPUS
from vndocs.readers import read
from vndocs.readers.docx_numbering import format_counter

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# label shape -> (level, numFmt, lvlText); a level restarts under the one above it
_LEVELS = [
    (re.compile(r"^([IVX]+)\.\s+"), 0, "upperRoman", "%1."),
    (re.compile(r"^(\d+)\.\s+"), 1, "decimal", "%2."),
    (re.compile(r"^-\s+"), 2, "bullet", "-"),
]


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _el(tag: str, **attrs: str) -> object:
    from lxml import etree

    e = etree.Element(_w(tag))
    for k, v in attrs.items():
        e.set(_w(k), v)
    return e


def _sub(parent: object, tag: str, **attrs: str) -> object:
    e = _el(tag, **attrs)
    parent.append(e)  # type: ignore[attr-defined]
    return e


def write_numbered_docx(text: str, path: Path, *, restart_every: str | None = None) -> int:
    """Write ``text`` as a .docx whose labels ("I.", "1.", "-") are Word numbering; returns how many.

    With ``restart_every`` (a regex), a line matching it starts a new list restarted at 1
    (``w:lvlOverride/w:startOverride``), as Word does for "Restart at 1".
    """
    import docx

    d = docx.Document()
    numbering = d.part.numbering_part.element
    abstract = _el("abstractNum", abstractNumId="90")
    for _, ilvl, fmt, lvl_text in _LEVELS:
        lvl = _sub(abstract, "lvl", ilvl=str(ilvl))
        _sub(lvl, "start", val="1")
        _sub(lvl, "numFmt", val=fmt)
        _sub(lvl, "lvlText", val=lvl_text)
        _sub(lvl, "suff", val="space")
    first_num = numbering.find(_w("num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num_ids = iter(range(91, 10_000))

    def new_list(restart: bool) -> str:
        num_id = str(next(num_ids))
        num = _sub(numbering, "num", numId=num_id)
        _sub(num, "abstractNumId", val="90")
        if restart:
            ov = _sub(num, "lvlOverride", ilvl="1")
            _sub(ov, "startOverride", val="1")
        return num_id

    current = new_list(False)
    numbered = 0
    for line in text.split("\n"):
        if not line.strip():
            continue
        if restart_every and re.match(restart_every, line):
            current = new_list(True)
        for rx, ilvl, _, _ in _LEVELS:
            m = rx.match(line)
            if m:
                p = d.add_paragraph(line[m.end() :])
                ppr = p._p.get_or_add_pPr()
                npr = _sub(ppr, "numPr")
                _sub(npr, "ilvl", val=str(ilvl))
                _sub(npr, "numId", val=current)
                numbered += 1
                break
        else:
            d.add_paragraph(line)
    d.save(str(path))
    return numbered


def _outline(doc: vndocs.Document) -> list[tuple[str, ...]]:
    out = []

    def walk(nodes: object, depth: int) -> None:
        for n in nodes:  # type: ignore[attr-defined]
            out.append((str(depth), n.label, n.heading or ""))
            walk(n.children, depth + 1)

    walk(doc.sections, 0)
    return out


def test_counters_in_words_formats() -> None:
    assert [format_counter(n, "upperRoman") for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert [format_counter(n, "lowerLetter") for n in (1, 4, 26, 27)] == ["a", "d", "z", "aa"]
    assert format_counter(3, "decimalZero") == "03"


def test_a_plan_numbered_by_word_reads_as_printed(tmp_path: Path) -> None:
    # kh_624 (Hà Tĩnh): I.-V., 1.-10. restarting under each, dashes
    original = vndocs.parse(CORPUS / "kh_624-KH-UBND_hatinh_tnt305.md")
    path = tmp_path / "kh_624.docx"
    assert write_numbered_docx(original.text, path) >= 50
    # the labels are not in the document's text
    import docx

    raw = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert not re.search(r"(?m)^II\.\s", raw)
    doc = vndocs.parse(path)
    assert _outline(doc) == _outline(original)
    assert [s.label for s in doc.sections] == ["I", "II", "III", "IV", "V"]
    assert len(original.tasks) >= 10
    assert [(t.assignee, t.role, t.action) for t in doc.tasks] == [(t.assignee, t.role, t.action) for t in original.tasks]


def test_a_list_restarted_by_word_counts_from_one(tmp_path: Path) -> None:
    # luat_24 (Luật An ninh mạng): each article's clauses 1., 2., ... are a new list restarted at 1
    text = read(CORPUS / "luat_24-2018-QH14_an-ninh-mang_ragluat.docx").text
    original = vndocs.parse(text)
    path = tmp_path / "luat_24.docx"
    assert write_numbered_docx(text, path, restart_every=r"^Điều \d+\.") >= 100
    doc = vndocs.parse(path)
    assert _outline(doc) == _outline(original)
    article_7 = next(n for s in doc.sections for n in s.walk() if n.label == "Điều 7")
    assert [c.label for c in article_7.children][:3] == ["1", "2", "3"]


def test_without_restart_word_goes_on_counting(tmp_path: Path) -> None:
    # the same lists without "Restart at 1" continue the count, as Word prints them
    text = read(CORPUS / "luat_24-2018-QH14_an-ninh-mang_ragluat.docx").text
    path = tmp_path / "luat_24_continued.docx"
    write_numbered_docx(text, path)
    labels = re.findall(r"(?m)^(\d+)\. ", read(path).text)
    assert [int(n) for n in labels[:5]] == [1, 2, 3, 4, 5]
    assert max(int(n) for n in labels) > 100


def test_a_broken_numbering_part_keeps_the_text(tmp_path: Path) -> None:
    # a numbering part that points to definitions it does not have: the text stays, labels are lost
    original = vndocs.parse(CORPUS / "kh_624-KH-UBND_hatinh_tnt305.md")
    path = tmp_path / "kh_624.docx"
    write_numbered_docx(original.text, path)
    import docx

    d = docx.Document(str(path))
    numbering = d.part.numbering_part.element
    for an in list(numbering.iter(_w("abstractNum"))):
        if an.get(_w("abstractNumId")) == "90":
            numbering.remove(an)
    broken = tmp_path / "broken.docx"
    d.save(str(broken))
    text = read(broken).text
    assert "MỤC ĐÍCH, YÊU CẦU" in text
    assert not re.search(r"(?m)^I\. MỤC ĐÍCH", text)


@pytest.mark.parametrize("bullet", ["\uf0b7", "\uf02d"])
def test_symbol_font_bullets_print_as_a_bullet(tmp_path: Path, bullet: str) -> None:
    original = vndocs.parse(CORPUS / "kh_624-KH-UBND_hatinh_tnt305.md")
    path = tmp_path / "kh_624.docx"
    write_numbered_docx(original.text, path)
    import docx

    d = docx.Document(str(path))
    for lvl in d.part.numbering_part.element.iter(_w("lvl")):
        if lvl.get(_w("ilvl")) == "2":
            lvl.find(_w("lvlText")).set(_w("val"), bullet)
    sym = tmp_path / "symbol.docx"
    d.save(str(sym))
    text = read(sym).text
    assert "\uf0b7" not in text and "\uf02d" not in text
    assert re.search(r"(?m)^• Xây dựng và triển khai", text)


# ------------------------------------------------------------------ text boxes

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_VML = "urn:schemas-microsoft-com:vml"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def _box_content(lines: list[str]) -> object:
    box = _el("txbxContent")
    for line in lines:
        p = _sub(box, "p")
        r = _sub(p, "r")
        t = _sub(r, "t")
        t.text = line  # type: ignore[attr-defined]
    return box


def _anchor_text_box(paragraph: object, lines: list[str]) -> None:
    """A text box as Word 2010+ writes it: the DrawingML shape, and a VML copy for old readers."""
    from lxml import etree

    run = _sub(paragraph, "r")
    alt = etree.SubElement(run, f"{{{_MC}}}AlternateContent")
    choice = etree.SubElement(alt, f"{{{_MC}}}Choice", Requires="wps")
    drawing = _sub(choice, "drawing")
    txbx = etree.SubElement(etree.SubElement(drawing, f"{{{_WPS}}}wsp"), f"{{{_WPS}}}txbx")
    txbx.append(_box_content(lines))
    fallback = etree.SubElement(alt, f"{{{_MC}}}Fallback")
    pict = _sub(fallback, "pict")
    textbox = etree.SubElement(etree.SubElement(pict, f"{{{_VML}}}shape"), f"{{{_VML}}}textbox")
    textbox.append(_box_content(lines))


def test_a_header_column_in_a_text_box(tmp_path: Path) -> None:
    # the issuer and number typed in a floating text box, the rest as paragraphs
    import docx

    original = vndocs.parse(CORPUS / "kh_624-KH-UBND_hatinh_tnt305.md")
    text = original.text
    left = ["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "Số: 624/KH-UBND"]
    rest = text.split("Số: 624/KH-UBND\n", 1)[1]
    d = docx.Document()
    first = d.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    _anchor_text_box(first._p, left)
    d.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    for line in rest.split("\n"):
        if line.strip():
            d.add_paragraph(line)
    path = tmp_path / "box.docx"
    d.save(str(path))
    got = read(path).text
    assert got.count("TỈNH HÀ TĨNH") == text.count("TỈNH HÀ TĨNH")  # the VML copy is not read twice
    doc = vndocs.parse(path)
    for field in ("type", "number", "date", "issuer", "title"):
        assert getattr(doc.header, field).value == getattr(original.header, field).value, field
