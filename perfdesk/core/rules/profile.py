"""Templates and their rule profiles, loaded from the JSON files under `templates/`.

A template says what the table looks like (labels, the 一级/二级 tree, funds
rows) and by which rules it is scored (weights, bands, capping, rounding, caps,
grades). Every difference between provinces is a setting here; a new variant
is a new file, not new code. Loading validates the file and reports its name
and the problem (`TemplateError`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from perfdesk.core.model.document import Signature
from perfdesk.core.model.fields import field_def
from perfdesk.core.model.results import WIDE, quantum
from perfdesk.paths import templates_dir

ROUNDING_MODES = {"half_up": ROUND_HALF_UP, "down": ROUND_DOWN}
DIRECTIONS = ("positive", "negative")
#: Indicator columns a template may leave off the printed table (see layout.columns.UNPRINTABLE).
UNPRINTABLE_COLUMNS = ("weight",)
#: Fields of the signature line a template may place (model.document.Signature).
SIGNATURE_FIELDS = tuple(name for name in Signature.__dataclass_fields__ if name != "extra")


class TemplateError(Exception):
    """A template file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Rounding:
    """How a profile rounds scores (places and mode)."""

    places: int  # decimals kept: 0 = integer, 1 = 0.1, 2 = 0.01
    mode: str  # key of ROUNDING_MODES
    # Made once, not per call: an analysis rounds every score, thousands in a large table. The
    # context carries the mode, so rounding is one positional call (keyword arguments to
    # Decimal.quantize cost more than the rounding itself).
    _step: Decimal = field(init=False, repr=False, compare=False)
    _context: Context = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_step", quantum(self.places))
        object.__setattr__(self, "_context", Context(prec=WIDE.prec, rounding=ROUNDING_MODES[self.mode]))

    def apply(self, value: Decimal) -> Decimal:
        """`value` rounded to `places` by `mode` (in the WIDE context's precision)."""
        return self._context.quantize(value, self._step)


@dataclass(frozen=True)
class FundsRowDef:
    """One row of the funds block (年度资金总额, 财政拨款 …)."""

    key: str
    label: str


@dataclass(frozen=True)
class FundsRules:
    """How the funds block is laid out and its execution rate scored."""

    rows: tuple[FundsRowDef, ...]  # the first row is the scored 年度资金总额
    columns: tuple[str, str, str]  # labels of 年初预算数 / 全年预算数 / 全年执行数
    weight: Decimal  # default 分值 of the execution rate
    scored: bool  # False: the rate is shown but never scored
    counted: bool  # False: scored and shown, but not part of the 100 nor the total
    cap: bool  # score at most the weight even when executed > budget
    rounding: Rounding


@dataclass(frozen=True)
class GroupDef:
    """A 二级 of the template and how a bare number in it is read."""

    name: str
    default_direction: str  # direction of a bare number (成本指标: "negative")


@dataclass(frozen=True)
class Level1Def:
    """A 一级 of the template with its 二级."""

    name: str
    groups: tuple[GroupDef, ...]


@dataclass(frozen=True)
class SplitPart:
    """A share of the 100 the profile expects (e.g. 产出 50, or 效益+满意度 40)."""

    level1: tuple[str, ...]  # names of 一级; ("资金",) never appears: funds are separate
    weight: Decimal


@dataclass(frozen=True)
class QualityGrade:
    """A completion grade of qualitative indicators: a band of the 分值."""

    key: str  # "A" / "B" / "C"
    label: str  # 达成年度指标 …
    low: Decimal  # percent of 分值, inclusive
    high: Decimal  # percent of 分值; inclusive only for the top grade (100)

    @property
    def short(self) -> str:
        """The grade as printed beside a score (`达成`, `部分达成`, `未达成`): the label before 年度指标."""
        head = self.label.split("年度指标", 1)[0]
        return head or self.label

    def points(self, weight: Decimal) -> tuple[Decimal, Decimal]:
        """The band in points; its upper end is included only for the top grade (high = 100)."""
        return weight * self.low / 100, weight * self.high / 100

    def default_points(self, weight: Decimal) -> Decimal:
        """What the grade editor proposes: full marks for the top grade; below it the band's middle
        on a half point when that stays in the band's middle half (6–8 → 7, 3–4 → 3.5), else on a
        tenth or a hundredth (0–0.6 → 0.3), so a clerk never meets an odd 3.99."""
        low, high = self.points(weight)
        if self.high == 100:
            return high
        middle, quarter = (low + high) / 2, (high - low) / 4
        for step in (Decimal("0.5"), Decimal("0.1")):
            value = (middle / step).quantize(Decimal(1), rounding=ROUND_HALF_UP, context=WIDE) * step
            if middle - quarter <= value <= middle + quarter and value < high:
                return value
        return middle.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP, context=WIDE)


