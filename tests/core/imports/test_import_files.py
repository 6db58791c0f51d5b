"""Several tables per file, PerfDesk's own workbook read as a hand-made one, and bad input."""

from __future__ import annotations

import dataclasses
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from perfdesk.core.export.xlsx import SHEET_NAME, export_xlsx
from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.files.opening import open_document
from perfdesk.core.files.storage import document_to_data
from perfdesk.core.imports.compare import use_visible
from perfdesk.core.imports.importer import import_file, read_grids
from perfdesk.core.imports.recognise import recognise
from perfdesk.core.rules.analysis import analyse
from tests.core.imports.corpus import VARIANTS, content_for, render, write_docx, write_xls, write_xlsx
from tests.core.imports.test_corpus import assert_document
from tests.core.xlsx_samples import worked_example
from tests.core.zip_samples import zeros_bomb


def _variant(name: str):
    layout, options = VARIANTS[name]
    content = content_for(options)
    return content, layout, render(content, layout)


def _stacked(first, second):
    """Two rendered tables one under the other on one sheet, a blank row between."""
    sheet = dataclasses.replace(first[2], cells=dict(first[2].cells), merges=list(first[2].merges))
    offset = max(r for r, _ in sheet.cells) + 2
    for (r, c), value in second[2].cells.items():
        sheet.cells[(r + offset, c)] = value
    sheet.merges += [(r + offset, c, rows, cols) for r, c, rows, cols in second[2].merges]
    return sheet


def test_every_sheet_and_every_stacked_table_is_a_document(tmp_path: Path, library) -> None:
    national, yunnan = _variant("national"), _variant("yunnan-split")
    path = tmp_path / "book.xlsx"
    book = write_xlsx(national[2], path, "项目A")
    write_xlsx(_stacked(yunnan, national), path, "项目B和C", book)
    book.create_sheet("填表说明")["A1"] = "请按财政局要求填写"
    book.save(path)
    result = import_file(path, library)
    assert [t.where for t in result.tables] == ["项目A", "项目B和C-1", "项目B和C-2"]
    assert_document(result.tables[0].document, national[0], national[1], "xlsx")
    assert_document(result.tables[1].document, yunnan[0], yunnan[1], "xlsx")
    assert_document(result.tables[2].document, national[0], national[1], "xlsx")
    assert result.skipped == ["“填表说明”：没有找到自评表（缺少“一级指标/二级指标/三级指标/年度指标值”表头）"]


def test_every_word_table_is_a_document(tmp_path: Path, library) -> None:
    first, second = _variant("sichuan-labels"), _variant("no-initial-yuan")
    path = tmp_path / "report.docx"
    write_docx([first[2], second[2]], path)
    result = import_file(path, library)
    assert [t.where for t in result.tables] == ["表1", "表2"]
    assert_document(result.tables[0].document, first[0], first[1], "docx")
    assert_document(result.tables[1].document, second[0], second[1], "docx")


def _strip_claims(doc):
    """The document without ids, hashes and claimed scores (the sheet prints computed ones)."""
    data = document_to_data(doc)["document"]
    data["published_total"] = ""
    data["funds"]["published_score"] = ""
    for l1 in data["level1"]:
        for g in l1["groups"]:
            g["published_score"] = ""
            g.pop("id", None)
            for ind in g["indicators"]:
                ind["published_score"] = ""
                ind.pop("id", None)
    return data


def test_perfdesk_visible_sheet_read_as_hand_made_gives_back_the_document(tmp_path: Path, county, library) -> None:
    doc = worked_example(county)
    path = tmp_path / "exported.xlsx"
    export_xlsx(doc, county, path)
    (grid,) = read_grids(path)  # the visible sheet only, as a person sees it (with Excel's cached results)
    tables, _why = recognise(grid, library, path.name)
    table = tables[0]
    assert table.document.template_id == county.id
    assert _strip_claims(table.document) == _strip_claims(doc)
    # the printed total (the sheet's computed one) is kept as the claimed total
    assert Decimal(table.document.published_total) == analyse(doc, county).total
    assert not table.problems


def test_workbook_edited_in_excel_names_the_changed_cells(tmp_path: Path, county) -> None:
    doc = worked_example(county)
    path = tmp_path / "edited.xlsx"
    export_xlsx(doc, county, path)
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET_NAME]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "164人" and c.column == 5)
    cell.value = "170人"
    book.save(path)
    table = import_file(path).tables[0]
    assert [(d.address, d.excel, d.embedded) for d in table.differences] == [
        (f"{SHEET_NAME}!{cell.coordinate}", "170人", "164人")]
    assert table.document.level1[0].groups[0].indicators[0].actual == "164人"  # embedded kept by default
    use_visible(table)
    assert table.document.level1[0].groups[0].indicators[0].actual == "170人"


def test_open_document_reads_a_hand_made_table(tmp_path: Path) -> None:
    content, layout, sheet = _variant("national")
    for suffix, write in ((".xlsx", write_xlsx), (".xls", write_xls)):
        path = tmp_path / f"t{suffix}"
        write(sheet, path)
        assert_document(open_document(path), content, layout, suffix)


# ---------------------------------------------------------------- bad input


def _refused(path: Path, *words: str) -> str:
    with pytest.raises(DocumentFileError) as err:
        import_file(path)
    message = str(err.value)
    assert path.name in message and all(w in message for w in words), message
    return message


