"""The status bar's figures: weights total, total score, grade, verification code."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QLabel, QStatusBar

from perfdesk.core.model.results import Evaluation, format_decimal
from perfdesk.core.rules.profile import Profile

ERROR_STYLE = "color: #c62828; font-weight: bold;"


@dataclass(frozen=True)
class StatusFigures:
    """What the status bar shows, computed without a widget so it is tested plainly."""

    weights: str  # `分值合计 95/100`
    weights_ok: bool  # exactly the profile's total
    total: str  # `总分 86.5`
    grade: str  # `等级 良`
    code: str  # `验证码 ABCD-EF01-2345`

    @classmethod
    def of(cls, evaluation: Evaluation, profile: Profile, code: str) -> StatusFigures:
        return cls(
            weights=f"分值合计 {format_decimal(evaluation.weights_total)}/{format_decimal(profile.weights_total)}",
            weights_ok=evaluation.weights_total == profile.weights_total,
            total=f"总分 {format_decimal(evaluation.total)}",
            grade=f"等级 {evaluation.grade}",
            code=f"验证码 {code}",
        )


class StatusPanel:
    """Permanent labels on the right of the window's status bar."""

    def __init__(self, bar: QStatusBar) -> None:
        self.weights = QLabel()
        self.total = QLabel()
        self.grade = QLabel()
        self.code = QLabel()
        self.weights.setToolTip("计入总分的分值合计，必须正好等于模板规定的总分值")
        self.code.setToolTip("表格内容的验证码：内容不变则验证码不变，打印件和 PDF 上印有同一验证码")
        for label in (self.weights, self.total, self.grade, self.code):
            bar.addPermanentWidget(label)

    def show(self, figures: StatusFigures) -> None:
        self.weights.setText(figures.weights)
        self.weights.setStyleSheet("" if figures.weights_ok else ERROR_STYLE)
        self.total.setText(figures.total)
        self.grade.setText(figures.grade)
        self.code.setText(figures.code)
