"""Generalization check of the tasks extractor on documents it was not tuned on.

``tests/gold_extra_tasks.jsonl`` holds tasks annotated by hand by the developers
over 6 documents of ``../shared/corpus/docs`` that are not in the dev gold (see
``tests/gold_extra_tasks_notes.md``). The documents are read from the shared
corpus beside the repository; without it the scoring test is skipped. The small
cases below are the rules those documents showed to be missing; they run
everywhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import needs_shared, read_gold, score_on_shared
from vndocs.extract.deadlines import find_deadlines
from vndocs.extract.outline import extract_outline
from vndocs.extract.tasks import cues, extract_tasks
from vndocs.extract.units import read_units
from vndocs.models import Field, Header
from vndocs.normalize import key, normalize
from vndocs.vocab import load

GOLD = Path(__file__).resolve().parent / "gold_extra_tasks.jsonl"

# Reached on the extra gold (101 documents, 544 tasks): tasks.f1 0.917 (precision
# 0.917, recall 0.917), tasks.deadline 0.950. Blind batches scored before any change
# for them: batch 2 f1 0.764, batch 3 0.534, batch 5 (16 laws, decrees, circulars,
# resolutions, decisions with regulations, letters) 0.538, batch 6 (16 documents, two of
# them Party decisions) 0.784, batch 7 (18 documents, laws and decrees most) 0.653,
# batch 8 (11 legal texts and decisions, 30 tasks) 0.548, batch 9 (6 long decrees, a law
# and consolidated texts, 7 tasks) 0.667 (see the notes). The annex task tables of
# qd_2820, kh_552 and qd_982 (PDF) were added by a fourth blind batch: 82 rows, matched
# at precision 1.000 on the first run; its annotator left "2025 - 2035", the plan's whole
# period, without a date. The floors leave room for about one more miss each.
FLOORS = {
    "tasks.f1": 0.91,
    "tasks.precision": 0.91,
    "tasks.deadline": 0.93,
}


def _gold() -> list[dict]:
    return read_gold(GOLD)


def test_extra_gold_is_well_formed():
    gold = _gold()
    assert len(gold) == 101
    assert len({d["file"] for d in gold}) == 101
    for doc in gold:
        assert set(doc) == {"file", "tasks"}
        for t in doc["tasks"]:
            assert set(t) == {"assignee", "deadline"}
            assert t["assignee"]
            assert t["deadline"] is None or (len(t["deadline"]) == 10 and t["deadline"][4] == "-")


@needs_shared
def test_tasks_generalize_to_unseen_documents():
    score_on_shared(_gold(), FLOORS)


# ---------------------------------------------------------------- the rules the extra gold needed


def tasks(text: str, date: str = "2025-11-18", doc_type: str | None = None):
    header = Header(date=Field(date), type=Field(doc_type) if doc_type else None)
    return extract_tasks(normalize(text).text, header, []).tasks


def test_new_task_cue_examples_match():
    data = load("task_cues")
    c = cues()
    for ex in data["closing_paragraph"]["examples"]:
        assert c.closing.match(key(ex)), ex
    for ex in data["attached_document"]["examples"]:
        assert c.attached.search(ex), ex
    for ex in data["attached_end"]["examples"]:
        assert c.attached_end.search(ex), ex


def test_closing_paragraph_is_no_task_of_the_last_item():
    # kh_624 / ct_09: the closing "Ủy ban nhân dân tỉnh giao ..." sat inside the last item's last sub-item
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\na) Tổ chức kiểm tra.\n\n"
        "2. Ủy ban nhân dân các xã, phường\n\na) Ban hành kế hoạch.\n\nb) Tổ chức đánh giá.\n\n"
        "Ủy ban nhân dân tỉnh giao Giám đốc các sở, Thủ trưởng các ban, ngành triển khai thực hiện./.\n\n"
        "Nơi nhận:\n- Như trên;\n"
    )
    assert [t.assignee for t in tasks(text)] == ["Sở Y tế", "Ủy ban nhân dân các xã, phường"]


def test_lead_in_of_a_section_makes_its_items_assignments():
    # tb_627 III: "... yêu cầu các bộ, ngành, địa phương ...:" then topic items whose sub-items name units
    text = (
        "I. ĐÁNH GIÁ CHUNG\n\nKết quả tốt.\n\nII. NHIỆM VỤ TRỌNG TÂM\n\n"
        "Thời gian còn ít; do vậy, yêu cầu các bộ, ngành, địa phương, đơn vị liên quan:\n\n"
        "1. Hoàn thành các dự án\n\na) Các bộ, ngành, địa phương khẩn trương đăng ký các công trình.\n\n"
        "b) Bộ Xây dựng khởi công dự án vào ngày 19 tháng 12 năm 2025.\n"
    )
    got = [(t.assignee, t.deadline.date if t.deadline else None) for t in tasks(text)]
    assert got == [("Các bộ, ngành, địa phương", None), ("Bộ Xây dựng", "2025-12-19")]


def test_trigger_inside_a_sub_item_of_a_unit_is_its_action():
    # ct_09 6.a: "Sở Y tế / a) ... phải hướng dẫn, yêu cầu các đơn vị ..." is Sở Y tế's task
    text = (
        "TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\na) Thường xuyên kiểm tra; nếu không đạt, phải hướng dẫn, yêu cầu "
        "các đơn vị có biện pháp khắc phục.\n\nb) Giao Thanh tra thành phố tổ chức thanh tra.\n"
    )
    assert [t.assignee for t in tasks(text)] == ["Sở Y tế", "Thanh tra thành phố"]


@pytest.mark.parametrize(
    ("heading", "assignee"),
    [
        # ct_09 11: a heading that ends on the unit's duty
        ("Các đơn vị cấp nước sạch trên địa bàn thành phố có trách nhiệm",
         "Các đơn vị cấp nước sạch trên địa bàn thành phố"),
        # qd_982 Điều 2.8: a heading line naming the unit with lower-case words
        ("Các Khu Công nghệ cao, Khu Công nghệ số tập trung và hiệp hội, doanh nghiệp liên quan",
         "Các Khu Công nghệ cao, Khu Công nghệ số tập trung và hiệp hội, doanh nghiệp liên quan"),
    ],
)
def test_heading_line_with_sub_items_names_the_unit(heading: str, assignee: str):
    text = f"TỔ CHỨC THỰC HIỆN\n\n1. {heading}\n\na) Tiếp tục đầu tư mạng lưới.\n\nb) Phối hợp đấu nối.\n"
    assert [t.assignee for t in tasks(text)] == [assignee]


def test_guidance_provisions_are_rules_outside_the_implementation_section():
    # hd_45-HD-BTCTW: "Các cấp ủy ... có trách nhiệm ..." in "VI. Về hồ sơ cán bộ" is a rule
    text = (
        "I. Về hồ sơ cán bộ\n\n1. Các cấp ủy, tổ chức đảng có trách nhiệm bàn giao hồ sơ gốc.\n\n"
        "II. Tổ chức thực hiện\n\n1. Các tỉnh ủy, thành ủy cụ thể hóa hướng dẫn này.\n"
    )
    assert [t.assignee for t in tasks(text, doc_type="Hướng dẫn")] == ["Các tỉnh ủy, thành ủy"]
    assert len(tasks(text, doc_type="Kế hoạch")) == 2


def test_attached_plan_after_the_signature_is_walked():
    # qd_2820-QD-UBND: the decision promulgates a plan printed after its signature
    text = (
        "QUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n\n"
        "Điều 2. Chánh Văn phòng, Giám đốc các Sở chịu trách nhiệm thi hành Quyết định này./.\n\n"
        "Nơi nhận:\n- Như Điều 2;\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n\n"
        "KẾ HOẠCH\n\nTRIỂN KHAI ĐỀ ÁN\n\n(Kèm theo Quyết định số 1/QĐ-UBND ngày 19 tháng 11 năm 2025)\n\n"
        "I. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính\n\n- Chủ trì theo dõi.\n\n2. Công an Thành phố\n\n- Kiểm tra.\n\n"
        "PHỤ LỤC\n\nNHIỆM VỤ\n"
    )
    got = [t.assignee for t in tasks(text)]
    assert got == ["Chánh Văn phòng, Giám đốc các Sở", "Sở Tài chính", "Công an Thành phố"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng khẩn trương hoàn thiện", "Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng"),
        ("Thành phố Hồ Chí Minh, tỉnh Lâm Đồng đẩy nhanh", "Thành phố Hồ Chí Minh, tỉnh Lâm Đồng"),
        ("Phó Thủ tướng Chính phủ Trần Hồng Hà trực tiếp kiểm tra", "Phó Thủ tướng Chính phủ Trần Hồng Hà"),
        ("đồng chí Bộ trưởng Bộ Xây dựng trực tiếp chỉ đạo", "đồng chí Bộ trưởng Bộ Xây dựng"),
        ("Ban Quản lý các khu chế xuất và công nghiệp Cần Thơ chỉ đạo", "Ban Quản lý các khu chế xuất và công nghiệp Cần Thơ"),
        ("Bộ Ngoại giao \nĐồng chủ trì với Bộ Khoa học và Công nghệ", "Bộ Ngoại giao"),
    ],
)
def test_units_the_extra_gold_needed(text: str, name: str):
    ul = read_units(text)
    assert ul is not None and ul.text == name


def test_thanh_pho_alone_is_no_unit():
    assert read_units("Thành phố phấn đấu hoàn thành") is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("khởi công dự án vào ngày 19 tháng 12 năm 2025", "2025-12-19"),
        # a past "vào ngày" tells what happened, not when to finish
        ("Tại phiên họp vào ngày 10 tháng 9 năm 2025", None),
    ],
)
def test_on_date_is_a_deadline_only_in_the_future(text: str, date: str | None):
    found = [d for d in find_deadlines(text, doc_date="2025-11-18") if d.date]
    assert (found[0].date if found else None) == date


def test_a_plan_after_the_decision_without_a_kem_theo_line():
    # qd_2954-QD-UBND_sonla (web copy): the promulgated KẾ HOẠCH follows the signature directly
    text = (
        "QUYẾT ĐỊNH\n\nBan hành Kế hoạch xuất khẩu\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch xuất khẩu.\n\n"
        "Điều 2. Chánh Văn phòng UBND tỉnh, Giám đốc các sở chịu trách nhiệm thi hành Quyết định này./.\n\n"
        "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Thành Công\n\n"
        "KẾ HOẠCH\n\nXUẤT KHẨU SẢN PHẨM HÀNG HÓA TỈNH SƠN LA GIAI ĐOẠN 2026 -\n2030\n\n"
        "Ủy ban nhân dân tỉnh Sơn La ban hành Kế hoạch như sau:\n\nI. MỤC TIÊU\n\n1. Duy trì tốc độ tăng trưởng.\n\n"
        "II. TỔ CHỨC THỰC HIỆN\n\n1. Sở Công Thương\n\nChủ trì, phối hợp với các sở, ngành tổ chức triển khai Kế hoạch.\n\n"
        "2. Sở Tài chính\n\nTham mưu bố trí kinh phí thực hiện Kế hoạch.\n"
    )
    got = [t.assignee for t in tasks(text, doc_type="Quyết định")]
    assert "Sở Công Thương" in got and "Sở Tài chính" in got
    # the same plan after a letter is not promulgated by it
    assert "Sở Công Thương" not in [t.assignee for t in tasks(text.replace("QUYẾT ĐỊNH", "CÔNG VĂN"), doc_type="Công văn")]


def test_an_attached_regulation_assigns_only_in_its_implementation_part():
    # qd_12_2012_QD_UBND (Tuyên Quang): QUY ĐỊNH (Ban hành kèm theo ...), Chương III TỔ CHỨC THỰC HIỆN
    text = (
        "QUYẾT ĐỊNH\n\nVề việc tặng quà\n\nĐiều 1. Ban hành kèm theo Quyết định này Quy định về việc tặng quà.\n\n"
        "Điều 2. Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này./.\n\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\n\n"
        "QUY ĐỊNH\n\nVỀ VIỆC TẶNG QUÀ ĐỐI VỚI THƯƠNG BINH (Ban hành kèm theo Quyết định số 12/2012/QĐ-UBND)\n\n"
        "Chương I\n\nQUY ĐỊNH CHUNG\n\nĐiều 1. Đối tượng\n\nỦy ban nhân dân xã có trách nhiệm lập danh sách đối tượng.\n\n"
        "Chương II\n\nTỔ CHỨC THỰC HIỆN\n\nĐiều 5. Giao trách nhiệm:\n\n1. Sở Lao động - Thương binh và Xã hội:\n\n"
        "Hằng năm xây dựng kế hoạch, dự toán kinh phí tặng quà.\n\n2. Sở Tài chính, Kho bạc Nhà nước tỉnh: Thẩm định dự toán.\n"
    )
    got = [t.assignee for t in tasks(text, doc_type="Quyết định")]
    assert "Sở Lao động - Thương binh và Xã hội" in got
    assert not any(a and a.startswith("Ủy ban nhân dân xã") for a in got)


def test_a_conclusions_answers_after_their_topic():
    # tb_634-TB-VPCP: "N. Về <the province's request>: <unit> <action>"; the topic names no assignee
    text = (
        "III. VỀ MỘT SỐ KIẾN NGHỊ CỦA TỈNH\n\n"
        "2. Về dự án đầu tư xây dựng công trình nạo vét luồng tàu vào khu bến cảng Nghi Sơn: Bộ Xây dựng khẩn trương"
        " rà soát, báo cáo Thủ tướng Chính phủ kết quả thực hiện trước ngày 31 tháng 12 năm 2025.\n\n"
        "4. Về đầu tư kho dầu thô dự trữ quốc gia: với vai trò là chủ đầu tư, Tập đoàn Công nghiệp - Năng lượng Quốc"
        " gia Việt Nam chủ động làm việc với các Tập đoàn lớn trên thế giới.\n\n"
        "7. Về đề nghị Chính phủ chỉ đạo Bộ Tài chính xem xét, bố trí vốn Dự án đường ven biển: giao Bộ Tài chính chủ"
        " trì phối hợp với Bộ Xây dựng và các cơ quan liên quan xem xét, xử lý theo đúng quy định.\n"
    )
    got = [(t.assignee, t.deadline.date if t.deadline else None) for t in tasks(text, doc_type="Thông báo")]
    assert got == [
        ("Bộ Xây dựng", "2025-12-31"),
        ("Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam", None),
        ("Bộ Tài chính", None),
    ]


def test_a_lead_label_over_a_bulleted_list_of_units():
    # kh_252_2013_KH_BCDQG1237: "a) Cơ quan chủ trì" / "- Ban Chỉ đạo quốc gia." / "- Các Bộ, ngành liên quan."
    text = (
        "I. CÔNG TÁC QUÁN TRIỆT, TRIỂN KHAI THỰC HIỆN\n\n1. Nội dung, biện pháp\n\nTổ chức quán triệt Chỉ thị.\n\n"
        "2. Cơ quan chủ trì, phối hợp\n\na) Cơ quan chủ trì\n\n- Ban Chỉ đạo quốc gia.\n\n- Các Bộ, ngành liên quan.\n\n"
        "- Ban Chỉ đạo các quân khu; Ban Chỉ đạo các tỉnh.\n\nb) Cơ quan phối hợp\n\n- Các cơ quan báo chí.\n\n"
        "3. Thời gian thực hiện\n\nTháng 12/2013 và thường xuyên.\n"
    )
    (task,) = tasks(text, doc_type="Kế hoạch")
    assert task.assignee.startswith("Ban Chỉ đạo quốc gia; Các Bộ, ngành liên quan; Ban Chỉ đạo")


def test_a_heading_line_is_the_units_whole_name():
    # qd_2954-QD-UBND_sonla: the unit's name runs on in lower case; a law's article title is no unit
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n\n7. Trung tâm Xúc tiến đầu tư, thương mại và du lịch\n\n"
        "Chủ trì tổ chức các hoạt động xúc tiến thương mại.\n\n"
        "8. Báo và phát thanh, truyền hình Sơn La, Cổng thông tin điện tử tỉnh\n\nTuyên truyền về xuất khẩu.\n"
    )
    assert [t.assignee for t in tasks(text, doc_type="Kế hoạch")] == [
        "Trung tâm Xúc tiến đầu tư, thương mại và du lịch",
        "Báo và phát thanh, truyền hình Sơn La, Cổng thông tin điện tử tỉnh",
    ]
    law = "Chương I\n\nNHỮNG QUY ĐỊNH CHUNG\n\nĐiều 22. Tòa án xét xử tập thể\n\nTòa án xét xử tập thể và quyết định theo đa số.\n"
    assert tasks(law, doc_type="Luật") == []


def test_responsibility_headings_name_their_unit():
    # qd_22_2013_QD_TTg Điều 8: "2. Trách nhiệm của Ủy ban nhân dân các tỉnh, ..." is a task of the
    # province; "1. Trách nhiệm của các Bộ, ngành Trung ương" only groups the ministries' own tasks
    text = (
        "Điều 8. Tổ chức thực hiện\n\n1. Trách nhiệm của các Bộ, ngành Trung ương\n\na) Bộ Xây dựng:\n\n"
        "Chủ trì hướng dẫn các tỉnh thực hiện.\n\nb) Bộ Tài chính:\n\nBố trí vốn từ ngân sách trung ương.\n\n"
        "2. Trách nhiệm của Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương\n\n"
        "a) Công bố công khai về đối tượng, tiêu chuẩn được hỗ trợ.\n\nb) Chỉ đạo rà soát danh sách hộ.\n"
    )
    assert [t.assignee for t in tasks(text, doc_type="Quyết định")] == [
        "Bộ Xây dựng", "Bộ Tài chính", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
    ]


# ---------------------------------------------------------------- batch 5 (laws, decrees, circulars, resolutions, letters)


def test_a_people_s_council_resolution_gives_its_standing_body_a_task():
    # nq_35-2025-NQ-HDND_hue Điều 5
    text = (
        "Điều 5. Tổ chức thực hiện\n\n1. Giao Ủy ban nhân dân thành phố triển khai thực hiện Nghị quyết.\n\n"
        "2. Giao Thường trực Hội đồng nhân dân, các Ban Hội đồng nhân dân, Tổ đại biểu Hội đồng nhân dân và "
        "đại biểu Hội đồng nhân dân thành phố trong phạm vi, nhiệm vụ, quyền hạn giám sát việc triển khai "
        "thực hiện Nghị quyết.\n"
    )
    got = [t.assignee for t in tasks(text, doc_type="Nghị quyết")]
    assert got == [
        "Ủy ban nhân dân thành phố",
        "Thường trực Hội đồng nhân dân, các Ban Hội đồng nhân dân, Tổ đại biểu Hội đồng nhân dân và "
        "đại biểu Hội đồng nhân dân thành phố",
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # qd_170-QD-BCDNNDL Điều 3; nq_48-2025-NQ-HDND_hanoi Điều 2.2; nq_1654-NQ-UBTVQH15 Điều 3.3
        ("Các thành viên Ban Chỉ đạo, Bộ trưởng, Thủ trưởng cơ quan ngang bộ chịu trách nhiệm",
         "Các thành viên Ban Chỉ đạo, Bộ trưởng, Thủ trưởng cơ quan ngang bộ"),
        ("Thường trực Hội đồng nhân dân Thành phố; các Ban của Hội đồng nhân dân Thành phố giám sát",
         "Thường trực Hội đồng nhân dân Thành phố; các Ban của Hội đồng nhân dân Thành phố"),
        ("Hội đồng Dân tộc, các Ủy ban của Quốc hội, Đoàn đại biểu Quốc hội giám sát",
         "Hội đồng Dân tộc, các Ủy ban của Quốc hội, Đoàn đại biểu Quốc hội"),
        # ttlt_47_2009 Điều 15.2: an en dash inside the name
        ("Sở Lao động – Thương binh và Xã hội, Kho bạc Nhà nước các tỉnh có trách nhiệm",
         "Sở Lao động – Thương binh và Xã hội, Kho bạc Nhà nước các tỉnh"),
    ],
)
def test_units_batch_5_needed(text: str, name: str):
    ul = read_units(text)
    assert ul is not None and ul.text == name


def test_executing_sentence_after_the_effect_sentence():
    # qd_3509-QD-CT Điều 2
    text = (
        "QUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Quy tắc ứng xử với người nộp thuế.\n\n"
        "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký. Trưởng ban Ban Tổ chức cán bộ, Chánh Văn "
        "phòng Cục Thuế và Thủ trưởng các đơn vị thuộc Cục Thuế chịu trách nhiệm thi hành Quyết định này./.\n"
    )
    assert [t.assignee for t in tasks(text, doc_type="Quyết định")] == [
        "Trưởng ban Ban Tổ chức cán bộ, Chánh Văn phòng Cục Thuế và Thủ trưởng các đơn vị thuộc Cục Thuế"
    ]


def test_a_circular_s_implementation_chapter_and_the_articles_around_it():
    # tt_23-2025-TT-BTP Chương III-IV, shortened
    text = (
        "Chương III\n\nQUẢN LÝ HỒ SƠ\n\nĐiều 14. Thẩm quyền quản lý hồ sơ công chức, viên chức\n\n"
        "1. Vụ trưởng Vụ Tổ chức cán bộ quản lý hồ sơ giấy và hồ sơ điện tử của:\n\na) Công chức của các Cục.\n\n"
        "Chương IV\n\nTỔ CHỨC THỰC HIỆN\n\nĐiều 16. Trách nhiệm của Vụ trưởng Vụ Tổ chức cán bộ\n\n"
        "1. Tham mưu, giúp Bộ trưởng quản lý thống nhất về công tác tổ chức cán bộ.\n\n"
        "2. Tổng hợp, báo cáo tình hình, kết quả thực hiện công tác tổ chức cán bộ.\n\n"
        "Điều 17. Trách nhiệm của Thủ trưởng các đơn vị thuộc Bộ được phân cấp\n\n"
        "1. Thực hiện các nhiệm vụ được phân cấp theo quy định.\n\n2. Gửi Vụ Tổ chức cán bộ các quyết định.\n\n"
        "Điều 18. Thu hồi hoặc tạm dừng thực hiện thẩm quyền đã phân cấp\n\n"
        "Bộ trưởng Bộ Tư pháp quyết định thu hồi nội dung đã phân cấp trong các trường hợp sau:\n\n"
        "1. Vi phạm các quy định về công tác quản lý tổ chức, cán bộ.\n\n2. Đơn vị xảy ra tình trạng mất đoàn kết.\n\n"
        "Điều 20. Điều khoản chuyển tiếp\n\n1. Các đơn vị tiếp tục thực hiện thẩm quyền quy định tại Thông tư này.\n\n"
        "Điều 21. Hiệu lực thi hành\n\n1. Thông tư này có hiệu lực thi hành kể từ ngày ký ban hành.\n\n"
        "2. Lãnh đạo Bộ, Thủ trưởng các đơn vị thuộc Bộ và các tổ chức, cá nhân có liên quan chịu trách nhiệm "
        "thi hành Thông tư này./.\n"
    )
    got = [t.assignee for t in tasks(text, doc_type="Thông tư")]
    assert got == [
        "Vụ trưởng Vụ Tổ chức cán bộ",
        "Thủ trưởng các đơn vị thuộc Bộ được phân cấp",
        "Lãnh đạo Bộ, Thủ trưởng các đơn vị thuộc Bộ và các tổ chức, cá nhân có liên quan",
    ]


def test_a_joint_circular_s_procedures_are_no_tasks_but_its_implementation_part_is():
    # ttlt_47_2009_TTLT_BTC_BLDTBXH Điều 12 (a budget procedure) and MỤC IV Điều 15
    text = (
        "MỤC III. QUẢN LÝ KINH PHÍ\n\nĐiều 12. Bổ sung dự toán\n\n1. Sau khi điều chỉnh dự toán mà vẫn còn thiếu "
        "kinh phí, Sở Lao động – Thương binh và Xã hội có văn bản đề nghị Bộ Lao động – Thương binh và Xã hội để "
        "xem xét bổ sung kinh phí.\n\n2. Kho bạc Nhà nước có trách nhiệm kiểm soát chi.\n\n"
        "MỤC IV. TỔ CHỨC THỰC HIỆN\n\nĐiều 15. Hiệu lực thi hành\n\n1. Thông tư này có hiệu lực thi hành sau 45 "
        "ngày kể từ ngày ký.\n\n2. Sở Lao động – Thương binh và Xã hội, Kho bạc Nhà nước các tỉnh, thành phố trực "
        "thuộc Trung ương có trách nhiệm phối hợp, hướng dẫn và tổ chức thực hiện Thông tư này./.\n"
    )
    norm = normalize(text).text
    header = Header(date=Field("2009-03-23"), type=Field("Thông tư liên tịch"))
    got = [t.assignee for t in extract_tasks(norm, header, extract_outline(norm).sections).tasks]
    assert got == [
        "Sở Lao động – Thương binh và Xã hội, Kho bạc Nhà nước các tỉnh, thành phố trực thuộc Trung ương"
    ]


def test_a_regulation_s_unit_headings_outside_its_implementation_part_are_duties():
    # qd_102-2025-QD-UBND_phutho: the attached QUY CHẾ's Chương II lists each department's standing duties
    text = (
        "QUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp.\n\n"
        "Điều 2. Giám đốc Sở Dân tộc và Tôn giáo chịu trách nhiệm thi hành Quyết định này./.\n\n"
        "Nơi nhận:\n- Như Điều 2;\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\n\n"
        "QUY CHẾ\n\nPHỐI HỢP TRONG CÔNG TÁC QUẢN LÝ NHÀ NƯỚC\n\n(Kèm theo Quyết định số 102/2025/QĐ-UBND)\n\n"
        "Chương II\n\nTRÁCH NHIỆM PHỐI HỢP CỦA CÁC CƠ QUAN, ĐƠN VỊ\n\nĐiều 5. Phối hợp trong tham mưu xây dựng văn bản\n\n"
        "1. Sở Dân tộc và Tôn giáo\n\nChủ trì đề xuất, tham mưu Ủy ban nhân dân tỉnh.\n\n2. Sở Tư pháp\n\n"
        "Chủ trì thẩm định dự thảo các văn bản.\n\nChương III\n\nTỔ CHỨC THỰC HIỆN\n\n"
        "Điều 17. Trách nhiệm tổ chức thực hiện\n\n1. Sở Dân tộc và Tôn giáo\n\nHướng dẫn, theo dõi, đôn đốc.\n"
    )
    got = [t.assignee for t in tasks(text, doc_type="Quyết định")]
    assert got == ["Giám đốc Sở Dân tộc và Tôn giáo", "Sở Dân tộc và Tôn giáo"]


def test_a_position_in_lower_case_after_an_opener():
    # qd_31_2011_QD_UBND Điều 9
    text = (
        "Chương IV\n\nTỔ CHỨC THỰC HIỆN\n\nĐiều 9. Trong quá trình thực hiện nếu có vướng mắc, chủ tịch Ủy ban "
        "nhân dân các Huyện, Thị xã, Thành phố tổng hợp, báo cáo về Cục Thuế tỉnh để xem xét./.\n"
    )
    assert [t.assignee for t in tasks(text, doc_type="Quy định")] == [
        "chủ tịch Ủy ban nhân dân các Huyện, Thị xã, Thành phố"
    ]


def test_a_letter_s_duty_with_bullets_and_a_reported_request():
    # cv_5115_2018_CV_LDTBXH-KHTC, shortened
    text = (
        "Kính gửi: Sở Lao động - Thương binh và Xã hội tỉnh Hưng Yên.\n\n"
        "Ngày 16/8/2018 Bộ Lao động - Thương binh và Xã hội đã có Công văn số 3395/LĐTBXH-KHTC gửi Tổng công ty "
        "Bưu điện Việt Nam và đề nghị Tổng công ty Bưu điện Việt Nam cần có các giải pháp khắc phục tồn tại.\n\n"
        "Giám đốc Sở Lao động - Thương binh và Xã hội có trách nhiệm:\n\n"
        "- Phối hợp với Tổng công ty Bưu điện Việt Nam hoàn thiện Đề án thí điểm.\n\n"
        "- Kịp thời giải đáp, hướng dẫn những vướng mắc (nếu có).\n\n"
        "Bộ Lao động - Thương binh và Xã hội thông báo để các địa phương biết./.\n\nNơi nhận:\n- Như trên;\n"
    )
    got = tasks(text, doc_type="Công văn")
    assert [t.assignee for t in got] == ["Giám đốc Sở Lao động - Thương binh và Xã hội"]
    assert "hướng dẫn những vướng mắc" in text[got[0].span.start : got[0].span.end]


@pytest.mark.parametrize(
    "text",
    [
        # cv_1539-VLO-QLDN3 (a tax office's answer): what the company asked, and a conditional rule
        "Căn cứ các quy định nêu trên, CÔNG TY CỔ PHẦN BIA SÀI GÒN – BẾN TRE vướng mắc về chính sách thuế.",
        "CÔNG TY CỔ PHẦN BIA SÀI GÒN – BẾN TRE vay tiền của cổ đông nếu cổ đông là cá nhân điều hành.",
    ],
)
def test_what_a_unit_asked_or_may_do_is_no_task(text: str):
    assert tasks(text + "\n", doc_type="Công văn") == []


# ---------------------------------------------------------------- batch 6 (blind)


def _outlined_tasks(text: str, doc_type: str, date: str = "2025-12-01"):
    norm = normalize(text).text
    header = Header(date=Field(date), type=Field(doc_type))
    return extract_tasks(norm, header, extract_outline(norm).sections).tasks


def test_an_effect_article_gives_the_tasks_of_the_units_it_charges():
    # tt_34-2025-TT-BKHCN Điều 8 (its title names the implementation), tt_58-2026-TT-BTC Điều 12 (it does not)
    text = (
        "Điều 8. Hiệu lực và trách nhiệm thi hành\n\n1. Thông tư này có hiệu lực kể từ ngày 01 tháng 01 năm 2026.\n\n"
        "2. Các cơ quan, tổ chức sử dụng vốn ngân sách nhà nước để thuê, mua sắm sản phẩm, dịch vụ công nghệ số có "
        "trách nhiệm theo dõi, giám sát việc cập nhật thông tin.\n\n3. Cục Công nghiệp công nghệ thông tin (Bộ Khoa "
        "học và Công nghệ) chủ trì, phối hợp với các cơ quan liên quan tổ chức hướng dẫn thực hiện Thông tư này.\n\n"
        "4. Chánh Văn phòng, Cục trưởng Cục Công nghiệp công nghệ thông tin và các cơ quan có liên quan chịu trách "
        "nhiệm thi hành Thông tư này./.\n"
    )
    assert [t.assignee for t in _outlined_tasks(text, "Thông tư")] == [
        "Các cơ quan, tổ chức sử dụng vốn ngân sách nhà nước để thuê, mua sắm sản phẩm, dịch vụ công nghệ số",
        "Cục Công nghiệp công nghệ thông tin (Bộ Khoa học và Công nghệ)",
        "Chánh Văn phòng, Cục trưởng Cục Công nghiệp công nghệ thông tin và các cơ quan có liên quan",
    ]
    text = (
        "Điều 11. Báo cáo tài chính\n\nNơi nhận báo cáo tài chính của doanh nghiệp siêu nhỏ được thực hiện theo quy "
        "định.\n\nĐiều 12. Hiệu lực thi hành\n\n1. Thông tư này có hiệu lực thi hành kể từ ngày 01/7/2026.\n\n"
        "2. Uỷ ban Nhân dân, Sở Tài chính, Thuế các Tỉnh, Thành phố trực thuộc Trung ương có trách nhiệm triển khai "
        "hướng dẫn các doanh nghiệp siêu nhỏ thực hiện Thông tư này.\n\n3. Trong quá trình thực hiện nếu có vướng "
        "mắc, đề nghị phản ánh về Bộ Tài chính để nghiên cứu giải quyết./.\n"
    )
    assert [t.assignee for t in _outlined_tasks(text, "Thông tư")] == [
        "Uỷ ban Nhân dân, Sở Tài chính, Thuế các Tỉnh, Thành phố trực thuộc Trung ương"
    ]


def test_a_decree_s_standing_duties_outside_its_implementation_part():
    # nd_63_2010_ND_CP Điều 5: "có trách nhiệm tổ chức thực hiện kiểm soát ..." is no executing clause
    text = (
        "Chương 1\n\nNHỮNG QUY ĐỊNH CHUNG\n\nĐiều 5. Cơ quan, đơn vị kiểm soát thủ tục hành chính\n\n"
        "1. Văn phòng Bộ, cơ quan ngang Bộ có trách nhiệm tổ chức thực hiện kiểm soát thủ tục hành chính.\n\n"
        "Chương 2\n\nĐIỀU KHOẢN THI HÀNH\n\nĐiều 6. Trách nhiệm thi hành\n\n1. Văn phòng Chính phủ có trách nhiệm "
        "hướng dẫn thi hành Nghị định này.\n"
    )
    assert [t.assignee for t in _outlined_tasks(text, "Nghị định")] == ["Văn phòng Chính phủ"]


def test_party_bodies_in_lower_case_and_a_generic_head_named_up_to_its_duty():
    # qd_1147-QD-BTGDVTW Điều 17; vbhn_57-VBHN-BCT Điều 13.3
    text = (
        "Điều 17. Tổ chức thực hiện\n\n1. Ban tuyên giáo và dân vận tỉnh ủy, thành ủy căn cứ Quy chế này hướng dẫn "
        "nội dung bồi dưỡng.\n\n2. Trung tâm chính trị xã, phường, đặc khu căn cứ Quy chế này xây dựng quy chế.\n\n"
        "3. Đơn vị vận hành hệ thống điện và thị trường điện quốc gia có trách nhiệm lập biểu giá hằng năm.\n"
    )
    assert [t.assignee for t in _outlined_tasks(text, "Quy chế")] == [
        "Ban tuyên giáo và dân vận tỉnh ủy, thành ủy",
        "Trung tâm chính trị xã, phường, đặc khu",
        "Đơn vị vận hành hệ thống điện và thị trường điện quốc gia",
    ]


def test_a_letter_s_request_to_its_addressee_called_quy_bo():
    # cv_8794_2013_CV_VPCP: the past request is reported, the new one goes to "quý Bộ", the Kính gửi addressee
    text = (
        "Kính gửi: Bộ Lao động - Thương binh và Xã hội\n\nNgày 19 tháng 9 năm 2013, Văn phòng Chính phủ có văn bản "
        "số 349/TB-VPCP thông báo ý kiến chỉ đạo yêu cầu quý Bộ chủ trì xây dựng Thông tư liên tịch, báo cáo "
        "trước ngày 30 tháng 9 năm 2013.\n\nVăn phòng Chính phủ đề nghị quý Bộ khẩn trương có báo cáo về tình hình "
        "thực hiện.\n\nNơi nhận:\n- Như trên;\n"
    )
    got = tasks(text, doc_type="Công văn")
    assert [(t.assignee, t.deadline) for t in got] == [("Bộ Lao động - Thương binh và Xã hội", None)]


def test_the_issuer_s_own_request_and_an_object_after_chi_dao():
    # nq_380-NQ-CP III.5; cv_2428_2013_CV_BXD item 1 (the lead-in's addressee, not "các cơ quan" it directs)
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n\n1. Chính phủ trân trọng đề nghị Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam chủ "
        "động vận động, kêu gọi ủng hộ người dân.\n"
    )
    assert [t.assignee for t in tasks(text, doc_type="Nghị quyết")] == ["Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"]
    text = (
        "Bộ Xây dựng đề nghị Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương thực hiện một số nội dung sau "
        "đây:\n\n1. Đối với các địa phương chưa lập Đề án thì khẩn trương chỉ đạo các cơ quan chức năng lập Đề án.\n"
    )
    assert [t.assignee for t in tasks(text, doc_type="Công văn")] == [
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"
    ]


# ---------------------------------------------------------------- batch 7 (blind)


def test_a_law_s_chapter_on_each_body_states_duties_and_chu_tri_assigns_what_it_makes():
    # luat_24-2018-QH14 (Chương VI "TRÁCH NHIỆM ..."), luat_86-2015-QH13 Điều 26.2 and Điều 54
    text = (
        "Chương II\n\nBẢO VỆ HỆ THỐNG THÔNG TIN\n\nĐiều 26. Hệ thống thông tin quan trọng quốc gia\n\n1. Khi thiết lập "
        "hệ thống phải thực hiện kiểm định an toàn thông tin.\n\n2. Bộ Thông tin và Truyền thông chủ trì, phối hợp với "
        "Bộ Quốc phòng, Bộ Công an xây dựng Danh mục hệ thống thông tin quan trọng quốc gia trình Thủ tướng Chính phủ "
        "ban hành.\n\nChương III\n\nTRÁCH NHIỆM CỦA CÁC CƠ QUAN, TỔ CHỨC\n\nĐiều 40. Trách nhiệm của Bộ Công an\n\n"
        "1. Bộ Công an chủ trì, phối hợp với Bộ, ngành có liên quan thực hiện công tác phòng ngừa, phát hiện hành vi vi "
        "phạm.\n\nChương IV\n\nĐIỀU KHOẢN THI HÀNH\n\nĐiều 54. Quy định chi tiết\n\nChính phủ, cơ quan nhà nước có thẩm "
        "quyền quy định chi tiết các điều, khoản được giao trong Luật.\n"
    )
    assert [t.assignee for t in _outlined_tasks(text, "Luật")] == ["Bộ Thông tin và Truyền thông"]


def test_a_standing_committee_s_request_and_the_executing_clause_of_a_joint_circular():
    # nq_494_2012_NQ_UBTVQH13 Điều 2 (lower-case "thường vụ"); ttlt_01-2022 Điều 27.1; nd_75_2021 Điều 16 (run-in title)
    text = (
        "Điều 2.\n\nỦy ban thường vụ Quốc hội yêu cầu Chính phủ, Thủ tướng Chính phủ tập trung thực hiện một số nhiệm "
        "vụ và giải pháp sau đây:\n\n1. Tiếp tục điều chỉnh nâng mức trợ cấp.\n\n2. Tiếp tục thực hiện chính sách hỗ "
        "trợ về nhà ở.\n"
    )
    assert [t.assignee for t in _outlined_tasks(text, "Nghị quyết")] == ["Chính phủ, Thủ tướng Chính phủ"] * 2
    text = (
        "Chương VI\n\nĐIỀU KHOẢN THI HÀNH\n\nĐiều 27. Tổ chức thực hiện\n\n1. Trong phạm vi thẩm quyền của mình, Viện "
        "kiểm sát nhân dân tối cao, Tòa án nhân dân tối cao, Bộ Công an có trách nhiệm triển khai, tổ chức thực hiện "
        "Thông tư liên tịch này.\n"
    )
    assert [t.assignee for t in _outlined_tasks(text, "Thông tư liên tịch")] == [
        "Viện kiểm sát nhân dân tối cao, Tòa án nhân dân tối cao, Bộ Công an"
    ]
    text = (
        "Chương IV\n\nĐIỀU KHOẢN THI HÀNH\n\nĐiều 16. Trách nhiệm thi hành Bộ trưởng Bộ Lao động - Thương binh và Xã "
        "hội, Chủ tịch Ủy ban nhân dân các tỉnh chịu trách nhiệm thi hành Nghị định này.\n"
    )
    assert [t.assignee for t in _outlined_tasks(text, "Nghị định")] == [
        "Bộ trưởng Bộ Lao động - Thương binh và Xã hội, Chủ tịch Ủy ban nhân dân các tỉnh"
    ]


# ---------------------------------------------------------------- batch 8 (blind)


def test_trach_nhiem_to_chuc_thuc_hien_is_an_implementation_article():
    # nd_102_2018_ND_CP Điều 10
    text = (
        "Điều 10. Trách nhiệm tổ chức thực hiện\n\n1. Bộ trưởng Bộ Quốc phòng có trách nhiệm:\n\na) Chỉ đạo các cơ "
        "quan, đơn vị thuộc quyền tổ chức xét duyệt, thẩm định;\n\nb) Chủ trì, phối hợp với các bộ, ngành trung ương "
        "tổ chức kiểm tra việc thực hiện chế độ, chính sách.\n\n2. Bộ trưởng Bộ Ngoại giao có trách nhiệm chỉ đạo các "
        "Cơ quan đại diện ngoại giao tổ chức tuyên truyền, phổ biến.\n\nĐiều 11. Hiệu lực thi hành\n\nNghị định này có "
        "hiệu lực thi hành kể từ ngày 15 tháng 9 năm 2018.\n"
    )
    assert [t.assignee for t in _outlined_tasks(text, "Nghị định")] == ["Bộ trưởng Bộ Quốc phòng", "Bộ trưởng Bộ Ngoại giao"]


def test_a_body_s_duties_under_its_long_title_and_a_verb_that_is_not_an_inspectorate():
    # qd_28-2026-QD-TTg Điều 23 ("5. Thanh tra, kiểm tra, ...") and Điều 24 (a long title; clause 3 repeats the
    # title's bodies; clause 6 names a body of its own)
    text = (
        "Chương VII\n\nTỔ CHỨC THỰC HIỆN\n\nĐiều 23. Trách nhiệm của Bộ Công an\n\n1. Chủ trì, phối hợp với các bộ "
        "ngành soạn thảo, ban hành văn bản quy phạm pháp luật về việc cấp thẻ ABTC.\n\n2. Thanh tra, kiểm tra, giải "
        "quyết khiếu nại, tố cáo, xử lý vi phạm pháp luật trong cấp, quản lý và sử dụng thẻ ABTC.\n\nĐiều 24. Trách "
        "nhiệm của bộ, cơ quan ngang bộ, Ủy ban nhân dân cấp tỉnh, tổ chức chính trị - xã hội cấp trung ương, Liên "
        "đoàn Thương mại và Công nghiệp Việt Nam, tập đoàn, tổng công ty, công ty do Thủ tướng Chính phủ quyết định "
        "thành lập\n\n1. Tổ chức thực hiện việc tiếp nhận, giải quyết hồ sơ đề nghị cấp văn bản đồng ý.\n\n2. Phối "
        "hợp với Bộ Công an để trao đổi thông tin, tra cứu, thống kê dữ liệu.\n\n3. Trước ngày 15 tháng 01 hàng năm, "
        "các bộ, cơ quan ngang bộ, Ủy ban nhân dân cấp tỉnh có trách nhiệm gửi văn bản trao đổi Bộ Công an về tình "
        "hình sử dụng thẻ ABTC.\n\n4. Triển khai kết nối cơ sở dữ liệu.\n\n5. Giải quyết khiếu nại, tố cáo.\n\n6. Bộ "
        "Tài chính có trách nhiệm thực hiện các quy định từ khoản 1 đến khoản 5 Điều này và ban hành theo thẩm quyền "
        "về mức lệ phí cấp thẻ ABTC.\n"
    )
    got = [t.assignee for t in _outlined_tasks(text, "Quyết định")]
    assert got[0] == "Bộ Công an"
    assert got[1].startswith("bộ, cơ quan ngang bộ, Ủy ban nhân dân cấp tỉnh") and got[1].endswith("quyết định thành lập")
    assert got[2:] == ["Bộ Tài chính"]


def test_what_a_body_does_in_a_case_and_a_violations_article_are_no_tasks():
    # qd_28 Điều 17.4 ("Đối với các trường hợp ... thì ... Tòa án có trách nhiệm gửi văn bản"); vbhn_89 Điều 29
    text = (
        "Chương V\n\nHỦY GIÁ TRỊ SỬ DỤNG THẺ ABTC\n\nĐiều 17. Trách nhiệm đề nghị hủy giá trị sử dụng thẻ ABTC\n\n4. Đối "
        "với các trường hợp quy định tại khoản 7 Điều 16 Quyết định này thì cấp có thẩm quyền, Cơ quan điều tra, Tòa "
        "án có trách nhiệm gửi văn bản đến Cục Quản lý xuất nhập cảnh, Bộ Công an.\n\nChương VII\n\nTỔ CHỨC THỰC "
        "HIỆN\n\nĐiều 29. Xử lý vi phạm\n\n2. Các cơ quan quản lý nhà nước tại Cảng quốc tế Cam Ranh phải chịu trách "
        "nhiệm về việc để hàng hóa đưa vào tiêu thụ trong nội địa.\n"
    )
    assert _outlined_tasks(text, "Quyết định") == []


def test_a_law_s_standing_duty_with_its_own_object_is_no_executing_clause():
    # luat_67-2006-QH11 Điều 15: "Cơ quan nhà nước có thẩm quyền chịu trách nhiệm thực hiện các biện pháp ..."
    text = (
        "Chương II\n\nỨNG DỤNG CÔNG NGHỆ THÔNG TIN\n\nĐiều 15. Quản lý và sử dụng thông tin số\n\n1. Tổ chức, cá nhân "
        "có quyền tự do sử dụng thông tin số vào mục đích chính đáng.\n\n2. Cơ quan nhà nước có thẩm quyền chịu trách "
        "nhiệm thực hiện các biện pháp bảo đảm việc truy nhập và sử dụng thuận lợi thông tin số.\n"
    )
    assert _outlined_tasks(text, "Luật") == []


def test_a_day_and_month_after_dinh_ky_hang_nam_recurs():
    # qd_28 Điều 25.5: "... định kỳ hàng năm báo cáo ... trước ngày 31 tháng 12"
    text = "Các cơ quan, tổ chức định kỳ hàng năm báo cáo về tình hình sử dụng thẻ ABTC, gửi về cơ quan chuyên môn trước ngày 31 tháng 12."
    found = find_deadlines(text, doc_date="2026-06-01")
    assert [d.text for d in found] == ["định kỳ hàng năm", "trước ngày 31 tháng 12"]
    assert [(d.date, d.kind) for d in found] == [(None, "recurring")] * 2


# ---------------------------------------------------------------- batch 9 (blind)


def test_an_executing_clause_with_bodies_the_reader_does_not_know_and_a_delegation_after_giao():
    # nd_200-2026-ND-CP Điều 51.2 (Đại hội đồng cổ đông, Hội đồng quản trị ...); vbhn_113 Điều 19.3 ("giao Chính
    # phủ quy định cụ thể": rule-making delegated, like "Chính phủ quy định chi tiết")
    text = (
        "Chương VIII\n\nĐIỀU KHOẢN THI HÀNH\n\nĐiều 51. Tổ chức thực hiện\n\n1. Trường hợp các văn bản quy phạm pháp "
        "luật được dẫn chiếu để áp dụng tại Nghị định này được sửa đổi, bổ sung, thay thế thì sẽ áp dụng theo các văn "
        "bản sửa đổi, bổ sung thay thế đó.\n\n2. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân "
        "cấp tỉnh, Đại hội đồng cổ đông, Hội đồng quản trị, Hội đồng thành viên, Chủ tịch công ty, Tổng giám đốc, "
        "Giám đốc các doanh nghiệp phát hành trái phiếu và các tổ chức, cá nhân liên quan chịu trách nhiệm thi hành "
        "Nghị định này.\n"
    )
    (t,) = _outlined_tasks(text, "Nghị định")
    assert t.assignee.startswith("Các Bộ trưởng") and t.assignee.endswith("các tổ chức, cá nhân liên quan")


@needs_shared
def test_giao_x_quy_dinh_cu_the_delegates_rule_making():
    # vbhn_113-VBHN-VPQH (Công báo text), where the footnotes of Chương IV break the outline and the clause
    # "3. Trường hợp ..., giao Chính phủ quy định cụ thể để thực hiện." is read from the chapter's text
    import vndocs
    from tests.conftest import SHARED_DOCS

    doc = vndocs.parse(SHARED_DOCS / "vbhn_113-VBHN-VPQH_congbao.txt")
    assert [t.assignee for t in doc.tasks] == []
