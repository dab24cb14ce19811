"""The web app (``vndocs serve``, issue 7) through Flask's test client.

One index of shipped corpus documents is built per module with the catalog's
indexer (:func:`vndocs.indexer.index_paths`); the upload tests write to their
own index.
"""

from __future__ import annotations

import io
import re
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from web_index import CORPUS, REFERENCE_DOC, build_index

import vndocs
from cli import main
from vndocs.web import create_app
from vndocs.web.app import marked_snippet, pages_around, safe_filename
from vndocs.web.rebuild import document_from_dict
from vndocs.web.security import UploadRejected, check_upload

SCRIPT = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("webindex")
    hostile = tmp / "docs" / "kh_hostile.txt"
    hostile.parent.mkdir()
    text = REFERENCE_DOC.read_text(encoding="utf-8")
    # a copy of the reference plan with markup in its title and body (same structure otherwise)
    text = text.replace("năm 2022\n", f"năm 2022 {SCRIPT}\n", 1).replace(
        "cụ thể như sau:", f"cụ thể như sau: {SCRIPT} <img src=x onerror=alert(1)>", 1
    )
    hostile.write_text(text, encoding="utf-8")
    return build_index(tmp / "index", extra=[hostile])


@pytest.fixture(scope="module")
def client(index_dir: Path):  # type: ignore[no-untyped-def]
    app = create_app(index_dir, testing=True)
    with app.test_client() as c:
        yield c
    app.extensions["vndocs_parser"].close()


def _doc_id(index_dir: Path, path: Path) -> int:
    with vndocs.Catalog(index_dir, readonly=True) as catalog:
        entry = catalog.by_source(str(path.resolve()))
        assert entry is not None
        return entry.doc_id


def _csrf(client, url: str = "/upload") -> str:  # type: ignore[no-untyped-def]
    body = client.get(url).get_data(as_text=True)
    m = re.search(r'name="csrf_token" value="([^"]+)"', body)
    assert m, "the form carries a CSRF token"
    return m.group(1)


# -- search -----------------------------------------------------------------


def test_search_without_diacritics_finds_the_reference_plan(client, index_dir: Path) -> None:
    r = client.get("/?q=ngay+hoi+toan+dan+bao+ve+an+ninh+to+quoc")
    body = r.get_data(as_text=True)
    assert r.status_code == 200
    ref_id = _doc_id(index_dir, REFERENCE_DOC)
    assert f'href="/doc/{ref_id}"' in body
    assert "<mark>" in body, "matched words are highlighted in the snippet"
    assert "Ban Tuyên giáo Huyện ủy" in body


def test_search_abbreviation_and_number(client, index_dir: Path) -> None:
    ref_id = _doc_id(index_dir, REFERENCE_DOC)
    body = client.get("/?q=45-KH/BTGTU").get_data(as_text=True)
    assert f'href="/doc/{ref_id}"' in body


def test_search_facets_are_filter_links(client) -> None:
    body = client.get("/?q=k%E1%BA%BF+ho%E1%BA%A1ch").get_data(as_text=True)
    assert "Loại văn bản" in body and "Cơ quan ban hành" in body
    links = re.findall(r'href="(/\?[^"]*type=[^"]*)"', body)
    assert links, "type facet values link to a filtered search"
    filtered = client.get(links[0].replace("&amp;", "&")).get_data(as_text=True)
    assert "Đang lọc" in filtered


def test_search_type_filter_narrows(client) -> None:
    all_hits = client.get("/?q=tri%E1%BB%83n+khai").get_data(as_text=True)
    only_plans = client.get("/?q=tri%E1%BB%83n+khai&type=K%E1%BA%BF+ho%E1%BA%A1ch").get_data(as_text=True)

    def total(body: str) -> int:
        return int(re.search(r'class="summary">(\d+) văn bản', body).group(1))

    assert 0 < total(only_plans) <= total(all_hits)
    assert "Chỉ thị 21" not in only_plans


