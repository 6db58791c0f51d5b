"""Excel export: layout, formats, print setup, formulas and their values, checked by reading the file back."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from perfdesk.core.export.xlsx import SHEET_NAME, export_xlsx, row_heights, text_width
from perfdesk.core.files.embedding import DATA_SHEET, embed_chunks
from perfdesk.core.files.xlsx_import import read_document_from_workbook
from perfdesk.core.layout.columns import STANDARD
from perfdesk.core.layout.table import Cell, Role, build_layout
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.profile import (
    OverAchievement,
    Rounding,
    TemplateLibrary,
    TotalCap,
)
from tests.core.libreoffice import recalculated
from tests.core.xlsx_samples import generated_document, worked_example


def _strict_variant(national):
    """Uncapped scores, a per-percent over-achievement deduction, rounding down, total caps by rate."""
    return replace(
        national, cap_scores=False, score_rounding=Rounding(1, "down"),
        over_achievement=OverAchievement(Decimal(30), "per_percent", Decimal(0), Decimal(5)),
        funds=replace(national.funds, rounding=Rounding(0, "down"), cap=False),
        total_caps=(TotalCap(Decimal(0), Decimal(70), Decimal(79)), TotalCap(Decimal(70), Decimal(80), Decimal(89))),
    )


def _fixed_variant(national):
    """Capped scores, a fixed 2-point over-achievement deduction, whole-point rounding."""
    return replace(national, score_rounding=Rounding(0, "half_up"),
                   over_achievement=OverAchievement(Decimal(30), "fixed", Decimal(2), Decimal(0)))


def _with_manual_scores(doc):
    """Judgement scores on an indicator, a weighted group and a member of another group."""
    lone = doc.level1[0].groups[0].indicators[0]
    lone.manual_score, lone.manual_reason = "1", "现场核查后酌情扣分"
    weighted = [g for l1 in doc.level1 for g in l1.groups if g.has_group_weight]
    weighted[0].manual_score, weighted[0].manual_reason = "2", "整组酌情"
    member = weighted[1].indicators[0]
    member.manual_score, member.manual_reason = "0.5", "成员酌情"
    return doc


def _case(name: str, county, national):
    """(document, profile) of a named test case."""
    if name == "worked":
        return worked_example(county), county
    if name == "generated":
        return generated_document(national, 80), national
    if name == "clerk":  # values written as clerks write them, read by the rules with a warning
        doc = generated_document(national, 12)
        doc.project.year = "2022"
        forms = [("≥90%", "0.93"), ("≥50元/人", "60元"), ("11月底前", "2022年11月20日"), ("年底前", "按时完成"),
                 ("≥95%", "1"), ("第三季度", "2022年10月")]
        for (_, _, _, ind), (target, actual) in zip(doc.iter_indicators(), forms, strict=False):
            ind.target, ind.actual = target, actual
        return doc, national
    profile = _strict_variant(national) if name == "strict" else _fixed_variant(national)
    doc = _with_manual_scores(generated_document(profile, 80, seed=11))
    doc.funds.rows[0].budget, doc.funds.rows[0].executed = "100", "75.5"
    return doc, profile


CASES = ["worked", "generated", "strict", "fixed", "clerk"]


def _layout(doc, profile):
    return build_layout(doc, profile, analyse(doc, profile))


def _export(doc, profile, tmp_path: Path, name: str = "table.xlsx") -> Path:
    path = tmp_path / name
    export_xlsx(doc, profile, path)
    return path


def _at(ws, cell: Cell):
    return ws.cell(row=cell.row + 1, column=cell.col + 1)


@pytest.fixture
def worked(county):
    return worked_example(county)


@pytest.fixture
def worked_file(worked, county, tmp_path):
    return _export(worked, county, tmp_path)


def test_every_layout_cell_is_written_with_its_text_and_merge(worked, county, worked_file):
    layout = _layout(worked, county)
    ws = openpyxl.load_workbook(worked_file)[SHEET_NAME]
    merges = {str(r) for r in ws.merged_cells.ranges}
    for cell in layout.cells:
        if cell.rowspan > 1 or cell.colspan > 1:
            first = _at(ws, cell).coordinate
            last = ws.cell(row=cell.row + cell.rowspan, column=cell.col + cell.colspan).coordinate
            assert f"{first}:{last}" in merges, cell
        value = _at(ws, cell).value
        if cell.role in (Role.TITLE, Role.HEADER, Role.LABEL, Role.CAPTION) and cell.text:
            assert value == cell.text
    assert ws["A1"].value == "2022年度项目支出绩效自评表"


def test_level1_and_group_cells_span_their_indicator_rows(worked, county, worked_file):
    layout = _layout(worked, county)
    ws = openpyxl.load_workbook(worked_file)[SHEET_NAME]
    merges = {str(r) for r in ws.merged_cells.ranges}
    output = next(c for c in layout.cells if c.key == "level1" and c.path == (0,))
    assert output.rowspan == 3 + 3 + 2 + 2
    assert f"A{output.row + 1}:A{output.row + output.rowspan}" in merges
    quantity = next(c for c in layout.cells if c.key == "group" and c.path == (0, 0))
    assert f"B{quantity.row + 1}:B{quantity.row + 3}" in merges
    assert f"F{quantity.row + 1}:F{quantity.row + 3}" in merges  # the group's one weight
    assert ws.cell(row=quantity.row + 1, column=2).value == "数量指标"


def worked_notes(path) -> list[str]:
    """The note lines under the exported table (role NOTE in the layout)."""
    doc = read_document_from_workbook(path)
    profile = TemplateLibrary().get(doc.template_id)
    return [c.text for c in build_layout(doc, profile, analyse(doc, profile)).cells if c.role is Role.NOTE]


def test_every_cell_of_a_merged_range_has_borders(worked_file):
    """Excel draws a merged range's frame from each edge cell's own border, so all of them need one."""
    ws = openpyxl.load_workbook(worked_file)[SHEET_NAME]
    framed = 0
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= 2 or rng.min_row > ws.max_row - len(worked_notes(worked_file)):
            continue  # title and caption lines, and the notes under the table, are unframed
        for row in ws.iter_rows(min_row=rng.min_row, max_row=rng.max_row, min_col=rng.min_col, max_col=rng.max_col):
            for c in row:
                edges = {"left": c.column == rng.min_col, "right": c.column == rng.max_col,
                         "top": c.row == rng.min_row, "bottom": c.row == rng.max_row}
                for side, on_edge in edges.items():
                    if on_edge:
                        assert getattr(c.border, side).style == "thin", (c.coordinate, side)
                framed += 1
    assert framed > 50


def test_fonts_wrap_and_number_formats(worked, county, worked_file):
    layout = _layout(worked, county)
    ws = openpyxl.load_workbook(worked_file)[SHEET_NAME]
    assert ws["A1"].font.name == "黑体"
    budget = _at(ws, layout.bound("funds", (0,), "budget"))
    assert budget.value == 38 and budget.data_type == "n" and budget.number_format == "0.00"
    assert budget.font.name == "宋体" and budget.alignment.wrap_text
    rate = _at(ws, next(c for c in layout.cells if c.key == "funds.rate"))
    assert rate.number_format == "0.00%"
    target = _at(ws, layout.bound("indicator", (0, 0, 0), "target"))
    assert target.value == "164人" and target.data_type == "s"


def test_column_widths_and_row_heights_fit_the_text(worked, county, worked_file):
    ws = openpyxl.load_workbook(worked_file)[SHEET_NAME]
    assert ws.column_dimensions["C"].width == pytest.approx(STANDARD.widths[STANDARD.col("name")], abs=1)
    layout = _layout(worked, county)
    reason = layout.bound("indicator", (0, 3, 0), "reason")
    plain = layout.bound("indicator", (0, 0, 0), "reason")
    heights = row_heights(layout)
    assert heights[reason.row] > heights[plain.row]
    assert ws.row_dimensions[reason.row + 1].height == pytest.approx(heights[reason.row], abs=0.1)
    # 45 CJK characters are 90 units: at 21 units a line the reason needs 5 lines
    assert heights[reason.row] >= 5 * 14


def test_text_width_counts_cjk_double():
    assert text_width("ab1") == 3
    assert text_width("社区矫正") == 8
    assert text_width("（１）") == 6


def test_print_setup(worked, county, worked_file):
    layout = _layout(worked, county)
    ws = openpyxl.load_workbook(worked_file)[SHEET_NAME]
    header = layout.indicator_header_row + 1
    assert ws.print_title_rows == f"${header}:${header}"
    # XlsxWriter leaves out fitToWidth="1", the OOXML default; openpyxl then reads None
    assert (ws.page_setup.fitToWidth or 1) == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "portrait"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws.print_area == f"'{SHEET_NAME}'!$A$1:$H${layout.rows}"


def test_data_sheet_is_very_hidden_and_helpers_hidden(worked_file):
    book = openpyxl.load_workbook(worked_file)
    assert book.sheetnames == [SHEET_NAME, DATA_SHEET]
    assert book[DATA_SHEET].sheet_state == "veryHidden"
    assert book[SHEET_NAME].sheet_state == "visible"
    assert book[SHEET_NAME].column_dimensions["I"].hidden


def test_computed_cells_are_formulas(national, tmp_path):
    doc = generated_document(national, 40)
    layout = _layout(doc, national)
    ws = openpyxl.load_workbook(_export(doc, national, tmp_path))[SHEET_NAME]
    keyed = {c.key: c for c in layout.cells if c.role is Role.COMPUTED}
    for key in ("funds.rate", "funds.score", "weights_total", "total", "grade"):
        assert str(_at(ws, keyed[key]).value).startswith("="), key
    formulas = [c for c in layout.cells if c.key == "indicator.score" and str(_at(ws, c).value).startswith("=")]
    assert len(formulas) >= 20
    for cell in formulas:
        assert ws.cell(row=cell.row + 1, column=STANDARD.helpers[0] + 1).data_type == "n"
        assert ws.cell(row=cell.row + 1, column=STANDARD.helpers[1] + 1).data_type == "n"


@pytest.mark.parametrize("name", ["strict", "fixed"])
def test_over_achievement_and_caps_are_formulas_too(name, county, national, tmp_path):
    doc, profile = _case(name, county, national)
    ev = analyse(doc, profile)
    layout = build_layout(doc, profile, ev)
    ws = openpyxl.load_workbook(_export(doc, profile, tmp_path))[SHEET_NAME]
    over = [r for r in ev.indicators if r.over_achieved and r.counted and r.kind.value == "positive"]
    assert over
    for res in over:
        cell = next(c for c in layout.cells if c.key == "indicator.score" and c.path == res.path)
        formula = str(_at(ws, cell).value)
        assert formula.startswith("=") and ">=1.3," in formula, formula
    total = _at(ws, next(c for c in layout.cells if c.key == "total")).value
    assert ("MIN(89," in total) == (name == "strict")
    if name == "strict":
        assert ev.total == 89 and ev.total_uncapped > 89


def test_manual_scores_stay_values_marked_as_manual(national, tmp_path):
    doc, profile = _case("fixed", None, national)
    layout = _layout(doc, profile)
    ws = openpyxl.load_workbook(_export(doc, profile, tmp_path))[SHEET_NAME]
    lone = _at(ws, next(c for c in layout.cells if c.key == "indicator.score" and c.path == (0, 0, 0)))
    assert lone.value == 1 and lone.number_format == 'General"（人工）"'
    manual_group = next(c for c in layout.cells if c.key == "group.score" and c.text.endswith("（人工）"))
    assert _at(ws, manual_group).value == 2


def _assert_values_match_core(ws, layout) -> int:
    """Every computed cell of `ws` shows the core's number; returns how many were compared."""
    compared = 0
    for cell in layout.cells:
        if cell.role is not Role.COMPUTED:
            continue
        value = _at(ws, cell).value
        if cell.key == "grade":
            assert value == cell.text
        elif cell.number is None:
            assert value in (None, ""), cell
        else:
            assert value == pytest.approx(float(cell.number), abs=Decimal("1e-9")), (cell.key, cell.path)
        compared += 1
    return compared