@dataclass(frozen=True)
class OverAchievement:
    """When an indicator counts as over-achieved and what that costs."""

    threshold: Decimal  # percent above target that is flagged (30 → actual ≥ 130% of target)
    deduction: str  # "none" | "fixed" | "per_percent"
    points: Decimal  # "fixed": points deducted
    percent_of_weight: Decimal  # "per_percent": % of 分值 lost per 1% beyond the threshold


@dataclass(frozen=True)
class TotalCap:
    """When the execution rate is in [rate_from, rate_to), the total is at most max_total."""

    rate_from: Decimal
    rate_to: Decimal
    max_total: Decimal


@dataclass(frozen=True)
class GradeBand:
    """A band of the total that gives the grade (优/良/中/差)."""

    label: str  # 优 / 良 / 中 / 差
    low: Decimal  # inclusive lower bound; the band runs to the next band's low (exclusive)


@dataclass(frozen=True)
class SignatureSlot:
    """A `label | input` pair of the signature line under the table."""

    field: str  # a field of model.document.Signature
    label: str  # printed label
    span: int  # columns of the input cell
    message_label: str = ""  # how messages name the field, when not `label`


@dataclass(frozen=True)
class Profile:
    """A template with its rule profile. See docs/templates.md for every field."""

    id: str
    name: str
    description: str
    title: str  # "{year}年度项目支出绩效自评表"; {year} is the document's 年度
    money_unit: str
    funds: FundsRules
    level1: tuple[Level1Def, ...]
    weights_total: Decimal  # what counted weights must add up to (100)
    split: tuple[SplitPart, ...]  # expected first-level split (deviation = warning)
    group_weights: bool  # a weight may be set on a whole 二级 group
    cap_scores: bool  # 得分不得突破权重
    quality_grades: tuple[QualityGrade, ...]  # best first
    met_words: tuple[str, ...]  # actual words that mean "met" when target is a word too
    over_achievement: OverAchievement
    range_deduction: Decimal  # % of 分值 lost per 1 point (of the value's unit) outside a range
    score_rounding: Rounding  # indicator scores and the total, as computed and displayed
    claimed_rounding: Rounding  # how the province writes scores: a claimed score within it matches
    total_caps: tuple[TotalCap, ...]
    grades: tuple[GradeBand, ...]  # highest first
    unprinted_columns: tuple[str, ...] = ()  # indicator columns the province does not print ("weight")
    signature_rows: tuple[tuple[SignatureSlot, ...], ...] = ()  # empty: the standard signature line

    def level1_def(self, name: str) -> Level1Def | None:
        return next((d for d in self.level1 if d.name == name), None)

    def default_direction(self, level1: str, group: str) -> str:
        l1 = self.level1_def(level1)
        if l1 is not None:
            for g in l1.groups:
                if g.name == group:
                    return g.default_direction
        return "positive"

    def title_for(self, year: str) -> str:
        return self.title.replace("{year}", year.strip() or "    ")

    def grade_for(self, total: Decimal) -> str:
        for band in self.grades:
            if total >= band.low:
                return band.label
        return self.grades[-1].label


# ---------------------------------------------------------------- loading