def test_search_sort_by_date_and_bad_values_fall_back(client) -> None:
    assert client.get("/?q=k%E1%BA%BF+ho%E1%BA%A1ch&sort=date").status_code == 200
    r = client.get("/?q=k%E1%BA%BF+ho%E1%BA%A1ch&sort=drop+table&page=-5")
    assert r.status_code == 200
    assert 'value="relevance" selected' in r.get_data(as_text=True)


def test_search_bad_year_is_a_clear_error(client) -> None:
    r = client.get("/?q=a&year=20x2")
    assert r.status_code == 400
    assert "Năm không hợp lệ" in r.get_data(as_text=True)


def test_search_landing_page_counts_documents(client) -> None:
    body = client.get("/").get_data(as_text=True)
    assert re.search(r"Kho có <strong>\d+</strong> văn bản", body)


def test_search_without_index_says_how_to_build_it(tmp_path: Path) -> None:
    app = create_app(tmp_path / "none", testing=True)
    body = app.test_client().get("/?q=an+ninh").get_data(as_text=True)
    assert "Chưa có chỉ mục" in body and "vndocs index" in body


@pytest.mark.parametrize(
    ("page", "last", "expected"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 10, [1, 2, 3, None, 10]),
        (5, 10, [1, None, 3, 4, 5, 6, 7, None, 10]),
        (10, 10, [1, None, 8, 9, 10]),
    ],
)
def test_pages_around(page: int, last: int, expected: list[int | None]) -> None:
    assert pages_around(page, last) == expected


def test_marked_snippet_escapes_text_and_marks_words() -> None:
    html = str(marked_snippet("a <b> an ninh & c", [(6, 13)]))
    assert html == "a &lt;b&gt; <mark>an ninh</mark> &amp; c"


def test_marked_snippet_ignores_bad_offsets() -> None:
    assert str(marked_snippet("abc", [(2, 1), (0, 99)])) == "abc"


# -- document ---------------------------------------------------------------


def test_document_page_shows_header_outline_entities_references_tasks(client, index_dir: Path) -> None:
    ref_id = _doc_id(index_dir, REFERENCE_DOC)
    r = client.get(f"/doc/{ref_id}")
    body = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Ban Tuyên giáo Huyện ủy" in body
    assert 'href="#sec-1"' in body and 'id="sec-1"' in body, "outline links into the text"
    assert "MỤC ĐÍCH, YÊU CẦU" in body
    assert 'class="entity ent-DOC_REF"' in body, "references are highlighted"
    assert "45-KH/BTGTU" in body and "44-KL/TW" in body
    assert f'href="/trace?id={ref_id}"' in body
    assert f'href="/doc/{ref_id}/original"' in body
    # the references link to their catalog documents (placeholders here)
    with vndocs.Catalog(index_dir, readonly=True) as catalog:
        kl44 = [d for d in catalog.find(vndocs.catalog.Query(number="44-KL/TW")) if d.number]
    assert kl44 and f'href="/doc/{kl44[0].doc_id}"' in body
    assert "thực hiện" in body, "the implements list names the relation in Vietnamese"
    doc = vndocs.parse(str(REFERENCE_DOC))
    assert f"Nhiệm vụ ({len(doc.tasks)})" in body


def test_document_page_escapes_document_text(client, index_dir: Path) -> None:
    hostile = index_dir.parent / "docs" / "kh_hostile.txt"
    body = client.get(f"/doc/{_doc_id(index_dir, hostile)}").get_data(as_text=True)
    assert "<script>alert" not in body
    assert "<img src=x" not in body
    assert "&lt;script&gt;alert" in body
    search = client.get("/?q=alert").get_data(as_text=True)
    assert "<script>alert" not in search


def test_document_page_sets_security_headers(client, index_dir: Path) -> None:
    r = client.get(f"/doc/{_doc_id(index_dir, REFERENCE_DOC)}")
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Server-Timing"].startswith("app;dur=")


