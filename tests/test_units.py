"""Responsible units: the data files and the reading rules (vndocs.extract.units, abbreviations)."""

from __future__ import annotations

import pytest

from vndocs.extract.abbreviations import expand, expand_query, learn, shipped
from vndocs.extract.units import read_units
from vndocs.normalize import fold, key
from vndocs.vocab import load

UNITS = load("units")


def _examples(section: str) -> list[str]:
    return [ex for entry in UNITS[section] for ex in entry["examples"]]


def test_units_data_is_well_formed() -> None:
    for section in ("positions", "heads", "modifiers", "ellipses"):
        for entry in UNITS[section]:
            assert entry["examples"], f"{section}: {entry} has no example"
    names = [key(h["name"]) for h in UNITS["heads"]]
    assert all(h["kind"] in ("state", "party", "generic") for h in UNITS["heads"])
    assert len(names) >= 60


@pytest.mark.parametrize("example", _examples("heads") + _examples("positions") + _examples("ellipses"))
def test_every_head_and_position_example_reads_whole(example: str) -> None:
    ul = read_units(example)
    assert ul is not None, example
    assert ul.text == example


@pytest.mark.parametrize("example", _examples("modifiers"))
def test_every_modifier_example_stays_in_the_name(example: str) -> None:
    ul = read_units(example + " thực hiện")
    assert ul is not None and ul.end >= len(example) - 1, example


