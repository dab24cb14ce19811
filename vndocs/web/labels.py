"""Vietnamese names shown by the web app for the codes vndocs uses."""

from __future__ import annotations

RELATIONS: dict[str, str] = {
    "implements": "thực hiện",
    "guides": "hướng dẫn",
    "based_on": "căn cứ",
    "replaces": "thay thế",
    "repeals": "bãi bỏ",
    "amends": "sửa đổi, bổ sung",
    "cites": "dẫn chiếu",
}
"""What a document does to the one it mentions."""

RELATIONS_PASSIVE: dict[str, str] = {
    "implements": "được thực hiện bởi",
    "guides": "được hướng dẫn bởi",
    "based_on": "là căn cứ của",
    "replaces": "bị thay thế bởi",
    "repeals": "bị bãi bỏ bởi",
    "amends": "được sửa đổi bởi",
    "cites": "được dẫn chiếu bởi",
}
"""The same relation seen from the document mentioned."""

ROLES: dict[str, str] = {
    "lead": "chủ trì",
    "support": "phối hợp",
    "execute": "thực hiện",
    "mentioned": "được nêu",
}
"""Roles of units in tasks."""

ENTITIES: dict[str, str] = {
    "DOC_TYPE": "loại văn bản",
    "DOC_NUMBER": "số, ký hiệu",
    "ISSUER": "cơ quan ban hành",
    "PARENT": "cơ quan chủ quản",
    "PLACE": "địa danh",
    "DATE": "ngày tháng",
    "TITLE": "trích yếu",
    "URGENCY": "độ khẩn",
    "CONFIDENTIALITY": "độ mật",
    "NATIONAL_TITLE": "quốc hiệu",
    "HEADING": "đề mục",
    "ENACTING": "ban hành",
    "DOC_REF": "văn bản dẫn chiếu",
    "UNIT": "đơn vị",
    "DEADLINE": "thời hạn",
    "SIGNER": "chữ ký",
    "RECIPIENT": "nơi nhận",
}
"""Entity labels of the spaCy component."""

FACETS: dict[str, str] = {"type": "Loại văn bản", "issuer": "Cơ quan ban hành", "year": "Năm"}
"""Facet headings of the search page."""

SYSTEMS: dict[str, str] = {"party": "Đảng", "state": "Nhà nước"}
"""Document systems."""


def relation(code: str | None) -> str:
    """Vietnamese name of a relation code (the code itself when unknown)."""
    return RELATIONS.get(code or "", code or "")


def relation_passive(code: str | None) -> str:
    """Vietnamese passive name of a relation code."""
    return RELATIONS_PASSIVE.get(code or "", code or "")


def role(code: str | None) -> str:
    """Vietnamese name of a role code."""
    return ROLES.get(code or "", code or "")


def entity(code: str) -> str:
    """Vietnamese name of an entity label."""
    return ENTITIES.get(code, code)
