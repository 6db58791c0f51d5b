"""Pinyin sort keys that Python compares natively: the collator's order, whatever order characters are met in."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QCollator, QLocale

from perfdesk.gui.summary import collation as module
from perfdesk.gui.summary.collation import Collation

CHINA = QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    pool = [chr(rng.randint(0x4E00, 0x4E00 + 3000)) for _ in range(300)] + list("abcXYZ0129（）-·")
    return ["".join(rng.choice(pool) for _ in range(rng.randint(1, 8))) for _ in range(count)]


def _collator_order(texts: list[str]) -> list[str]:
    collator = QCollator(CHINA)
    return sorted(texts, key=collator.sortKey)


def test_keys_sort_as_the_collator_does_whatever_order_the_characters_arrive_in() -> None:
    texts = _texts(1, 2000)
    collation = Collation(CHINA)
    keys: dict[str, tuple[int, ...]] = {}
    for start in range(0, len(texts), 150):  # keys made early are compared with keys made later
        keys.update((t, collation.key(t)) for t in texts[start:start + 150])
    assert collation.generation == 0  # room enough: nothing was renumbered
    assert sorted(texts, key=keys.__getitem__) == _collator_order(texts)


def test_names_in_pinyin_order_and_letters_differing_in_case_side_by_side() -> None:
    collation = Collation(CHINA)
    names = ["饮水安全", "居家养老", "社区矫正", "农村道路", "Beta", "alpha", "ALPHA"]
    assert sorted(names, key=lambda n: (collation.key(n), n)) == [
        "居家养老", "农村道路", "社区矫正", "饮水安全", "ALPHA", "alpha", "Beta"]


def test_when_no_room_is_left_the_ranks_are_renumbered_and_the_generation_says_so(monkeypatch) -> None:
    monkeypatch.setattr(module, "_GAP", 2)  # room for one character between two others
    collation = Collation(CHINA)
    texts = _texts(2, 400)
    for text in texts:
        collation.key(text)
    assert collation.generation > 0
    assert sorted(texts, key=collation.key) == _collator_order(texts)


@pytest.mark.parametrize("gap", [2, 1 << 64])
def test_the_model_sorts_by_pinyin_also_after_a_renumbering(monkeypatch, gap) -> None:
    from PySide6.QtCore import Qt

    from perfdesk.core.summary.row import SummaryRow
    from perfdesk.gui.summary import columns
    from perfdesk.gui.summary.columns import NAME
    from perfdesk.gui.summary.table_model import SummaryModel

    monkeypatch.setattr(module, "_GAP", gap)
    monkeypatch.setattr(columns, "COLLATION", Collation(CHINA))
    monkeypatch.setattr("perfdesk.gui.summary.table_model.COLLATION", columns.COLLATION)
    texts = _texts(3, 300)
    model = SummaryModel()
    model.sort(NAME, Qt.SortOrder.AscendingOrder)
    for start in range(0, len(texts), 40):  # each batch meets new characters while sorted
        model.add_rows([SummaryRow(file=f"/报送/{start + i}.pdesk", ok=True, name=t)
                        for i, t in enumerate(texts[start:start + 40])])
    shown = [model.entry(r).row.name for r in range(model.rowCount())]
    assert [n.casefold() for n in shown] == [n.casefold() for n in _collator_order(texts)]
