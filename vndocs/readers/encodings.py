"""Encoding detection for text files (DOMAIN.md §6.3, §6.4 step 1).

Tried in order: a byte-order mark (UTF-8, UTF-16); UTF-16 without a BOM (many
NUL bytes); UTF-8; for bytes that are not UTF-8, the legacy 8-bit font
encodings TCVN3 (ABC) and VNI (:func:`vndocs.readers.legacy.detect_legacy`),
then Windows-1258, whose tone marks are combining characters. UTF-8 with a few
broken bytes stays UTF-8. The decoded text is NFC-normalized, and text that is
valid Unicode but TCVN3/VNI mojibake (``Hµ Néi``, ``Xin chaøo``) is converted
(:func:`vndocs.readers.legacy.fix_legacy_text`).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

BROKEN_UTF8_RATIO = 0.05
"""UTF-8 with at most this share of broken sequences (per non-ASCII byte) stays UTF-8."""


_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")
"""Control characters (other than tab, newlines, form feed) and replacement characters."""


def _binary_ratio(text: str) -> float:
    sample = text[:200_000]
    return len(_BINARY.findall(sample)) / max(len(sample), 1)


def _decode_raw(data: bytes) -> tuple[str, str, bool]:
    """(text, encoding, final): ``final`` when the legacy check must not run on bytes."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", True
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16", True
    # UTF-16 without BOM: many NUL bytes at odd or even positions
    if len(data) >= 4 and data.count(0) > len(data) // 4:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                t = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _binary_ratio(t) < 0.01:
                return t, enc, True
    try:
        return data.decode("utf-8"), "utf-8", True
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    high = sum(1 for b in data if b > 127)
    if lenient.count("\ufffd") <= BROKEN_UTF8_RATIO * high:
        return lenient, "utf-8", True
    return "", "", False


def decode_bytes(data: bytes) -> tuple[str | None, str]:
    """Decode ``data`` to NFC text.

    Returns:
        ``(text, encoding)`` where encoding is one of ``utf-8``, ``utf-8-sig``,
        ``utf-16``, ``utf-16-le``, ``utf-16-be``, ``cp1258``, ``tcvn3``,
        ``vni``; or ``(None, "binary")`` for data that is not text.
    """
    text, enc, final = _decode_raw(data)
    if not final:
        from vndocs.readers.legacy import detect_legacy

        legacy = detect_legacy(data)
        if legacy is not None:
            if _binary_ratio(legacy[0]) > 0.05:
                return None, "binary"
            return legacy
        text = data.decode("cp1258", errors="replace")
        enc = "cp1258"
    if _binary_ratio(text) > 0.05:
        return None, "binary"
    text = unicodedata.normalize("NFC", text)
    from vndocs.readers.legacy import fix_legacy_text

    fixed = fix_legacy_text(text)
    if fixed is not None:
        return fixed
    return text, enc
