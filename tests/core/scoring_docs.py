"""Documents for the scoring and validation tests, built from the factory and filled field by field."""

from __future__ import annotations

from typing import Any

from perfdesk.core.model.document import Document, Indicator
from perfdesk.core.model.factory import new_document
from perfdesk.core.rules.profile import Profile


def find_group(doc: Document, level1: str, group: str) -> tuple[int, int]:
    for i1, l1 in enumerate(doc.level1):
        for i2, g in enumerate(l1.groups):
            if l1.name == level1 and g.name == group:
                return i1, i2
    raise KeyError((level1, group))


def put(doc: Document, level1: str, group: str, *indicators: Indicator, weight: str = "") -> tuple[int, int]:
    """Replace a 二级's rows (and optionally set its group weight); returns its (i1, i2)."""
    i1, i2 = find_group(doc, level1, group)
    g = doc.group_at(i1, i2)
    g.indicators = list(indicators)
    g.weight = weight
    return i1, i2


def complete(profile: Profile, budget: str = "100", executed: str = "100") -> Document:
    """A fully filled table whose counted weights follow the profile's split and whose targets are met."""
    doc = new_document(profile, "2023")
    doc.project.name, doc.project.implementer, doc.project.department = "社区矫正", "某区司法局", "某区司法局"
    doc.signature.filler, doc.signature.date = "张三", "2024年1月10日"
    total = doc.funds.total
    total.initial = total.budget = budget
    total.executed = executed
    for part in profile.split:
        first = part.level1[0]
        l1 = next(x for x in doc.level1 if x.name == first)
        l1.groups[0].indicators = [
            Indicator(name="1.完成数量", target="≥100人", actual="100人", weight=str(part.weight))
        ]
    return doc


def single(profile: Profile, target: str, actual: str, weight: str = "10",
           where: tuple[str, str] = ("产出指标", "数量指标"), **fields: Any) -> tuple[Document, tuple[int, int, int]]:
    """A table with one indicator; returns the document and the indicator's path."""
    doc = new_document(profile, "2023")
    i1, i2 = put(doc, *where, Indicator(name="1.指标", target=target, actual=actual, weight=weight, **fields))
    return doc, (i1, i2, 0)
