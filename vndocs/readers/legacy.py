"""Legacy 8-bit Vietnamese font encodings: TCVN3 (ABC) and VNI (DOMAIN.md §6.3).

Before Unicode, Vietnamese text was typed in fonts that drew Vietnamese letters
at the code points of Latin-1 characters. Read without the font, such text is
mojibake: ``Hµ Néi`` (TCVN3) or ``Xin chaøo`` (VNI). The mapping tables live
in ``vndocs/data/legacy_tcvn3.json`` and ``vndocs/data/legacy_vni.json``.

Detection compares how many words are well-formed Vietnamese syllables before
and after a conversion: mojibake words contain characters no Vietnamese word
has (``µ ¸ © ñ ö ø``), so a right conversion turns most of them into valid
syllables, while converting real Unicode Vietnamese or English gains nothing.

TCVN3 has no codes for accented capitals (``.VnTimeH`` fonts draw the
lower-case codes as capitals), so case is restored by a heuristic: a word whose
ASCII letters are all capitals (``CéNG`` -> ``CỘNG``) is upper-cased, and so is
a word with one capital or none next to such a word (``X·`` in ``HOµ X· HéI``).
A lower-case word starting with an accented capital (``Ủy``) cannot be stored
in TCVN3 at all; it comes back lower case. A dropped soft hyphen (TCVN3 ``ư``)
is put back where the rhyme needs it (``Trung ¬ng`` -> ``Trung ương``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

ENCODINGS = ("tcvn3", "vni")
"""Names of the legacy encodings handled here."""

# the five tone marks as combining characters (NFD)
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SYLLABLE = re.compile(
    # onset: the consonants and clusters of Vietnamese spelling (longest first)
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
    r"(?:"
    # rhymes that may close with a final consonant: "toàn", "người", "chuyển"
    r"(?:uyê|iê|yê|uô|ươ|oa|oă|oe|oo|uâ|uê|uy|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)(?:ch|ng|nh|c|m|n|p|t)?"
    # open rhymes ending in a vowel: "người" (ươi), "hiểu" (iêu), "khuya" (uya)
    r"|iêu|yêu|oai|oao|oay|oeo|uây|uôi|ươi|ươu|uya|uyu"
    r"|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ưa|ui|ưi|ưu|uơ"
    r")"
)
"""A Vietnamese syllable without its tone mark, lower case."""
_WORD = re.compile(r"[A-Za-z\u00a1-\u024f\u0300-\u036f\u1e00-\u1eff\u2212]+")
"""A word: Latin letters plus every Latin-1 character (legacy codes are letters there)."""
_ANY_WORD = re.compile(r"[^\W\d_]+")
_STRONG_VI = re.compile(r"[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")
"""Letters only Unicode Vietnamese uses (never present in Latin-1 mojibake)."""
_ODD = re.compile(
    r"[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de-\u00df"
    r"\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff\u2212]"
)
"""Latin-1 characters that are not Vietnamese letters: the marks of mojibake."""


def _cp1252_table() -> dict[int, str]:
    # bytes 0x80-0x9F as Windows-1252 shows them (quotes, dashes), others as Latin-1
    table = {}
    for b in range(0x80, 0xA0):
        try:
            table[b] = bytes([b]).decode("cp1252")
        except UnicodeDecodeError:
            pass
    return table


_CP1252 = _cp1252_table()


@cache
def _table(name: str) -> dict[str, str]:
    data = json.loads(
        resources.files("vndocs.data").joinpath(f"legacy_{name}.json").read_text("utf-8")
    )
    return {e["legacy"]: e["unicode"] for e in data["map"]}


@cache
def _pattern(name: str) -> re.Pattern[str]:
    keys = sorted(_table(name), key=len, reverse=True)  # longest first: "ôù" before "ô"
    return re.compile("|".join(re.escape(k) for k in keys))


def is_vietnamese_syllable(word: str) -> bool:
    """True when ``word`` is spelled like a Vietnamese syllable (at most one tone mark)."""
    nfd = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in nfd if c in _TONES)
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
    return _SYLLABLE.fullmatch(base) is not None


def _restore_missing_u_horn(text: str) -> str:
    # TCVN3 "ư" is byte 0xAD, the soft hyphen, which copy-paste often drops:
    # "Trung ¬ng" -> "Trung ơng"; "ơng", "ơc", "ơu" are not Vietnamese rhymes,
    # "ương", "ước", "ươu" are.
    return re.sub(r"(?<![ưƯ])([ơờớởỡợ])(?=(?:ng|c|u)\b)", r"ư\1", text)


_PUNCT = "*_.,;:!?()[]{}\"'“”‘’«»-–—"
_TOKEN = re.compile(r"[^\s/]+")


def _restore_case(text: str) -> str:
    # TCVN3 has no accented capitals: words typed in an "H" (capitals) font
    # come out as capital ASCII letters with lower-case converted letters
    # ("CộNG HOà Xã"). A word with no ASCII lower-case letter and two capitals
    # is upper-cased; a word with one capital or none ("Xã", "ủY") follows a
    # neighbouring capitals word. Codes with digits do not count as
    # neighbours, so "Số 11-HD/VPTW" keeps "Số".
    def fix_line(line: str) -> str:
        toks = [m for m in _TOKEN.finditer(line) if any(c.isalpha() for c in m.group())]
        state = []  # 2: capitals word, 1: undecided word with converted letters, 0: other
        for m in toks:
            w = m.group()
            lower_ascii = any(c.isascii() and c.islower() for c in w)
            upper = sum(1 for c in w if c.isupper())
            if lower_ascii or any(c.isdigit() for c in w):
                state.append(0)
            elif upper >= 2 and (not w.isascii() or is_vietnamese_syllable(w.strip(_PUNCT))):
                state.append(2)  # acronyms (UBND, HĐND) are not words and do not vote
            elif not w.isascii():
                state.append(1)
            else:
                state.append(0)
        for order in (range(len(toks)), range(len(toks) - 1, -1, -1)):
            for i in order:
                if state[i] == 1 and any(
                    0 <= j < len(toks) and state[j] == 2 for j in (i - 1, i + 1)
                ):
                    state[i] = 2
        parts = []
        last = 0
        for m, st in zip(toks, state):
            if st == 2 and not m.group().isupper():
                parts.append(line[last : m.start()])
                parts.append(m.group().upper())
                last = m.end()
        parts.append(line[last:])
        return "".join(parts)

    return "\n".join(fix_line(line) for line in text.split("\n"))


def convert(text: str, encoding: str) -> str:
    """Convert legacy mojibake ``text`` (TCVN3 or VNI shown as Latin-1) to NFC Unicode.

    Args:
        text: text whose characters are the legacy bytes read as Latin-1/cp1252.
        encoding: ``"tcvn3"`` or ``"vni"``.

    Returns:
        The Vietnamese text in NFC.
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    table = _table(encoding)
    if encoding == "tcvn3":
        # a PDF text layer gives U+2212 MINUS SIGN for the .VnTime soft-hyphen glyph (ư)
        text = re.sub(r"(?<=[^\W\d_])\u2212|\u2212(?=[^\W\d_])", "\u00ad", text)
    out = _pattern(encoding).sub(lambda m: table[m.group()], text)
    if encoding == "tcvn3":
        out = _restore_missing_u_horn(out)
        out = _restore_case(out)
    return unicodedata.normalize("NFC", out)


