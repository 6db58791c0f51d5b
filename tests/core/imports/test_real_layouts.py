"""Layouts and values met in county files, each changed on one rendered table of the corpus."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.files.schema import MAX_LEVEL1
from perfdesk.core.files.storage import dumps, loads
from perfdesk.core.files.workbook_limits import MAX_ROWS as WORKBOOK_ROWS
from perfdesk.core.imports.importer import import_file
from perfdesk.core.imports.report import ImportedTable
from tests.core.imports.corpus import (
    VARIANTS,
    Sheet,
    Typed,
    content_for,
    render,
    shown,
    write_docx,
    write_xls,
    write_xlsx,
)
from tests.core.imports.test_corpus import assert_document


def _national() -> Sheet:
    layout, options = VARIANTS["national"]
    return render(content_for(options), layout)


def _at(sheet: Sheet, text: str) -> tuple[int, int]:
    """The first cell showing `text`, top to bottom."""
    return next(k for k, v in sorted(sheet.cells.items()) if shown(v) == text)


def _insert_rows(sheet: Sheet, at: int, n: int) -> None:
    """`n` empty rows before row `at` (no merge crosses it)."""
    sheet.cells = {(r + n if r >= at else r, c): v for (r, c), v in sheet.cells.items()}
    sheet.merges = [(r + n if r >= at else r, c, rows, cols) for r, c, rows, cols in sheet.merges]


def _imported(tmp_path: Path, change: Callable[[Sheet], None]) -> ImportedTable:
    sheet = _national()
    sheet = dataclasses.replace(sheet, cells=dict(sheet.cells), merges=list(sheet.merges))
    change(sheet)
    path = tmp_path / "county.xlsx"
    write_xlsx(sheet, path)
    (table,) = import_file(path).tables
    return table


def _total_score(sheet: Sheet, text: str) -> None:
    row, _c = _at(sheet, "总分")
    score = max(c for r, c in sheet.cells if r == row)
    sheet.cells[(row, score)] = text


def test_a_total_left_empty_is_not_read_from_the_weight_beside_it(tmp_path: Path) -> None:
    table = _imported(tmp_path, lambda sheet: _total_score(sheet, ""))
    assert table.document.published_total == ""


def test_a_total_written_in_words_is_reported_not_replaced_by_the_weight(tmp_path: Path) -> None:
    table = _imported(tmp_path, lambda sheet: _total_score(sheet, "优"))
    assert table.document.published_total == ""
    assert [p.message for p in table.problems] == ["总分“优”不是数字，未导入"]


def _goal_table(sheet: Sheet, top: int) -> None:
    """A 绩效目标表 (targets only, as set at the start of the year) from row `top`."""
    sheet.put(top, 0, "2023年度项目支出绩效目标表", 1, 8)
    for c, head in enumerate(("一级指标", "二级指标", "三级指标", "半年指标值", "全年指标值")):
        sheet.put(top + 1, c, head)
    for c, text in enumerate(("产出指标", "数量指标", "新建供水工程", "6处", "12处")):
        sheet.put(top + 2, c, text)


def test_a_goal_table_under_the_self_evaluation_is_named_not_read_as_a_second_one(tmp_path: Path) -> None:
    path = tmp_path / "county.xlsx"
    sheet = _national()
    _goal_table(sheet, max(r for r, _c in sheet.cells) + 2)
    write_xlsx(sheet, path)
    result = import_file(path)
    (table,) = result.tables
    assert table.document.signature.filler == "李华"
    assert not any("目标表" in item.value for item in table.read)
    assert result.skipped == [f"“自评表”：第{max(r for r, _c in sheet.cells)}行起是绩效目标表"
                              "（有年度指标值，没有实际完成值和分值/得分列），不是自评表，未导入"]


def test_a_file_holding_only_a_goal_table_is_refused_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "goals.xlsx"
    sheet = Sheet()
    _goal_table(sheet, 0)
    write_xlsx(sheet, path)
    with pytest.raises(DocumentFileError, match="“自评表”：第2行起是绩效目标表"):
        import_file(path)


def test_a_table_of_more_first_levels_than_a_file_holds_is_cut_and_still_saves(tmp_path: Path) -> None:
    def many_first_levels(sheet: Sheet) -> None:
        total, _c = _at(sheet, "总分")
        level1 = _at(sheet, "一级指标")[1]
        _insert_rows(sheet, total, MAX_LEVEL1 + 10)
        for n in range(MAX_LEVEL1 + 10):
            for c, text in enumerate((f"第{n}类指标", f"第{n}组", f"指标{n}", "1", "1")):
                sheet.cells[(total + n, level1 + c)] = text

    table = _imported(tmp_path, many_first_levels)
    assert len(table.document.level1) == MAX_LEVEL1
    assert any(p.message.startswith(f"一张自评表最多 {MAX_LEVEL1} 个一级指标") for p in table.problems)
    assert loads(dumps(table.document)).level1[-1].name == table.document.level1[-1].name


def test_formulas_without_a_stored_result_are_named_not_read_as_blanks(tmp_path: Path) -> None:
    """A workbook written by a program: the 得分 and 总分 are formulas Excel never computed."""
    def formulas(sheet: Sheet) -> None:
        _total_score(sheet, "=SUM(H16:H27)")
        sheet.cells[_at(sheet, "9.03")] = "=ROUND(H9*G9,2)"

    table = _imported(tmp_path, formulas)
    assert table.document.published_total == "" and table.document.funds.published_score == ""
    funds_score, total = _at(_national(), "9.03"), _at(_national(), "总分")[0]
    assert [(p.address, p.message.split("，")[0]) for p in table.problems] == [
        (f"自评表!I{funds_score[0] + 1}", "是公式“=ROUND(H9*G9,2)”"), (f"自评表!H{total + 1}", "是公式“=SUM(H16:H27)”")]


def test_a_self_evaluation_beside_a_sheet_of_many_thousand_payees_is_read(tmp_path: Path) -> None:
    """The workbook's rows are far more than a PerfDesk export holds; only the import's bound applies."""
    path = tmp_path / "补贴.xlsx"
    book = write_xlsx(_national(), path)
    payees = book.create_sheet("发放名单")
    for n in range(WORKBOOK_ROWS + 1):
        payees.append([n + 1, 1500])
    book.save(path)
    result = import_file(path)
    assert [t.where for t in result.tables] == ["自评表"]
    assert result.skipped == ["“发放名单”：没有找到自评表（缺少“一级指标/二级指标/三级指标/年度指标值”表头）"]


def test_an_empty_file_and_a_workbook_of_charts_only_say_so(tmp_path: Path) -> None:
    import openpyxl
    from openpyxl.chart import BarChart, Reference

    empty = tmp_path / "自评表.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(DocumentFileError, match="“自评表.xlsx”是空文件（0 字节）"):
        import_file(empty)
    book = openpyxl.Workbook()
    data = book.active
    for n in range(3):
        data.append([n])
    chart = BarChart()
    chart.add_data(Reference(data, min_col=1, min_row=1, max_row=3))
    book.create_chartsheet("执行率图").add_chart(chart)
    book.remove(data)
    charts = tmp_path / "图表.xlsx"
    book.save(charts)
    with pytest.raises(DocumentFileError, match="只有图表（“执行率图”），没有可读取的工作表"):
        import_file(charts)


def test_a_hidden_sheet_is_named_not_read(tmp_path: Path) -> None:
    """A blank copy of the template kept hidden beside the filled sheet is no second project."""
    path = tmp_path / "county.xlsx"
    book = write_xlsx(_national(), path, "模板")
    book["模板"].sheet_state = "hidden"
    write_xlsx(_national(), path, "饮水工程", book)
    book.active = 1
    book.save(path)
    result = import_file(path)
    assert [t.where for t in result.tables] == ["饮水工程"]
    assert result.skipped == ["“模板”：是隐藏的工作表，未导入（如需导入，请在 Excel/WPS 中取消隐藏后另存）"]


def test_a_word_form_whose_table_rows_cells_and_paragraphs_are_content_controls(tmp_path: Path) -> None:
    """Forms made from a Word template wrap what is filled in in content controls (`w:sdt`)."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def control(element) -> None:
        sdt, inner = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
        element.addprevious(sdt)
        sdt.append(OxmlElement("w:sdtPr"))
        sdt.append(inner)
        inner.append(element)

    layout, options = VARIANTS["national"]
    content = content_for(options)
    path = tmp_path / "form.docx"
    write_docx([render(content, layout)], path)
    document = docx.Document(str(path))
    table = document.element.body.find(qn("w:tbl"))
    rows = table.findall(qn("w:tr"))
    for row in rows[3:6]:
        control(row)
    for row in rows[8:]:
        for cell in row.findall(qn("w:tc"))[2:]:
            control(cell)
            for paragraph in cell.findall(qn("w:p")):
                control(paragraph)
    control(table)
    document.save(str(path))
    (imported,) = import_file(path).tables
    assert_document(imported.document, content, layout, "docx")


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_bank_account_typed_as_a_number_is_read_in_full(tmp_path: Path, fmt: str) -> None:
    """Excel keeps 6.22848012345679E+19 for an account number typed into a General cell."""
    sheet = _national()
    last = max(r for r, _c in sheet.cells) + 1
    sheet.put(last, 0, "收款账号")
    sheet.put(last, 1, Typed("62284801234567890000", 6.228480123456789e19))
    path = tmp_path / f"county.{fmt}"
    (write_xlsx if fmt == "xlsx" else write_xls)(sheet, path)
    (table,) = import_file(path).tables
    assert any(item.value.endswith("62284801234567890000") for item in table.read)


