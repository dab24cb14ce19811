"""Offline: the main commands run with no network at all.

underthesea's models ship in its wheel and spaCy loads no model from a hub, so
``parse``, ``tasks``, ``refs``, ``index``, ``search``, ``trace`` and
``show --html`` must succeed without a network. Each command runs

- in a new user and network namespace (``unshare -rn``: only a loopback that is
  down) when the kernel allows it, and
- always with a ``sitecustomize`` that makes every internet socket
  connection and name lookup fail *and records the attempt*, so a library that
  would quietly fall back after a failed download is caught too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_robustness import CORPUS, REFERENCE_TXT, ROOT

GUARD = '''
import os, socket

_LOG = os.environ["VNDOCS_NET_LOG"]


def _deny(what):
    with open(_LOG, "a") as f:
        f.write(what + "\\n")
    raise OSError(101, "network disabled by tests/test_offline.py: " + what)


_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _deny("connect %r" % (address,))
    return _connect(self, address)


def connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _deny("connect_ex %r" % (address,))
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if host not in (None, "localhost", "127.0.0.1", "::1"):
        _deny("getaddrinfo %r" % (host,))
    return _getaddrinfo(host, *args, **kwargs)


_getaddrinfo = socket.getaddrinfo
socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.getaddrinfo = getaddrinfo
'''


def _unshare_works() -> bool:
    if not shutil.which("unshare"):
        return False
    try:
        r = subprocess.run(["unshare", "-rn", "true"], check=False, capture_output=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return False
    return r.returncode == 0


UNSHARE = _unshare_works()


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("offline")
    guard = folder / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD)
    log = folder / "net.log"
    log.touch()
    docs = folder / "docs"
    docs.mkdir()
    for name in (REFERENCE_TXT.name, "kh_308-KH-UBND_hanoi_tnt305.md", "qd_169-QD-BLDTBXH_congbao.pdf",
                 "luat_24-2018-QH14_an-ninh-mang_ragluat.docx"):
        shutil.copy(CORPUS / name, docs / name)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_", "SPACY_"))}
    for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy", "NO_PROXY"):
        env.pop(k, None)
    env["PYTHONPATH"] = os.pathsep.join([str(guard), str(ROOT)])
    env["VNDOCS_NET_LOG"] = str(log)
    env["HOME"] = str(folder / "home")  # no cached credentials or configs from the user
    return {"folder": folder, "docs": docs, "log": log, "env": env, "index": folder / "index"}


def _run(offline: dict[str, object], *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-c", "import cli; cli.main()", *args]
    if UNSHARE:
        cmd = ["unshare", "-rn", *cmd]
    return subprocess.run(cmd, cwd=ROOT, env=offline["env"], check=False, capture_output=True, text=True,  # type: ignore[arg-type]
                          timeout=600)


def test_guard_blocks_and_records_a_connection(offline: dict[str, object]) -> None:
    """The guard itself works: a connection attempt fails and is logged."""
    code = ("import socket\ntry:\n    socket.create_connection(('pypi.org', 443), timeout=3)\n"
            "except OSError as e:\n    print('blocked', e)\n")
    cmd = [sys.executable, "-c", code]
    if UNSHARE:
        cmd = ["unshare", "-rn", *cmd]
    r = subprocess.run(cmd, env=offline["env"], check=False, capture_output=True, text=True, timeout=60)  # type: ignore[arg-type]
    assert "blocked" in r.stdout, r.stderr
    log = Path(offline["log"])  # type: ignore[arg-type]
    assert "pypi.org" in log.read_text()
    log.write_text("")


STEPS = [
    ("parse", ["parse", "--json", "{docs}/" + REFERENCE_TXT.name, "{docs}/qd_169-QD-BLDTBXH_congbao.pdf",
               "{docs}/luat_24-2018-QH14_an-ninh-mang_ragluat.docx"]),
    ("tasks", ["tasks", "--format", "json", "{docs}/" + REFERENCE_TXT.name]),
    ("units", ["units", "{docs}/" + REFERENCE_TXT.name]),
    ("refs", ["refs", "{docs}/" + REFERENCE_TXT.name]),
    ("index", ["index", "--index", "{index}", "{docs}"]),
    ("search", ["search", "--index", "{index}", "--json", "an ninh"]),
    ("search-whoosh", ["search", "--index", "{index}", "--json", "--engine", "whoosh", "an ninh"]),
    ("trace", ["trace", "--index", "{index}", "45-KH/BTGTU"]),
    ("show-html", ["show", "{docs}/" + REFERENCE_TXT.name, "--html", "{folder}/page.html"]),
]


@pytest.mark.slow
def test_main_commands_work_without_network(offline: dict[str, object]) -> None:
    import cli

    values = {k: str(v) for k, v in offline.items() if isinstance(v, (str, Path))}
    log = Path(offline["log"])  # type: ignore[arg-type]
    log.write_text("")
    ran = []
    for name, args in STEPS:
        if args[0] not in cli.main.commands:
            continue
        if name == "search-whoosh":
            r = _run(offline, "reindex", "--index", values["index"], "--engine", "whoosh")
            assert r.returncode == 0, r.stderr
        r = _run(offline, *[a.format(**values) for a in args])
        assert r.returncode == 0, f"{name} failed offline:\n{r.stderr[-3000:]}"
        assert "Traceback" not in r.stderr
        ran.append(name)
    assert {"parse", "index", "search", "show-html"} <= set(ran)
    assert log.read_text() == "", f"network attempted:\n{log.read_text()}"
    assert (Path(values["folder"]) / "page.html").stat().st_size > 1000


def test_unshare_is_used_when_available() -> None:
    """Report which isolation ran (unshare gives the stronger guarantee)."""
    if not UNSHARE:
        pytest.skip("unshare -rn not permitted here; the socket guard alone was used")
    r = subprocess.run(["unshare", "-rn", sys.executable, "-c",
                        ("import socket\ntry:\n socket.create_connection(('1.1.1.1', 53), timeout=3)\n"
                        "except OSError:\n print('unreachable')")],
                       check=False, capture_output=True, text=True, timeout=60)
    assert "unreachable" in r.stdout
