"""The web app end to end in headless Chromium (issue 7).

Uses Playwright's Python package driving Debian's ``/usr/bin/chromium`` (no
browser download). Skipped when either is missing. Screenshots go to the
test's tmp folder, or to ``$VNDOCS_WEB_SCREENSHOTS`` when set (the README's
``docs/web_*.png`` are made that way).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_index import REFERENCE_DOC, build_index

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="headless chromium is not installed"),
]

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from werkzeug.serving import make_server

    from vndocs.web import create_app

    index = build_index(tmp_path_factory.mktemp("browser") / "index")
    app = create_app(index)
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.server_port}"
    finally:
        srv.shutdown()
        app.extensions["vndocs_parser"].close()


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.vndocs_errors = errors  # type: ignore[attr-defined]
        yield pg
        browser.close()


@pytest.fixture()
def shots(tmp_path: Path) -> Path:
    out = os.environ.get("VNDOCS_WEB_SCREENSHOTS")
    path = Path(out) if out else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_search_without_diacritics_then_open_the_document(page, server: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    page.fill("input[name=q]", "ngay hoi bao ve an ninh to quoc")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("li.hit")
    assert page.locator("li.hit mark").count() > 0, "snippets highlight the matched words"
    assert page.locator("aside.facets a").count() > 0
    page.screenshot(path=str(shots / "web_search.png"))
    page.click("li.hit >> nth=0 >> a.hit-title")
    page.wait_for_selector("#text .doc-text")
    assert "Ban Tuyên giáo Huyện ủy" in page.inner_text("#header")
    assert page.locator("mark.entity").count() > 5, "entities are highlighted"
    assert page.locator("nav.toc a[href='#sec-1']").count() == 1
    page.click("nav.toc a[href='#sec-1']")
    assert page.evaluate("location.hash") == "#sec-1"
    page.screenshot(path=str(shots / "web_document.png"))
    assert not page.vndocs_errors


def test_facet_filter_and_sort_by_date(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/?q=k%E1%BA%BF+ho%E1%BA%A1ch")
    page.click("aside.facets ul >> nth=0 >> a >> nth=0")
    page.wait_for_selector(".active-filters")
    page.select_option("select[name=sort]", "date")  # app.js submits at once
    page.wait_for_url("**sort=date**")
    dates = [d for d in page.locator("li.hit > span.muted").all_inner_texts() if d]
    assert dates == sorted(dates, reverse=True)


def test_follow_a_trace_from_the_document(page, server: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/?q=45-KH%2FBTGTU")
    page.click("li.hit >> nth=0 >> a.hit-title")
    page.click("text=Truy vết >> nth=-1")
    page.wait_for_selector("svg .node")
    assert page.locator("svg .node.root").count() == 1
    assert page.locator("svg .edge").count() >= 2
    assert "44-KL/TW" in page.inner_text(".tree")
    page.screenshot(path=str(shots / "web_trace.png"))
    # follow the graph to the cited conclusion (a placeholder) and back down to the plan
    page.click("svg a.node:has-text('44-KL/TW')")
    page.wait_for_selector("text=chưa có trong kho")
    page.click("text=Truy vết >> nth=-1")
    page.wait_for_selector("svg .node.root")
    assert "Ban Tuyên giáo Huyện ủy" in page.inner_text(".tree")


def test_upload_by_drag_and_drop_shows_structure_and_tasks(page, server: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/upload")
    data = list(REFERENCE_DOC.read_bytes())
    # a real drop event carrying the file, as when it is dragged from the file manager
    page.evaluate(
        """([bytes, name]) => {
            const dt = new DataTransfer();
            dt.items.add(new File([new Uint8Array(bytes)], name, {type: "text/plain"}));
            const zone = document.getElementById("dropzone");
            zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
            zone.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
        }""",
        [data, REFERENCE_DOC.name],
    )
    assert page.inner_text("#dz-name") == REFERENCE_DOC.name
    page.click("button[type=submit]")
    page.wait_for_selector("#tasks", timeout=120_000)
    assert "MỤC ĐÍCH, YÊU CẦU" in page.inner_text("nav.toc")
    assert page.locator("table.tasks tbody tr").count() >= 1
    page.screenshot(path=str(shots / "web_upload.png"))
    page.click("#add-to-index")
    page.wait_for_selector("#text .doc-text")
    assert "/doc/" in page.url
    assert not page.vndocs_errors


def test_upload_of_a_wrong_file_is_refused_in_the_page(page, server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "not-a.pdf"
    bad.write_bytes(b"MZ\x90\x00 this is no pdf")
    page.goto(server + "/upload")
    page.set_input_files("#file-input", str(bad))
    page.click("button[type=submit]")
    page.wait_for_selector("p.error")
    assert "Không nhận tệp" in page.inner_text("p.error")
