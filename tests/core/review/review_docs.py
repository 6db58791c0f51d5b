"""A valid table and a review walked through its steps, shared by the review tests."""

from __future__ import annotations

from perfdesk.core.model.document import Document, Indicator
from perfdesk.core.model.factory import new_document
from perfdesk.core.model.ids import ensure_ids
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.profile import Profile, TemplateLibrary


def valid_document() -> tuple[Document, Profile]:
    """A national table without errors: weights add to 100, every row filled."""
    profile = TemplateLibrary().get("national-2020")
    doc = new_document(profile, year="2023")
    doc.project.name, doc.project.department, doc.project.implementer = "农村道路养护", "县交通局", "县公路站"
    doc.funds.total.initial = doc.funds.total.budget = "100"
    doc.funds.total.executed = "100"
    doc.signature.filler, doc.signature.date = "张三", "2024-01-15"
    groups = [g for l1 in doc.level1 for g in l1.groups]
    share = (100 - int(profile.funds.weight)) if profile.funds.counted else 100
    weights = [share // len(groups)] * len(groups)
    weights[0] += share - sum(weights)
    for group, weight in zip(groups, weights, strict=True):
        group.indicators = [Indicator(name=f"{group.name}一", target="≥10公里", actual="12公里", weight=str(weight),
                                      reason="超额完成：天气好")]
    ensure_ids(doc)
    assert not analyse(doc, profile).errors, [p.message for p in analyse(doc, profile).errors]
    return doc, profile
