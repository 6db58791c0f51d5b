"""In-cell editor of a qualitative indicator's actual value: the word, the grade and its points."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from perfdesk.core.model.results import format_decimal
from perfdesk.core.rules.profile import QualityGrade
from perfdesk.core.values.parse import parse_number


def grade_label(grade: QualityGrade) -> str:
    """`达成年度指标（80%–100%）`."""
    return f"{grade.label}（{format_decimal(grade.low)}%–{format_decimal(grade.high)}%）"


class QualityEditor(QFrame):
    """Word + grade combo + points limited to the chosen grade's band (band × weight ÷ 100)."""

    #: The user finished (Enter, or Tab / Shift+Tab past the last / first box): the delegate
    #: commits and moves on (True: backwards).
    finished = Signal(object)
    cancelled = Signal()

    def __init__(self, grades: tuple[QualityGrade, ...], weight: Decimal | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.grades, self.weight = grades, weight
        self.word = QLineEdit(self)
        self.word.setPlaceholderText("实际完成情况")
        self.grade = QComboBox(self)
        self.grade.addItem("（选择评价档次）", "")
        for g in grades:
            self.grade.addItem(grade_label(g), g.key)
        self.points = QDoubleSpinBox(self)
        self.points.setDecimals(2)
        self.points.setSuffix(" 分")
        box = QHBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        for w in (self.word, self.grade, self.points):
            box.addWidget(w)
            w.installEventFilter(self)
        self.setFocusProxy(self.word)
        self.grade.currentIndexChanged.connect(self._limit_points)
        self._limit_points()

    def band(self) -> tuple[Decimal, Decimal] | None:
        """The chosen grade's band in points, or None (no grade or no weight).

        Only the top grade includes its upper bound (80% of the weight is grade A, not B),
        so a lower grade ends one hundredth of a point below it.
        """
        grade = self.chosen()
        if grade is None or self.weight is None:
            return None
        low, high = grade.points(self.weight)
        return low, high if grade is self.grades[0] else high - Decimal("0.01")

    def chosen(self) -> QualityGrade | None:
        key = self.grade.currentData()
        return next((g for g in self.grades if g.key == key), None)

    def set_values(self, word: str, grade_key: str, score: str) -> None:
        self.word.setText(word)
        self.grade.setCurrentIndex(max(0, self.grade.findData(grade_key)))
        number = parse_number(score)
        if number is not None:
            self.points.setValue(float(number))

    def values(self) -> tuple[str, str, str]:
        """(word, grade key, points text); points are empty without a grade."""
        key = self.grade.currentData() or ""
        score = format_decimal(Decimal(str(self.points.value()))) if self.band() is not None else ""
        return self.word.text(), key, score

    def _limit_points(self) -> None:
        band = self.band()
        self.points.setEnabled(band is not None)
        if band is None:
            self.points.setRange(0, 0)
            return
        low, high = band
        self.points.setRange(float(low), float(high))
        grade = self.chosen()
        if grade is not None and self.weight is not None:  # always so when there is a band
            self.points.setValue(float(grade.default_points(self.weight)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._leave(self.finished, False)
                return True
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self._tab(watched, back=key == Qt.Key.Key_Backtab)
                return True
            if key == Qt.Key.Key_Escape:
                self._leave(self.cancelled)
                return True
        return super().eventFilter(watched, event)

    def _tab(self, watched: QObject, back: bool) -> None:
        """Tab walks word → grade → points (a keyboard user must reach the grade); past either end
        it leaves the editor like Tab in any other cell."""
        chain = [w for w in (self.word, self.grade, self.points) if w.isEnabled()]
        position = chain.index(watched) + (-1 if back else 1) if watched in chain else len(chain)
        if 0 <= position < len(chain):
            chain[position].setFocus(Qt.FocusReason.BacktabFocusReason if back else Qt.FocusReason.TabFocusReason)
        else:
            self._leave(self.finished, back)

    def _leave(self, signal, *args) -> None:
        """Focus back on the word before the grid closes the editor: when the hidden grade or
        points box still held it, Qt moved on by a synthetic Tab, one cell too far."""
        self.word.setFocus()
        signal.emit(*args)