def encode(text: str, encoding: str) -> str:
    """Write Unicode ``text`` the way a legacy font stores it (the inverse of :func:`convert`).

    Accented capitals, which TCVN3 cannot store, take their lower-case code (as
    an ``H`` font would); other characters pass through. Used to make test data.
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    inverse = {u: k for k, u in _table(encoding).items()}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in inverse:
            out.append(inverse[ch])
        elif encoding == "tcvn3" and ch.lower() in inverse and not ch.isascii():
            out.append(inverse[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def _score(text: str) -> tuple[int, int]:
    """(number of words with non-ASCII letters, how many of them are Vietnamese syllables)."""
    total = good = 0
    for m in _WORD.finditer(text):
        w = m.group()
        # legacy words carry ASCII letters ("nh©n", "chaøo"); symbols alone do not count
        if w.isascii() or not any(c.isascii() and c.isalpha() for c in w):
            continue
        total += 1
        if is_vietnamese_syllable(w):
            good += 1
    return total, good


def _sample(text: str, limit: int = 200_000) -> str:
    return text if len(text) <= limit else text[: limit // 2] + "\n" + text[-limit // 2 :]


def vietnamese_ratio(text: str) -> float:
    """Share of the words of ``text`` spelled like Vietnamese syllables (0.0 for no words)."""
    words = _ANY_WORD.findall(_sample(text, 50_000))
    if not words:
        return 0.0
    return sum(1 for w in words if is_vietnamese_syllable(w)) / len(words)


def guess_legacy(text: str, *, min_odd: int = 2) -> str | None:
    """Name of the legacy encoding ``text`` is written in (``tcvn3``/``vni``), or None.

    ``text`` is the legacy bytes read as Latin-1 or cp1252. Real Unicode
    Vietnamese, English and other ASCII text give None. ``min_odd`` is the
    number of characters that no Vietnamese word has (``µ © ñ ø``) needed
    before trying: upper-case VNI text has few of them.
    """
    sample = _sample(text)
    odd = len(_ODD.findall(sample))
    if odd < min_odd:
        return None
    if len(_STRONG_VI.findall(sample)) > odd:
        return None  # Unicode Vietnamese with a few stray symbols
    total, good = _score(sample)
    if total < 3 or total < 0.15 * len(_ANY_WORD.findall(sample)):
        return None  # a few stray symbols in ASCII text (or in bad OCR)
    best: tuple[float, str] | None = None
    for enc in ENCODINGS:
        converted = convert(sample, enc)
        _, after = _score(converted)
        gain = after - good
        if gain >= max(2, 0.3 * total) and after >= 0.6 * total:
            # VNI letters are two characters made one; TCVN3 maps one to one.
            # Merging counts for VNI when both conversions give real syllables
            # ("soá" is "số" in VNI and the valid-looking "soỏ" in TCVN3).
            merged = max(len(sample) - len(converted), 0) if enc == "vni" else 0
            key = gain + 0.5 * min(merged, total)
            if best is None or key > best[0]:
                best = (key, enc)
    return best[1] if best else None


def fix_legacy_text(text: str) -> tuple[str, str] | None:
    """Convert decoded text that is TCVN3/VNI mojibake; None when it is not.

    Returns:
        ``(converted_text, "tcvn3" | "vni")`` or None.
    """
    enc = guess_legacy(text)
    if enc is None:
        return None
    return convert(text, enc), enc


def detect_legacy(data: bytes) -> tuple[str, str] | None:
    """Decode bytes that are not UTF-8 when they are TCVN3 or VNI.

    Returns:
        ``(text, "tcvn3" | "vni")`` or None (then the caller tries Windows-1258).
    """
    text = data.decode("latin-1").translate(_CP1252)
    # bytes that are not UTF-8: compared with Windows-1258 below, so try even
    # without mojibake marks (upper-case VNI: "NGUYEÂN TAÉC")
    enc = guess_legacy(text, min_odd=0)
    if enc is None:
        return None
    # compare with Windows-1258, the other 8-bit encoding of Vietnamese
    cp = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    converted = convert(text, enc)
    _, good_cp = _score(_sample(cp))
    _, good_legacy = _score(_sample(converted))
    if good_cp >= good_legacy:
        return None
    return converted, enc
