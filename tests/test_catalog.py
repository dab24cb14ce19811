"""The catalog: identity, placeholders, replacement, removal, full-text queue, lock.

These tests feed parsed-document dicts (the ``Document.to_dict()`` shape) to the
catalog directly, so they check linking rules independently of the extractors.
The references in them are the ones of the real chain around
``corpora/docs/kh_ngay-hoi-bao-ve-antq-2022_btg-huyen-uy.txt``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from vndocs.catalog import (
    Catalog,
    document_key,
    issuer_compatible,
    number_key,
    parse_query,
    title_similarity,
)
from vndocs.errors import CatalogError, IndexBusy

TITLE = "tuyên truyền “Ngày hội toàn dân bảo vệ an ninh Tổ quốc” năm 2022"


def ref(number, type=None, date=None, issuer=None, title=None, relation="cites"):
    return {
        "type": type, "number": number, "date": date, "issuer": issuer, "title": title,
        "relation": relation, "mentions": [{"span": [0, 4], "cue": None}],
    }


def doc(number, type="Kế hoạch", date=None, issuer=None, title=None, refs=(), source=None):
    return {
        "type": type, "number": number, "date": date, "issuer": issuer, "title": title,
        "references": list(refs), "source": source,
    }


DISTRICT = doc(
    None, issuer="Ban Tuyên giáo Huyện ủy", title="Tuyên truyền về “Ngày hội toàn dân bảo vệ an ninh Tổ quốc“ năm 2022",
    refs=[
        ref("45-KH/BTGTU", "Kế hoạch", "2022-07-27", "Ban Tuyên giáo Tỉnh uỷ", TITLE, "implements"),
        ref("44-KL/TW", "Kết luận", "2019-01-22", "Ban Bí thư", None, "cites"),
        ref("09-CT/TW", "Chỉ thị", None, "Ban Bí thư", None, "cites"),
    ],
)
PROVINCE = doc(
    "45-KH/BTGTU", date="2022-07-27", issuer="Ban Tuyên giáo Tỉnh ủy Thái Nguyên", title=TITLE,
    refs=[ref("44-KL/TW", "Kết luận", "2019-01-22", "Ban Bí thư", None, "implements")],
)
COMMUNE = doc(
    "12-KH/ĐU", date="2022-08-10", issuer="Đảng ủy xã Bảo Cường", title=TITLE,
    refs=[ref(None, "Kế hoạch", "2022-08-03", "Ban Tuyên giáo Huyện ủy", TITLE, "implements")],
)


@pytest.fixture()
def cat(tmp_path: Path):
    c = Catalog(tmp_path / "idx")
    yield c
    c.close()


def add(c: Catalog, d: dict, source: str, text: str = "text"):
    return c.add_document(dict(d, source=source), text, source=source, content_hash=f"h-{source}-{text}")


def edges(c: Catalog) -> set[tuple[str, str, str]]:
    rows = c.conn.execute(
        "SELECT s.key, d.key, e.relation FROM edges e JOIN documents s ON s.id = e.src "
        "JOIN documents d ON d.id = e.dst"
    ).fetchall()
    return set(rows)


def by_number(c: Catalog, number: str):
    docs = c.find(parse_query(number))
    assert len(docs) == 1, docs
    return docs[0]


# -- identity rules -------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("45-KH/BTGTU", "045-KH/BTGTU"),  # leading zero
        ("55/2023/NĐ-CP", "55/2023/ND-CP"),  # ASCII typing of Đ
        ("1206/QĐ-HVTC", "1206 /QĐ-HVTC"),  # stray space (DOMAIN.md §1.3)
        ("367-QĐ/TWĐTN-VP", "367 - QĐ/TWĐTN-VP"),
    ],
)
def test_number_key_unifies_spellings(a: str, b: str) -> None:
    assert number_key(a) == number_key(b)


@pytest.mark.parametrize(
    ("text", "type", "number", "serial", "year"),
    [
        ("44-KL/TW", None, "44-KL/TW", None, None),
        ("Kết luận 44", "Kết luận", None, 44, None),
        ("Kết luận số 44-KL/TW", "Kết luận", "44-KL/TW", None, None),
        ("Nghị định 30/2020", "Nghị định", None, 30, 2020),
        ("NĐ 30/2020", "Nghị định", None, 30, 2020),
        ("30/2020/NĐ-CP", None, "30/2020/NĐ-CP", None, 2020),
    ],
)
def test_parse_query_reads_user_references(text, type, number, serial, year) -> None:
    q = parse_query(text)
    assert q is not None
    assert (q.type, q.number, q.serial, q.year) == (type, number, serial, year)


def test_parse_query_refuses_text_without_number() -> None:
    assert parse_query("tuyên truyền an ninh") is None


def test_state_non_normative_numbers_of_two_years_are_two_documents() -> None:
    assert document_key("Kế hoạch", "308/KH-UBND", "2024-01-05", None, "state") != document_key(
        "Kế hoạch", "308/KH-UBND", "2025-01-05", None, "state"
    )


def test_party_key_without_date_is_explicitly_open() -> None:
    assert "?" in document_key("Chỉ thị", "09-CT/TW", None, "Ban Bí thư", "party")


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("Ban Tuyên giáo Tỉnh uỷ", "Ban Tuyên giáo Tỉnh ủy Thái Nguyên", True),  # tone placement + locality
        ("Ban Tuyên giáo Huyện ủy", "Ban Tuyên giáo Tỉnh ủy Thái Nguyên", False),
        (None, "Chính phủ", True),
    ],
)
def test_issuer_compatible(a, b, ok) -> None:
    assert issuer_compatible(a, b) is ok


@pytest.mark.parametrize(
    ("ref_title", "doc_title", "ok"),
    [
        # district plan named by the commune plan (the copy writes “ ... “)
        (TITLE, "Tuyên truyền về “Ngày hội toàn dân bảo vệ an ninh Tổ quốc“ năm 2022", True),
        # a reference that runs past the title (extractor kept the next clause)
        (TITLE + ", Ban Thường vụ Đảng ủy xã xây dựng kế hoạch như sau", TITLE, True),
        # Bộ luật Hình sự is not Bộ luật Tố tụng hình sự (found on the shared corpus)
        ("hình sự", "TỐ TỤNG HÌNH SỰ", False),
        ("An toàn thông tin mạng", "AN TOÀN THÔNG TIN MẠNG", True),
        ("Tổ chức Chính phủ", "Tổ chức chính quyền địa phương", False),
        (None, TITLE, False),
    ],
)
def test_title_matches(ref_title, doc_title, ok) -> None:
    from vndocs.catalog import title_matches

    assert title_matches(ref_title, doc_title) is ok


def test_title_similarity_ignores_leading_ve_and_quotes() -> None:
    assert title_similarity("Tuyên truyền về “Ngày hội toàn dân bảo vệ an ninh Tổ quốc“ năm 2022", TITLE) > 0.9


# -- adding ---------------------------------------------------------------------


def test_adding_the_same_file_twice_changes_nothing(cat: Catalog) -> None:
    first = add(cat, DISTRICT, "/d/district.txt")
    before = (cat.counts(), edges(cat))
    again = add(cat, DISTRICT, "/d/district.txt")
    assert first.status == "added" and again.status == "unchanged"
    assert again.doc_id == first.doc_id
    assert (cat.counts(), edges(cat)) == before


def test_reference_to_missing_document_becomes_placeholder(cat: Catalog) -> None:
    add(cat, DISTRICT, "/d/district.txt")
    kl = by_number(cat, "44-KL/TW")
    assert kl.placeholder and kl.source is None
    assert (kl.type, kl.date, kl.issuer) == ("Kết luận", "2019-01-22", "Ban Bí thư")
    assert cat.counts()["placeholders"] == 3


def test_placeholder_becomes_the_document_when_it_arrives(cat: Catalog) -> None:
    add(cat, DISTRICT, "/d/district.txt")
    ph = by_number(cat, "45-KH/BTGTU")
    assert ph.placeholder
    res = add(cat, PROVINCE, "/d/province.txt")
    real = by_number(cat, "45-KH/BTGTU")
    assert res.doc_id == ph.doc_id == real.doc_id  # the row became the document
    assert not real.placeholder and real.source == "/d/province.txt"
    links = cat.links_to([real.doc_id])
    assert [(lk.src, lk.relation) for lk in links] == [(cat.by_source("/d/district.txt").doc_id, "implements")]
    # both plans point at the same 44-KL/TW placeholder, not two copies
    kl = by_number(cat, "44-KL/TW")
    assert {lk.src for lk in cat.links_to([kl.doc_id])} == {real.doc_id, cat.by_source("/d/district.txt").doc_id}
    assert cat.check().ok


def test_document_before_its_citing_documents_links_directly(cat: Catalog) -> None:
    add(cat, PROVINCE, "/d/province.txt")
    add(cat, DISTRICT, "/d/district.txt")
    prov = cat.by_source("/d/province.txt")
    assert {cat.get(lk.src).source for lk in cat.links_to([prov.doc_id])} == {"/d/district.txt"}
    assert cat.counts()["placeholders"] == 2  # 44-KL/TW and 09-CT/TW


def test_reference_without_number_matches_on_type_issuer_and_title(cat: Catalog) -> None:
    add(cat, PROVINCE, "/d/province.txt")  # same title, other issuer: must not match
    add(cat, COMMUNE, "/d/commune.txt")
    add(cat, DISTRICT, "/d/district.txt")
    district = cat.by_source("/d/district.txt")
    links = cat.links_from([cat.by_source("/d/commune.txt").doc_id])
    assert [(lk.dst, lk.relation) for lk in links] == [(district.doc_id, "implements")]
    # the text gave neither number nor year: the link is shown as probable, not certain
    assert links[0].ambiguous and links[0].candidates == 1
    assert cat.counts()["placeholders"] == 2


def test_reference_matching_two_provinces_is_ambiguous_not_guessed(cat: Catalog) -> None:
    other = dict(PROVINCE, issuer="Ban Tuyên giáo Tỉnh ủy Bắc Kạn", refs=[])
    add(cat, PROVINCE, "/d/province.txt")
    add(cat, DISTRICT, "/d/district.txt")
    assert not any(lk.ambiguous for lk in cat.links_from([cat.by_source("/d/district.txt").doc_id]) if lk.relation == "implements")
    add(cat, other, "/d/province-bk.txt")  # a second 45-KH/BTGTU of 2022 arrives
    links = [lk for lk in cat.links_from([cat.by_source("/d/district.txt").doc_id]) if lk.relation == "implements"]
    assert len(links) == 2
    assert all(lk.ambiguous and lk.candidates == 2 for lk in links)


def test_changed_file_replaces_its_rows(cat: Catalog) -> None:
    add(cat, DISTRICT, "/d/district.txt", text="v1")
    doc_id = cat.by_source("/d/district.txt").doc_id
    changed = dict(DISTRICT, references=DISTRICT["references"][:1])
    res = add(cat, changed, "/d/district.txt", text="v2")
    assert res.status == "updated" and res.doc_id == doc_id
    assert len(cat.links_from([doc_id])) == 1
    assert cat.counts()["placeholders"] == 1  # the two dropped targets are gone
    assert cat.conn.execute("SELECT COUNT(*) FROM refs WHERE src = ?", (doc_id,)).fetchone()[0] == 1
    assert cat.check().ok


def test_removing_a_cited_document_leaves_a_placeholder(cat: Catalog) -> None:
    add(cat, PROVINCE, "/d/province.txt")
    add(cat, DISTRICT, "/d/district.txt")
    assert cat.remove("/d/province.txt")
    ph = by_number(cat, "45-KH/BTGTU")
    assert ph.placeholder and ph.source is None
    assert cat.document_data(ph.doc_id) is None
    assert len(cat.links_to([ph.doc_id])) == 1
    assert cat.check().ok


def test_removing_an_uncited_document_deletes_it_and_its_placeholders(cat: Catalog) -> None:
    add(cat, DISTRICT, "/d/district.txt")
    assert cat.remove("/d/district.txt")
    assert cat.counts()["documents"] == 0 and cat.counts()["placeholders"] == 0
    assert cat.conn.execute("SELECT COUNT(*) FROM refs").fetchone()[0] == 0
    assert not cat.remove("/d/district.txt")


def test_mentions_keep_line_and_column(cat: Catalog) -> None:
    d = doc("1/KH-UBND", date="2024-01-01", refs=[dict(ref("2/KH-UBND", date="2023-01-01"), mentions=[{"span": [8, 12], "cue": "Thực hiện"}])])
    add(cat, d, "/d/a.txt", text="line one\nline two")
    row = cat.conn.execute("SELECT start_offset, line, col, cue FROM mentions").fetchone()
    assert row == (8, 1, 9, "Thực hiện")


# -- full-text contract ---------------------------------------------------------


def test_fulltext_queue_follows_adds_changes_and_deletes(cat: Catalog) -> None:
    a = add(cat, PROVINCE, "/d/province.txt").doc_id
    b = add(cat, DISTRICT, "/d/district.txt").doc_id
    pending = {doc_id: (d is not None) for doc_id, d, _ in cat.pending_fulltext()}
    assert pending == {a: True, b: True}
    cat.mark_fulltext_synced([a, b])
    assert list(cat.pending_fulltext()) == []
    add(cat, DISTRICT, "/d/district.txt", text="v2")
    assert [x[0] for x in cat.pending_fulltext()] == [b]
    cat.mark_fulltext_synced([b])
    cat.remove("/d/district.txt")
    assert list(cat.pending_fulltext()) == [(b, None, None)]
    cat.mark_fulltext_synced([b])
    cat.mark_all_fulltext_pending()
    assert [x[0] for x in cat.pending_fulltext()] == [a]  # placeholders are not full-text documents


def test_change_after_pending_read_stays_pending(cat: Catalog) -> None:
    a = add(cat, PROVINCE, "/d/province.txt", text="v1").doc_id
    list(cat.pending_fulltext())
    add(cat, PROVINCE, "/d/province.txt", text="v2")  # changed while the sync was running
    cat.mark_fulltext_synced([a])
    assert [x[0] for x in cat.pending_fulltext()] == [a]


def test_iter_documents_gives_real_documents_only(cat: Catalog) -> None:
    add(cat, DISTRICT, "/d/district.txt", text="district text")
    docs = list(cat.iter_documents())
    assert len(docs) == 1 and docs[0][1]["issuer"] == "Ban Tuyên giáo Huyện ủy" and docs[0][2] == "district text"


# -- opening and locking --------------------------------------------------------


def test_readonly_open_of_missing_catalog_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="no catalog"):
        Catalog(tmp_path / "nothing", readonly=True)


def test_readonly_catalog_refuses_writes(tmp_path: Path) -> None:
    Catalog(tmp_path / "idx").close()
    with Catalog(tmp_path / "idx", readonly=True) as ro, pytest.raises(sqlite3.OperationalError):
        ro.record_failure("/x", "boom")


def test_catalog_uses_wal_and_foreign_keys(cat: Catalog) -> None:
    assert cat.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert cat.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_second_writer_is_refused_without_wait(tmp_path: Path) -> None:
    a, b = Catalog(tmp_path / "idx"), Catalog(tmp_path / "idx")
    with a.writer_lock(wait=False), pytest.raises(IndexBusy, match="another 'vndocs index'"):
        with b.writer_lock(wait=False):
            pass
    with b.writer_lock(wait=False):  # free again
        pass
    a.close()
    b.close()


def test_failures_are_recorded_and_cleared(cat: Catalog) -> None:
    cat.record_failure("/d/x.jpg", "image file without a text layer", 10, 1.0)
    assert [(f.source, f.reason) for f in cat.failures()] == [("/d/x.jpg", "image file without a text layer")]
    cat.clear_failure("/d/x.jpg")
    assert cat.failures() == []


# -- portability of the SQL -------------------------------------------------------


def test_queries_avoid_sqlite_only_sql_outside_the_pragmas() -> None:
    from vndocs import catalog_sql as Q

    sqlite_only = ("PRAGMA", "INSERT OR", "REPLACE INTO", "AUTOINCREMENT", "GLOB", "IFNULL", "STRFTIME")
    queries = {
        name: value for name, value in vars(Q).items()
        if isinstance(value, str) and name.isupper() and not name.startswith(("SQLITE_", "ID_"))
        and name != "BEGIN_WRITE"
    }
    assert len(queries) > 40
    for name, sql in queries.items():
        assert not any(word in sql.upper() for word in sqlite_only), name
    for stmt in Q.schema(Q.ID_POSTGRES):
        assert "INTEGER PRIMARY KEY" not in stmt
        assert Q.for_postgres(stmt).count("?") == 0
    assert Q.for_postgres(Q.INSERT_EDGE).count("%s") == 6


def test_check_reports_a_consistent_graph_after_many_changes(cat: Catalog) -> None:
    for i in range(3):
        add(cat, DISTRICT, "/d/district.txt", text=f"v{i}")
        add(cat, PROVINCE, "/d/province.txt", text=f"v{i}")
        add(cat, COMMUNE, "/d/commune.txt", text=f"v{i}")
        cat.remove("/d/province.txt")
    report = cat.check()
    assert report.ok, report
