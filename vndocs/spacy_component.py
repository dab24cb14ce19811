"""vndocs as a spaCy pipeline component, plus :func:`to_spacy` for parsed documents.

Usage (spaCy 3.8; the ``vi`` language wants ``pyvi`` unless told otherwise)::

    import spacy

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("vndocs")
    doc = nlp(text)
    doc._.vndocs            # the parsed vndocs.Document
    doc.ents                # non-overlapping entities (longest first); replaces earlier ents
    doc.spans["vndocs"]     # every span vndocs produced, overlapping allowed

``use_pyvi: False`` selects spaCy's whitespace tokenizer for Vietnamese.
Word segmentation by underthesea is available as a registered tokenizer::

    nlp = spacy.blank(
        "vi", config={"nlp": {"tokenizer": {"@tokenizers": "vndocs.UndertheseaTokenizer.v1"}}}
    )

displaCy shows the result: ``displacy.render(doc, style="ent")`` for
``doc.ents``, ``displacy.render(doc, style="span", options={"spans_key":
"vndocs"})`` for every span, overlapping ones included.

The factory ``vndocs`` and the tokenizer are registered through entry points
(``spacy_factories``, ``spacy_tokenizers`` in ``pyproject.toml``), so no import
is needed. Every span in the Doc is exactly the character span the extractor
produced: tokens are split where a span starts or ends inside them.

vndocs spans index :attr:`vndocs.Document.text`, the *normalized* text (NFC,
Unicode spaces, hard-wrapped lines joined). When it differs from the text the
Doc was made from, the component returns a new Doc made on the normalized text
(put ``vndocs`` first in the pipeline). ``doc._.vndocs`` lives beside the Doc,
not in ``doc.user_data``: ``Doc.to_bytes`` and ``DocBin`` work (spans and
entities are saved) but do not save the Document; call ``vndocs.parse`` or
``to_spacy`` again after loading.
"""

from __future__ import annotations

import itertools
import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from vndocs.models import Document, Section, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.vocab import Vocab

SPAN_KEY = "vndocs"
"""Name of the span group holding every vndocs span."""

LABELS: dict[str, str] = {
    "DOC_TYPE": "document type (header)",
    "DOC_NUMBER": "number and symbol (header)",
    "ISSUER": "issuing body (header)",
    "PARENT": "parent body (header)",
    "PLACE": "place of issue (header)",
    "DATE": "date of issue (header)",
    "TITLE": "trích yếu (header)",
    "URGENCY": "urgency (header)",
    "CONFIDENTIALITY": "secrecy (header)",
    "NATIONAL_TITLE": "national or Party title line (header)",
    "SECTION": "an outline node, label to end, children included",
    "HEADING": "the heading of an outline node",
    "PREAMBLE": "a Căn cứ / Thực hiện line",
    "ENACTING": "the enacting line (QUYẾT ĐỊNH:)",
    "DOC_REF": "a mention of another document",
    "TASK": "the text of an assignment",
    "UNIT": "a responsible unit",
    "DEADLINE": "a time limit",
    "REPORT": "a duty to report back",
    "SIGNER": "the signature block",
    "RECIPIENT": "a Nơi nhận / Kính gửi line",
}
"""Every label the component produces, with what it marks."""

STRUCTURAL_LABELS = frozenset({"SECTION", "TASK", "PREAMBLE", "REPORT"})
"""Labels that cover stretches of text; kept in the span group, never in ``doc.ents``."""


@dataclass(frozen=True, slots=True)
class LabeledSpan:
    """One vndocs span with its label."""

    start: int
    """First character in ``Document.text``."""
    end: int
    """One past the last character."""
    label: str
    """One of :data:`LABELS`."""


# --------------------------------------------------------------------------
# Collecting spans from a Document (pure)


def _sections(sections: Iterable[Section]) -> Iterator[Section]:
    for s in sections:
        yield from s.walk()


