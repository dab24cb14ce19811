"""The vndocs command line: a thin layer over the ``vndocs`` library.

Every command parses its options, calls the library, and prints. Library
errors become one ``Error: ...`` line on stderr and a non-zero exit.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator

import click

DEFAULT_INDEX = "indexes/default"
PER_FILE_SECONDS = 120


def _index_dir(index: str | None) -> str:
    return index or os.environ.get("VNDOCS_INDEX") or DEFAULT_INDEX


index_option = click.option(
    "--index",
    "index",
    default=None,
    metavar="DIR",
    help=f"Index folder (default: $VNDOCS_INDEX or {DEFAULT_INDEX}).",
)


def _error(message: str) -> None:
    from vndocs.render import safe_terminal

    # one line whatever the message holds (a newline in a file name too)
    click.echo(f"Error: {safe_terminal(message.replace(chr(10), chr(92) + 'n'))}", err=True)


_C1 = re.compile("[\x80-\x9f]")


def _json(obj: object) -> str:
    """One JSON line, Vietnamese kept as is, C1 controls (8-bit CSI...) escaped."""
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(obj, ensure_ascii=False))


def _parse_many(files: Iterable[str]) -> Iterator[tuple[str, object | None]]:
    """Parse each file; yields (path, Document) or (path, None) after printing one error line."""
    from vndocs import parse
    from vndocs.errors import VndocsError
    from vndocs.safety import TimeLimitExceeded, time_limit

    for path in files:
        try:
            with time_limit(PER_FILE_SECONDS):
                doc = parse(os.fspath(path)) if os.path.exists(path) else None
            if doc is None:
                _error(f"{path}: no such file")
                yield path, None
                continue
        except VndocsError as e:
            _error(str(e))
            yield path, None
            continue
        except TimeLimitExceeded:
            _error(f"{path}: parsing took longer than {PER_FILE_SECONDS} s; skipped")
            yield path, None
            continue
        except RecursionError:
            _error(f"{path}: document structure too deeply nested")
            yield path, None
            continue
        except MemoryError:
            _error(f"{path}: out of memory while parsing")
            yield path, None
            continue
        except Exception as e:  # noqa: BLE001 - a batch never stops on one file
            _error(f"{path}: internal error ({type(e).__name__}: {e})")
            yield path, None
            continue
        yield path, doc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vndocs")
def main() -> None:
    """Read Vietnamese official documents (Party and State) into structured data."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file per line.")
def parse(files: tuple[str, ...], as_json: bool) -> None:
    """Parse documents and print their structure (header, outline, signature...)."""
    from vndocs.render import document_tree

    failed = 0
    for _path, doc in _parse_many(files):
        if doc is None:
            failed += 1
            continue
        if as_json:
            click.echo(_json(doc.to_dict()))  # type: ignore[attr-defined]
        else:
            click.echo(document_tree(doc))  # type: ignore[arg-type]
    sys.exit(1 if failed else 0)


# --- tasks (issue 4) -------------------------------------------------------
@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "ics"]), default="table",
              show_default=True, help="table for the terminal, csv for Excel, json, ics for calendars.")
@click.option("--unit", "unit", default=None, metavar="NAME",
              help="Only tasks naming this unit (diacritics, case and abbreviations ignored: mttq).")
def tasks(files: tuple[str, ...], fmt: str, unit: str | None) -> None:
    """List the tasks of documents: who, what, by when."""
    from vndocs.errors import VndocsError
    from vndocs.export import render_tasks

    docs = []
    failed = 0
    for _path, doc in _parse_many(files):
        if doc is None:
            failed += 1
        else:
            docs.append(doc)
    try:
        out = render_tasks(docs, fmt, unit=unit)  # type: ignore[arg-type]
    except VndocsError as e:
        _error(str(e))
        sys.exit(1)
    if isinstance(out, bytes):
        sys.stdout.buffer.write(out)
        sys.stdout.flush()
    else:
        click.echo(out, nl=False)
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
def units(files: tuple[str, ...]) -> None:
    """List the responsible units a document names, with their roles."""
    from vndocs.export import render_units

    failed = 0
    for _path, doc in _parse_many(files):
        if doc is None:
            failed += 1
            continue
        click.echo(render_units(doc), nl=False)  # type: ignore[arg-type]
    sys.exit(1 if failed else 0)

