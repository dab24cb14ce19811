"""CLI output stays one line per error and inert JSON whatever the file names hold."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import CORPUS

VNDOCS = [sys.executable, "-c", "import cli; cli.main()"]
ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*VNDOCS, *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_missing_file_with_newline_in_name_gives_one_error_line() -> None:
    r = _run("parse", "no such\nfile.txt")
    assert r.returncode == 1
    lines = r.stderr.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("Error: ")


def test_json_escapes_c1_controls_in_file_names(tmp_path: Path) -> None:
    name = tmp_path / "kh\x9b31m.txt"
    shutil.copy(CORPUS / "kh_ngay-hoi-bao-ve-antq-2022_btg-huyen-uy.txt", name)
    r = _run("parse", "--json", str(name))
    assert r.returncode == 0
    assert "\x9b" not in r.stdout
    assert json.loads(r.stdout)["source"] == str(name)
    assert "Kế hoạch" in r.stdout  # Vietnamese stays readable