def document_spans(document: Document) -> list[LabeledSpan]:
    """Every span of a parsed document with its label, sorted, duplicates removed.

    Spans that are empty or fall outside ``document.text`` are dropped.

    Args:
        document: A parsed document.

    Returns:
        The spans sorted by start, then longest first, then label.
    """
    found: list[tuple[Span | None, str]] = []
    h = document.header
    for label, fld in (
        ("DOC_TYPE", h.type),
        ("DOC_NUMBER", h.number),
        ("ISSUER", h.issuer),
        ("PARENT", h.parent),
        ("PLACE", h.place),
        ("DATE", h.date),
        ("TITLE", h.title),
        ("URGENCY", h.urgency),
        ("CONFIDENTIALITY", h.confidentiality),
        ("NATIONAL_TITLE", h.national_title),
    ):
        if fld is not None:
            found.append((fld.span, label))
    for s in _sections(document.sections):
        found.append((s.span, "SECTION"))
        found.append((s.heading_span, "HEADING"))
    found.extend((p, "PREAMBLE") for p in document.preamble)
    found.append((document.enacting, "ENACTING"))
    for ref in document.references:
        found.extend((m.span, "DOC_REF") for m in ref.mentions)
    for task in document.tasks:
        found.append((task.span, "TASK"))
        found.extend((u.span, "UNIT") for u in task.units)
        if task.deadline is not None:
            found.append((task.deadline.span, "DEADLINE"))
        if task.report is not None:
            found.append((task.report.span, "REPORT"))
            if task.report.deadline is not None:
                found.append((task.report.deadline.span, "DEADLINE"))
    found.extend((u.span, "UNIT") for u in document.units)
    if document.plan_deadline is not None:
        found.append((document.plan_deadline.span, "DEADLINE"))
    if document.signer is not None:
        found.append((document.signer.span, "SIGNER"))
    found.extend((r.span, "RECIPIENT") for r in document.recipients)

    n = len(document.text)
    spans = {
        LabeledSpan(sp.start, sp.end, label)
        for sp, label in found
        if sp is not None and 0 <= sp.start < sp.end <= n
    }
    return sorted(spans, key=lambda s: (s.start, -(s.end - s.start), s.label))


def select_entities(spans: Iterable[LabeledSpan]) -> list[LabeledSpan]:
    """The non-overlapping subset for ``doc.ents``: structural labels out, longest first.

    Args:
        spans: Labeled spans, any order.

    Returns:
        Non-overlapping spans sorted by start. Among overlapping spans the
        longest wins; ties go to the earlier one, then to the label name.
    """
    candidates = sorted(
        (s for s in spans if s.label not in STRUCTURAL_LABELS),
        key=lambda s: (-(s.end - s.start), s.start, s.label),
    )
    starts: list[int] = []
    chosen: list[LabeledSpan] = []  # kept sorted by start
    for s in candidates:
        i = bisect_left(starts, s.start)
        if i > 0 and chosen[i - 1].end > s.start:
            continue
        if i < len(chosen) and chosen[i].start < s.end:
            continue
        starts.insert(i, s.start)
        chosen.insert(i, s)
    return chosen


# --------------------------------------------------------------------------
# Token boundaries


def _has_boundary_in(cuts: list[int], lo: int, hi: int) -> list[int]:
    """Cuts strictly inside ``(lo, hi)``."""
    return cuts[bisect_right(cuts, lo) : bisect_left(cuts, hi)]


def _needs_rebuild(doc: Doc, spans: list[LabeledSpan]) -> bool:
    """Whether a span starts or ends on a token's trailing space (no split can fix that)."""
    starts = {s.start for s in spans}
    ends = {s.end for s in spans}
    for tok in doc:
        if tok.whitespace_:
            e = tok.idx + len(tok.text)
            if e in starts or e + 1 in ends:
                return True
    return False


def _rebuild(doc: Doc, cuts: list[int], spans: list[LabeledSpan]) -> Doc:
    """A new Doc on the same text with a token boundary at every cut.

    A trailing space that a span starts or ends on becomes a token of its own.
    """
    starts = {s.start for s in spans}
    ends = {s.end for s in spans}
    text = doc.text  # Doc.text is rebuilt on every access
    words: list[str] = []
    spaces: list[bool] = []
    for tok in doc:
        s, e = tok.idx, tok.idx + len(tok.text)
        bounds = [s, *_has_boundary_in(cuts, s, e), e]
        for a, b in itertools.pairwise(bounds):
            words.append(text[a:b])
            spaces.append(False)
        if tok.whitespace_:
            if e in starts or e + 1 in ends:
                words.append(tok.whitespace_)
                spaces.append(False)
            else:
                spaces[-1] = True
    new = Doc(doc.vocab, words=words, spaces=spaces)
    new.user_data.update(doc.user_data)
    return new


