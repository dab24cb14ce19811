"""Text normalization with offset maps.

Each step produces new text plus a map back to its input, so every span in
the normalized text maps back to the text as read (DOMAIN.md §6):

1. Unicode NFC (``vndocs.normalize.to_nfc``);
2. spaces: NBSP and other Unicode spaces become plain spaces, zero-width and
   control characters go;
3. hard-wrapped lines joined (a newline inside a sentence becomes a space).

Matching keys (:func:`key`, :func:`fold`) are separate: one tone-mark
placement for open oa/oe/uy syllables, case folded; printed text keeps its
original spelling.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import add

from vndocs.models import Span

# --------------------------------------------------------------------------
# Offset maps


class TextBuilder:
    """Builds a text from pieces, each remembering the source range it came from."""

    __slots__ = ("_parts", "_out_starts", "_src_starts", "_src_ends", "_pos")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._out_starts: list[int] = []
        self._src_starts: list[int] = []
        self._src_ends: list[int] = []
        self._pos = 0

    def add(self, text: str, src_start: int, src_end: int) -> None:
        """Append ``text`` that replaces ``source[src_start:src_end]``."""
        if not text and src_start == src_end:
            return
        self._parts.append(text)
        self._out_starts.append(self._pos)
        self._src_starts.append(src_start)
        self._src_ends.append(src_end)
        self._pos += len(text)

    def build(self) -> tuple[str, OffsetMap]:
        """The text and its map."""
        text = "".join(self._parts)
        lengths = [len(p) for p in self._parts]
        return text, OffsetMap(self._out_starts, self._src_starts, self._src_ends, lengths)


class OffsetMap:
    """Maps positions of a derived text back to its source."""

    __slots__ = ("out_starts", "src_starts", "src_ends", "lengths")

    def __init__(
        self,
        out_starts: list[int],
        src_starts: list[int],
        src_ends: list[int],
        lengths: list[int],
    ) -> None:
        self.out_starts = out_starts
        self.src_starts = src_starts
        self.src_ends = src_ends
        self.lengths = lengths

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text to itself."""
        return cls([0], [0], [length], [length])

    def pos(self, out_pos: int, *, end: bool = False) -> int:
        """Source position of ``out_pos``; ``end`` maps an exclusive end."""
        if not self.out_starts:
            return out_pos
        i = bisect_right(self.out_starts, out_pos - 1 if end and out_pos > 0 else out_pos) - 1
        i = max(i, 0)
        offset = out_pos - self.out_starts[i]
        src_len = self.src_ends[i] - self.src_starts[i]
        if src_len == self.lengths[i]:
            return self.src_starts[i] + offset
        # a replaced piece: starts map to its start, ends to its end
        if end and offset > 0:
            return self.src_ends[i]
        return self.src_starts[i] if offset == 0 else self.src_ends[i]

    def span(self, span: Span) -> Span:
        """Source span of an output span."""
        start = self.pos(span.start)
        stop = self.pos(span.end, end=True)
        return Span(start, max(start, stop))


# --------------------------------------------------------------------------
# Unicode steps

_SPACE_CHARS = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v"
_DROP_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def to_nfc(text: str) -> tuple[str, OffsetMap]:
    """NFC with a map; characters that combine are mapped as one piece."""
    if unicodedata.is_normalized("NFC", text):
        return text, OffsetMap.identity(len(text))
    b = TextBuilder()
    i, n = 0, len(text)
    run_start = 0
    while i < n:
        # a cluster: a base character and the combining marks after it
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = text[i:j]
        if j - i > 1 or not unicodedata.is_normalized("NFC", cluster):
            if run_start < i:
                b.add(text[run_start:i], run_start, i)
            b.add(unicodedata.normalize("NFC", cluster), i, j)
            run_start = j
        i = j
    if run_start < n:
        b.add(text[run_start:n], run_start, n)
    return b.build()


# C1 controls (\x80-\x9f) too: "\x9b" is an 8-bit CSI some terminals obey
# (tests/test_output_safety.py)
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + _DROP_CHARS + "]")


_SPACES_RE = re.compile("[" + _SPACE_CHARS + "]")


