"""Snippets: the passage of a text with the most query words, words highlighted.

Matching runs on an ASCII skeleton of the text (``str.encode("ascii",
"replace")``: every other character becomes one ``?``, so offsets carry over,
at C speed), with a small cached regex per query word in which a vowel or
``d`` may also be ``?``; each candidate is then checked by folding just the
matched passage. The syllables of a word may be separated by any non-letters
(``45-KH/BTGTU`` matches the word ``45 kh btgtu``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from vndocs.search.analysis import TOKEN_RE, fold_key, shipped_synonyms

WINDOW = 220
LEAD = 60
MAX_MATCHES = 30


@dataclass(frozen=True, slots=True)
class Snippet:
    """A passage and the offsets of its highlighted words."""

    text: str
    """The passage, newlines as spaces, ``…`` where it was cut."""
    highlights: tuple[tuple[int, int], ...]
    """(start, end) offsets in ``text``."""


_MAYBE_ACCENTED = set("aeiouyd")


def _skeleton_class(c: str) -> str:
    if c in _MAYBE_ACCENTED:
        return "[" + c + c.upper() + "?]"
    if c.isascii() and c.isalpha():
        return "[" + c + c.upper() + "]"
    return re.escape(c) if c.isascii() else "[?]"


@lru_cache(maxsize=4096)
def _word_regex(word: tuple[str, ...]) -> re.Pattern[str]:
    """Candidates for a folded word on the ASCII skeleton of a text."""
    parts = ["".join(_skeleton_class(c) for c in tok) for tok in word]
    return re.compile(r"[\W_]+".join(parts))


def _is_word_at(text: str, start: int, end: int, word: tuple[str, ...]) -> bool:
    if start > 0 and text[start - 1].isalnum():
        return False
    if end < len(text) and text[end].isalnum():
        return False
    return tuple(TOKEN_RE.findall(fold_key(text[start:end]))) == word


def _variants(words: Iterable[tuple[str, ...]]) -> list[list[tuple[str, ...]]]:
    """Each query word with its abbreviation/expansion alternatives."""
    syn = shipped_synonyms()
    out: list[list[tuple[str, ...]]] = []
    for w in words:
        if not w:
            continue
        alts = [w]
        if len(w) == 1:
            alts += list(syn.by_abbr.get(w[0], ()))
        alts += [(a,) for a in syn.by_expansion.get(w, ())]
        out.append(alts)
    return out


def make_snippet(text: str, words: Iterable[tuple[str, ...]], *, width: int = WINDOW) -> Snippet:
    """The best passage of ``text`` for the query words (folded token tuples)."""
    skeleton = text.encode("ascii", "replace").decode("ascii")
    matches: list[tuple[int, int, int]] = []  # start, end, word index
    for wi, alts in enumerate(_variants(words)):
        for alt in alts:
            k = 0
            for m in _word_regex(alt).finditer(skeleton):
                if not _is_word_at(text, m.start(), m.end(), alt):
                    continue
                matches.append((m.start(), m.end(), wi))
                k += 1
                if k >= MAX_MATCHES:
                    break
    matches.sort()
    if matches:
        # slide a window over the matches: most distinct words, then most matches
        best = (-1, -1, 0)
        start = 0
        in_window: Counter[int] = Counter()
        j = 0
        for i, (s, _e, _w) in enumerate(matches):
            while j < len(matches) and matches[j][0] < s + width - LEAD:
                in_window[matches[j][2]] += 1
                j += 1
            score = (len(in_window), j - i, -s)
            if score > best:
                best = score
                start = max(0, s - LEAD)
            in_window[matches[i][2]] -= 1
            if not in_window[matches[i][2]]:
                del in_window[matches[i][2]]
        end = min(len(text), start + width)
    else:
        start, end = 0, min(len(text), width)
    # move the cut to word boundaries
    if start > 0:
        sp = text.rfind(" ", max(0, start - 20), start)
        start = sp + 1 if sp >= 0 else start
    if end < len(text):
        sp = text.find(" ", end, min(len(text), end + 20))
        end = sp if sp >= 0 else end
    passage = text[start:end].replace("\n", " ").replace("\t", " ")
    lead_strip = len(passage) - len(passage.lstrip())
    passage = passage.strip()
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start - lead_strip
    highlights: list[tuple[int, int]] = []
    last_end = -1
    for s, e, _ in matches:
        if s >= start + lead_strip and e <= start + lead_strip + len(passage) and s >= last_end:
            highlights.append((s + shift, e + shift))
            last_end = e
    return Snippet(prefix + passage + suffix, tuple(highlights))


def render_snippet(snippet: Snippet, *, bold: bool) -> str:
    """A snippet for the terminal: control characters made safe, matches in bold if asked."""
    from vndocs.render import safe_terminal

    if not bold:
        return safe_terminal(snippet.text)
    out: list[str] = []
    pos = 0
    for s, e in snippet.highlights:
        out.append(safe_terminal(snippet.text[pos:s]))
        out.append("\x1b[1m" + safe_terminal(snippet.text[s:e]) + "\x1b[0m")
        pos = e
    out.append(safe_terminal(snippet.text[pos:]))
    return "".join(out)


def render_result(result: object, *, bold: bool) -> str:
    """A :class:`vndocs.models.SearchResult` as terminal lines (document text made safe)."""
    from vndocs.models import SearchResult
    from vndocs.render import safe_terminal

    assert isinstance(result, SearchResult)
    lines: list[str] = []
    shown = len(result.hits)
    lines.append(f"{result.total} document(s)" + (f", showing {shown}" if shown < result.total else ""))
    for n, h in enumerate(result.hits, 1):
        head = " ".join(
            safe_terminal(v) for v in (h.type, h.number, f"({h.date})" if h.date else None) if v
        )
        title = safe_terminal(" ".join((h.title or "").split()))
        lines.append("")
        lines.append(f"{n}. {head or '(no header)'}" + (f" — {title}" if title else ""))
        if h.issuer:
            lines.append(f"   {safe_terminal(h.issuer)}")
        lines.append(f"   {safe_terminal(h.source or '')}  [score {h.score:.2f}]")
        sn = Snippet(h.snippet, h.highlights)
        lines.append(f"   {render_snippet(sn, bold=bold)}")
    if result.facets:
        lines.append("")
        for name, counts in result.facets.items():
            items = ", ".join(f"{safe_terminal(k)} ({v})" for k, v in list(counts.items())[:10])
            lines.append(f"{name}: {items or '-'}")
    return "\n".join(lines)
