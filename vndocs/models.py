"""Public types of vndocs.

Every extracted item carries a :class:`Span` into ``Document.text`` (the
normalized text); ``Document.source_span`` maps it back to the text as read.
``Document.to_dict()`` produces the JSON contract of ``shared/eval/README.md``
plus everything else the project knows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from vndocs.normalize import NormalizedText


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` in ``Document.text``."""

    start: int
    """First character."""
    end: int
    """One past the last character."""

    def to_list(self) -> list[int]:
        """The span as ``[start, end]`` for JSON."""
        return [self.start, self.end]


@dataclass(frozen=True, slots=True)
class Field:
    """One extracted header value and where it was read."""

    value: str
    """The value, normalized (NFC, ISO date, canonical type name...)."""
    span: Span | None = None
    """Where the value was read in ``Document.text``; None if inferred."""


@dataclass(frozen=True, slots=True)
class Signer:
    """The signature block."""

    name: str | None = None
    """Full name of the signer."""
    position: str | None = None
    """Title printed above the name (``PHÓ CHỦ TỊCH``)."""
    authority: str | None = None
    """Signing authority prefix, canonical: ``TM``, ``KT``, ``TL``, ``TUQ``, ``Q``."""
    on_behalf_of: str | None = None
    """The body after the prefix (``ỦY BAN NHÂN DÂN`` in ``TM. ỦY BAN NHÂN DÂN``)."""
    span: Span | None = None
    """The whole block."""


@dataclass(frozen=True, slots=True)
class Header:
    """The header fields (thể thức) of a document. Missing parts are None."""

    system: str | None = None
    """``party`` or ``state`` (or None when nothing says)."""
    type: Field | None = None
    """Document type as named in the standard tables (``Kế hoạch``)."""
    number: Field | None = None
    """Số, ký hiệu as printed without ``Số:`` (``45-KH/BTGTU``)."""
    issuer: Field | None = None
    """The issuing body qualified by locality or parent."""
    parent: Field | None = None
    """The direct parent body line (cơ quan chủ quản), if printed."""
    place: Field | None = None
    """Place of the place-and-date line."""
    date: Field | None = None
    """ISO date of issue."""
    title: Field | None = None
    """Trích yếu on one line."""
    urgency: Field | None = None
    """``Hỏa tốc``, ``Thượng khẩn``, ``Khẩn``."""
    confidentiality: Field | None = None
    """``Tuyệt mật``, ``Tối mật``, ``Mật``."""
    national_title: Field | None = None
    """The national (State) or Party title line as printed."""


@dataclass(frozen=True, slots=True)
class Section:
    """A node of the outline: Phần/Chương/Mục/Điều/khoản/điểm or I./1./a)/-."""

    label: str
    """Numbering as printed without its trailing dot (``I``, ``1.2``, ``a``, ``Điều 5``)."""
    kind: str
    """Level kind: part, chapter, section, article, roman, arabic, decimal, letter, dash, plus."""
    heading: str | None
    """Heading of its own, if any."""
    span: Span
    """From the label to the end of the node (children included)."""
    heading_span: Span | None = None
    """Where the heading is."""
    children: tuple[Section, ...] = ()
    """Sub-nodes in order."""

    def walk(self) -> Iterator[Section]:
        """This node and all descendants, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Mention:
    """One place a reference is mentioned."""

    span: Span
    """The mention in ``Document.text``."""
    cue: str | None = None
    """The relation cue that governs this mention, if any."""


@dataclass(frozen=True, slots=True)
class Reference:
    """Another document mentioned by this one (once per document)."""

    type: str | None
    """Canonical type name (``Nghị định``)."""
    number: str | None
    """Number and symbol as printed, cleaned (``30/2020/NĐ-CP``)."""
    date: str | None
    """ISO date if given."""
    issuer: str | None
    """Issuer as written."""
    title: str | None
    """Subject or name (``Tổ chức chính quyền địa phương`` for a law)."""
    relation: str
    """What this document does to it: replaces, repeals, amends, implements, guides, based_on, cites."""
    mentions: tuple[Mention, ...] = ()
    """Every mention, in text order."""
    term: str | None = None
    """Committee or legislature term (``khóa XI``)."""
    year: int | None = None
    """Year from the date or the number."""
    key: str | None = None
    """Canonical identity key (see ``vndocs.identity``)."""
    system: str | None = None
    """``party`` or ``state`` from the number shape."""


@dataclass(frozen=True, slots=True)
class Unit:
    """A responsible unit named in the text."""

    name: str
    """Name as written (expanded ellipsis and distributed locality applied)."""
    role: str
    """``lead``, ``support`` or ``mentioned``."""
    canonical: str | None = None
    """Name with abbreviations expanded."""
    span: Span | None = None
    """Where it was read."""


@dataclass(frozen=True, slots=True)
class Deadline:
    """A time limit or period."""

    date: str | None
    """ISO last day of the period; None when recurring or open."""
    text: str
    """The wording as printed."""
    kind: str = "exact"
    """exact, period, relative, recurring, open."""
    period: str | None = None
    """The period as normalized (``2022-Q3``, ``2022-08``, ``2021/2025``)."""
    inherited: bool = False
    """True when taken from the document-level time frame."""
    span: Span | None = None
    """Where it was read; None when inherited."""


@dataclass(frozen=True, slots=True)
class ReportDuty:
    """A duty to report back."""

    to: str | None
    """To whom."""
    deadline: Deadline | None = None
    """By when."""
    recurring: bool = False
    """Whether it repeats (hằng tháng, định kỳ)."""
    text: str = ""
    """The clause as printed."""
    span: Span | None = None
    """Where it was read."""


@dataclass(frozen=True, slots=True)
class Task:
    """One assignment of work to responsible units."""

    assignee: str
    """The text naming the lead unit(s) as written."""
    units: tuple[Unit, ...]
    """The units with their roles."""
    role: str
    """Role of the assignee: lead (chủ trì), support (phối hợp), execute (thực hiện)."""
    action: str
    """What must be done."""
    deadline: Deadline | None
    """Its own deadline or the inherited plan deadline (marked inherited)."""
    section_path: tuple[str, ...] = ()
    """Labels of the sections it came from (``III``, ``2``)."""
    span: Span | None = None
    """The whole task text."""
    report: ReportDuty | None = None
    """Report-back duty, if any."""


@dataclass(frozen=True, slots=True)
class Table:
    """A table as its reader saw it: rows of cell texts, top to bottom."""

    rows: tuple[tuple[str, ...], ...]
    """Cell texts of each row, left to right, lines joined with single spaces."""
    grid: bool = True
    """True when a merged cell's text is repeated in every row and column it covers
    (DOCX, HTML, PDF); False when the source lost the merges and a row under a merged
    cell is simply shorter (tables of web markdown)."""
    page: int | None = None
    """1-based page of the table's first row (PDF)."""


