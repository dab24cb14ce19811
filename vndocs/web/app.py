"""The office web app (``vndocs serve``): search, document, trace and upload pages.

Everything comes from the other parts of vndocs: the catalog
(:mod:`vndocs.catalog`), full-text search (:mod:`vndocs.search`), the trace
(:mod:`vndocs.trace`), the entity spans of :mod:`vndocs.spacy_component`, the
highlighted text of :mod:`vndocs.html_view` and the tasks export of
:mod:`vndocs.export`. A page whose piece is missing says so instead of failing.

Safety: documents are served by catalog id only; uploads are size-limited and
type-checked; every document string goes through Jinja's autoescape (the one
pre-rendered fragment, the highlighted text, is escaped by
:func:`vndocs.html_view.highlighted_text`); writing forms carry a CSRF token
and are refused from another origin; responses carry a strict
Content-Security-Policy (scripts from this server only).
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from flask import (
    Flask,
    Response,
    g,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from markupsafe import Markup, escape
from werkzeug.exceptions import NotFound as HTTPNotFound

from vndocs.errors import VndocsError
from vndocs.web import labels
from vndocs.web.security import (
    UPLOAD_EXTS,
    CsrfRejected,
    UploadRejected,
    check_csrf,
    check_upload,
    csrf_token,
)

PAGE_SIZE = 10
"""Search hits per page."""
MAX_PAGE = 100
"""Last page reachable (deeper paging is refused: refine the query)."""
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
"""Largest upload accepted (``MAX_CONTENT_LENGTH``)."""
PARSE_SECONDS = 60
"""Time limit for parsing one uploaded file."""
UPLOAD_DIR = "uploads"
"""Subfolder of the index folder where uploaded files are kept."""

_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_YEAR_RE = re.compile(r"^(?:19|20)\d{2}$")

_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


class _Parser:
    """Parses uploads in a separate process, so a hostile file cannot hang or crash the server."""

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        self._pool: Any = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, tuple[dict[str, Any], str]] = OrderedDict()

    def parse(self, path: Path, sha: str) -> tuple[dict[str, Any], str]:
        """``(doc_dict, text)`` of a stored upload (cached by content hash).

        Raises:
            VndocsError: the file cannot be read or parsing failed or took too long.
        """
        with self._lock:
            if sha in self._cache:
                self._cache.move_to_end(sha)
                return self._cache[sha]
        from concurrent.futures import TimeoutError as FutureTimeout
        from concurrent.futures.process import BrokenProcessPool

        from vndocs.indexer import parse_file

        pool = self._get_pool()
        try:
            _, ok, payload = pool.submit(parse_file, str(path), self.seconds).result(
                timeout=self.seconds + 30
            )
        except (BrokenProcessPool, FutureTimeout):
            self._reset_pool()
            raise VndocsError("không phân tích được tệp (quá thời gian hoặc lỗi trình phân tích)") from None
        if not ok:
            raise VndocsError(f"không đọc được tệp: {payload}")
        doc, text = payload
        with self._lock:
            self._cache[sha] = (doc, text)
            while len(self._cache) > 16:
                self._cache.popitem(last=False)
        return doc, text

    def _get_pool(self) -> Any:
        with self._lock:
            if self._pool is None:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                methods = multiprocessing.get_all_start_methods()
                ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=ctx)
            return self._pool

    def _reset_pool(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the worker process."""
        self._reset_pool()


# ---------------------------------------------------------------------------
# Helpers used by the pages


_UNSAFE_NAME_RE = re.compile(r"[^\w.() -]+")


def safe_filename(sent: str, ext: str) -> str:
    """A file name to keep an upload under: the sent name's last part, tame characters only.

    Args:
        sent: Name as sent by the browser (may hold folders, ``..``, controls).
        ext: The checked extension (``.pdf``), which the name is forced to end with.
    """
    import unicodedata

    base = unicodedata.normalize("NFC", sent.replace("\\", "/").rsplit("/", 1)[-1])
    stem = base[: -len(ext)] if base.lower().endswith(ext) else base
    stem = _UNSAFE_NAME_RE.sub("_", stem).strip(" ._")[:100]
    return (stem or "van-ban") + ext


