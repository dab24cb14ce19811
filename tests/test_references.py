"""Reference extraction: rule tables over real sentences, data files, invariants.

The sentences come from the corpus (file named in each case); the golden test
over whole documents is in ``test_references_golden.py``.
"""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from vndocs.extract.references import RELATION_ORDER, extract_references
from vndocs.models import Field, Header
from vndocs.normalize import normalize


def refs(text: str, **header: str):
    h = Header(**{k: Field(v) for k, v in header.items()})
    nt = normalize(text)
    return extract_references(nt.text, h, [])


def one(text: str, number: str | None = None, title: str | None = None, **header: str):
    found = refs(text, **header)
    for r in found:
        if (number and r.number == number) or (title and r.title == title):
            return r
    raise AssertionError(f"no reference {number or title!r} in {[(r.number, r.title) for r in found]}")


# ---------------------------------------------------------------- number forms

NUMBER_CASES = [
    # (sentence, number, type, date, issuer) — corpus file in the comment
    # kh_ngay-hoi-bao-ve-antq-2022 (Party, slash date)
    ("Thực hiện Kế hoạch số 45-KH/BTGTU ngày 27/7/2022 của Ban Tuyên giáo Tỉnh uỷ về tuyên truyền.",
     "45-KH/BTGTU", "Kế hoạch", "2022-07-27", "Ban Tuyên giáo Tỉnh uỷ"),
    # hd_37: comma before ngày
    ("Thực hiện Chỉ thị số 50-CT/TW, ngày 23/7/2025 của Ban Bí thư “Về tiếp tục đổi mới”;",
     "50-CT/TW", "Chỉ thị", "2025-07-23", "Ban Bí thư"),
    # DOMAIN §5.1: older Party style, hyphenated date, no space after số
    ("Căn cứ Quy định số31-QĐ/TW, ngày 01-10-1997 của Bộ Chính trị về thể thức văn bản;",
     "31-QĐ/TW", "Quy định", "1997-10-01", "Bộ Chính trị"),
    # DOMAIN §1.3: stray space before the slash
    ("Căn cứ Quyết định số 1206 /QĐ-HVTC ngày 08 tháng 6 năm 2010 của Học viện Tài chính;",
     "1206/QĐ-HVTC", "Quyết định", "2010-06-08", "Học viện Tài chính"),
    # qd_372: number broken across lines in Công báo text, written date
    ("Căn cứ Thông tư số 139/2025/TT-BTC ngày 30 tháng 12 năm 2025 của Bộ  trưởng Bộ Tài chính sửa đổi.",
     "139/2025/TT-BTC", "Thông tư", "2025-12-30", "Bộ trưởng Bộ Tài chính"),
    # kh_308: number without "số"
    ("Quyết định 1229/QĐ-UBND ngày 28/02/2025 của UBND Thành phố về việc Phê duyệt Chiến lược.",
     "1229/QĐ-UBND", "Quyết định", "2025-02-28", "UBND Thành phố"),
    # cv_hanoi: "Văn bản số" takes its type from the code
    ("Thực hiện chỉ đạo của Ban Thường vụ Thành ủy tại Văn bản số 43-CV/TU ngày 12/11/2025 về việc tăng cường.",
     "43-CV/TU", "Công văn", "2025-11-12", "Ban Thường vụ Thành ủy"),
    # cv_2214: date and issuer said before the mention
    ("Ngày 26/4/2013, Thủ tướng Chính phủ đã ban hành Quyết định số 22/2013/QĐ-TTg về việc hỗ trợ.",
     "22/2013/QĐ-TTg", "Quyết định", "2013-04-26", "Thủ tướng Chính phủ"),
    # cv_1539: company issuer in capitals
    ("Thuế tỉnh nhận được Công văn số 144/2025/CV-BSGBTr ngày 17/11/2025 của CÔNG TY CỔ PHẦN BIA SÀI GÒN – BẾN TRE vướng mắc về việc vay tiền.",
     "144/2025/CV-BSGBTr", "Công văn", "2025-11-17", "CÔNG TY CỔ PHẦN BIA SÀI GÒN – BẾN TRE"),
    # nq_35: "của" glued to the number
    ("Căn cứ Quyết định số 35/2025/QĐ-TTgcủa Thủ tướng Chính phủ sửa đổi.",
     "35/2025/QĐ-TTg", "Quyết định", None, "Thủ tướng Chính phủ"),
]