def clean_spaces(text: str) -> tuple[str, OffsetMap]:
    """Unicode spaces to ASCII space, CRLF/CR to LF, invisible and control characters dropped."""
    text1 = _SPACES_RE.sub(" ", text) if _SPACES_RE.search(text) else text
    if "\r" not in text1 and not _CONTROL_RE.search(text1):
        return text1, OffsetMap.identity(len(text))
    b = TextBuilder()
    pos = 0
    for m in re.finditer("\r\n?|" + _CONTROL_RE.pattern, text1):
        if m.start() > pos:
            b.add(text1[pos : m.start()], pos, m.start())
        b.add("\n" if m.group().startswith("\r") else "", m.start(), m.end())
        pos = m.end()
    if pos < len(text1):
        b.add(text1[pos:], pos, len(text1))
    return b.build()


# --------------------------------------------------------------------------
# Joining hard-wrapped lines

# A line that starts a new unit of text: list markers, outline labels,
# structural keywords. (DOMAIN.md §3; the Công báo .txt files wrap every line.)
_BLOCK_START_RE = re.compile(
    r"""^\s*(?:
        [-+•*–—]\s                                  # bullets (- Căn cứ ...; recipients)
      | [IVXLC]+\s*[.\-]\s                          # I. / I-  (Party style)
      | \d+(?:\.\d+)*\s*[.\-)]\s*\S                 # 1. / 1.1. / 1- / 1)
      | \(\d+\)\s                                   # (1)
      | [a-zđ]\)\s                                  # a) đ)
      | (?:Điều|Chương|Phần|Mục|Tiểu\ mục)\s+[\dIVXLCa-zđ]   # legal units
      | (?:Căn\ cứ|Nơi\ nhận|Kính\ gửi|Số\s*:|V/v|TM\.|KT\.|TL\.|TUQ\.|T/M|K/T|T/L)
      | (?:QUYẾT\ ĐỊNH|QUYẾT\ NGHỊ|NGHỊ\ QUYẾT)\s*:
    )""",
    re.VERBOSE,
)
_SENTENCE_END = ".;:!?"


def _has_lower(s: str) -> bool:
    return s.upper() != s


def _is_upper_line(s: str) -> bool:
    # has letters with case, none of them lower case
    return s.upper() == s and s.lower() != s


# words after which a sentence cannot end: a line ending with one was wrapped
_OPEN_WORDS = frozenset(
    (
        "số", "ngày", "tháng", "năm", "của", "và", "về", "tại", "theo", "các", "những", "với", "cho", "trong",
        "đến", "từ", "là", "được", "bởi", "hoặc", "như", "sau", "để", "khi", "thì", "mà", "do", "vì", "nếu",
        "tới", "trên", "dưới", "giữa", "thuộc", "ban", "hành", "quy", "định",
    )
)


_BULLET_RE = re.compile(r"^\s*[-+•*–—]\s")


def should_join(prev: str, nxt: str, width: int = 0) -> bool:
    """Whether ``nxt`` continues the sentence of ``prev`` (a hard wrap).

    ``width`` is the text's usual wrap width: a sentence-like line much shorter
    than it was ended on purpose (a heading above its paragraph), unless its
    last word cannot end a sentence (``số``, ``của``...).
    """
    a = prev.strip()
    b = nxt.strip()
    if not a or not b or a[-1] in _SENTENCE_END:
        return False
    return _continues(a, b, nxt, width)


_ARTICLE_HEAD_RE = re.compile(r"Điều\s+\d+[a-zđ]?\.\s")
_ITEM_START_RE = re.compile(r"^\s*(?:\d{1,3}\.|[a-zđ]\))\s")


# words that open a number: the line goes on only when a number follows
# ("Nghị định số" / "15/2020/NĐ-CP"), not before a new sentence
# ("Điều 2. Số giờ làm thêm trong 01 tháng" / "Trường hợp ...", nq_17 in Công báo)
_NUMBER_WORDS = frozenset(("số", "ngày", "tháng", "năm"))


_PREAMBLE_OPENER_RE = re.compile(r"(?:Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị)\s")


def _open_end(a: str, b: str = "") -> bool:
    """Whether line ``a`` ends with a comma or a word after which a sentence cannot end
    (before the next line ``b``)."""
    if a[-1] == ",":
        return True
    last = a.rsplit(None, 1)[-1].strip("(\"“'").casefold()
    if last in _NUMBER_WORDS and b and not b[0].isdigit() and not b[0].islower():
        return False
    return last in _OPEN_WORDS


