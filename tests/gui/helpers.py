"""Filled documents for the grid tests, built through the factory, and a short Location maker."""

from __future__ import annotations

from perfdesk.core.model.document import Document, Indicator
from perfdesk.core.model.factory import new_document
from perfdesk.core.model.results import Location
from perfdesk.core.rules.profile import Profile


def filled_document(profile: Profile, per_group: int = 1) -> Document:
    """A complete table whose weights total the profile's 100 (10 funds + 50/30/10)."""
    doc = new_document(profile, year="2023")
    doc.project.name, doc.project.implementer, doc.project.department = "社区矫正经费", "司法局", "司法局"
    total = doc.funds.rows[0]
    total.initial, total.budget, total.executed = "20", "20", "20"
    shares = {"产出指标": ("20", "10", "10", "10"), "效益指标": ("10", "10", "5", "5"), "满意度指标": ("10",)}
    for l1 in doc.level1:
        for group, weight in zip(l1.groups, shares[l1.name], strict=True):
            group.indicators = [
                Indicator(name=f"{group.name}{k + 1}", target="≥100人", actual="100人", weight=weight)
                for k in range(per_group)
            ]
            if per_group > 1:
                group.weight, group.indicators[0].weight = weight, ""
                for ind in group.indicators:
                    ind.weight = ""
    return doc


def loc(section: str, path: tuple[int, ...], name: str) -> Location:
    return Location(section, path, name)
