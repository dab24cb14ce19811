"""Bad input: every broken, hostile or odd file gives a result or one clear error.

Each case below builds a file in a temporary folder (from the real documents of
``corpora/docs`` where it corrupts one). Every case is checked two ways:

- through the library: ``vndocs.parse(path)`` returns a Document or raises a
  :class:`vndocs.errors.VndocsError` subclass, nothing else;
- through the CLI: ``vndocs parse FILE`` in a subprocess exits 0 with output,
  or exits 1 with stderr exactly one line starting ``Error:``; never a
  ``Traceback``, never a hang (a hard timeout kills it), peak RSS (measured
  with ``os.wait4``) under :data:`RSS_BOUND_MB`.

The builders are also used by ``benchmarks/robustness_report.py``, which prints
the times and memory of every case.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import re
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "docs"
_LAUNCH = """
import atexit, os
if os.environ.get("VNDOCS_HWM"):
    def _hwm(path=os.environ["VNDOCS_HWM"]):
        with open("/proc/self/status") as src, open(path, "w") as dst:
            dst.write(src.read())
    atexit.register(_hwm)
import cli
cli.main()
"""
VNDOCS = [sys.executable, "-c", _LAUNCH]
"""The CLI, run with this interpreter (the ``vndocs`` script may be elsewhere on PATH).

With ``VNDOCS_HWM=FILE`` it writes its ``/proc/self/status`` there on exit: its
own peak RSS (``VmHWM``). ``ru_maxrss`` from ``wait4`` cannot be used alone:
Linux carries the parent's RSS at fork time into the child's figure."""

RSS_BOUND_MB = 1000
"""Peak resident memory allowed for one ``vndocs parse`` of any case (the 100 MB file included)."""
HANG_SECONDS = 300
"""A subprocess still running after this long is a hang (killed, the test fails)."""

REFERENCE_TXT = CORPUS / "kh_ngay-hoi-bao-ve-antq-2022_btg-huyen-uy.txt"
REAL_PDF = CORPUS / "qd_169-QD-BLDTBXH_congbao.pdf"
REAL_DOCX = CORPUS / "luat_24-2018-QH14_an-ninh-mang_ragluat.docx"
REAL_MD = CORPUS / "kh_308-KH-UBND_hanoi_tnt305.md"


# ---------------------------------------------------------------------------
# Running the CLI with measured time and memory


@dataclass(frozen=True, slots=True)
class Run:
    """One finished subprocess."""

    returncode: int
    """Exit code (negative: killed by that signal)."""
    stdout: str
    """Standard output (decoded, errors replaced)."""
    stderr: str
    """Standard error (decoded, errors replaced)."""
    seconds: float
    """Wall time."""
    max_rss_mb: float
    """Peak resident set size of the process, MB (``ru_maxrss``)."""
    timed_out: bool
    """Killed after :data:`HANG_SECONDS`."""


def run_measured(args: list[str], *, timeout: float = HANG_SECONDS, env: dict[str, str] | None = None,
                 cwd: Path | None = None) -> Run:
    """Run a command and report its time and peak RSS (``VmHWM`` written by :data:`VNDOCS` on exit,
    else ``ru_maxrss`` from ``os.wait4``, an upper bound)."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".status") as hwm:
        env = dict(os.environ if env is None else env, VNDOCS_HWM=hwm.name)
        t0 = time.monotonic()
        proc = subprocess.Popen(args, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                env=env, cwd=cwd or ROOT)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - t0 > timeout:
                timed_out = True
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.monotonic() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
        out.seek(0)
        err.seek(0)
        rss_mb = usage.ru_maxrss / 1024  # KB on Linux; an upper bound (see VNDOCS)
        peak = re.search(r"^VmHWM:\s+(\d+) kB", hwm.read(), re.MULTILINE)
        if peak:
            rss_mb = int(peak.group(1)) / 1024
        return Run(
            returncode=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            seconds=seconds,
            max_rss_mb=rss_mb,
            timed_out=timed_out,
        )


def cli_parse(path: Path, *extra: str) -> Run:
    """``vndocs parse [extra] FILE`` in a subprocess."""
    return run_measured([*VNDOCS, "parse", *extra, str(path)])