@pytest.mark.parametrize("sentence,number,typ,date,issuer", NUMBER_CASES)
def test_reference_number_forms(sentence, number, typ, date, issuer):
    r = one(sentence, number)
    assert (r.type, r.date, r.issuer) == (typ, date, issuer)


def test_reference_number_split_across_lines():
    # qd_372 (Công báo): "57/2021/TT-" at the end of a line, "BTC" on the next
    text = "sửa đổi, bổ sung một số điều của Thông tư số 57/2021/TT-\nBTC ngày 12 tháng 7 năm 2021 của Bộ trưởng Bộ Tài chính"
    assert one(text, "57/2021/TT-BTC").date == "2021-07-12"


def test_reference_cyrillic_letters_in_number():
    # qd_372 prints "BТС" with Cyrillic Т and С
    assert one("và Thông tư số 06/2022/TT-BТС ngày 08 tháng 02 năm 2022", "06/2022/TT-BTC")


def test_reference_party_list_of_bare_numbers():
    found = refs("Quán triệt các Nghị quyết số 21-NQ/TW, 22-NQ/TW của Bộ Chính trị.")
    assert [r.number for r in found] == ["21-NQ/TW", "22-NQ/TW"]
    assert all(r.type == "Nghị quyết" for r in found)


def test_reference_list_shares_issuer():
    # ct_06
    text = ("Để tiếp tục thực hiện nghiêm Chỉ thị số 31-CT/TU ngày 06/6/2023, Kế hoạch số 134-KH/TU "
            "ngày 29/12/2023 của Ban Thường vụ Tỉnh ủy; Ủy ban nhân dân tỉnh yêu cầu:")
    found = refs(text)
    assert [(r.number, r.issuer) for r in found] == [
        ("31-CT/TU", "Ban Thường vụ Tỉnh ủy"),
        ("134-KH/TU", "Ban Thường vụ Tỉnh ủy"),
    ]


def test_reference_term_both_tone_placements():
    assert one("Chỉ thị số 09-CT/TW của Ban Bí thư khóa XI về tăng cường", "09-CT/TW").term == "khóa XI"
    assert one("Chỉ thị số 09-CT/TW của Ban Bí thư khoá XI về tăng cường", "09-CT/TW").term == "khóa XI"


def test_reference_standard_tcvn():
    # kh_308
    r = one("theo tiêu chuẩn TCVN 14423:2025 về An ninh mạng - Yêu cầu đối với hệ thống thông tin quan trọng.",
            "TCVN 14423:2025")
    assert r.type == "Tiêu chuẩn quốc gia"


# ---------------------------------------------------------------- laws by name

LAW_CASES = [
    # (sentence, type, title, date)
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", "Luật", "Tổ chức chính quyền địa phương", "2015-06-19"),
    ("theo quy định của Bộ luật Lao động năm 2019.", "Bộ luật", "Lao động", None),
    ("Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng ngày 09 tháng 12 năm 2020;", "Pháp lệnh", "Ưu đãi người có công với cách mạng", "2020-12-09"),
    # qd_2500: line break inside the date
    ("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm\n2025;", "Luật", "Tổ chức Chính phủ", "2025-02-18"),
    # nd_87: lower-case name
    ("theo quy định của Luật ngân sách nhà nước.", "Luật", "ngân sách nhà nước", None),
    # kh_172: the name ends before the sentence goes on
    ("tổ chức thi hành Luật Việc làm bảo đảm kịp thời, toàn diện.", "Luật", "Việc làm", None),
    ("theo quy định của Luật An toàn, vệ sinh lao động và quy định tại Nghị định này.", "Luật", "An toàn, vệ sinh lao động", None),
    # cv_hanoi: a name with "theo"
    ("quy định chi tiết một số điều của Luật Đầu tư theo phương thức đối tác công tư;", "Luật", "Đầu tư theo phương thức đối tác công tư", None),
]


