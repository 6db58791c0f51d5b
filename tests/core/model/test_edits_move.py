"""Moving 三级 rows to another 二级 (剪切行/粘贴行, 移动到…, drag and drop), tested without Qt."""

from __future__ import annotations

import copy
import random

import pytest

from perfdesk.core.model import edits
from perfdesk.core.model.document import Indicator
from perfdesk.core.model.factory import new_document


@pytest.fixture
def doc(national):
    doc = new_document(national, year="2023")
    doc.group_at(0, 0).indicators = [Indicator(name=n, target="≥1个", actual="1个", weight="5") for n in "ABC"]
    doc.group_at(0, 1).indicators = [Indicator(name=n, target="≥98%", actual="99%", weight="5") for n in "DE"]
    return doc


def names(doc, i1, i2):
    return [ind.name for ind in doc.group_at(i1, i2).indicators]


def test_rows_move_to_another_group_before_the_given_row(doc):
    before, paths = edits.move_indicators_to(doc, [(0, 0, 2), (0, 0, 0)], 0, 1, 1)
    assert names(doc, 0, 0) == ["B"] and names(doc, 0, 1) == ["D", "A", "C", "E"]
    assert paths == [(0, 1, 1), (0, 1, 2)]
    assert doc.indicator_at(0, 1, 2).target == "≥1个"  # the whole row travels, not just its name
    edits.set_row_lists(doc, before)
    assert names(doc, 0, 0) == ["A", "B", "C"] and names(doc, 0, 1) == ["D", "E"]


def test_moving_the_only_rows_leaves_a_blank_row_and_fills_a_blank_target(doc):
    assert doc.group_at(1, 0).indicators[0].is_blank()  # the template's placeholder row
    _, paths = edits.move_indicators_to(doc, [(0, 1, 0), (0, 1, 1)], 1, 0, 0)
    assert names(doc, 1, 0) == ["D", "E"] and paths == [(1, 0, 0), (1, 0, 1)]
    assert len(doc.group_at(0, 1).indicators) == 1 and doc.group_at(0, 1).indicators[0].is_blank()


def test_within_a_group_index_counts_rows_before_the_move(doc):
    _, paths = edits.move_indicators_to(doc, [(0, 0, 0)], 0, 0, 3)
    assert names(doc, 0, 0) == ["B", "C", "A"] and paths == [(0, 0, 2)]
    _, paths = edits.move_indicators_to(doc, [(0, 0, 1)], 0, 0, 1)  # onto itself: nothing changes
    assert names(doc, 0, 0) == ["B", "C", "A"] and paths == [(0, 0, 1)]


def test_a_blank_row_stays_when_rows_move_within_its_own_group(doc):
    group = doc.group_at(0, 1)
    group.indicators.append(Indicator())
    edits.move_indicators_to(doc, [(0, 1, 0), (0, 1, 1)], 0, 1, 3)
    assert names(doc, 0, 1) == ["", "D", "E"]


def test_rows_after_move_does_not_change_the_document(doc):
    lists = edits.rows_after_move(doc, [(0, 0, 0)], 0, 1, 9)
    assert [i.name for i in lists[(0, 1)]] == ["D", "E", "A"]
    assert names(doc, 0, 0) == ["A", "B", "C"]


def test_moving_missing_rows_is_a_chinese_error(doc):
    with pytest.raises(edits.EditError, match="没有这一行"):
        edits.move_indicators_to(doc, [(0, 0, 7)], 0, 1, 0)
    with pytest.raises(edits.EditError, match="二级指标"):
        edits.move_indicators_to(doc, [(0, 0, 0)], 0, 9, 0)


def test_any_moves_undone_give_back_the_table(doc):
    """Random moves between all 二级, then undone in reverse: the document is as it was."""
    rng = random.Random(14)
    original = copy.deepcopy(doc)
    groups = [(i1, i2) for i1, l1 in enumerate(doc.level1) for i2 in range(len(l1.groups))]
    undo = []
    for _ in range(60):
        rows = [p for p, *_ in doc.iter_indicators()]
        picked = rng.sample(rows, rng.randint(1, min(3, len(rows))))
        i1, i2 = rng.choice(groups)
        count = len(doc.group_at(i1, i2).indicators)
        undo.append(edits.move_indicators_to(doc, picked, i1, i2, rng.randint(0, count))[0])
        assert all(doc.group_at(*g).indicators for g in groups)
    for before in reversed(undo):
        edits.set_row_lists(doc, before)
    assert doc == original