def marked_snippet(snippet: str, highlights: Sequence[Sequence[int]]) -> Markup:
    """A search snippet, escaped, with ``<mark>`` around the matched words."""
    out: list[str] = []
    pos = 0
    for start, end in sorted((int(a), int(b)) for a, b in highlights):
        if start < pos or end <= start or end > len(snippet):
            continue
        out.append(str(escape(snippet[pos:start])))
        out.append(f"<mark>{escape(snippet[start:end])}</mark>")
        pos = end
    out.append(str(escape(snippet[pos:])))
    return Markup("".join(out))


def pages_around(page: int, last: int, width: int = 2) -> list[int | None]:
    """Page numbers to show: first, last and a window around ``page``; None for a gap."""
    shown = sorted({1, last, *range(max(1, page - width), min(last, page + width) + 1)})
    out: list[int | None] = []
    prev = 0
    for p in shown:
        if p - prev > 1:
            out.append(None)
        out.append(p)
        prev = p
    return out


def _toc(sections: Sequence[Any], max_depth: int = 3) -> tuple[list[dict[str, Any]], list[tuple[int, str]]]:
    """The table of contents (nested dicts) and the anchors to insert into the text."""
    anchors: list[tuple[int, str]] = []

    def visit(nodes: Sequence[Any], prefix: str, depth: int) -> list[dict[str, Any]]:
        items = []
        for i, s in enumerate(nodes, 1):
            anchor = f"{prefix}-{i}"
            anchors.append((s.span.start, anchor))
            children = visit(s.children, anchor, depth + 1)
            if s.kind in ("dash", "plus") or depth >= max_depth:
                continue
            items.append(
                {"anchor": anchor, "label": s.label, "heading": s.heading, "children": children}
            )
        return items

    return visit(sections, "sec", 0), anchors


def _first_words(text: str, n: int = 60) -> str:
    words = " ".join(text.split()[:16])
    return words if len(words) <= n else words[: n - 1].rstrip() + "…"


def _export_functions() -> dict[str, Any]:
    """Exporters of the tasks, by format (``csv``, ``ics``), from :mod:`vndocs.export`.

    Each takes a document and returns the file's text or bytes; empty when the
    export module is not installed (the page then says so).
    """
    try:
        from vndocs.export import render_tasks
    except ImportError:
        return {}
    return {kind: (lambda doc, k=kind: render_tasks([doc], k)) for kind in ("csv", "ics")}


# ---------------------------------------------------------------------------
# The app


