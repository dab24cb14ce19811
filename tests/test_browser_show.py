"""The ``vndocs show --html`` page in headless Chromium (issue 5).

Skipped when Debian's ``chromium`` is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import vndocs
from cli import main

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "docs"
REFERENCE_DOC = CORPUS / "kh_ngay-hoi-bao-ve-antq-2022_btg-huyen-uy.txt"
SCRIPT = '<script>document.title="pwned"</script>'
IMG = "<img src=x onerror=\"document.title='pwned'\">"

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="headless chromium is not installed"),
]


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    cmd = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)


def _page(tmp_path: Path, *, inject: bool) -> tuple[Path, vndocs.Document]:
    src = REFERENCE_DOC
    if inject:
        text = REFERENCE_DOC.read_text(encoding="utf-8")
        text = text.replace("năm 2022\n", f"năm 2022 {SCRIPT}\n", 1)
        text = text.replace("cụ thể như sau:", f"cụ thể như sau: {SCRIPT} {IMG}", 1)
        src = tmp_path / REFERENCE_DOC.name
        src.write_text(text, encoding="utf-8")
    out = tmp_path / "show.html"
    result = CliRunner().invoke(main, ["show", "--html", str(out), str(src)])
    assert result.exit_code == 0, result.output
    return out, vndocs.parse(str(src))


def _dump_dom(tmp_path: Path, page: Path) -> str:
    done = _chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom", page.resolve().as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_dump_dom_runs_page_scripts_control(tmp_path: Path) -> None:
    """Control: a page that does run the injected script shows it in the dumped title."""
    page = tmp_path / "control.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>x</title></head><body>{SCRIPT}</body></html>")
    assert "<title>pwned</title>" in _dump_dom(tmp_path, page)


def test_reference_document_highlights_in_chromium(tmp_path: Path) -> None:
    page, document = _page(tmp_path, inject=False)
    dom = _dump_dom(tmp_path, page)
    marks = re.findall(r'<mark class="entity ent-([A-Z_]+)"', dom)
    ents = vndocs.to_spacy(document).ents
    assert marks == [e.label_ for e in ents]
    assert marks, "the reference document has no highlight"
    assert f"<title>vndocs — {REFERENCE_DOC.name}</title>" in dom


def test_injected_script_does_not_run_in_chromium(tmp_path: Path) -> None:
    page, _ = _page(tmp_path, inject=True)
    dom = _dump_dom(tmp_path, page)
    assert "pwned</title>" not in dom
    assert f"<title>vndocs — {REFERENCE_DOC.name}</title>" in dom
    body = dom[dom.index("<body") :]
    assert "<script" not in body and "<img" not in body
    # the markup is shown as text
    assert "&lt;script&gt;document.title=\"pwned\"&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=" in body


def test_reference_document_screenshot(tmp_path: Path) -> None:
    page, _ = _page(tmp_path, inject=True)
    png = tmp_path / "show.png"
    done = _chromium(tmp_path, f"--screenshot={png}", "--window-size=1280,2000", page.resolve().as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2000)
