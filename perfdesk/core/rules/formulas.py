"""Per-kind scoring formulas of one indicator: what a target and an actual are worth.

`rules_for(profile).assess(...)` reads a target and an actual once and returns an
`Outcome`: the unrounded score, the kind of rule used, a short Chinese
explanation with the numbers, and the issues found on the way (unreadable
values, unit mismatch …). Outcomes are memoised on the cell contents, so the
validation pass and the next live re-analysis reuse the scoring pass's work.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from perfdesk.core.model.results import ScoreKind, Severity, format_decimal
from perfdesk.core.rules.profile import Profile
from perfdesk.core.values.parse import (
    Comparator,
    Value,
    ValueKind,
    parse_number,
    parse_value,
)
from perfdesk.core.values.text import clean, excerpt

_CACHE = 16384
#: Parsed cells, shared by scoring and validation: each text is parsed once.
value_of = lru_cache(maxsize=_CACHE)(parse_value)
number_of = lru_cache(maxsize=_CACHE)(parse_number)

_ZERO = Decimal(0)
_HUNDRED = Decimal(100)
_NONE_WORDS = ("无", "零", "没有", "未发生", "无发生")
_DOTTED = re.compile(r"(?<![\d.])\d{4}\.\d{1,2}(?![\d.])")  # `2023.12`, not `2023.6.30`


@dataclass(frozen=True)
class Issue:
    """A problem the rule met in an indicator's own cells."""

    code: str  # a key of perfdesk.core.rules.validation.CODES
    field: str  # the indicator field it concerns (target, actual, quality_score …)
    severity: Severity
    message: str  # Chinese, without the location: the caller prefixes it


@dataclass(frozen=True)
class Outcome:
    """What the rule made of one indicator's target and actual."""

    score: Decimal | None  # unrounded, capped and reduced per profile; None = not scored
    kind: ScoreKind
    why: str | Callable[[], str] = field(repr=False, compare=False)  # read it as `explanation`
    over_achieved: bool = False
    issues: tuple[Issue, ...] = ()
    grade: str = ""  # the chosen qualitative grade, short (`部分达成`), printed beside the score

    @property
    def explanation(self) -> str:
        """Chinese, with the numbers used; written once, when first read (analyses share outcomes)."""
        if isinstance(self.why, str):
            return self.why
        text = self.why()
        object.__setattr__(self, "why", text)  # frozen to be shared; `why` is neither compared nor hashed
        return text


def show(number: Decimal | None, unit: str = "") -> str:
    """A number with its unit as people write it: `19.62万元`, `98%`, `1:15.8`."""
    text = format_decimal(number, 4)
    return f"1:{text}" if unit == "1:" else f"{text}{unit}"


def _show_value(v: Value) -> str:
    if v.kind is ValueKind.NUMBER:
        return show(v.number, v.unit)
    if v.kind is ValueKind.DATE:
        return f"{v.year}年" + (f"{v.month}月" if v.month else "") + (f"{v.day}日" if v.day else "")
    if v.kind is ValueKind.RANGE:
        return f"{show(v.low, v.unit)}至{show(v.high, v.unit)}"
    return v.word or v.text.strip()


def _as_number(v: Value) -> Value:
    """`2023.12` reads as a date, but against a plain number it is the number 2023.12 (with its sign)."""
    match = _DOTTED.search(clean(v.text))
    if v.kind is not ValueKind.DATE or match is None:
        return v
    return Value(ValueKind.NUMBER, v.text, comparator=v.comparator, number=Decimal(match.group()))


#: How messages name the two value cells of a row: label, code prefix, what to type.
_VALUE_CELLS = {
    "target": ("年度指标值", "TARGET", "目标（如 ≥98%）"),
    "actual": ("实际完成值", "ACTUAL", "实际达到的数值"),
}


