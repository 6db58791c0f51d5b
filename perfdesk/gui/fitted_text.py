"""One line of text that grows with the document (a problem, why the work is unprotected), cut to its room.

A QLabel or QPushButton asks for its whole text's width as its minimum. A dock's title bar passes that
on to the window (QDockWidgetLayout takes its title widget's `minimumSizeHint()`, whatever
`setMinimumWidth` says), which then grew past the screen's edge: 1125 px on an 800 px screen for one
long problem. The status bar does not widen the window but cuts its labels off mid-character. These
widgets ask for little, show as much as fits, end what they cut with … (keeping an ending such as
`（点击展开）` whole) and show the whole text in their tooltip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget as _Widget
else:
    _Widget = object

#: What the widget asks for at least: a word or two, whatever its text.
MIN_WIDTH = 40


class _FittedText(_Widget):
    """Mixed into a QLabel or QPushButton (before it): their text, fitted to their width."""

    _full = ""
    _ending = ""
    _tip = ""

    if TYPE_CHECKING:
        def text(self) -> str: ...
        def setText(self, __text: str) -> None: ...

    def show_text(self, text: str, ending: str = "", tip: str = "") -> None:
        """Show `text` + `ending`, `text` cut with … when there is no room; the tooltip is `tip` while
        nothing is cut, else the whole text."""
        self._full, self._ending, self._tip = text, ending, tip
        self._fit()
        self.updateGeometry()

    def full_text(self) -> str:
        return self._full + self._ending

    def sizeHint(self) -> QSize:
        """The room for the whole text: given when the window has it."""
        return QSize(self._margins() + self.fontMetrics().horizontalAdvance(self.full_text()),
                     super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_WIDTH, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _margins(self) -> int:
        """What the widget puts around its text (padding, frame): its own size hint less the text shown."""
        return super().sizeHint().width() - self.fontMetrics().horizontalAdvance(self.text())

    def _fit(self) -> None:
        metrics = self.fontMetrics()
        room = self.width() - self._margins()
        whole = self.full_text()
        shown = whole
        if metrics.horizontalAdvance(whole) > room:
            cut = metrics.elidedText(self._full, Qt.TextElideMode.ElideRight,
                                     max(0, room - metrics.horizontalAdvance(self._ending)))
            shown = cut + self._ending
        if shown != self.text():
            self.setText(shown)
        self.setToolTip(self._tip if shown == whole else whole)


class FittedButton(_FittedText, QPushButton):
    """A QPushButton whose one line of text is cut to its width (see the module's docstring)."""


class FittedLabel(_FittedText, QLabel):
    """A QLabel whose one line of text is cut to its width (see the module's docstring)."""