@pytest.mark.parametrize("name", CASES)
def test_stored_formula_values_equal_the_core(name, county, national, tmp_path):
    doc, profile = _case(name, county, national)
    ws = openpyxl.load_workbook(_export(doc, profile, tmp_path), data_only=True)[SHEET_NAME]
    assert _assert_values_match_core(ws, _layout(doc, profile)) > 5


@pytest.mark.parametrize("text", ["=1+1", "+A1", "@SUM(A1)", "-1+2", "=HYPERLINK(\"http://x\")"])
def test_typed_text_is_never_a_formula(text, national, tmp_path):
    doc = generated_document(national, 5)
    doc.project.name = text
    doc.level1[0].groups[0].indicators[0].reason = text
    doc.level1[0].groups[0].indicators[0].name = text
    doc.funds.rows[1].budget = text
    layout = _layout(doc, national)
    ws = openpyxl.load_workbook(_export(doc, national, tmp_path))[SHEET_NAME]
    for cell in (layout.bound("project", (), "name"), layout.bound("indicator", (0, 0, 0), "reason"),
                 layout.bound("indicator", (0, 0, 0), "name"), layout.bound("funds", (1,), "budget")):
        got = _at(ws, cell)
        assert got.data_type == "s" and got.value == text


def test_long_document_is_embedded_in_chunks(national, tmp_path):
    doc = generated_document(national, 30)
    for _, _, _, ind in doc.iter_indicators():
        ind.reason = "偏差原因" * 800
    book = openpyxl.load_workbook(_export(doc, national, tmp_path))
    column = [row[0] for row in book[DATA_SHEET].iter_rows(values_only=True)]
    assert len(column) > 3 and all(len(c) <= 30_000 for c in column[1:])
    assert f'"chunks": {len(column) - 1}' in column[0]