def test_original_file_download_is_the_indexed_file(client, index_dir: Path) -> None:
    r = client.get(f"/doc/{_doc_id(index_dir, REFERENCE_DOC)}/original")
    assert r.status_code == 200
    assert r.data == REFERENCE_DOC.read_bytes()
    assert "attachment" in r.headers["Content-Disposition"]


def test_placeholder_document_lists_the_documents_citing_it(client, index_dir: Path) -> None:
    with vndocs.Catalog(index_dir, readonly=True) as catalog:
        kh45 = catalog.find(vndocs.catalog.Query(number="45-KH/BTGTU"))
    assert kh45 and kh45[0].placeholder
    body = client.get(f"/doc/{kh45[0].doc_id}").get_data(as_text=True)
    assert "chưa có trong kho" in body
    assert f'href="/doc/{_doc_id(index_dir, REFERENCE_DOC)}"' in body
    assert client.get(f"/doc/{kh45[0].doc_id}/original").status_code == 404


@pytest.mark.parametrize("url", ["/doc/999999", "/doc/abc", "/doc/-1", "/doc/999999/original", "/nope"])
def test_unknown_documents_are_404_pages(client, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404
    assert "Không tìm thấy" in r.get_data(as_text=True)


def test_document_is_never_served_by_path(client) -> None:
    assert client.get("/doc/..%2F..%2Fetc%2Fpasswd/original").status_code == 404
    assert client.get("/static/..%2F..%2F..%2Fcli.py").status_code == 404


def test_tasks_export_csv_and_ics(client, index_dir: Path) -> None:
    ref_id = _doc_id(index_dir, REFERENCE_DOC)
    csv_resp = client.get(f"/doc/{ref_id}/tasks.csv")
    assert csv_resp.status_code == 200
    assert csv_resp.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in csv_resp.headers["Content-Disposition"]
    rows = csv_resp.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert len(rows) == 1 + len(vndocs.parse(str(REFERENCE_DOC)).tasks)
    assert "Trung tâm Văn hóa" in csv_resp.get_data(as_text=True)
    ics = client.get(f"/doc/{ref_id}/tasks.ics")
    assert ics.status_code == 200 and ics.headers["Content-Type"].startswith("text/calendar")
    assert ics.data.startswith(b"BEGIN:VCALENDAR") and b"DTSTART;VALUE=DATE:20220819" in ics.data
    assert client.get(f"/doc/{ref_id}/tasks.exe").status_code == 404


def test_tasks_export_without_export_module_is_a_clear_page(client, index_dir: Path, monkeypatch) -> None:
    import vndocs.web.app as web_app

    monkeypatch.setattr(web_app, "_export_functions", dict)
    r = client.get(f"/doc/{_doc_id(index_dir, REFERENCE_DOC)}/tasks.csv")
    assert r.status_code == 501 and "Chưa có chức năng xuất" in r.get_data(as_text=True)


def test_rebuilt_document_round_trips_the_stored_json() -> None:
    for path in (REFERENCE_DOC, CORPUS / "qd_2500-QD-TTg_tnt305.md"):
        doc = vndocs.parse(str(path))
        data = doc.to_dict()
        again = document_from_dict(data, doc.text).to_dict()
        for key in ("type", "number", "issuer", "date", "title", "sections", "references", "units",
                    "recipients", "spans", "preamble", "signer", "abbreviations"):
            assert again[key] == data[key], key
        assert len(again["tasks"]) == len(data["tasks"])


def test_rebuilt_document_drops_spans_outside_the_text() -> None:
    doc = document_from_dict(
        {"type": "Kế hoạch", "spans": {"type": [0, 999]}, "sections": [{"label": "I", "span": [5, 2]}]}, "abc"
    )
    assert doc.header.type is not None and doc.header.type.span is None
    assert doc.sections == []


# -- trace ------------------------------------------------------------------


def test_trace_by_number_draws_the_graph_and_lists_the_tree(client, index_dir: Path) -> None:
    body = client.get("/trace?ref=44-KL/TW").get_data(as_text=True)
    assert "<svg" in body and "marker-end" in body
    assert f'href="/doc/{_doc_id(index_dir, REFERENCE_DOC)}"' in body
    assert "truy vết xuống" in body


def test_trace_by_document_id_goes_up(client, index_dir: Path) -> None:
    body = client.get(f"/trace?id={_doc_id(index_dir, REFERENCE_DOC)}").get_data(as_text=True)
    assert "45-KH/BTGTU" in body and "44-KL/TW" in body
    assert "<svg" in body


@pytest.mark.parametrize("ref", [str(REFERENCE_DOC), "/etc/passwd", "./cli.py"])
def test_trace_refuses_file_paths(client, ref: str) -> None:
    body = client.get("/trace", query_string={"ref": ref}).get_data(as_text=True)
    assert "không nhập đường dẫn tệp" in body
    assert "<svg" not in body


def test_trace_unknown_number_is_a_message(client) -> None:
    r = client.get("/trace?ref=9999-KL/TW")
    assert r.status_code == 200
    assert 'class="error"' in r.get_data(as_text=True)


# -- upload -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "ext"),
    [
        ("a.pdf", b"%PDF-1.7\n...", ".pdf"),
        ("A.PDF", b"\n%PDF-1.4", ".pdf"),
        ("kế hoạch.txt", "KẾ HOẠCH\nTuyên truyền".encode(), ".txt"),
        ("utf16.txt", "KẾ HOẠCH".encode("utf-16"), ".txt"),
    ],
)
def test_check_upload_accepts(name: str, data: bytes, ext: str) -> None:
    assert check_upload(name, data) == ext


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.exe", b"MZ\x90\x00"),
        ("noext", b"text"),
        ("a.pdf", b"MZ\x90\x00 not a pdf"),
        ("a.docx", b"%PDF-1.7"),
        ("a.docx", b"PK\x03\x04 broken zip"),
        ("a.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00"),
        ("a.txt", b""),
        ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    ],
)
def test_check_upload_rejects(name: str, data: bytes) -> None:
    with pytest.raises(UploadRejected):
        check_upload(name, data)


