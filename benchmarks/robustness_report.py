"""Run the fault and load experiments and print a Markdown section for the README.

    .venv/bin/python benchmarks/robustness_report.py            # everything (~10 min)
    .venv/bin/python benchmarks/robustness_report.py --quick    # no 100 MB / 2 GB inputs, fewer rounds

What it does (the same inputs and checks as the tests, measured):

1. bad input: every case of ``tests/test_robustness.py`` (random bytes under
   each extension, truncated and flipped PDFs and .docx, encrypted PDF, ZIP
   bombs, deep nesting, encodings, control characters, 10 MB lines, a 100 MB
   file) through ``vndocs parse FILE`` in a subprocess: outcome, wall time and
   peak RSS (``os.wait4``);
2. fuzz: random and mutated files through ``vndocs.parse`` in this process:
   how many gave a Document, a VndocsError, anything else;
3. crashes: ``vndocs index`` SIGKILLed at random moments on a copy of
   ``corpora/docs``, the catalog and full-text index checked after each kill,
   then a last run compared with a fresh index;
4. load: ``vndocs search --json`` in a loop while ``vndocs index`` runs; a
   second ``vndocs index --no-wait`` while the first holds the lock;
5. offline: the main commands under ``unshare -rn`` with a socket guard.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import test_robustness as R


def bad_inputs(work: Path, quick: bool) -> tuple[list[str], dict[str, float]]:
    rows = ["| case | input | outcome | time (s) | peak RSS (MB) |", "|---|---|---|---:|---:|"]
    stats = {"cases": 0, "contract_ok": 0, "max_s": 0.0, "max_rss": 0.0}
    for case in R.CASES:
        if quick and case.slow:
            continue
        path = R.build_case(case, work / "cases" / case.name)
        run = R.cli_parse(path)
        try:
            outcome = R.check_cli_contract(run, case.name)
            ok = case.expect in ("either", outcome)
        except AssertionError as e:
            outcome, ok = f"FAILED: {str(e).splitlines()[0][:80]}", False
        detail = ""
        if outcome == "error":
            detail = ": " + run.stderr.strip().split(": ", 2)[-1][:70].replace("|", "/")
        stats["cases"] += 1
        stats["contract_ok"] += ok
        stats["max_s"] = max(stats["max_s"], run.seconds)
        stats["max_rss"] = max(stats["max_rss"], run.max_rss_mb)
        rows.append(f"| {case.name} | {case.what} | {outcome}{detail} | {run.seconds:.1f} | {run.max_rss_mb:.0f} |")
        shutil.rmtree(work / "cases" / case.name, ignore_errors=True)
    return rows, stats


def fuzz(work: Path, n: int) -> tuple[list[str], dict[str, int]]:
    import vndocs
    from vndocs.errors import VndocsError

    rng = random.Random(2026)
    pdf = R.REAL_PDF.read_bytes()
    docx = R.REAL_DOCX.read_bytes()
    txt = R.REFERENCE_TXT.read_bytes()
    counts = {"documents": 0, "vndocs_errors": 0, "other_exceptions": 0}
    worst = 0.0
    others: list[str] = []
    folder = work / "fuzz"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        kind = i % 4
        if kind == 0:
            ext = rng.choice(R.EXTS)
            data = rng.randbytes(rng.randrange(0, 8192))
        elif kind == 1:
            ext, data = ".pdf", R.flip_bytes(pdf, rng.randrange(1 << 30), rng.randrange(1, 200), skip=8)
        elif kind == 2:
            ext, data = ".docx", R.flip_bytes(docx, rng.randrange(1 << 30), rng.randrange(1, 20), skip=4)
        else:
            ext, data = rng.choice([".txt", ".md"]), R.flip_bytes(txt, rng.randrange(1 << 30), rng.randrange(1, 500))
            if rng.random() < 0.5:
                data = data[: rng.randrange(len(data))]
        path = folder / f"f{i}{ext}"
        path.write_bytes(data)
        t0 = time.monotonic()
        try:
            vndocs.parse(path)
            counts["documents"] += 1
        except VndocsError:
            counts["vndocs_errors"] += 1
        except Exception as e:  # noqa: BLE001 - counted, that is the point
            counts["other_exceptions"] += 1
            others.append(f"{path.name}: {type(e).__name__}: {e}"[:120])
        worst = max(worst, time.monotonic() - t0)
        path.unlink()
    lines = [
        (f"- {n} random or mutated files (random bytes under {', '.join(e or '(none)' for e in R.EXTS)}; "
        f"the real PDF and .docx with bytes flipped; the reference text flipped and cut): "
        f"{counts['documents']} parsed, {counts['vndocs_errors']} refused with a VndocsError, "
        f"**{counts['other_exceptions']} other exceptions**; slowest {worst:.1f} s."),
    ]
    lines += [f"  - {o}" for o in others[:10]]
    return lines, counts


def crashes(work: Path, rounds: int) -> tuple[list[str], dict[str, object]]:
    import test_crash as C

    rng = random.Random(int(os.environ.get("VNDOCS_CRASH_SEED", "1")))
    docs = C.make_corpus(work / "crash-docs", copies=2)
    n_files = sum(1 for _ in docs.iterdir())
    index = work / "crash-index"
    t0 = time.monotonic()
    probe = R.run_measured(C.index_cmd(work / "probe", docs), timeout=900)
    full = time.monotonic() - t0
    shutil.rmtree(work / "probe", ignore_errors=True)
    assert probe.returncode == 0, probe.stderr
    killed = C.run_kill_rounds(index, docs, rounds, rng, max(1.0, full * 0.8))
    final = R.run_measured(C.index_cmd(index, docs), timeout=900)
    state = C.assert_consistent(index)
    ref_index = work / "crash-ref"
    R.run_measured(C.index_cmd(ref_index, docs), timeout=900)
    expected = C.catalog_state(ref_index)
    same = state["sources"] == expected["sources"] and state["documents"] == expected["documents"]
    totals_equal = C.search_totals(index) == C.search_totals(ref_index)
    fulltext = C.fulltext_count(index, "tantivy")
    result = {
        "rounds": rounds, "killed_mid_run": killed, "final_exit": final.returncode, "same_as_fresh": same,
        "documents": state["documents"], "files": n_files, "pending": state["pending"],
        "fulltext_docs": fulltext, "search_totals_equal": totals_equal, "full_run_s": full,
    }
    lines = [
        (f"- {rounds} runs of `vndocs index` on {n_files} files (a full run takes {full:.1f} s here), each "
        f"SIGKILLed (whole process group) after a random 0.3-{max(1.0, full * 0.8):.1f} s, files edited "
        f"between runs; {killed} were killed mid-run. After every kill: `PRAGMA integrity_check` ok, no "
        "foreign-key or orphan-edge rows, no duplicate source, `vndocs search --json` answered."),
        (f"- The next run exited {final.returncode}; catalog = fresh index of the same files: "
        f"{'yes' if same else '**NO**'} ({state['documents']} documents, each source once); "
        f"full-text documents {fulltext}, pending {state['pending']}; search totals equal to the fresh "
        f"index: {'yes' if totals_equal else '**NO**'}."),
    ]
    return lines, result


def load(work: Path) -> tuple[list[str], dict[str, object]]:
    import test_crash as C

    small = work / "load-small"
    small.mkdir()
    for p in sorted((R.CORPUS).glob("kh_*.md"))[:3]:
        shutil.copy(p, small / p.name)
    index = work / "load-index"
    R.run_measured(C.index_cmd(index, small), timeout=600)
    big = C.make_corpus(work / "load-big", copies=4)
    proc = C.start(C.index_cmd(index, big))
    calls, failures, worst = 0, 0, 0.0
    while proc.poll() is None:
        t0 = time.monotonic()
        r = subprocess.run([*R.VNDOCS, "search", "--index", str(index), "--json", "kế hoạch"], cwd=ROOT,
                           check=False, capture_output=True, text=True, timeout=300)
        worst = max(worst, time.monotonic() - t0)
        calls += 1
        try:
            json.loads(r.stdout)
            failures += r.returncode != 0
        except json.JSONDecodeError:
            failures += 1
    proc.wait()
    # a second writer while the first holds the lock
    busy = C.start(C.index_cmd(work / "busy-index", big))
    lock = work / "busy-index" / "writer.lock"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (lock.exists() and lock.read_text().strip() == str(busy.pid)):
        time.sleep(0.05)
    second = R.run_measured(C.index_cmd(work / "busy-index", big, "--no-wait"), timeout=300)
    waited = R.run_measured(C.index_cmd(work / "busy-index", big), timeout=900)
    busy.wait()
    state = C.assert_consistent(work / "busy-index")
    lines = [
        (f"- {calls} `vndocs search --json` calls while `vndocs index` added {sum(1 for _ in big.iterdir())} "
        f"files to the same index: {calls - failures} answered with valid JSON, {failures} failed; "
        f"slowest call {worst:.1f} s (process start included)."),
        (f"- A second `vndocs index --no-wait` during a run: exit {second.returncode}, "
        f"`{second.stderr.strip()[:110]}`; without `--no-wait` it waited and exited {waited.returncode}; "
        f"catalog consistent, {state['documents']} documents, each source once."),
    ]
    return lines, {"calls": calls, "failures": failures}


def offline(work: Path) -> list[str]:
    import test_offline as O

    env = dict(os.environ)
    guard = work / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(O.GUARD)
    log = work / "net.log"
    log.touch()
    env.update(PYTHONPATH=os.pathsep.join([str(guard), str(ROOT)]), VNDOCS_NET_LOG=str(log))
    docs = work / "off-docs"
    docs.mkdir()
    for name in (R.REFERENCE_TXT.name, "qd_169-QD-BLDTBXH_congbao.pdf", "luat_24-2018-QH14_an-ninh-mang_ragluat.docx"):
        shutil.copy(R.CORPUS / name, docs / name)
    values = {"docs": str(docs), "index": str(work / "off-index"), "folder": str(work)}
    ok = []
    for name, args in O.STEPS:
        if name == "search-whoosh":
            continue
        cmd = [sys.executable, "-c", "import cli; cli.main()", *[a.format(**values) for a in args]]
        if O.UNSHARE:
            cmd = ["unshare", "-rn", *cmd]
        r = subprocess.run(cmd, cwd=ROOT, env=env, check=False, capture_output=True, text=True, timeout=900)
        ok.append(f"{name} {'ok' if r.returncode == 0 else 'FAILED'}")
    how = "`unshare -rn` (no network namespace) + socket guard" if O.UNSHARE else "socket guard only"
    attempts = log.read_text().strip().splitlines()
    return [f"- {how}: {', '.join(ok)}; connection attempts recorded: {len(attempts)}."]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="skip the 100 MB / 2 GB / 10 MB inputs; fewer rounds")
    ap.add_argument("--fuzz", type=int, default=None, help="random files for the fuzz part (default 400, quick 100)")
    ap.add_argument("--kills", type=int, default=None, help="kill rounds (default 10, quick 4)")
    args = ap.parse_args()
    n_fuzz = args.fuzz or (100 if args.quick else 400)
    kills = args.kills or (4 if args.quick else 10)
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="vndocs-robustness-") as tmp:
        work = Path(tmp)
        rows, bad = bad_inputs(work, args.quick)
        fz_lines, _ = fuzz(work, n_fuzz)
        cr_lines, _ = crashes(work, kills)
        ld_lines, _ = load(work)
        off_lines = offline(work)
    out = [
        "## Robustness: bad input, crashes, concurrency, offline",
        "",
        (f"Measured by `benchmarks/robustness_report.py{' --quick' if args.quick else ''}` on "
        f"{os.cpu_count()} CPUs in {time.monotonic() - t0:.0f} s; the same checks run in "
        "`tests/test_robustness.py`, `test_fuzz.py`, `test_crash.py`, `test_concurrency.py`, `test_offline.py`, "
        "`test_output_safety.py`."),
        "",
        "### Bad input",
        "",
        (f"{bad['cases']} files through `vndocs parse FILE` (a subprocess each): "
        f"{bad['contract_ok']} kept the contract (exit 0 with output, or exit 1 and exactly one `Error:` line; "
        f"no traceback, no hang); slowest {bad['max_s']:.1f} s, highest peak RSS {bad['max_rss']:.0f} MB "
        f"(bound checked by the tests: {R.RSS_BOUND_MB} MB; the CLI also stops one file after 120 s)."),
        "",
        *rows,
        "",
        "### Fuzzing",
        "",
        *fz_lines,
        "",
        "### Crashes",
        "",
        *cr_lines,
        "",
        "### Concurrency",
        "",
        *ld_lines,
        "",
        "### Offline",
        "",
        *off_lines,
    ]
    print("\n".join(out))


if __name__ == "__main__":
    main()