def test_embed_chunks_split_and_join():
    text = "甲" * 65_001
    chunks = embed_chunks(text)
    assert [len(c) for c in chunks] == [30_000, 30_000, 5_001] and "".join(chunks) == text
    assert embed_chunks("") == [""]


# ---------------------------------------------------------------- LibreOffice recalculation

@pytest.mark.slow
@pytest.mark.parametrize("name", CASES)
def test_libreoffice_recalculates_the_core_values(name, county, national, tmp_path):
    doc, profile = _case(name, county, national)
    ws = recalculated(_export(doc, profile, tmp_path), tmp_path)[SHEET_NAME]
    assert _assert_values_match_core(ws, _layout(doc, profile)) > 5


@pytest.mark.slow
def test_libreoffice_follows_an_edited_input(national, tmp_path):
    doc = generated_document(national, 20)
    path = _export(doc, national, tmp_path)
    layout = _layout(doc, national)
    executed = layout.bound("funds", (0,), "executed")
    weight = layout.bound("indicator", (0, 0, 0), "weight")
    book = openpyxl.load_workbook(path)
    _at(book[SHEET_NAME], executed).value = 77.5
    _at(book[SHEET_NAME], weight).value = 4
    edited_path = tmp_path / "edited.xlsx"
    book.save(edited_path)
    doc.funds.rows[0].executed, doc.level1[0].groups[0].indicators[0].weight = "77.5", "4"
    edited_layout = _layout(doc, national)
    ws = recalculated(edited_path, tmp_path)[SHEET_NAME]
    assert _assert_values_match_core(ws, edited_layout) > 5
    rate = next(c for c in edited_layout.cells if c.key == "funds.rate")
    assert _at(ws, rate).value == pytest.approx(77.5 / float(doc.funds.rows[0].budget))