def test_check_upload_rejects_a_zip_that_is_not_word() -> None:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UploadRejected, match="Word"):
        check_upload("a.docx", buf.getvalue())


@pytest.mark.parametrize(
    ("sent", "ext", "kept"),
    [
        ("kế hoạch 45.txt", ".txt", "kế hoạch 45.txt"),
        ("../../etc/passwd.txt", ".txt", "passwd.txt"),
        ("C:\\Users\\a\\QD 12.PDF", ".pdf", "QD 12.pdf"),
        ("\x00\x1b[31m;rm -rf.docx", ".docx", "31m_rm -rf.docx"),
        (".txt", ".txt", "van-ban.txt"),
        ("...", ".pdf", "van-ban.pdf"),
    ],
)
def test_safe_filename(sent: str, ext: str, kept: str) -> None:
    assert safe_filename(sent, ext) == kept


@pytest.fixture()
def upload_client(tmp_path: Path):  # type: ignore[no-untyped-def]
    app = create_app(tmp_path / "index", testing=True, max_upload=2 * 1024 * 1024)
    with app.test_client() as c:
        yield c, tmp_path / "index"
    app.extensions["vndocs_parser"].close()


def _post_file(client, data: bytes, name: str, token: str | None, **extra):  # type: ignore[no-untyped-def]
    form = {"file": (io.BytesIO(data), name), **extra}
    if token is not None:
        form["csrf_token"] = token
    return client.post("/upload", data=form, content_type="multipart/form-data", headers={"Origin": "http://localhost"})


def test_upload_without_csrf_token_is_refused(upload_client) -> None:
    client, _ = upload_client
    r = _post_file(client, REFERENCE_DOC.read_bytes(), "kh.txt", None)
    assert r.status_code == 403
    assert "Từ chối" in r.get_data(as_text=True)