def test_password_protected_and_old_word_files_are_explained(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    for name, words in (("locked.xlsx", ("密码",)), ("old.doc", ("另存为", ".docx")), ("old.wps", (".docx",)),
                        ("sheet.et", ("另存为",))):
        (tmp_path / name).write_bytes(ole)
        _refused(tmp_path / name, *words)


def test_broken_xls_records_are_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "broken.xls"
    write_xls(_variant("national")[2], path)
    data = bytearray(path.read_bytes())
    data[1200:1800] = bytes(range(256)) * 2 + bytes(88)
    path.write_bytes(bytes(data))
    try:
        result = import_file(path)
    except DocumentFileError as exc:
        assert "broken.xls" in str(exc)
    else:  # xlrd skipped the damaged records: whatever it read is reported, never a crash
        assert result.tables


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    _refused(zeros_bomb(tmp_path / "bomb.xlsx"), "上限")


def test_huge_sparse_sheet_reads_the_table_within_bounds(tmp_path: Path) -> None:
    content, layout, sheet = _variant("national")
    path = tmp_path / "huge.xlsx"
    book = write_xlsx(sheet, path)
    book.active.cell(1_048_576, 1).value = "最后一行"
    book.active.cell(1, 16_384).value = "最后一列"
    book.save(path)
    table = import_file(path).tables[0]
    assert_document(table.document, content, layout, "xlsx")
    assert any("只读取了前" in p.message for p in table.problems)


def test_word_file_without_a_table(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "letter.docx"
    document = docx.Document()
    document.add_paragraph("关于报送2023年度绩效自评表的函")
    document.save(str(path))
    _refused(path, "没有找到自评表", "文件中没有表格")


def test_half_a_table_is_refused_with_the_reason(tmp_path: Path) -> None:
    _content, _layout, sheet = _variant("national")
    header = next(r for (r, _c), v in sheet.cells.items() if v == "一级指标")
    half = dataclasses.replace(sheet, cells={k: v for k, v in sheet.cells.items() if k[0] < header},
                               merges=[m for m in sheet.merges if m[0] + m[2] <= header])
    path = tmp_path / "half.xlsx"
    write_xlsx(half, path)
    _refused(path, "只有项目或资金部分", "没有找到绩效指标表头")


def test_a_renamed_text_file_and_a_damaged_zip(tmp_path: Path) -> None:
    (tmp_path / "notes.xlsx").write_text("项目名称,社区矫正", encoding="utf-8")
    _refused(tmp_path / "notes.xlsx", "另存为")
    with zipfile.ZipFile(tmp_path / "odd.docx", "w") as archive:
        archive.writestr("hello.txt", "hi")
    _refused(tmp_path / "odd.docx", "既不是 Excel 工作簿也不是 Word 文档")


def test_a_weight_merged_over_a_whole_level1_is_reported_not_guessed(tmp_path: Path) -> None:
    _content, _layout, sheet = _variant("national")
    weight_col = next(c for (r, c), v in sheet.cells.items() if v == "分值" and r > 5)
    top, _c, rows, _cols = next(m for m in sheet.merges if str(sheet.cells[m[:2]]).startswith("产出指标"))
    inside = range(top, top + rows)
    cells = {k: v for k, v in sheet.cells.items() if not (k[1] == weight_col and k[0] in inside)}
    cells[(top, weight_col)] = "50"
    merges = [m for m in sheet.merges if not (m[1] == weight_col and m[0] in inside)]
    wide = dataclasses.replace(sheet, cells=cells, merges=[*merges, (top, weight_col, rows, 1)])
    path = tmp_path / "wide.xlsx"
    write_xlsx(wide, path)
    table = import_file(path).tables[0]
    output = table.document.level1[0]
    assert all(not g.weight and not any(i.weight for i in g.indicators) for g in output.groups)
    assert [p.message.split("，")[0] for p in table.problems] == ["分值“50”合并在多个二级指标上（如整个一级指标）"]
    assert table.problems[0].address == f"自评表!G{top + 1}"


def test_a_word_table_split_at_a_page_break_is_joined(tmp_path: Path) -> None:
    content, layout, sheet = _variant("national")
    header = next(r for (r, _c), v in sheet.cells.items() if v == "一级指标")
    top = dataclasses.replace(sheet, cells={k: v for k, v in sheet.cells.items() if k[0] < header},
                              merges=[m for m in sheet.merges if m[0] < header], body=(sheet.body[0], header))
    rest = {(r - header, c): v for (r, c), v in sheet.cells.items() if r >= header}
    bottom = dataclasses.replace(sheet, cells=rest, body=(0, sheet.body[1] - header),
                                 merges=[(r - header, c, n, m) for r, c, n, m in sheet.merges if r >= header])
    path = tmp_path / "split.docx"
    write_docx([top, bottom], path)
    (table,) = import_file(path).tables
    assert_document(table.document, content, layout, "docx")
    assert any(i.address.startswith("表1 （续表2）第2行") for i in table.read)


def test_an_empty_filling_unit_line_does_not_take_the_money_unit(tmp_path, library):
    """A fresh export whose 填报单位 is still empty: `单位：万元` beside it is no unit's name."""
    from perfdesk.core.export.xlsx import export_xlsx
    from perfdesk.core.imports.importer import import_file
    from perfdesk.core.model.factory import new_document

    profile = library.default()
    doc = new_document(profile)
    doc.project.name = "社区矫正经费"
    export_xlsx(doc, profile, tmp_path / "t.xlsx")
    [table] = import_file(tmp_path / "t.xlsx", library).tables
    assert table.differences == []


def test_cell_addresses_name_columns_as_excel_does():
    from openpyxl.utils import get_column_letter

    from perfdesk.core.imports.grid import column_letter

    assert [column_letter(n) for n in (1, 26, 27, 52, 703, 16384)] == ["A", "Z", "AA", "AZ", "AAA", "XFD"]
    assert all(column_letter(n) == get_column_letter(n) for n in range(1, 18279))
