"""The 汇总表 PDF: embedded fonts, pages with the header repeated, the stamp block, the draft marks, the charts."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from perfdesk.core.export.pdf import DRAFT_MARK
from perfdesk.core.export.summary_layout import COLUMNS, TITLE
from perfdesk.core.export.summary_pdf import export_summary_pdf, render_summary_pdf
from perfdesk.core.summary.row import summarize_file
from perfdesk.core.summary.totals import rates_by_department, totals
from tests.core.export.test_export_pdf import squeeze
from tests.core.summary_samples import HOSTILE, summary_row, summary_rows

EXAMPLES = sorted(Path(__file__).resolve().parents[3].joinpath("examples").glob("*.pdesk"))


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"poppler-utils ({tool}) not installed")
    return found


def _pages(pdf: bytes) -> list[str]:
    """Each page's text in drawing order (a wrapped cell's lines stay together), without spaces."""
    return [squeeze(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _pdftotext(pdf: bytes, tmp_path: Path) -> list[str]:
    """Each page's text as poppler reads it, without spaces."""
    path = tmp_path / "page-text.pdf"
    path.write_bytes(pdf)
    text = subprocess.run([_poppler("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [squeeze(page) for page in text.split("\f")[:-1]]


def _has_watermark(page) -> bool:
    forms = [x.get_object() for x in page.get("/Resources", {}).get("/XObject", {}).values()]
    return any(x.get_object()["/Subtype"] == "/Image" for form in forms
               for x in form.get("/Resources", {}).get("/XObject", {}).values())


@pytest.fixture(scope="module")
def sixty() -> tuple[list, bytes]:
    rows = summary_rows(60, errors_in=(7,), broken=2)
    return rows, render_summary_pdf(rows, unit_name="某某区财政局")


@pytest.fixture(scope="module")
def clean() -> tuple[list, bytes]:
    rows = summary_rows(4, broken=0)
    return rows, render_summary_pdf(rows)


def test_every_font_is_embedded(sixty, tmp_path):
    path = tmp_path / "s.pdf"
    path.write_bytes(sixty[1])
    lines = subprocess.run([_poppler("pdffonts"), str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert any("DroidSansFallback" in line for line in lines) and any("DejaVuSans" in line for line in lines)
    for line in lines:  # the charts' labels too: no Helvetica from reportlab.graphics
        assert line.split()[-5] == "yes" and "Helvetica" not in line, line


def test_many_rows_run_over_pages_each_with_the_header_and_its_number(sixty, tmp_path):
    rows, pdf = sixty
    pages = _pages(pdf)
    assert len(pages) > 3 and len(_pdftotext(pdf, tmp_path)) == len(pages)
    assert PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width > PdfReader(io.BytesIO(pdf)).pages[0].mediabox.height
    table_pages = pages[:-1]  # the last page holds the charts
    for number, text in enumerate(pages, start=1):
        assert f"第{number}页共{len(pages)}页" in text
    codes = [r.code for r in rows if r.ok]
    with_rows = [i for i, text in enumerate(table_pages) if any(code in text for code in codes)]
    assert len(with_rows) > 1
    poppler = _pdftotext(pdf, tmp_path)
    for i in with_rows:  # every page with tables on it has the header (in drawing order, first)
        assert [c.title for c in COLUMNS if c.title not in poppler[i]] == [], poppler[i][:200]
        assert "序号项目名称主管部门实施单位年度全年预算数" in table_pages[i]
    joined = "".join(table_pages)
    assert f"2023年度{TITLE}" in pages[0] and "填报单位：某某区财政局" in pages[0] and "金额单位：万元" in pages[0]
    for row in rows:
        assert squeeze(row.file.rsplit("/", 1)[-1]) in joined
    figures = totals(rows)
    assert f"合计（60个项目）{figures.budget:.2f}{figures.executed:.2f}" in joined
    assert figures.rate is not None and f"{figures.rate * 100:.2f}%{figures.average_score:.2f}" in joined


def test_stamp_block_then_the_unreadable_files(sixty, tmp_path):
    rows, pdf = sixty
    joined = "".join(_pages(pdf)[:-1])
    stamp = joined.index("填报单位（盖章）")
    assert joined.index("填报人") < stamp and "负责人" in joined and joined.index("日期") > stamp
    assert joined.index("合计（") < stamp < joined.index("未能读取的文件（2个")
    for row in rows:
        if not row.ok:
            assert squeeze(row.error) in joined


def test_draft_marks_on_every_page_exactly_when_a_table_has_errors(sixty, clean, tmp_path):
    for rows, pdf in (sixty, clean):
        draft = any(r.errors for r in rows)
        for text in _pages(pdf):
            assert (DRAFT_MARK in text) == draft
        for page in PdfReader(io.BytesIO(pdf)).pages:
            assert _has_watermark(page) == draft
    assert any(r.errors for r in sixty[0]) and not any(r.errors for r in clean[0])


def test_chart_page_shows_the_three_charts(sixty, tmp_path):
    rows, pdf = sixty
    charts = _pages(pdf)[-1]
    for heading in ("等级分布", "自评得分分布", "各主管部门预算执行率（按预算数加权）", "90–100", "60以下"):
        assert heading in charts
    for grade, count in totals(rows, ("优", "良", "中", "差")).by_grade.items():
        assert grade in charts and str(count) in charts
    for department in rates_by_department(rows):
        assert f"{department.department}（{department.projects}项）" in charts
        assert department.rate is not None and f"{department.rate * 100:.2f}%" in charts


def test_hostile_text_still_prints(tmp_path):
    rows = [summary_row(i, name=text, department=text, note=text, grade=text[:10], file=f"/x/{text[:20]}.pdesk")
            for i, text in enumerate(HOSTILE)]
    pdf = render_summary_pdf(rows, unit_name=HOSTILE[0])
    joined = "".join(_pages(pdf))
    assert "=cmd|'/Ccalc'!A0" in joined and "换行" in joined


def test_no_readable_table(tmp_path):
    pages = _pages(render_summary_pdf(summary_rows(0, broken=2)))
    assert "合计（0个项目）" in pages[0] and "未能读取的文件（2个" in "".join(pages)
    assert "（无数据）" in pages[-1]


def test_real_files_and_the_written_file(tmp_path):
    assert EXAMPLES
    rows = [row for p in EXAMPLES for row in summarize_file(p)]
    target = tmp_path / "汇总表.pdf"
    target.write_bytes(b"old")
    export_summary_pdf(rows, target, unit_name="资阳区")
    assert [p.name for p in tmp_path.iterdir()] == ["汇总表.pdf"]
    text = "".join(_pages(target.read_bytes()))
    assert squeeze(rows[0].name) in text and rows[0].code in text