@pytest.mark.parametrize(
    ("text", "assignee", "units"),
    [
        # the reference plan (kh_ngay-hoi-bao-ve-antq-2022): coordination with a shared locality
        ("Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội huyện đẩy mạnh công tác",
         "Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội huyện",
         ["Ủy ban Mặt trận Tổ quốc huyện", "các tổ chức chính trị - xã hội huyện"]),
        # commas and "và" inside one name
        ("Trung tâm Văn hóa, Truyền thông và Thể thao huyện chủ động bố trí",
         "Trung tâm Văn hóa, Truyền thông và Thể thao huyện",
         ["Trung tâm Văn hóa, Truyền thông và Thể thao huyện"]),
        ("Bộ Văn hóa, Thể thao và Du lịch phối hợp với", "Bộ Văn hóa, Thể thao và Du lịch",
         ["Bộ Văn hóa, Thể thao và Du lịch"]),
        ("Bộ Lao động - Thương binh và Xã hội hướng dẫn", "Bộ Lao động - Thương binh và Xã hội",
         ["Bộ Lao động - Thương binh và Xã hội"]),
        # the ellipsis "các chi, đảng bộ cơ sở"
        ("Các chi, đảng bộ cơ sở căn cứ chức năng", "Các chi, đảng bộ cơ sở",
         ["Các chi bộ cơ sở", "Các đảng bộ cơ sở"]),
        # a list of ministries split into units (cv_2214)
        ("Bộ Tài chính, Bộ Kế hoạch và Đầu tư bố trí vốn", "Bộ Tài chính, Bộ Kế hoạch và Đầu tư",
         ["Bộ Tài chính", "Bộ Kế hoạch và Đầu tư"]),
        # positions and localities
        ("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương:",
         "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
         ["Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]),
        ("Giám đốc Sở Công Thương chỉ đạo", "Giám đốc Sở Công Thương", ["Giám đốc Sở Công Thương"]),
        ("Công an tỉnh chủ trì", "Công an tỉnh", ["Công an tỉnh"]),
        ("Bảo hiểm xã hội Việt Nam khẩn trương", "Bảo hiểm xã hội Việt Nam", ["Bảo hiểm xã hội Việt Nam"]),
        ("Ban Tuyên giáo Tỉnh uỷ xây dựng", "Ban Tuyên giáo Tỉnh uỷ", ["Ban Tuyên giáo Tỉnh uỷ"]),
        # generic lists stay one unit
        ("các sở, ban, ngành căn cứ", "các sở, ban, ngành", ["các sở, ban, ngành"]),
        ("Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm",
         "Thủ trưởng các cơ quan, đơn vị có liên quan", ["Thủ trưởng các cơ quan, đơn vị có liên quan"]),
        # abbreviations in names
        ("UBND các huyện, thành phố triển khai", "UBND các huyện, thành phố", ["UBND các huyện, thành phố"]),
        ("Chủ tịch UBND các huyện báo cáo", "Chủ tịch UBND các huyện", ["Chủ tịch UBND các huyện"]),
    ],
)
def test_unit_names_end_where_the_action_begins(text: str, assignee: str, units: list[str]) -> None:
    ul = read_units(text)
    assert ul is not None
    assert ul.text == assignee
    assert [u.name for u in ul.units] == units


@pytest.mark.parametrize(
    "text",
    [
        "Báo cáo kết quả thực hiện",  # "Báo" starts the word "Báo cáo", not a newspaper
        "Tổ chức theo dõi chặt chẽ",  # a lone generic noun opening a sentence is a verb here
        "Ban hành kế hoạch",
        "Đẩy mạnh công tác tuyên truyền",
    ],
)
def test_not_a_unit(text: str) -> None:
    assert read_units(text) is None


def test_tone_placement_does_not_matter() -> None:
    a = read_units("Uỷ ban nhân dân tỉnh chỉ đạo")
    b = read_units("Ủy ban nhân dân tỉnh chỉ đạo")
    assert a is not None and b is not None and a.text != b.text
    assert key(a.text) == key(b.text)


def test_abbreviation_table_examples_contain_the_abbreviation() -> None:
    for entry in load("abbreviations")["abbreviations"]:
        assert entry["examples"]
        for ex in entry["examples"]:
            assert entry["abbr"] in ex.split() or entry["abbr"] in ex


@pytest.mark.parametrize(
    ("name", "expanded"),
    [
        ("Ủy ban MTTQ huyện", "Ủy ban Mặt trận Tổ quốc huyện"),
        ("Sở LĐTBXH", "Sở Lao động - Thương binh và Xã hội"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("BHXH tỉnh", "Bảo hiểm xã hội tỉnh"),
        ("BTV Huyện ủy", "Ban Thường vụ Huyện ủy"),
    ],
)
def test_shipped_abbreviations_expand(name: str, expanded: str) -> None:
    assert expand(name) == expanded


def test_query_abbreviation_ignores_case_and_diacritics() -> None:
    assert fold(expand_query("mttq")) == fold("Mặt trận Tổ quốc")
    assert "UBND" in shipped()


def test_document_defined_abbreviations_are_learned() -> None:
    text = (
        "Tuyên truyền về phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2022. "
        "Xây dựng phong trào bảo vệ ANTQ. "
        "Quyết định số 22/2013/QĐ-TTg về hỗ trợ nhà ở (sau đây gọi tắt là QĐ22). "
        "Chỉ số cải cách hành chính (PAR) được công bố."
    )
    learned = learn(text)
    assert learned["ANTQ"] == "an ninh Tổ quốc"
    assert learned["QĐ22"] == "Quyết định số 22/2013/QĐ-TTg"
    assert "PAR" not in learned  # its letters are not the initials of the words before it


def test_acronyms_spelled_out_earlier_are_learned_in_text_order() -> None:
    text = ("Bảo đảm an ninh Tổ quốc và phòng cháy. Ngày hội ANTQ diễn ra; Ủy ban nhân dân và "
            "Mặt trận Tổ quốc phối hợp, UBND chỉ đạo, MTTQ tham gia.")
    assert learn(text) == {"ANTQ": "an ninh Tổ quốc", "UBND": "Ủy ban nhân dân", "MTTQ": "Mặt trận Tổ quốc"}


def test_a_first_letter_folding_to_two_letters_keeps_the_word_by_word_reading() -> None:
    # "ﬁ" folds to "fi": the initials then no longer line up with the words, and the reading
    # falls back to the word-by-word index, whose (shifted) answer is kept as it was
    assert learn("xa ﬁ an ninh Tổ quốc và ANTQ") == {"ANTQ": "ninh Tổ quốc và"}
    assert learn("an ninh Tổ quốc ﬁx; ANTQ.") == {"ANTQ": "an ninh Tổ quốc"}


def test_token_window_behaves_as_the_token_list() -> None:
    from vndocs.extract.units import TokenWindow, tokenize

    text = "Sở Tài chính, Sở Nội vụ (TT&TT) và các xã, phường"
    for start, stop in [(0, len(text)), (3, 20), (5, 5), (10, 11)]:
        expected = tokenize(text, start, stop)
        assert list(TokenWindow(text, start, stop)) == expected
        assert len(TokenWindow(text, start, stop)) == len(expected)
        window = TokenWindow(text, start, stop)
        for i in range(-len(expected) - 2, len(expected) + 2):
            if -len(expected) <= i < len(expected):
                assert window[i] == expected[i]
            else:
                with pytest.raises(IndexError):
                    window[i]
        for sl in [slice(0, 2), slice(2, 100), slice(-2, None), slice(None, None, 2), slice(1, -1), slice(5, 3)]:
            assert TokenWindow(text, start, stop)[sl] == expected[sl]
        assert TokenWindow(text, start, stop).fits(len(expected))
        assert not TokenWindow(text, start, stop).fits(len(expected) + 1)