def test_amounts_beyond_excel_precision_stay_text(national, tmp_path):
    doc = generated_document(national, 5)
    doc.funds.rows[2].budget = "123456789012345678"
    layout = _layout(doc, national)
    ws = openpyxl.load_workbook(_export(doc, national, tmp_path))[SHEET_NAME]
    got = _at(ws, layout.bound("funds", (2,), "budget"))
    assert got.data_type == "s" and got.value == "123456789012345678"


# ---------------------------------------------------------------- every shipped profile


def _shipped_case(profile):
    doc = _with_manual_scores(generated_document(profile, 40, seed=5))
    doc.funds.rows[0].budget, doc.funds.rows[0].executed = "100", "82.5"
    return doc


def test_every_shipped_profile_exports_formulas_equal_to_the_core(shipped_profile, tmp_path):
    doc = _shipped_case(shipped_profile)
    path = _export(doc, shipped_profile, tmp_path)
    ws = openpyxl.load_workbook(path, data_only=True)[SHEET_NAME]
    layout = _layout(doc, shipped_profile)
    assert _assert_values_match_core(ws, layout) > 20
    formulas = openpyxl.load_workbook(path)[SHEET_NAME]
    total = formulas.cell(row=layout.keyed("weights_total").row + 1, column=layout.keyed("weights_total").col + 1)
    weight_letter = openpyxl.utils.get_column_letter(layout.grid.col("weight") + 1)
    assert str(total.value).startswith("=SUM(") and f"{weight_letter}{layout.indicator_rows[0] + 1}" in total.value


def test_unprinted_weight_column_is_hidden_and_left_out_of_the_print_area(library, tmp_path):
    baoshan = library.get("yunnan-baoshan")
    doc = _shipped_case(baoshan)
    ws = openpyxl.load_workbook(_export(doc, baoshan, tmp_path))[SHEET_NAME]
    assert ws.column_dimensions["H"].hidden and not ws.column_dimensions["G"].hidden
    assert ws.print_area == f"'{SHEET_NAME}'!$A$1:$G${_layout(doc, baoshan).rows}"
    assert ws.cell(row=_layout(doc, baoshan).indicator_header_row + 1, column=8).value == "分值"


@pytest.mark.slow
def test_libreoffice_recalculates_every_shipped_profile(shipped_profile, tmp_path):
    doc = _shipped_case(shipped_profile)
    ws = recalculated(_export(doc, shipped_profile, tmp_path), tmp_path)[SHEET_NAME]
    assert _assert_values_match_core(ws, _layout(doc, shipped_profile)) > 20


def test_the_stamp_row_has_the_same_room_as_on_the_pdf(national):
    """The clerk found the 审核人 / 单位（盖章） row one thin line in Excel: no room to sign or stamp."""
    from perfdesk.core.layout.table import STAMP_POINTS
    from perfdesk.core.model.factory import new_document
    from perfdesk.core.rules.analysis import analyse

    doc = new_document(national, year="2023")
    layout = build_layout(doc, national, analyse(doc, national))
    heights = row_heights(layout)
    stamp_row = layout.signature_block()[-1]
    assert heights[stamp_row] >= STAMP_POINTS
    assert any(c.text == "单位（盖章）" for c in layout.cells if c.row == stamp_row)
