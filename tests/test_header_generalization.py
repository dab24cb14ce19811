"""Generalization check of header, outline and recipients on documents not tuned on.

``tests/gold_extra_headers.jsonl`` holds header fields, top-level sections and
recipients annotated blind by the developers over 92 documents of
``../shared/corpus/docs``, in three batches (see
``tests/gold_extra_headers_notes.md``). Before the fixes below, the first batch
scored number 0.968, title 0.968, signer 0.935, sections 0.774, recipients f1
0.934; the second type 0.800, date 0.900, issuer 0.833, sections 0.800.
The documents are read from the shared corpus; without it the scoring test is
skipped. The cases below are the rules those documents showed to be missing,
each on the text of the document it came from; they run everywhere.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT, needs_shared, read_gold, score_on_shared
from vndocs.extract.header import extract_header
from vndocs.extract.outline import extract_outline
from vndocs.extract.signature import extract_recipients, extract_signer
from vndocs.layout import split_squashed_header
from vndocs.normalize import join_wrapped_lines

GOLD = Path(__file__).resolve().parent / "gold_extra_headers.jsonl"

# Reached on the 92 documents: type 0.989, number 1.000, date 1.000, issuer 0.978,
# title 0.978, signer 0.978, sections.top_level 0.935, recipients f1 0.995. The
# floors leave room for about one more miss each.
FLOORS = {
    "header.type": 0.97,
    "header.number": 0.98,
    "header.date": 0.98,
    "header.issuer": 0.96,
    "header.title": 0.96,
    "header.signer.name": 0.96,
    "sections.top_level": 0.92,
    "recipients.f1": 0.98,
}


def test_extra_gold_is_well_formed() -> None:
    gold = read_gold(GOLD)
    assert len(gold) == 92
    assert len({d["file"] for d in gold}) == 92
    keys = {"file", "type", "number", "issuer", "date", "title", "signer", "sections", "recipients"}
    for doc in gold:
        assert set(doc) == keys, doc["file"]
        assert all(set(s) == {"label", "heading"} for s in doc["sections"])


@needs_shared
def test_headers_generalize_to_unseen_documents() -> None:
    score_on_shared(read_gold(GOLD), FLOORS)


# ---------------------------------------------------------------- the rules the extra gold needed


def _labels(text: str) -> list[str]:
    return [s.label for s in extract_outline(join_wrapped_lines(text)[0]).sections]


def test_a_quote_left_open_does_not_hide_the_rest() -> None:
    # nq_35-2025-NQ-HDND_hue: the closing mark of a quoted article is lost in a table,
    # the next quoted article opens a new block; Chương II used to vanish
    text = (
        "NGHỊ QUYẾT\n\nSỬA ĐỔI MỘT SỐ ĐIỀU\n\nChương I\n\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA QUY ĐỊNH\n\n"
        "Điều 1. Sửa đổi, bổ sung một số điều\n\n"
        "“Điều 5. Tỷ lệ vốn đối ứng của ngân sách địa phương\n\nTT\n\nĐịa phương\n\n"
        "“Điều 7. Dự án 2: Quy hoạch, sắp xếp, bố trí, ổn định dân cư ở những nơi cần thiết\n\n"
        "3. Cách tính điểm cho các địa phương tại Phụ lục II kèm theo Nghị quyết này.”.\n\n"
        "Chương II\n\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA NGHỊ QUYẾT SỐ 22/2023/NQ-HĐND\n\n"
        "Điều 3. Thay thế, bãi bỏ một số từ, cụm từ tại Nghị quyết số 22/2023/NQ-HĐND\n"
    )
    assert _labels(text) == ["Chương I", "Chương II"]


def test_a_roman_numeral_printed_twice_stays_a_section() -> None:
    # kh_153-KH-UBND_cantho: the author numbered two sections "IV."
    text = (
        "KẾ HOẠCH\n\nThực hiện chương trình\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\n"
        "II. PHẠM VI, ĐỐI TƯỢNG VÀ THỜI GIAN THỰC HIỆN\n\nIII. NỘI DUNG, NHIỆM VỤ, GIẢI PHÁP\n\n"
        "IV. PHÂN CÔNG NHIỆM VỤ\n\n1. Sở Tư pháp\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Các sở, ban, ngành\n"
    )
    assert _labels(text) == ["I", "II", "III", "IV", "IV"]
    # but a repeated numeral before body text is text, not a section
    assert _labels(text.replace("IV. TỔ CHỨC THỰC HIỆN", "IV. Tổ chức thực hiện theo kế hoạch.")) == [
        "I", "II", "III", "IV"
    ]


def test_capital_letters_above_roman_numerals() -> None:
    # kh_252_2013_KH_BCDQG1237: A. / B. / C. / D. with I.-IX. under B.
    text = (
        "KẾ HOẠCH\n\nThực hiện Chỉ thị số 24-CT/TW\n\nA. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\n2. Yêu cầu\n\n"
        "B. NỘI DUNG, NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN TỪ NAY ĐẾN NĂM 2020\n\n"
        "I. CÔNG TÁC QUÁN TRIỆT, TRIỂN KHAI THỰC HIỆN\n\nII. BAN HÀNH CÁC VĂN BẢN\n\n"
        "C. MỘT SỐ NỘI DUNG, GIẢI PHÁP TRỌNG TÂM TỪ NAY ĐẾN NĂM 2015\n\nD. TỔ CHỨC THỰC HIỆN\n"
    )
    outline = extract_outline(text)
    assert [s.label for s in outline.sections] == ["A", "B", "C", "D"]
    assert [c.label for c in outline.sections[1].children] == ["I", "II"]
    # "A. Nguyễn ..." is not a heading letter
    assert _labels("KẾ HOẠCH\n\nVề việc\n\nA. Nguyễn Văn Bình và cộng sự\n") == []


def test_a_sentence_starting_with_noi_nhan_does_not_end_the_body() -> None:
    # tt_58-2026-TT-BTC: "Nơi nhận báo cáo tài chính ..." inside Điều 10, before Chương III
    text = (
        "THÔNG TƯ\n\nHướng dẫn chế độ kế toán\n\nChương I\n\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi\n\n"
        "Chương II\n\nCHẾ ĐỘ KẾ TOÁN\n\nĐiều 10. Báo cáo tài chính\n"
        "Nơi nhận báo cáo tài chính của doanh nghiệp siêu nhỏ được thực hiện theo quy định.\n\n"
        "Chương III\n\nTỔ CHỨC THỰC HIỆN\n\nĐiều 11. Chuyển số dư\n"
    )
    assert _labels(text) == ["Chương I", "Chương II", "Chương III"]
    assert extract_recipients(text) == []


def test_number_line_after_the_type_name() -> None:
    # pl_02_2020_UBTVQH14: "Pháp lệnh số: 02/2020/UBTVQH14"
    text = (
        "ỦY BAN THƯỜNG VỤ QUỐC HỘI\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Pháp lệnh số: 02/2020/UBTVQH14\n\nHà Nội, ngày 09 tháng 12 năm 2020\n\nPHÁP LỆNH\n\n"
        "ƯU ĐÃI NGƯỜI CÓ CÔNG VỚI CÁCH MẠNG\n\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
    )
    assert extract_header(text).number.value == "02/2020/UBTVQH14"  # type: ignore[union-attr]


def test_the_number_comes_from_the_so_line_not_a_web_title() -> None:
    # nd_63_2010_ND_CP_congbot: the page title repeats the number above the header
    text = (
        "Nghị định số 63/2010/NĐ-CP của Chính phủ: Về kiểm soát thủ tục hành chính\n\nCHÍNH PHỦ\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập – Tự do – Hạnh phúc\n\nSố: 63/2010/NĐ-CP\n\n"
        "Hà Nội, ngày 08 tháng 06 năm 2010\n\nNGHỊ ĐỊNH\n\nVỀ KIỂM SOÁT THỦ TỤC HÀNH CHÍNH\n"
    )
    number = extract_header(text).number
    assert number is not None and number.value == "63/2010/NĐ-CP"
    assert text[number.span.start : number.span.end] == "63/2010/NĐ-CP"
    assert number.span.start > text.index("Số:")


def test_a_long_subject_line_is_not_cut() -> None:
    # cv_5115_2018_CV_LDTBXH-KHTC: the V/v line was cut where the search window ended
    text = (
        "Công văn số 5115/LĐTBXH-KHTC v/v thí điểm thực hiện chi trả trợ cấp ưu đãi người có công với cách"
        " mạng qua hệ thống Bưu điện\n\nBỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n\n"
        "Số: 5115/LĐTBXH-KHTC V/v thí điểm thực hiện chi trả trợ cấp ưu đãi người có công với cách mạng"
        " qua hệ thống Bưu điện\n\nHà Nội, ngày 03 tháng 12 năm 2018\n\nKính gửi:\n\n- Sở Lao động\n"
    )
    title = extract_header(text).title
    assert title is not None and title.value.endswith("qua hệ thống Bưu điện")


def test_signers_with_a_rank_or_a_title_case_position() -> None:
    # tt_33-2026-TT-BCA: "Đại tướng Lương Tam Quang"; luat_101-2015-QH13 (vbpl.vn): title case
    s = extract_signer("hướng dẫn kịp thời./.\n\nBỘ TRƯỞNG\n\nĐại tướng Lương Tam Quang\n\nPHỤ LỤC I\n")
    assert s is not None and (s.position, s.name) == ("BỘ TRƯỞNG", "Lương Tam Quang")
    s = extract_signer("thông qua ngày 27 tháng 11 năm 2015./.\n\nChủ tịch Quốc hội\n(Đã ký)\nNguyễn Sinh Hùng\n")
    assert s is not None and (s.position, s.name) == ("Chủ tịch Quốc hội", "Nguyễn Sinh Hùng")


def test_an_article_line_does_not_run_into_its_first_clause() -> None:
    # nq_17-2022-UBTVQH15 (PDF): the heading ends with "năm" / "thi hành", words after
    # which a sentence cannot end, but "1." starts the article's first clause
    text = "Điều 1. Số giờ làm thêm trong 01 năm\n1. Trường hợp người sử dụng lao động có nhu cầu\n"
    assert join_wrapped_lines(text)[0] == text
    text = "Điều 4. Hiệu lực thi hành\n1. Nghị quyết này có hiệu lực thi hành từ ngày 01 tháng 4 năm 2022\n"
    assert join_wrapped_lines(text)[0] == text
    # a sentence that wraps after "năm" still joins
    text = "Nghị quyết này có hiệu lực từ ngày 01 tháng 4 năm\n2022, trừ quy định tại khoản 2.\n"
    assert "\n2022" not in join_wrapped_lines(text)[0]


def test_recipients_of_a_form_in_an_annex_are_not_the_documents() -> None:
    # tt_08-2026-TT-BNV: no Nơi nhận of its own (Công báo); the annex forms have one
    text = (
        "Điều 7. Hiệu lực thi hành\nThông tư này có hiệu lực từ ngày 01 tháng 7 năm 2026./.\n\n"
        "BỘ TRƯỞNG\nĐỗ Thanh Bình\n\nPhụ lục I\n\nMẫu số 01\n\nTÊN CƠ QUAN\n\nNơi nhận:\n"
        "- ............;\n- ............;\n\nNGƯỜI ĐỨNG ĐẦU\n"
    )
    assert extract_recipients(text) == []


def test_recipient_items_split_after_a_note_and_kept_across_a_wrap() -> None:
    # cv_1040_2012_CV_LDTBXH: "...; (để báo cáo) - Ban Dân nguyện ..."; qd_1760-QD-KTNN: "- Đảng ủy\nKTNN;"
    flat = "Nơi nhận: - Như trên; - UB các vấn đề XH của QH; (để báo cáo) - Ban Dân nguyện của QH; (để báo cáo) - Lưu: VT."
    assert [r.text for r in extract_recipients(flat)] == [
        "Như trên", "UB các vấn đề XH của QH; (để báo cáo)", "Ban Dân nguyện của QH; (để báo cáo)", "Lưu: VT",
    ]
    wrapped = "Nơi nhận:\n-\nNhư Điều 3;\n- Lãnh\nđạo KTNN;\n- Đảng ủy\nKTNN;\n- Lưu:\nVT, Vụ TCCB.\n\nTỔNG KIỂM TOÁN NHÀ NƯỚC\n"
    assert [r.text for r in extract_recipients(wrapped)][-2:] == ["Đảng ủy KTNN", "Lưu: VT, Vụ TCCB"]


def test_a_consolidated_text_is_numbered_by_its_authentication_block() -> None:
    # vbhn_49-VBHN-BCT (Công báo): the VBHN's number, date and body sign at its end
    from vndocs.extract.header import complete_header

    text = (
        "THÔNG TƯ\nQuy định Quy tắc xuất xứ hàng hóa\n\nThông tư số 24/2026/TT-BCT ngày 05 tháng 5 năm 2026 của"
        " Bộ trưởng Bộ Công Thương ...\n\nĐiều 1. Phạm vi điều chỉnh\n...\ntừ ngày 03 tháng 02 năm 2026./.\n"
        "BỘ CÔNG THƯƠNG\nSố: 49/VBHN-BCT\nXÁC THỰC VĂN BẢN HỢP NHẤT\nHà Nội, ngày 04 tháng 6 năm 2026\n\n"
        "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nNguyễn Sinh Nhật Tân\n"
    )
    h = complete_header(extract_header(text), text, extract_signer(text), [])
    assert (h.type.value, h.number.value, h.date.value, h.issuer.value) == (  # type: ignore[union-attr]
        "Văn bản hợp nhất", "49/VBHN-BCT", "2026-06-04", "Bộ Công Thương"
    )


def test_signers_marked_as_signed_without_a_position() -> None:
    # tt_04_2001_TT_BXD: "Nguyễn Mạnh Kiểm (Đã ký)"; Hiến pháp 1992 (vbpl .doc): the name, then "(Đã ký)"
    s = extract_signer("Thông tư này có hiệu lực thi hành kể từ ngày ký.\n\nNguyễn Mạnh Kiểm (Đã ký)\n")
    assert s is not None and s.name == "Nguyễn Mạnh Kiểm"
    s = extract_signer("... nhất trí thông qua trong phiên họp ngày 15 tháng 4 năm 1992.\n\nLê Quang Đạo\n(Đã ký)\n")
    assert s is not None and s.name == "Lê Quang Đạo"
    # a capitalized line with no mark and no position is not a signature
    assert extract_signer("Kinh phí thực hiện.\n\nNguyễn Văn Bình\n") is None


def test_adoption_line_gives_date_and_maker() -> None:
    # Hiến pháp 1992: "... đã được Quốc hội ... khoá VIII, kỳ họp thứ 11 nhất trí thông qua trong phiên họp ngày ..."
    from vndocs.extract.header import complete_header

    text = (
        "HIẾN PHÁP\n\nNƯỚC CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM NĂM 1992\n\nChương 1\n\nCHẾ ĐỘ CHÍNH TRỊ\n\n"
        "Điều 147\n\nChỉ Quốc hội mới có quyền sửa đổi Hiến pháp.\n\nBản Hiến pháp này đã được Quốc hội nước Cộng hoà"
        " xã hội chủ nghĩa Việt Nam khoá VIII, kỳ họp thứ 11 nhất trí thông qua trong phiên họp ngày 15 tháng 4 năm"
        " 1992, hồi 11 giờ 45 phút.\n"
    )
    h = complete_header(extract_header(text), text, None, [])
    assert (h.date.value, h.issuer.value) == ("1992-04-15", "Quốc hội")  # type: ignore[union-attr]


def test_titles_broken_by_a_blank_line_and_footnote_marks() -> None:
    # vbhn_31-VBHN-VPQH (.doc): "CÁC BIỆN PHÁP NGĂN CHẶN" / "VÀ BẢO ĐẢM ..."; "ĐIỀU KHOẢN THI HÀNH[189]"
    text = (
        "LUẬT\n\nXỬ LÝ VI PHẠM HÀNH CHÍNH\n\nPhần thứ nhất\n\nNHỮNG QUY ĐỊNH ĐỐI VỚI\n\nNGƯỜI CHƯA THÀNH NIÊN\n\n"
        "Điều 1. Phạm vi\n\nPhần thứ hai\n\nCÁC BIỆN PHÁP NGĂN CHẶN\n\nVÀ BẢO ĐẢM XỬ LÝ VI PHẠM HÀNH CHÍNH\n\n"
        "Điều 2. Các biện pháp\n\nPhần thứ ba\n\nĐIỀU KHOẢN THI HÀNH[189]\n\nĐiều 3. Hiệu lực thi hành\n"
    )
    headings = [s.heading for s in extract_outline(text).sections]
    assert headings == [
        "NHỮNG QUY ĐỊNH ĐỐI VỚI NGƯỜI CHƯA THÀNH NIÊN",
        "CÁC BIỆN PHÁP NGĂN CHẶN VÀ BẢO ĐẢM XỬ LÝ VI PHẠM HÀNH CHÍNH",
        "ĐIỀU KHOẢN THI HÀNH",
    ]


def test_item_headings_before_a_colon_and_long_article_titles() -> None:
    # cv_1921_2013: "2. Điều dưỡng tại gia đình: Mức chi ..."; tt_54-2025: a 250-character article title
    text = (
        "Kính gửi: Sở Lao động\n\n1. Điều dưỡng tập trung:\n\n- Tiền ăn: 150.000 đồng;\n\n"
        "2. Điều dưỡng tại gia đình: Mức chi điều dưỡng: 1.110.000 đồng/người/lần.\n\nKinh phí thực hiện.\n"
    )
    assert [s.heading for s in extract_outline(text).sections] == ["Điều dưỡng tập trung", "Điều dưỡng tại gia đình"]
    title = (
        "Sửa đổi, bổ sung một số điều của Thông tư số 09/2025/TT-BCT ngày 01 tháng 02 năm 2025 của Bộ trưởng Bộ"
        " Công Thương quy định hồ sơ, trình tự, thủ tục, phương pháp xác định, phê duyệt khung giá phát điện; quy"
        " định hồ sơ, trình tự, thủ tục xây dựng, phê duyệt khung giá nhập khẩu điện"
    )
    text = f"THÔNG TƯ\n\nSửa đổi\n\nĐiều 1. {title}\n\n1. Sửa đổi khoản 2 Điều 3 như sau:\n\nĐiều 2. Hiệu lực\n"
    assert extract_outline(text).sections[0].heading == title


def test_a_recipient_list_without_its_label() -> None:
    # nq_1656-NQ-UBTVQH15 (web copy): "- Chính phủ; - ...; - Lưu: HC, PLTP. | TM. ỦY BAN ..."
    text = (
        "Điều 3. Hiệu lực.\n\nNghị quyết này có hiệu lực từ ngày ký./.\n\n- Chính phủ; - Ban Tổ chức Trung ương;"
        " - Kiểm toán nhà nước; - Lưu: HC, PLTP. | TM. ỦY BAN THƯỜNG VỤ QUỐC HỘICHỦ TỊCH\n"
    )
    assert [r.text for r in extract_recipients(text)] == [
        "Chính phủ", "Ban Tổ chức Trung ương", "Kiểm toán nhà nước", "Lưu: HC, PLTP"
    ]


def test_a_consolidated_texts_list_of_amenders_is_not_its_outline() -> None:
    # vbhn_89-VBHN-BQP: "1. Quyết định số 29/2019 ...; 2. Quyết định số 38/2025 ..." before the articles
    text = (
        "QUYẾT ĐỊNH\n\nVỀ VIỆC BAN HÀNH QUY CHẾ\n\nQuyết định số 25/2016/QĐ-TTg ..., được sửa đổi, bổ sung bởi:\n\n"
        "1. Quyết định số 29/2019/QĐ-TTg ngày 03 tháng 10 năm 2019 của Thủ tướng Chính phủ;\n\n"
        "2. Quyết định số 38/2025/QĐ-TTg ngày 13 tháng 10 năm 2025 của Thủ tướng Chính phủ.\n\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý.\n\nĐiều 2. Quyết định này có hiệu lực.\n\n"
        "Điều 3. Các Bộ trưởng chịu trách nhiệm thi hành Quyết định này./.\n"
    )
    assert _labels(text) == ["Điều 1", "Điều 2", "Điều 3"]


def test_a_footnote_quote_does_not_hide_the_first_chapter() -> None:
    # vbhn_49-VBHN-BCT (Công báo): the amending text's preamble, quoted at the foot of the page
    text = (
        "THÔNG TƯ\n\nQuy định Quy tắc xuất xứ\n\nCăn cứ Luật Quản lý ngoại thương;\n\n"
        "“Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\nCăn cứ Nghị định số 40/2025/NĐ-CP;\n\n"
        "CHƯƠNG I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\nThông tư này quy định.\n\n"
        "CHƯƠNG II\nCÁCH XÁC ĐỊNH XUẤT XỨ HÀNG HÓA\nĐiều 2. Hàng hóa có xuất xứ\n\n"
        "CHƯƠNG III\nĐIỀU KHOẢN THI HÀNH3\nĐiều 3. Hiệu lực thi hành\n"
    )
    sections = extract_outline(text).sections
    assert [(s.label, s.heading) for s in sections] == [
        ("CHƯƠNG I", "QUY ĐỊNH CHUNG"), ("CHƯƠNG II", "CÁCH XÁC ĐỊNH XUẤT XỨ HÀNG HÓA"),
        ("CHƯƠNG III", "ĐIỀU KHOẢN THI HÀNH"),
    ]


def test_a_title_ending_with_a_number_word_before_a_new_sentence() -> None:
    # nq_17-2022-UBTVQH15 (PDF): "... trong 01 tháng" is the title; the body's first sentence follows
    text = (
        "Điều 2. Số giờ làm thêm trong 01 tháng\n"
        "Trường hợp người sử dụng lao động được sử dụng người lao động làm thêm\n"
        "tối đa 300 giờ trong 01 năm có nhu cầu và được sự đồng ý của người lao động\n"
        "thì được sử dụng người lao động làm thêm không quá 60 giờ trong 01 tháng.\n"
    )
    assert join_wrapped_lines(text)[0].startswith("Điều 2. Số giờ làm thêm trong 01 tháng\nTrường hợp")
    # a date or a number wrapped after the word still joins
    assert "\n" not in join_wrapped_lines("Căn cứ Nghị định số\n15/2020/NĐ-CP ngày 03 tháng\n02 năm 2020;")[0]


def test_the_number_from_an_annex_caption_and_short_titles() -> None:
    # nd_75_2021_ND_CP (web copy without its header block): its annexes name it;
    # kh_0134: "IV. Tổ chức thực hiện."; tt_98_2013: "Điều 2. Đối tượng áp dụng:"
    from vndocs.extract.header import complete_header

    text = (
        "NGHỊ ĐỊNH\n\nQuy định chi tiết\n\nĐiều 1. Phạm vi điều chỉnh\n\nNghị định này quy định.\n\n"
        "Điều 2. Đối tượng áp dụng:\n\nNgười có công.\n\nPhụ lục I\n"
        "(Kèm theo Nghị định số 75/2021/NĐ-CP ngày 24 tháng 7 năm 2021 của Chính phủ)\n"
    )
    h = complete_header(extract_header(text), text, None, [])
    assert (h.number.value, h.date.value) == ("75/2021/NĐ-CP", "2021-07-24")  # type: ignore[union-attr]
    assert extract_outline(text).sections[1].heading == "Đối tượng áp dụng"
    plan = "KẾ HOẠCH\n\nVề việc\n\nI. Mục đích\n\nNội dung.\n\nII. Tổ chức thực hiện.\n\n1. Sở Tài chính chủ trì.\n"
    assert [s.heading for s in extract_outline(plan).sections] == ["Mục đích", "Tổ chức thực hiện"]


def test_seal_residue_on_the_position_line_does_not_hide_the_signer() -> None:
    # qd_892-QD-TTg_congbao (PDF and text): the seal drawn over the block left "y]" on the line
    text = (
        "Điều 3. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ chịu trách nhiệm thi hành Quyết định này.\n\n"
        "KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNGy]\n\nPhạm Thị Thanh Trà\n"
    )
    signer = extract_signer(text)
    assert signer is not None
    assert (signer.authority, signer.position, signer.name) == ("KT", "PHÓ THỦ TƯỚNG", "Phạm Thị Thanh Trà")


def test_a_sentence_ending_on_phu_luc_after_a_page_break_is_no_annex() -> None:
    # qd_28-2026-QD-TTg_congbao.txt: "... theo mẫu AP04 tại" / page furniture / "Phụ lục. Trong thời hạn ..."
    text = (
        "Chương IV\n\nCẤP THẺ ABTC\n\nĐiều 12. Cấp thẻ\n\n1. Cơ quan gửi văn bản theo mẫu AP04 tại\n\n"
        "CÔNG BÁO/Số 327/Ngày 14-06-2026\n84\n\nPhụ lục. Trong thời hạn 03 ngày làm việc, Cục Quản lý xuất nhập "
        "cảnh trả thẻ.\n\nChương V\n\nHỦY GIÁ TRỊ SỬ DỤNG THẺ\n\nĐiều 13. Hủy thẻ\n\nThẻ bị hủy.\n\n"
        "PHỤ LỤC\n\nMẪU AP04\n"
    )
    labels = [s.label for s in extract_outline(text).sections]
    assert labels == ["Chương IV", "Chương V"]


def test_an_annex_named_inside_a_list_is_no_annex_heading() -> None:
    # nd_158-2025-ND-CP_congbao: a page break left "Phụ lục III ban hành kèm theo ..." at a line start
    text = (
        "Chương VII\n\nĐIỀU KHOẢN THI HÀNH\n\nĐiều 44. Hiệu lực thi hành\n\n2. Các điều khoản sau đây hết hiệu lực:\n\n"
        "c) Khoản 2 Điều 3 của Nghị định số 135/2020/NĐ-CP quy định về tuổi nghỉ hưu.\n\n"
        "Phụ lục III ban hành kèm theo Nghị định số 135/2020/NĐ-CP quy định về tuổi nghỉ hưu;\n\n"
        "Điều 45. Trách nhiệm tổ chức thi hành\n\n1. Bộ trưởng Bộ Nội vụ có trách nhiệm hướng dẫn thi hành Nghị định này.\n"
    )
    (chapter,) = extract_outline(text).sections
    assert [c.label for c in chapter.children] == ["Điều 44", "Điều 45"]


def test_gazette_page_furniture_of_a_text_copy_is_dropped() -> None:
    from vndocs.readers.text import drop_gazette_furniture

    # qd_28-2026-QD-TTg_congbao.txt and qd_169-QD-BLDTBXH_congbao.txt: a head with its page number on the
    # next line or before it, in the middle of a sentence and after a finished one
    text = (
        "CÔNG BÁO/Số 327/Ngày 14-06-2026 \n83\n \nĐiều 12. Cấp thẻ \n1. Gửi văn bản theo mẫu AP04 tại \n\n"
        "CÔNG BÁO/Số 327/Ngày 14-06-2026 \n84\n \n \nPhụ lục. Trong thời hạn 03 ngày, trả thẻ. \n \n 85 \n"
        "CÔNG BÁO/Số 327/Ngày 14-06-2026 \n2. Thẻ có giá trị 05 năm. \n"
    )
    assert drop_gazette_furniture(text) == (
        "\nĐiều 12. Cấp thẻ \n1. Gửi văn bản theo mẫu AP04 tại \nPhụ lục. Trong thời hạn 03 ngày, trả thẻ. \n\n"
        "2. Thẻ có giá trị 05 năm. \n"
    )
    # one head is no gazette copy: nothing changes
    assert drop_gazette_furniture("CÔNG BÁO/Số 327/Ngày 14-06-2026\nĐiều 1.\n") == "CÔNG BÁO/Số 327/Ngày 14-06-2026\nĐiều 1.\n"


def test_a_consolidated_text_known_by_its_opening_paragraph() -> None:
    # vbhn_23-VBHN-VPQH_congbao_1093-1094.pdf: the first pages only, no authentication block at the end
    from vndocs.extract.header import complete_header

    text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nLUẬT\nBAN HÀNH VĂN BẢN QUY PHẠM PHÁP "
        "LUẬT\n\nLuật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 ngày 22 tháng 6 năm 2015 của Quốc hội, có "
        "hiệu lực kể từ ngày 01 tháng 7 năm 2016, được sửa đổi, bổ sung bởi:\nLuật số 63/2020/QH14 ngày 18 tháng 6 "
        "năm 2020 của Quốc hội.\n\nChương I\nNHỮNG QUY ĐỊNH CHUNG\n"
    )
    header = complete_header(extract_header(text), text, None, [])
    assert (header.type.value, header.issuer.value) == ("Văn bản hợp nhất", "Văn phòng Quốc hội")


def test_the_country_s_name_inside_a_subject_does_not_end_it() -> None:
    # vbhn_49-VBHN-BCT (Công báo text and PDF)
    text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nTHÔNG TƯ\nQuy định Quy tắc xuất xứ hàng "
        "hóa trong Hiệp định Đối tác kinh tế toàn diện giữa Chính phủ nước Cộng hòa Xã hội Chủ nghĩa Việt Nam và "
        "Chính phủ Các Tiểu vương quốc Ả-rập thống nhất\n\nCăn cứ Nghị định số 40/2025/NĐ-CP;\n"
    )
    title = extract_header(text).title
    assert title is not None and title.value.endswith("Các Tiểu vương quốc Ả-rập thống nhất")


# ------------------------------------------- web copies of unseen documents (blind batch 4, session 5)
# 51 headers of documents outside the corpus, copied as web pages print them (two columns on one line,
# no blank line under the subject, a site's furniture above the header), annotated blind before any
# change: state type 0.971 / number 0.941 / date 0.971 / issuer 0.824 / title 0.576, Party 0.941 /
# 0.882 / 1.000 / 0.765 / 0.824. The pages are not ours to ship; each rule is checked below on a
# document of corpora/ laid out the way those pages were.

_HEADER_KEYS = ("type", "number", "date", "issuer", "title")


def _corpora_text(name: str) -> str:
    import vndocs

    return vndocs.parse(ROOT / "corpora" / "docs" / name).text


def _fields(text: str) -> dict[str, object]:
    import vndocs

    d = vndocs.parse(text).to_dict()
    return {k: d.get(k) for k in _HEADER_KEYS}


def test_copies_without_blank_lines_keep_every_header_field() -> None:
    # thuvienphapluat's text tab prints no blank line under the subject: a subject in capitals must end
    # at the enacting authority ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"), at the first sentence of the
    # body ("Trong những năm qua, ...", ct_06) or at the preamble
    import re

    from tests.conftest import corpus_files

    files = corpus_files(".md", ".txt")
    assert len(files) >= 35
    for p in files:
        text = _corpora_text(p.name)
        collapsed = re.sub(r"\n[ \t]*\n+", "\n", text)
        assert _fields(collapsed) == _fields(text), p.name


def test_both_columns_on_one_line() -> None:
    text = _corpora_text("qd_2820-QD-UBND_hcm_tnt305.md")
    web = text.replace(
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n",
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHÀNH PHỐ HỒ CHÍ MINH Độc lập - Tự do - Hạnh phúc\n",
    )
    assert web != text
    assert _fields(web) == _fields(text)
    # a Party header whose left column is cut by the right one: the parent shares a line with the
    # Party's name, the department comes under the place-and-date line
    party = _corpora_text("hd_45-HD-BTCTW_huong-dan-QD-377_tnt305.md")
    web = party.replace(
        "BAN CHẤP HÀNH\nTRUNG ƯƠNG\nBAN TỔ CHỨC\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nSố 45-HD/BTCTW\n\nHà Nội, ngày 21 tháng 11 năm 2025\n",
        "BAN CHẤP HÀNH TRUNG ƯƠNG              ĐẢNG CỘNG SẢN VIỆT NAM\n   *\n"
        "                 Hà Nội, ngày 21 tháng 11 năm 2025\n   BAN TỔ CHỨC\n\n   Số 45-HD/BTCTW\n",
    )
    assert web != party
    assert _fields(web) == _fields(party)


def test_site_furniture_is_not_the_issuer() -> None:
    text = _corpora_text("qd_383-QD-TW_phong-luu-tru-dang_tnt305.md")
    # a page counter above the header, the page's own title line between the header and the type
    web = "VIEWS: 10 PAGES: 1\n\n" + text.replace("\n\nQUY ĐỊNH\n", "\n\nQUY ĐỊNH 383-QĐ/TW\n\nQUY ĐỊNH\n", 1)
    assert _fields(web) == _fields(text)


def test_a_subject_ends_at_a_party_section_marker() -> None:
    # a Party resolution's subject followed at once by "I- ..." (no preamble)
    text = _corpora_text("qd_383-QD-TW_phong-luu-tru-dang_tnt305.md")
    start, end = text.index("- Căn cứ Điều lệ Đảng"), text.index("I- QUY ĐỊNH CHUNG")
    web = re.sub(r"\n[ \t]*\n+", "\n", text[:start] + text[end:])
    assert _fields(web)["title"] == _fields(text)["title"] == "VỀ PHÔNG LƯU TRỮ ĐẢNG CỘNG SẢN VIỆT NAM"


def test_a_quotation_goes_on_past_a_blank_line() -> None:
    # a copy with a blank line after every line: the subject's quotation is still open
    text = _corpora_text("kh_624-KH-UBND_hatinh_tnt305.md")
    web = text.replace("MẦM NON\nỞ ĐỊA BÀN", "MẦM NON\n\nỞ ĐỊA BÀN").replace("- \n2035,", "-\n\n2035,")
    assert web != text
    assert _fields(web)["title"] == _fields(text)["title"]


def test_party_code_printed_with_tu() -> None:
    # "TƯ" for Trung ương in the code ("445-KL/TƯ", "13-NQ/TƯ")
    text = _corpora_text("qd_383-QD-TW_phong-luu-tru-dang_tnt305.md").replace("Số 383-QĐ/TW", "Số 383-QĐ/TƯ")
    assert _fields(text)["number"] == "383-QĐ/TƯ"


def test_a_damaged_type_line_leaves_the_issuer() -> None:
    # a scan's "K ÉT LUẬN": no type line is found; capitals after the number and the date are the
    # subject's, not the issuer's
    text = _corpora_text("hd_45-HD-BTCTW_huong-dan-QD-377_tnt305.md")
    damaged = text.replace("\nHƯỚNG DẪN\n", "\nH ƯỚNG DẪN\n", 1)
    assert _fields(damaged)["issuer"] == _fields(text)["issuer"]
    assert _fields(damaged)["type"] == "Hướng dẫn"  # from the number's code


def test_old_style_type_line_names_the_author() -> None:
    # "QUYẾT ĐỊNH CỦA VIỆN TRƯỞNG ...", "NGHỊ QUYẾT CỦA HĐND TỈNH ...": the subject follows
    text = _corpora_text("qd_773_2018_QD_TTg_congbot.md")
    i = text.index("QUYẾT ĐỊNH\n")
    web = text[:i] + "QUYẾT ĐỊNH CỦA THỦ TƯỚNG CHÍNH PHỦ\n" + text[i + len("QUYẾT ĐỊNH\n") :]
    assert _fields(web) == _fields(text)


def test_place_name_in_lower_case() -> None:
    text = _corpora_text("qd_383-QD-TW_phong-luu-tru-dang_tnt305.md")
    assert _fields(text.replace("Hà Nội, ngày 19", "Hà nội, ngày 19"))["date"] == "2025-11-19"


def test_a_letter_subject_under_the_number_without_vv() -> None:
    text = _corpora_text("cv_2214_2013_CV_BXD_congbot.md")
    web = text.replace("V/v Hỗ trợ người có công với cách mạng về nhà ở\n\n", "", 1).replace(
        "Số: 2214/BXD-QLN V/v: Hỗ trợ người có công với cách mạng về nhà ở.",
        "Số: 2214/BXD-QLN\nHỗ trợ người có công với cách mạng về nhà ở.",
    )
    assert web != text
    assert _fields(web)["title"] == "Hỗ trợ người có công với cách mạng về nhà ở"


def test_a_header_flattened_onto_one_line() -> None:
    # a document site's preview prints the header as one line: "UBND TỈNH ... CỘNG HÒA ... Số : ... V/v ..."
    for name, upto in (
        ("qd_2820-QD-UBND_hcm_tnt305.md", "\n\nỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH\n"),
        ("hd_45-HD-BTCTW_huong-dan-QD-377_tnt305.md", "\n\nThực hiện Quy định số 377"),
        ("ct_06-CT-UBND_quangtri_tnt305.md", "\n\nTrong những năm qua"),
    ):
        text = _corpora_text(name)
        cut = text.index(upto)
        flat = " ".join(text[:cut].split()) + text[cut:]
        assert flat.count("\n") < text.count("\n")
        assert _fields(flat) == _fields(text), name
        split = split_squashed_header(flat)
        assert len(split) == len(flat) and split.count("\n") > flat.count("\n")
    # a header on its lines is left alone
    text = _corpora_text("qd_2820-QD-UBND_hcm_tnt305.md")
    assert split_squashed_header(text) == text


def test_web_gold_is_well_formed() -> None:
    # tests/gold_web_*.jsonl: the blind web batch, scored by benchmarks/score_web.py on the saved pages
    import json

    heads = [json.loads(x) for x in (ROOT / "tests" / "gold_web_headers.jsonl").read_text(encoding="utf-8").splitlines()]
    refs = [json.loads(x) for x in (ROOT / "tests" / "gold_web_references.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(heads) == len(refs) == 51
    assert [h["file"] for h in heads] == [r["file"] for r in refs]
    for h in heads:
        assert h["url"].startswith("http") and {"type", "number", "date", "issuer"} <= set(h), h["file"]
    assert sum(len(r["references"]) for r in refs) == 152


def test_a_subject_typed_a_line_a_paragraph(tmp_path: Path) -> None:
    # a Word document whose author pressed Enter at the end of each line: every line is a paragraph,
    # read with a blank line after it; so is a web page that puts a blank line after every line
    import docx

    import vndocs

    for name in ("qd_2820-QD-UBND_hcm_tnt305.md", "kh_624-KH-UBND_hatinh_tnt305.md", "hd_45-HD-BTCTW_huong-dan-QD-377_tnt305.md"):
        text = _corpora_text(name)
        d = docx.Document()
        for line in text.split("\n"):
            if line.strip():
                d.add_paragraph(line)
        path = tmp_path / (name + ".docx")
        d.save(str(path))
        word = vndocs.parse(path).to_dict()
        assert {k: word.get(k) for k in _HEADER_KEYS} == _fields(text), name
        spaced = text.replace("\n", "\n\n")
        assert _fields(spaced) == _fields(text), name
