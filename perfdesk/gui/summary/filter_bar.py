"""The row of filter controls above the 汇总表; it says what to show as a `RowFilter`."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from perfdesk.core.review.model import STATUS_NAMES, status_name
from perfdesk.gui.summary.filters import NO_DEPARTMENT, RowFilter

ALL = "全部"
#: Typing in the search box filters after this pause (ms), not on every key of 10,000 rows.
SEARCH_DELAY_MS = 200


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索项目名称、主管部门、实施单位或文件名")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 7)
        self.status = self._combo("按审核状态筛选")
        self.grade = self._combo("按等级筛选")
        self.department = self._combo("按主管部门筛选")
        self.errors_only = QCheckBox("只看有错误的")
        self.errors_only.setToolTip("只显示校验有错误的表（未能读取的文件见“只看未能读取的”）")
        self.claims_only = QCheckBox("只看原表得分不符的")
        self.claims_only.setToolTip("只显示原表填写的得分或总分与按规则计算的不一致的表")
        self.unreadable_only = QCheckBox("只看未能读取的")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        for label, combo in (("审核状态", self.status), ("等级", self.grade), ("主管部门", self.department)):
            layout.addWidget(QLabel(f"{label}："))
            layout.addWidget(combo, 1)
        for box in (self.errors_only, self.claims_only, self.unreadable_only):
            layout.addWidget(box)
            box.toggled.connect(self.changed)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(SEARCH_DELAY_MS)
        self._typing.timeout.connect(self.changed)
        self.search.textChanged.connect(self._typing.start)
        self.search.returnPressed.connect(self._search_now)

    def _combo(self, tip: str) -> QComboBox:
        combo = QComboBox()
        combo.setToolTip(tip)
        # narrow enough for a 1366×768 screen at 150% scaling; wider when there is room
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(3)
        combo.addItem(ALL, None)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def _search_now(self) -> None:
        self._typing.stop()
        self.changed.emit()

    def row_filter(self) -> RowFilter:
        return RowFilter(
            words=tuple(self.search.text().casefold().split()),
            status=self.status.currentData(),
            grade=self.grade.currentData(),
            department=self.department.currentData(),
            errors_only=self.errors_only.isChecked(),
            claims_only=self.claims_only.isChecked(),
            unreadable_only=self.unreadable_only.isChecked(),
        )

    def offer(self, statuses: set[str], grades: set[str], departments: set[str], grade_order: Sequence[str]) -> None:
        """Fill the choices with the values the listed files have (the current choice is kept)."""
        _fill(self.status, [(status_name(s), s) for s in _ordered(statuses, list(STATUS_NAMES))])
        _fill(self.grade, [(g, g) for g in _ordered(grades, list(grade_order))])
        _fill(self.department, [(d, d) for d in _ordered(departments, [NO_DEPARTMENT], known_last=True)])


def _ordered(values: set[str], order: list[str], known_last: bool = False) -> list[str]:
    """`values` in `order`, the others sorted before (`known_last`) or after them."""
    known = [v for v in order if v in values]
    others = sorted(values - set(known))
    return others + known if known_last else known + others


def _fill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
    """Replace the choices after 全部 unless they are the same; a chosen value stays chosen."""
    if [(combo.itemText(i), combo.itemData(i)) for i in range(1, combo.count())] == items:
        return
    chosen, chosen_text = combo.currentData(), combo.currentText()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for text, value in items:
        combo.addItem(text, value)
    if chosen is not None:
        if combo.findData(chosen) < 0:  # no listed file has it now: keep the choice the user made
            combo.addItem(chosen_text, chosen)
        combo.setCurrentIndex(combo.findData(chosen))
    combo.blockSignals(False)
