"""Encoding detection: UTF-8 (BOM or not), UTF-16, Windows-1258.

Legacy 8-bit font encodings (TCVN3/ABC, VNI) are handled in
:mod:`vndocs.readers.legacy`.
"""

from __future__ import annotations

import codecs
import unicodedata


def _binary_ratio(text: str) -> float:
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\n\r\t\f\v") or c == "\ufffd")
    return bad / max(len(text), 1)


def decode_bytes(data: bytes) -> tuple[str | None, str]:
    """Decode ``data`` to text; returns ``(None, reason)`` for binary junk."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return data.decode("utf-16", errors="replace"), "utf-16"
    # UTF-16 without BOM: many NUL bytes at odd or even positions
    if len(data) >= 4 and data.count(0) > len(data) // 4:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                t = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _binary_ratio(t) < 0.01:
                return t, enc
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        text = None
        enc = ""
    if text is None:
        try:
            from vndocs.readers.legacy import detect_legacy

            legacy = detect_legacy(data)
        except ImportError:  # pragma: no cover
            legacy = None
        if legacy is not None:
            return legacy
        text = data.decode("cp1258", errors="replace")
        enc = "cp1258"
    if _binary_ratio(text) > 0.05:
        return None, "binary"
    text = unicodedata.normalize("NFC", text)
    try:
        from vndocs.readers.legacy import fix_legacy_text

        fixed = fix_legacy_text(text)
    except ImportError:  # pragma: no cover
        fixed = None
    if fixed is not None:
        return fixed
    return text, enc