def check_cli_contract(run: Run, label: str) -> str:
    """Assert the CLI contract for one file; returns ``"ok"`` or ``"error"``."""
    assert not run.timed_out, f"{label}: still running after {HANG_SECONDS} s (hang)"
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout, f"{label}: {run.stderr[-2000:]}"
    assert run.max_rss_mb < RSS_BOUND_MB, f"{label}: peak RSS {run.max_rss_mb:.0f} MB"
    if run.returncode == 0:
        assert run.stdout.strip(), f"{label}: exit 0 but no output"
        return "ok"
    assert run.returncode == 1, f"{label}: exit code {run.returncode}; stderr: {run.stderr[-500:]}"
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), f"{label}: stderr {run.stderr[:1000]!r}"
    assert "\x1b" not in run.stderr
    return "error"


# ---------------------------------------------------------------------------
# Builders of bad files


def _rand(seed: int, n: int) -> bytes:
    return random.Random(seed).randbytes(n)


def flip_bytes(data: bytes, seed: int, count: int, *, skip: int = 0) -> bytes:
    """``data`` with ``count`` random bytes (after ``skip``) replaced by random values."""
    rng = random.Random(seed)
    buf = bytearray(data)
    for _ in range(count):
        i = rng.randrange(skip, len(buf))
        buf[i] = rng.randrange(256)
    return bytes(buf)


def _docx_with(document_xml: bytes | None, *, extra: dict[str, bytes] | None = None,
               compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A .docx made of the parts of a real one, ``word/document.xml`` replaced (None: removed)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(REAL_DOCX) as src, zipfile.ZipFile(buf, "w", compress) as dst:
        for info in src.infolist():
            if info.filename == "word/document.xml":
                if document_xml is not None:
                    dst.writestr("word/document.xml", document_xml)
                continue
            dst.writestr(info.filename, src.read(info.filename))
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return buf.getvalue()


_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _document_xml(body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<w:document {_W_NS}><w:body>{body}</w:body></w:document>").encode()


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def nested_tables_docx(depth: int) -> bytes:
    """A .docx whose body is a table in a cell of a table ... ``depth`` levels deep."""
    open_ = "<w:tbl><w:tr><w:tc>" + _para("ô")
    close = "</w:tc></w:tr></w:tbl>"
    body = _para("KẾ HOẠCH") + open_ * depth + _para("Giữa bảng") + close * depth
    return _docx_with(_document_xml(body))


def zip_bomb_docx(path: Path, gigabytes: float) -> None:
    """A .docx whose ``word/document.xml`` inflates to ``gigabytes`` GB (honest ZIP headers)."""
    chunk = b"<w:p><w:r><w:t>" + b"A" * (1 << 20) + b"</w:t></w:r></w:p>"
    total = int(gigabytes * (1 << 30))
    with zipfile.ZipFile(REAL_DOCX) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info.filename, src.read(info.filename))
        zi = zipfile.ZipInfo("word/document.xml")
        zi.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(zi, "w", force_zip64=True) as f:
            f.write(f"<w:document {_W_NS}><w:body>".encode())
            written = 0
            while written < total:
                f.write(chunk)
                written += len(chunk)
            f.write(b"</w:body></w:document>")


def lying_zip_bomb_docx() -> bytes:
    """A .docx whose ``document.xml`` claims 2 KB but inflates to 256 MB (forged sizes)."""
    real = _docx_with(_document_xml(_para("x")))
    body = b"<w:document " + _W_NS.encode() + b"><w:body>" + b"<w:p>" * 8 + b" " * (256 << 20)
    comp = zlib.compressobj(1, zlib.DEFLATED, -15)
    deflated = comp.compress(body) + comp.flush()
    crc = zlib.crc32(body)
    name = b"word/document.xml"
    fake_size = 2048
    # rebuild: the real parts, then the forged member, then the central directory
    out = io.BytesIO()
    central: list[bytes] = []
    with zipfile.ZipFile(io.BytesIO(real)) as src:
        members = [(i.filename.encode(), src.read(i.filename)) for i in src.infolist()
                   if i.filename != "word/document.xml"]
    members.append((name, None))  # type: ignore[arg-type]
    for fname, data in members:
        offset = out.tell()
        if data is None:
            payload, usize, c = deflated, fake_size, crc
        else:
            co = zlib.compressobj(6, zlib.DEFLATED, -15)
            payload, usize, c = co.compress(data) + co.flush(), len(data), zlib.crc32(data)
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, c, len(payload), usize,
                              len(fname), 0) + fname + payload)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, c,
                                   len(payload), usize, len(fname), 0, 0, 0, 0, 0, offset) + fname)
    cd_start = out.tell()
    for c in central:
        out.write(c)
    cd_size = out.tell() - cd_start
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), cd_size, cd_start, 0))
    return out.getvalue()