def align_tokens(doc: Doc, spans: list[LabeledSpan]) -> Doc:
    """Make every span start and end on a token boundary.

    Tokens are split with the retokenizer (annotations of earlier components
    are kept); in the rare case a span starts or ends on a token's trailing
    space, a new Doc is built on the same text instead.

    Args:
        doc: A Doc whose text the spans index.
        spans: The spans that must align.

    Returns:
        ``doc`` itself, retokenized, or a new Doc with the same text.
    """
    cuts = sorted({s.start for s in spans} | {s.end for s in spans})
    if _needs_rebuild(doc, spans):
        return _rebuild(doc, cuts, spans)
    splits = []
    for tok in doc:
        s, e = tok.idx, tok.idx + len(tok.text)
        inner = _has_boundary_in(cuts, s, e)
        if inner:
            splits.append((tok, [s, *inner, e]))
    if splits:
        text = doc.text  # Doc.text is rebuilt on every access
        with doc.retokenize() as retok:
            for tok, bounds in splits:
                orths = [text[a:b] for a, b in itertools.pairwise(bounds)]
                last = len(orths) - 1
                # sub-tokens hang on the last piece, which keeps the original head
                heads = [(tok, last)] * last + [tok.head if tok.head.i != tok.i else (tok, last)]
                retok.split(tok, orths, heads=heads)
    return doc


# --------------------------------------------------------------------------
# Annotating a Doc


# The Document is kept beside the Doc, not in ``doc.user_data``, so that
# ``Doc.to_bytes`` and ``DocBin`` still work (msgpack cannot hold a Document).
_DOCUMENTS: weakref.WeakKeyDictionary[Doc, Document] = weakref.WeakKeyDictionary()


def _get_document(doc: Doc) -> Document | None:
    return _DOCUMENTS.get(doc)


def _set_document(doc: Doc, value: Document | None) -> None:
    if value is None:
        _DOCUMENTS.pop(doc, None)
    else:
        _DOCUMENTS[doc] = value


def _ensure_extension() -> None:
    if not Doc.has_extension("vndocs"):
        Doc.set_extension("vndocs", getter=_get_document, setter=_set_document)


_ensure_extension()


def annotate(doc: Doc, document: Document) -> Doc:
    """Set ``doc.ents``, ``doc.spans["vndocs"]`` and ``doc._.vndocs`` from a parsed document.

    Args:
        doc: A Doc whose text is ``document.text``.
        document: The parsed document.

    Returns:
        The annotated Doc (``doc`` itself or a retokenized copy).

    Raises:
        ValueError: the Doc's text is not the document's text.
    """
    if doc.text != document.text:
        raise ValueError("the Doc must be made on Document.text (the normalized text)")
    spans = document_spans(document)
    doc = align_tokens(doc, spans)
    group = []
    for s in spans:
        sp = doc.char_span(s.start, s.end, label=s.label, alignment_mode="strict")
        if sp is None:  # pragma: no cover - align_tokens guarantees boundaries
            raise AssertionError(f"span {s} does not align")
        group.append(sp)
    doc.spans[SPAN_KEY] = group
    ents = []
    for s in select_entities(spans):
        ent = doc.char_span(s.start, s.end, label=s.label, alignment_mode="strict")
        if ent is not None:
            ents.append(ent)
    doc.ents = ents
    doc._.vndocs = document
    return doc


def blank_nlp() -> Language:
    """A blank Vietnamese pipeline with spaCy's whitespace tokenizer (no pyvi needed)."""
    import spacy

    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


def to_spacy(document: Document, nlp: Language | None = None) -> Doc:
    """A spaCy Doc for an already parsed document, annotated as the component does.

    Args:
        document: The parsed document.
        nlp: Pipeline whose tokenizer makes the Doc (only its tokenizer is used);
            a blank ``vi`` pipeline without pyvi by default.

    Returns:
        A Doc on ``document.text`` with ``ents``, ``spans["vndocs"]`` and ``_.vndocs``.
    """
    nlp = nlp or blank_nlp()
    return annotate(nlp.make_doc(document.text), document)


