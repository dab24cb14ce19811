"""``vndocs show`` and the HTML page (issue 5)."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

import vndocs
from cli import main
from vndocs.html_view import highlighted_text, render_html, write_html
from vndocs.models import Mention, Reference, Section, Span, Task, Unit
from vndocs.render import document_show, tasks_table

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "docs"
REFERENCE_DOC = CORPUS / "kh_ngay-hoi-bao-ve-antq-2022_btg-huyen-uy.txt"
INJECTION = '<script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'">'


class _Elements(HTMLParser):
    """Collects start tags with their attributes, and the page text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _elements(page: str) -> _Elements:
    p = _Elements()
    p.feed(page)
    return p


def _injected_copy(tmp_path: Path) -> Path:
    """The reference document with markup injected into its title and body."""
    text = REFERENCE_DOC.read_text(encoding="utf-8")
    text = text.replace("năm 2022\n", f"năm 2022 {INJECTION}\n", 1)
    text = text.replace("cụ thể như sau:", f"cụ thể như sau: {INJECTION} & <b>đậm</b>", 1)
    out = tmp_path / REFERENCE_DOC.name
    out.write_text(text, encoding="utf-8")
    return out


# --------------------------------------------------------------------------
# Terminal


def test_show_prints_header_of_the_reference_document() -> None:
    result = CliRunner().invoke(main, ["show", str(REFERENCE_DOC)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("== ")
    assert REFERENCE_DOC.name in result.output
    document = vndocs.parse(str(REFERENCE_DOC))
    assert result.output.rstrip("\n") == document_show(document)


def test_show_missing_file_is_one_error_line() -> None:
    result = CliRunner().invoke(main, ["show", "no/such/file.txt"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == ["Error: no/such/file.txt: no such file"]


def test_show_unreadable_format_is_one_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "x.xyz"
    bad.write_bytes(b"\x00\x01\x02")
    result = CliRunner().invoke(main, ["show", "--html", str(tmp_path / "o.html"), str(bad)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert "Traceback" not in result.output
    assert not (tmp_path / "o.html").exists()


def test_show_unwritable_html_output_is_one_error_line(tmp_path: Path) -> None:
    out = tmp_path / "missing-dir" / "page.html"
    result = CliRunner().invoke(main, ["show", "--html", str(out), str(REFERENCE_DOC)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "cannot write" in lines[0]


def test_tasks_table_lists_assignee_role_and_deadline() -> None:
    document = vndocs.parse("Kế hoạch\n\nI. TỔ CHỨC THỰC HIỆN\n")
    document.tasks = [
        Task("Công an huyện", (Unit("Công an huyện", "lead"),), "lead", "tuyên truyền", None, ("III", "1")),
    ]
    table = tasks_table(document)
    assert table.splitlines()[0].split() == ["#", "section", "assignee", "role", "deadline", "action"]
    assert "Công an huyện" in table and "III.1" in table and "tuyên truyền" in table
    assert "tasks table" in document_show(document)


def test_tasks_table_is_empty_without_tasks() -> None:
    assert tasks_table(vndocs.parse("Kế hoạch\n")) == ""


# --------------------------------------------------------------------------
# HTML page


def test_show_html_writes_a_standalone_page(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["show", "--html", str(out), str(REFERENCE_DOC)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    els = _elements(page)
    tags = {t for t, _ in els.tags}
    assert "script" not in tags
    # no external asset: no stylesheet link, no src attribute anywhere
    assert "link" not in tags
    assert not any("src" in attrs for _, attrs in els.tags)
    assert "Content-Security-Policy" in page
    document = vndocs.parse(str(REFERENCE_DOC))
    marks = [a for t, a in els.tags if t == "mark" and "data-label" in a]
    assert len(marks) == len(vndocs.to_spacy(document).ents)


def test_show_html_page_shows_the_whole_text_once() -> None:
    document = vndocs.parse(str(REFERENCE_DOC))
    page = render_html(document)
    m = re.search(r'<div class="doc-text">(.*?)</div></section>', page, re.DOTALL)
    assert m is not None
    without_badges = re.sub(r'<span class="entity-label">[A-Z_]+</span>', "", m.group(1))
    text = "".join(_elements(without_badges).text)
    assert text == document.text


def test_injected_markup_is_escaped(tmp_path: Path) -> None:
    src = _injected_copy(tmp_path)
    out = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["show", "--html", str(out), str(src)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    els = _elements(page)
    tags = [t for t, _ in els.tags]
    assert "script" not in tags and "img" not in tags and "b" not in tags
    assert not any(k.startswith("on") for _, attrs in els.tags for k in attrs)
    shown = "".join(els.text)
    assert '<script>document.title="pwned"</script>' in shown
    assert "<b>đậm</b>" in shown


@pytest.mark.parametrize(
    ("text", "entities", "anchors", "expected"),
    [
        # plain text is escaped
        ("a<b>&c", [], [], "a&lt;b&gt;&amp;c"),
        # an entity is a mark with its label
        (
            "xx AB yy",
            [(3, 5, "UNIT")],
            [],
            ('xx <mark class="entity ent-UNIT" data-label="UNIT" style="background:#ffc6ff">AB'
            '<span class="entity-label">UNIT</span></mark> yy'),
        ),
        # an anchor at the start of an entity goes before the mark
        (
            "AB",
            [(0, 2, "DATE")],
            [(0, "sec-1")],
            ('<span class="anchor" id="sec-1"></span><mark class="entity ent-DATE" data-label="DATE" '
            'style="background:#bde0fe">AB<span class="entity-label">DATE</span></mark>'),
        ),
        # an anchor at the end of the text
        ("ab", [], [(2, "x")], 'ab<span class="anchor" id="x"></span>'),
        # quotes in anchors and text are escaped
        ('"q"', [], [(0, 'a"b')], '<span class="anchor" id="a&quot;b"></span>&quot;q&quot;'),
    ],
)
def test_highlighted_text(
    text: str, entities: list[tuple[int, int, str]], anchors: list[tuple[int, str]], expected: str
) -> None:
    assert highlighted_text(text, entities, anchors) == expected


def _outline_document() -> vndocs.Document:
    text = (
        "KẾ HOẠCH\n\nThực hiện Kế hoạch số 45-KH/BTGTU của Ban <Tuyên giáo>.\n\n"
        "I. MỤC ĐÍCH\n\n1. Nhằm tuyên truyền.\n\nII. TỔ CHỨC THỰC HIỆN\n\n"
        "Công an huyện chủ trì, xong trước ngày 15/8/2022.\n"
    )
    document = vndocs.parse(text)
    i1 = text.index("I. MỤC")
    i2 = text.index("II. TỔ")
    one = text.index("1. Nhằm")
    child = Section("1", "arabic", None, Span(one, i2))
    document.sections = [
        Section("I", "roman", "MỤC ĐÍCH", Span(i1, i2), Span(i1 + 3, i1 + 11), (child,)),
        Section("II", "roman", "TỔ CHỨC <THỰC> HIỆN", Span(i2, len(text))),
    ]
    num = text.index("45-KH/BTGTU")
    document.references = [
        Reference("Kế hoạch", "45-KH/BTGTU", "2022-07-27", None, None, "implements",
                  mentions=(Mention(Span(num, num + 11), "Thực hiện"),)),
        Reference("Luật", None, None, None, "An ninh <quốc gia>", "cites"),
    ]
    u = text.index("Công an huyện")
    document.tasks = [
        Task("Công an huyện", (Unit("Công an huyện", "lead", span=Span(u, u + 13)),), "lead",
             "xong <việc>", None, ("II",), Span(u, len(text) - 1)),
    ]
    return document


def test_outline_links_point_to_anchors_in_the_text() -> None:
    page = render_html(_outline_document())
    els = _elements(page)
    ids = {a["id"] for _, a in els.tags if a.get("id")}
    hrefs = [h for t, a in els.tags if t == "a" and (h := a.get("href") or "").startswith("#")]
    assert "#sec-1" in hrefs and "#sec-1-1" in hrefs and "#sec-2" in hrefs
    assert all(h[1:] in ids for h in hrefs), "a link to a missing anchor"
    assert "TỔ CHỨC &lt;THỰC&gt; HIỆN" in page


def test_references_link_to_catalog_entries_when_a_linker_is_given() -> None:
    document = _outline_document()
    page = render_html(document, link_for=lambda r: "file:///cat/45.html" if r.number else None)
    els = _elements(page)
    links = [a for t, a in els.tags if t == "a" and a.get("href") == "file:///cat/45.html"]
    assert len(links) == 2  # in the references table and on the mention in the text
    assert "An ninh &lt;quốc gia&gt;" in page


def test_references_are_plain_text_without_a_catalog(tmp_path: Path) -> None:
    document = _outline_document()
    out = write_html(document, tmp_path / "p.html", index=tmp_path / "no-index")
    page = out.read_text(encoding="utf-8")
    assert 'class="catalog"' not in page
    assert "45-KH/BTGTU" in page


def test_tasks_table_in_the_page() -> None:
    page = render_html(_outline_document())
    m = re.search(r'<table class="tasks">(.*?)</table>', page, re.DOTALL)
    assert m is not None
    assert "Công an huyện" in m.group(1) and "xong &lt;việc&gt;" in m.group(1)
    assert 'href="#task-1"' in m.group(1) and 'id="task-1"' in page


def _recorder(opened: list[str]) -> Callable[..., bool]:
    def open_url(url: str, *args: object, **kwargs: object) -> bool:
        opened.append(url)
        return True

    return open_url


def test_show_open_writes_a_page_and_opens_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", _recorder(opened))
    out = tmp_path / "p.html"
    result = CliRunner().invoke(main, ["show", "--open", "--html", str(out), str(REFERENCE_DOC)])
    assert result.exit_code == 0, result.output
    assert opened == [out.resolve().as_uri()]


def test_show_open_without_html_uses_a_temporary_page(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", _recorder(opened))
    result = CliRunner().invoke(main, ["show", "--open", str(REFERENCE_DOC)])
    assert result.exit_code == 0, result.output
    assert len(opened) == 1 and opened[0].startswith("file://") and opened[0].endswith(".html")
    Path(opened[0][len("file://"):]).unlink()


@pytest.mark.slow
def test_show_html_of_every_readable_corpus_document() -> None:
    from vndocs.errors import ReadError

    count = 0
    for path in sorted(CORPUS.iterdir()):
        try:
            document = vndocs.parse(str(path))
        except ReadError:
            continue
        page = render_html(document)
        assert "<script" not in page
        count += 1
    assert count >= 10


def _catalog_with(tmp_path: Path, number: str, *sources: str) -> Path:
    """An index whose catalog holds one real document per source, all with ``number``."""
    from vndocs.catalog import Catalog

    index = tmp_path / "index"
    with Catalog(index) as catalog:
        for name in sources:
            src = tmp_path / name
            src.write_text(name, encoding="utf-8")
            catalog.add_document(
                {"source": str(src), "type": "Kế hoạch", "number": number, "date": "2022-07-27",
                 "issuer": f"Ban Tuyên giáo {name}", "title": "tuyên truyền"},
                name,
                source=str(src),
            )
    return index


def test_show_index_links_references_to_catalog_documents(tmp_path: Path) -> None:
    pytest.importorskip("vndocs.catalog")
    index = _catalog_with(tmp_path, "45-KH/BTGTU", "kh45.txt")
    out = write_html(_outline_document(), tmp_path / "p.html", index=index)
    els = _elements(out.read_text(encoding="utf-8"))
    target = (tmp_path / "kh45.txt").resolve().as_uri()
    catalog_links = [a for t, a in els.tags if t == "a" and a.get("class") == "catalog"]
    assert [a["href"] for a in catalog_links] == [target]
    assert sum(1 for t, a in els.tags if t == "a" and a.get("href") == target) == 2


def test_show_index_leaves_an_ambiguous_reference_unlinked(tmp_path: Path) -> None:
    pytest.importorskip("vndocs.catalog")
    index = _catalog_with(tmp_path, "45-KH/BTGTU", "thai-nguyen.txt", "ha-giang.txt")
    out = write_html(_outline_document(), tmp_path / "p.html", index=index)
    assert 'class="catalog"' not in out.read_text(encoding="utf-8")


def test_show_cli_index_option_without_catalog_still_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "p.html"
    result = CliRunner().invoke(
        main, ["show", "--index", str(tmp_path / "empty"), "--html", str(out), str(REFERENCE_DOC)]
    )
    assert result.exit_code == 0, result.output
    assert out.exists()
    assert not (tmp_path / "empty").exists()  # a read-only lookup creates nothing