def test_upload_from_another_origin_is_refused(upload_client) -> None:
    client, _ = upload_client
    token = _csrf(client)
    r = client.post(
        "/upload",
        data={"file": (io.BytesIO(REFERENCE_DOC.read_bytes()), "kh.txt"), "csrf_token": token},
        content_type="multipart/form-data",
        headers={"Origin": "http://evil.example"},
    )
    assert r.status_code == 403


def test_upload_session_cookie_is_samesite_strict(upload_client) -> None:
    client, _ = upload_client
    r = client.get("/upload")
    assert "SameSite=Strict" in r.headers["Set-Cookie"] and "HttpOnly" in r.headers["Set-Cookie"]


def test_upload_wrong_type_is_a_clear_error(upload_client) -> None:
    client, _ = upload_client
    token = _csrf(client)
    r = _post_file(client, b"MZ\x90\x00binary", "virus.pdf", token)
    assert r.status_code == 400
    assert "Không nhận tệp" in r.get_data(as_text=True)


def test_upload_too_large_is_refused(upload_client) -> None:
    client, _ = upload_client
    token = _csrf(client)
    r = _post_file(client, b"a" * (3 * 1024 * 1024), "big.txt", token)
    assert r.status_code == 413
    assert "Tệp quá lớn" in r.get_data(as_text=True)


def test_upload_shows_structure_and_tasks_then_adds_to_index(upload_client) -> None:
    client, index = upload_client
    token = _csrf(client)
    r = _post_file(client, REFERENCE_DOC.read_bytes(), REFERENCE_DOC.name, token)
    assert r.status_code == 303
    preview = client.get(r.headers["Location"])
    body = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "MỤC ĐÍCH, YÊU CẦU" in body and "Nhiệm vụ (" in body
    assert "Ban Tuyên giáo Huyện ủy" in body
    assert 'id="add-to-index"' in body
    sha = r.headers["Location"].rstrip("/").rsplit("/", 1)[-1]
    added = client.post(f"/upload/{sha}/add", data={"csrf_token": token}, headers={"Origin": "http://localhost"})
    assert added.status_code == 303 and "/doc/" in added.headers["Location"]
    page = client.get(added.headers["Location"])
    assert page.status_code == 200 and "Toàn văn" in page.get_data(as_text=True)
    found = client.get("/?q=ngay+hoi+an+ninh+to+quoc").get_data(as_text=True)
    assert added.headers["Location"].split("?")[0] in found, "the added document is searchable at once"
    # uploaded files live in the index folder in a folder named by their hash
    assert [p.relative_to(index / "uploads").as_posix() for p in (index / "uploads").rglob("*")] == [
        sha, f"{sha}/{REFERENCE_DOC.name}"
    ]


def test_upload_with_add_box_goes_straight_to_the_document(upload_client) -> None:
    client, _ = upload_client
    token = _csrf(client)
    r = _post_file(client, REFERENCE_DOC.read_bytes(), "kh.txt", token, add="1")
    assert r.status_code == 303 and r.headers["Location"].startswith("/doc/")


def test_upload_add_needs_csrf_and_a_known_hash(upload_client) -> None:
    client, _ = upload_client
    assert client.post("/upload/" + "0" * 64 + "/add", data={}).status_code == 403
    token = _csrf(client)
    r = client.post("/upload/" + "0" * 64 + "/add", data={"csrf_token": token})
    assert r.status_code == 404
    r = client.post("/upload/..%2F..%2Fetc/add", data={"csrf_token": token})
    assert r.status_code == 404


def test_upload_preview_of_unknown_hash_is_404(upload_client) -> None:
    client, _ = upload_client
    assert client.get("/upload/" + "a" * 64).status_code == 404
    assert client.get("/upload/not-a-hash").status_code == 404


# -- CLI --------------------------------------------------------------------


def test_serve_help_defaults_to_loopback() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output and "--port" in result.output


