"""The 汇总 model alone: rows arriving in batches land in their sorted place in both directions."""

from __future__ import annotations

import random
from decimal import Decimal

from PySide6.QtCore import Qt

from perfdesk.core.summary.row import SummaryRow, unreadable
from perfdesk.gui.summary.columns import BUDGET, NAME
from perfdesk.gui.summary.table_model import SummaryModel


def _rows(count: int) -> list[SummaryRow]:
    rng = random.Random(7)
    return [SummaryRow(file=f"/报送/{i:03d}.pdesk", ok=True, name=rng.choice(["农村公路", "饮水安全", "养老", ""]),
                       budget=Decimal(rng.randint(0, 40)) if i % 5 else None) for i in range(count)]


def _shown(model: SummaryModel, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_batches_arriving_while_sorted_keep_the_order_and_the_model_stays_consistent(qtmodeltester):
    rows = _rows(60)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model = SummaryModel()
        qtmodeltester.check(model)
        model.expect(r.file for r in rows)
        model.sort(BUDGET, order)
        shuffled = rows[:]
        random.Random(3).shuffle(shuffled)
        for start in range(0, len(shuffled), 17):
            model.add_rows(shuffled[start:start + 17])
        qtmodeltester.check(model)
        budgets = [model.entry(r).row.budget for r in range(model.rowCount())]
        known = [b for b in budgets if b is not None]
        ascending = order == Qt.SortOrder.AscendingOrder
        assert known == sorted(known, reverse=not ascending)
        assert budgets.index(None) == (len(known) if ascending else 0)  # blanks after the figures, ascending
        seqs = [(model.entry(r).row.budget, model.entry(r).seq) for r in range(model.rowCount())]
        for (b1, s1), (b2, s2) in zip(seqs, seqs[1:], strict=False):
            if b1 == b2:
                assert s1 < s2  # equal values in 序号 order, both directions


def test_a_refreshed_row_stays_where_it_stands(qtmodeltester):
    model = SummaryModel()
    qtmodeltester.check(model)
    rows = _rows(10)
    model.add_rows(rows)
    model.sort(NAME, Qt.SortOrder.AscendingOrder)
    before = [model.entry(r).row.file for r in range(model.rowCount())]
    model.add_rows([unreadable(before[2], "文件已损坏")])
    assert [model.entry(r).row.file for r in range(model.rowCount())] == before
    assert model.entry(2).row.error == "文件已损坏" and model.rowCount() == 10
