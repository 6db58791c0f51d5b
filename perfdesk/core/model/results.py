"""What the core computes from a document: scores, totals, problems, and where they are.

These plain records are the only thing the window, the exports and the command
line show, so all of them agree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal
from enum import Enum
from typing import NamedTuple, Protocol

#: Enough digits to round any value the parser accepts (≤ 15 integer digits) times any weight.
WIDE = Context(prec=60)


class Explained(Protocol):
    """What keeps its own explanation, written when first read (a rule's outcome)."""

    @property
    def explanation(self) -> str: ...


#: A score's explanation, the function that writes it, or what keeps it. Most are never read
#: (a tooltip only when hovered, `check` prints the totals), and writing all of them was about
#: a fifth of analysing a 500-row table.
Explanation = str | Callable[[], str] | Explained


def written(explanation: Explanation) -> str:
    """The text of an `Explanation`."""
    if isinstance(explanation, str):
        return explanation
    return explanation() if callable(explanation) else explanation.explanation


class Location(NamedTuple):
    """A place in the table.

    section: "project" | "funds" | "goals" | "indicator" | "group" | "signature" | "table"
    path:    indices: funds (row,), indicator (i1, i2, i3), group (i1, i2), else ()
    field:   the document field name (`actual`, `weight`, `executed`, `name` …) or ""
    label:   Chinese description for messages, e.g. `产出指标 › 数量指标 › 1.接收… › 实际完成值`
    id:      the stable id of the group or indicator (see model.ids), "" elsewhere; the path
             says where the row is now, the id which row it is

    A named tuple, as `Problem`: immutable, and made in one step (a large table's first
    analysis makes hundreds of both).
    """

    section: str
    path: tuple[int, ...] = ()
    field: str = ""
    label: str = ""
    id: str = ""

    def to_json(self) -> dict:
        return {"section": self.section, "path": list(self.path), "id": self.id, "field": self.field,
                "label": self.label}


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class Problem(NamedTuple):
    """One thing wrong in the table, at the cell the user has to change."""

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


#: How each rule scores, as the grid's tooltips name it (`direction_label`).
DIRECTION_LABELS = {
    ScoreKind.POSITIVE: "正向（实际值越高越好，按实际值 ÷ 目标值计分）",
    ScoreKind.NEGATIVE: "反向（实际值越低越好，不超过目标值得满分）",
    ScoreKind.EXACT: "等值（实际值应等于目标值）",
    ScoreKind.ZERO: "零目标（未发生即得满分）",
    ScoreKind.RANGE: "区间（实际值在区间内得满分）",
    ScoreKind.DEADLINE: "时限（不晚于期限得满分）",
    ScoreKind.QUALITATIVE: "定性（按所选完成档次计分）",
}


def direction_label(direction: ScoreKind | None, kind: ScoreKind | None = None) -> str:
    """`评分方式：反向（实际值越低越好…）` for a row whose target asks for `direction`; a manual score
    says so first. Empty when neither is known (no target yet, a relative target)."""
    rule = DIRECTION_LABELS.get(direction, "") if direction is not None else ""
    if kind is ScoreKind.MANUAL:
        return "评分方式：人工评分" + (f"（规则为{rule}）" if rule else "")
    return f"评分方式：{rule}" if rule else ""


def direction_tag(direction: ScoreKind | None) -> str:
    """The direction in one character (`正`, `反`, `区` …), for a mark in the grid's target cells."""
    return DIRECTION_LABELS.get(direction, "")[:1] if direction is not None else ""


@dataclass(slots=True)  # one per row: slots make building it cheaper (no __dict__)
class IndicatorResult:
    """Score of one 三级 indicator (or its share of a group's weight)."""

    path: tuple[int, int, int]
    names: tuple[str, str, str]  # 一级, 二级, 三级
    weight: Decimal | None  # its own weight, or its equal share of the group weight
    score: Decimal | None  # rounded per profile; None when it cannot be scored
    kind: ScoreKind
    why: Explanation = field(repr=False, compare=False)  # read it as `explanation`
    over_achieved: bool = False
    needs_reason: bool = False  # score below weight or over-achievement: a reason is required
    counted: bool = True  # False for blank placeholder rows and members of a weighted group
    grade: str = ""  # qualitative: the grade the filler chose, short (`部分达成`); "" when none
    direction: ScoreKind | None = None  # the rule the target asks for, even before the actual is typed

    @property
    def explanation(self) -> str:
        """Chinese, with the numbers used; written when first read, then kept."""
        text = written(self.why)
        self.why = text
        return text

    def to_json(self) -> dict:
        return {
            "path": list(self.names),
            "weight": _num(self.weight),
            "score": _num(self.score),
            "kind": self.kind.value,
            "direction": self.direction.value if self.direction else None,
            "grade": self.grade,
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
    """The execution rate and its score: the funds block of the table."""

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


@dataclass(frozen=True)
class Claim:
    """One claimed score beside the computed one."""

    location: Location  # the claimed field (`published_score`), with the row id
    text: str  # as written
    claimed: Decimal | None  # None when unreadable
    computed: Decimal | None  # None when the rules cannot score the row
    weight: Decimal | None
    agrees: bool  # equal at the precision the claim was written in

    @property
    def difference(self) -> Decimal | None:
        """Claimed minus computed, None when either is unknown."""
        if self.claimed is None or self.computed is None:
            return None
        return self.claimed - self.computed

    def to_json(self) -> dict:
        diff = self.difference
        return {
            "location": self.location.to_json(),
            "claimed_text": self.text,
            "claimed": None if self.claimed is None else float(self.claimed),
            "computed": None if self.computed is None else float(self.computed),
            "difference": None if diff is None else float(diff),
            "agrees": self.agrees,
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
    claims: list[Claim] = field(default_factory=list)  # claimed scores beside the computed ones

    def indicator(self, path: Sequence[int]) -> IndicatorResult | None:
        return self._by_path("indicators", self.indicators).get(tuple(path))

    def group(self, path: Sequence[int]) -> GroupResult | None:
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
            "claims": [c.to_json() for c in self.claims],
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
    text = f"{value:f}"
    dot = text.find(".")
    if dot >= 0 and len(text) - dot - 1 > places:  # more decimals than shown: round (most are not)
        text = f"{value.quantize(_QUANTA.get(places) or quantum(places), rounding=ROUND_HALF_UP, context=WIDE):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_percent(fraction: Decimal | None) -> str:
    """0.516316 → `51.63%`."""
    return "" if fraction is None else f"{format_decimal(fraction * 100, 2)}%"