def test_serve_on_a_busy_port_is_one_error_line(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--index", str(tmp_path), "--port", str(port)])
    assert result.exit_code == 1
    assert "Error: cannot listen on 127.0.0.1" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 2, result.output  # the URL line, then the error


@pytest.mark.parametrize(
    ("host", "status"),
    [("127.0.0.1:8000", 200), ("localhost", 200), ("[::1]:8000", 200), ("evil.example", 400),
     ("evil.example:8000", 400), ("127.0.0.1.evil.example", 400)],
)
def test_loopback_app_accepts_only_loopback_host_names(tmp_path: Path, host: str, status: int) -> None:
    from vndocs.web import LOOPBACK

    app = create_app(tmp_path, testing=True, trusted_hosts=LOOPBACK)
    r = app.test_client().get("/upload", headers={"Host": host})
    assert r.status_code == status


@pytest.mark.parametrize("name", ["ct_21-CT-TTg_congbao.pdf", "luat_24-2018-QH14_an-ninh-mang_ragluat.docx"])
def test_upload_pdf_and_docx_from_the_corpus(upload_client, name: str) -> None:
    client, _ = upload_client
    token = _csrf(client)
    path = CORPUS / name
    r = _post_file(client, path.read_bytes(), name, token)
    assert r.status_code == 303, r.get_data(as_text=True)[:500]
    body = client.get(r.headers["Location"]).get_data(as_text=True)
    doc = vndocs.parse(str(path))
    assert doc.header.number is not None and doc.header.number.value in body
    assert f"Nhiệm vụ ({len(doc.tasks)})" in body


def test_trace_graph_layout_puts_cited_documents_above_and_citing_below(index_dir: Path) -> None:
    from vndocs.trace import trace_from
    from vndocs.web.graph import layout

    with vndocs.Catalog(index_dir, readonly=True) as catalog:
        root = catalog.by_source(str(REFERENCE_DOC.resolve()))
        assert root is not None
        up = trace_from(catalog, [root], direction="up", depth=3)
        down = trace_from(catalog, [root], direction="down", depth=3)
    drawing = layout(up, down)
    by_id = {b.doc_id: b for b in drawing.boxes}
    assert by_id[root.doc_id].root
    for node in up.nodes:
        if node.depth:
            assert by_id[node.doc.doc_id].y < by_id[root.doc_id].y
    assert len(drawing.arrows) == len({(e.src, e.dst, e.relation) for e in up.edges})
    for a in drawing.arrows:  # from the citing box's top edge to the cited box's bottom edge
        assert a.y1 > a.y2
    assert all(0 <= b.x <= drawing.width and 0 <= b.y <= drawing.height for b in drawing.boxes)
    assert layout(None, None).boxes == []


def test_upload_add_while_another_index_run_writes_is_a_clear_error(upload_client) -> None:
    client, index = upload_client
    token = _csrf(client)
    r = _post_file(client, REFERENCE_DOC.read_bytes(), "kh.txt", token)
    sha = r.headers["Location"].rsplit("/", 1)[-1]
    catalog = vndocs.Catalog(index)
    try:
        with catalog.writer_lock(wait=False):
            added = client.post(f"/upload/{sha}/add", data={"csrf_token": token})
    finally:
        catalog.close()
    assert added.status_code == 409
    assert "Không thêm được vào chỉ mục" in added.get_data(as_text=True)
    assert client.post(f"/upload/{sha}/add", data={"csrf_token": token}).status_code == 303


@pytest.mark.parametrize(
    ("ref", "message"),
    [("9999-KL/TW", "Không có văn bản nào trong kho khớp"), ("xin chào", "Không hiểu")],
)
def test_trace_errors_are_in_vietnamese(client, ref: str, message: str) -> None:
    body = client.get("/trace", query_string={"ref": ref}).get_data(as_text=True)
    assert message in body


def test_search_page_past_the_end_goes_to_the_last_page(client) -> None:
    r = client.get("/?q=k%E1%BA%BF+ho%E1%BA%A1ch&page=99")
    assert r.status_code == 302
    assert "page=1" in r.headers["Location"] and "q=k%E1%BA%BF+ho%E1%BA%A1ch" in r.headers["Location"]