# --- references, catalog and trace (issue 3) -------------------------------
@main.command("index")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@index_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes (default: cores).")
@click.option("--prune", is_flag=True, help="Drop documents whose files under PATHS are gone.")
@click.option("--engine", default=None, help="Full-text engine to sync (default: the search default).")
@click.option("--no-wait", is_flag=True, help="Fail at once if another index run holds the index.")
@click.option("--force", is_flag=True, help="Parse unchanged files again (done by itself when the extractor changed).")
def index_cmd(
    paths: tuple[str, ...], index: str | None, jobs: int | None, prune: bool, engine: str | None, no_wait: bool, force: bool
) -> None:
    """Parse files and folders into the catalog (unchanged files are skipped)."""
    import sqlite3

    from vndocs.errors import VndocsError
    from vndocs.indexer import index_paths
    from vndocs.render import safe_terminal

    bar: list = []

    def on_start(total: int) -> None:
        if total:
            bar.append(click.progressbar(length=total, label="Indexing", file=sys.stderr))
            bar[0].__enter__()

    def on_file(path: str, status: str) -> None:
        if bar:
            bar[0].update(1)

    try:
        report = index_paths(
            _index_dir(index), paths, jobs=jobs, prune=prune, engine=engine, wait=not no_wait,
            on_wait=lambda: click.echo("Another 'vndocs index' is writing this index; waiting...", err=True),
            on_start=on_start, on_file=on_file, force=force,
        )
    except VndocsError as e:
        _error(str(e))
        sys.exit(1)
    except KeyboardInterrupt:
        _error("interrupted; the catalog keeps every document indexed so far (run again to finish)")
        sys.exit(130)
    except sqlite3.Error as e:
        _error(f"{_index_dir(index)}: catalog error ({e}); documents indexed before it are kept")
        sys.exit(1)
    finally:
        if bar:
            bar[0].__exit__(None, None, None)
    if report.reparsed_all:
        click.echo("the extractor changed since this index was built: every file was parsed again")
    click.echo(
        f"{report.files} file(s) in {report.seconds:.1f} s: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.pruned} pruned, {len(report.failed)} failed"
        + (f", {report.known_failures} timed out before (unchanged, not retried)" if report.known_failures else "")
    )
    for path, reason in report.failed:
        click.echo(f"  failed: {safe_terminal(path)}: {safe_terminal(reason)}")
    if report.fulltext_error:
        _error(f"full-text index not updated ({report.fulltext_error}); the next 'vndocs index' retries")
    elif report.fulltext_synced is not None:
        click.echo(f"full-text: {report.fulltext_synced} document(s) synced")


