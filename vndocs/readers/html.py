"""HTML reader: the document body of a saved web page, not the site around it.

The content container is found by known selectors of Vietnamese law sites
(vbpl.vn ``div.fulltext``, ``#toanvancontent``; thuvienphapluat ``.content1``)
and otherwise by text density: the smallest element holding most of the
page's paragraph text. Scripts, styles, menus, forms and footers go.

Lines follow the HTML structure: a paragraph, heading or list item is a block
(followed by a blank line), ``<br>`` starts a new line, white space inside a
line is collapsed as a browser would. Table cells are blocks; a two-column
table of a few rows (the document header) is written column by column, left
column first (see :class:`vndocs.readers.RawText`).
"""

from __future__ import annotations

import re
from pathlib import Path

from vndocs.errors import ReadError
from vndocs.models import Table
from vndocs.readers import RawText
from vndocs.readers.tables import build_grid, cell_text

HEADER_TABLE_MAX_ROWS = 4
"""Two-column tables with at most this many rows are written column by column."""

_CONTENT_SELECTORS = (
    # vbpl.vn "Toàn văn" and "Thuộc tính" pages: the header tables sit in
    # div.fulltext beside div#toanvancontent (hienphap_2013_vbpl_toanvan.html)
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' fulltext ')]",
    "//*[@id='toanvancontent']",
    # thuvienphapluat.vn
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' content1 ')]",
    "//*[@id='divContentDoc']",
    "//article",
    "//main",
)
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "form",
    "iframe",
    "svg",
    "button",
    "input",
    "select",
    "textarea",
    "aside",
    "object",
    "embed",
    "head",
)
_CHROME = re.compile(
    # site chrome by class or id: menus, breadcrumbs, footers, share bars; on
    # vbpl.vn the validity box above the text (div.vbInfo), the attachments
    # (div.vbFile) and the related-documents and feedback box (div.vbLienQuan)
    # below it (hienphap_2013_vbpl_toanvan.html)
    r"(?:^|[\s_-])(?:menu|navbar|nav|breadcrumbs?|footer|sidebar|banner|share|social|vbInfo|vbFile|vbLienQuan|"
    r"comments?|feedback)(?:$|[\s_-])",
    re.IGNORECASE,
)
_BLOCK = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "center",
        "address",
        "figure",
        "figcaption",
        "hr",
    ]
)
_PARA = frozenset(
    ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "center", "dt", "dd"]
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")


def _decode(data: bytes, name: str) -> str:
    m = _CHARSET.search(data[:4096])
    if m:
        enc = m.group(1).decode("ascii", "replace").lower()
        try:
            text = data.decode(enc)
            from vndocs.readers.legacy import fix_legacy_text

            fixed = fix_legacy_text(text)
            return fixed[0] if fixed else text
        except (LookupError, UnicodeDecodeError):
            pass
    from vndocs.readers.text import read_bytes_as_text

    return read_bytes_as_text(data, name)[0]


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.cur: list[str] = []
        self.in_cell = 0  # inside a table cell, paragraphs are lines of the cell's block
        self.tables: list[Table] = []

    def text(self, s: str | None) -> None:
        if s:
            self.cur.append(s)

    def flush(self) -> None:
        line = _SPACES.sub(" ", "".join(self.cur)).strip()
        self.cur = []
        if line:
            self.lines.append(line)

    def blank(self) -> None:
        self.flush()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def walk(self, el: object) -> None:
        for child in el:  # type: ignore[attr-defined]
            tag = child.tag if isinstance(child.tag, str) else None
            if tag is None:  # comment or processing instruction
                self.text(child.tail)
                continue
            tag = tag.lower()
            if tag in _DROP_TAGS or _is_chrome(child):
                self.text(child.tail)
                continue
            if tag == "br":
                self.flush()
            elif tag == "table":
                self.table(child)
            elif tag in _BLOCK:
                para = tag in _PARA and not self.in_cell
                self.blank() if para else self.flush()
                if tag == "li":
                    self.text(_list_label(child))
                self.text(child.text)
                self.walk(child)
                self.blank() if para else self.flush()
            else:
                self.text(child.text)
                self.walk(child)
            self.text(child.tail)

    def cell(self, td: object, *, own_block: bool = True) -> None:
        self.blank() if own_block else self.flush()
        self.in_cell += 1
        self.text(td.text)  # type: ignore[attr-defined]
        self.walk(td)
        self.in_cell -= 1
        self.blank() if own_block else self.flush()

    def table(self, table: object) -> None:
        rows = []
        for tr in table.iter("tr"):  # type: ignore[attr-defined]
            # rows of this table only, not of tables nested in its cells
            owner = tr.getparent()
            while owner is not None and owner.tag != "table":
                owner = owner.getparent()
            if owner is table:
                rows.append(
                    [td for td in tr if isinstance(td.tag, str) and td.tag.lower() in ("td", "th")]
                )
        rows = [r for r in rows if r]
        self.blank()
        if rows and len(rows) <= HEADER_TABLE_MAX_ROWS and all(len(r) == 2 for r in rows):
            for col in (0, 1):
                for r in rows:
                    self.cell(r[col])
        elif rows and all(len(r) == 1 for r in rows):
            # one column: its cells are the lines of one block (vbpl.vn signature table)
            for r in rows:
                self.cell(r[0], own_block=False)
        else:
            grid: list[list[tuple[str, int, int]]] = []
            for r in rows:
                line: list[tuple[str, int, int]] = []
                for td in r:
                    start = len(self.lines)
                    self.cell(td)
                    line.append((cell_text(self.lines[start:]), _span(td, "colspan"), _span(td, "rowspan")))
                grid.append(line)
            self.tables.append(build_grid(grid))
        self.blank()