@pytest.mark.parametrize("sentence,typ,title,date", LAW_CASES)
def test_reference_law_by_name(sentence, typ, title, date):
    r = one(sentence, title=title)
    assert (r.type, r.date, r.number) == (typ, date, None)


def test_reference_law_name_with_number():
    # cv_1539
    r = one("Căn cứ khoản 2 Điều 49 Luật Quản lý thuế số 38/2019/QH14 ngày 13/6/2019 của Quốc hội, quy định:", "38/2019/QH14")
    assert (r.type, r.title, r.date, r.issuer, r.relation) == ("Luật", "Quản lý thuế", "2019-06-13", "Quốc hội", "based_on")


def test_reference_amending_laws_told_apart_by_date():
    # nq_113: the base law and two amending laws of the same name
    text = ("Căn cứ Luật Bảo hiểm y tế ngày 14 tháng 11 năm 2008; Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm "
            "y tế ngày 13 tháng 6 năm 2014; Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế ngày 27 tháng 11 năm 2024;")
    found = refs(text)
    assert [(r.title, r.date, r.relation) for r in found] == [
        ("Bảo hiểm y tế", "2008-11-14", "based_on"),
        ("sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế", "2014-06-13", "based_on"),
        ("sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế", "2024-11-27", "based_on"),
    ]


def test_reference_base_law_inside_amending_law_is_cited():
    # qd_378: the amending law is based_on (amender of a Căn cứ law), the base law it names only cited
    text = ("Căn cứ Luật Tổ chức Chính quyền địa phương ngày 19 tháng 6 năm 2015 (đã được sửa đổi, bổ sung bởi Luật "
            "sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức Chính quyền địa phương ngày 22 tháng 11 năm 2019);")
    found = {(r.title, r.date): r.relation for r in refs(text)}
    assert found == {
        ("Tổ chức Chính quyền địa phương", "2015-06-19"): "based_on",
        ("sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức Chính quyền địa phương", "2019-11-22"): "based_on",
        ("Tổ chức Chính phủ", None): "cites",
    }


def test_reference_lawyer_is_not_a_law():
    assert refs("Luật sư của công ty đã tham gia.") == []


# ---------------------------------------------------------------- Party documents

PARTY_CASES = [
    ("quán triệt Nghị quyết Đại hội XIII của Đảng trong toàn Đảng bộ.", "Nghị quyết", "Đại hội XIII của Đảng"),
    ("cập nhật theo Nghị quyết của Đại hội đại biểu toàn quốc lần thứ XIV của Đảng.", "Nghị quyết", "Đại hội đại biểu toàn quốc lần thứ XIV của Đảng"),
    ("thực hiện Nghị quyết Trung ương 4 khóa XII về xây dựng Đảng.", "Nghị quyết", "Trung ương 4 khóa XII"),
    ("- Căn cứ Điều lệ Đảng;", "Điều lệ", "Điều lệ Đảng"),
    # hd_37
    ("học tập nghị quyết; Điều lệ và các quy định của Đảng;", "Điều lệ", "Điều lệ Đảng"),
]


@pytest.mark.parametrize("sentence,typ,title", PARTY_CASES)
def test_reference_party_documents_by_name(sentence, typ, title):
    r = one(sentence, title=title)
    assert r.type == typ and r.system == "party"


def test_reference_political_report_and_resolution_of_congress():
    # tb_636
    found = refs("Trên cơ sở Báo cáo chính trị và Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ I, nhiệm kỳ 2025 - 2030, khẩn trương xây dựng")
    assert [(r.type, r.title) for r in found] == [
        ("Báo cáo", "Báo cáo chính trị Đại hội đại biểu Đảng bộ tỉnh lần thứ I, nhiệm kỳ 2025 - 2030"),
        ("Nghị quyết", "Đại hội đại biểu Đảng bộ tỉnh lần thứ I, nhiệm kỳ 2025 - 2030"),
    ]


# ---------------------------------------------------------------- short forms and self

