"""Excel export speed: `pytest benchmarks/bench_export_xlsx.py --benchmark-enable`."""

from __future__ import annotations

from pathlib import Path

from perfdesk.core.export.xlsx import export_xlsx
from perfdesk.core.files.storage import load_document
from perfdesk.core.rules.profile import TemplateLibrary
from tests.core.xlsx_samples import generated_document

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ziyang-community-correction-2022.pdesk"


def test_export_worked_example(benchmark, tmp_path):
    doc = load_document(EXAMPLE)
    profile = TemplateLibrary().get(doc.template_id)
    path = tmp_path / "example.xlsx"
    benchmark(export_xlsx, doc, profile, path)
    assert path.stat().st_size > 5_000


def test_export_500_indicators(benchmark, tmp_path):
    profile = TemplateLibrary().default()
    doc = generated_document(profile, 500)
    path = tmp_path / "big.xlsx"
    benchmark(export_xlsx, doc, profile, path)
    assert path.stat().st_size > 10_000
