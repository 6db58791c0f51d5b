"""What the core computes from a document: scores, totals, problems, and where they are.

These plain records are the only thing the window, the exports and the command
line show, so all of them agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal
from enum import Enum

#: Enough digits to round any value the parser accepts (≤ 15 integer digits) times any weight.
WIDE = Context(prec=60)


@dataclass(frozen=True)
class Location:
    """A place in the table.

    section: "project" | "funds" | "goals" | "indicator" | "group" | "signature" | "table"
    path:    indices: funds (row,), indicator (i1, i2, i3), group (i1, i2), else ()
    field:   the document field name (`actual`, `weight`, `executed`, `name` …) or ""
    label:   Chinese description for messages, e.g. `产出指标 › 数量指标 › 1.接收… › 实际完成值`
    """

    section: str
    path: tuple[int, ...] = ()
    field: str = ""
    label: str = ""

    def to_json(self) -> dict:
        return {"section": self.section, "path": list(self.path), "field": self.field, "label": self.label}


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    severity: Severity
    code: str  # stable, e.g. "WEIGHTS_TOTAL"; listed in perfdesk.core.rules.validation.CODES
    message: str  # Chinese, says what is wrong and what to do
    location: Location

    def to_json(self) -> dict:
        return {
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "location": self.location.to_json(),
        }


class ScoreKind(str, Enum):
    POSITIVE = "positive"  # 正向: weight × actual ÷ target
    NEGATIVE = "negative"  # 反向: full when actual ≤ target, else weight × target ÷ actual
    ZERO = "zero"  # zero target: full when met, else 0
    EXACT = "exact"  # `=100%`: full when met, else proportional
    RANGE = "range"  # full inside, deduction outside
    DEADLINE = "deadline"  # on or before the date
    QUALITATIVE = "qualitative"  # grade band chosen by the filler
    MANUAL = "manual"  # a person's judgement overrides the rule
    UNSCORED = "unscored"  # cannot be scored (unreadable, missing, no weight, relative target)


@dataclass
class IndicatorResult:
    """Score of one 三级 indicator (or its share of a group's weight)."""

    path: tuple[int, int, int]
    names: tuple[str, str, str]  # 一级, 二级, 三级
    weight: Decimal | None  # its own weight, or its equal share of the group weight
    score: Decimal | None  # rounded per profile; None when it cannot be scored
    kind: ScoreKind
    explanation: str  # Chinese, with the numbers used
    over_achieved: bool = False
    needs_reason: bool = False  # score below weight or over-achievement: a reason is required
    counted: bool = True  # False for blank placeholder rows and members of a weighted group

    def to_json(self) -> dict:
        return {
            "path": list(self.names),
            "weight": _num(self.weight),
            "score": _num(self.score),
            "kind": self.kind.value,
            "explanation": self.explanation,
            "over_achieved": self.over_achieved,
        }


@dataclass
class GroupResult:
    """Score of a 二级 group that carries one weight for all its rows."""

    path: tuple[int, int]
    names: tuple[str, str]
    weight: Decimal
    score: Decimal | None
    explanation: str
    manual: bool = False
    needs_reason: bool = False

    def to_json(self) -> dict:
        return {
            "path": list(self.names),
            "weight": _num(self.weight),
            "score": _num(self.score),
            "explanation": self.explanation,
            "manual": self.manual,
        }


@dataclass
class FundsResult:
    rate: Decimal | None  # execution rate as a fraction (0.5163), None when unreadable
    weight: Decimal | None
    score: Decimal | None
    explanation: str
    counted: bool  # part of the 100 and the total
    scored: bool
    manual: bool = False

    def to_json(self) -> dict:
        return {
            "rate": _num(self.rate),
            "weight": _num(self.weight),
            "score": _num(self.score),
            "explanation": self.explanation,
            "counted": self.counted,
            "manual": self.manual,
        }


@dataclass
class Evaluation:
    """Everything computed for a document under its profile."""

    funds: FundsResult
    indicators: list[IndicatorResult]
    groups: list[GroupResult]
    level1_weights: dict[str, Decimal]  # counted weight per 一级 name
    weights_total: Decimal  # all counted weights, funds included when counted
    total_uncapped: Decimal
    total: Decimal  # after the profile's caps, rounded
    total_explanation: str
    grade: str
    problems: list[Problem] = field(default_factory=list)

    def indicator(self, path: tuple[int, int, int]) -> IndicatorResult | None:
        return self._by_path("indicators", self.indicators).get(tuple(path))

    def group(self, path: tuple[int, int]) -> GroupResult | None:
        return self._by_path("groups", self.groups).get(tuple(path))

    def _by_path(self, name: str, items: list) -> dict:
        """Results by path, rebuilt when the list changes: a scan per call is quadratic on big tables."""
        cache = self.__dict__.setdefault("_path_index", {})
        entry = cache.get(name)
        if entry is None or entry[0] is not items or entry[1] != len(items):
            entry = cache[name] = (items, len(items), {r.path: r for r in reversed(items)})
        return entry[2]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    def to_json(self) -> dict:
        return {
            "total": _num(self.total),
            "total_uncapped": _num(self.total_uncapped),
            "grade": self.grade,
            "weights_total": _num(self.weights_total),
            "execution_rate": _num(self.funds.rate),
            "funds": self.funds.to_json(),
            "level1_weights": {k: _num(v) for k, v in self.level1_weights.items()},
            "indicators": [r.to_json() for r in self.indicators],
            "groups": [g.to_json() for g in self.groups],
            "problems": [p.to_json() for p in self.problems],
        }


def _num(value: Decimal | None) -> float | None:
    """JSON numbers: Decimal → float only at the edge, for output."""
    return None if value is None else float(value)


_QUANTA = {places: Decimal(1).scaleb(-places) for places in range(8)}  # 1, 0.1, 0.01 …: made once


def quantum(places: int) -> Decimal:
    """10 ** -places, the step `Decimal.quantize` rounds to (hot: every score and its text)."""
    return _QUANTA.get(places) or Decimal(1).scaleb(-places)


def format_decimal(value: Decimal | None, places: int = 2) -> str:
    """Display form: at most `places` decimals, half up as people round (`51.625` → `51.63`),
    trailing zeros dropped (`9.50` → `9.5`)."""
    if value is None:
        return ""
    q = value.quantize(_QUANTA.get(places) or quantum(places), rounding=ROUND_HALF_UP, context=WIDE)
    text = f"{q:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_percent(fraction: Decimal | None) -> str:
    """0.516316 → `51.63%`."""
    return "" if fraction is None else f"{format_decimal(fraction * 100, 2)}%"
