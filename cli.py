"""The vndocs command line: a thin layer over the ``vndocs`` library.

Every command parses its options, calls the library, and prints. Library
errors become one ``Error: ...`` line on stderr and a non-zero exit.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Iterable, Iterator

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

    click.echo(f"Error: {safe_terminal(message)}", err=True)


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
    for path, doc in _parse_many(files):
        if doc is None:
            failed += 1
            continue
        if as_json:
            click.echo(json.dumps(doc.to_dict(), ensure_ascii=False))  # type: ignore[attr-defined]
        else:
            click.echo(document_tree(doc))  # type: ignore[arg-type]
    sys.exit(1 if failed else 0)


# --- tasks (issue 4) -------------------------------------------------------
# TASKS-COMMANDS-PLACEHOLDER

# --- references, catalog and trace (issue 3) -------------------------------
# CATALOG-COMMANDS-PLACEHOLDER

# --- search (issue 8) ------------------------------------------------------
# SEARCH-COMMANDS-PLACEHOLDER

# --- show (issue 5) --------------------------------------------------------
# SHOW-COMMANDS-PLACEHOLDER

# --- serve (issue 7) -------------------------------------------------------
# SERVE-COMMANDS-PLACEHOLDER


if __name__ == "__main__":  # pragma: no cover
    main()