class _Reader:
    """Typed access to one JSON object, raising TemplateError with a path on misuse."""

    def __init__(self, source: str, data: Any, where: str = "") -> None:
        self.source, self.data, self.where = source, data, where
        if not isinstance(data, dict):
            self.fail("应为对象（{…}）")

    def fail(self, problem: str, key: str = "") -> None:
        place = ".".join(p for p in (self.where, key) if p) or "顶层"
        raise TemplateError(f"模板文件 {self.source}：{place} {problem}")

    def sub(self, key: str) -> _Reader:
        return _Reader(self.source, self._get(key), self._path(key))

    def items(self, key: str) -> list[_Reader]:
        value = self._get(key)
        if not isinstance(value, list):
            self.fail("应为列表", key)
        return [_Reader(self.source, v, f"{self._path(key)}[{i}]") for i, v in enumerate(value)]

    def text(self, key: str, default: str | None = None) -> str:
        value = self._get(key, default)
        if not isinstance(value, str):
            self.fail("应为文字", key)
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self._get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail("应为文字列表", key)
        return tuple(value)

    def flag(self, key: str, default: bool | None = None) -> bool:
        value = self._get(key, default)
        if not isinstance(value, bool):
            self.fail("应为 true 或 false", key)
        return value

    def number(self, key: str, default: float | None = None, low: float = 0, high: float = 1000) -> Decimal:
        value = self._get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.fail("应为数字", key)
        try:
            result = Decimal(str(value))
        except InvalidOperation:
            self.fail("应为数字", key)
        if not result.is_finite():
            self.fail("应为数字", key)
        if not low <= result <= high:
            self.fail(f"应在 {low} 到 {high} 之间", key)
        return result

    def choice(self, key: str, options: tuple[str, ...], default: str | None = None) -> str:
        value = self.text(key, default)
        if value not in options:
            self.fail(f"应为 {' / '.join(options)} 之一", key)
        return value

    def _path(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def _get(self, key: str, default: Any = None) -> Any:
        if key in self.data:
            return self.data[key]
        if default is None:
            self.fail("缺少此项", key)
        return default


def _rounding(r: _Reader) -> Rounding:
    return Rounding(int(r.number("places", 2, 0, 4)), r.choice("mode", tuple(ROUNDING_MODES), "half_up"))


def _funds(r: _Reader) -> FundsRules:
    rows = tuple(FundsRowDef(x.text("key"), x.text("label")) for x in r.items("rows"))
    if not rows:
        r.fail("至少要有一行（年度资金总额）", "rows")
    columns = r.texts("columns")
    if len(columns) != 3:
        r.fail("应有三项：年初预算数、全年预算数、全年执行数", "columns")
    return FundsRules(
        rows=rows,
        columns=(columns[0], columns[1], columns[2]),
        weight=r.number("weight", 10, 0, 100),
        scored=r.flag("scored", True),
        counted=r.flag("counted", True),
        cap=r.flag("cap", True),
        rounding=_rounding(r.sub("rounding")) if "rounding" in r.data else Rounding(2, "half_up"),
    )


def _level1(r: _Reader) -> Level1Def:
    groups = tuple(
        GroupDef(g.text("name"), g.choice("default_direction", DIRECTIONS, "positive")) for g in r.items("groups")
    )
    return Level1Def(r.text("name"), groups)


def _grades(r: _Reader) -> tuple[GradeBand, ...]:
    bands = tuple(GradeBand(b.text("label"), b.number("low", None, 0, 100)) for b in r.items("grades"))
    if not bands or [b.low for b in bands] != sorted((b.low for b in bands), reverse=True) or bands[-1].low != 0:
        r.fail("应从高到低排列，最后一档下限为 0", "grades")
    return bands


def _quality(r: _Reader) -> tuple[QualityGrade, ...]:
    grades = tuple(
        QualityGrade(g.text("key"), g.text("label"), g.number("low", None, 0, 100), g.number("high", None, 0, 100))
        for g in r.items("quality_grades")
    )
    ok = bool(grades) and grades[0].high == 100 and grades[-1].low == 0
    ok = ok and all(a.low == b.high for a, b in zip(grades, grades[1:], strict=False))
    ok = ok and all(g.low < g.high for g in grades)
    if not ok:
        r.fail("档次应从 100 连续排到 0（上一档下限 = 下一档上限）", "quality_grades")
    return grades


def _signature_rows(r: _Reader) -> tuple[tuple[SignatureSlot, ...], ...]:
    rows = []
    for line in r.items("signature_rows"):
        slots = []
        for x in line.items("slots"):
            name = x.choice("field", SIGNATURE_FIELDS)
            label = x.text("label", field_def("signature", name).label)
            span = x.number("span", 1, 1, 6)
            if span != span.to_integral_value():
                x.fail("应为整数（所占列数）", "span")
            slots.append(SignatureSlot(name, label, int(span), x.text("message_label", "")))
        width = sum(1 + s.span for s in slots)
        # A table without a printed 分值 column has 7 columns: the last input gives up one.
        if not slots or width > 8 or (width == 8 and slots[-1].span < 2):
            line.fail("应有签字项，标签与填写格合计不超过 8 列（合计 8 列时最后一格至少占 2 列）", "slots")
        rows.append(tuple(slots))
    names = [slot.field for row in rows for slot in row]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        r.fail(f"签字项 {'、'.join(twice)} 出现了不止一次", "signature_rows")
    return tuple(rows)


def _unprinted(r: _Reader) -> tuple[str, ...]:
    keys = r.texts("unprinted_columns")
    for key in keys:
        if key not in UNPRINTABLE_COLUMNS:
            r.fail(f"只能列出 {' / '.join(UNPRINTABLE_COLUMNS)}（不打印的指标列），不能是 {key}", "unprinted_columns")
    return keys


def profile_from_data(data: Any, source: str) -> Profile:
    """Build a profile from parsed JSON, raising TemplateError for anything wrong."""
    r = _Reader(source, data)
    if r.text("format", "perfdesk-template") != "perfdesk-template":
        r.fail("不是 PerfDesk 模板（format 应为 perfdesk-template）", "format")
    over = r.sub("over_achievement")
    level1 = tuple(_level1(x) for x in r.items("level1"))
    names = [d.name for d in level1]
    split = tuple(SplitPart(s.texts("level1"), s.number("weight", None, 0, 100)) for s in r.items("split"))
    for part in split:
        unknown = [n for n in part.level1 if n not in names]
        if unknown:
            r.fail(f"分值分配引用了不存在的一级指标 {'、'.join(unknown)}", "split")
    caps = tuple(
        TotalCap(c.number("rate_from", None, 0, 1000), c.number("rate_to", None, 0, 1000), c.number("max_total"))
        for c in r.items("total_caps")
    )
    score_rounding = _rounding(r.sub("score_rounding")) if "score_rounding" in r.data else Rounding(2, "half_up")
    return Profile(
        id=r.text("id"),
        name=r.text("name"),
        description=r.text("description", ""),
        title=r.text("title", "（{year}年度）项目支出绩效自评表"),
        money_unit=r.text("money_unit", "万元"),
        funds=_funds(r.sub("funds")),
        level1=level1,
        weights_total=r.number("weights_total", 100),
        split=split,
        group_weights=r.flag("group_weights", True),
        cap_scores=r.flag("cap_scores", True),
        quality_grades=_quality(r),
        met_words=r.texts("met_words"),
        over_achievement=OverAchievement(
            threshold=over.number("threshold", 30),
            deduction=over.choice("deduction", ("none", "fixed", "per_percent"), "none"),
            points=over.number("points", 0, 0, 100),
            percent_of_weight=over.number("percent_of_weight", 0, 0, 100),
        ),
        range_deduction=r.number("range_deduction", 0, 0, 100),
        score_rounding=score_rounding,
        claimed_rounding=_rounding(r.sub("claimed_rounding")) if "claimed_rounding" in r.data else score_rounding,
        total_caps=caps,
        grades=_grades(r),
        unprinted_columns=_unprinted(r) if "unprinted_columns" in r.data else (),
        signature_rows=_signature_rows(r) if "signature_rows" in r.data else (),
    )


def load_profile(path: Path) -> Profile:
    """Load and validate one template file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"模板文件 {path.name}：无法读取（{exc}）") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TemplateError(
            f"模板文件 {path.name}：第 {exc.lineno} 行第 {exc.colno} 列不是有效的 JSON（{exc.msg}）"
        ) from exc
    return profile_from_data(data, path.name)


class TemplateLibrary:
    """All templates of a folder, by id, in file-name order."""

    DEFAULT_ID = "national-2020"

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or templates_dir()
        self._profiles: dict[str, Profile] = {}
        for path in sorted(self.folder.glob("*.json")):
            profile = load_profile(path)
            if profile.id in self._profiles:
                raise TemplateError(f"模板文件 {path.name}：模板编号 {profile.id} 与其他模板重复")
            self._profiles[profile.id] = profile

    def __iter__(self) -> Iterator[Profile]:
        return iter(self._profiles.values())

    def get(self, template_id: str) -> Profile:
        try:
            return self._profiles[template_id]
        except KeyError:
            raise TemplateError(f"找不到模板 {template_id}（可用：{'、'.join(self._profiles)}）") from None

    def default(self) -> Profile:
        return self.get(self.DEFAULT_ID)
