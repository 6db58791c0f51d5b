"""PDF export speed: `pytest benchmarks/bench_export_pdf.py --benchmark-enable -s`.

Measures the worked example and a 500-indicator table, and compares the large
export with LibreOffice converting our own workbook of the same table to PDF
(the route a user without PerfDesk would take). The ratio is printed and kept
in the benchmark's extra_info.
"""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest

from perfdesk.core.export.pdf import export_pdf
from perfdesk.core.rules.profile import TemplateLibrary
from tests.core.xlsx_samples import generated_document, worked_example


def test_export_pdf_worked_example(benchmark, tmp_path):
    profile = TemplateLibrary().get("county-ziyang")
    doc = worked_example(profile)
    path = tmp_path / "example.pdf"
    benchmark(export_pdf, doc, profile, path)
    assert path.stat().st_size > 10_000


def test_export_pdf_500_indicators_vs_libreoffice(benchmark, tmp_path):
    profile = TemplateLibrary().default()
    doc = generated_document(profile, 500)
    path = tmp_path / "big.pdf"
    benchmark.pedantic(export_pdf, args=(doc, profile, path), rounds=5, iterations=1, warmup_rounds=1)
    assert path.stat().st_size > 50_000
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) not installed: no ratio")
    from perfdesk.core.export.xlsx import export_xlsx

    book = tmp_path / "big.xlsx"
    export_xlsx(doc, profile, book)
    profile_dir = tmp_path / "lo-profile"
    command = [soffice, f"-env:UserInstallation=file://{profile_dir}", "--headless",
               "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"), str(book)]
    subprocess.run(command, capture_output=True, check=True, timeout=300)  # first start creates the profile
    libreoffice = min(_timed(command) for _ in range(2))  # its best time: the ratio errs on the low side
    ours = benchmark.stats.stats.mean if benchmark.stats else None
    if ours:
        benchmark.extra_info["libreoffice_seconds"] = round(libreoffice, 3)
        benchmark.extra_info["libreoffice_over_perfdesk"] = round(libreoffice / ours, 1)
        print(f"\nPerfDesk PDF {ours:.3f} s, LibreOffice xlsx→pdf {libreoffice:.3f} s, ratio {libreoffice / ours:.1f}×")
    assert (tmp_path / "lo" / "big.pdf").exists()


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True, timeout=300)
    return time.perf_counter() - start
