"""Excel export speed on a large table: `pytest benchmarks/bench_export_xlsx.py --benchmark-enable`."""

from __future__ import annotations

from perfdesk.core.export_xlsx import export_xlsx
from perfdesk.core.profile import TemplateLibrary
from tests.core.xlsx_samples import generated_document


def test_export_500_indicators(benchmark, tmp_path):
    profile = TemplateLibrary().default()
    doc = generated_document(profile, 500)
    path = tmp_path / "big.xlsx"
    benchmark(export_xlsx, doc, profile, path)
    assert path.stat().st_size > 10_000