def zip_version_docx() -> bytes:
    """The real .docx with "version needed to extract" 6.4 in its central directory
    (zipfile raises NotImplementedError; found by tests/test_fuzz.py)."""
    buf = bytearray(REAL_DOCX.read_bytes())
    i = buf.find(b"PK\x01\x02")
    buf[i + 6 : i + 8] = struct.pack("<H", 64)
    return bytes(buf)


# -- PDF -------------------------------------------------------------------

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def make_pdf(text: str = "KE HOACH", *, user_password: str | None = None, owner_password: str = "owner") -> bytes:
    """A one-page PDF showing ``text``; with ``user_password``, encrypted (standard handler, RC4 40-bit).

    The encryption follows PDF 1.7 algorithms 3.2-3.4 (revision 2), so a reader
    given the password can open it and any other reader must ask for it.
    """
    content = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    file_id = hashlib.md5(text.encode()).digest()
    key = b""
    encrypt_obj = b""
    if user_password is not None:
        perms = -44  # printing allowed, the rest not
        o_key = hashlib.md5((owner_password.encode() + _PAD)[:32]).digest()[:5]
        o_value = _rc4(o_key, (user_password.encode() + _PAD)[:32])
        key = hashlib.md5((user_password.encode() + _PAD)[:32] + o_value + struct.pack("<i", perms)
                          + file_id).digest()[:5]
        u_value = _rc4(key, _PAD)
        encrypt_obj = (b"<< /Filter /Standard /V 1 /R 2 /Length 40 /O <" + o_value.hex().encode()
                       + b"> /U <" + u_value.hex().encode() + b"> /P " + str(perms).encode() + b" >>")

    def enc(num: int, data: bytes) -> bytes:
        if not key:
            return data
        k = hashlib.md5(key + struct.pack("<I", num)[:3] + b"\x00\x00").digest()[: len(key) + 5]
        return _rc4(k, data)

    stream = enc(4, content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>"),
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if encrypt_obj:
        objects.append(encrypt_obj)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /ID [<{file_id.hex()}> <{file_id.hex()}>]"
    if encrypt_obj:
        trailer += f" /Encrypt {len(objects)} 0 R"
    out.write(trailer.encode() + f" >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


# -- text ------------------------------------------------------------------

JUNK_HEADER = (
    "ĐẢNG CỘNG SẢN VIỆT NAM " * 40 + "\n"
    "Số: " + "/" * 500 + "-KH/" + "KH-" * 300 + "\n"
    "ngày 99 tháng 99 năm 99999, ngày 0 tháng 13 năm -1, ngày 31 tháng 02 năm 2022\n"
    "Căn cứ Nghị định số 999999999999999999999/9999/NĐ-CP ngày 32/13/0000 của " + "Chính phủ " * 200 + "\n"
    "Căn cứ Kết luận số -KL/TW, Quyết định số /QĐ-, Chỉ thị số 0-CT/TW ngày //\n"
    "KẾ HOẠCH\n" * 50
    + "I. " * 300 + "\n" + "1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1. Mục\n" * 20
    + "- Giao " + "Sở, " * 2000 + "chủ trì, thực hiện trước ngày 31/02/2022, hằng ngày giờ, quý V năm 0.\n"
    + "Nơi nhận:\n" + "- " * 2000 + "\nTM. " * 50 + "\n(Ký tên, đóng dấu)\n" * 30
)


def _mixed_encodings() -> bytes:
    ref = REFERENCE_TXT.read_bytes()
    half = len(ref) // 2
    return ref[:half] + REFERENCE_TXT.read_text("utf-8")[:2000].encode("cp1258", "replace") + ref[half:]


def _control_chars() -> bytes:
    text = REFERENCE_TXT.read_text("utf-8")
    rng = random.Random(7)
    chars = list(text)
    for _ in range(300):
        chars.insert(rng.randrange(len(chars)), chr(rng.choice(list(range(9)) + list(range(14, 32)) + [127, 0x85, 0x9B, 0x200B, 0x202E, 0xFEFF])))
    return "".join(chars).encode("utf-8")


# ---------------------------------------------------------------------------
# The cases


@dataclass(frozen=True, slots=True)
class Case:
    """A bad or odd input file."""

    name: str
    """Identifier (test id)."""
    filename: str
    """File name to write (its extension picks the reader)."""
    build: Callable[[Path], None]
    """Writes the file at the given path."""
    expect: str = "either"
    """``error`` (must be refused), ``ok`` (must parse) or ``either``."""
    slow: bool = False
    """Large input: run in the slow tier."""
    what: str = ""
    """One line for the report."""


def _bytes(data: bytes | str | Callable[[], bytes]) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        value = data() if callable(data) else data
        path.write_bytes(value.encode("utf-8") if isinstance(value, str) else value)
    return build


def _truncate(src: Path, fraction: float) -> Callable[[], bytes]:
    return lambda: src.read_bytes()[: int(len(src.read_bytes()) * fraction)]


def _big_text(path: Path) -> None:
    """A 100 MB text file: the reference document repeated."""
    block = REFERENCE_TXT.read_bytes()
    with open(path, "wb") as f:
        written = 0
        while written < 100 * (1 << 20):
            f.write(block)
            written += len(block)


def _sized_text(path: Path, megabytes: int) -> None:
    """The reference document repeated to ``megabytes`` MB."""
    block = REFERENCE_TXT.read_bytes()
    path.write_bytes(block * (megabytes * (1 << 20) // len(block) + 1))


def _long_line(path: Path, ext_md: bool = False) -> None:
    """One 10 MB line of Vietnamese words."""
    words = REFERENCE_TXT.read_text("utf-8").split()
    rng = random.Random(3)
    out: list[str] = []
    size = 0
    while size < 10 * (1 << 20):
        w = rng.choice(words)
        out.append(w)
        size += len(w.encode()) + 1
    line = " ".join(out)
    if ext_md:
        line = "**" + line.replace(" ", " | ", 5000) + "**"
    path.write_text("KẾ HOẠCH\n" + line + "\n", encoding="utf-8")


EXTS = (".txt", ".md", ".pdf", ".docx", ".doc", ".html")

CASES: list[Case] = [
    *[Case(f"random_bytes{ext}", f"random{ext}", _bytes(_rand(i, 64 * 1024)), "error",
           what=f"64 KB of random bytes named {ext}") for i, ext in enumerate(EXTS)],
    *[Case(f"empty{ext}", f"empty{ext}", _bytes(b""), "error", what=f"empty {ext}") for ext in EXTS],
    Case("whitespace_only.txt", "blank.txt", _bytes(b" \n\t\r\n" * 1000), "error", what="only white space"),
    Case("nul_bytes.txt", "nul.txt", _bytes(b"\x00" * 10000), "error", what="10 000 NUL bytes"),
    Case("no_extension", "README", _bytes(REFERENCE_TXT.read_bytes()), "ok", what="a text file without extension"),
    Case("unknown_extension.xyz", "doc.xyz", _bytes(b"hello"), "error", what="unknown extension"),
    Case("pdf_named_txt", "actually-pdf.txt", _bytes(make_pdf()), "either", what="a PDF named .txt"),
    Case("docx_named_pdf", "actually-docx.pdf", _bytes(REAL_DOCX.read_bytes), "error",
         what="a .docx named .pdf"),
    # PDF
    *[Case(f"pdf_truncated_{int(f * 100)}pct", f"trunc{int(f * 100)}.pdf", _bytes(_truncate(REAL_PDF, f)), "either",
           what=f"real PDF cut at {int(f * 100)}%") for f in (0.001, 0.1, 0.5, 0.9, 0.999)],
    *[Case(f"pdf_flipped_{n}_seed{s}", f"flip{n}_{s}.pdf",
           _bytes(lambda n=n, s=s: flip_bytes(REAL_PDF.read_bytes(), s, n, skip=8)), "either",
           what=f"real PDF with {n} random bytes changed") for n, s in ((10, 1), (200, 2), (5000, 3))],
    Case("pdf_encrypted_user_password", "encrypted.pdf", _bytes(lambda: make_pdf(user_password="secret")),
         "error", what="PDF encrypted with a user password (RC4, standard handler)"),
    Case("pdf_encrypted_empty_password", "encrypted-open.pdf",
         _bytes(lambda: make_pdf("Ke hoach so 12 " * 20, user_password="")), "either",
         what="PDF encrypted with an empty user password (opens without one)"),
    Case("pdf_header_only", "header.pdf", _bytes(b"%PDF-1.7\n"), "error", what="PDF magic, nothing else"),
    Case("pdf_no_text", "blank.pdf", _bytes(lambda: make_pdf("")), "error", what="PDF page without text"),
    # DOCX
    *[Case(f"docx_truncated_{int(f * 100)}pct", f"trunc{int(f * 100)}.docx", _bytes(_truncate(REAL_DOCX, f)),
           "error", what=f"real .docx cut at {int(f * 100)}%") for f in (0.05, 0.5, 0.95)],
    *[Case(f"docx_flipped_{n}_seed{s}", f"flip{n}_{s}.docx",
           _bytes(lambda n=n, s=s: flip_bytes(REAL_DOCX.read_bytes(), s, n, skip=4)), "either",
           what=f"real .docx with {n} random bytes changed") for n, s in ((5, 4), (100, 5))],
    Case("docx_unsupported_zip_version", "zip64.docx", _bytes(zip_version_docx), "error",
         what="ZIP entry needing extractor version 6.4"),
    Case("docx_without_document_xml", "nodoc.docx", _bytes(lambda: _docx_with(None)), "error",
         what="ZIP without word/document.xml"),
    Case("docx_bad_xml", "badxml.docx", _bytes(lambda: _docx_with(b"<w:document><w:body><w:p>")), "error",
         what="document.xml not well-formed"),
    Case("docx_xml_entity_bomb", "billion-laughs.docx", _bytes(lambda: _docx_with(
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9))
        + b"]><w:document " + _W_NS.encode() + b"><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>")),
         "either", what="billion-laughs entity expansion in document.xml"),
    Case("docx_encrypted_ole", "encrypted.docx",
         _bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + _rand(9, 8000)), "error",
         what="password-protected Office file (an OLE container named .docx)"),
    Case("docx_zip_bomb_forged_sizes", "bomb-forged.docx", _bytes(lying_zip_bomb_docx), "either",
         what="document.xml claims 2 KB, inflates to 256 MB (forged ZIP sizes)"),
    Case("docx_zip_bomb_2gb", "bomb.docx", lambda p: zip_bomb_docx(p, 2.0), "error", slow=True,
         what="document.xml inflates to 2 GB"),
    Case("docx_nested_tables_50", "nested50.docx", _bytes(lambda: nested_tables_docx(50)), "ok",
         what="tables nested 50 deep"),
    Case("docx_nested_tables_80", "nested80.docx", _bytes(lambda: nested_tables_docx(80)), "ok",
         what="tables nested 80 deep (240 XML levels, just under libxml2's 256)"),
    Case("docx_nested_tables_2000", "nested2000.docx", _bytes(lambda: nested_tables_docx(2000)), "either",
         what="tables nested 2000 deep"),
    # Markdown
    Case("md_nested_quotes", "quotes.md", _bytes(("> " * 20000 + "Kế hoạch\n").encode()), "either",
         what="20 000 nested block quotes"),
    Case("md_nested_lists", "lists.md", _bytes("".join("  " * i + "- mục\n" for i in range(1000)).encode()),
         "either", what="a list nested 1000 deep"),
    Case("md_table_in_table", "tables.md", _bytes((("| " * 5000 + "ô |\n" + "|---" * 5000 + "|\n") * 20).encode()),
         "either", what="rows of 5000 cells, pipes everywhere"),
    Case("md_unclosed_emphasis", "stars.md", _bytes(("**" + "a*" * 50000 + "\n") * 4), "either",
         what="100 000 unbalanced emphasis marks"),
    Case("md_unclosed_links", "links.md", _bytes(("[" * 50000 + "](" * 50000 + "\n").encode()), "either",
         what="50 000 unclosed link brackets"),
    # text content
    Case("nfd_text", "nfd.txt", _bytes(lambda: __import__("unicodedata").normalize(
        "NFD", REFERENCE_TXT.read_text("utf-8")).encode()), "ok", what="the reference document in NFD"),
    Case("control_chars", "ctrl.txt", _bytes(_control_chars), "ok",
         what="the reference document with 300 control characters (C0, C1, bidi, BOM) inserted"),
    Case("mixed_encodings", "mixed.txt", _bytes(_mixed_encodings), "either",
         what="UTF-8 with a cp1258 block in the middle"),
    Case("utf16_no_bom", "utf16.txt", _bytes(lambda: REFERENCE_TXT.read_text("utf-8").encode("utf-16-le")), "ok",
         what="UTF-16-LE without BOM"),
    Case("utf32", "utf32.txt", _bytes(lambda: REFERENCE_TXT.read_text("utf-8").encode("utf-32")), "either",
         what="UTF-32 with BOM"),
    Case("latin1_mojibake", "mojibake.txt", _bytes(lambda: REFERENCE_TXT.read_text("utf-8").encode("utf-8")
                                                   .decode("latin-1").encode("utf-8")), "either",
         what="UTF-8 decoded as Latin-1 and saved again (mojibake)"),
    Case("junk_fields", "junk.txt", _bytes(JUNK_HEADER.encode()), "ok",
         what="absurd numbers, dates, headings, recipients, 2000-unit assignee lists"),
    Case("one_char", "x.txt", _bytes(b"x"), "either", what="one character"),
    Case("only_newlines", "nl.txt", _bytes(b"\n" * 1_000_000), "error", what="1 000 000 newlines"),
    Case("long_line_10mb.txt", "longline.txt", _long_line, "either", slow=True, what="one 10 MB line (.txt)"),
    Case("long_line_10mb.md", "longline.md", lambda p: _long_line(p, ext_md=True), "either", slow=True,
         what="one 10 MB line with emphasis and pipes (.md)"),
    Case("text_100mb", "big.txt", _big_text, "error", slow=True, what="a 100 MB text file"),
    Case("text_over_limit", "over.txt", lambda p: _sized_text(p, 17), "error",
         what="a 17 MB text file (over the 16 MB text limit)"),
]
"""Every bad-input case (``benchmarks/robustness_report.py`` runs the same list)."""

FAST = [c for c in CASES if not c.slow]
SLOW = [c for c in CASES if c.slow]


def build_case(case: Case, folder: Path) -> Path:
    """Write a case's file under ``folder`` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / case.filename
    case.build(path)
    return path


# ---------------------------------------------------------------------------
# Tests


def _library_outcome(path: Path) -> str:
    import vndocs
    from vndocs.errors import VndocsError

    try:
        doc = vndocs.parse(path)
    except VndocsError as e:
        assert str(e).strip() and "\n" not in str(e).strip(), f"error message not one line: {e!r}"
        return "error"
    assert doc.text.strip()
    doc.to_dict()  # serializable
    return "ok"


@pytest.mark.parametrize("case", FAST, ids=lambda c: c.name)
def test_library_bad_input_gives_document_or_vndocs_error(case: Case, tmp_path: Path) -> None:
    path = build_case(case, tmp_path)
    outcome = _library_outcome(path)
    if case.expect != "either":
        assert outcome == case.expect, f"{case.name}: expected {case.expect}, got {outcome}"


def test_cli_bad_inputs_in_one_batch_give_one_error_line_each(tmp_path: Path) -> None:
    """``vndocs parse`` over every fast case at once: one ``Error:`` line per refused file."""
    paths = [build_case(c, tmp_path / c.name) for c in FAST]
    run = run_measured([*VNDOCS, "parse", *map(str, paths)])
    assert not run.timed_out
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    err_lines = run.stderr.splitlines()
    assert all(line.startswith("Error: ") for line in err_lines), err_lines
    refused = {c.name for c in FAST if any(line.startswith(f"Error: {tmp_path / c.name}/") for line in err_lines)}
    assert len(err_lines) == len(refused), "a file got more than one error line"
    for c in FAST:
        if c.expect == "error":
            assert c.name in refused, f"{c.name} was not refused"
        elif c.expect == "ok":
            assert c.name not in refused, f"{c.name} was refused"
    assert run.returncode == (1 if refused else 0)
    assert run.stdout.count("== ") == len(FAST) - len(refused)


@pytest.mark.parametrize("case", [c for c in FAST if c.expect == "error"][:6] + [
    c for c in FAST if c.name in ("docx_zip_bomb_forged_sizes", "docx_nested_tables_2000", "junk_fields")],
    ids=lambda c: c.name)
def test_cli_single_file_contract(case: Case, tmp_path: Path) -> None:
    """One file per run: exit code, a single ``Error:`` line or output, bounded RSS."""
    path = build_case(case, tmp_path)
    outcome = check_cli_contract(cli_parse(path), case.name)
    if case.expect != "either":
        assert outcome == case.expect


@pytest.mark.slow
@pytest.mark.parametrize("case", SLOW, ids=lambda c: c.name)
def test_cli_large_input_bounded(case: Case, tmp_path: Path) -> None:
    """Large inputs: refused or parsed, with peak RSS under the bound, no hang."""
    path = build_case(case, tmp_path)
    outcome = check_cli_contract(cli_parse(path), case.name)
    if case.expect != "either":
        assert outcome == case.expect


def test_missing_and_special_paths_give_one_error_line(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    paths = [tmp_path / "missing.txt", tmp_path, fifo, Path("/dev/null")]
    run = run_measured([*VNDOCS, "parse", *map(str, paths)], timeout=120)
    assert not run.timed_out, "reading a FIFO or device hung"
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == len(paths) and all(line.startswith("Error: ") for line in lines), lines
    assert run.returncode == 1


def test_encrypted_pdf_fixture_is_really_encrypted() -> None:
    """The generated fixture needs its password (else the test above proves nothing)."""
    import pypdfium2 as pdfium

    data = make_pdf("KE HOACH SO 12", user_password="secret")
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(data)
    pdf = pdfium.PdfDocument(data, password="secret")
    assert "KE HOACH SO 12" in pdf[0].get_textpage().get_text_range()
    pdf.close()


def test_encrypted_pdf_error_says_encrypted(tmp_path: Path) -> None:
    from vndocs.errors import ReadError

    path = tmp_path / "locked.pdf"
    path.write_bytes(make_pdf(user_password="secret"))
    with pytest.raises(ReadError, match="encrypted"):
        __import__("vndocs").parse(path)


def test_zip_bomb_refused_before_inflating(tmp_path: Path) -> None:
    """A 2 GB document.xml is refused from the ZIP directory, without inflating it."""
    from vndocs.errors import ReadError
    from vndocs.readers.docx import MAX_UNCOMPRESSED

    path = tmp_path / "bomb.docx"
    # honest sizes, just above the limit: refused with "ZIP bomb" whatever the ratio
    zip_bomb_docx(path, (MAX_UNCOMPRESSED + (64 << 20)) / (1 << 30))
    assert path.stat().st_size < 5 * (1 << 20)
    with pytest.raises(ReadError, match="ZIP bomb"):
        __import__("vndocs").parse(path)


def test_peak_rss_of_a_normal_parse_is_measured() -> None:
    """The measuring helper itself works (RSS of a real parse is plausible)."""
    run = cli_parse(REFERENCE_TXT)
    assert run.returncode == 0
    assert 10 < run.max_rss_mb < RSS_BOUND_MB


def test_file_name_with_newline_gives_one_error_line(tmp_path: Path) -> None:
    """A newline in a refused file's name must not split its error line."""
    path = tmp_path / "bad\nname.pdf"
    path.write_bytes(b"%PDF-1.4 junk")
    run = run_measured([*VNDOCS, "parse", str(path)], timeout=120)
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), lines


def test_forged_zip_bomb_refused_without_inflating(tmp_path: Path) -> None:
    """A part claiming 2 KB that inflates to 256 MB is refused by its CRC, never inflated whole
    (python-docx's one-shot read took 2 GB for a 1 GB one before the reader checked parts in steps)."""
    path = tmp_path / "forged.docx"
    path.write_bytes(lying_zip_bomb_docx())
    run = cli_parse(path)
    assert check_cli_contract(run, "forged") == "error"
    assert "CRC" in run.stderr
    assert run.max_rss_mb < 200, f"peak RSS {run.max_rss_mb:.0f} MB: the part was inflated"
