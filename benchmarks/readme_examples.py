#!/usr/bin/env python3
"""Rerun the README's command examples and show where their output changed.

    python benchmarks/readme_examples.py [--update] [--only WORD]

Every fenced block of README.md whose lines start with ``$ vndocs ...`` holds
commands and the output they printed. Each command is run again from the
repository root (with this Python's ``bin`` folder first on PATH, so ``vndocs``
is this checkout's), and a unified diff is printed where the output differs.
``--update`` writes the new outputs into README.md. Outputs that carry timings
(``vndocs index``) differ from run to run: read the diff before updating.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```$", re.M | re.S)


def _run(command: str) -> str:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.setdefault("COLUMNS", "200")
    done = subprocess.run(
        command, shell=True, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600
    )
    return done.stdout


def _examples(block: str) -> list[tuple[str, str]]:
    """``(command, output)`` pairs of a block made of ``$ command`` lines and their output."""
    out: list[tuple[str, str]] = []
    for part in re.split(r"^(?=\$ )", block, flags=re.M):
        if not part.startswith("$ "):
            continue
        command, _, output = part.partition("\n")
        out.append((command[2:], output))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="write the new outputs into README.md")
    ap.add_argument("--only", default="", help="only commands containing this text")
    args = ap.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    changed = 0
    pieces: list[str] = []
    pos = 0
    for m in FENCE.finditer(text):
        block = m.group(1)
        examples = _examples(block)
        if not examples or not all(c.startswith("vndocs") for c, _ in examples):
            continue
        new_block = block
        for command, output in examples:
            if args.only and args.only not in command:
                continue
            got = _run(command)
            if got != output:
                changed += 1
                print(f"== $ {command}")
                sys.stdout.writelines(difflib.unified_diff(
                    output.splitlines(True), got.splitlines(True), "README", "now", n=1))
                new_block = new_block.replace(f"$ {command}\n{output}", f"$ {command}\n{got}", 1)
        pieces.append(text[pos : m.start(1)] + new_block)
        pos = m.end(1)
    pieces.append(text[pos:])
    print(f"{changed} example(s) differ")
    if args.update and changed:
        README.write_text("".join(pieces), encoding="utf-8")
        print("README.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