_NO_MARKER = re.compile(r"list-style(?:-type)?\s*:\s*none", re.I)


def _list_label(li: object) -> str:
    """What a browser prints before an ``<li>``: "1. ", "a. ", "IV. " in an ``<ol>``, "• " in a ``<ul>``.

    A document's "1.", "2." and dashes are part of what it says (its outline, its list of tasks),
    even where the page leaves them to the browser.
    """
    ol = li.getparent()  # type: ignore[attr-defined]
    if ol is None or not isinstance(ol.tag, str) or _NO_MARKER.search(ol.get("style") or "") or _NO_MARKER.search(
        li.get("style") or ""  # type: ignore[attr-defined]
    ):
        return ""
    if ol.tag.lower() == "ul":
        return "• "
    if ol.tag.lower() != "ol":
        return ""
    n = _int_attr(ol, "start", 1) - 1
    for sib in ol:
        if not isinstance(sib.tag, str) or sib.tag.lower() != "li":
            continue
        n = _int_attr(sib, "value", n + 1)
        if sib is li:
            break
    kind = li.get("type") or ol.get("type") or "1"  # type: ignore[attr-defined]
    from vndocs.readers.docx_numbering import format_counter

    fmt = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}.get(kind, "decimal")
    label = f"{format_counter(n, fmt)}. "
    first = (li.text or "").lstrip()  # type: ignore[attr-defined]
    return "" if first.startswith(label.strip()) else label


def _int_attr(el: object, attr: str, default: int) -> int:
    try:
        return int((el.get(attr) or "").strip())  # type: ignore[attr-defined]
    except ValueError:
        return default


def _span(td: object, attr: str) -> int:
    """A cell's colspan or rowspan (1 when absent or not a number)."""
    try:
        return max(1, int(str(td.get(attr) or 1).strip()))  # type: ignore[attr-defined]
    except ValueError:
        return 1


def _is_chrome(el: object) -> bool:
    attrs = f"{el.get('class') or ''} {el.get('id') or ''}"  # type: ignore[attr-defined]
    return bool(attrs.strip()) and _CHROME.search(attrs) is not None


def _content_root(doc: object) -> object:
    for xp in _CONTENT_SELECTORS:
        found = doc.xpath(xp)  # type: ignore[attr-defined]
        if found:
            best = max(found, key=lambda e: len(e.text_content()))
            if len(best.text_content().strip()) > 200:
                return best
    body = doc.find("body")  # type: ignore[attr-defined]
    root = body if body is not None else doc
    # text density: the smallest element that holds 80% of the paragraph text
    paras = root.xpath(".//p")
    total = sum(len(p.text_content()) for p in paras)
    if total < 200:
        return root
    best, best_len = root, len(root.text_content())
    for el in root.iter("div", "td", "section", "article", "main"):
        inner = sum(len(p.text_content()) for p in el.xpath(".//p"))
        if inner >= 0.8 * total:
            size = len(el.text_content())
            if size < best_len:
                best, best_len = el, size
    return best


def read_html(path: Path, name: str) -> RawText:
    """Read a saved web page (.html, .htm).

    Raises:
        ReadError: unreadable file or a page without text.
    """
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(name, f"cannot read file ({e.strerror})") from None
    html = _decode(data, name)
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    import lxml.etree
    import lxml.html

    try:
        doc = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as e:
        raise ReadError(name, f"not a readable HTML page ({e})") from None
    root = _content_root(doc)
    w = _Writer()
    w.text(root.text)  # type: ignore[attr-defined]
    try:
        w.walk(root)
    except RecursionError:
        raise ReadError(name, "HTML elements nested too deeply") from None
    w.flush()
    text = "\n".join(w.lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
    if not text.strip():
        raise ReadError(name, "no text in the HTML page")
    warnings = []
    if root.xpath(
        ".//*[contains(concat(' ', normalize-space(@class), ' '), ' vbProperties ')]"
    ) and not root.xpath(".//*[@id='toanvancontent']"):
        warnings.append("page holds the document's properties (Thuộc tính), not its full text")
    return RawText(text=text, format="html", encoding="utf-8", warnings=warnings, tables=w.tables)
