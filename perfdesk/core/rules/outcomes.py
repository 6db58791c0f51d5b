"""What a rule says about one indicator: the outcome, the issues met, and how numbers are shown.

Shared by the formulas (`formulas`) and the readings that prepare a row for them (`readings`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from perfdesk.core.model.results import ScoreKind, Severity, format_decimal
from perfdesk.core.values.parse import Value, ValueKind


@dataclass(slots=True)
class Issue:
    """A problem the rule met in an indicator's own cells; never changed once made (not frozen for
    the cost, see `Outcome`)."""

    code: str  # a key of perfdesk.core.rules.validation.CODES
    field: str  # the indicator field it concerns (target, actual, quality_score …)
    severity: Severity
    message: str  # Chinese, without the location: the caller prefixes it


@dataclass(slots=True)
class Outcome:
    """What the rule made of one indicator's target and actual; never changed once made (only its
    explanation is written when first read), so entries and results share it.

    Not a frozen dataclass: one is made per row, and a frozen one's attributes are set through
    object.__setattr__ (or a whole __dict__), about twice the cost of making this one."""

    score: Decimal | None  # unrounded, capped and reduced per profile; None = not scored
    kind: ScoreKind
    why: str | Callable[[], str] = field(repr=False, compare=False)  # read it as `explanation`
    over_achieved: bool = False
    issues: tuple[Issue, ...] = ()
    grade: str = ""  # the chosen qualitative grade, short (`部分达成`), printed beside the score

    @property
    def explanation(self) -> str:
        """Chinese, with the numbers used; written once, when first read (most never are: a tooltip
        shows one when hovered), so analysing a table does not write hundreds of texts."""
        if isinstance(self.why, str):
            return self.why
        text = self.why = self.why()
        return text


def show(number: Decimal | None, unit: str = "") -> str:
    """A number with its unit as people write it: `19.62万元`, `98%`, `1:15.8`."""
    text = format_decimal(number, 4)
    return f"1:{text}" if unit == "1:" else f"{text}{unit}"


def show_value(v: Value) -> str:
    """A value as the explanations write it: `98%`, `2023年12月`, `80%至90%`, `达标`."""
    if v.kind is ValueKind.NUMBER:
        return show(v.number, v.unit)
    if v.kind is ValueKind.DATE:
        return (f"{v.year}年" if v.year else "") + (f"{v.month}月" if v.month else "") + (f"{v.day}日" if v.day else "")
    if v.kind is ValueKind.RANGE:
        return f"{show(v.low, v.unit)}至{show(v.high, v.unit)}"
    return v.word or v.text.strip()


#: Looked up once: Python 3.11 looks an enum member up through EnumType.__getattr__ (slow), and
#: every unreadable cell makes an unscored outcome with an error.
_UNSCORED, _ERROR = ScoreKind.UNSCORED, Severity.ERROR


def unscored(explanation: str, *issues: Issue) -> Outcome:
    """No score, and why (the explanation), with the issues to show."""
    return Outcome(None, _UNSCORED, explanation, False, issues)  # positional: no kwargs dict


def error(code: str, field: str, message: str) -> Issue:
    """An error-level issue in one of the row's own cells."""
    return Issue(code, field, _ERROR, message)
