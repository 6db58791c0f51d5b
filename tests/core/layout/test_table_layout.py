"""The printed table as cells: every block, merges, bindings and the core's numbers."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from perfdesk.core.files.storage import load_document
from perfdesk.core.layout.table import DASH, Role, build_layout
from perfdesk.core.model.document import Group
from perfdesk.core.model.factory import new_document
from perfdesk.core.model.results import Location
from perfdesk.core.rules.analysis import analyse
from tests.core.xlsx_samples import generated_document

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "ziyang-community-correction-2022.pdesk"


def _layout(doc, profile):
    return build_layout(doc, profile, analyse(doc, profile))


def test_every_grid_position_is_covered_exactly_once(national):
    doc = new_document(national, year="2024")
    layout = _layout(doc, national)
    seen = _covered(layout)
    assert set(seen) == {(r, c) for r in range(layout.rows) for c in range(layout.columns)}


def test_blocks_in_print_order(national):
    doc = new_document(national, year="2024")
    layout = _layout(doc, national)
    texts = [c.text for c in sorted(layout.cells, key=lambda c: (c.row, c.col))]
    order = ["（2024年度）项目支出绩效自评表", "项目名称", "年度资金总额", "年度总体目标", "一级指标", "总分", "填报人"]
    positions = [next(i for i, t in enumerate(texts) if t.startswith(o)) for o in order]
    assert positions == sorted(positions)
    assert layout.cell_at(0, 0).role is Role.TITLE


def test_example_merges_and_computed_cells(county):
    doc = load_document(EXAMPLE)
    ev = analyse(doc, county)
    layout = build_layout(doc, county, ev)
    first, last = layout.indicator_rows
    level1 = [c for c in layout.cells if c.key == "level1"]
    assert [c.rowspan for c in level1] == [10, 8, 2]
    assert level1[0].text == "产出指标\n（50分）"
    group = next(c for c in layout.cells if c.key == "group.score" and c.path == (0, 0))
    assert group.rowspan == 3 and group.number == Decimal(15) and "整组" in group.tooltip
    rate = next(c for c in layout.cells if c.key == "funds.rate")
    assert rate.text == "51.63%" and rate.number == ev.funds.rate
    total = next(c for c in layout.cells if c.key == "total")
    assert total.number == ev.total and total.role is Role.COMPUTED
    assert last - first == 20


def test_bindings_point_at_document_fields(national):
    doc = new_document(national)
    layout = _layout(doc, national)
    cell = layout.bound("indicator", (1, 2, 0), "actual")
    assert cell is not None and cell.role is Role.INPUT and cell.col == 4
    assert layout.bound("funds", (0,), "executed").col == 4
    assert layout.locate(Location("indicator", (0, 1, 0), "")).binding.field == "name"
    assert layout.locate(Location("table", (), "")).key == "weights_total"


def test_group_weight_merges_weight_and_score(national):
    doc = new_document(national)
    group = doc.level1[0].groups[0]
    group.weight = "20"
    group.indicators[0].name = "a"
    group.indicators.append(type(group.indicators[0])(name="b"))
    layout = _layout(doc, national)
    weight = layout.bound("group", (0, 0), "weight")
    assert weight.rowspan == 2 and layout.bound("indicator", (0, 0, 0), "weight") is None


def test_empty_group_still_takes_a_row(national):
    doc = new_document(national)
    doc.level1[0].groups.insert(0, Group("空二级"))
    layout = _layout(doc, national)  # must not overlap the next group
    label = next(c for c in layout.cells if c.key == "group" and c.text == "空二级")
    assert label.rowspan == 1
    assert layout.cell_at(label.row + 1, 1).text == "数量指标"


def test_manual_scores_are_listed_under_the_table(national):
    doc = new_document(national)
    ind = doc.level1[0].groups[0].indicators[0]
    ind.name, ind.target, ind.actual, ind.weight = "x", "10人", "10人", "10"
    ind.manual_score, ind.manual_reason = "7", "数据质量存疑"
    layout = _layout(doc, national)
    notes = [c.text for c in layout.cells if c.role is Role.NOTE]
    assert any("得 7 分" in n and "数据质量存疑" in n for n in notes)
    assert layout.cell_at(layout.bound("indicator", (0, 0, 0), "weight").row, 6).text == "7（人工）"


def test_problems_on_fields_without_cells_point_at_the_cell_showing_them(national):
    layout = _layout(new_document(national), national)
    grade = layout.locate(Location("indicator", (0, 1, 0), "quality_grade"))
    assert grade.binding.field == "actual"
    manual = layout.locate(Location("indicator", (0, 1, 0), "manual_reason"))
    assert manual.key == "indicator.score" and manual.path == (0, 1, 0)


def _covered(layout) -> dict:
    seen = {}
    for cell in layout.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                assert (r, c) not in seen, f"overlap at {(r, c)}"
                seen[(r, c)] = cell
    return seen


def test_every_shipped_profile_prints_a_full_grid(shipped_profile):
    """Each profile's printed columns are covered once on every row; an unprinted column
    holds only weights (its header, the inputs, the funds sub-rows' dashes, the 分值合计)."""
    doc = generated_document(shipped_profile, 25)
    layout = _layout(doc, shipped_profile)
    printed = layout.printed()
    seen = _covered(printed)
    assert set(seen) == {(r, c) for r in range(printed.rows) for c in range(printed.columns)}
    assert printed.columns == 8 - len(shipped_profile.unprinted_columns)
    for cell in layout.cells:
        if cell.col >= printed.columns:
            weight = cell.binding is not None and cell.binding.field == "weight"
            assert cell.text in ("分值", DASH) or cell.key == "weights_total" or weight, cell
    headers = [c.text for c in printed.cells if c.row == printed.indicator_header_row]
    assert ("分值" in headers) == ("weight" not in shipped_profile.unprinted_columns)


def test_baoshan_keeps_weights_in_an_unprinted_column(library):
    baoshan = library.get("yunnan-baoshan")
    doc = generated_document(baoshan, 12)
    layout = _layout(doc, baoshan)
    assert (layout.columns, layout.grid.printed) == (8, 7)
    weight = layout.bound("indicator", (0, 0, 0), "weight")
    assert weight.col == 7 and weight.role is Role.INPUT
    assert layout.bound("funds", (), "weight").col == 7
    assert layout.keyed("weights_total").col == 7
    score = layout.keyed("indicator.score", (0, 0, 0))
    assert score.col == 5 and layout.keyed("funds.score").col == 6 and layout.keyed("grade").col == 6
    title = layout.cell_at(0, 0)
    assert title.colspan == 7 and layout.cell_at(0, 7) is None


def test_sichuan_signature_line_and_funds_rows(library):
    sichuan = library.get("sichuan")
    doc = new_document(sichuan, year="2024")
    doc.signature.leader, doc.signature.finance = "王五", "赵六"
    layout = _layout(doc, sichuan)
    leader, finance = layout.bound("signature", (), "leader"), layout.bound("signature", (), "finance")
    assert (leader.text, finance.text) == ("王五", "赵六")
    assert leader.row == finance.row == layout.total_row + 2  # the last row, beside the stamp
    assert layout.cell_at(leader.row, leader.col - 1).text == "项目负责人"
    assert layout.cell_at(finance.row, finance.col - 1).text == "财务负责人"
    stamp = layout.cell_at(leader.row, 7)
    assert stamp.text == "单位（盖章）"
    assert layout.bound("signature", (), "reviewer") is None  # Sichuan's line has no 审核人
    labels = [c.text for c in layout.cells if c.role is Role.LABEL]
    assert {"其中：财政资金", "财政专户管理资金", "单位资金"} <= set(labels)
    assert layout.cell_at(layout.bound("funds", (0,), "budget").row - 1, 3).text == "调整后预算数"
