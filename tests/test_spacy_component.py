"""The spaCy component: registration, labels, span equality, tokenizers (issue 5)."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import vndocs
from vndocs.errors import ReadError
from vndocs.models import (
    Deadline,
    Document,
    Field,
    Header,
    Mention,
    Recipient,
    Reference,
    ReportDuty,
    Section,
    Signer,
    Span,
    Task,
    Unit,
)
from vndocs.spacy_component import (
    LABELS,
    SPAN_KEY,
    STRUCTURAL_LABELS,
    LabeledSpan,
    UndertheseaTokenizer,
    document_spans,
    select_entities,
    to_spacy,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "docs"
REFERENCE_DOC = CORPUS / "kh_ngay-hoi-bao-ve-antq-2022_btg-huyen-uy.txt"
CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.is_file())

NO_PYVI = {"nlp": {"tokenizer": {"use_pyvi": False}}}
UNDERTHESEA = {"nlp": {"tokenizer": {"@tokenizers": "vndocs.UndertheseaTokenizer.v1"}}}


def _triples(doc: spacy.tokens.Doc) -> set[tuple[int, int, str]]:
    return {(s.start_char, s.end_char, s.label_) for s in doc.spans[SPAN_KEY]}


def _expected(document: Document) -> set[tuple[int, int, str]]:
    return {(s.start, s.end, s.label) for s in document_spans(document)}


def _all_spans(obj: object) -> Iterator[Span]:
    """Every Span anywhere inside a Document (found by walking its dataclasses)."""
    if isinstance(obj, Span):
        yield obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            if f.name != "normalized":
                yield from _all_spans(getattr(obj, f.name))
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from _all_spans(item)


def _assert_spans_equal(doc: spacy.tokens.Doc, document: Document) -> None:
    assert doc.text == document.text
    assert _triples(doc) == _expected(document)
    # no span of the model is forgotten (a new Span field needs a label)
    n = len(document.text)
    produced = {(s.start, s.end) for s in _all_spans(document) if 0 <= s.start < s.end <= n}
    assert produced == {(s.start_char, s.end_char) for s in doc.spans[SPAN_KEY]}
    for span in doc.spans[SPAN_KEY]:
        assert span.text == document.text[span.start_char : span.end_char]
    ents = [(e.start_char, e.end_char) for e in doc.ents]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ents)), "ents overlap"
    assert {(e.start_char, e.end_char, e.label_) for e in doc.ents} <= _triples(doc)
    assert not {e.label_ for e in doc.ents} & STRUCTURAL_LABELS


# --------------------------------------------------------------------------
# A hand-built document with every label

HAND_TEXT = (
    "ĐẢNG CỘNG SẢN VIỆT NAM\n"
    "HUYỆN UỶ X\n"
    "BAN TUYÊN GIÁO\n"
    "Số 12-KH/BTGHU\n"
    "X, ngày 05 tháng 8 năm 2022\n"
    "HỎA TỐC MẬT\n"
    "KẾ HOẠCH\n"
    "tuyên truyền năm 2022\n"
    "Căn cứ Kế hoạch số 45-KH/BTGTU;\n"
    "QUYẾT ĐỊNH:\n"
    "I. TỔ CHỨC THỰC HIỆN\n"
    "1. Giao Công an huyện chủ trì, phối hợp UBND xã thực hiện trước ngày 15/8/2022 "
    "và báo cáo kết quả về Ban trước ngày 30/8/2022.\n"
    "T/M BAN THƯỜNG VỤ\nNguyễn Văn A\n"
    "Nơi nhận:\n- Ban Tuyên giáo Tỉnh uỷ;\n"
)


def _at(text: str, needle: str, occurrence: int = 1) -> Span:
    pos = -1
    for _ in range(occurrence):
        pos = HAND_TEXT.index(needle, pos + 1)
    return Span(pos, pos + len(needle))


def _hand_document() -> Document:
    t = HAND_TEXT
    heading = _at(t, "TỔ CHỨC THỰC HIỆN")
    task_text = Span(_at(t, "Giao Công an").start, _at(t, "30/8/2022.").end)
    child = Section(
        label="1",
        kind="arabic",
        heading=None,
        span=Span(_at(t, "1. Giao").start, task_text.end),
    )
    section = Section(
        label="I",
        kind="roman",
        heading="TỔ CHỨC THỰC HIỆN",
        span=Span(_at(t, "I. TỔ").start, task_text.end),
        heading_span=heading,
        children=(child,),
    )
    deadline = Deadline(date="2022-08-15", text="trước ngày 15/8/2022", span=_at(t, "trước ngày 15/8/2022"))
    report = ReportDuty(
        to="Ban",
        deadline=Deadline(date="2022-08-30", text="trước ngày 30/8/2022", span=_at(t, "trước ngày 30/8/2022")),
        text="báo cáo kết quả về Ban trước ngày 30/8/2022",
        span=_at(t, "báo cáo kết quả về Ban trước ngày 30/8/2022"),
    )
    lead = Unit("Công an huyện", "lead", span=_at(t, "Công an huyện"))
    support = Unit("UBND xã", "support", span=_at(t, "UBND xã"))
    task = Task(
        assignee="Công an huyện",
        units=(lead, support),
        role="lead",
        action="thực hiện",
        deadline=deadline,
        section_path=("I", "1"),
        span=task_text,
        report=report,
    )
    ref_number = _at(t, "45-KH/BTGTU")
    reference = Reference(
        type="Kế hoạch",
        number="45-KH/BTGTU",
        date=None,
        issuer=None,
        title=None,
        relation="based_on",
        # one mention inside a token ("số 45-KH/BTGTU;" -> the number only)
        mentions=(Mention(Span(_at(t, "Kế hoạch số").start, ref_number.end), cue="Căn cứ"),),
    )
    header = Header(
        system="party",
        type=Field("Kế hoạch", _at(t, "KẾ HOẠCH")),
        number=Field("12-KH/BTGHU", _at(t, "12-KH/BTGHU")),
        issuer=Field("Ban Tuyên giáo Huyện uỷ X", _at(t, "BAN TUYÊN GIÁO")),
        parent=Field("Huyện uỷ X", _at(t, "HUYỆN UỶ X")),
        place=Field("X", Span(_at(t, "X, ngày").start, _at(t, "X, ngày").start + 1)),
        date=Field("2022-08-05", _at(t, "ngày 05 tháng 8 năm 2022")),
        title=Field("tuyên truyền năm 2022", _at(t, "tuyên truyền năm 2022")),
        urgency=Field("Hỏa tốc", _at(t, "HỎA TỐC")),
        confidentiality=Field("Mật", _at(t, "MẬT")),
        national_title=Field("ĐẢNG CỘNG SẢN VIỆT NAM", _at(t, "ĐẢNG CỘNG SẢN VIỆT NAM")),
    )
    return Document(
        source=None,
        text=t,
        header=header,
        sections=[section],
        preamble=[_at(t, "Căn cứ Kế hoạch số 45-KH/BTGTU;")],
        enacting=_at(t, "QUYẾT ĐỊNH:"),
        signer=Signer(name="Nguyễn Văn A", span=Span(_at(t, "T/M").start, _at(t, "Nguyễn Văn A").end)),
        recipients=[Recipient("Ban Tuyên giáo Tỉnh uỷ", "noi_nhan", _at(t, "Ban Tuyên giáo Tỉnh uỷ"))],
        references=[reference],
        tasks=[task],
        units=[lead, support],
        plan_deadline=None,
    )


def test_hand_built_document_produces_every_label() -> None:
    document = _hand_document()
    doc = to_spacy(document)
    assert {s.label_ for s in doc.spans[SPAN_KEY]} == set(LABELS)
    _assert_spans_equal(doc, document)
    assert doc._.vndocs is document


def test_hand_built_document_entities_are_longest_first_without_structural_spans() -> None:
    doc = to_spacy(_hand_document())
    ents = {(e.text, e.label_) for e in doc.ents}
    # the whole report clause is structural: the deadline inside it is an entity
    assert ("trước ngày 30/8/2022", "DEADLINE") in ents
    # the preamble line is structural; the reference mention inside it is the entity
    assert ("Kế hoạch số 45-KH/BTGTU", "DOC_REF") in ents
    assert ("12-KH/BTGHU", "DOC_NUMBER") in ents


def test_span_inside_a_whitespace_token_is_split_to_equal_the_extractor_span() -> None:
    text = "Số: 45-KH/BTGTU ngày 27/7/2022"
    document = Document(
        source=None,
        text=text,
        header=Header(number=Field("45-KH/BTGTU", Span(4, 15))),
        references=[
            Reference("Kế hoạch", "45", None, None, None, "cites", mentions=(Mention(Span(4, 6)),))
        ],
    )
    doc = to_spacy(document)
    _assert_spans_equal(doc, document)
    assert [t.text for t in doc][:4] == ["Số:", "45", "-KH/BTGTU", "ngày"]


def test_span_starting_on_a_trailing_space_gets_its_own_token() -> None:
    text = "Số: 45-KH/BTGTU ngày"
    document = Document(
        source=None,
        text=text,
        header=Header(number=Field("45-KH/BTGTU", Span(4, 15))),
        references=[
            Reference("Kế hoạch", "45", None, None, None, "cites", mentions=(Mention(Span(3, 15)),))
        ],
    )
    doc = to_spacy(document)
    _assert_spans_equal(doc, document)
    assert doc.text == text


def test_empty_and_out_of_range_spans_are_dropped() -> None:
    document = Document(
        source=None,
        text="abc",
        header=Header(type=Field("x", Span(1, 1)), number=Field("y", Span(2, 9)), date=Field("z", Span(0, 3))),
    )
    assert document_spans(document) == [LabeledSpan(0, 3, "DATE")]


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        # longest wins over a nested shorter one
        ([(0, 10, "DOC_REF"), (2, 5, "DOC_NUMBER")], [(0, 10, "DOC_REF")]),
        # partial overlap: the longer one wins, the other is left out
        ([(0, 4, "UNIT"), (3, 10, "DEADLINE")], [(3, 10, "DEADLINE")]),
        # touching spans both stay
        ([(0, 4, "UNIT"), (4, 8, "DEADLINE")], [(0, 4, "UNIT"), (4, 8, "DEADLINE")]),
        # equal length: the earlier one wins
        ([(5, 9, "UNIT"), (3, 7, "DATE")], [(3, 7, "DATE")]),
        # structural labels never become entities
        ([(0, 100, "SECTION"), (0, 50, "TASK"), (10, 20, "UNIT")], [(10, 20, "UNIT")]),
        ([], []),
    ],
)
def test_select_entities(spans: list[tuple[int, int, str]], expected: list[tuple[int, int, str]]) -> None:
    chosen = select_entities(LabeledSpan(*s) for s in spans)
    assert [(s.start, s.end, s.label) for s in chosen] == expected


def test_annotate_refuses_a_doc_on_other_text() -> None:
    from vndocs.spacy_component import annotate, blank_nlp

    document = Document(source=None, text="abc", header=Header())
    with pytest.raises(ValueError):
        annotate(blank_nlp().make_doc("abd"), document)


# --------------------------------------------------------------------------
# Registration


def test_add_pipe_by_name_with_blank_vi_without_pyvi() -> None:
    nlp = spacy.blank("vi", config=NO_PYVI)
    nlp.add_pipe("vndocs")
    assert nlp.pipe_names == ["vndocs"]
    text = REFERENCE_DOC.read_text(encoding="utf-8")
    doc = nlp(text)
    assert isinstance(doc._.vndocs, Document)
    _assert_spans_equal(doc, doc._.vndocs)


def test_component_remakes_the_doc_on_normalized_text() -> None:
    nlp = spacy.blank("vi", config=NO_PYVI)
    nlp.add_pipe("vndocs")
    # NBSP and a decomposed tone mark: normalization changes the text
    text = "KẾ HOẠCH\u00a0tuyên truyền\n\nThực hiện Kế hoạch số 45-KH/BTGTU ngày 27/7/2022 của Ban Tuye\u0302n giáo."
    doc = nlp(text)
    assert doc.text == doc._.vndocs.text
    assert doc.text != text
    _assert_spans_equal(doc, doc._.vndocs)


def test_to_spacy_is_exported_from_vndocs() -> None:
    document = vndocs.parse(str(REFERENCE_DOC))
    doc = vndocs.to_spacy(document)
    _assert_spans_equal(doc, document)


def test_to_spacy_keeps_spans_with_a_given_pipeline() -> None:
    document = vndocs.parse(str(REFERENCE_DOC))
    doc = to_spacy(document, spacy.blank("vi", config=NO_PYVI))
    _assert_spans_equal(doc, document)


# --------------------------------------------------------------------------
# Every readable document of the shipped corpus


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_spans_equal_extractor_spans(path: Path) -> None:
    try:
        document = vndocs.parse(str(path))
    except ReadError as e:
        pytest.skip(f"not readable here: {e.reason}")
    n = len(document.text)
    assert all(0 <= s.start <= s.end <= n for s in _all_spans(document)), "a span outside the text"
    doc = to_spacy(document)
    _assert_spans_equal(doc, document)


# --------------------------------------------------------------------------
# underthesea word segmentation


def test_underthesea_tokenizer_registered_and_text_preserved() -> None:
    nlp = spacy.blank("vi", config=UNDERTHESEA)
    assert isinstance(nlp.tokenizer, UndertheseaTokenizer)
    # underthesea respells "uỷ" as "ủy": the tokens must keep the printed text
    text = "Ban Tuyên giáo Tỉnh uỷ  xây dựng kế hoạch\ntuyên truyền, cụ thể như sau:"
    doc = nlp(text)
    assert doc.text == text
    words = [t.text for t in doc]
    assert "kế hoạch" in words or "xây dựng" in words  # multi-syllable words
    assert "uỷ" in " ".join(words)
    assert not any("\n" in t.text and t.text.strip() for t in doc), "a word crosses a line"


@pytest.mark.parametrize(
    ("text", "segmented", "expected"),
    [
        # respelled tone placement aligns by position
        ("Tỉnh uỷ họp", ["Tỉnh ủy", "họp"], ["Tỉnh uỷ", "họp"]),
        # a word that spans a line break is cut at the break
        ("kế\nhoạch này", ["kế hoạch", "này"], ["kế", "hoạch", "này"]),
        # a word the text does not have: the rest is split on spaces
        ("a b c", ["a", "zz", "c"], ["a", "b", "c"]),
        ("", [], []),
    ],
)
def test_underthesea_alignment(text: str, segmented: list[str], expected: list[str]) -> None:
    pieces = UndertheseaTokenizer._align(text, segmented)
    assert [text[a:b] for a, b in pieces] == expected


def test_component_spans_equal_with_underthesea_tokenizer() -> None:
    nlp = spacy.blank("vi", config=UNDERTHESEA)
    nlp.add_pipe("vndocs")
    doc = nlp(REFERENCE_DOC.read_text(encoding="utf-8"))
    _assert_spans_equal(doc, doc._.vndocs)


def test_annotated_doc_still_serializes_with_docbin() -> None:
    from spacy.tokens import DocBin

    document = vndocs.parse(str(REFERENCE_DOC))
    doc = to_spacy(document)
    bin_ = DocBin(store_user_data=True)
    bin_.add(doc)
    nlp = spacy.blank("vi", config=NO_PYVI)
    (loaded,) = DocBin().from_bytes(bin_.to_bytes()).get_docs(nlp.vocab)
    assert _triples(loaded) == _triples(doc)
    assert [(e.start_char, e.end_char, e.label_) for e in loaded.ents] == [
        (e.start_char, e.end_char, e.label_) for e in doc.ents
    ]
    assert loaded._.vndocs is None
    assert doc._.vndocs is document


@st.composite
def _text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(st.text(alphabet="ab Đ\n-/:", min_size=1, max_size=40))
    n = len(text)
    pairs = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)), max_size=8))
    return text, [(min(a, b), max(a, b)) for a, b in pairs if a != b]


@settings(max_examples=300, deadline=None)
@given(_text_and_spans())
def test_any_span_on_any_text_equals_its_spacy_span(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, spans = case
    document = Document(
        source=None,
        text=text,
        header=Header(),
        references=[
            Reference(None, str(i), None, None, None, "cites", mentions=(Mention(Span(a, b)),))
            for i, (a, b) in enumerate(spans)
        ],
        units=[Unit("u", "mentioned", span=Span(a, b)) for a, b in spans[:2]],
    )
    _assert_spans_equal(to_spacy(document), document)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 10)), max_size=10))
def test_selected_entities_never_overlap_and_cannot_grow(pairs: list[tuple[int, int]]) -> None:
    spans = [LabeledSpan(a, a + n, "UNIT") for a, n in pairs]
    chosen = select_entities(spans)
    assert all(x.end <= y.start for x, y in itertools.pairwise(chosen))
    # every span left out overlaps a chosen one at least as long
    for s in set(spans) - set(chosen):
        assert any(c.start < s.end and s.start < c.end and c.end - c.start >= s.end - s.start for c in chosen)


@pytest.mark.parametrize("style", ["ent", "span"])
def test_displacy_renders_the_component_spans_escaped(style: str) -> None:
    from spacy import displacy

    text = REFERENCE_DOC.read_text(encoding="utf-8").replace(
        "cụ thể như sau:", "cụ thể như sau: <script>alert(1)</script>", 1
    )
    document = vndocs.parse(text)
    doc = to_spacy(document)
    page = displacy.render(doc, style=style, options={"spans_key": SPAN_KEY}, page=False)
    assert "<script>" not in page and "&lt;script&gt;" in page
    for ent in doc.ents:
        assert ent.label_ in page
    manual = displacy.render(
        {"text": doc.text, "ents": [{"start": e.start_char, "end": e.end_char, "label": e.label_} for e in doc.ents]},
        style="ent",
        manual=True,
        page=False,
    )
    assert "<script>" not in manual
