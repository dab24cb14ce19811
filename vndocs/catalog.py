"""The catalog: parsed documents, their references and the links between them, in SQLite.

The index folder holds ``catalog.sqlite3`` (the truth), a writer lock file and
the full-text index of each engine in a subfolder. All SQL lives in
:mod:`vndocs.catalog_sql`.

Identification and linking are separate steps: a document's references are
stored as its text gives them (table ``refs``); resolution then links each one
to the catalog documents that match it (table ``edges``). A reference that
matches nothing links to a *placeholder* document built from the reference;
when the document itself arrives, the placeholder row becomes the real
document (same id, incoming edges kept). A reference that matches several
documents (``Kết luận 44`` of two terms, ``45-KH/BTGTU`` of two provinces when
the text names neither) links to each, every edge flagged ``ambiguous``:
nothing is guessed.

Documents without a number. A copy can lose its header (the district plan
``kh_ngay-hoi-bao-ve-antq-2022_btg-huyen-uy.txt`` has no number and no date),
and some references give none (``Kế hoạch ngày ... của Ban Tuyên giáo Huyện
ủy về ...``). Such a reference, or a numbered one that matches no number in
the catalog, is matched against documents *without* a number on type, issuer
(one's words within the other's, tone placement folded) and title (see
:func:`title_matches`), year when both have one; the edge is flagged ambiguous
("probable"), since the texts do not prove the identity.

Every write happens in one transaction per document, so a crash at any moment
leaves the catalog as it was after the last completed document.

Identity keys come from :mod:`vndocs.identity` when it exists; otherwise the
simple local rules below are used (see :func:`document_key`).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from vndocs import catalog_sql as Q
from vndocs.errors import CatalogError, IndexBusy
from vndocs.normalize import fold, normalize_number

CATALOG_FILE = "catalog.sqlite3"
LOCK_FILE = "writer.lock"

# ---------------------------------------------------------------------------
# Identity keys and match rules
_WORD_RE = re.compile(r"\w+")
_SERIAL_RE = re.compile(r"^0*(\d+)")
_YEAR_IN_NUMBER_RE = re.compile(r"/((?:19|20)\d{2})/")


def number_key(number: str | None) -> str | None:
    """Lookup form of a number and symbol, or None."""
    if not number:
        return None
    s = fold(normalize_number(number))
    return _SERIAL_RE.sub(r"\1", s) or None


def serial_of(number: str | None) -> int | None:
    """The running number at the start of a number and symbol (``045-KH/BTGTU`` -> 45)."""
    if not number:
        return None
    m = _SERIAL_RE.match(normalize_number(number))
    return int(m.group(1)) if m else None


def year_of(date: str | None, number: str | None = None) -> int | None:
    """Year from an ISO date, else from a normative number (``30/2020/NĐ-CP``)."""
    if date and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    if number:
        m = _YEAR_IN_NUMBER_RE.search(normalize_number(number) + "/")
        if m:
            return int(m.group(1))
    return None


def system_of(number: str | None) -> str | None:
    """``party`` for ``N-TYPE/ISSUER``, ``state`` for ``N/...``, else None."""
    if not number:
        return None
    n = normalize_number(number)
    if re.match(r"^\d+-[^/]+/", n):
        return "party"
    if re.match(r"^\d+/", n):
        return "state"
    return None


def tokens(text: str | None) -> list[str]:
    """Diacritic-free lower-case word tokens."""
    return _WORD_RE.findall(fold(text)) if text else []


@lru_cache(maxsize=65536)
def _token_set(text: str) -> frozenset[str]:
    return frozenset(tokens(text))


def issuer_compatible(a: str | None, b: str | None) -> bool:
    """True when one issuer's words are all in the other's (``Ban Tuyên giáo Tỉnh uỷ`` in
    ``Ban Tuyên giáo Tỉnh ủy Thái Nguyên``); True when either is unknown."""
    if not a or not b:
        return True
    ta, tb = _token_set(a), _token_set(b)
    if not ta or not tb:
        return True
    return ta <= tb or tb <= ta


def title_similarity(a: str | None, b: str | None) -> float:
    """Token F1 of two titles after dropping a leading ``về``/``V/v``."""
    ta, tb = _title_tokens(a), _title_tokens(b)
    if not ta or not tb:
        return 0.0
    common = 0
    rest = list(tb)
    for t in ta:
        if t in rest:
            rest.remove(t)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def title_matches(ref_title: str | None, doc_title: str | None) -> bool:
    """Whether a reference's title (or name) names a document's title.

    Most of the document's title words must be in the reference (``hình sự``
    does not name ``Tố tụng hình sự``), and at least half of the reference's
    words in the title (a reference may run on past the title's end).
    """
    ta, tb = _title_tokens(ref_title), _title_tokens(doc_title)
    if not ta or not tb:
        return False
    rest = list(ta)
    common = 0
    for t in tb:
        if t in rest:
            rest.remove(t)
            common += 1
    return common / len(tb) >= TITLE_COVERAGE and common / len(ta) >= 0.5


def _title_tokens(text: str | None) -> list[str]:
    toks = tokens(text)
    while toks and toks[0] in ("ve", "viec", "v"):
        toks = toks[1:]
    return toks


def _local_key(
    type: str | None,
    number: str | None,
    date: str | None,
    issuer: str | None,
    system: str | None,
    title: str | None = None,
) -> str:
    nk = number_key(number)
    system = system or system_of(number) or "?"
    year = year_of(date, number)
    y = str(year) if year else "?"
    if nk and _YEAR_IN_NUMBER_RE.search(normalize_number(number or "") + "/") and system == "state":
        return f"state:{nk}"
    if nk and ("/" in nk or "-" in nk):
        if "/tw" in nk or nk.endswith("/vptw"):
            return f"{system}:{nk}:{y}"
        return f"{system}:{nk}:{y}:{'-'.join(tokens(issuer)) or '?'}"
    t = "-".join(tokens(type)) or "?"
    iss = "-".join(tokens(issuer)) or "?"
    if nk:  # a bare serial: "Kết luận 44"
        return f"{system}:{t}:{nk}:{y}:{iss}"
    head = "-".join(_title_tokens(title)[:12]) or "?"
    return f"{system}:{t}:{y}:{iss}:{head}"


def document_key(
    type: str | None,
    number: str | None,
    date: str | None,
    issuer: str | None,
    system: str | None,
    title: str | None = None,
) -> str:
    """Identity key of a document or reference; ``vndocs.identity`` when available."""
    try:
        from vndocs.identity import document_key as _key
    except ImportError:
        return _local_key(type, number, date, issuer, system, title)
    try:
        k = _key(type, number, date, issuer, system, title=title)
    except Exception:  # noqa: BLE001 - a bad key function must not break the catalog
        k = None
    return str(k) if k else _local_key(type, number, date, issuer, system, title)


def key_is_ambiguous(key: str, has_number: bool, year: int | None) -> bool:
    """True when a reference's key does not say enough to name one document."""
    try:
        from vndocs.identity import is_ambiguous
    except ImportError:
        return not has_number or year is None
    try:
        return bool(is_ambiguous(key))
    except Exception:  # noqa: BLE001
        return not has_number or year is None


def using_identity_module() -> bool:
    """Whether :mod:`vndocs.identity` is present (else the local key is used)."""
    try:
        import vndocs.identity  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class Query:
    """What is known about a wanted document (from a reference or from the user)."""

    type: str | None = None
    """Canonical type name."""
    number: str | None = None
    """Full number and symbol, if given (``44-KL/TW``)."""
    serial: int | None = None
    """Running number when only that is given (``Kết luận 44``)."""
    year: int | None = None
    """Year, if known."""
    issuer: str | None = None
    """Issuer as written."""
    title: str | None = None
    """Title or name."""
    date: str | None = None
    """ISO date if given."""

    @property
    def number_key(self) -> str | None:
        """Lookup form of the number."""
        return number_key(self.number)

    @property
    def type_key(self) -> str | None:
        """Lookup form of the type."""
        return fold(self.type) if self.type else None


_QUERY_RE = re.compile(
    r"^\s*(?P<type>[^\d]*?)\s*(?:số\s*:?\s*)?"
    # a full number and symbol: 44-KL/TW, 30/2020/NĐ-CP, 15/QĐ-BNV
    r"(?:(?P<full>\d+\s*[-/]\s*[^\s,;]*[^\W\d_][^\s,;]*)"
    # a serial with a year: Nghị định 30/2020
    r"|(?P<serial>\d+)(?:\s*/\s*(?P<year>(?:19|20)\d{2}))?)"
    r"(?:\s*(?:năm|ngày)?\s*(?P<year2>(?:19|20)\d{2}))?\s*$",
    re.IGNORECASE,
)


def parse_query(text: str) -> Query | None:
    """A user-typed reference as a :class:`Query`, or None when it has no number.

    Accepts ``44-KL/TW``, ``Kết luận số 44-KL/TW``, ``Kết luận 44``, ``KL 44``,
    ``Nghị định 30/2020``, ``NĐ 30/2020``, ``Quyết định 06/QĐ-TTg``.
    """
    from vndocs.vocab import canonical_type, type_by_code

    m = _QUERY_RE.match(text.strip())
    if not m:
        return None
    type_text = m.group("type").strip(" :.,")
    doc_type = None
    if type_text:
        doc_type = canonical_type(type_text)
        if doc_type is None:
            by_code = type_by_code()
            names = by_code.get(type_text) or by_code.get(type_text.upper()) or by_code.get(
                type_text.upper().replace("D", "Đ")
            )
            doc_type = names[0] if names else None
        if doc_type is None:
            return None
    year_text = m.group("year") or m.group("year2")
    year = int(year_text) if year_text else None
    if m.group("full"):
        full = normalize_number(m.group("full"))
        return Query(type=doc_type, number=full, year=year or year_of(None, full))
    return Query(type=doc_type, serial=int(m.group("serial")), year=year)


# ---------------------------------------------------------------------------
# Public row types


@dataclass(frozen=True, slots=True)
class CatalogDocument:
    """A document of the catalog (real or placeholder)."""

    doc_id: int
    """Integer id in the catalog."""
    key: str
    """Identity key."""
    placeholder: bool
    """True when known only from references to it (no file)."""
    ambiguous: bool
    """True for a placeholder built from a reference that does not say enough."""
    system: str | None
    """``party`` or ``state``."""
    type: str | None
    """Document type."""
    number: str | None
    """Number and symbol."""
    date: str | None
    """ISO date of issue."""
    issuer: str | None
    """Issuing body."""
    title: str | None
    """Trích yếu."""
    source: str | None
    """File path (None for a placeholder)."""
    content_hash: str | None = None
    """SHA-256 of the file."""
    size: int | None = None
    """File size when indexed."""
    mtime: float | None = None
    """File modification time when indexed."""

    @property
    def label(self) -> str:
        """The number, else the key: how a document is named in outputs."""
        return self.number or self.key


@dataclass(frozen=True, slots=True)
class Link:
    """One edge: ``src`` mentions ``dst`` with ``relation``."""

    src: int
    """Citing document id."""
    dst: int
    """Cited document id."""
    relation: str
    """replaces, repeals, amends, implements, guides, based_on, cites."""
    ambiguous: bool
    """True when the reference matched several documents (this is one of them)."""
    candidates: int
    """How many documents the reference matched (1 when not ambiguous)."""
    ref_id: int
    """The reference row (for its mentions)."""


@dataclass(frozen=True, slots=True)
class Failure:
    """A file that could not be indexed."""

    source: str
    """Path."""
    reason: str
    """One-line reason."""
    size: int | None
    """File size at the time."""
    mtime: float | None
    """File modification time at the time."""
    failed_at: str
    """UTC time of the attempt (ISO)."""


@dataclass(frozen=True, slots=True)
class SourceState:
    """What the catalog remembers of an indexed file (to skip unchanged files cheaply)."""

    doc_id: int
    """Document id."""
    size: int | None
    """Size when indexed."""
    mtime: float | None
    """Modification time when indexed."""
    content_hash: str | None
    """SHA-256 when indexed."""


@dataclass(frozen=True, slots=True)
class AddResult:
    """Outcome of :meth:`Catalog.add_document`."""

    doc_id: int
    """The document's id."""
    status: str
    """``added``, ``updated`` or ``unchanged``."""


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    """Result of :meth:`Catalog.check`."""

    integrity: str
    """``ok`` or SQLite's first problem."""
    orphan_edges: int
    """Edges whose end or reference is missing."""
    foreign_key_errors: int
    """Rows violating a foreign key."""
    duplicate_sources: int
    """Files present more than once."""
    orphan_placeholders: int = 0
    """Placeholders nothing links to any more."""

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return (
            self.integrity == "ok"
            and not self.orphan_edges
            and not self.foreign_key_errors
            and not self.duplicate_sources
            and not self.orphan_placeholders
        )


# ---------------------------------------------------------------------------
# Row building


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _str(v: object) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _doc_row(row: Sequence[Any]) -> CatalogDocument:
    return CatalogDocument(
        doc_id=row[0],
        key=row[1],
        placeholder=bool(row[2]),
        ambiguous=bool(row[3]),
        system=row[4],
        type=row[5],
        number=row[6],
        date=row[7],
        issuer=row[8],
        title=row[9],
        source=row[10],
        content_hash=row[11],
        size=row[12],
        mtime=row[13],
    )


@dataclass(frozen=True, slots=True)
class _Ref:
    """A reference row as stored (what the citing text says)."""

    ref_id: int
    src: int
    relation: str
    key: str
    type: str | None
    type_key: str | None
    number: str | None
    number_key: str | None
    serial: int | None
    date: str | None
    year: int | None
    issuer: str | None
    title: str | None
    system: str | None

    @classmethod
    def from_row(cls, r: Sequence[Any]) -> _Ref:
        # REF_COLUMNS: id, src, ordinal, relation, key, system, type, type_key, number,
        # number_key, serial, date, year, issuer, title, term
        return cls(
            ref_id=r[0], src=r[1], relation=r[3], key=r[4], system=r[5], type=r[6], type_key=r[7],
            number=r[8], number_key=r[9], serial=r[10], date=r[11], year=r[12], issuer=r[13],
            title=r[14],
        )

    @property
    def ambiguous_by_itself(self) -> bool:
        """True when the text does not say enough to name one document."""
        return key_is_ambiguous(self.key, self.number_key is not None, self.year)


def _identity(d: dict[str, Any]) -> tuple[str | None, str | None, str | None, str | None, str | None, str | None]:
    """(number, date, type, issuer, title, system) of a document or a reference, as stored:
    the number cleaned, the system from the number when none is given."""
    number = _str(d.get("number"))
    if number:
        number = normalize_number(number)
    system = _str(d.get("system")) or system_of(number)
    return number, _str(d.get("date")), _str(d.get("type")), _str(d.get("issuer")), _str(d.get("title")), system


def _ref_values(src: int, ordinal: int, ref: dict[str, Any]) -> tuple[Any, ...]:
    number, date, doc_type, issuer, title, system = _identity(ref)
    nk = number_key(number)
    serial = serial_of(number)
    # a bare running number ("Kết luận 44") is not a full number: look it up by type + serial
    if nk is not None and nk.isdigit():
        nk = None
    year = ref.get("year") if isinstance(ref.get("year"), int) else year_of(date, number)
    key = _str(ref.get("key")) or document_key(doc_type, number, date, issuer, system, title)
    return (
        src, ordinal, _str(ref.get("relation")) or "cites", key, system, doc_type,
        fold(doc_type) if doc_type else None, number, nk, serial, date, year, issuer, title,
        _str(ref.get("term")),
    )


# ---------------------------------------------------------------------------
# The catalog


class Catalog:
    """The SQLite catalog of an index folder.

    Args:
        index_dir: the index folder (created when writable).
        readonly: open for reading only (search, trace); never blocks on a writer.

    Raises:
        CatalogError: the folder or database cannot be opened.
    """

    def __init__(self, index_dir: str | os.PathLike[str], *, readonly: bool = False) -> None:
        self.index_dir = Path(index_dir)
        self.readonly = readonly
        self.path = self.index_dir / CATALOG_FILE
        self._pending_seq: dict[int, int] = {}
        self._in_tx = False
        try:
            if readonly:
                if not self.path.exists():
                    raise CatalogError(f"{self.index_dir}: no catalog here (run 'vndocs index' first)")
                self.conn = sqlite3.connect(
                    f"file:{self.path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
                )
                for p in Q.SQLITE_READONLY_PRAGMAS:
                    self.conn.execute(p)
            else:
                self.index_dir.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
                for p in Q.SQLITE_PRAGMAS:
                    self.conn.execute(p)
                self._create()
        except sqlite3.DatabaseError as e:
            raise CatalogError(f"{self.path}: cannot open catalog ({e})") from None
        except OSError as e:
            raise CatalogError(f"{self.index_dir}: cannot create index folder ({e.strerror})") from None

    # -- lifecycle ----------------------------------------------------------

    def _create(self) -> None:
        with self.transaction():
            for stmt in Q.schema():
                self.conn.execute(stmt)
            row = self.conn.execute(Q.GET_META, ("schema_version",)).fetchone()
            if row is None:
                self.conn.execute(Q.SET_META, ("schema_version", str(Q.SCHEMA_VERSION)))
            elif int(row[0]) > Q.SCHEMA_VERSION:
                raise CatalogError(
                    f"{self.path}: catalog schema {row[0]} is newer than this vndocs ({Q.SCHEMA_VERSION})"
                )

    def get_meta(self, name: str) -> str | None:
        """A value of the catalog's ``meta`` table (None when unset)."""
        row = self.conn.execute(Q.GET_META, (name,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, name: str, value: str) -> None:
        """Set a value of the catalog's ``meta`` table."""
        with self.transaction():
            self.conn.execute(Q.SET_META, (name, value))

    def close(self) -> None:
        """Close the database connection."""
        self.conn.close()

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (nested calls join the outer one)."""
        if self._in_tx:
            yield self.conn
            return
        self.conn.execute(Q.BEGIN_WRITE)
        self._in_tx = True
        try:
            yield self.conn
        except BaseException:
            self._in_tx = False
            self.conn.execute(Q.ROLLBACK)
            raise
        self._in_tx = False
        self.conn.execute(Q.COMMIT)

    @contextmanager
    def writer_lock(self, wait: bool = True, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        """Hold the index folder's writer lock (one writer at a time; readers never wait).

        Args:
            wait: wait for the other writer to finish; else raise at once.
            on_wait: called once before waiting (to say so).

        Raises:
            IndexBusy: another process writes this index and ``wait`` is False.
        """
        import fcntl

        self.index_dir.mkdir(parents=True, exist_ok=True)
        path = self.index_dir / LOCK_FILE
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
                if not wait:
                    raise IndexBusy(
                        f"{self.index_dir}: another 'vndocs index' (pid {holder}) is writing this index; "
                        "try again when it is done"
                    ) from None
                if on_wait is not None:
                    on_wait()
                fcntl.flock(fd, fcntl.LOCK_EX)
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
            yield
        finally:
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)

    # -- reading ------------------------------------------------------------

    def get(self, doc_id: int) -> CatalogDocument | None:
        """A document by id."""
        row = self.conn.execute(Q.GET_DOC, (doc_id,)).fetchone()
        return _doc_row(row) if row else None

    def by_source(self, source: str | os.PathLike[str]) -> CatalogDocument | None:
        """The document indexed from a file path (as given when indexing)."""
        row = self.conn.execute(Q.GET_DOC_BY_SOURCE, (os.fspath(source),)).fetchone()
        return _doc_row(row) if row else None

    def documents(self, ids: Iterable[int]) -> dict[int, CatalogDocument]:
        """Documents by id (missing ids are left out)."""
        out: dict[int, CatalogDocument] = {}
        ids = list(ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for row in self.conn.execute(Q.DOCS_IN.format(ids=Q.in_list(len(chunk))), chunk):
                out[row[0]] = _doc_row(row)
        return out

    def document_data(self, doc_id: int) -> tuple[dict[str, Any], str] | None:
        """The parsed JSON and normalized text of a real document."""
        row = self.conn.execute(Q.GET_DOC_DATA, (doc_id,)).fetchone()
        if row is None or row[0] is None:
            return None
        return json.loads(row[0]), row[1] or ""

    def sources(self) -> dict[str, SourceState]:
        """Every indexed file path with what was recorded about it."""
        return {
            r[1]: SourceState(doc_id=r[0], size=r[2], mtime=r[3], content_hash=r[4])
            for r in self.conn.execute(Q.SOURCES)
        }

    def counts(self) -> dict[str, int]:
        """Numbers of documents, placeholders, edges, failures."""
        out = {"documents": 0, "placeholders": 0}
        for placeholder, n in self.conn.execute(Q.COUNT_DOCUMENTS):
            out["placeholders" if placeholder else "documents"] = n
        out["edges"] = self.conn.execute(Q.COUNT_EDGES).fetchone()[0]
        out["failures"] = len(self.failures())
        out["fulltext_pending"] = self.conn.execute(Q.COUNT_PENDING_FULLTEXT).fetchone()[0]
        return out

    def find_key(self, key: str) -> list[CatalogDocument]:
        """Documents with this identity key."""
        return [_doc_row(r) for r in self.conn.execute(Q.FIND_BY_KEY, (key,))]

    def find(self, query: Query) -> list[CatalogDocument]:
        """Documents (real and placeholders) matching what a user or a reference says.

        A full number matches on its lookup form (and year when both have one);
        a type plus running number (``Kết luận 44``) matches every document of
        that type with that running number (and year when given); without a
        number, type plus issuer plus title similarity.
        """
        return [d for d, _ in self._match(query, real_only=False)]

    def _match(
        self, q: Query, *, real_only: bool, exclude: int | None = None
    ) -> list[tuple[CatalogDocument, int | None]]:
        rows: list[Sequence[Any]]
        nk = q.number_key
        if nk and not nk.isdigit():
            if q.year is not None:
                rows = self.conn.execute(Q.FIND_BY_NUMBER_YEAR, (nk, q.year, nk)).fetchall()
            else:
                rows = self.conn.execute(Q.FIND_BY_NUMBER_LIMIT, (nk, MAX_ROWS)).fetchall()
        elif q.serial is not None or (nk and nk.isdigit()):
            serial = q.serial if q.serial is not None else int(nk or 0)
            if q.type_key:
                rows = self.conn.execute(Q.FIND_BY_TYPE_SERIAL, (q.type_key, serial)).fetchall()
            else:
                rows = self.conn.execute(Q.FIND_BY_SERIAL, (serial,)).fetchall()
        elif q.type_key and q.title:
            rows = self.conn.execute(Q.FIND_BY_TYPE, (q.type_key,)).fetchall()
            rows = [
                r for r in rows
                if r[9] and title_matches(q.title, r[9])
                and issuer_compatible(q.issuer, r[8])
            ]
        else:
            return []
        out: list[tuple[CatalogDocument, int | None]] = [
            (_doc_row(r), r[14])
            for r in rows
            if (exclude is None or r[0] != exclude)
            and not (real_only and r[2])
            and (q.year is None or r[14] is None or q.year == r[14])
        ]
        if len(out) > 1 and q.issuer:
            narrowed = [(d, y) for d, y in out if d.issuer and issuer_compatible(q.issuer, d.issuer)]
            if narrowed:
                out = narrowed
        return out

    def links_to(self, ids: Sequence[int]) -> list[Link]:
        """Edges whose cited document is one of ``ids`` (documents that cite them)."""
        return self._links(Q.EDGES_TO, ids)

    def links_from(self, ids: Sequence[int]) -> list[Link]:
        """Edges whose citing document is one of ``ids``."""
        return self._links(Q.EDGES_FROM, ids)

    def _links(self, sql: str, ids: Sequence[int]) -> list[Link]:
        out: list[Link] = []
        ids = list(ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for r in self.conn.execute(sql.format(ids=Q.in_list(len(chunk))), chunk):
                out.append(Link(r[0], r[1], r[2], bool(r[3]), r[4], r[5]))
        return out

    def first_mention(self, ref_id: int) -> tuple[int, int, int, int, str | None] | None:
        """``(start, end, line, col, cue)`` of a reference's first mention."""
        row = self.conn.execute(Q.FIRST_MENTION, (ref_id,)).fetchone()
        return tuple(row) if row else None  # type: ignore[return-value]

    def failures(self) -> list[Failure]:
        """Files that could not be indexed, by path."""
        return [Failure(*r) for r in self.conn.execute(Q.LIST_FAILURES)]

    def check(self) -> IntegrityReport:
        """Integrity of the database and of the link graph."""
        integrity = self.conn.execute(Q.SQLITE_INTEGRITY_CHECK).fetchone()[0]
        fk = len(self.conn.execute(Q.SQLITE_FOREIGN_KEY_CHECK).fetchall())
        orphans = self.conn.execute(Q.ORPHAN_EDGES).fetchone()[0]
        dups = len(self.conn.execute(Q.DUPLICATE_SOURCES).fetchall())
        lonely = self.conn.execute(Q.COUNT_ORPHAN_PLACEHOLDERS).fetchone()[0]
        return IntegrityReport(integrity, orphans, fk, dups, lonely)

    def search(self, query: str, **kwargs: Any) -> Any:
        """Full-text search of this index (see :func:`vndocs.search.search`)."""
        from vndocs.search import search  # type: ignore[import-not-found]

        return search(self.index_dir, query, **kwargs)

    # -- full-text contract ---------------------------------------------------

    def pending_fulltext(
        self, limit: int | None = None
    ) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
        """Documents whose full-text entry must be written: ``(doc_id, doc_dict, text)``,
        or ``(doc_id, None, None)`` for a document deleted (or now a placeholder)."""
        if limit is None:
            rows = self.conn.execute(Q.QUEUED_FULLTEXT).fetchall()
        else:
            rows = self.conn.execute(Q.QUEUED_FULLTEXT_LIMIT, (int(limit),)).fetchall()
        for doc_id, seq in rows:
            self._pending_seq[doc_id] = seq
            data = self.document_data(doc_id)
            if data is None:
                yield doc_id, None, None
            else:
                yield doc_id, data[0], data[1]

    def mark_fulltext_synced(self, doc_ids: list[int]) -> None:
        """Clear the pending flag of documents the full-text index now reflects.

        A document changed again since :meth:`pending_fulltext` yielded it stays pending.
        """
        with self.transaction():
            for doc_id in doc_ids:
                seq = self._pending_seq.pop(doc_id, None)
                if seq is None:
                    seq = self.conn.execute(Q.MAX_QUEUE_SEQ).fetchone()[0]
                self.conn.execute(Q.UNQUEUE_FULLTEXT, (doc_id, seq))

    def mark_all_fulltext_pending(self) -> None:
        """Mark every real document pending (for ``vndocs reindex``)."""
        with self.transaction():
            self.conn.execute(Q.QUEUE_ALL_FULLTEXT, (self._next_seq(),))

    def iter_documents(self) -> Iterator[tuple[int, dict[str, Any], str]]:
        """Every real document: ``(doc_id, doc_dict, text)`` in id order."""
        last = 0
        while True:
            rows = self.conn.execute(Q.ITER_DOCUMENTS, (last, 200)).fetchall()
            if not rows:
                return
            for doc_id, data, text in rows:
                last = doc_id
                yield doc_id, json.loads(data), text or ""

    def _next_seq(self) -> int:
        return int(self.conn.execute(Q.MAX_QUEUE_SEQ).fetchone()[0]) + 1

    def _queue_fulltext(self, doc_id: int) -> None:
        self.conn.execute(Q.QUEUE_FULLTEXT, (doc_id, self._next_seq()))

    # -- writing --------------------------------------------------------------

    def add_document(
        self,
        doc: dict[str, Any],
        text: str,
        *,
        source: str | None = None,
        content_hash: str | None = None,
        size: int | None = None,
        mtime: float | None = None,
        reparsed: bool = False,
    ) -> AddResult:
        """Add or replace one parsed document (``Document.to_dict()`` and ``Document.text``).

        A file already indexed with the same content hash changes nothing (its
        size and mtime are refreshed); with another hash its rows are replaced.
        ``reparsed``: the same file parsed again by another extractor; its rows are
        replaced when what was extracted differs.
        A placeholder with the document's key becomes the document. Then its
        references are resolved, and references of other documents that may
        name it are resolved again.
        """
        source = source if source is not None else _str(doc.get("source"))
        if content_hash is None:
            import hashlib

            content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
        with self.transaction():
            existing = self.conn.execute(Q.GET_DOC_BY_SOURCE, (source,)).fetchone() if source else None
            same = existing is not None and existing[11] == content_hash and not existing[2]
            if same and reparsed:
                stored = self.conn.execute(Q.GET_DOC_DATA, (existing[0],)).fetchone()
                same = stored is not None and stored[0] == json.dumps(doc, ensure_ascii=False) and stored[1] == text
            if same:
                self.conn.execute(Q.TOUCH_DOC, (size, mtime, existing[0]))
                if source:
                    self.conn.execute(Q.CLEAR_FAILURE, (source,))
                return AddResult(existing[0], "unchanged")
            values = self._doc_values(doc, text, source, content_hash, size, mtime)
            touched: set[int] = set()
            if existing is not None:
                doc_id = existing[0]
                touched |= self._drop_refs_of(doc_id)
                self.conn.execute(Q.UPDATE_DOC, (*values, doc_id))
                status = "updated"
            else:
                ph = self._placeholder_for(values)
                if ph is not None:
                    doc_id = ph
                    self.conn.execute(Q.UPDATE_DOC, (*values, doc_id))
                else:
                    doc_id = self.conn.execute(Q.INSERT_DOC, values).fetchone()[0]
                status = "added"
            self._insert_refs(doc_id, doc, text)
            self._relink_around(doc_id)
            self._gc_placeholders(touched)
            self._queue_fulltext(doc_id)
            if source:
                self.conn.execute(Q.CLEAR_FAILURE, (source,))
        return AddResult(doc_id, status)

    def touch(self, doc_id: int, size: int | None, mtime: float | None) -> None:
        """Record a new size and mtime for an unchanged file."""
        with self.transaction():
            self.conn.execute(Q.TOUCH_DOC, (size, mtime, doc_id))

    def remove(self, source: str | os.PathLike[str]) -> bool:
        """Remove the document of a file. Cited by others, it stays as a placeholder.

        Returns:
            True when a document was removed.
        """
        source = os.fspath(source)
        with self.transaction():
            row = self.conn.execute(Q.GET_DOC_BY_SOURCE, (source,)).fetchone()
            if row is None:
                return False
            doc_id = row[0]
            touched = self._drop_refs_of(doc_id)
            citing = [r[0] for r in self.conn.execute(Q.REFS_TO, (doc_id,))]
            self._queue_fulltext(doc_id)
            if citing:
                self.conn.execute(Q.DEMOTE_DOC, (_now(), doc_id))
                for ref_id in citing:
                    touched |= self._resolve(ref_id)
                touched.add(doc_id)
            else:
                self.conn.execute(Q.DELETE_DOC, (doc_id,))
            self._gc_placeholders(touched)
        return True

    def record_failure(
        self, source: str, reason: str, size: int | None = None, mtime: float | None = None
    ) -> None:
        """Remember that a file could not be indexed, and why."""
        with self.transaction():
            self.conn.execute(Q.RECORD_FAILURE, (source, reason, size, mtime, _now()))

    def clear_failure(self, source: str) -> None:
        """Forget a recorded failure."""
        with self.transaction():
            self.conn.execute(Q.CLEAR_FAILURE, (source,))

    # -- internals --------------------------------------------------------------

    def _doc_values(
        self,
        doc: dict[str, Any],
        text: str,
        source: str | None,
        content_hash: str | None,
        size: int | None,
        mtime: float | None,
    ) -> tuple[Any, ...]:
        number, date, doc_type, issuer, title, system = _identity(doc)
        key = (
            document_key(doc_type, number, date, issuer, system, title)
            if (number or title)
            else f"file:{content_hash}"
        )
        data = json.dumps(doc, ensure_ascii=False)
        return (
            key, 0, 0, system, doc_type, fold(doc_type) if doc_type else None, number,
            number_key(number), serial_of(number), date, year_of(date, number), issuer,
            fold(issuer) if issuer else None, title, _str(doc.get("term")), source, content_hash,
            size, mtime, data, text, _now(),
        )

    def _placeholder_for(self, values: tuple[Any, ...]) -> int | None:
        """The placeholder a new document replaces: same key, else the only compatible one."""
        ph = self.conn.execute(Q.FIND_PLACEHOLDER_BY_KEY, (values[0],)).fetchone()
        if ph is not None:
            return int(ph[0])
        f = dict(zip(Q.DOC_FIELD_NAMES, values))
        if not f["number"]:
            return None
        query = Query(
            type=f["type"], number=f["number"], year=f["year"], issuer=f["issuer"], date=f["date"]
        )
        found = [
            d for d, _ in self._match(query, real_only=False)
            if d.placeholder and issuer_compatible(d.issuer, f["issuer"])
        ]
        return found[0].doc_id if len(found) == 1 else None

    def _insert_refs(self, doc_id: int, doc: dict[str, Any], text: str) -> None:
        refs = doc.get("references") or []
        for ordinal, ref in enumerate(refs):
            if not isinstance(ref, dict):
                continue
            ref_id = self.conn.execute(Q.INSERT_REF, _ref_values(doc_id, ordinal, ref)).fetchone()[0]
            for m in ref.get("mentions") or []:
                span = m.get("span") if isinstance(m, dict) else None
                if not span or len(span) != 2:
                    continue
                start, end = int(span[0]), int(span[1])
                line, col = _line_col(text, start)
                self.conn.execute(Q.INSERT_MENTION, (ref_id, start, end, line, col, m.get("cue")))
            self._resolve(ref_id)

    def _drop_refs_of(self, doc_id: int) -> set[int]:
        """Delete a document's references (and their edges); returns the ids they pointed to."""
        dsts = {r[0] for r in self.conn.execute(Q.DSTS_OF_SRC, (doc_id,))}
        self.conn.execute(Q.DELETE_REFS_OF, (doc_id,))
        return dsts

    def _resolve(self, ref_id: int) -> set[int]:
        """(Re)link one reference; returns the ids its old edges pointed to."""
        row = self.conn.execute(Q.GET_REF, (ref_id,)).fetchone()
        ref = _Ref.from_row(row)
        old = {r[0] for r in self.conn.execute(Q.DSTS_OF_REF, (ref_id,))}
        self.conn.execute(Q.DELETE_EDGES_OF_REF, (ref_id,))
        query = Query(
            type=ref.type, number=ref.number if ref.number_key else None, serial=ref.serial,
            year=ref.year, issuer=ref.issuer, title=ref.title, date=ref.date,
        )
        matches = [d for d, _ in self._match(query, real_only=True, exclude=ref.src)]
        by_title = False
        if not matches and (ref.number_key or ref.serial is not None) and ref.type_key and ref.title:
            # the cited document's own copy may have lost its number (a plan
            # copied without its header): type + issuer + title, flagged probable
            matches = self._match_numberless(ref, exclude=ref.src)
            by_title = bool(matches)
        if matches and len({d.key for d in matches}) > MAX_CANDIDATES:
            # too many to list: one placeholder stands for "one of these", flagged ambiguous
            n = len({d.key for d in matches})
            dst = self._placeholder(ref, ambiguous=True)
            self.conn.execute(Q.INSERT_EDGE, (ref_id, ref.src, dst, ref.relation, 1, n))
        elif matches:
            identities = {d.key for d in matches}
            # several documents, or one found although the text lacks what identifies it
            # (no year, or no number at all: matched on type, issuer and title)
            ambiguous = (
                len(identities) > 1
                or by_title
                or ref.ambiguous_by_itself
                or (ref.number_key is None and ref.serial is None)
            )
            for d in matches:
                self.conn.execute(
                    Q.INSERT_EDGE, (ref_id, ref.src, d.doc_id, ref.relation, int(ambiguous), len(identities))
                )
        else:
            dst = self._placeholder(ref, ambiguous=ref.ambiguous_by_itself)
            self.conn.execute(Q.INSERT_EDGE, (ref_id, ref.src, dst, ref.relation, 0, 1))
        return old

    def _placeholder(self, ref: _Ref, *, ambiguous: bool) -> int:
        """The placeholder for a reference's key (created from the reference if missing)."""
        ph = self.conn.execute(Q.FIND_PLACEHOLDER_BY_KEY, (ref.key,)).fetchone()
        if ph is not None:
            return int(ph[0])
        return int(
            self.conn.execute(
                Q.INSERT_DOC,
                (
                    ref.key, 1, int(ambiguous), ref.system, ref.type, ref.type_key,
                    ref.number, ref.number_key, ref.serial, ref.date, ref.year, ref.issuer,
                    fold(ref.issuer) if ref.issuer else None, ref.title, None, None, None, None,
                    None, None, None, _now(),
                ),
            ).fetchone()[0]
        )

    def _match_numberless(self, ref: _Ref, exclude: int) -> list[CatalogDocument]:
        """Real documents without a number that fit a reference's type, issuer, title and year."""
        out = []
        for r in self.conn.execute(Q.FIND_NUMBERLESS_BY_TYPE, (ref.type_key,)).fetchall():
            if r[0] == exclude or not r[9] or not r[8] or not ref.issuer:
                continue
            if ref.year is not None and r[14] is not None and ref.year != r[14]:
                continue
            if title_matches(ref.title, r[9]) and issuer_compatible(ref.issuer, r[8]):
                out.append(_doc_row(r))
        return out

    def _relink_around(self, doc_id: int) -> None:
        """Resolve again the references that may name this document or named it before."""
        nk, tk, serial, title, issuer, year = self.conn.execute(Q.DOC_MATCH_FIELDS, (doc_id,)).fetchone()
        ref_ids: set[int] = {r[0] for r in self.conn.execute(Q.REFS_TO, (doc_id,))}
        if nk:
            if year is not None:
                rows = self.conn.execute(Q.REFS_BY_NUMBER_YEAR, (nk, year)).fetchall()
                # references without a year: only while the number is rare enough to list
                # its documents (beyond MAX_CANDIDATES they name an ambiguous placeholder)
                same = self.conn.execute(Q.COUNT_REAL_BY_NUMBER, (nk, MAX_CANDIDATES + 2)).fetchone()[0]
                if same <= MAX_CANDIDATES + 1:
                    rows += self.conn.execute(Q.REFS_BY_NUMBER_NO_YEAR, (nk,)).fetchall()
            else:
                rows = self.conn.execute(Q.REFS_BY_NUMBER, (nk,)).fetchall()
            # a reference naming another issuer cannot newly name this document
            ref_ids |= {r[0] for r in rows if issuer_compatible(r[13], issuer)}
        if serial is not None:
            sql, args = (Q.REFS_BY_TYPE_SERIAL, (serial, tk)) if tk else (Q.REFS_BY_SERIAL_SHORT, (serial,))
            ref_ids |= {r[0] for r in self.conn.execute(sql, args)}
            if tk:
                ref_ids |= {r[0] for r in self.conn.execute(Q.REFS_BY_SERIAL_SHORT_UNTYPED, (serial,))}
        if tk and title:
            # without a number of its own, a document may be what numbered references name
            sql = Q.REFS_WITH_TITLE_BY_TYPE if nk is None else Q.REFS_NUMBERLESS_BY_TYPE
            for r in self.conn.execute(sql, (tk,)).fetchall():
                ref = _Ref.from_row(r)
                if title_matches(ref.title, title) and issuer_compatible(ref.issuer, issuer):
                    ref_ids.add(ref.ref_id)
        touched: set[int] = set()
        for ref_id in sorted(ref_ids):
            touched |= self._resolve(ref_id)
        self._gc_placeholders(touched)

    def _gc_placeholders(self, ids: Iterable[int]) -> None:
        """Delete placeholders among ``ids`` that nothing links to any more."""
        for doc_id in ids:
            row = self.conn.execute(Q.IS_PLACEHOLDER, (doc_id,)).fetchone()
            if row is None or not row[0]:
                continue
            if self.conn.execute(Q.HAS_INCOMING, (doc_id,)).fetchone():
                continue
            self.conn.execute(Q.DELETE_DOC, (doc_id,))


MAX_ROWS = 200
"""At most this many same-number documents are examined for a reference without year."""

MAX_CANDIDATES = 12
"""A reference matching more documents than this links to one ambiguous placeholder."""

TITLE_COVERAGE = 0.8
"""Share of a document's title words a reference without number must contain to name it."""
