"""Deadlines (vndocs.extract.deadlines): the phrase data and the normalization rules."""

from __future__ import annotations

import re

import pytest

from vndocs.extract.deadlines import find_deadlines, parse_deadline, patterns
from vndocs.vocab import load

DATA = load("deadline_phrases")


def test_deadline_data_is_well_formed() -> None:
    names = [p["name"] for p in DATA["patterns"]]
    assert len(names) == len(set(names))
    for p in DATA["patterns"]:
        assert p["examples"], p["name"]
        assert p["kind"] in ("exact", "period", "relative", "recurring", "open")
        assert "(?P<text>" in p["pattern"]
    assert len(patterns()) == len(DATA["patterns"])


@pytest.mark.parametrize(
    ("name", "example"),
    [(p["name"], ex) for p in DATA["patterns"] for ex in p["examples"]],
)
def test_every_pattern_example_matches(name: str, example: str) -> None:
    pattern = next(p for p in patterns() if p.name == name)
    assert pattern.regex.search(example), (name, example)
    assert find_deadlines(example, doc_date="2025-01-01", bare=pattern.bare), (name, example)


@pytest.mark.parametrize(
    ("text", "date", "kind"),
    [
        ("trước ngày 15/12/2025", "2025-12-15", "exact"),
        ("chậm nhất ngày 30/6/2024", "2024-06-30", "exact"),
        ("trước ngày 30 tháng 9 năm 2025", "2025-09-30", "exact"),
        ("xong trước ngày 01 tháng 5 năm 2026", "2026-05-01", "exact"),
        ("tháng 8/2022", "2022-08-31", "period"),
        ("trong tháng 2/2024", "2024-02-29", "period"),  # leap year
        ("quý III/2022", "2022-09-30", "period"),
        ("trong quý IV năm 2025", "2025-12-31", "period"),
        ("6 tháng đầu năm 2023", "2023-06-30", "period"),
        ("năm 2025", "2025-12-31", "period"),
        ("trong năm 2025", "2025-12-31", "period"),
        ("giai đoạn 2021 - 2025", "2025-12-31", "period"),
        ("trong thời hạn 15 ngày kể từ ngày nhận được hồ sơ", None, "relative"),
        ("thường xuyên", None, "recurring"),
        ("hằng năm", None, "recurring"),
        ("hàng năm", None, "recurring"),
        ("trước ngày 15 hằng tháng", None, "recurring"),
        ("định kỳ", None, "recurring"),
        ("Năm 2025 và các năm tiếp theo", None, "open"),
        # the reference plan's time frame
        ("Thực hiện thường xuyên, trọng tâm đến 19/8/2022.", "2022-08-19", "exact"),
    ],
)
def test_deadline_normalizes_to_the_last_day(text: str, date: str | None, kind: str) -> None:
    d = parse_deadline(text, doc_date="2022-07-30")
    assert d is not None
    assert d.date == date
    assert d.kind == kind


def test_partial_date_takes_the_year_of_the_document() -> None:
    assert parse_deadline("trước ngày 30/9", doc_date="2022-07-30").date == "2022-09-30"
    # a day already past in the document's year is next year's
    assert parse_deadline("trước ngày 15/3", doc_date="2022-07-30").date == "2023-03-15"
    assert parse_deadline("trước ngày 30/9", doc_date=None).date is None


def test_relative_deadline_is_computed_from_the_signing_date() -> None:
    d = parse_deadline("trong thời hạn 15 ngày kể từ ngày ký", doc_date="2025-01-01")
    assert d.kind == "relative" and d.date == "2025-01-16"
    d = parse_deadline("trong thời hạn 15 ngày làm việc kể từ ngày ký", doc_date="2025-01-01")
    assert d.date is None  # working days need a holiday calendar


def test_bare_periods_need_a_time_field() -> None:
    # "năm 2025" inside a sentence is no deadline; in "Thời gian thực hiện: Năm 2025" it is
    assert find_deadlines("kế hoạch vốn đầu tư công năm 2025") == []
    assert parse_deadline("Năm 2025", bare=True).date == "2025-12-31"


def test_a_document_date_is_no_deadline() -> None:
    text = "quán triệt Kết luận số 34-KL/TW ngày 18 tháng 5 năm 2026 của Bộ Chính trị"
    assert find_deadlines(text) == []


def test_spans_point_into_the_text() -> None:
    text = "Sở Tài chính hoàn thành trước ngày 15/12/2025 và báo cáo."
    (d,) = find_deadlines(text)
    assert text[d.span.start : d.span.end] == "hoàn thành trước ngày 15/12/2025"


def test_publication_furniture_is_not_a_deadline() -> None:
    text = "Bộ Nội vụ hướng dẫn\nCÔNG BÁO/Số 302/Ngày 02-06-2026\n72\nthực hiện."
    assert find_deadlines(text) == []


def test_invalid_dates_do_not_crash() -> None:
    d = parse_deadline("trước ngày 31/2/2025")
    assert d is not None and d.date is None
    assert re.match(r"trước", d.text)


@pytest.mark.parametrize(
    ("pattern", "run"),
    [
        (r"năm\s+(?P<y>\d{4})", 4),
        (r"quý\s+(?:I{1,3}|IV|[1-4])\s*(?:năm|/)\s*\d{4}", 4),
        (r"(?P<n>6|9)\s+tháng", 1),
        (r"[0-9]+", 1),
        (r"(?:\d{4}|\d{2})", 2),
        (r"thường\s+xuyên|định\s+kỳ(?:\s+\d+\s+tháng)?", 0),
        (r"\d?x", 0),
        (r"a|\d", 0),
        (r"[^0-9]", 0),
        (r"(?=\d)", 0),
    ],
)
def test_digit_runs_a_pattern_needs_are_recognized(pattern: str, run: int) -> None:
    # a pattern is skipped on a text without the run of digits it needs: it must never
    # claim a longer run than every match has
    from vndocs.extract.deadlines import _digit_run

    assert _digit_run(pattern) == run


def test_every_pattern_example_has_the_digit_run_its_pattern_needs() -> None:
    for p in load("deadline_phrases")["patterns"]:
        needed = next(x for x in patterns() if x.name == p["name"]).digits
        for example in p.get("examples", []):
            longest = max((len(r) for r in re.findall(r"\d+", example)), default=0)
            assert longest >= needed, (p["name"], example)