def _continues(a: str, b: str, nxt: str, width: int, *, article: bool = False) -> bool:
    """:func:`should_join` for stripped, non-empty lines ``a`` and ``b``, ``a`` not ending a sentence.

    (``nxt`` is ``b`` as written: the patterns for list markers want the space after a dash.)
    ``article``: ``a`` belongs to an article's first line (``Điều 7. Điều khoản thi
    hành``); a khoản after it (``1. Thông tư này ...``) starts the body, whatever word
    the line ends with. (A capital is no sign: ``... người lao động`` / ``Việt Nam
    đi làm việc ...`` continues a heading.)
    """
    if article and _ITEM_START_RE.match(nxt):
        return False
    if b[0].islower():
        # the common case (a wrapped sentence going on in lower case), the rules
        # below decided in fewer steps: only "a) ..." can start a block here
        block = b[1:2] == ")" and _BLOCK_START_RE.match(nxt) is not None
        if _has_lower(a):
            return not block or _open_end(a, b)
        return not block and a.lower() == a
    if b.startswith("Điều") and _ARTICLE_HEAD_RE.match(b):
        # an article's heading starts its line, whatever the line before ends with ("... Luật số 43/2024/QH15,"
        # / "Điều 19. Hiệu lực thi hành", a Công báo page whose footnote ran over: vbhn_113)
        return False
    open_end = _open_end(a, b)
    if open_end and not _BULLET_RE.match(nxt) and _has_lower(a):
        # "... quy định tại\nChương V Nghị định này": the line cannot end there
        return not _is_upper_line(b) or len(b) < 40
    if _BLOCK_START_RE.match(nxt):
        return False
    if _is_upper_line(a):
        # a heading or a type line ("KẾ HOẠCH") never runs on into the next line
        return False
    if _is_upper_line(b):
        return False
    if a[-1] in "-/" and a[-2:-1].isalnum() and _has_lower(a) and _has_lower(b):
        # a number broken after its hyphen or slash: "... Thông tư số 53/2025/TT-" / "BKHCN ngày 31 ..."
        # (tt_08), "Nghị định 104/2022/" / "NĐ-CP ngày ..." (qd_169)
        return True
    # both sentence-like lines: a wrap in the middle of a sentence
    if not (_has_lower(a) and _has_lower(b) and (a[-1].isalnum() or a[-1] in ",)”\"")):
        return False
    if _PREAMBLE_OPENER_RE.match(b):
        # "Căn cứ ...", "Thực hiện ..." in capitals open a preamble line: the line before ended there (a
        # subject over its preamble in a copy that keeps no blank line)
        return False
    if open_end:
        return True
    return not width or len(a) >= 0.6 * width


def join_wrapped_lines(text: str) -> tuple[str, OffsetMap]:
    """Replace newlines that only wrap a sentence by a space (same length: identity map).

    Only the line ends after a line that does not end a sentence, before a
    line with text, go through :func:`_continues` (about a third of them); they
    are picked by a comprehension, the rest costs no Python step.
    """
    lines = text.split("\n")
    if len(lines) < 2:
        return text, OffsetMap.identity(len(text))
    stripped = [line.strip() for line in lines]
    lengths = sorted(map(len, filter(None, stripped)))
    width = lengths[int(len(lengths) * 0.9)] if lengths else 0
    candidates = [i for i, (a, b) in enumerate(zip(stripped, stripped[1:])) if a and b and a[-1] not in _SENTENCE_END]
    if not candidates:
        return text, OffsetMap.identity(len(text))
    # the line end after line i is at ends[i]
    ends = list(map(add, accumulate(map(len, lines)), range(len(lines))))
    parts: list[str] = []
    done = 0  # text[:done] is in parts
    run = -1  # the first line of the joined line that the last joined line is part of
    last = -2  # the last line whose end was joined
    for i in candidates:
        if last != i - 1:
            run = i
        first = stripped[run]
        article = first.startswith("Điều") and bool(_ARTICLE_HEAD_RE.match(first))
        if _continues(stripped[i], stripped[i + 1], lines[i + 1], width, article=article):
            parts.append(text[done : ends[i]])
            parts.append(" ")
            done = ends[i] + 1
            last = i
    if not parts:
        return text, OffsetMap.identity(len(text))
    parts.append(text[done:])
    return "".join(parts), OffsetMap.identity(len(text))


# --------------------------------------------------------------------------
# Syllables broken by stray spaces