def test_reference_short_form_joins_full_mention():
    # kh_308
    text = ("Thực hiện Nghị quyết số 214/NQ-CP ngày 23/7/2025 của Chính phủ ban hành Kế hoạch hành động (Nghị quyết 214/NQ-CP); "
            "a) Triển khai các nhiệm vụ được giao tại Nghị quyết 214/NQ-CP.")
    found = refs(text)
    assert len(found) == 1 and len(found[0].mentions) == 3


def test_reference_short_form_abbreviation_and_number_only():
    # cv_2214: "(sau đây gọi tắt là QĐ22)"; DOMAIN §5.3 "Kết luận 44"
    text = ("Thủ tướng Chính phủ đã ban hành Quyết định số 22/2013/QĐ-TTg về việc hỗ trợ (sau đây gọi tắt là QĐ22). "
            "Bộ Xây dựng ban hành Thông tư số 09/2013/TT-BXD hướng dẫn thực hiện QĐ22. "
            "Kết luận số 44-KL/TW ngày 22/01/2019 của Ban Bí thư. Thực hiện Kết luận 44, các cấp ủy.")
    found = {r.number: len(r.mentions) for r in refs(text)}
    assert found == {"22/2013/QĐ-TTg": 3, "09/2013/TT-BXD": 1, "44-KL/TW": 2}


def test_reference_unresolved_short_form_kept_by_name():
    # kh_308: "Đề án 06" has no full mention
    r = one("gắn với triển khai Đề án 06 theo quy định.", title="Đề án 06")
    assert r.number is None and r.type == "Đề án"


def test_reference_document_itself_is_not_a_reference():
    text = ("Số: 378/QĐ-UBND\n\nQUYẾT ĐỊNH\n\nVề việc công bố\n\nĐiều 3. Quyết định này có hiệu lực.\n\n"
            "(Kèm theo Quyết định số 378/QĐ-UBND ngày 18 tháng 3 năm 2022 của Chủ tịch UBND tỉnh Hà Giang)")
    assert refs(text) == []
    # and through the header when the number line is elsewhere
    assert refs("Kinh phí thực hiện Kế hoạch số 308/KH-UBND được bố trí.", number="308/KH-UBND") == []


def test_reference_drafts_are_not_references():
    # kh_7360, tb_636
    text = ("Tham gia góp ý kiến vào dự thảo Luật Công nghiệp công nghệ số. "
            "Sớm trình Ủy ban Thường vụ Quốc hội Nghị quyết sửa đổi một số điều Nghị quyết số 70/2025/UBTVQH15.")
    found = refs(text)
    assert [(r.number, r.relation) for r in found] == [("70/2025/UBTVQH15", "cites")]


def test_reference_page_header_is_not_a_reference():
    assert refs("CÔNG BÁO/Số 271/Ngày 12-05-2026\nCăn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;")[0].type == "Luật"
    assert all(r.number is None for r in refs("CÔNG BÁO/Số 271/Ngày 12-05-2026"))


def test_reference_date_filled_from_later_mention():
    # kh_308: 142/QĐ-TTg has its date only at its second mention
    text = ("Thực hiện Quyết định số 142/QĐ-TTg của Thủ tướng Chính phủ phê duyệt Chiến lược dữ liệu quốc gia; "
            "Quyết định 1229/QĐ-UBND ngày 28/02/2025 của UBND Thành phố về việc Phê duyệt “Chiến lược triển khai thực hiện "
            "Quyết định số 142/QĐ-TTg ngày 02/02/2024 của Thủ tướng Chính phủ”;")
    r = one(text, "142/QĐ-TTg")
    assert r.date == "2024-02-02" and r.relation == "implements"


# ---------------------------------------------------------------- relations