def create_app(
    index_dir: str | os.PathLike[str],
    *,
    engine: str | None = None,
    secret_key: str | None = None,
    max_upload: int = MAX_UPLOAD_BYTES,
    trusted_hosts: Sequence[str] | None = None,
    workers: int | None = None,
    testing: bool = False,
) -> Flask:
    """The Flask app serving one index folder.

    Args:
        index_dir: The index folder (``catalog.sqlite3`` and ``fulltext-*``).
        engine: Full-text engine (default: the search default).
        secret_key: Key signing the session cookie (random per start by default).
        max_upload: Largest upload in bytes.
        trusted_hosts: Host names the ``Host`` header may carry (any port); other
            requests get a 400 page. ``vndocs serve`` on a loopback address passes
            the loopback names, which stops DNS-rebinding pages from reading the app.
            None accepts any host.
        workers: Most search pages computed at once, and apart from them most
            document and trace pages (default 1 each): Python computes one page
            at a time anyway (the GIL), so more requests wait their turn and each
            finishes quickly instead of all slowing down together, and a long
            document page never holds up a search.
        testing: Flask testing mode.

    Returns:
        The app; run it with ``app.run(host, port)`` or any WSGI server.
    """
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secret_key or secrets.token_hex(32),
        MAX_CONTENT_LENGTH=max_upload,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_HTTPONLY=True,
        TESTING=testing,
        VNDOCS_INDEX=Path(index_dir),
        VNDOCS_ENGINE=engine,
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.jinja_env.autoescape = True
    app.jinja_env.filters.update(
        dict_clean=lambda d: {k: v for k, v in d.items() if v},
        dict_without=lambda d, name: {k: v for k, v in d.items() if v and k != name},
        dict_with=lambda d, name, value: {**{k: v for k, v in d.items() if v}, name: value},
    )
    parser = _Parser(PARSE_SECONDS)
    app.extensions["vndocs_parser"] = parser
    index = Path(index_dir)

    allowed = {h.lower().strip("[]") for h in trusted_hosts} if trusted_hosts is not None else None
    search_slots = threading.BoundedSemaphore(max(1, workers or 1))
    page_slots = threading.BoundedSemaphore(max(1, workers or 1))

    def limited(slots: threading.BoundedSemaphore) -> Any:
        """Run a CPU-bound page within worker slots; the wait is reported apart."""
        import functools

        def decorate(view: Any) -> Any:
            @functools.wraps(view)
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                t = time.perf_counter()
                with slots:
                    g.queue_ms = (time.perf_counter() - t) * 1000
                    return view(*args, **kwargs)

            return wrapper

        return decorate

    @app.before_request
    def _start_timer() -> Any:
        g.t0 = time.perf_counter()
        if allowed is not None:
            host = request.host.lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name.strip("[]") not in allowed:
                return error_page(400, "Tên máy chủ không được phép (Host).")
        return None

    @app.after_request
    def _headers(resp: Response) -> Response:
        t0 = g.get("t0")
        if t0 is not None:
            total = (time.perf_counter() - t0) * 1000
            queue = g.get("queue_ms", 0.0)
            resp.headers["Server-Timing"] = f"app;dur={total - queue:.1f}, queue;dur={queue:.1f}"
        resp.headers.setdefault("Content-Security-Policy", _CSP)
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Referrer-Policy"] = "same-origin"
        return resp

    def search_url(**params: Any) -> str:
        """A search-page URL (cheaper than ``url_for`` for the many facet and page links)."""
        from urllib.parse import urlencode

        query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
        return f"{request.script_root}/?{query}" if query else f"{request.script_root}/"

    @app.context_processor
    def _globals() -> dict[str, Any]:
        return {
            "search_url": search_url,
            "csrf_token": lambda: csrf_token(session),
            "labels": labels,
            "index_dir": str(index),
        }

    def error_page(status: int, message: str, hint: str | None = None) -> tuple[str, int]:
        return render_template("error.html", status=status, message=message, hint=hint), status

    def open_catalog() -> Any:
        """A read-only catalog, or None when there is none yet."""
        from vndocs.catalog import Catalog

        if not (index / "catalog.sqlite3").exists():
            return None
        return Catalog(index, readonly=True)

    @app.errorhandler(404)
    def _not_found(e: Exception) -> tuple[str, int]:
        return error_page(404, "Không tìm thấy trang hoặc văn bản.")

    @app.errorhandler(413)
    def _too_large(e: Exception) -> tuple[str, int]:
        mb = app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
        return error_page(413, f"Tệp quá lớn: chỉ nhận tệp đến {mb} MB.")

    @app.errorhandler(400)
    def _bad_request(e: Exception) -> tuple[str, int]:
        return error_page(400, "Yêu cầu không hợp lệ.")

    @app.errorhandler(405)
    def _bad_method(e: Exception) -> tuple[str, int]:
        return error_page(405, "Phương thức không được phép.")

    @app.errorhandler(CsrfRejected)
    def _csrf(e: CsrfRejected) -> tuple[str, int]:
        return error_page(403, f"Từ chối yêu cầu: {e}")

    @app.errorhandler(500)
    def _internal(e: Exception) -> tuple[str, int]:
        return error_page(500, "Lỗi nội bộ của máy chủ.")

    # -- search -------------------------------------------------------------

    @app.get("/")
    @limited(search_slots)
    def search_page() -> Any:
        q = request.args.get("q", "").strip()[:500]
        filters = {
            name: request.args.get(name, "").strip()[:200] or None
            for name in ("type", "issuer", "year")
        }
        sort = request.args.get("sort", "relevance")
        if sort not in ("relevance", "date"):
            sort = "relevance"
        try:
            page = max(1, min(int(request.args.get("page", "1")), MAX_PAGE))
        except ValueError:
            page = 1
        ctx: dict[str, Any] = {
            "q": q, "filters": filters, "sort": sort, "page": page, "result": None,
            "error": None, "hint": None, "counts": None, "pages": [], "last_page": 1,
        }
        if not (index / "catalog.sqlite3").exists():
            ctx["error"] = "Chưa có chỉ mục văn bản."
            ctx["hint"] = f"Hãy chạy: vndocs index THƯ_MỤC_VĂN_BẢN --index {index}"
            return render_template("search.html", **ctx)
        try:
            from vndocs import search as fulltext
        except ImportError as e:
            ctx["error"] = f"Chức năng tìm kiếm toàn văn chưa sẵn sàng ({e})."
            return render_template("search.html", **ctx)
        if not q and not any(filters.values()):
            try:
                catalog = open_catalog()
                if catalog is not None:
                    with catalog:
                        ctx["counts"] = catalog.counts()
            except VndocsError:
                pass
            return render_template("search.html", **ctx)
        if filters["year"] and not _YEAR_RE.match(filters["year"]):
            ctx["error"] = "Năm không hợp lệ (ví dụ: 2022)."
            return render_template("search.html", **ctx), 400
        try:
            result = fulltext.search(
                index, q, engine=app.config["VNDOCS_ENGINE"], type=filters["type"],
                issuer=filters["issuer"], year=filters["year"], limit=PAGE_SIZE,
                offset=(page - 1) * PAGE_SIZE, facets=True, sort=sort,
            )
        except VndocsError as e:
            ctx["error"] = f"Không tìm được: {e}"
            if not any(index.glob("fulltext-*")):
                ctx["error"] = "Chưa có chỉ mục toàn văn."
                ctx["hint"] = f"Hãy chạy: vndocs index THƯ_MỤC_VĂN_BẢN --index {index} (hoặc vndocs reindex)"
            return render_template("search.html", **ctx)
        last = max(1, min(MAX_PAGE, math.ceil(result.total / PAGE_SIZE)))
        if page > last:  # an old link past the end: show the last page
            return redirect(search_url(q=q, sort=sort, page=last, **{k: v for k, v in filters.items() if v}))
        ctx.update(result=result, last_page=last, pages=pages_around(page, last))
        ctx["facets"] = {
            name: sorted(result.facets.get(name, {}).items(), key=lambda kv: (-kv[1], kv[0]))[:12]
            for name in ("type", "issuer")
        }
        ctx["facets"]["year"] = sorted(result.facets.get("year", {}).items(), reverse=True)[:15]
        ctx["snippets"] = [marked_snippet(h.snippet, h.highlights) for h in result.hits]
        return render_template("search.html", **ctx)

    # -- document -----------------------------------------------------------

    def load_document(doc_id: int) -> tuple[Any, Any, Any]:
        """(catalog, catalog document, typed Document or None for a placeholder); 404 if absent."""
        catalog = open_catalog()
        if catalog is None:
            raise HTTPNotFound()
        entry = catalog.get(doc_id)
        if entry is None:
            catalog.close()
            raise HTTPNotFound()
        data = catalog.document_data(doc_id)
        document = None
        if data is not None:
            from vndocs.web.rebuild import document_from_dict

            document = document_from_dict(data[0], data[1])
        return catalog, entry, document

    def neighbours(catalog: Any, entry: Any, direction: str) -> list[Any]:
        from vndocs.trace import trace_from

        result = trace_from(catalog, [entry], direction=direction, depth=1)
        return [n for n in result.nodes if n.depth == 1]

    def reference_targets(catalog: Any, doc_id: int, document: Any) -> list[list[Any]]:
        """For each reference of the document, the catalog documents its edges point to."""
        by_start: dict[int, int] = {}
        for i, ref in enumerate(document.references):
            for m in ref.mentions:
                by_start.setdefault(m.span.start, i)
        out: list[list[Any]] = [[] for _ in document.references]
        links = catalog.links_from([doc_id])
        docs = catalog.documents({link.dst for link in links})
        for link in links:
            first = catalog.first_mention(link.ref_id)
            k = by_start.get(first[0]) if first else None
            if k is None or link.dst not in docs:
                continue
            out[k].append((docs[link.dst], link.ambiguous))
        return out

    @app.get("/doc/<int:doc_id>")
    @limited(page_slots)
    def document_page(doc_id: int) -> Any:
        catalog, entry, document = load_document(doc_id)
        with catalog:
            up = neighbours(catalog, entry, "up")
            down = neighbours(catalog, entry, "down")
            if document is None:
                return render_template("placeholder.html", entry=entry, up=up, down=down)
            targets = reference_targets(catalog, doc_id, document)
        links: dict[tuple[int, int], str] = {}
        for ref, found in zip(document.references, targets):
            if len(found) == 1:
                for m in ref.mentions:
                    links[(m.span.start, m.span.end)] = url_for("document_page", doc_id=found[0][0].doc_id)
        text_html, entity_labels = render_text(document, links)
        toc, _ = _toc(document.sections)
        toc_first = _toc_first(document)
        exports = _export_functions()
        source_ok = bool(entry.source and os.path.isfile(entry.source))
        return render_template(
            "document.html", entry=entry, doc=document, toc=toc, toc_first=toc_first,
            text_html=text_html, entity_labels=entity_labels,
            targets=targets, up=up, down=down, exports=exports, source_ok=source_ok,
        )

    @app.get("/doc/<int:doc_id>/original")
    def original_file(doc_id: int) -> Any:
        catalog = open_catalog()
        if catalog is None:
            raise HTTPNotFound()
        with catalog:
            entry = catalog.get(doc_id)
        if entry is None or not entry.source or not os.path.isfile(entry.source):
            raise HTTPNotFound()
        return send_file(
            entry.source, as_attachment=True, download_name=os.path.basename(entry.source),
            mimetype="application/octet-stream",
        )

    @app.get("/doc/<int:doc_id>/tasks.<kind>")
    def tasks_export(doc_id: int, kind: str) -> Any:
        if kind not in ("csv", "ics"):
            raise HTTPNotFound()
        fn = _export_functions().get(kind)
        if fn is None:
            return error_page(501, f"Chưa có chức năng xuất {kind.upper()} (vndocs.export).")
        catalog, entry, document = load_document(doc_id)
        catalog.close()
        if document is None:
            raise HTTPNotFound()
        try:
            body = fn(document)
        except VndocsError as e:
            return error_page(500, f"Không xuất được: {e}")
        from vndocs.normalize import fold

        # header values are latin-1: an ASCII name (45-KH/BTGTU -> 45-kh_btgtu)
        stem = re.sub(r"[^A-Za-z0-9.-]+", "_", fold(entry.number or "")).strip("_") or f"van-ban-{doc_id}"
        mimetype = "text/csv" if kind == "csv" else "text/calendar"
        resp = Response(body, mimetype=f"{mimetype}; charset=utf-8")
        resp.headers["Content-Disposition"] = f'attachment; filename="{stem}-nhiem-vu.{kind}"'
        return resp

    # -- trace --------------------------------------------------------------

    @app.get("/trace")
    @limited(page_slots)
    def trace_page() -> Any:
        from vndocs.trace import trace_from

        ref = request.args.get("ref", "").strip()[:200]
        id_arg = request.args.get("id", "")
        ctx: dict[str, Any] = {"ref": ref, "error": None, "roots": [], "up": None, "down": None, "drawing": None}
        catalog = open_catalog()
        if catalog is None:
            ctx["error"] = "Chưa có chỉ mục văn bản: hãy chạy vndocs index."
            return render_template("trace.html", **ctx)
        with catalog:
            roots: list[Any] = []
            if id_arg.isdigit():
                entry = catalog.get(int(id_arg))
                if entry is None:
                    raise HTTPNotFound()
                roots = [entry]
                ctx["ref"] = entry.number or ""
            elif ref:
                from vndocs.errors import NotFound
                from vndocs.trace import BadReference

                try:
                    roots = _find_roots(catalog, ref)
                except NotFound:
                    ctx["error"] = f"Không có văn bản nào trong kho khớp với “{ref}”."
                except BadReference as e:
                    ctx["error"] = (
                        str(e) if str(e).startswith("nhập") else
                        f"Không hiểu “{ref}”: hãy nhập số, ký hiệu (44-KL/TW, 30/2020/NĐ-CP) "
                        "hoặc tên ngắn (Kết luận 44, Nghị định 30/2020)."
                    )
                except VndocsError as e:
                    ctx["error"] = str(e)
            if roots:
                from vndocs.web.graph import BOX_H, BOX_W, layout

                up = trace_from(catalog, roots, query=ref, direction="up", depth=3)
                down = trace_from(catalog, roots, query=ref, direction="down", depth=3)
                ctx.update(roots=roots, up=up, down=down, drawing=layout(up, down), box_w=BOX_W, box_h=BOX_H)
        return render_template("trace.html", **ctx)

    # -- upload -------------------------------------------------------------

    uploads = index / UPLOAD_DIR

    def stored_upload(sha: str) -> Path | None:
        """The file kept for a content hash: ``uploads/<sha256>/<safe name>``."""
        if not _SHA_RE.match(sha):
            return None
        folder = uploads / sha
        if not folder.is_dir():
            return None
        for p in sorted(folder.iterdir()):
            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in UPLOAD_EXTS:
                return p
        return None

    @app.get("/upload")
    def upload_form() -> Any:
        return render_template("upload.html", error=None)

    @app.post("/upload")
    def upload() -> Any:
        check_csrf(session, request.form.get("csrf_token"), request.headers, request.host_url)
        f = request.files.get("file")
        if f is None or not f.filename:
            return render_template("upload.html", error="Chưa chọn tệp."), 400
        data = f.read(app.config["MAX_CONTENT_LENGTH"] + 1)
        try:
            ext = check_upload(f.filename, data)
        except UploadRejected as e:
            return render_template("upload.html", error=f"Không nhận tệp: {e}."), 400
        sha = hashlib.sha256(data).hexdigest()
        if stored_upload(sha) is None:
            folder = uploads / sha
            try:
                folder.mkdir(parents=True, exist_ok=True)
                tmp = folder / f".upload-{secrets.token_hex(4)}"
                tmp.write_bytes(data)
                os.replace(tmp, folder / safe_filename(f.filename, ext))
            except OSError as e:
                return render_template("upload.html", error=f"Không lưu được tệp ({e.strerror})."), 500
        if request.form.get("add"):
            return add_upload(sha)
        return redirect(url_for("upload_preview", sha=sha), code=303)

    @app.get("/upload/<sha>")
    def upload_preview(sha: str) -> Any:
        path = stored_upload(sha)
        if path is None:
            raise HTTPNotFound()
        try:
            data, text = parser.parse(path, sha)
        except VndocsError as e:
            return render_template("upload.html", error=str(e)), 422
        from vndocs.web.rebuild import document_from_dict

        document = document_from_dict(data, text)
        toc, _ = _toc(document.sections)
        toc_first = _toc_first(document)
        text_html, entity_labels = render_text(document, {})
        catalog = open_catalog()
        existing = None
        if catalog is not None:
            with catalog:
                existing = catalog.by_source(str(path.resolve()))
        name = path.name
        return render_template(
            "preview.html", sha=sha, name=name, doc=document, toc=toc, toc_first=toc_first,
            existing=existing, text_html=text_html, entity_labels=entity_labels,
        )

    @app.post("/upload/<sha>/add")
    def upload_add(sha: str) -> Any:
        check_csrf(session, request.form.get("csrf_token"), request.headers, request.host_url)
        return add_upload(sha)

    def add_upload(sha: str) -> Any:
        path = stored_upload(sha)
        if path is None:
            raise HTTPNotFound()
        try:
            data, text = parser.parse(path, sha)
        except VndocsError as e:
            return render_template("upload.html", error=str(e)), 422
        from vndocs.catalog import Catalog

        source = str(path.resolve())
        data = dict(data, source=source)
        st = path.stat()
        warning = None
        try:
            catalog = Catalog(index)
            try:
                with catalog.writer_lock(wait=False):
                    res = catalog.add_document(
                        data, text, source=source, content_hash=sha, size=st.st_size, mtime=st.st_mtime
                    )
                    try:
                        from vndocs import search as fulltext
                    except ImportError:
                        fulltext = None  # type: ignore[assignment]
                    if fulltext is not None:
                        try:
                            fulltext.sync(catalog, app.config["VNDOCS_ENGINE"])
                        except Exception as e:  # noqa: BLE001 - the catalog stays good; next index syncs
                            warning = f"chỉ mục toàn văn chưa cập nhật ({e})"
            finally:
                catalog.close()
        except VndocsError as e:
            return render_template("upload.html", error=f"Không thêm được vào chỉ mục: {e}"), 409
        target = url_for("document_page", doc_id=res.doc_id)
        if warning:
            target += "?" + "warning=fulltext"
        return redirect(target, code=303)

    return app


