"""Output safety: document text cannot drive the terminal or inject markup.

A plan (the reference document, ``corpora/docs/kh_ngay-hoi-...``) is seeded
with terminal escape sequences (SGR colour ``ESC[31m``, OSC window title
``ESC]0;...BEL``, an 8-bit CSI ``U+009B``, a bidi override) and HTML
(``<script>``, an ``onerror`` attribute) in its number, title, issuer, a
reference, a task and the signature; its file name carries an ESC too. Every
command that prints document text (``parse``, ``parse --json``, ``tasks`` in
every format, ``units``, ``refs``, ``search``, ``trace``, ``show``,
``failures``) must print no raw control character, and ``show --html`` must
escape the markup.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from test_robustness import REFERENCE_TXT, VNDOCS, run_measured

ESC_SGR = "\x1b[31m"
ESC_OSC = "\x1b]0;pwned\x07"
CSI8 = "\x9b2J"
SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'

RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters that must never reach the terminal (tab, LF and CR allowed)."""


def poisoned_text() -> str:
    text = REFERENCE_TXT.read_text("utf-8")
    lines = text.split("\n")
    text = "\n".join(lines[:2] + [f"Số: 99-KH/BTGHU{ESC_SGR}"] + lines[2:])
    text = text.replace("KẾ HOẠCH", f"KẾ HOẠCH{ESC_OSC}", 1)
    text = text.replace("Thực hiện Kế hoạch số 45-KH/BTGTU",
                        f"Thực hiện {SCRIPT} Kế hoạch số 45-KH/BTGTU{ESC_SGR}", 1)
    text = text.replace("Ban Tuyên giáo Huyện uỷ xây dựng", f"Ban Tuyên giáo Huyện uỷ {IMG}{CSI8} xây dựng")
    text = text.replace("Ủy ban Mặt trận", f"Ủy ban Mặt trận{ESC_SGR}\u202e")
    return text + f"\nNơi nhận:\n- Ban Tuyên giáo Tỉnh ủy {SCRIPT}{ESC_OSC};\n- Lưu VT.\n"


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The poisoned document, a copy with an ESC in its file name, and an index of both."""
    folder = tmp_path_factory.mktemp("poison")
    docs = folder / "docs"
    docs.mkdir()
    plain = docs / "kh_poisoned.txt"
    plain.write_text(poisoned_text(), "utf-8")
    named = docs / "kh_\x1b[31mred\x1b]0;t\x07.txt"
    shutil.copy(plain, named)
    broken = docs / "broken\x1b[2J.pdf"
    broken.write_bytes(b"%PDF-1.4\n\x1b[31m garbage")
    index = folder / "index"
    run = run_measured([*VNDOCS, "index", "--index", str(index), str(docs)], timeout=300)
    assert "Traceback" not in run.stderr, run.stderr
    assert (index / "catalog.sqlite3").exists(), run.stderr
    return {"plain": plain, "named": named, "broken": broken, "index": index, "folder": folder}


def _check_clean(run_out: str, what: str) -> None:
    bad = RAW_CONTROL.findall(run_out)
    assert not bad, f"{what}: raw control characters {sorted(set(bad))!r} in the output"


def test_poisoned_document_really_carries_the_sequences(poisoned: dict[str, Path]) -> None:
    """Guard: the fixture holds ESC, BEL, C1 and markup as raw characters."""
    import vndocs

    doc = vndocs.parse(poisoned["plain"])
    raw = poisoned["plain"].read_text("utf-8")
    for s in (ESC_SGR, ESC_OSC, CSI8, SCRIPT, IMG):
        assert s in raw
    assert "<script>" in doc.text


COMMANDS = [
    ("parse", ["parse", "{plain}", "{named}", "{broken}"]),
    ("parse-json", ["parse", "--json", "{plain}", "{named}", "{broken}"]),
    ("tasks-table", ["tasks", "{plain}", "{named}"]),
    ("tasks-csv", ["tasks", "--format", "csv", "{plain}"]),
    ("tasks-json", ["tasks", "--format", "json", "{plain}"]),
    ("tasks-ics", ["tasks", "--format", "ics", "{plain}"]),
    ("units", ["units", "{plain}", "{named}"]),
    ("refs", ["refs", "{plain}"]),
    ("refs-named", ["refs", "{named}"]),
    ("refs-json", ["refs", "--json", "{plain}"]),
    ("show", ["show", "{plain}"]),
    ("search", ["search", "--index", "{index}", "Mặt trận"]),
    ("search-script", ["search", "--index", "{index}", "script alert"]),
    ("search-json", ["search", "--index", "{index}", "--json", "Mặt trận"]),
    ("search-query-esc", ["search", "--index", "{index}", "\x1b[31mkế hoạch"]),
    ("trace", ["trace", "--index", "{index}", "--up", "{plain}"]),
    ("trace-ref", ["trace", "--index", "{index}", "45-KH/BTGTU"]),
    ("trace-json", ["trace", "--index", "{index}", "--format", "json", "45-KH/BTGTU"]),
    ("failures", ["failures", "--index", "{index}"]),
    ("index-report", ["index", "--index", "{index}", "--force", "{folder}/docs"]),
]


@pytest.mark.parametrize("name,args", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_command_output_has_no_raw_control_characters(poisoned: dict[str, Path], name: str, args: list[str]) -> None:
    import cli

    if args[0] not in cli.main.commands:
        pytest.skip(f"no '{args[0]}' command in this build")
    argv = [a.format(**{k: str(v) for k, v in poisoned.items()}) for a in args]
    run = run_measured([*VNDOCS, *argv], timeout=300)
    assert not run.timed_out
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    _check_clean(run.stdout, f"{name} stdout")
    _check_clean(run.stderr, f"{name} stderr")
    if run.returncode != 0:
        assert all(line.startswith(("Error: ", "Another", "Waiting", "Indexing")) for line in run.stderr.splitlines()
                   if line.strip()), run.stderr
    if name.endswith("json") and run.returncode == 0 and run.stdout.strip():
        try:
            json.loads(run.stdout)  # one (possibly indented) JSON value
        except json.JSONDecodeError:
            for line in run.stdout.splitlines():
                json.loads(line)  # JSON lines


def test_search_hits_keep_the_text_but_escaped(poisoned: dict[str, Path]) -> None:
    """Escaping shows the characters as ``\\x1b`` (or JSON ``\\u001b``): nothing is silently lost."""
    run = run_measured([*VNDOCS, "search", "--index", str(poisoned["index"]), "--json", "Mặt trận"], timeout=120)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["total"] >= 1


def test_show_html_escapes_markup_and_controls(poisoned: dict[str, Path]) -> None:
    out = poisoned["folder"] / "page.html"
    run = run_measured([*VNDOCS, "show", str(poisoned["plain"]), "--html", str(out)], timeout=300)
    assert run.returncode == 0, run.stderr
    page = out.read_text("utf-8")
    # no document-made element: <script>alert / <img onerror> only as escaped text
    assert "<script>alert(" not in page
    assert "<img src=x onerror" not in page
    assert "&lt;script&gt;" in page
    assert "\x1b" not in page and "\x07" not in page and "\x9b" not in page


def test_show_html_with_escape_in_file_name(poisoned: dict[str, Path]) -> None:
    out = poisoned["folder"] / "named.html"
    run = run_measured([*VNDOCS, "show", str(poisoned["named"]), "--html", str(out)], timeout=300)
    assert run.returncode == 0, run.stderr
    _check_clean(run.stdout + run.stderr, "show --html messages")
    page = out.read_text("utf-8")
    assert "\x1b" not in page and "\x07" not in page
