"""The 汇总表 workbook: the table with its 合计 formulas, the charts, the problems sheet, hostile text."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from perfdesk.core.export.summary_layout import COLUMNS, TITLE
from perfdesk.core.export.summary_xlsx import CHARTS_SHEET, PROBLEMS_SHEET, TABLE_SHEET, export_summary_xlsx
from perfdesk.core.review.model import status_name
from perfdesk.core.summary.row import SummaryRow, summarize_file
from perfdesk.core.summary.totals import duplicates, rates_by_department, totals
from tests.core.libreoffice import recalculated
from tests.core.summary_samples import HOSTILE, summary_row, summary_rows

HEADERS = [c.title for c in COLUMNS]
EXAMPLES = sorted(Path(__file__).resolve().parents[3].joinpath("examples").glob("*.pdesk"))


def _export(rows: list[SummaryRow], tmp_path: Path, **options: object) -> Path:
    path = tmp_path / "汇总表.xlsx"
    export_summary_xlsx(rows, path, **options)  # type: ignore[arg-type]
    return path


def _number(value: Decimal | None) -> float:
    assert value is not None
    return float(value)


def _header_row(ws) -> int:
    return next(r for r in range(1, 10) if [ws.cell(r, c + 1).value for c in range(len(HEADERS))] == HEADERS)


def _column(name: str) -> int:
    return HEADERS.index(name) + 1


def _total_row(ws) -> int:
    return next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value or "").startswith("合计"))


@pytest.fixture(scope="module")
def sixty(tmp_path_factory):
    rows = summary_rows(60, errors_in=(3, 17), broken=2)
    rows.append(summary_row(5, file="/报送/副本/项目5.pdesk"))  # the same table sent twice
    path = _export(rows, tmp_path_factory.mktemp("sixty"), unit_name="某某区财政局")
    return rows, path


def test_cached_totals_are_the_cores(sixty):
    rows, path = sixty
    ws = openpyxl.load_workbook(path, data_only=True)[TABLE_SHEET]
    at = _total_row(ws)
    figures = totals(rows)
    readable = [r for r in rows if r.ok]
    assert ws.cell(at, 1).value == f"合计（{len(readable)} 个项目）"
    assert ws.cell(at, _column("全年预算数")).value == pytest.approx(float(figures.budget))
    assert ws.cell(at, _column("全年执行数")).value == pytest.approx(float(figures.executed))
    assert ws.cell(at, _column("执行率")).value == pytest.approx(_number(figures.rate))
    assert ws.cell(at, _column("自评得分")).value == pytest.approx(_number(figures.average_score))
    assert ws.cell(at, _column("错误")).value == sum(r.errors for r in readable) == 4
    assert ws.cell(at, _column("警告")).value == sum(r.warnings for r in readable)
    formulas = openpyxl.load_workbook(path)[TABLE_SHEET]
    for name in ("全年预算数", "全年执行数", "执行率", "自评得分", "错误", "警告"):
        assert str(formulas.cell(at, _column(name)).value).startswith("="), name


def test_one_row_per_readable_table_with_its_figures(sixty):
    rows, path = sixty
    ws = openpyxl.load_workbook(path, data_only=True)[TABLE_SHEET]
    first = _header_row(ws) + 1
    readable = [r for r in rows if r.ok]
    notes = duplicates(rows)
    assert _total_row(ws) == first + len(readable)
    for number, row in enumerate(readable):
        line = {name: ws.cell(first + number, _column(name)).value for name in HEADERS}
        assert line["序号"] == number + 1 and line["项目名称"] == row.name and line["主管部门"] == row.department
        assert line["全年预算数"] == pytest.approx(_number(row.budget))
        assert line["执行率"] == pytest.approx(_number(row.rate))
        assert line["自评得分"] == pytest.approx(_number(row.score)) and line["等级"] == row.grade
        assert line["原表得分"] == (None if row.claimed is None else pytest.approx(float(row.claimed)))
        assert line["差异"] == (None if row.difference is None else pytest.approx(float(row.difference)))
        assert line["审核状态"] == status_name(row.review_status) and line["验证码"] == row.code
        assert line["文件"] == Path(row.file).name
        assert (line["备注"] or "") == notes.get(rows.index(row), "")
    assert "验证码相同" in ws.cell(first + len(readable) - 1, _column("备注")).value


def test_official_layout_and_print_setup(sixty):
    _, path = sixty
    ws = openpyxl.load_workbook(path)[TABLE_SHEET]
    assert ws["A1"].value == f"2023年度{TITLE}"
    assert ws["A2"].value == "填报单位：某某区财政局"
    assert "金额单位：万元" in [c.value for c in ws[2]]
    header = _header_row(ws)
    assert ws.print_title_rows == f"${header}:${header}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)
    assert ws.page_setup.fitToHeight == 0
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws.cell(header + 1, _column("全年预算数")).number_format == "0.00"
    assert ws.cell(header + 1, _column("执行率")).number_format == "0.00%"
    assert ws.cell(header + 1, 2).border.left.style == "thin"
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    for label in ("填报单位（盖章）", "负责人", "填报人", "日期"):
        assert label in texts


def test_title_has_no_year_when_the_tables_differ(tmp_path):
    rows = [summary_row(0), summary_row(1, year="2022年")]
    ws = openpyxl.load_workbook(_export(rows, tmp_path))[TABLE_SHEET]
    assert ws["A1"].value == TITLE
    assert ws["A2"].value.startswith("填报单位：__")
    assert openpyxl.load_workbook(_export(rows, tmp_path, title="自定标题"))[TABLE_SHEET]["A1"].value == "自定标题"


def test_charts_are_native_and_their_data_is_the_cores(sixty):
    rows, path = sixty
    with zipfile.ZipFile(path) as book:
        charts = sorted(n for n in book.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        assert len(charts) == 3
        refs = " ".join(book.read(n).decode() for n in charts)
    figures = totals(rows, ("优", "良", "中", "差"))
    assert f"{CHARTS_SHEET}!$A$3:$A${2 + len(figures.by_grade)}" in refs
    ws = openpyxl.load_workbook(path, data_only=True)[CHARTS_SHEET]
    grades = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(3, 3 + len(figures.by_grade))}
    assert grades == figures.by_grade and list(grades) == ["优", "良", "中", "差"]
    bands = {ws.cell(r, 4).value: ws.cell(r, 5).value for r in range(3, 3 + len(figures.by_band))}
    assert bands == figures.by_band
    for r, department in enumerate(rates_by_department(rows), start=3):
        assert ws.cell(r, 7).value == department.department and ws.cell(r, 8).value == department.projects
        assert ws.cell(r, 9).value == pytest.approx(float(department.budget))
        assert ws.cell(r, 11).value == pytest.approx(_number(department.rate))


def test_problems_sheet_lists_unreadable_files_and_each_tables_problems(sixty):
    rows, path = sixty
    ws = openpyxl.load_workbook(path)[PROBLEMS_SHEET]
    lines = [[c.value for c in row] for row in ws.iter_rows()]
    for row in rows:
        if not row.ok:
            assert [1 + [r for r in rows if not r.ok].index(row), Path(row.file).name, row.file, row.error] in lines
    assert [4, summary_row(3).name, "项目3.pdesk", "第3号表的问题0"] in lines  # 汇总表 序号 4 is table 3
    problems = sum(len(r.problems) for r in rows if r.ok)
    assert sum(1 for line in lines if isinstance(line[0], int) and str(line[3]).startswith("第")) == problems


def test_more_problems_than_kept_are_announced(tmp_path):
    row = summary_row(0, errors=30, problems=tuple(f"问题{k}" for k in range(20)))
    ws = openpyxl.load_workbook(_export([row], tmp_path))[PROBLEMS_SHEET]
    texts = [c.value for line in ws.iter_rows() for c in line if isinstance(c.value, str)]
    assert any("另有 10 条问题未列出" in t for t in texts)


def test_hostile_text_is_written_as_text_never_as_a_formula(tmp_path):
    rows = [summary_row(i, name=text, department=text, implementer=text, grade=text, note=text, code=text,
                        problems=(text,), file=f"/x/{i}.pdesk")
            for i, text in enumerate(HOSTILE)]
    rows.append(SummaryRow(file="/x/=1+1.xlsx", ok=False, error=HOSTILE[0]))
    path = _export(rows, tmp_path, unit_name=HOSTILE[0])
    with zipfile.ZipFile(path) as book:
        sheets = {n: book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/sheet")}
    formulas = [f for text in sheets.values() for f in re.findall(r"<f>(.*?)</f>", text)]
    assert formulas and all(re.fullmatch(r"(SUM|SUMPRODUCT|IF)\(.*", f) for f in formulas), formulas
    assert not any("cmd" in f or "HYPERLINK" in f for f in formulas)
    ws = openpyxl.load_workbook(path)[TABLE_SHEET]
    first = _header_row(ws) + 1
    for i, text in enumerate(HOSTILE):
        cell = ws.cell(first + i, _column("项目名称"))
        assert cell.data_type == "s" and _unescaped(cell.value) == text[:32767]
    assert ws["A2"].value == f"填报单位：{HOSTILE[0]}"


def _unescaped(text: str) -> str:
    """openpyxl leaves Excel's `_x0007_` escapes of control characters as they are; Excel reads them back."""
    return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def test_no_readable_table_still_gives_a_workbook(tmp_path):
    rows = summary_rows(0, broken=3)
    book = openpyxl.load_workbook(_export(rows, tmp_path), data_only=True)
    ws = book[TABLE_SHEET]
    at = _total_row(ws)
    assert ws.cell(at, 1).value == "合计（0 个项目）" and ws.cell(at, _column("全年预算数")).value == 0
    assert ws.cell(at, _column("执行率")).value is None
    with zipfile.ZipFile(tmp_path / "汇总表.xlsx") as zipped:
        assert not [n for n in zipped.namelist() if n.startswith("xl/charts/")]
    assert sum(1 for line in book[PROBLEMS_SHEET].iter_rows() if line[0].value in (1, 2, 3)) == 3