RELATION_CASES = [
    # (text, number or law title, relation) — corpus file in the comment
    # kh_ngay-hoi: Thực hiện in the preamble
    ("KẾ HOẠCH\n\nTuyên truyền năm 2022\n\nThực hiện Kế hoạch số 45-KH/BTGTU ngày 27/7/2022 của Ban Tuyên giáo Tỉnh uỷ về tuyên truyền.\n\nI. MỤC ĐÍCH",
     "45-KH/BTGTU", "implements"),
    # kh_ngay-hoi: body mention is cites
    ("I. NỘI DUNG\n\n- Tuyên truyền thực hiện các văn bản, trọng tâm là: Kết luận số 44-KL/TW ngày 22/01/2019 của Ban Bí thư.",
     "44-KL/TW", "cites"),
    # cv_1906: quán triệt in the body is cites
    ("Kính gửi: Các đơn vị\n\n1. Về thi\n\n2. Thủ trưởng các đơn vị có trách nhiệm quán triệt, triển khai thực hiện nghiêm túc Chỉ thị số 19/CT-TTg ngày 24/4/2020 của Thủ tướng Chính phủ.",
     "19/CT-TTg", "cites"),
    # cv_1906: Thực hiện chỉ đạo của X tại Công văn số ...
    ("Thực hiện chỉ đạo của UBND thành phố tại Công văn số 4869/UBND-SYT ngày 26/7/2020 về việc khẩn trương triển khai, Sở yêu cầu:\n\n1. Về thi",
     "4869/UBND-SYT", "implements"),
    # nq_113: Theo đề nghị is not a legal basis
    ("Theo đề nghị của Bộ trưởng Bộ Y tế tại Tờ trình số 609/TTr-BYT ngày 13 tháng 4 năm 2026;\n\nQUYẾT NGHỊ:",
     "609/TTr-BYT", "cites"),
    # cv_1539: Căn cứ with a pinpoint in the body
    ("Căn cứ điểm a khoản 3 Điều 2 Thông tư số 111/2013/TT-BTC ngày 15/8/2013 của Bộ Tài chính, quy định:",
     "111/2013/TT-BTC", "based_on"),
    # cv_hanoi: "Căn cứ trách nhiệm ..." does not make the document a basis
    ("- Căn cứ trách nhiệm kiểm tra hoạt động đấu thầu theo quy định tại điểm b Khoản 3 Điều 122 Nghị định 214/2025/NĐ-CP ngày 04/8/2025 của Chính phủ, tăng cường kiểm tra.",
     "214/2025/NĐ-CP", "cites"),
    # nd_87: Bãi bỏ
    ("Điều 7. Hiệu lực\n\nBãi bỏ Nghị định số 54/2008/NĐ-CP ngày 24 tháng 4 năm 2008 của Chính phủ quy định chế độ.",
     "54/2008/NĐ-CP", "repeals"),
    # tt_101: hết hiệu lực after the subject
    ("2. Thông tư liên tịch số 47/2009/TTLT-BTC-BLĐTBXH ngày 11 tháng 3 năm 2009 của Bộ Tài chính hướng dẫn cấp phát hết hiệu lực thi hành kể từ ngày Thông tư này có hiệu lực thi hành.",
     "47/2009/TTLT-BTC-BLĐTBXH", "repeals"),
    # DOMAIN §5.2 (ND30 Điều 37): two decrees, the second amends the first, both lose effect
    ("Nghị định số 110/2004/NĐ-CP ngày 08 tháng 4 năm 2004 của Chính phủ về công tác văn thư và Nghị định số 09/2010/NĐ-CP ngày 08 tháng 02 năm 2010 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 110/2004/NĐ-CP hết hiệu lực từ ngày Nghị định này có hiệu lực pháp luật.",
     "09/2010/NĐ-CP", "repeals"),
    # qd_2500: list introduced by "Bãi bỏ:" with pinpoints
    ("2. Bãi bỏ:\n\na) Khoản 2, khoản\n3 Điều 2 Quyết định số 960/QĐ-TTg ngày 07 tháng 7 năm 2020 của Thủ tướng Chính phủ quy định Danh mục.\n\nĐiều 5. Trách nhiệm",
     "960/QĐ-TTg", "repeals"),
    # nd_55: title and Điều 1 amend
    ("NGHỊ ĐỊNH\n\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 75/2021/NĐ-CP NGÀY 24 THÁNG 7 NĂM 2021 CỦA CHÍNH PHỦ QUY ĐỊNH MỨC HƯỞNG\n\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
     "75/2021/NĐ-CP", "amends"),
    # qd_372: đính chính corrects the text
    ("QUYẾT ĐỊNH\n\nVề việc đính chính Thông tư số 138/2025/TT-BTC sửa đổi, bổ sung một số điều của Thông tư 95/2020/TT-BTC ngày 16 tháng 11 năm 2020\n\nCăn cứ Luật số 87/2025/QH15;",
     "138/2025/TT-BTC", "amends"),
    # qd_372: the document named inside the corrected one's subject is only cited
    ("QUYẾT ĐỊNH\n\nVề việc đính chính Thông tư số 138/2025/TT-BTC sửa đổi, bổ sung một số điều của Thông tư 95/2020/TT-BTC ngày 16 tháng 11 năm 2020\n\nCăn cứ Luật số 87/2025/QH15;",
     "95/2020/TT-BTC", "cites"),
    # nq_113: nested in a cited decree's subject
    ("theo quy định tại Nghị định số 75/2023/NĐ-CP ngày 19 tháng 10 năm 2023 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 146/2018/NĐ-CP ngày 17 tháng 10 năm 2018 của Chính phủ.",
     "146/2018/NĐ-CP", "cites"),
    # tb_636: "Nghị quyết sửa đổi ..." is another (future) document's name
    ("sớm trình Ủy ban Thường vụ Quốc hội Nghị quyết sửa đổi một số điều Nghị quyết số 70/2025/UBTVQH15 và ban hành",
     "70/2025/UBTVQH15", "cites"),
    # qd_378: amenders named in a Căn cứ share its relation; the list goes on after them
    ("Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính phủ về kiểm soát thủ tục hành chính (đã được sửa đổi, bổ sung bởi Nghị định số 92/2017/NĐ-CP ngày 07 tháng 8 năm 2017 của Chính phủ); Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ chế một cửa;",
     "92/2017/NĐ-CP", "based_on"),
    ("Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính phủ về kiểm soát thủ tục hành chính (đã được sửa đổi, bổ sung bởi Nghị định số 92/2017/NĐ-CP ngày 07 tháng 8 năm 2017 của Chính phủ); Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ chế một cửa;",
     "61/2018/NĐ-CP", "based_on"),
    # qd_372: the amender of a document nested in a subject stays cited
    ("Căn cứ Thông tư số 139/2025/TT-BTC ngày 30 tháng 12 năm 2025 của Bộ trưởng Bộ Tài chính sửa đổi, bổ sung một số điều của Thông tư số 57/2021/TT-BTC ngày 12 tháng 7 năm 2021 của Bộ trưởng Bộ Tài chính quy định lộ trình được sửa đổi, bổ sung bởi Thông tư số 69/2023/TT-BTC;",
     "69/2023/TT-BTC", "cites"),
    # DOMAIN §5.2: thay thế
    ("Điều 3. Quyết định này thay thế Quyết định số 09/2023/QĐ-TTg ngày 12 tháng 4 năm 2023 của Thủ tướng Chính phủ.",
     "09/2023/QĐ-TTg", "replaces"),
]


