"""The template is guessed from the table: shares, the funds 分值, funds labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfdesk.core.imports.importer import import_file
from tests.core.imports.corpus import VARIANTS, Layout, content_for, render, write_xlsx


def _share(content, name: str, share: str) -> None:
    next(l1 for l1 in content.level1 if l1.name == name).share = share


@pytest.mark.parametrize("shares, funds_weight, shown, expected", [
    ({}, "10", True, "national-2020"),  # 产出 50 / 效益 30 / 满意度 10
    ({"效益指标": "40"}, "10", True, "county-ziyang"),  # 50 / 40 / 10 as published in 资阳区
    ({"产出指标": "40"}, "20", True, "hubei"),  # 执行率 20, 产出 40
    ({}, "10", False, "national-2020"),  # no shares printed: the weights' sums decide
])
def test_template_follows_the_layout(shares, funds_weight, shown, expected, tmp_path: Path, library) -> None:
    layout, options = VARIANTS["national"]
    content = content_for(options)
    content.funds_weight = funds_weight
    for name, share in shares.items():
        _share(content, name, share)
    path = tmp_path / "t.xlsx"
    write_xlsx(render(content, Layout(shares=shown)), path)
    assert import_file(path, library).tables[0].document.template_id == expected