def render_text(document: Any, links: dict[tuple[int, int], str]) -> tuple[Markup, list[str]]:
    """The document text as HTML with entities highlighted, plus the entity labels used.

    Entities are the spans of :mod:`vndocs.spacy_component` (what ``doc.ents``
    holds); :func:`vndocs.html_view.highlighted_text` escapes every piece of
    document text, so its output is safe to insert.

    Args:
        document: The typed document.
        links: URL per reference mention ``(start, end)``.
    """
    from vndocs.html_view import highlighted_text
    from vndocs.spacy_component import document_spans, select_entities

    entities = [(s.start, s.end, s.label) for s in select_entities(document_spans(document))]
    _, anchors = _toc(document.sections)
    for i, ref in enumerate(document.references, 1):
        for j, m in enumerate(ref.mentions, 1):
            anchors.append((m.span.start, f"ref-{i}-{j}"))
    for i, t in enumerate(document.tasks, 1):
        if t.span is not None:
            anchors.append((t.span.start, f"task-{i}"))
    n = len(document.text)
    anchors = [(min(max(p, 0), n), a) for p, a in anchors]
    html = highlighted_text(document.text, entities, anchors, links)
    return Markup(html), sorted({lb for _, _, lb in entities})


def _toc_first(document: Any) -> dict[str, str]:
    """The first words of every outline node, for table-of-contents entries without a heading."""
    out = {}
    for s, a in _walk_with_anchors(document.sections):
        body = document.text[s.span.start : s.span.end].lstrip()
        if s.label and body.startswith(s.label):
            body = body[len(s.label) :].lstrip(".)-: \t\n")
        out[a] = _first_words(body)
    return out


def _walk_with_anchors(sections: Sequence[Any], prefix: str = "sec") -> list[tuple[Any, str]]:
    out: list[tuple[Any, str]] = []
    for i, s in enumerate(sections, 1):
        anchor = f"{prefix}-{i}"
        out.append((s, anchor))
        out.extend(_walk_with_anchors(s.children, anchor))
    return out


def _find_roots(catalog: Any, ref: str) -> list[Any]:
    """The catalog documents a typed reference names (never a file path from the request)."""
    from vndocs.trace import BadReference, find_documents

    if os.path.isabs(ref) or os.path.exists(ref) or ref.startswith("."):
        raise BadReference("nhập số, ký hiệu văn bản (ví dụ 44-KL/TW, Kết luận 44), không nhập đường dẫn tệp")
    return find_documents(catalog, ref)
