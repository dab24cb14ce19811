"""Tasks (vndocs.extract.tasks): rules on small texts, the reference plan, and the gold of corpora/."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

import vndocs
from vndocs.errors import ReadError
from vndocs.extract.tasks import cues, extract_tasks
from vndocs.models import Field, Header
from vndocs.normalize import key
from vndocs.vocab import load

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
DOCS = CORPORA / "docs"
GOLD = [json.loads(line) for line in (CORPORA / "gold-dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
REFERENCE = "kh_ngay-hoi-bao-ve-antq-2022_btg-huyen-uy.txt"


@cache
def _parse(name: str) -> vndocs.Document | str:
    try:
        return vndocs.parse(str(DOCS / name))
    except ReadError as e:  # pragma: no cover - a reader missing in this checkout
        return str(e)


def _tasks(text: str, date: str | None = None) -> list:
    header = Header(date=Field(date)) if date else Header()
    return extract_tasks(text, header, []).tasks


# --------------------------------------------------------------------------
# data


def test_task_cues_examples_match() -> None:
    data = load("task_cues")
    c = cues()
    keyed = {"implementation_headings": c.impl, "no_task_headings": c.no_task, "time_headings": c.time}
    for name, rx in keyed.items():
        for ex in data[name]["examples"]:
            assert rx.match(key(ex)), (name, ex)
    for name, rx in (("executing_article", c.executing), ("triggers", c.triggers), ("fields", c.fields),
                     ("report", c.report), ("duty_after_subject", c.duty)):
        for ex in data[name]["examples"]:
            assert rx.search(ex), (name, ex)
    for ex in data["openers"]["examples"]:
        assert c.openers.match(key(ex)), ex


# --------------------------------------------------------------------------
# the reference plan


def test_reference_plan_has_three_tasks_with_inherited_deadline() -> None:
    doc = _parse(REFERENCE)
    assert not isinstance(doc, str)
    assert [t.assignee for t in doc.tasks] == [
        "Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội huyện",
        "Trung tâm Văn hóa, Truyền thông và Thể thao huyện",
        "Các chi, đảng bộ cơ sở",
    ]
    assert [[u.name for u in t.units] for t in doc.tasks] == [
        ["Ủy ban Mặt trận Tổ quốc huyện", "các tổ chức chính trị - xã hội huyện"],
        ["Trung tâm Văn hóa, Truyền thông và Thể thao huyện"],
        ["Các chi bộ cơ sở", "Các đảng bộ cơ sở"],
    ]
    assert [t.section_path for t in doc.tasks] == [("III", "1"), ("III", "2"), ("III", "3")]
    for t in doc.tasks:
        assert t.deadline is not None and t.deadline.inherited and t.deadline.date == "2022-08-19"
    assert doc.plan_deadline is not None and doc.plan_deadline.date == "2022-08-19"
    assert not doc.plan_deadline.inherited
    assert doc.abbreviations.get("ANTQ") == "an ninh Tổ quốc"


def test_inherited_deadline_is_not_the_tasks_own_in_json() -> None:
    doc = _parse(REFERENCE)
    assert not isinstance(doc, str)
    for t in doc.to_dict()["tasks"]:
        assert t["deadline"] is None
        assert t["inherited_deadline"]["date"] == "2022-08-19"
        assert t["inherited_deadline"]["inherited"] is True


# --------------------------------------------------------------------------
# rules on small texts


def test_implementation_items_are_tasks_and_aims_are_not() -> None:
    text = (
        "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Người đứng đầu cơ quan, đơn vị chủ động triển khai thực hiện.\n\n"
        "II. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ bố trí kinh phí trước ngày 30/9.\n\n"
        "2. Ủy ban nhân dân các huyện căn cứ Kế hoạch này xây dựng kế hoạch.\n"
    )
    tasks = _tasks(text, "2025-03-01")
    assert [t.assignee for t in tasks] == ["Sở Tài chính", "Ủy ban nhân dân các huyện"]
    first = tasks[0]
    assert first.role == "lead"
    assert [(u.name, u.role) for u in first.units] == [("Sở Tài chính", "lead"), ("Sở Nội vụ", "support")]
    assert first.deadline is not None and first.deadline.date == "2025-09-30"  # completed from the doc date
    assert first.section_path == ("II", "1")
    assert tasks[1].deadline is None


def test_lead_in_gives_its_addressee_to_items_naming_none() -> None:
    # ct_31_2012_CT_TTg: "... Thủ tướng Chính phủ yêu cầu Chủ tịch UBND các tỉnh ...:" then items
    text = (
        "Để làm tốt công tác này, Thủ tướng Chính phủ yêu cầu Chủ tịch Ủy ban nhân dân các tỉnh, "
        "thành phố trực thuộc Trung ương:\n\n"
        "1. Chỉ đạo các cấp đưa nội dung đào tạo nghề vào kế hoạch hàng năm.\n\n"
        "2. Cơ quan Lao động - Thương binh và Xã hội ở địa phương có trách nhiệm thống kê, rà soát.\n\n"
        "Thủ tướng Chính phủ yêu cầu Chủ tịch Ủy ban nhân dân các tỉnh thực hiện nghiêm túc Chỉ thị này./.\n"
    )
    tasks = _tasks(text)
    assert [t.assignee for t in tasks] == [
        "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
        "Cơ quan Lao động - Thương binh và Xã hội ở địa phương",
    ]
    assert tasks[0].deadline is not None and tasks[0].deadline.kind == "recurring"


@pytest.mark.parametrize(
    ("text", "assignee"),
    [
        # ct_21 items 2-3: "Đề nghị X ..."
        ("II. TỔ CHỨC THỰC HIỆN\n\n1. Đề nghị Ban Tuyên giáo và Dân vận Trung ương lãnh đạo, chỉ đạo.\n",
         "Ban Tuyên giáo và Dân vận Trung ương"),
        # nq_113 Điều 1.1: "Đối với ..., giao X ..."
        (("Điều 1. Thanh toán:\n1. Đối với các chi phí vượt dự toán được Thủ tướng Chính phủ giao, giao Bảo "
          "hiểm xã hội Việt Nam tổ chức thực hiện thanh toán.\n"), "Bảo hiểm xã hội Việt Nam"),
        # ct_06: a unit as the item's heading
        ("1. Sở Nông nghiệp và Môi trường\n\n- Tăng cường tham mưu quản lý nhà nước về rừng.\n",
         "Sở Nông nghiệp và Môi trường"),
        # kh_7360 IV.2: an opener before the subject
        (("IV. TỔ CHỨC THỰC HIỆN\n\n1. Căn cứ nội dung Kế hoạch, các sở, ngành và Ủy ban nhân dân các xã, phường "
          "có trách nhiệm xây dựng kế hoạch chi tiết.\n"), "các sở, ngành và Ủy ban nhân dân các xã, phường"),
        # qd_378 Điều 2: the executing article of a decision is one task
        (("Điều 1. Công bố danh mục thủ tục hành chính.\n\nĐiều 2. Chánh Văn phòng UBND tỉnh; Giám đốc Sở Công "
          "Thương chịu trách nhiệm thi hành Quyết định này./.\n"),
         "Chánh Văn phòng UBND tỉnh; Giám đốc Sở Công Thương"),
    ],
)
def test_assignment_forms(text: str, assignee: str) -> None:
    tasks = _tasks(text)
    assert [t.assignee for t in tasks] == [assignee]


def test_task_entry_fields() -> None:
    # kh_308: "Đơn vị chủ trì" / "Đơn vị phối hợp" / "Thời gian thực hiện"
    text = (
        "II. NHIỆM VỤ\n\n1.1. Xây dựng Chiến lược dữ liệu:\n\na) Nhiệm vụ: Rà soát, hoàn thiện Chiến lược dữ liệu.\n\n"
        "b) Cơ quan thực hiện:\n\n- Đơn vị chủ trì: Sở Khoa học và Công nghệ.\n\n- Đơn vị phối hợp: Các Sở, ban, ngành.\n\n"
        "c) Thời gian thực hiện: Hoàn thành trong năm 2025.\n"
    )
    (task,) = _tasks(text)
    assert task.assignee == "Sở Khoa học và Công nghệ"
    assert task.action == "Rà soát, hoàn thiện Chiến lược dữ liệu."
    assert task.deadline is not None and task.deadline.date == "2025-12-31" and task.deadline.period == "2025"
    assert [(u.name, u.role) for u in task.units] == [("Sở Khoa học và Công nghệ", "lead"), ("Các Sở, ban, ngành", "support")]


def test_first_dated_deadline_and_report_duty() -> None:
    # ct_21 item 4: several dates, the first in text order is the task's
    text = (
        "II. TỔ CHỨC THỰC HIỆN\n\n4. Ủy ban nhân dân các tỉnh, thành phố\na) Khẩn trương rà soát; hoàn thành trước ngày "
        "10 tháng 6 năm 2026.\nb) Kết thúc trước ngày 31 tháng 5 năm 2026.\nc) Định kỳ báo cáo Thủ tướng Chính phủ vào "
        "thứ Sáu hàng tuần; báo cáo tổng thể trước ngày 05 tháng 7 năm 2026.\n"
    )
    (task,) = _tasks(text)
    assert task.deadline is not None and task.deadline.date == "2026-06-10"
    assert task.report is not None and task.report.to == "Thủ tướng Chính phủ" and task.report.recurring


def test_remark_in_brackets_is_no_deadline() -> None:
    text = ("2. Trách nhiệm của các đơn vị:\n\n2.1. Sở Tài chính:\n\n- Chủ trì đào tạo về đấu thầu (năm 2025, Sở "
            "đã tổ chức tập huấn các Nghị định mới ban hành trong năm 2025).\n")
    (task,) = _tasks(text)
    assert task.assignee == "Sở Tài chính" and task.deadline is None


def test_heading_naming_units_with_a_colon_is_the_assignee() -> None:
    # kh_0134 IV: "3. UBND các xã/phường:" and "4. Các cơ sở sản xuất giống, NTTS thương phẩm:"
    text = ("IV. Tổ chức thực hiện.\n\n3. UBND các xã/phường:\n\n- Phối hợp tuyên truyền.\n\n"
            "4. Các cơ sở sản xuất giống, NTTS thương phẩm:\n\n- Chấp hành quy định về môi trường.\n")
    assert [t.assignee for t in _tasks(text)] == ["UBND các xã/phường", "Các cơ sở sản xuất giống, NTTS thương phẩm"]


def test_task_table_rows(tmp_path: Path) -> None:
    # a plan's task table: the markdown reader gives one cell per line
    md = tmp_path / "plan.md"
    md.write_text(
        "KẾ HOẠCH\n\nIII. TỔ CHỨC THỰC HIỆN\n\n"
        "| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n|---|---|---|---|---|\n"
        "| 1 | Xây dựng kế hoạch truyền thông | Sở Văn hóa, Thể thao và Du lịch | Sở Tài chính | Quý III/2025 |\n"
        "| 2 | Rà soát văn bản | Sở Tư pháp | Các sở, ngành | Thường xuyên |\n",
        encoding="utf-8",
    )
    tasks = vndocs.parse(str(md)).tasks
    assert [(t.assignee, t.action, t.deadline.date if t.deadline else None) for t in tasks] == [
        ("Sở Văn hóa, Thể thao và Du lịch", "Xây dựng kế hoạch truyền thông", "2025-09-30"),
        ("Sở Tư pháp", "Rà soát văn bản", None),
    ]
    assert [(u.name, u.role) for u in tasks[0].units] == [("Sở Văn hóa, Thể thao và Du lịch", "lead"), ("Sở Tài chính", "support")]


def test_letter_without_own_unit_is_merged_into_its_item() -> None:
    text = ("1. Chủ tịch Ủy ban nhân dân các tỉnh:\n\na) Tổ chức theo dõi chặt chẽ tình hình mưa lũ.\n\n"
            "b) Chỉ đạo rà soát các khu vực nguy hiểm.\n")
    (task,) = _tasks(text)
    assert task.assignee == "Chủ tịch Ủy ban nhân dân các tỉnh"


def test_text_without_items_uses_assignment_sentences() -> None:
    # cv_2214: a letter of one paragraph
    text = ("Kính gửi: Bộ Tài chính\n\nĐể đảm bảo hoàn thành việc hỗ trợ trong năm 2013, Bộ Xây dựng đề nghị Bộ Tài "
            "chính, Bộ Kế hoạch và Đầu tư bố trí vốn theo danh sách./.\n")
    (task,) = _tasks(text)
    assert task.assignee == "Bộ Tài chính, Bộ Kế hoạch và Đầu tư"
    assert task.deadline is None  # "trong năm 2013" is in the purpose clause, before the request


def test_no_tasks_in_plain_text() -> None:
    assert _tasks("Tình hình kinh tế - xã hội 10 tháng cơ bản ổn định.") == []
    assert _tasks("") == []


# --------------------------------------------------------------------------
# the gold of corpora/ (the same hand-made answers as ../shared/corpus/gold-dev.jsonl)


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", key(text or ""))


def _f1(a: str, b: str) -> float:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return float(ta == tb)
    pool, common = list(tb), 0
    for t in ta:
        if t in pool:
            pool.remove(t)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def _match(gold: list[dict], pred: list) -> list[tuple[int, int]]:
    pairs, used = [], set()
    for gi, g in enumerate(gold):
        best, best_j = 0.6, None
        for pj, p in enumerate(pred):
            if pj in used:
                continue
            s = _f1(g["assignee"], p.assignee)
            s += 0.05 if (g.get("deadline") or None) == (p.deadline.date if p.deadline and not p.deadline.inherited else None) else 0
            if s >= best:
                best, best_j = s, pj
        if best_j is not None:
            used.add(best_j)
            pairs.append((gi, best_j))
    return pairs


# Known misses, kept visible (strict: fixing one makes the test fail until the mark goes).
KNOWN_MISSES = {
    # Item 1a names the institutions inside "Học sinh, học viên các cơ sở giáo dục mầm non ... nghỉ học", and
    # its second line "Các trường đại học ngoài công lập ..." is not separated from it: one logical line.
    "cv_1906-SGDDT-CTrTT_danang_p1_gt.txt",
}


@pytest.mark.parametrize(
    "gold",
    [pytest.param(g, id=g["file"], marks=[pytest.mark.xfail(strict=True, reason="see KNOWN_MISSES")]
                  if g["file"] in KNOWN_MISSES else []) for g in GOLD if "tasks" in g],
)
def test_gold_tasks(gold: dict) -> None:
    doc = _parse(gold["file"])
    if isinstance(doc, str):
        pytest.skip(doc)
    pairs = _match(gold["tasks"], doc.tasks)
    missed = [gold["tasks"][gi]["assignee"] for gi in range(len(gold["tasks"])) if gi not in {g for g, _ in pairs}]
    extra = [doc.tasks[pj].assignee for pj in range(len(doc.tasks)) if pj not in {p for _, p in pairs}]
    assert not missed and not extra, (missed, extra)
    for gi, pj in pairs:
        own = doc.tasks[pj].deadline
        own_date = own.date if own is not None and not own.inherited else None
        assert own_date == gold["tasks"][gi].get("deadline"), gold["tasks"][gi]


def test_gold_task_f1_over_the_shipped_corpus() -> None:
    tp = fp = fn = 0
    for g in GOLD:
        doc = _parse(g["file"])
        if isinstance(doc, str) or "tasks" not in g:
            continue
        n = len(_match(g["tasks"], doc.tasks))
        tp, fp, fn = tp + n, fp + len(doc.tasks) - n, fn + len(g["tasks"]) - n
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.85


# --------------------------------------------------------------------------
# invariants over the shipped corpus


@pytest.mark.parametrize("path", sorted(p.name for p in DOCS.iterdir() if p.suffix in (".md", ".txt")))
def test_tasks_never_crash_and_spans_round_trip(path: str) -> None:
    doc = _parse(path)
    if isinstance(doc, str):
        pytest.skip(doc)
    n = len(doc.text)
    for t in doc.tasks:
        assert t.assignee and t.units
        assert t.span is not None and 0 <= t.span.start < t.span.end <= n
        for u in t.units:
            assert u.role in ("lead", "support")
            assert u.span is not None and 0 <= u.span.start < u.span.end <= n
        if t.deadline is not None and t.deadline.span is not None:
            s = t.deadline.span
            assert " ".join(doc.text[s.start : s.end].split()) == t.deadline.text
        if t.deadline is not None and t.deadline.date:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.deadline.date)


@pytest.mark.parametrize(
    ("pattern", "strings"),
    [
        (r"(?:(?<=\s)|(?<=^))(?P<t>[Gg]iao|[Đđ]ề nghị)\s+", ("iao", "ề nghị")),
        (r"a(?:bc|de)f", ("bc", "de")),
        (r"x?yz", ("yz",)),
        (r"(?:ab)*", None),  # may match nothing
        (r"(?i)abc", None),  # case-insensitive: str.find cannot tell
        (r"x(?i:abc)yy", ("yy",)),
        (r"\d+", None),
    ],
)
def test_required_strings_of_a_pattern(pattern: str, strings: tuple[str, ...] | None) -> None:
    # a paragraph without any of these strings is not searched for triggers: they must be in every match
    from vndocs.extract.tasks import _required_strings

    assert _required_strings(pattern) == strings


def test_every_trigger_example_contains_a_required_string() -> None:
    words = cues().trigger_words
    assert words
    for example in load("task_cues")["triggers"].get("examples", []):
        if cues().triggers.search(example):
            assert any(w in example for w in words), example
