"""Task exports and the ``vndocs tasks`` / ``vndocs units`` commands."""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

import vndocs
from cli import main
from vndocs.errors import VndocsError
from vndocs.export import collect_tasks, render_tasks, render_units, tasks_csv, tasks_ics

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "corpora" / "docs"
REFERENCE = DOCS / "kh_ngay-hoi-bao-ve-antq-2022_btg-huyen-uy.txt"
PLAN_308 = DOCS / "kh_308-KH-UBND_hanoi_tnt305.md"


@cache
def _doc(path: Path) -> vndocs.Document:
    return vndocs.parse(str(path))


def test_csv_round_trips_with_vietnamese_intact() -> None:
    out = tasks_csv(collect_tasks([_doc(REFERENCE)]))
    assert out.startswith("\ufeff")  # Excel reads UTF-8 only with a BOM
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert [r["assignee"] for r in rows] == [t.assignee for t in _doc(REFERENCE).tasks]
    assert rows[1]["assignee"] == "Trung tâm Văn hóa, Truyền thông và Thể thao huyện"
    assert all(r["deadline_date"] == "2022-08-19" and r["inherited"] == "yes" for r in rows)
    # the bytes written are UTF-8 and decode back the same
    assert out.encode("utf-8").decode("utf-8-sig") == out.lstrip("\ufeff")


def test_ics_is_valid_and_marks_inherited_deadlines() -> None:
    from icalendar import Calendar

    data = tasks_ics(collect_tasks([_doc(REFERENCE), _doc(PLAN_308)]))
    cal = Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    dated = [t for d in (_doc(REFERENCE), _doc(PLAN_308)) for t in d.tasks if t.deadline and t.deadline.date]
    assert len(events) == len(dated) > 3
    ref = [e for e in events if str(e.get("dtstart").dt) == "2022-08-19"]
    assert len(ref) == 3
    assert all("[hạn chung của kế hoạch]" in str(e.get("summary")) for e in ref)
    # all-day events: a date, not a datetime, and a one-day end
    for e in events:
        start, end = e.get("dtstart").dt, e.get("dtend").dt
        assert not hasattr(start, "hour") and (end - start).days == 1
    uids = [str(e.get("uid")) for e in events]
    assert len(set(uids)) == len(uids)
    # stable UIDs: a second export gives the same ones
    again = Calendar.from_ical(tasks_ics(collect_tasks([_doc(REFERENCE), _doc(PLAN_308)])))
    assert [str(e.get("uid")) for e in again.walk("VEVENT")] == uids


@pytest.mark.parametrize("query", ["mttq", "MTTQ", "mat tran to quoc", "Mặt trận Tổ quốc"])
def test_unit_filter_ignores_diacritics_and_abbreviations(query: str) -> None:
    rows = collect_tasks([_doc(REFERENCE)], unit=query)
    assert [r.task.section_path for r in rows] == [("III", "1")]


def test_unit_filter_by_plain_name() -> None:
    rows = collect_tasks([_doc(PLAN_308)], unit="so khoa hoc va cong nghe")
    assert rows and all("Khoa học và Công nghệ" in " ".join(u.name for u in r.task.units) for r in rows)


def test_table_shows_inherited_deadlines_and_is_terminal_safe() -> None:
    table = render_tasks([_doc(REFERENCE)], "table")
    assert isinstance(table, str)
    assert "2022-08-19 (inherited)" in table
    assert "\x1b" not in table


def test_unknown_format_is_a_vndocs_error() -> None:
    with pytest.raises(VndocsError):
        render_tasks([_doc(REFERENCE)], "xml")


def test_units_listing() -> None:
    out = render_units(_doc(REFERENCE))
    assert "lead     Ủy ban Mặt trận Tổ quốc huyện" in out
    assert "ANTQ = an ninh Tổ quốc" in out


def test_cli_tasks_formats() -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["tasks", str(REFERENCE)])
    assert res.exit_code == 0 and "Trung tâm Văn hóa" in res.output
    res = runner.invoke(main, ["tasks", "--format", "json", "--unit", "mttq", str(REFERENCE)])
    assert res.exit_code == 0
    items = json.loads(res.output)
    assert len(items) == 1 and items[0]["deadline"] is None
    assert items[0]["inherited_deadline"]["date"] == "2022-08-19"
    res = runner.invoke(main, ["tasks", "--format", "ics", str(REFERENCE)])
    assert res.exit_code == 0 and "BEGIN:VCALENDAR" in res.output
    res = runner.invoke(main, ["units", str(REFERENCE)])
    assert res.exit_code == 0 and "Các chi bộ cơ sở" in res.output


def test_cli_bad_input_is_one_error_line(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["tasks", str(tmp_path / "missing.txt")])
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    res = runner.invoke(main, ["units", str(empty)])
    assert res.exit_code == 1 and "Traceback" not in res.output
    res = runner.invoke(main, ["tasks", "--format", "xml", str(REFERENCE)])
    assert res.exit_code == 2  # click rejects the choice with a usage line