@main.command()
@click.argument("file", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
def refs(file: str, as_json: bool) -> None:
    """List a file's references: relation, target and where each is mentioned (line:col)."""
    from vndocs.errors import VndocsError
    from vndocs.render import safe_terminal
    from vndocs.trace import file_references, file_references_json, format_file_references

    if not os.path.isfile(file):
        _error(f"{file}: no such file")
        sys.exit(1)
    from vndocs.safety import TimeLimitExceeded, time_limit

    try:
        with time_limit(PER_FILE_SECONDS):
            found = file_references(file)
    except VndocsError as e:
        _error(str(e))
        sys.exit(1)
    except TimeLimitExceeded:
        _error(f"{file}: parsing took longer than {PER_FILE_SECONDS} s")
        sys.exit(1)
    except Exception as e:  # noqa: BLE001 - one line, never a traceback
        _error(f"{file}: internal error ({type(e).__name__}: {e})")
        sys.exit(1)
    if as_json:
        click.echo(_json(file_references_json(file, found)))
    else:
        click.echo(safe_terminal(format_file_references(file, found)))


@main.command()
@click.argument("ref")
@click.option("--down", "direction", flag_value="down", default=True, help="Documents that implement, cite... REF (default).")
@click.option("--up", "direction", flag_value="up", help="Documents REF implements, cites... up to the roots.")
@click.option("--depth", type=click.IntRange(min=0), default=None, help="Links to follow (default: all).")
@click.option("--relation", "relations", multiple=True, metavar="R", help="Follow only this relation (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["tree", "json", "dot", "mermaid"]), default="tree", show_default=True)
@index_option
def trace(ref: str, direction: str, depth: int | None, relations: tuple[str, ...], fmt: str, index: str | None) -> None:
    """Follow the links of REF (44-KL/TW, 'Kết luận 44', 'Nghị định 30/2020' or a file)."""
    import sqlite3

    from vndocs.catalog import Catalog
    from vndocs.errors import VndocsError
    from vndocs.render import safe_terminal
    from vndocs.trace import FORMATS, RELATIONS
    from vndocs.trace import trace as run_trace

    bad = [r for r in relations if r not in RELATIONS]
    if bad:
        _error(f"unknown relation {bad[0]!r} (known: {', '.join(RELATIONS)})")
        sys.exit(2)
    try:
        with Catalog(_index_dir(index), readonly=True) as catalog:
            result = run_trace(catalog, ref, direction=direction, depth=depth, relations=relations or None)
    except VndocsError as e:
        _error(str(e))
        sys.exit(1)
    except sqlite3.Error as e:
        _error(f"{_index_dir(index)}: catalog error ({e})")
        sys.exit(1)
    text = FORMATS[fmt](result)
    click.echo(text if fmt == "json" else "\n".join(safe_terminal(line) for line in text.split("\n")))


@main.command()
@index_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per failure per line.")
def failures(index: str | None, as_json: bool) -> None:
    """List files the index could not read, with the reason."""
    import sqlite3

    from vndocs.catalog import Catalog
    from vndocs.errors import VndocsError
    from vndocs.render import safe_terminal

    try:
        with Catalog(_index_dir(index), readonly=True) as catalog:
            found = catalog.failures()
    except VndocsError as e:
        _error(str(e))
        sys.exit(1)
    except sqlite3.Error as e:
        _error(f"{_index_dir(index)}: catalog error ({e})")
        sys.exit(1)
    for f in found:
        if as_json:
            click.echo(_json({"source": f.source, "reason": f.reason, "failed_at": f.failed_at}))
        else:
            click.echo(f"{safe_terminal(f.source)}: {safe_terminal(f.reason)}")
    if not found and not as_json:
        click.echo("no failures", err=True)

# --- search (issue 8) ------------------------------------------------------
SEARCH_ENGINES = ("tantivy", "whoosh")


@main.command("search")
@click.argument("query", required=False, default="")
@click.option("--type", "doc_type", default=None, metavar="T", help="Document type: name or code (Kế hoạch, KH).")
@click.option("--issuer", default=None, metavar="I", help="Words of the issuer (Tỉnh ủy, UBND Hà Nội).")
@click.option("--year", default=None, metavar="Y", help="Year of issue.")
@click.option("--from", "date_from", default=None, metavar="D", help="Issued on or after (YYYY-MM-DD).")
@click.option("--to", "date_to", default=None, metavar="D", help="Issued on or before (YYYY-MM-DD).")
@click.option("--cites", default=None, metavar="REF", help="Documents that mention this number (44-KL/TW).")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--offset", default=0, type=click.IntRange(0), help="Hits to skip (paging).")
@click.option("--sort", default="relevance", type=click.Choice(["relevance", "date"]), show_default=True)
@click.option("--facets", is_flag=True, help="Also count matches by type, issuer and year.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--engine", default=None, type=click.Choice(SEARCH_ENGINES, case_sensitive=False),
              help="Full-text engine (default tantivy, or $VNDOCS_SEARCH_ENGINE).")
@index_option
def search_command(query: str, doc_type: str | None, issuer: str | None, year: str | None,
                   date_from: str | None, date_to: str | None, cites: str | None, limit: int,
                   offset: int, sort: str, facets: bool, as_json: bool, engine: str | None,
                   index: str | None) -> None:
    """Full-text search of indexed documents, with or without diacritics.

    QUERY takes words, numbers as typed (45-KH/BTGTU, "kh 45"), "quoted phrases"
    and fields: type:"Kế hoạch" issuer:"Tỉnh ủy" year:2022 from:2022-01-01
    to:2022-12-31 cites:44-KL/TW number:308/KH-UBND title:"chuyển đổi số".
    """
    from vndocs.errors import VndocsError
    from vndocs.search import search as run_search

    if year and (date_from or date_to):
        _error("--year cannot be combined with --from/--to")
        sys.exit(2)
    try:
        result = run_search(_index_dir(index), query, engine=engine, type=doc_type, issuer=issuer,
                            year=year, date_from=date_from, date_to=date_to, cites=cites,
                            limit=limit, offset=offset, facets=facets, sort=sort)
    except VndocsError as e:
        _error(str(e))
        sys.exit(1)
    if as_json:
        click.echo(_json(result.to_dict()))
        return
    from vndocs.search.snippets import render_result

    click.echo(render_result(result, bold=sys.stdout.isatty()))


@main.command()
@click.option("--engine", default=None, type=click.Choice(SEARCH_ENGINES, case_sensitive=False),
              help="Engine whose index is rebuilt (default tantivy).")
@click.option("--no-wait", is_flag=True, help="Fail at once if another writer holds the index.")
@index_option
def reindex(engine: str | None, no_wait: bool, index: str | None) -> None:
    """Rebuild the full-text index from the catalog (after an upgrade or a crash)."""
    from vndocs.errors import VndocsError
    from vndocs.search import reindex as run_reindex
    from vndocs.search.engine import resolve_engine

    def waiting() -> None:
        click.echo("Waiting for another writer of this index to finish...", err=True)

    try:
        name = resolve_engine(engine)
        n = run_reindex(_index_dir(index), name, wait=not no_wait, on_wait=waiting)
    except VndocsError as e:
        _error(str(e))
        sys.exit(1)
    click.echo(f"reindexed {n} document(s) into the {name} full-text index")

# --- show (issue 5) --------------------------------------------------------
@main.command()
@click.argument("file", type=click.Path())
@click.option("--html", "html_out", default=None, metavar="OUT", type=click.Path(dir_okay=False),
              help="Write a standalone HTML page (highlighted text, outline, references, tasks).")
@click.option("--open", "open_page", is_flag=True, help="Open the HTML page in the browser.")
@click.option("--index", "index", default=None, metavar="DIR",
              help="Catalog index: link references to their catalog entries in the page.")
def show(file: str, html_out: str | None, open_page: bool, index: str | None) -> None:
    """Show a document: header, outline, references and tasks (or an HTML page)."""
    from vndocs.errors import VndocsError
    from vndocs.render import document_show

    doc = next(_parse_many([file]))[1]
    if doc is None:
        sys.exit(1)
    if html_out is None and not open_page:
        click.echo(document_show(doc))  # type: ignore[arg-type]
        return
    from vndocs.html_view import write_html

    if html_out is None:
        import tempfile

        fd, html_out = tempfile.mkstemp(prefix="vndocs-show-", suffix=".html")
        os.close(fd)
    try:
        path = write_html(doc, html_out, index=index)  # type: ignore[arg-type]
    except VndocsError as e:
        _error(str(e))
        sys.exit(1)
    except Exception as e:  # noqa: BLE001 - one line, never a traceback
        _error(f"{file}: internal error while writing the page ({type(e).__name__}: {e})")
        sys.exit(1)
    click.echo(f"wrote {path}")
    if open_page:
        import webbrowser

        webbrowser.open(path.as_uri())

# --- serve (issue 7) -------------------------------------------------------
@main.command()
@index_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (other machines can connect only if you change it).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--engine", default=None, type=click.Choice(SEARCH_ENGINES, case_sensitive=False),
              help="Full-text engine (default tantivy).")
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="Search pages (and, apart, document pages) computed at once (default 1).")
def serve(index: str | None, host: str, port: int, engine: str | None, workers: int | None) -> None:
    """Serve the web app: search, documents, trace and upload, in Vietnamese."""
    from vndocs.errors import VndocsError
    from vndocs.web import serve as run_server

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"Warning: listening on {host}: other machines on the network can open the app.", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"vndocs: http://{shown}:{port}/  (index {_index_dir(index)}; Ctrl+C to stop)", err=True)
    try:
        run_server(_index_dir(index), host=host, port=port, engine=engine, workers=workers)
    except VndocsError as e:
        _error(str(e))
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
