"""Word .docx reader: paragraphs and tables in document order.

The body's children are walked in order. A paragraph is one line followed by a
blank line (a paragraph is a block); a manual line break inside it starts a new
line. A table writes one block per cell, blank lines between cells. The header
of an official document is usually a two-column table (issuer and number at
left, national title and place-and-date at right): two-column tables of a few
rows are written column by column, left column first, so each column stays one
block (see :class:`vndocs.readers.RawText`).

A text box (a header column typed in a floating box) is a block of its own
where it is anchored; Word's VML copy of it for old readers is not read twice.
Labels that Word numbers itself ("I.", "1.", "a)", "-" of a list, kept in
``word/numbering.xml``, not in the text) are printed before their paragraph
(:mod:`vndocs.readers.docx_numbering`).

Runs in a legacy font (``.VnTime``, ``.VnTimeH``, ``VNI-Times``) are converted
from TCVN3 or VNI using the font name, the capitals fonts (``...H``) upper-cased.

Before python-docx opens the file, the ZIP directory is checked: not a ZIP,
no ``word/document.xml``, or uncompressed sizes that would blow up memory (a
ZIP bomb) give a one-line :class:`ReadError`.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from vndocs.errors import ReadError
from vndocs.models import Table
from vndocs.readers import RawText
from vndocs.readers.docx_numbering import Numbering
from vndocs.readers.tables import build_grid, cell_text

MAX_UNCOMPRESSED = 300 * 1024 * 1024
"""Refuse a .docx whose members add up to more than this once uncompressed."""
MAX_RATIO = 200
"""Refuse a member compressed more than this many times (ZIP bomb)."""
HEADER_TABLE_MAX_ROWS = 4
"""Two-column tables with at most this many rows are written column by column."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_RULE = re.compile(r"^\s*(?:[-_=*.]\s*){3,}\s*$")


def _check_zip(path: Path, name: str) -> None:
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as e:
        raise ReadError(name, f"cannot read file ({e.strerror})") from None
    if head == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        from vndocs.readers.doc import _is_encrypted_ooxml

        if _is_encrypted_ooxml(path):
            raise ReadError(name, "encrypted (password-protected) .docx")
        raise ReadError(name, "a Word 97-2003 file named .docx; rename it to .doc")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if any(i.flag_bits & 0x1 for i in infos):
                raise ReadError(name, "encrypted .docx")
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise ReadError(name, "corrupt .docx (not a valid ZIP archive)") from None
    except NotImplementedError as e:  # "zip file version 6.4" (tests/test_fuzz.py::test_corrupted_real_docx)
        raise ReadError(name, f"corrupt .docx (unsupported ZIP feature: {e})") from None
    except OSError as e:
        raise ReadError(name, f"cannot read file ({e.strerror})") from None
    if "word/document.xml" not in names:
        raise ReadError(name, "not a .docx (the ZIP archive has no word/document.xml)")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise ReadError(name, f"refused: {total // (1024 * 1024)} MB once uncompressed (ZIP bomb?)")
    for i in infos:
        if i.file_size > 10 * 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise ReadError(
                name,
                f"refused: {i.filename} is compressed {i.file_size // max(i.compress_size, 1)}x (ZIP bomb?)",
            )
    _check_parts_inflate(path, name)


def _check_parts_inflate(path: Path, name: str) -> None:
    """Inflate every part in 1 MB steps, checking its CRC.

    The sizes in a ZIP directory can lie: a part that claims 2 KB but inflates to
    1 GB made python-docx's one-shot read take 2 GB of memory
    (tests/test_robustness.py::docx_zip_bomb_forged_sizes). Read in steps,
    zipfile stops at the claimed size and the CRC check refuses the part.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                with zf.open(info) as part:
                    while part.read(1 << 20):
                        pass
    except Exception as e:  # noqa: BLE001 - zipfile, zlib, lzma and bz2 raise many kinds
        raise ReadError(name, f"corrupt .docx ({type(e).__name__}: {str(e)[:120]})") from None


class _Fonts:
    """Resolves the font of a run: its own, its paragraph style's, or the document default."""

    def __init__(self, document: object) -> None:
        self._style_font: dict[str, str | None] = {}
        self._default: str | None = None
        try:
            styles = document.styles.element  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - no styles part
            return
        by_id = {}
        for st in styles.iter(_W + "style"):
            by_id[st.get(_W + "styleId")] = st
        dflt = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts")
        if dflt is not None:
            self._default = dflt.get(_W + "ascii") or dflt.get(_W + "hAnsi")

        def font_of(sid: str | None, depth: int = 0) -> str | None:
            if sid is None or depth > 10 or sid not in by_id:
                return None
            st = by_id[sid]
            rf = st.find(f"{_W}rPr/{_W}rFonts")
            if rf is not None and (rf.get(_W + "ascii") or rf.get(_W + "hAnsi")):
                return rf.get(_W + "ascii") or rf.get(_W + "hAnsi")
            based = st.find(_W + "basedOn")
            return font_of(based.get(_W + "val") if based is not None else None, depth + 1)

        for sid in by_id:
            self._style_font[sid] = font_of(sid)

    def font(self, run: object, para_style: str | None) -> str | None:
        """Font name of ``run`` (a ``w:r`` element)."""
        rf = run.find(f"{_W}rPr/{_W}rFonts")  # type: ignore[attr-defined]
        if rf is not None:
            f = rf.get(_W + "ascii") or rf.get(_W + "hAnsi")
            if f:
                return f
        if para_style and self._style_font.get(para_style):
            return self._style_font[para_style]
        return self._default