def test_export_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "汇总表.xlsx"
    target.write_bytes(b"old")
    export_summary_xlsx(summary_rows(3), target)
    assert zipfile.is_zipfile(target)
    assert [p.name for p in tmp_path.iterdir()] == ["汇总表.xlsx"]


def test_rows_of_real_files(tmp_path):
    assert EXAMPLES
    rows = [row for p in [*EXAMPLES, tmp_path / "missing.pdesk"] for row in summarize_file(p)]
    ws = openpyxl.load_workbook(_export(rows, tmp_path), data_only=True)[TABLE_SHEET]
    first = _header_row(ws) + 1
    assert ws.cell(first, _column("项目名称")).value == rows[0].name and rows[0].name
    assert ws.cell(_total_row(ws), _column("全年预算数")).value == pytest.approx(float(totals(rows).budget))


@pytest.mark.slow
def test_libreoffice_recalculates_the_cached_values(sixty, tmp_path):
    rows, path = sixty
    book = recalculated(path, tmp_path)
    ws, cached = book[TABLE_SHEET], openpyxl.load_workbook(path, data_only=True)[TABLE_SHEET]
    at = _total_row(ws)
    for name in ("全年预算数", "全年执行数", "执行率", "自评得分", "错误", "警告"):
        assert ws.cell(at, _column(name)).value == pytest.approx(cached.cell(at, _column(name)).value), name
    charts = book[CHARTS_SHEET]
    for r, department in enumerate(rates_by_department(rows), start=3):
        assert charts.cell(r, 11).value == pytest.approx(_number(department.rate))


@pytest.mark.slow
def test_libreoffice_agrees_when_a_budget_is_missing(tmp_path):
    rows = [summary_row(0), summary_row(1, budget=None, rate=None), summary_row(2, score=None, grade="")]
    path = _export(rows, tmp_path)
    figures = totals(rows)
    first, third = rows[0].executed, rows[2].executed
    assert first is not None and third is not None
    assert figures.executed == first + third  # the row without a budget adds nothing
    ws = recalculated(path, tmp_path)[TABLE_SHEET]
    at = _total_row(ws)
    assert ws.cell(at, _column("全年执行数")).value == pytest.approx(float(figures.executed))
    assert ws.cell(at, _column("执行率")).value == pytest.approx(_number(figures.rate))
    assert Decimal(str(ws.cell(at, _column("自评得分")).value)) == figures.average_score
