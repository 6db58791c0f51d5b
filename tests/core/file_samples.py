"""Documents shared by the storage, fingerprint and fault tests."""

from __future__ import annotations

from perfdesk.core.model.document import Document, Indicator
from perfdesk.core.model.factory import new_document
from perfdesk.core.model.ids import ensure_ids
from perfdesk.core.rules.profile import TemplateLibrary


def filled_document(template: str = "national-2020", rows: int = 2) -> Document:
    """A table with Chinese text, a group weight, manual scores and unknown fields at several levels."""
    doc = new_document(TemplateLibrary().get(template), year="2023")
    doc.project.name = "社区矫正经费（“阳光”项目）"
    doc.project.department = "XX县司法局"
    doc.funds.total.budget = "19.62"
    doc.funds.total.executed = "10.13"
    doc.funds.manual_score = "9"
    doc.funds.manual_reason = "按原表填报"
    doc.goals.expected = "完成社区矫正对象接收、教育帮扶\n第二行　全角空格"
    group = doc.level1[0].groups[0]
    group.weight = "15"
    group.indicators = [
        Indicator(name=f"{i + 1}.接收社区矫正对象", target="≥98%", actual="164人", reason="无")
        for i in range(rows)
    ]
    group.indicators[0].manual_score = "7"
    group.indicators[0].manual_reason = "领导评议"
    group.indicators[0].extra = {"color": "red", "nested": {"a": [1, 2.5, None, True]}}
    group.extra = {"note": "组备注"}
    doc.level1[0].extra = {"collapsed": True}
    doc.funds.total.extra = {"source_cell": "B7"}
    doc.project.extra = {"项目编码": "510-2023-001"}
    doc.extra = {"future_section": {"x": 1}, "@top": {"signature_blob": "abc"}}
    doc.signature.filler = "张三"
    doc.review = {"status": "returned", "comments": [{"author": "李四", "text": "请补充原因"}]}
    ensure_ids(doc)  # rows were replaced after new_document
    return doc


class SharingViolation(PermissionError):
    """What Windows raises for a file another program holds open (winerror 32), on any system."""

    winerror = 32