# Some web copies break syllables with spaces: "B ộ lao động - Thương binh v à x ã hội", "Nh ư tr ê n",
# "CHỦ TỊCH Đặ ng Văn Minh" (cv_2638_2019, cv_2864_2015, qd_1351_2022 congbot copies). A fragment
# that cannot be a syllable is joined to its neighbour when the two make one: an onset alone before
# a fragment starting with a vowel ("B" + "ộ"), a final consonant cluster after a rhyme ("Đặ" +
# "ng"), and the letters left in a chain already joined ("tr" + "ê" + "n").
_ONSET_RE = re.compile(r"(?i:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])")
_CODA_RE = re.compile(r"(?i:ch|ng|nh|[cmnpt])")
_VOWELS = "aăâeêioôơuưy"
_VOWEL_START_RE = re.compile("(?i:[" + _VOWELS + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ])")
_TONED_RE = re.compile("[àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)
# a space before a toned or Vietnamese-only vowel: where to look for an onset left alone ("B ộ"), to leave a text alone fast
# (a pattern opening on a literal is searched at C speed; one opening on a look-behind is tried everywhere)
_SPACE_TONED_RE = re.compile(" (?=[àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵăâêôơư"
                             "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴĂÂÊÔƠƯ])")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
MIN_BROKEN = 2
"""A text is re-joined only when it shows this many broken syllables, one with a tone mark at least."""


@lru_cache(maxsize=65536)
def _is_syllable(word: str) -> bool:
    from vndocs.readers.legacy import is_vietnamese_syllable

    if not is_vietnamese_syllable(word):
        return False
    # a syllable closed by c, ch, p or t takes the sắc or nặng tone only: "vàc", "đãch" are none
    low = unicodedata.normalize("NFD", word.lower())
    base = unicodedata.normalize("NFC", "".join(c for c in low if c not in _TONES))
    # "nh" and "ch" close a, ê, i, y only (oanh, uynh with their glide): "liênh" is none
    if base.endswith(("nh", "ch")) and not re.search(r"(?:^|[^aăâeêioôơuưy]|[ou])[aêiy](?:nh|ch)$", base):
        return False
    if low.endswith(("c", "ch", "p", "t")):
        tones = [c for c in low if c in _TONES]
        return not tones or tones[0] in ("\u0301", "\u0323")
    return True


def _broken_runs(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, joined)`` for each run of fragments that make one syllable."""
    toks = [(m.start(), m.end(), m.group()) for m in _LETTERS_RE.finditer(text)]
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks) - 1:
        start, end, cur = toks[i]
        j = i
        while j + 1 < len(toks) and toks[j + 1][0] == end + 1 and text[end] == " " and len(cur) < 8:
            nxt = toks[j + 1][2]
            chain = j > i
            if _ONSET_RE.fullmatch(cur) and _VOWEL_START_RE.match(nxt):
                pass
            elif len(cur) == 1 and _ONSET_RE.fullmatch(cur) and _ONSET_RE.fullmatch(cur + nxt[0]) and len(nxt) > 1:
                pass  # the onset's second letter went with the rhyme: "t hành", "p hố", "c hính"
            elif _CODA_RE.fullmatch(nxt) and len(nxt) >= 2 and not _is_syllable(nxt):
                pass
            elif chain and len(nxt) <= 3:
                pass  # the rest of a syllable already broken: "gi ớ i", "tr ưở n g", "Ng o ại"
            else:
                break
            joined = cur + nxt
            if not (_is_syllable(joined) and (joined.isupper() or joined[1:].islower())):
                break  # "Bộ T": a capital inside a syllable starts the next word
            cur += nxt
            end = toks[j + 1][1]
            j += 1
        if j > i:
            out.append((start, end, cur))
        i = j + 1
    return out


def _looks_broken(text: str) -> bool:
    """At least :data:`MIN_BROKEN` onsets left alone before a toned or Vietnamese-only vowel
    ("B ộ", "v à", "Nh ư")."""
    n = 0
    for m in _SPACE_TONED_RE.finditer(text):
        end = m.start()
        k = end
        while k > 0 and end - k < 4 and text[k - 1].isalpha():
            k -= 1
        if 0 < end - k < 4 and (k == 0 or not text[k - 1].isalpha()) and _ONSET_RE.fullmatch(text, k, end):
            n += 1
            if n >= MIN_BROKEN:
                return True
    return False


def rejoin_syllables(text: str) -> tuple[str, OffsetMap]:
    """Join syllables a copy broke with spaces (see above); identity when the text has fewer than
    :data:`MIN_BROKEN` such breaks, or none with a tone mark."""
    if not _looks_broken(text):
        return text, OffsetMap.identity(len(text))
    runs = _broken_runs(text)
    if len(runs) < MIN_BROKEN or not any(_TONED_RE.search(j) for _, _, j in runs):
        return text, OffsetMap.identity(len(text))
    b = TextBuilder()
    pos = 0
    for start, end, joined in runs:
        if pos < start:
            b.add(text[pos:start], pos, start)
        b.add(joined, start, end)
        pos = end
    if pos < len(text):
        b.add(text[pos:], pos, len(text))
    return b.build()


@dataclass(slots=True)
class NormalizedText:
    """Normalized text and the way back to the text as read."""

    text: str
    """The normalized text."""
    source: str
    """The text as read (after decoding and markup removal)."""
    maps: tuple[OffsetMap, ...]
    """Maps, newest first."""

    def to_source(self, span: Span) -> Span:
        """Span of ``source`` for a span of ``text``."""
        for m in self.maps:
            span = m.span(span)
        return span


def normalize(source: str, *, join_lines: bool = True) -> NormalizedText:
    """Run the normalization steps, keeping the maps."""
    t1, m1 = to_nfc(source)
    t2, m2 = clean_spaces(t1)
    maps = [m2, m1]
    t2b, m2b = rejoin_syllables(t2)
    if t2b is not t2:
        t2 = t2b
        maps.insert(0, m2b)
    if join_lines:
        t3, m3 = join_wrapped_lines(t2)
        maps.insert(0, m3)
        from vndocs.layout import repair_layout

        t3 = repair_layout(t3)  # same length: spaces become line breaks or blanks, no map needed
    else:
        t3 = t2
    return NormalizedText(t3, source, tuple(maps))


# --------------------------------------------------------------------------
# Keys

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# open syllables with the glide o/u and the tone on the second vowel:
# hoà, hoá, khoẻ, uỷ, thuỷ; not after q (quý) and not closed (hoàn, thuyền).
# written to start with a character set (o/u), not a look-behind: the engine then
# skips to the next o or u instead of trying every position (8x faster)
_OPEN_GLIDE_RE = re.compile(
    r"[oOuU](?:(?<=[oO])[àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|(?<=[uU])[ỳýỷỹỵỲÝỶỸỴ])(?<![qQ]..)(?![^\W\d_])"
)


def _move_tone(m: re.Match[str]) -> str:
    first, second = m.group()
    d = unicodedata.normalize("NFD", second)
    tone = "".join(c for c in d if c in _TONES)
    base = "".join(c for c in d if c not in _TONES)
    return unicodedata.normalize("NFC", first + tone) + unicodedata.normalize("NFC", base)


def tone_key(text: str) -> str:
    """One tone placement for open oa/oe/uy syllables (``hoà`` -> ``hòa``, ``uỷ`` -> ``ủy``)."""
    text = unicodedata.normalize("NFC", text)
    return _OPEN_GLIDE_RE.sub(_move_tone, text)


@lru_cache(maxsize=262_144)
def key(text: str) -> str:
    """Matching key: NFC, one tone placement, case folded, spaces collapsed."""
    return " ".join(tone_key(text).casefold().split())


_FOLD_TABLE = {ord("đ"): "d", ord("Đ"): "D"}


@lru_cache(maxsize=262_144)
def fold(text: str) -> str:
    """Diacritic-free lower-case key (``Đảng bộ`` -> ``dang bo``); đ folds to d."""
    d = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    return "".join(c for c in d if not unicodedata.combining(c)).casefold()


_NUM_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")
_NUM_SLASH = re.compile(r"\s*/\s*")


def normalize_number(number: str) -> str:
    """A số, ký hiệu without stray spaces and with ASCII hyphens (``1206 /QĐ-HVTC`` -> ``1206/QĐ-HVTC``)."""
    s = unicodedata.normalize("NFC", number).strip().strip(".,;:")
    s = _NUM_SLASH.sub("/", s)
    s = _NUM_DASHES.sub("-", s)
    return re.sub(r"\s+", "", s)