@pytest.mark.parametrize("text,target,relation", RELATION_CASES)
def test_reference_relation_cues(text, target, relation):
    found = refs(text)
    r = next((r for r in found if target in (r.number, r.title)), None)
    assert r is not None, [(x.number, x.title) for x in found]
    assert r.relation == relation


def test_reference_guides_wins_over_thi_hanh_in_a_detailing_title():
    # nd_158: "Quy định chi tiết và hướng dẫn thi hành một số điều của Luật Bảo hiểm xã hội"
    text = ("NGHỊ ĐỊNH\n\nQuy định chi tiết và hướng dẫn thi hành một số điều của Luật Bảo hiểm xã hội về bảo hiểm xã hội bắt buộc\n\n"
            "Căn cứ Luật Bảo hiểm xã hội số 41/2024/QH15;\n\nChương I")
    assert one(text, "41/2024/QH15").relation == "guides"


def test_reference_title_joined_to_type_line():
    # the normalizer joins "KẾ HOẠCH" and a lower-case title line: the title still gives implements
    text = ("Số 12-KH/HU\n\nKẾ HOẠCH\nthực hiện Nghị quyết số 18-NQ/TW\n\n- Căn cứ Nghị quyết số 18-NQ/TW, ngày 25/10/2017 "
            "của Ban Chấp hành Trung ương Đảng khoá XII về một số vấn đề;\n\nI. MỤC ĐÍCH")
    r = one(text, "18-NQ/TW")
    assert (r.relation, r.issuer, r.term, r.date) == ("implements", "Ban Chấp hành Trung ương Đảng", "khóa XII", "2017-10-25")