def _legacy_of(font: str | None) -> tuple[str | None, bool]:
    """(legacy encoding, capitals font) for a font name."""
    if not font:
        return None, False
    if font.startswith(".Vn"):
        return "tcvn3", font.rstrip().endswith("H")
    if font.upper().startswith("VNI-"):
        return "vni", False
    return None, False


class _Writer:
    def __init__(self, fonts: _Fonts, numbering: Numbering | None = None) -> None:
        self.fonts = fonts
        self.numbering = numbering
        self.lines: list[str] = []
        self.legacy_runs = 0
        self.in_cell = 0  # inside a table cell, paragraphs are lines of the cell's block
        self.legacy_encodings: dict[str, int] = {}
        self.tables: list[Table] = []

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def paragraph_text(self, p: object) -> str:
        from vndocs.readers.legacy import convert

        ppr_style = p.find(f"{_W}pPr/{_W}pStyle")  # type: ignore[attr-defined]
        style = ppr_style.get(_W + "val") if ppr_style is not None else None
        parts: list[str] = []
        for r in _runs(p):
            chunk: list[str] = []
            for el in r:
                tag = el.tag
                if tag == _W + "t":
                    chunk.append(el.text or "")
                elif tag == _W + "tab":
                    chunk.append("\t")
                elif tag in (_W + "br", _W + "cr"):
                    chunk.append("\n")
                elif tag == _W + "noBreakHyphen":
                    chunk.append("-")
                elif tag == _W + "softHyphen":
                    chunk.append("\u00ad")  # TCVN3 "ư" lives at the soft-hyphen code
            s = "".join(chunk)
            if not s:
                continue
            enc, caps = _legacy_of(self.fonts.font(r, style))
            if enc is not None and any(ord(c) > 127 for c in s):
                self.legacy_runs += 1
                self.legacy_encodings[enc] = self.legacy_encodings.get(enc, 0) + 1
                s = convert(s, enc)
                if caps:
                    s = s.upper()
            parts.append(s)
        return "".join(parts)

    def paragraph(self, p: object) -> None:
        for box in _text_boxes(p):
            # a text box anchored in the paragraph (a header column, a "DỰ THẢO" stamp): its own block
            self.blank()
            self.block(box)
            self.blank()
        text = self.paragraph_text(p)
        if self.numbering:
            # Word's automatic numbering: the label is printed, not in the text ("I.", "1.", "a)", "-")
            ppr_style = p.find(f"{_W}pPr/{_W}pStyle")  # type: ignore[attr-defined]
            label = self.numbering.label(p, ppr_style.get(_W + "val") if ppr_style is not None else None)
            if label and text.strip():
                text = label + text.lstrip()
        for line in text.split("\n"):
            line = line.replace("\t", " ").rstrip()
            if _RULE.match(line):
                self.blank()
            elif line.strip():
                self.lines.append(line)
        if not self.in_cell:
            self.blank()

    def cell(self, tc: object, *, own_block: bool = True) -> None:
        if own_block:
            self.blank()
        self.in_cell += 1
        self.block(tc)
        self.in_cell -= 1
        if own_block:
            self.blank()

    def table(self, tbl: object) -> None:
        rows = [
            [tc for tc in tr if tc.tag == _W + "tc"]
            for tr in tbl.iter(_W + "tr")
            if tr.getparent() is tbl
        ]
        rows = [r for r in rows if r]
        if rows and len(rows) <= HEADER_TABLE_MAX_ROWS and all(len(r) == 2 for r in rows):
            for col in (0, 1):  # header table: left column first
                for r in rows:
                    self.cell(r[col])
            return
        if rows and all(len(r) == 1 for r in rows):
            # one column: its cells are the lines of one block
            self.blank()
            for r in rows:
                self.cell(r[0], own_block=False)
            self.blank()
            return
        grid: list[list[tuple[str, int, int]]] = []
        above: dict[int, str] = {}  # grid column -> text of the cell last seen there
        for r in rows:
            line: list[tuple[str, int, int]] = []
            col = 0
            for tc in r:
                start = len(self.lines)
                self.cell(tc)
                span, merged = _cell_merge(tc)
                text = above.get(col, "") if merged else cell_text(self.lines[start:])
                line.append((text, span, 1))
                for c in range(col, col + span):
                    above[c] = text
                col += span
            grid.append(line)
            self.blank()
        self.tables.append(build_grid(grid))

    def block(self, parent: object) -> None:
        for child in parent:  # type: ignore[attr-defined]
            tag = child.tag
            if tag == _W + "p":
                self.paragraph(child)
            elif tag == _W + "tbl":
                self.table(child)
            elif tag in (_W + "sdt", _W + "customXml"):
                content = child.find(_W + "sdtContent") if tag == _W + "sdt" else child
                if content is not None:
                    self.block(content)


