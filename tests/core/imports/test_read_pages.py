"""`.xls` files that are web pages or Excel 2003 XML, as finance systems write them: open tags, GBK, bombs."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.imports.importer import import_file, read_grids
from perfdesk.core.imports.read_html import decode, looks_like_html


def _grid(tmp_path: Path, page: str, encoding: str = "gbk"):
    path = tmp_path / "表.xls"
    path.write_bytes(page.encode(encoding))
    [grid] = read_grids(path)
    return grid


def test_spans_are_placed_as_a_browser_places_them(tmp_path) -> None:
    grid = _grid(tmp_path, "<TABLE><TR><TD ROWSPAN=2>一级</TD><TD>甲</TD><TD>乙</TD>"
                           "<TR><TD COLSPAN=2>丙 丁</TD></TABLE>")  # upper case, rows never closed
    assert grid.texts == {(0, 0): "一级", (0, 1): "甲", (0, 2): "乙", (1, 1): "丙 丁"}
    assert grid.spans == {(0, 0): (2, 1), (1, 1): (1, 2)}


def test_text_around_the_table_becomes_rows_and_nested_tables_are_cell_text(tmp_path) -> None:
    grid = _grid(tmp_path, "<html><head><script>var x='<td>';</script></head><body>"
                           "<h2>2023年度项目支出绩效自评表</h2><p>填报单位：某县</p>"
                           "<table><tr><td>项目名称<table><tr><td>内层</td></tr></table></td><td>道路</td></tr></table>"
                           "<div>填报人：张三</div></body></html>")
    assert grid.texts[(0, 0)] == "2023年度项目支出绩效自评表" and grid.texts[(1, 0)] == "填报单位：某县"
    assert grid.texts[(2, 0)] == "项目名称\n内层" and grid.texts[(2, 1)] == "道路"
    assert grid.texts[(3, 0)] == "填报人：张三" and grid.row_names[3] == "表后第1行文字"


@pytest.mark.parametrize("raw, text", [
    ("<meta charset='gb2312'>项目".encode("gb18030"), "项目"),
    ("项目".encode("gb18030"), "项目"),  # no charset and not UTF-8: the Chinese national encoding
    ("\ufeff项目".encode(), "项目"),
    ("<meta charset=utf-8>项目".encode(), "项目"),
    ("<meta charset=nonsense>项目".encode(), "项目"),
])
def test_the_page_is_decoded_by_what_it_says_or_is(raw: bytes, text: str) -> None:
    assert text in decode(raw)


def test_only_pages_are_taken_for_pages() -> None:
    assert looks_like_html(b"\xef\xbb\xbf  <!DOCTYPE html>") and looks_like_html(b"\r\n<html xmlns:o=")
    assert not looks_like_html(b"just text") and not looks_like_html(b"PK\x03\x04")


def test_a_page_without_a_table_is_refused_in_words(tmp_path) -> None:
    path = tmp_path / "说明.xls"
    path.write_text("<html><body><p>没有表格</p></body></html>", encoding="utf-8")
    with pytest.raises(DocumentFileError, match="网页格式的表格，但其中没有表格"):
        import_file(path)


def test_a_huge_span_stays_inside_the_read_bounds(tmp_path) -> None:
    grid = _grid(tmp_path, '<table><tr><td rowspan="999999" colspan="99999">甲</td><td>乙</td></tr></table>')
    assert grid.spans[(0, 0)][0] <= 2000 and grid.spans[(0, 0)][1] <= 64


def test_many_huge_spans_cost_no_more_than_the_cells(tmp_path) -> None:
    """A hostile page: rows of cells each claiming the whole sheet below them."""
    row = '<tr>' + '<td rowspan="2000" colspan="64">x</td>' * 64 + '</tr>'
    grid = _grid(tmp_path, "<table>" + row * 200 + "</table>")
    assert grid.rows <= 2200 and len(grid.spans) == 1


def test_a_page_too_big_for_a_table_is_refused_before_parsing(tmp_path, monkeypatch) -> None:
    from perfdesk.core.imports import importer

    monkeypatch.setattr(importer, "TEXT_MAX_BYTES", 100)
    path = tmp_path / "大.xls"
    path.write_text("<html>" + "<p>x</p>" * 100 + "</html>", encoding="utf-8")
    with pytest.raises(DocumentFileError, match="大于 0 MB"):
        import_file(path)


# ---------------------------------------------------------------- Excel 2003 XML (SpreadsheetML)

_XML = ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">{}</Workbook>')


def test_spreadsheetml_cells_skip_and_merge_by_index(tmp_path) -> None:
    path = tmp_path / "表.xls"
    path.write_text(_XML.format(
        '<Worksheet ss:Name="项目A"><Table><Row><Cell ss:MergeDown="1"><Data ss:Type="String">一级</Data></Cell>'
        '<Cell ss:Index="3" ss:MergeAcross="1"><Data ss:Type="Number">38</Data></Cell></Row>'
        '<Row ss:Index="4"><Cell><Data ss:Type="String">末行</Data></Cell>'
        '<Cell ss:Formula="=SUM(R[-3]C:R[-1]C)"/></Row></Table></Worksheet>'),
        encoding="utf-8")
    [grid] = read_grids(path)
    assert grid.name == "项目A" and grid.texts == {(0, 0): "一级", (0, 2): "38", (3, 0): "末行"}
    assert grid.spans == {(0, 0): (2, 1), (0, 2): (1, 2)}
    assert grid.uncached == {(3, 1): "SUM(R[-3]C:R[-1]C)"}  # a formula without its result
    assert not grid.hidden


def test_a_hidden_spreadsheetml_sheet_is_marked(tmp_path) -> None:
    path = tmp_path / "表.xls"
    path.write_text(_XML.format(
        '<Worksheet ss:Name="模板"><Table/><WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">'
        '<Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>'), encoding="utf-8")
    [grid] = read_grids(path)
    assert grid.hidden


def test_an_entity_bomb_is_an_unreadable_file(tmp_path) -> None:
    """Ten levels of ten-fold entities (10^10 characters) are refused by the parser, not expanded."""
    entities = "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    path = tmp_path / "炸弹.xls"
    path.write_text('<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
                    f'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">{entities}]>'
                    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">&j;</Workbook>',
                    encoding="utf-8")
    with pytest.raises(DocumentFileError, match="Excel 2003 XML"):
        import_file(path)


def test_a_library_warning_on_a_hand_made_workbook_goes_to_the_log_not_the_user(tmp_path) -> None:
    """openpyxl warns on extensions it drops (here WPS/Excel's data validation list): logged, not shown."""
    import warnings
    import zipfile

    from tests.core.imports.corpus import Layout, content_for, render, write_xlsx

    plain = tmp_path / "plain.xlsx"
    write_xlsx(render(content_for({}), Layout()), plain)
    path = tmp_path / "带扩展.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}">'
                                    b"</ext></extLst></worksheet>")
            target.writestr(item, data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = import_file(path)
    assert result.tables and not caught, [str(w.message) for w in caught]