def test_reference_plenum_resolution_by_ordinal():
    r = one("Thực hiện theo Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương khóa XIII.",
            title="Hội nghị lần thứ tám Ban Chấp hành Trung ương khóa XIII")
    assert r.term == "khóa XIII"


def test_reference_guides_in_title():
    text = "HƯỚNG DẪN\n\nThực hiện Quy định số 377-QĐ/TW ngày 08/10/2025 của Bộ Chính trị\n\nI. PHẠM VI"
    assert one(text, "377-QĐ/TW").relation in ("implements", "guides")
    text = "THÔNG TƯ\n\nHướng dẫn Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư\n\nCăn cứ"
    assert one(text, "30/2020/NĐ-CP").relation == "guides"


# ---------------------------------------------------------------- data files


def _data(name: str):
    with resources.files("vndocs.data").joinpath(f"{name}.json").open(encoding="utf-8") as f:
        return json.load(f)


def test_reference_cues_data_is_well_formed():
    data = _data("reference_cues")
    for entry in data["relation_cues"]:
        assert entry["relation"] in RELATION_ORDER
        assert entry["position"] in ("before", "after")
        assert entry["zone"] in ("anywhere", "preamble", "title_or_scope")
        assert entry["phrases"] and entry["examples"]
    for name, entry in data.items():
        if isinstance(entry, dict):
            assert entry.get("examples"), f"{name} needs examples"


@pytest.mark.parametrize(
    "entry", _data("reference_cues")["relation_cues"], ids=lambda e: f"{e['relation']}-{e['phrases'][0]}"
)
def test_reference_cue_examples_contain_their_cue(entry):
    from vndocs.normalize import key

    for example in entry["examples"]:
        assert any(key(p) in key(example) for p in entry["phrases"]), example


@pytest.mark.parametrize("example", _data("reference_cues")["law_types"]["examples"])
def test_reference_law_type_examples_are_read(example):
    found = refs(example)
    assert found and found[0].type in ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp")


# ---------------------------------------------------------------- invariants


def test_reference_empty_text():
    assert refs("") == []
    assert refs("   \n ") == []


def test_reference_mentions_point_into_text_and_keys_are_set():
    text = ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư; "
            "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;")
    nt = normalize(text)
    found = extract_references(nt.text, Header(), [])
    for r in found:
        assert r.relation in RELATION_ORDER
        assert r.key
        for m in r.mentions:
            assert 0 <= m.span.start < m.span.end <= len(nt.text)
    assert re.match(r"Nghị định số 30/2020/NĐ-CP", nt.text[found[0].mentions[0].span.start :])


def test_reference_anaphor_joins_last_document_of_its_type():
    text = ("QUYẾT ĐỊNH\n\nVề việc công bố\n\nCăn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;\n\n"
            "Điều 1. Theo Nghị định nêu trên, Quyết định này quy định.")
    found = refs(text)
    assert len(found) == 1
    assert [text[m.span.start : m.span.end] for m in found[0].mentions] == ["Nghị định số 30/2020/NĐ-CP", "Nghị định nêu trên"]


def test_reference_annex_line_with_misprinted_own_number_is_self():
    # qd_102: header "102/2025/QĐ-UBND", annex "(Ban hành kèm theo Quyết định số 102 /2025 /QĐ-CTUBND)"
    text = "Số:\n102/2025/QĐ-UBND\n\nQUYẾT ĐỊNH\n\nQUY CHẾ\n\n(Ban hành kèm theo Quyết định số 102 /2025 /QĐ-CTUBND)\n\nChương I"
    assert refs(text) == []


def test_reference_thong_bao_ket_luan_takes_type_from_code():
    # nq_380
    r = one("Thực hiện Thông báo kết luận số 99-TB/TW ngày 21/11/2025 của Bộ Chính trị;", "99-TB/TW")
    assert (r.type, r.issuer) == ("Thông báo", "Bộ Chính trị")