def _cell_merge(tc: object) -> tuple[int, bool]:
    """(columns a cell spans, whether it continues a vertical merge from the row above)."""
    pr = tc.find(_W + "tcPr")  # type: ignore[attr-defined]
    if pr is None:
        return 1, False
    span_el = pr.find(_W + "gridSpan")
    try:
        span = max(1, min(int(span_el.get(_W + "val")), 64)) if span_el is not None else 1
    except (TypeError, ValueError):
        span = 1
    vmerge = pr.find(_W + "vMerge")
    return span, vmerge is not None and vmerge.get(_W + "val") in (None, "continue")


def _text_boxes(p: object) -> list[object]:
    """The text boxes (``w:txbxContent``) anchored in paragraph ``p`` itself, not in a nested one, and
    not the VML copy Word keeps for old readers (``mc:Fallback``)."""
    boxes = []
    for box in p.iter(_W + "txbxContent"):  # type: ignore[attr-defined]
        anc = box.getparent()
        while anc is not None and anc is not p and anc.tag not in (_MC_FALLBACK, _W + "txbxContent", _W + "p"):
            anc = anc.getparent()
        if anc is p:
            boxes.append(box)
    return boxes


def _runs(p: object) -> Iterator[object]:
    """The ``w:r`` runs of a paragraph, in order, inside hyperlinks, insertions and fields."""
    for r in p.iter(_W + "r"):  # type: ignore[attr-defined]
        anc = r.getparent()
        skip = False
        while anc is not None and anc is not p:
            if anc.tag in (_W + "del", _MC_FALLBACK, _W + "txbxContent"):
                skip = True
                break
            anc = anc.getparent()
        if not skip:
            yield r


def _numbering(document: object) -> Numbering | None:
    """The document's list numbering definitions, if it has any."""
    part = document.part  # type: ignore[attr-defined]
    rel = next((r for r in part.rels.values() if r.reltype.endswith("/numbering")), None)
    if rel is None:
        return None
    try:
        styles = document.styles.element  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - no styles part
        styles = None
    try:
        numbering = Numbering(rel.target_part.element, styles)
    except Exception:  # noqa: BLE001 - a broken numbering part loses the labels, not the text
        return None
    return numbering or None


def read_docx(path: Path, name: str) -> RawText:
    """Read a .docx file.

    Raises:
        ReadError: not a ZIP, not a Word document, encrypted, a ZIP bomb, or
            unreadable XML.
    """
    _check_zip(path, name)
    import docx  # python-docx

    try:
        document = docx.Document(str(path))
    except Exception as e:  # noqa: BLE001 - python-docx raises many kinds (KeyError, XMLSyntaxError...)
        raise ReadError(name, f"corrupt .docx ({type(e).__name__}: {str(e)[:120]})") from None
    writer = _Writer(_Fonts(document), _numbering(document))
    try:
        writer.block(document.element.body)
    except RecursionError:
        raise ReadError(name, "tables nested too deeply") from None
    text = "\n".join(writer.lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
    warnings: list[str] = []
    encoding = "utf-8"
    if writer.legacy_runs:
        encoding = max(writer.legacy_encodings, key=writer.legacy_encodings.__getitem__)
        warnings.append(f"{writer.legacy_runs} runs in legacy font encodings converted")
    else:
        from vndocs.readers.legacy import fix_legacy_text

        # soft hyphens stay until the encoding is decided: TCVN3 "ư" is U+00AD
        fixed = fix_legacy_text(text)
        if fixed is not None:
            text, encoding = fixed
    text = text.replace("\u00ad", "")
    if not text.strip():
        raise ReadError(name, "empty document (no text)")
    return RawText(
        text=text, format="docx", encoding=encoding, warnings=warnings, tables=writer.tables
    )
