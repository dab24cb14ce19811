"""The office web app of vndocs (``vndocs serve``): search, documents, trace, upload.

Flask is imported only when the app is created::

    from vndocs.web import create_app
    create_app("indexes/default").run("127.0.0.1", 8000)
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from flask import Flask

__all__ = ["LOOPBACK", "create_app", "serve"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")
"""Loopback names: the default address, and the only Host names accepted there."""


def create_app(index_dir: Any, **kwargs: Any) -> Flask:
    """The Flask app for an index folder (see :func:`vndocs.web.app.create_app`)."""
    from vndocs.web.app import create_app as _create

    return _create(index_dir, **kwargs)


def _warm_up() -> None:
    """Import the heavy modules of the document and search pages before the first visitor."""
    import contextlib
    import importlib

    for name in ("vndocs.spacy_component", "vndocs.search", "vndocs.trace", "vndocs.html_view"):
        # a module that fails here fails again on the page that needs it, which says so
        with contextlib.suppress(Exception):
            importlib.import_module(name)


def serve(index_dir: Any, host: str = "127.0.0.1", port: int = 8000, **kwargs: Any) -> None:
    """Serve the app with Werkzeug's threaded server until interrupted.

    Raises:
        vndocs.errors.VndocsError: the address cannot be bound.
    """
    from vndocs.errors import VndocsError

    if host in LOOPBACK and "trusted_hosts" not in kwargs:
        kwargs["trusted_hosts"] = LOOPBACK
    app = create_app(index_dir, **kwargs)
    threading.Thread(target=_warm_up, daemon=True).start()
    import socket

    from werkzeug.serving import make_server

    try:  # a clear error for a busy port or a bad address (werkzeug would print its own text)
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        socket.create_server((host, port), family=family).close()
        server = make_server(host, port, app, threaded=True)
    except (OSError, SystemExit) as e:
        reason = getattr(e, "strerror", None) or str(e)
        raise VndocsError(f"cannot listen on {host}:{port} ({reason})") from None
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        parser = app.extensions.get("vndocs_parser")
        if parser is not None:
            parser.close()
