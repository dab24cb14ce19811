"""Word 97-2003 .doc reader: converts through ``antiword`` or LibreOffice.

``antiword -w 0 -m UTF-8.txt`` (fast, no line wrapping) is preferred; without
it, ``soffice --headless --convert-to txt`` when LibreOffice is installed.
Each conversion runs with a timeout. Each paragraph becomes a block; antiword
draws tables as ``|cell|cell|`` rows, which are turned into cell blocks, a
two-column table (the document header) written column by column, left first
(see :class:`vndocs.readers.RawText`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from vndocs.errors import ReadError
from vndocs.readers import RawText

TIMEOUT = 60
"""Seconds a converter may run on one file."""

_NO_CONVERTER = (
    "legacy Word .doc needs antiword or LibreOffice to convert; install one "
    "(apt-get install antiword) or save the file as .docx"
)
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")


def _run(cmd: list[str], name: str, cwd: str | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env.setdefault("HOME", tempfile.gettempdir())  # antiword reads ~/.antiword
    try:
        return subprocess.run(
            cmd, capture_output=True, timeout=TIMEOUT, cwd=cwd, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        raise ReadError(name, f"converting the .doc took longer than {TIMEOUT} s") from None
    except OSError as e:
        raise ReadError(name, f"cannot run {cmd[0]} ({e.strerror})") from None


def _antiword(path: Path, name: str, exe: str) -> str:
    proc = _run([exe, "-w", "0", "-m", "UTF-8.txt", str(path)], name)
    err = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode != 0 or not proc.stdout.strip():
        if "encrypt" in err.lower():
            raise ReadError(name, "encrypted Word document")
        if "not a Word Document" in err or "not a word document" in err.lower():
            raise ReadError(name, "not a Word 97-2003 document (corrupt or another format)")
        first = err.splitlines()[0] if err else f"exit code {proc.returncode}"
        raise ReadError(name, f"antiword could not convert the file: {first[:160]}")
    return proc.stdout.decode("utf-8", "replace")


def _soffice(path: Path, name: str, exe: str) -> str:
    with tempfile.TemporaryDirectory() as out:
        proc = _run(
            [
                exe,
                "--headless",
                "--norestore",
                "--convert-to",
                "txt:Text (encoded):UTF8",
                "--outdir",
                out,
                str(path),
            ],
            name,
        )
        target = Path(out) / (path.stem + ".txt")
        if proc.returncode != 0 or not target.exists():
            raise ReadError(name, "LibreOffice could not convert the file (corrupt or encrypted?)")
        return target.read_text("utf-8", errors="replace")


def _table_blocks(rows: list[list[str]]) -> list[str]:
    out: list[str] = []
    width = max(len(r) for r in rows)
    if width == 2 and len(rows) <= 12:
        # the header table: each column is one block, left first
        for col in (0, 1):
            out.append("")
            out.extend(r[col] for r in rows if len(r) > col and r[col])
            out.append("")
        return out
    for r in rows:
        for cell in r:
            if cell:
                out.extend(["", cell])
        out.append("")
    return out


def antiword_to_text(raw: str) -> str:
    """Lay out antiword's output: one block per paragraph, tables as cell blocks."""
    out: list[str] = []
    rows: list[list[str]] = []
    for line in raw.replace("\r", "").split("\n"):
        m = _TABLE_ROW.match(line)
        if m:
            rows.append([c.strip() for c in m.group(1).split("|")])
            continue
        if rows:
            out.extend(_table_blocks(rows))
            rows = []
        line = line.replace("\f", "").strip()
        if line:
            out.extend([line, ""])
    if rows:
        out.extend(_table_blocks(rows))
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def _is_encrypted_ooxml(path: Path) -> bool:
    # a password-protected .docx is an OLE2 file holding an "EncryptedPackage" stream
    try:
        with open(path, "rb") as f:
            return "EncryptedPackage".encode("utf-16-le") in f.read(64 * 1024)
    except OSError:
        return False


def read_doc(path: Path, name: str) -> RawText:
    """Read a Word 97-2003 .doc file.

    Raises:
        ReadError: no converter installed, the converter failed or timed out,
            or the file is encrypted or not a Word document.
    """
    try:
        head = path.read_bytes()[:8]
    except OSError as e:
        raise ReadError(name, f"cannot read file ({e.strerror})") from None
    if head != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        # web sites often serve HTML or RTF under a .doc name
        if head.lstrip().lower().startswith((b"<", b"\xef\xbb\xbf<")):
            from vndocs.readers.html import read_html

            return read_html(path, name)
        if head.startswith(b"{\\rtf"):
            raise ReadError(
                name, "an RTF file named .doc; RTF is not supported yet (save it as .docx)"
            )
        raise ReadError(name, "not a Word 97-2003 document (no OLE2 signature)")
    if _is_encrypted_ooxml(path):
        raise ReadError(name, "encrypted (password-protected) Office document")
    exe = shutil.which("antiword")
    if exe:
        raw = _antiword(path, name, exe)
        text = antiword_to_text(raw)
    else:
        office = shutil.which("soffice") or shutil.which("libreoffice")
        if not office:
            raise ReadError(name, _NO_CONVERTER)
        text = antiword_to_text(_soffice(path, name, office))
    if not text.strip():
        raise ReadError(name, "empty document (no text)")
    from vndocs.readers.legacy import fix_legacy_text

    encoding = None
    fixed = fix_legacy_text(text)
    if fixed is not None:
        text, encoding = fixed
    return RawText(text=text, format="doc", encoding=encoding)