def test_a_carriage_return_excel_stored_escaped_and_control_characters_are_not_text(tmp_path: Path) -> None:
    """Text pasted from Word keeps its CR: Excel stores it as `_x000D_`; a stray control character
    or a lone surrogate (`_xD800_`) could not be saved in a .pdesk."""
    def pasted(sheet: Sheet) -> None:
        cell = _at(sheet, "两处工程返工\n已整改，验收前增加自检")
        sheet.cells[cell] = "两处工程返工_x000D_\n已整改，_x0007_验收前增加自检_xD800_"

    table = _imported(tmp_path, pasted)
    reasons = [ind.reason for _l1, _g, _i, ind in table.document.iter_indicators() if ind.reason]
    assert reasons[0] == "两处工程返工\n已整改，验收前增加自检"


def _with_format_id(source: Path, target: Path, number_format: str, format_id: int) -> None:
    """`source` with its cells of `number_format` pointing at the built-in format `format_id`
    instead, as a Chinese Excel or WPS saves its own date formats."""
    import re
    import zipfile

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/styles.xml":
                code = number_format.replace('"', "&quot;")
                styles = data.decode()
                custom = re.search(rf'<numFmt numFmtId="(\d+)" formatCode="{re.escape(code)}"/>', styles)
                assert custom, styles[:300]
                styles = styles.replace(custom.group(0), "")
                data = styles.replace(f'numFmtId="{custom.group(1)}"', f'numFmtId="{format_id}"').encode()
            new.writestr(item, data)


@pytest.mark.parametrize("format_id, shown_as", [(57, "2023年12月"), (31, "2023年12月1日"), (300, "45261")])
def test_dates_in_the_formats_a_chinese_excel_names_by_number(tmp_path: Path, format_id: int, shown_as: str) -> None:
    """Ids 27-36 and 50-58 are the zh-CN built-in dates; an id the workbook never defines reads as General."""
    path = tmp_path / "typed.xlsx"
    write_xlsx(_national(), path)
    _with_format_id(path, tmp_path / "zh.xlsx", 'yyyy"年"m"月"', format_id)
    (table,) = import_file(tmp_path / "zh.xlsx").tables
    timely = table.document.level1[0].groups[2].indicators[0]
    assert (timely.name, timely.target) == ("1.完成时间", shown_as)


def test_an_empty_workbook_is_refused_as_empty(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "新建 Microsoft Excel 工作表.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(DocumentFileError, match="（“Sheet”：是空白的，没有任何内容）"):
        import_file(path)
