"""Request safety for the web app: CSRF tokens, Origin checks and upload checks.

A form that writes (upload, add to index) carries a random token kept in the
signed session cookie (``SameSite=Strict``); the request's ``Origin`` (or
``Referer``) must name this server. Uploads are accepted only when the
extension and the magic bytes agree on PDF, DOCX or plain text.
"""

from __future__ import annotations

import hmac
import io
import secrets
import zipfile
from collections.abc import Mapping, MutableMapping
from urllib.parse import urlsplit

from vndocs.errors import VndocsError

UPLOAD_EXTS = (".pdf", ".docx", ".txt")
"""Extensions accepted for upload."""

SESSION_KEY = "csrf"


class UploadRejected(VndocsError):
    """The uploaded file is not a PDF, DOCX or text file (or is empty)."""


class CsrfRejected(VndocsError):
    """A writing request without a valid token or from another origin."""


def csrf_token(session: MutableMapping[str, str]) -> str:
    """The session's CSRF token, created on first use."""
    token = session.get(SESSION_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        session[SESSION_KEY] = token
    return token


def check_csrf(
    session: Mapping[str, str], form_token: str | None, headers: Mapping[str, str], host_url: str
) -> None:
    """Refuse a writing request from another site.

    Args:
        session: The signed session (holds the expected token).
        form_token: The token the form sent.
        headers: Request headers (``Origin``, ``Referer``).
        host_url: This server's base URL as the request reached it (``http://127.0.0.1:8000/``).

    Raises:
        CsrfRejected: token missing or wrong, or Origin/Referer from elsewhere.
    """
    expected = session.get(SESSION_KEY)
    if not expected or not form_token or not hmac.compare_digest(str(expected), str(form_token)):
        raise CsrfRejected("phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ; hãy tải lại trang")
    own = urlsplit(host_url)
    origin = headers.get("Origin")
    if origin is not None:
        if origin == "null" or _origin(origin) != (own.scheme, own.netloc):
            raise CsrfRejected("yêu cầu đến từ trang khác (Origin không khớp)")
        return
    referer = headers.get("Referer")
    if referer and _origin(referer) != (own.scheme, own.netloc):
        raise CsrfRejected("yêu cầu đến từ trang khác (Referer không khớp)")


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark
        return True
    if b"\x00" in head:
        return False
    # control characters other than tab, newlines, form feed and the legacy ESC are rare in text
    bad = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return bad <= len(head) // 100


def check_upload(filename: str, data: bytes) -> str:
    """The lower-case extension of an acceptable upload.

    Args:
        filename: Name as sent by the browser (only its extension is used).
        data: The file's bytes.

    Raises:
        UploadRejected: empty, unknown extension, or content that is not what the
            extension says (a ZIP that is not a Word document, a PDF without
            ``%PDF``, binary data named ``.txt``).
    """
    name = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    ext = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if ext not in UPLOAD_EXTS:
        raise UploadRejected("chỉ nhận tệp PDF, DOCX hoặc TXT")
    if not data:
        raise UploadRejected("tệp rỗng")
    if ext == ".pdf":
        if not data[:1024].lstrip(b"\x00\t\r\n ").startswith(b"%PDF-"):
            raise UploadRejected("tệp không phải PDF (thiếu chữ ký %PDF)")
    elif ext == ".docx":
        if not data.startswith(b"PK\x03\x04"):
            raise UploadRejected("tệp không phải DOCX (không phải tệp ZIP)")
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            raise UploadRejected("tệp DOCX bị hỏng") from None
        if "word/document.xml" not in names:
            raise UploadRejected("tệp ZIP không phải văn bản Word (.docx)")
    elif not _looks_like_text(data[:65536]):
        raise UploadRejected("tệp .txt có nội dung nhị phân, không phải văn bản")
    return ext