@dataclass(frozen=True, slots=True)
class Recipient:
    """One line of ``Nơi nhận`` or ``Kính gửi``."""

    text: str
    """The line without leading dash and trailing ``;``/``,``/``.``."""
    kind: str
    """``noi_nhan`` or ``kinh_gui``."""
    span: Span | None = None
    """Where it was read."""


@dataclass(slots=True)
class Document:
    """A parsed document."""

    source: str | None
    """Path given by the caller, or None for text."""
    text: str
    """The normalized text every span points into."""
    header: Header
    """Header fields."""
    sections: list[Section] = field(default_factory=list)
    """Top level of the outline of the body."""
    preamble: list[Span] = field(default_factory=list)
    """Căn cứ / Thực hiện lines before the body."""
    enacting: Span | None = None
    """The enacting line (``QUYẾT ĐỊNH:``)."""
    signer: Signer | None = None
    """Signature block."""
    recipients: list[Recipient] = field(default_factory=list)
    """Nơi nhận and Kính gửi items."""
    references: list[Reference] = field(default_factory=list)
    """Other documents mentioned."""
    tasks: list[Task] = field(default_factory=list)
    """Assignments."""
    units: list[Unit] = field(default_factory=list)
    """Responsible units named."""
    abbreviations: dict[str, str] = field(default_factory=dict)
    """Abbreviations defined by the document itself."""
    plan_deadline: Deadline | None = None
    """Document-level time frame."""
    format: str = "text"
    """Reader used: txt, md, pdf, docx, html, doc."""
    encoding: str | None = None
    """Encoding detected for text files."""
    pages: int | None = None
    """Number of pages for PDFs."""
    warnings: list[str] = field(default_factory=list)
    """Non-fatal problems met while parsing."""
    tables: list[Table] = field(default_factory=list)
    """Tables as the reader saw them (not every reader keeps them: plain text cannot)."""
    normalized: NormalizedText | None = field(default=None, repr=False)
    """The normalization result, for mapping spans back to the source."""

    def source_span(self, span: Span) -> Span:
        """Map a span of ``text`` back to the text as read."""
        if self.normalized is None:
            return span
        return self.normalized.to_source(span)

    def snippet(self, span: Span) -> str:
        """The text under a span."""
        return self.text[span.start : span.end]

    def to_dict(self) -> dict[str, object]:
        """The JSON contract of ``vndocs parse --json`` plus extras."""
        from vndocs.serialize import document_to_dict

        return document_to_dict(self)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One document found by full-text search (``vndocs search``)."""

    doc_id: int
    """Catalog id."""
    source: str | None
    """Path of the indexed file."""
    type: str | None
    """Document type (``Kế hoạch``)."""
    number: str | None
    """Số, ký hiệu as printed."""
    date: str | None
    """Date of issue, ISO."""
    issuer: str | None
    """Issuing body."""
    title: str | None
    """Trích yếu."""
    score: float
    """Engine score (higher is better)."""
    snippet: str
    """A passage of the text around the matched words."""
    highlights: tuple[tuple[int, int], ...] = ()
    """Offsets of the matched words inside ``snippet``."""

    def to_dict(self) -> dict[str, object]:
        """The JSON of one hit."""
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "type": self.type,
            "number": self.number,
            "date": self.date,
            "issuer": self.issuer,
            "title": self.title,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "highlights": [list(h) for h in self.highlights],
        }


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Result of a full-text search."""

    total: int
    """Number of matching documents."""
    hits: tuple[SearchHit, ...]
    """The requested page of hits, best first."""
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    """Counts by ``type``, ``issuer`` and ``year`` (when asked)."""
    engine: str = ""
    """Engine that answered."""

    def to_dict(self) -> dict[str, object]:
        """``{"total", "hits", "facets"}`` as ``vndocs search --json`` prints it."""
        return {
            "total": self.total,
            "hits": [h.to_dict() for h in self.hits],
            "facets": self.facets,
        }
