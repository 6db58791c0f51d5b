"""Refreshing a layout in place after value edits gives exactly what a rebuild gives."""

from __future__ import annotations

import copy
from dataclasses import astuple, fields
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfdesk.core.files.storage import load_document
from perfdesk.core.layout.refresh import refresh_layout
from perfdesk.core.layout.table import Role, build_layout
from perfdesk.core.model import edits
from perfdesk.core.model.document import Indicator
from perfdesk.core.model.factory import new_document
from perfdesk.core.model.results import Location
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.profile import TemplateLibrary
from tests.core.file_samples import filled_document

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "ziyang-community-correction-2022.pdesk"
LIBRARY = TemplateLibrary()

#: Texts people type: numbers with units, comparators, dates, words, garbage, nothing.
TEXTS = st.sampled_from([
    "", "0", "10", "0.2", "95人", "≥100人", "≤5%", "=100%", "80%-90%", "2023年12月", "达标", "较高",
    "无", "abc", "-3", "１２", "1.接收社区矫正对象", "100", "50", "19.62", "  ", "人工评分", "15", "A", "B",
])
#: Fields typed in the grid or through dialogs, including ones the grid does not show.
EXTRA_FIELDS = ("manual_score", "manual_reason", "quality_grade", "quality_score")


def _starting_documents():
    yield "example", load_document(EXAMPLE), LIBRARY.get("county-ziyang")
    yield "filled", filled_document(), LIBRARY.get("national-2020")
    doc = new_document(LIBRARY.get("national-2020"), year="2024")
    for k, group in enumerate(g for l1 in doc.level1 for g in l1.groups):
        group.indicators = [Indicator(name=f"{k}.{j}", target="≥10人", actual="9人", weight="2") for j in range(2)]
    yield "rows", doc, LIBRARY.get("national-2020")
    for profile in LIBRARY:  # every shipped template, empty
        yield f"new-{profile.id}", new_document(profile, year="2023"), profile


STARTS = {name: (doc, profile) for name, doc, profile in _starting_documents()}


def _shown(cell):
    """What a cell shows, without its tooltip (written only when hovered, so no change to report)."""
    return tuple(v for f, v in zip(fields(cell), astuple(cell), strict=True) if f.name != "why")


def _fields(layout):
    return [(*_shown(c), c.tooltip) for c in layout.cells], (layout.rows, layout.indicator_header_row,
                                                               layout.indicator_rows, layout.total_row)


def _editable_locations(doc, layout):
    """Every bound input cell, plus hidden fields of every indicator and group and of the funds."""
    locations = [c.binding for c in layout.cells if c.role is Role.INPUT]
    for path, *_ in doc.iter_indicators():
        locations += [Location("indicator", path, f) for f in EXTRA_FIELDS]
    for i1, l1 in enumerate(doc.level1):
        locations += [Location("group", (i1, i2), f) for i2 in range(len(l1.groups)) for f in EXTRA_FIELDS[:2]]
    locations += [Location("funds", (), f) for f in EXTRA_FIELDS[:2]]
    locations.append(Location("project", (), "money_unit"))
    return locations


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.sampled_from(sorted(STARTS)), data=st.data())
def test_refresh_equals_rebuild_after_any_value_edits(start, data):
    doc, profile = copy.deepcopy(STARTS[start][0]), STARTS[start][1]
    layout = build_layout(doc, profile, analyse(doc, profile))
    for _ in range(data.draw(st.integers(1, 6))):
        locations = _editable_locations(doc, layout)
        count = data.draw(st.integers(1, 3))
        touched = [data.draw(st.sampled_from(locations)) for _ in range(count)]
        for loc in touched:
            edits.set_field(doc, loc, data.draw(TEXTS))
        ev = analyse(doc, profile)
        rebuilt = build_layout(doc, profile, ev)
        before = _fields(layout)
        changed = refresh_layout(layout, doc, profile, ev, touched)
        if changed is None:
            assert _fields(layout) == before  # left alone: the caller rebuilds
            assert rebuilt._shape != layout._shape or len(rebuilt._notes) != len(layout._notes)
            layout = rebuilt
            continue
        assert _fields(layout) == _fields(rebuilt)
        after = {id(c): _shown(c) for c in layout.cells}
        old = dict(zip((id(c) for c in layout.cells), (cell[:-1] for cell in before[0]), strict=True))
        assert {id(c) for c in changed} == {k for k in after if after[k] != old[k]}


def _refreshed(doc, profile, touched):
    layout = build_layout(doc, profile, analyse(doc, profile))
    return layout, (lambda: refresh_layout(layout, doc, profile, analyse(doc, profile), touched))


def test_value_edit_reports_the_edited_cell_and_what_it_changed(national):
    doc = filled_document()
    loc = Location("indicator", (0, 0, 1), "actual")
    layout, refresh = _refreshed(doc, national, [loc])
    doc.indicator_at(0, 0, 1).actual = "82人"
    changed = refresh()
    assert layout.bound("indicator", (0, 0, 1), "actual") in changed
    assert layout.bound("indicator", (0, 0, 1), "actual").text == "82人"
    untouched = [layout._fixed["title"], layout.bound("indicator", (0, 0, 0), "actual")]
    assert not any(c is u for c in changed for u in untouched)  # only what the edit reached


def test_renamed_indicator_relabels_its_row(national):
    doc = filled_document()
    loc = Location("indicator", (0, 0, 0), "name")
    layout, refresh = _refreshed(doc, national, [loc])
    doc.indicator_at(0, 0, 0).name = "新名称"
    refresh()
    assert layout.bound("indicator", (0, 0, 0), "reason").binding.label.endswith("新名称 › 偏差原因分析及改进措施")


@pytest.mark.parametrize("change", ["insert_row", "remove_row", "clear_group_weight", "new_manual_score"])
def test_shape_changes_ask_for_a_rebuild(national, change):
    doc = filled_document()
    group = doc.level1[0].groups[0]
    touched = [Location("indicator", (0, 0, 0), "name")]
    layout, refresh = _refreshed(doc, national, touched)
    cells = _fields(layout)
    if change == "insert_row":
        group.indicators.append(Indicator(name="新增"))
    elif change == "remove_row":
        group.indicators.pop()
    elif change == "clear_group_weight":
        group.weight = ""
    else:
        doc.indicator_at(0, 0, 1).manual_score, doc.indicator_at(0, 0, 1).manual_reason = "3", "评议"
    assert refresh() is None
    assert _fields(layout) == cells


def test_a_row_blanked_in_a_weighted_group_rescores_the_group(national):
    """Indicator score cells are rewritten for the edited rows and the rows whose result changed only;
    a group's score, whose explanation blanking one member changes, is always rewritten."""
    doc = new_document(national, year="2023")
    group = doc.level1[0].groups[0]
    group.weight = "30"
    group.indicators = [Indicator(name=f"{k}.人数", target="≥100人", actual="80人") for k in range(3)]
    touched = [Location("indicator", (0, 0, 2), f) for f in ("name", "target", "actual")]
    layout, refresh = _refreshed(doc, national, touched)
    score = layout.keyed("group.score", (0, 0))
    before = (score.text, score.tooltip)
    doc.indicator_at(0, 0, 2).name = doc.indicator_at(0, 0, 2).target = doc.indicator_at(0, 0, 2).actual = ""
    changed = refresh()
    assert changed is not None and (score.text, score.tooltip) != before  # 24 either way, from 2 shares, not 3
    assert _fields(layout) == _fields(build_layout(doc, national, analyse(doc, national)))

