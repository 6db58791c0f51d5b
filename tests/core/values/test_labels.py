"""一级/二级 labels as real tables write them, with their share and enumeration."""

from __future__ import annotations

import pytest

from perfdesk.core.imports.labels import ENUMERATION, SUBTOTAL
from perfdesk.core.values.labels import bare_label, label_share


@pytest.mark.parametrize("label, bare, share", [
    ("产出指标（50分）", "产出指标", "50"),
    ("产出指标(50)", "产出指标", "50"),
    ("效益指标\n（30分）", "效益指标", "30"),
    ("产出指标 50分", "产出指标", "50"),
    ("满意度指标：10分", "满意度指标", "10"),
    ("产出指标（权重50%）", "产出指标", "50"),
    ("服务对象满意度指标", "服务对象满意度指标", ""),
    ("数量指标（2023年）", "数量指标（2023年）", ""),
])
def test_a_label_and_its_share(label: str, bare: str, share: str) -> None:
    assert (bare_label(label), label_share(label)) == (bare, share)


@pytest.mark.parametrize("label", ["一、产出指标", "（二）产出指标", "1.产出指标", "①产出指标", "3、产出指标"])
def test_an_enumeration_before_a_label_is_dropped(label: str) -> None:
    assert ENUMERATION.sub("", label) == "产出指标"


@pytest.mark.parametrize("text, subtotal", [
    ("小计", True), ("产出指标小计", True), ("小计（产出指标）", True),
    ("小计划生育服务覆盖率", False), ("1.新建供水工程", False),
])
def test_a_subtotal_row_is_told_from_an_indicator(text: str, subtotal: bool) -> None:
    assert bool(SUBTOTAL.search(text)) is subtotal
