"""Signature block and recipients, with blocks copied from corpus documents."""

from __future__ import annotations

import pytest

from vndocs.extract.signature import extract_recipients, extract_signer


@pytest.mark.parametrize(
    "block,authority,position,name",
    [
        ("./.\n\nTM. ỦY BAN NHÂN\nDÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrương Việt Dũng\n", "TM", "PHÓ CHỦ TỊCH", "Trương Việt Dũng"),
        ("Nơi nhận\n\n- Lưu Ban Tuyên giáo Huyện ủy.\n\nTRƯỞNG BAN\n\n\n\nDương Văn Hòa", None, "TRƯỞNG BAN", "Dương Văn Hòa"),
        ("./.\n\nKT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Trần Nam\n", "KT", "THỨ TRƯỞNG", "Nguyễn Trần Nam"),
        ("./.\n\nTHỦ TƯỚNG Nguyễn Tấn Dũng\n", None, "THỦ TƯỚNG", "Nguyễn Tấn Dũng"),
        ("./.\nT/M TỈNH UỶ\nPHÓ BÍ THƯ\n(Đã ký)\nNguyễn Văn A\n", "TM", "PHÓ BÍ THƯ", "Nguyễn Văn A"),
    ],
)
def test_signature_blocks(block: str, authority: str | None, position: str, name: str) -> None:
    s = extract_signer(block)
    assert s is not None
    assert (s.authority, s.position, s.name) == (authority, position, name)


def test_recipients_line_per_item_and_party_style() -> None:
    text = (
        "Nơi nhận\n\n- Thường trực Huyện ủy (B/cáo),\n- Ủy ban MTTQ và các tổ chức chính trị - xã hội huyện,\n"
        "- Các chi, đảng bộ cơ sở,\n- Lưu Ban Tuyên giáo Huyện ủy.\n\nTRƯỞNG BAN\n\nDương Văn Hòa"
    )
    items = [r.text for r in extract_recipients(text) if r.kind == "noi_nhan"]
    assert items == [
        "Thường trực Huyện ủy (B/cáo)",
        "Ủy ban MTTQ và các tổ chức chính trị - xã hội huyện",
        "Các chi, đảng bộ cơ sở",
        "Lưu Ban Tuyên giáo Huyện ủy",
    ]


def test_recipients_flattened_on_one_line() -> None:
    # web copies flatten the Nơi nhận cell: "Nơi nhận: - Như Điều 2; - Chủ tịch UBND tỉnh; ..."
    text = "Nơi nhận: - Như Điều 2; - Chủ tịch UBND tỉnh; - Các Phó Chủ tịch UBND tỉnh; - Lưu: VT, PVHCC.\n\nCHỦ TỊCH Nguyễn Văn Sơn"
    items = [r.text for r in extract_recipients(text)]
    assert items == ["Như Điều 2", "Chủ tịch UBND tỉnh", "Các Phó Chủ tịch UBND tỉnh", "Lưu: VT, PVHCC"]


def test_wrapped_recipient_continues_its_item() -> None:
    text = (
        "Nơi nhận:\n- VPCP: BTCN, các PCN, Trợ lý của PTTgCP Bùi Thanh Sơn;\ncác Vụ: CN, KTTH, Cục KSTTHC;\n- Lưu: VT, QHĐP(2b)VQT\n\nKT. BỘ TRƯỞNG,\nCHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nPhạm Mạnh Cường\n"
    )
    items = [r.text for r in extract_recipients(text)]
    assert items[0] == "VPCP: BTCN, các PCN, Trợ lý của PTTgCP Bùi Thanh Sơn; các Vụ: CN, KTTH, Cục KSTTHC"
    assert len(items) == 2


def test_kinh_gui_is_not_noi_nhan() -> None:
    text = "Kính gửi:\n\n- Bộ Tài chính;\n- Bộ Kế hoạch và Đầu tư\n\nNgày 26/4/2013, Thủ tướng Chính phủ đã ban hành Quyết định.\n"
    rs = extract_recipients(text)
    assert {r.kind for r in rs} == {"kinh_gui"}
    assert [r.text for r in rs] == ["Bộ Tài chính", "Bộ Kế hoạch và Đầu tư"]