def _missing_or_unreadable(value: Value, field: str) -> Outcome | None:
    """The outcome of an empty or unreadable target/actual cell (`field`), else None."""
    label, code, wanted = _VALUE_CELLS[field]
    if value.kind is ValueKind.EMPTY:
        return _unscored(f"未填写{label}，无法计分", _error(f"{code}_MISSING", field, f"未填写：请填写{wanted}"))
    if value.kind is ValueKind.INVALID:
        quoted = f"“{excerpt(value.text)}”无法识别"
        return _unscored(f"{label}{quoted}", _error(f"{code}_UNREADABLE", field, value.error or quoted))
    return None


def _unscored(explanation: str, *issues: Issue) -> Outcome:
    return Outcome(None, ScoreKind.UNSCORED, explanation, issues=issues)


def _error(code: str, field: str, message: str) -> Issue:
    return Issue(code, field, Severity.ERROR, message)


class IndicatorRules:
    """The formulas of one profile, memoised per (target, actual, weight, …) contents."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.round = profile.score_rounding.apply
        over = profile.over_achievement
        self.over_ratio = 1 + over.threshold / _HUNDRED
        self.assess = lru_cache(maxsize=_CACHE)(self._assess)
        self.direction = lru_cache(maxsize=_CACHE)(self._direction)

    def points(self, score: Decimal) -> str:
        return format_decimal(self.round(score))

    # ------------------------------------------------------------ dispatch

    def _assess(self, target: str, actual: str, weight: Decimal, negative_default: bool,
                grade: str = "", grade_score: str = "") -> Outcome:
        """Score one indicator worth `weight` points; never raises."""
        t, a = value_of(target), value_of(actual)
        refused = _missing_or_unreadable(t, "target")
        if refused is not None:
            return refused
        if t.kind is ValueKind.RELATIVE:
            return _unscored(f"相对目标“{excerpt(target)}”无法按公式计分，需人工评分", Issue(
                "RELATIVE_TARGET", "target", Severity.WARNING,
                f"“{excerpt(target)}”是相对值，无法按公式计分：请填写人工评分并说明理由"))
        if t.kind is ValueKind.QUALITATIVE and not t.zero_event:
            return self._qualitative(t, a, weight, grade, grade_score)
        refused = _missing_or_unreadable(a, "actual")
        if refused is not None:
            return refused
        if a.kind is ValueKind.DATE and t.kind is not ValueKind.DATE:
            a = _as_number(a)
        if t.kind is ValueKind.DATE and a.kind is ValueKind.NUMBER and not (a.unit or a.zero_event):
            t = _as_number(t)
        if t.zero_event or (t.kind is ValueKind.NUMBER and t.number == 0):
            return self._zero(t, a, weight)
        if t.kind is ValueKind.DATE:
            return self._deadline(t, a, weight)
        if a.kind is not ValueKind.NUMBER:
            return self._not_comparable(t, a, "数值")
        if t.unit and a.unit and t.unit != a.unit:
            return _unscored(f"单位不一致（目标{t.unit}，实际{a.unit}），无法计分", _error(
                "UNIT_MISMATCH", "actual",
                f"单位“{a.unit}”与年度指标值的单位“{t.unit}”不一致：请换算成同一单位"))
        if t.kind is ValueKind.RANGE:
            return self._range(t, a, weight)
        return self._number(t, a, weight, negative_default)

    def _direction(self, target: str, negative_default: bool) -> ScoreKind | None:
        """How a row with this target is scored, known before its actual is typed (as `_assess`
        dispatches); None when the target cannot be scored by a rule."""
        t = value_of(target)
        if t.kind in (ValueKind.EMPTY, ValueKind.INVALID, ValueKind.RELATIVE):
            return None
        if t.kind is ValueKind.QUALITATIVE and not t.zero_event:
            return ScoreKind.QUALITATIVE
        if t.zero_event or (t.kind is ValueKind.NUMBER and t.number == 0):
            return ScoreKind.ZERO
        if t.kind is ValueKind.DATE:
            return ScoreKind.DEADLINE
        if t.kind is ValueKind.RANGE:
            return ScoreKind.RANGE
        if _is_negative(t.comparator, negative_default):
            return ScoreKind.NEGATIVE
        return ScoreKind.EXACT if t.comparator is Comparator.EQ else ScoreKind.POSITIVE

    def _not_comparable(self, t: Value, a: Value, wanted: str) -> Outcome:
        return _unscored(f"实际完成值“{_show_value(a)}”无法与目标“{_show_value(t)}”比较", _error(
            "ACTUAL_NOT_COMPARABLE", "actual",
            f"“{excerpt(a.text)}”无法与年度指标值“{excerpt(t.text)}”比较：请填写{wanted}"))

    # ------------------------------------------------------------ numbers

    def _number(self, t: Value, a: Value, w: Decimal, negative_default: bool) -> Outcome:
        comp = t.comparator
        negative = _is_negative(comp, negative_default)
        if a.is_threshold:
            return self._threshold_actual(t, a, w, negative)
        if negative:
            return self._negative(t, a, w)
        kind, label = (ScoreKind.EXACT, "等值指标") if comp is Comparator.EQ else (ScoreKind.POSITIVE, "正向指标")
        return self._positive(t, a, w, kind, label)

    def _positive(self, t: Value, a: Value, w: Decimal, kind: ScoreKind, label: str) -> Outcome:
        assert t.number is not None and a.number is not None  # both are NUMBERs here
        if t.number < 0:  # a negative floor (e.g. growth ≥ -5%): no proportion makes sense
            met = a.number >= t.number
            return Outcome(w if met else _ZERO, kind, lambda: (
                f"{label}：{_got(a)} {'≥' if met else '<'} {_goal(t)}，得{'满分' + self.points(w) if met else '0分'}"))
        ratio = a.number / t.number
        capped = ratio >= 1 and (self.profile.cap_scores or ratio == 1)
        raw = w if capped else w * ratio
        over = ratio >= self.over_ratio
        deduction = self._over_deduction(ratio, w) if over else None
        score = raw if deduction is None else max(raw - deduction, _ZERO)
        return Outcome(max(score, _ZERO), kind, lambda: self._positive_text(t, a, w, label, ratio, raw, deduction),
                       over_achieved=over)

    def _positive_text(self, t: Value, a: Value, w: Decimal, label: str, ratio: Decimal, raw: Decimal,
                       deduction: Decimal | None) -> str:
        goal, got = _goal(t), _got(a)
        if ratio < 1:
            text = f"{label}：得分 = {self.points(w)} × {got} ÷ {goal} = {self.points(max(raw, _ZERO))}"
        elif self.profile.cap_scores or ratio == 1:
            text = f"{label}：{got} ÷ {goal} ≥ 1，得满分{self.points(w)}"
        else:
            text = f"{label}：得分 = {self.points(w)} × {got} ÷ {goal} = {self.points(raw)}（模板不封顶）"
        if ratio < self.over_ratio:
            return text
        rule = self.profile.over_achievement
        text += f"；完成目标的{format_decimal(ratio * _HUNDRED)}%，超过{format_decimal(rule.threshold)}%需说明原因"
        if deduction is None:
            return text
        return f"{text}，扣{self.points(deduction)}分，得{self.points(max(raw - deduction, _ZERO))}"

    def _over_deduction(self, ratio: Decimal, w: Decimal) -> Decimal | None:
        """Points an over-achieved row loses under the profile; None when it loses none."""
        rule = self.profile.over_achievement
        if rule.deduction == "fixed":
            return rule.points
        if rule.deduction == "per_percent":
            beyond = (ratio - 1) * _HUNDRED - rule.threshold
            return w * rule.percent_of_weight / _HUNDRED * beyond
        return None

    def _negative(self, t: Value, a: Value, w: Decimal) -> Outcome:
        assert t.number is not None and a.number is not None  # both are NUMBERs here
        if a.number <= t.number:
            return Outcome(w, ScoreKind.NEGATIVE, lambda: f"反向指标：{_got(a)} ≤ {_goal(t)}，得满分{self.points(w)}")
        if t.number <= 0:
            return Outcome(_ZERO, ScoreKind.NEGATIVE, lambda: f"反向指标：{_got(a)} > {_goal(t)}，得0分")
        raw = w * t.number / a.number
        return Outcome(raw, ScoreKind.NEGATIVE,
                       lambda: f"反向指标：得分 = {self.points(w)} × {_goal(t)} ÷ {_got(a)} = {self.points(raw)}")

    def _threshold_actual(self, t: Value, a: Value, w: Decimal, negative: bool) -> Outcome:
        """`≥98%` written as an actual: full marks only where the bound settles it."""
        assert t.number is not None and a.number is not None  # both are NUMBERs here
        if negative:
            decided = a.comparator in (Comparator.LE, Comparator.LT) and a.number <= t.number
        else:
            decided = (t.comparator is not Comparator.EQ and a.comparator in (Comparator.GE, Comparator.GT)
                       and a.number >= t.number)
        return self._bound_outcome(t, a, w, decided, ScoreKind.NEGATIVE if negative else ScoreKind.POSITIVE)

    def _bound_outcome(self, t: Value, a: Value, w: Decimal, decided: bool, kind: ScoreKind) -> Outcome:
        """Full marks with a warning when every value inside the bound meets the target, else unscored."""
        bound = f"“{excerpt(a.text)}”是界限而不是结果"
        if decided:
            return Outcome(w, kind, lambda: f"实际{bound}，但可判定达到目标{t.text.strip()}，得满分{self.points(w)}",
                           issues=(Issue("ACTUAL_IS_THRESHOLD", "actual", Severity.WARNING,
                                         f"{bound}：已按达到目标计分，请改填实际达到的数值"),))
        return _unscored(f"实际{bound}，无法判断是否达到目标", _error(
            "ACTUAL_IS_THRESHOLD", "actual", f"{bound}，无法判断是否达到目标：请填写实际达到的数值"))

    # ------------------------------------------------------------ other kinds

    def _zero(self, t: Value, a: Value, w: Decimal) -> Outcome:
        if a.kind is ValueKind.NUMBER:
            assert a.number is not None
            if t.unit and a.unit and t.unit != a.unit:
                return _unscored("单位不一致，无法计分", _error(
                    "UNIT_MISMATCH", "actual", f"单位“{a.unit}”与年度指标值的单位“{t.unit}”不一致：请换算成同一单位"))
            if a.is_threshold:
                return self._bound_outcome(t, a, w, _zero_bound_met(t.comparator, a), ScoreKind.ZERO)
            if t.comparator in (Comparator.GE, Comparator.GT):
                met = a.number > 0 if t.comparator is Comparator.GT else a.number >= 0
            else:
                met = a.number <= 0
        elif a.kind is ValueKind.QUALITATIVE:
            word = a.word or a.text.strip()
            met = a.zero_event or word == t.word or word in self.profile.met_words or word in _NONE_WORDS
            if not met:
                return self._not_comparable(t, a, "数值（如 0 起）")
        else:
            return self._not_comparable(t, a, "数值（如 0 起）")
        if met:
            return Outcome(w, ScoreKind.ZERO,
                           lambda: f"零目标：{_zero_got(a)}，达到{_zero_goal(t)}，得满分{self.points(w)}")
        return Outcome(_ZERO, ScoreKind.ZERO, lambda: f"零目标：{_zero_got(a)}，未达到{_zero_goal(t)}，得0分")

    def _deadline(self, t: Value, a: Value, w: Decimal) -> Outcome:
        if a.kind is ValueKind.QUALITATIVE and (a.word or a.text.strip()) in self.profile.met_words:
            word = a.word or a.text.strip()
            return Outcome(w, ScoreKind.DEADLINE, lambda: (
                f"时效指标：实际“{word}”表示按期完成（期限{_show_value(t)}），得满分{self.points(w)}"))
        if a.kind is not ValueKind.DATE:
            return self._not_comparable(t, a, "日期（如 2023年10月）")
        assert a.year is not None and t.year is not None  # every DATE has a year
        met = (a.year, a.month or 12, a.day or 31) <= (t.year, t.month or 12, t.day or 31)
        if a.is_threshold:  # `2023年11月前`: in time only if the whole span is
            return self._bound_outcome(t, a, w, met and a.comparator in (Comparator.LE, Comparator.LT),
                                       ScoreKind.DEADLINE)
        if a.day is None and t.day is not None and (a.year, a.month) == (t.year, t.month):
            return self._not_comparable(t, a, "具体完成日期（如 2023年12月10日）")
        if met:
            return Outcome(w, ScoreKind.DEADLINE, lambda: (
                f"时效指标：实际{_show_value(a)}不晚于期限{_show_value(t)}，得满分{self.points(w)}"))
        return Outcome(_ZERO, ScoreKind.DEADLINE,
                       lambda: f"时效指标：实际{_show_value(a)}晚于期限{_show_value(t)}，得0分")

    def _range(self, t: Value, a: Value, w: Decimal) -> Outcome:
        assert t.low is not None and t.high is not None and a.number is not None  # a RANGE and a NUMBER
        if a.is_threshold:
            return _unscored("实际完成值是界限而不是结果，无法计分", _error(
                "ACTUAL_IS_THRESHOLD", "actual",
                f"“{excerpt(a.text)}”是界限而不是结果：请填写实际达到的数值"))
        if t.low <= a.number <= t.high:
            return Outcome(w, ScoreKind.RANGE,
                           lambda: f"区间指标：{_got(a, t.unit)}在目标{_show_value(t)}之内，得满分{self.points(w)}")
        beyond = t.low - a.number if a.number < t.low else a.number - t.high
        rate = self.profile.range_deduction
        raw = max(w - w * rate / _HUNDRED * beyond, _ZERO)
        return Outcome(raw, ScoreKind.RANGE, lambda: (
            f"区间指标：{_got(a, t.unit)}超出目标{_show_value(t)} {format_decimal(beyond, 4)}，"
            f"扣 {self.points(w)} × {format_decimal(rate)}% × {format_decimal(beyond, 4)}，得{self.points(raw)}"))

    # ------------------------------------------------------------ qualitative

    def _qualitative(self, t: Value, a: Value, w: Decimal, grade_key: str, grade_score: str) -> Outcome:
        missing = (_error("ACTUAL_MISSING", "actual", "未填写：请填写实际完成情况"),) \
            if a.kind is ValueKind.EMPTY else ()
        if grade_key.strip():
            return self._graded(w, grade_key.strip(), grade_score, missing)
        if missing:
            return _unscored("未填写实际完成值，无法计分", *missing)
        word = a.word or a.text.strip()
        if a.kind is ValueKind.QUALITATIVE and (word == t.word or word in self.profile.met_words):
            # Full marks for now, but never silently: the filler must confirm the grade.
            top = self.profile.quality_grades[0]
            return Outcome(w, ScoreKind.QUALITATIVE, lambda: (
                f"定性指标：实际“{word}”与目标“{t.word}”相符，暂按“{top.label}”计满分{self.points(w)}，"
                "请选择完成档次确认"), issues=(Issue(
                    "QUALITY_GRADE_UNCONFIRMED", "quality_grade", Severity.WARNING,
                    f"实际“{excerpt(word)}”暂按“{top.label}”计满分：请在实际完成值单元格按 Enter"
                    "（或单击）选择完成档次确认"),))
        labels = "、".join(g.label for g in self.profile.quality_grades)
        return _unscored(f"定性指标：实际“{excerpt(a.text)}”需评定完成档次", _error(
            "QUALITY_GRADE_MISSING", "quality_grade", f"请选择完成档次（{labels}）并在档次内打分"))

    def _graded(self, w: Decimal, key: str, grade_score: str, extra: tuple[Issue, ...]) -> Outcome:
        grades = self.profile.quality_grades
        grade = next((g for g in grades if g.key == key), None)
        if grade is None:
            return _unscored(f"完成档次“{key}”不存在", _error(
                "QUALITY_GRADE_MISSING", "quality_grade",
                f"完成档次“{key}”不在本模板中：请重新选择（{'、'.join(g.label for g in grades)}）"), *extra)
        low, high = grade.points(w)
        top = grade is grades[0]
        band = f"{format_decimal(low)}至{format_decimal(high)}分" + ("" if top else "，不含上限")
        if not grade_score.strip():
            if top:
                return Outcome(w, ScoreKind.QUALITATIVE,
                               lambda: f"定性指标：评为“{grade.label}”，得满分{self.points(w)}",
                               issues=extra, grade=grade.short)
            return _unscored(f"定性指标：评为“{grade.label}”，未填档次得分", _error(
                "QUALITY_SCORE_MISSING", "quality_score", f"已选“{grade.label}”，请在{band}之间填写得分"), *extra)
        score = number_of(grade_score)
        inside = score is not None and low <= score and (score <= high if top else score < high)
        if score is None or not inside:
            return _unscored(f"定性指标：档次得分“{excerpt(grade_score)}”不在“{grade.label}”的{band}之内", _error(
                "QUALITY_SCORE_OUT_OF_BAND", "quality_score",
                f"档次得分“{excerpt(grade_score)}”不在“{grade.label}”的{band}之内：请改为该区间内的分数"), *extra)
        return Outcome(score, ScoreKind.QUALITATIVE,
                       lambda: f"定性指标：评为“{grade.label}”（{band}），得{self.points(score)}", issues=extra,
                       grade=grade.short)


def _goal(t: Value) -> str:
    return f"目标{show(t.number, t.unit)}"


def _got(a: Value, unit: str = "") -> str:
    """`实际98%`; `unit` when the actual was written without one (a range's)."""
    return f"实际{show(a.number, a.unit or unit)}"


def _zero_goal(t: Value) -> str:
    return f"目标{t.text.strip() if t.zero_event else _show_value(t)}"


def _zero_got(a: Value) -> str:
    return f"实际{show(a.number, a.unit)}" if a.kind is ValueKind.NUMBER else f"实际“{a.word or a.text.strip()}”"


def _is_negative(comparator: Comparator | None, negative_default: bool) -> bool:
    """A ceiling (`≤5%`), or a bare number where the 二级 is scored downwards (成本指标)."""
    return comparator in (Comparator.LE, Comparator.LT) or (comparator is None and negative_default)


def _zero_bound_met(target: Comparator | None, a: Value) -> bool:
    """Whether every value inside the bound `a` (`≤0起`, `≥5`) meets a zero target."""
    assert a.number is not None  # a NUMBER
    lower = a.comparator in (Comparator.GE, Comparator.GT)
    if target is Comparator.GE:
        return lower and a.number >= 0
    if target is Comparator.GT:
        return lower and (a.number > 0 or (a.number == 0 and a.comparator is Comparator.GT))
    return not lower and a.number <= 0


#: Profiles are few and immutable; equal profiles share one set of memoised formulas.
_RULES: dict[Profile, IndicatorRules] = {}


def rules_for(profile: Profile) -> IndicatorRules:
    """The memoised formulas of a profile."""
    rules = _RULES.get(profile)
    if rules is None:
        rules = _RULES[profile] = IndicatorRules(profile)
    return rules
