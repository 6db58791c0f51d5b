"""Exports of pathological tables: `pytest benchmarks/bench_big_tables.py --benchmark-enable`.

One 二级 group holding 20,000 rows: its merged 一级/二级 cells span every page,
which once made the PDF quadratic in the rows (a 300,000-row file took ten
minutes). Compare the two sizes: the time should grow in proportion.
"""

from __future__ import annotations

import pytest

from perfdesk.core.export.pdf import render_pdf
from perfdesk.core.export.xlsx import render_xlsx
from perfdesk.core.model.document import Indicator
from perfdesk.core.model.factory import new_document
from perfdesk.core.rules.profile import TemplateLibrary


def _one_long_group(rows: int):
    profile = TemplateLibrary().default()
    doc = new_document(profile, year="2023")
    doc.level1[0].groups[0].indicators = [
        Indicator(name=f"{i}.指标", target="≥98%", actual="99%", weight="0.01") for i in range(rows)
    ]
    return doc, profile


@pytest.mark.parametrize("rows", [10_000, 20_000])
@pytest.mark.parametrize("render", [render_pdf, render_xlsx], ids=["pdf", "xlsx"])
def test_one_group_with_many_rows(benchmark, render, rows):
    doc, profile = _one_long_group(rows)
    data = benchmark.pedantic(render, args=(doc, profile), rounds=1, iterations=1)
    assert len(data) > 100_000
