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


def test_the_filter_shows_matching_rows_in_order_also_those_arriving_later(qtmodeltester):
    from perfdesk.gui.summary.filters import RowFilter

    rows = _rows(60)
    model = SummaryModel()
    qtmodeltester.check(model)
    model.add_rows(rows[:30])
    model.sort(BUDGET, Qt.SortOrder.DescendingOrder)
    model.set_filter(RowFilter(words=("饮水",)))
    model.add_rows(rows[30:])
    wanted = [r for r in rows if r.name == "饮水安全"]
    shown = [model.entry(r).row for r in range(model.rowCount())]
    assert sorted(shown, key=lambda r: r.file) == wanted and model.total() == 60
    budgets = [r.budget for r in shown if r.budget is not None]
    assert budgets == sorted(budgets, reverse=True)
    assert [e.row for e in model.shown()] == shown
    model.set_filter(RowFilter())
    figures = [Decimal(text) for text in _shown(model, BUDGET) if text]
    assert model.rowCount() == 60 and len(figures) == 48 and figures == sorted(figures, reverse=True)


def test_a_kept_index_follows_its_row_and_is_let_go_when_the_filter_hides_it(qtmodeltester):
    from PySide6.QtCore import QPersistentModelIndex

    from perfdesk.gui.summary.filters import RowFilter

    model = SummaryModel()
    qtmodeltester.check(model)
    rows = _rows(40)
    model.add_rows(rows)
    target = next(r for r in rows if r.name == "养老")
    kept = QPersistentModelIndex(model.index(rows.index(target), NAME))
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    model.set_filter(RowFilter(words=("养老",)))
    assert kept.isValid() and model.entry(kept.row()).row is target and kept.column() == NAME
    model.set_filter(RowFilter(words=("饮水",)))
    assert not kept.isValid()


def test_a_row_read_again_that_no_longer_matches_leaves_the_filtered_list(qtmodeltester):
    from dataclasses import replace

    from perfdesk.gui.summary.filters import RowFilter

    model = SummaryModel()
    qtmodeltester.check(model)
    rows = [replace(r, errors=1) for r in _rows(10)]
    model.add_rows(rows)
    model.set_filter(RowFilter(errors_only=True))
    model.add_rows([replace(rows[3], errors=0)])  # corrected and saved
    assert model.rowCount() == 9 and rows[3].file not in [e.row.file for e in model.shown()]
    model.add_rows([replace(rows[3], errors=2)])
    assert model.rowCount() == 10 and model.entry(3).row.errors == 2


def test_a_new_filter_reuses_the_duplicates_of_the_same_rows(monkeypatch):
    from dataclasses import replace

    from perfdesk.gui.summary import figures
    from perfdesk.gui.summary.columns import Entry
    from perfdesk.gui.summary.filters import RowFilter

    counted = []
    monkeypatch.setattr(figures, "duplicates", lambda rows: counted.append(len(rows)) or {0: "重复"})
    entries = [Entry(i, row) for i, row in enumerate(_rows(8))]
    first = figures.compute(1, entries, RowFilter(), ["优"])
    second = figures.compute(2, entries, RowFilter(words=("养老",)), ["优"], known=first)
    assert counted == [8] and second.duplicates == {0: "重复"}
    entries[3].set_row(replace(entries[3].row, name="养老（改）"))  # read again after saving
    figures.compute(3, entries, RowFilter(words=("养老",)), ["优"], known=second)
    assert counted == [8, 8]
