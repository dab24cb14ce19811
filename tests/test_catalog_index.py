"""``vndocs index`` and ``vndocs failures`` over the real documents of ``corpora/docs``.

Idempotence, changed-file replacement, prune, failure recording (image, empty
file, corrupt PDF), the writer lock, and crash safety (SIGKILL at random
moments, then the next run completes with nothing lost or duplicated).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from vndocs.catalog import Catalog
from vndocs.indexer import collect_files, index_paths

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "docs"
VNDOCS = Path(sys.executable).parent / "vndocs"


def text_docs(n: int | None = None) -> list[Path]:
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt"))
    return files[:n] if n else files


@pytest.fixture()
def docs_dir(tmp_path: Path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    for p in text_docs(12):
        shutil.copy2(p, d / p.name)
    return d


def snapshot(index: Path) -> tuple[set, set]:
    """Documents and edges of a catalog, by stable names (ids differ between runs)."""
    with Catalog(index, readonly=True) as c:
        docs = set(c.conn.execute("SELECT key, placeholder, source, content_hash FROM documents").fetchall())
        edges = set(
            c.conn.execute(
                "SELECT s.key, s.source, d.key, e.relation, e.ambiguous FROM edges e "
                "JOIN documents s ON s.id = e.src JOIN documents d ON d.id = e.dst"
            ).fetchall()
        )
    return docs, edges


def test_collect_files_walks_folders_for_known_extensions() -> None:
    files = collect_files([CORPUS])
    names = {Path(f).name for f in files}
    assert "kh_ngay-hoi-bao-ve-antq-2022_btg-huyen-uy.txt" in names
    assert "cv_1906-SGDDT-CTrTT_danang_p2_scan.jpg" in names  # images are tried (and reported)
    assert all(os.path.isabs(f) for f in files)


def test_index_corpus_records_every_file_once_and_images_as_failures(tmp_path: Path) -> None:
    idx = tmp_path / "idx"
    report = index_paths(idx, [CORPUS], jobs=2)
    files = collect_files([CORPUS])
    assert report.files == len(files)
    assert report.added + len(report.failed) == len(files)
    failed = dict(report.failed)
    jpg = str(CORPUS / "cv_1906-SGDDT-CTrTT_danang_p2_scan.jpg")
    assert "image" in failed[jpg]
    with Catalog(idx, readonly=True) as c:
        assert c.counts()["documents"] == report.added
        assert {f.source for f in c.failures()} == set(failed)
        assert c.check().ok
        district = c.by_source(str(CORPUS / "kh_ngay-hoi-bao-ve-antq-2022_btg-huyen-uy.txt"))
        assert district is not None and not district.placeholder
        data, text = c.document_data(district.doc_id)
        assert "Ngày hội toàn dân" in text and data["source"] == district.source


def test_second_run_over_unchanged_files_changes_nothing(tmp_path: Path, docs_dir: Path) -> None:
    idx = tmp_path / "idx"
    first = index_paths(idx, [docs_dir], jobs=2)
    before = snapshot(idx)
    second = index_paths(idx, [docs_dir], jobs=2)
    assert first.added == 12 and second.added == 0 and second.updated == 0
    assert second.unchanged == 12
    assert snapshot(idx) == before


def test_results_of_another_extractor_are_parsed_again(tmp_path: Path, docs_dir: Path) -> None:
    # after an upgrade the files are unchanged but what vndocs reads from them is not
    import json

    idx = tmp_path / "idx"
    index_paths(idx, [docs_dir], jobs=1)
    victim = str(sorted(docs_dir.iterdir())[0])
    with Catalog(idx) as c:
        c.set_meta("extractor", "an-older-vndocs")
        with c.transaction():
            row = c.conn.execute("SELECT id, data FROM documents WHERE source = ?", (victim,)).fetchone()
            stale = dict(json.loads(row[1]), title="stale title")
            c.conn.execute("UPDATE documents SET data = ? WHERE id = ?", (json.dumps(stale, ensure_ascii=False), row[0]))
    report = index_paths(idx, [docs_dir], jobs=1)
    assert report.reparsed_all and (report.added, report.updated, report.unchanged) == (0, 1, 11)
    with Catalog(idx) as c:
        data = json.loads(c.conn.execute("SELECT data FROM documents WHERE source = ?", (victim,)).fetchone()[0])
        assert data["title"] != "stale title"
        assert c.get_meta("extractor") not in (None, "an-older-vndocs")
    again = index_paths(idx, [docs_dir], jobs=1)
    assert not again.reparsed_all and again.unchanged == 12


def test_touched_but_identical_file_is_unchanged_by_hash(tmp_path: Path, docs_dir: Path) -> None:
    idx = tmp_path / "idx"
    index_paths(idx, [docs_dir], jobs=1)
    victim = sorted(docs_dir.iterdir())[0]
    os.utime(victim, (time.time() + 10, time.time() + 10))
    report = index_paths(idx, [docs_dir], jobs=1)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 12)


def test_changed_file_is_replaced_not_duplicated(tmp_path: Path, docs_dir: Path) -> None:
    idx = tmp_path / "idx"
    index_paths(idx, [docs_dir], jobs=1)
    victim = sorted(docs_dir.iterdir())[0]
    with Catalog(idx, readonly=True) as c:
        old = c.by_source(str(victim))
    victim.write_text(victim.read_text(encoding="utf-8") + "\n\nĐoạn mới thêm.\n", encoding="utf-8")
    report = index_paths(idx, [docs_dir], jobs=1)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 11)
    with Catalog(idx, readonly=True) as c:
        new = c.by_source(str(victim))
        assert new.doc_id == old.doc_id and new.content_hash != old.content_hash
        assert "Đoạn mới thêm." in c.document_data(new.doc_id)[1]
        assert c.counts()["documents"] == 12
        assert c.check().ok


def test_prune_drops_documents_whose_files_are_gone(tmp_path: Path, docs_dir: Path) -> None:
    idx = tmp_path / "idx"
    index_paths(idx, [docs_dir], jobs=1)
    gone = sorted(docs_dir.iterdir())[:2]
    for p in gone:
        p.unlink()
    kept = index_paths(idx, [docs_dir], jobs=1)
    assert kept.pruned == 0  # without --prune nothing is dropped
    report = index_paths(idx, [docs_dir], jobs=1, prune=True)
    assert report.pruned == 2
    with Catalog(idx, readonly=True) as c:
        assert c.counts()["documents"] == 10
        assert all(c.by_source(str(p)) is None for p in gone)
        assert c.check().ok


def test_bad_files_are_recorded_with_their_reason_and_the_batch_goes_on(tmp_path: Path) -> None:
    d = tmp_path / "docs"
    d.mkdir()
    shutil.copy2(CORPUS / "kh_ngay-hoi-bao-ve-antq-2022_btg-huyen-uy.txt", d / "good.txt")
    shutil.copy2(CORPUS / "cv_1906-SGDDT-CTrTT_danang_p2_scan.jpg", d / "scan.jpg")
    (d / "empty.txt").write_bytes(b"")
    (d / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nthis is not a pdf at all\n")
    idx = tmp_path / "idx"
    result = CliRunner().invoke(main, ["index", str(d), "--index", str(idx), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output and "3 failed" in result.output
    listing = CliRunner().invoke(main, ["failures", "--index", str(idx)])
    lines = {line.split(": ", 1)[0]: line.split(": ", 1)[1] for line in listing.output.strip().splitlines()}
    assert set(lines) == {str(d / "scan.jpg"), str(d / "empty.txt"), str(d / "corrupt.pdf")}
    assert "image" in lines[str(d / "scan.jpg")]
    assert "empty" in lines[str(d / "empty.txt")]
    assert lines[str(d / "corrupt.pdf")].strip()
    # a fixed file leaves the failure list
    shutil.copy2(CORPUS / "kh_ngay-hoi-bao-ve-antq-2022_btg-huyen-uy.txt", d / "empty.txt")
    index_paths(idx, [d], jobs=1)
    with Catalog(idx, readonly=True) as c:
        assert str(d / "empty.txt") not in {f.source for f in c.failures()}
        assert c.by_source(str(d / "empty.txt")) is not None


def test_index_missing_path_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["index", str(tmp_path / "nope"), "--index", str(tmp_path / "idx")])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error:") and "no such file" in result.output
    assert "Traceback" not in result.output


def test_failures_without_index_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["failures", "--index", str(tmp_path / "none")])
    assert result.exit_code == 1 and result.output.startswith("Error:")


def test_second_writer_with_no_wait_is_refused(tmp_path: Path, docs_dir: Path) -> None:
    idx = tmp_path / "idx"
    holder = Catalog(idx)
    with holder.writer_lock(wait=False):
        result = CliRunner().invoke(main, ["index", str(docs_dir), "--index", str(idx), "--no-wait"])
        assert result.exit_code == 1
        assert result.output.startswith("Error:") and "another 'vndocs index'" in result.output
    holder.close()
    result = CliRunner().invoke(main, ["index", str(docs_dir), "--index", str(idx), "--no-wait"])
    assert result.exit_code == 0, result.output


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_a_consistent_catalog(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for p in text_docs():
        shutil.copy2(p, docs / p.name)
    idx = tmp_path / "idx"
    rng = random.Random(20221)
    env = dict(os.environ, VNDOCS_INDEX=str(idx))
    for _ in range(5):
        proc = subprocess.Popen(
            [str(VNDOCS), "index", str(docs), "--jobs", "2"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True,
        )
        time.sleep(rng.uniform(0.15, 1.2))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the command and its workers, as a crash would
        proc.wait()
        if (idx / "catalog.sqlite3").exists():
            with Catalog(idx, readonly=True) as c:
                report = c.check()
                assert report.ok, report
    final = subprocess.run(
        [str(VNDOCS), "index", str(docs), "--jobs", "2", "--no-wait"], env=env, capture_output=True, text=True
    )
    assert final.returncode == 0, final.stderr
    reference = tmp_path / "reference"  # the same files indexed in one uninterrupted run
    index_paths(reference, [docs], jobs=2)
    assert snapshot(idx) == snapshot(reference)
    with Catalog(idx, readonly=True) as c:
        assert c.check().ok


def test_unknown_engine_is_refused_before_indexing(tmp_path: Path, docs_dir: Path) -> None:
    idx = tmp_path / "idx"
    result = CliRunner().invoke(main, ["index", str(docs_dir), "--index", str(idx), "--engine", "nosuch"])
    assert result.exit_code == 1 and result.output.startswith("Error: unknown engine 'nosuch'")
    assert not (idx / "catalog.sqlite3").exists()


def test_second_writer_waits_for_the_first_and_says_so(tmp_path: Path, docs_dir: Path) -> None:
    idx = tmp_path / "idx"
    Catalog(idx).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from vndocs.catalog import Catalog\n"
         f"c = Catalog({str(idx)!r})\n"
         "with c.writer_lock(wait=False):\n    print('locked', flush=True); time.sleep(1.5)\n"],
        stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    result = CliRunner().invoke(main, ["index", str(docs_dir), "--index", str(idx), "--jobs", "1"])
    holder.wait()
    assert result.exit_code == 0, result.output
    assert "waiting" in result.output and "12 added" in result.output
