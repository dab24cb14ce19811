"""A small index of shipped corpus documents for the web app tests (test_web*.py)."""

from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "docs"
REFERENCE_DOC = CORPUS / "kh_ngay-hoi-bao-ve-antq-2022_btg-huyen-uy.txt"
FILES = [
    REFERENCE_DOC,
    CORPUS / "kh_308-KH-UBND_hanoi_tnt305.md",
    CORPUS / "kh_172-KH-UBND_hcm_tnt305.md",
    CORPUS / "kh_624-KH-UBND_hatinh_tnt305.md",
    CORPUS / "ct_21-CT-TTg_congbao.txt",
    CORPUS / "qd_2500-QD-TTg_tnt305.md",
    CORPUS / "hd_45-HD-BTCTW_huong-dan-QD-377_tnt305.md",
    CORPUS / "tb_627-TB-VPCP_tnt305.md",
]
"""The reference plan, a few plans, a directive, a decision, a guide and a notice."""


def build_index(index_dir: Path, extra: list[Path] | None = None) -> Path:
    """Index :data:`FILES` (and ``extra``) into ``index_dir`` with the catalog's indexer."""
    from vndocs.indexer import index_paths

    report = index_paths(index_dir, [str(p) for p in FILES + (extra or [])], jobs=1)
    assert not report.failed, report.failed
    assert report.fulltext_error is None, report.fulltext_error
    return index_dir