class VndocsComponent:
    """The ``vndocs`` pipeline component: parses ``doc.text`` and annotates the Doc."""

    def __init__(self, nlp: Language, name: str = "vndocs") -> None:
        """Keep the pipeline's tokenizer to remake a Doc on the normalized text."""
        self.name = name
        self._make_doc: Callable[[str], Doc] = nlp.make_doc

    def __call__(self, doc: Doc) -> Doc:
        """Parse ``doc.text`` with vndocs and annotate; see :func:`annotate`."""
        from vndocs.pipeline import parse_raw
        from vndocs.readers import RawText

        text = doc.text
        document = parse_raw(RawText(text=text, format="text"))
        if document.text != text:
            doc = self._make_doc(document.text)
        return annotate(doc, document)


@Language.factory("vndocs", default_config={})
def make_vndocs_component(nlp: Language, name: str) -> VndocsComponent:
    """Factory of the ``vndocs`` component (entry point ``spacy_factories``)."""
    return VndocsComponent(nlp, name)


# --------------------------------------------------------------------------
# underthesea word segmentation as a tokenizer


class UndertheseaTokenizer:
    """Vietnamese word segmentation by underthesea (``Kế hoạch`` is one token).

    underthesea may respell what it returns (tone placement ``uỷ`` -> ``ủy``),
    so its words are aligned back to the text by position, never searched
    for; a token never crosses a line break. If the alignment fails the rest
    of the text is split on white space.
    """

    def __init__(self, vocab: Vocab) -> None:
        """Make the tokenizer; underthesea is imported on first use."""
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        """Tokenize ``text``."""
        from underthesea import word_tokenize

        pieces = self._align(text, word_tokenize(text) if text.strip() else [])
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for a, b in pieces:
            if a > pos:  # white space between words
                gap = text[pos:a]
                if gap == " " and words:
                    spaces[-1] = True
                else:
                    if words and gap.startswith(" ") and not spaces[-1]:
                        spaces[-1] = True
                        gap = gap[1:]
                    words.append(gap)
                    spaces.append(False)
            words.append(text[a:b])
            spaces.append(False)
            pos = b
        if pos < len(text):
            gap = text[pos:]
            if words and gap.startswith(" ") and not spaces[-1]:
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)

    @staticmethod
    def _align(text: str, segmented: list[str]) -> list[tuple[int, int]]:
        """Character ranges of the words: same count of non-space characters, in order."""
        from vndocs.normalize import fold

        out: list[tuple[int, int]] = []
        pos, n = 0, len(text)
        for word in segmented:
            want = sum(1 for c in word if not c.isspace())
            if want == 0:
                continue
            pieces: list[tuple[int, int]] = []
            got, i, start, last_end = 0, pos, -1, pos
            while i < n and got < want:
                c = text[i]
                if c == "\n" and start >= 0:  # a token never crosses a line: cut here
                    pieces.append((start, last_end))
                    start = -1
                elif not c.isspace():
                    if start < 0:
                        start = i
                    got += 1
                    last_end = i + 1
                i += 1
            if got != want:
                break
            pieces.append((start, last_end))
            printed = "".join(text[a:b] for a, b in pieces)
            if fold("".join(printed.split())) != fold("".join(word.split())):
                break
            out.extend(pieces)
            pos = last_end
        # what could not be aligned: white-space split
        while pos < n:
            while pos < n and text[pos].isspace():
                pos += 1
            if pos >= n:
                break
            start = pos
            while pos < n and not text[pos].isspace():
                pos += 1
            out.append((start, pos))
        return out


@registry.tokenizers("vndocs.UndertheseaTokenizer.v1")  # type: ignore[untyped-decorator]
def create_underthesea_tokenizer() -> Callable[[Language], UndertheseaTokenizer]:
    """Registered tokenizer ``vndocs.UndertheseaTokenizer.v1`` (underthesea word segmentation)."""

    def make(nlp: Language) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab)

    return make
