"""Per-kind scoring formulas of one indicator: what a target and an actual are worth.

`rules_for(profile).row(...)` reads a target and an actual once and returns an
`Outcome` (with the direction the target asks for): the unrounded score, the kind of rule used, a short Chinese
explanation with the numbers, and the issues found on the way (unreadable
values, unit mismatch …). What the cells leave out (a deadline's year, a unit's
`/…`, a rate's %) is read first by `readings`, which says in the explanation what
it assumed. Cells are parsed once (`value_of`), and `scoring.plan` keeps a row's outcome
while its cells stay the same, so the next live re-analysis reuses the work.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache, partial

from perfdesk.core.model.results import ScoreKind, Severity, format_decimal
from perfdesk.core.rules.outcomes import Issue, Outcome, error, show, show_value, unscored
from perfdesk.core.rules.profile import Profile
from perfdesk.core.rules.readings import (
    CEILINGS,
    as_read,
    bare_direction,
    compare_units,
    due_text,
    fraction_of_percent,
    in_year,
    is_negative,
    noted,
    year_missing,
)
from perfdesk.core.values.deadlines import month_days
from perfdesk.core.values.parse import (
    Comparator,
    Value,
    ValueKind,
    parse_number,
    parse_value,
)
from perfdesk.core.values.text import clean, excerpt

# Enum members compared on every row, as module names: Python 3.11 looks `ValueKind.NUMBER` up
# through EnumType.__getattr__, about ten times a global's cost (several M instructions a table).
_EMPTY, _INVALID, _NUMBER, _RANGE, _DATE, _QUALITATIVE, _RELATIVE = (
    ValueKind.EMPTY, ValueKind.INVALID, ValueKind.NUMBER, ValueKind.RANGE, ValueKind.DATE, ValueKind.QUALITATIVE,
    ValueKind.RELATIVE)
_GE, _LE, _GT, _LT, _EQ = Comparator.GE, Comparator.LE, Comparator.GT, Comparator.LT, Comparator.EQ

#: The rule kinds (and the warning level) as module names too, for the same reason.
_POSITIVE, _NEGATIVE, _EXACT, _ZERO_KIND, _IN_RANGE, _DEADLINE, _GRADED = (
    ScoreKind.POSITIVE, ScoreKind.NEGATIVE, ScoreKind.EXACT, ScoreKind.ZERO, ScoreKind.RANGE, ScoreKind.DEADLINE,
    ScoreKind.QUALITATIVE)
_WARNING = Severity.WARNING

_CACHE = 16384
#: Parsed cells, shared by scoring and validation: each text is parsed once.
value_of = lru_cache(maxsize=_CACHE)(parse_value)
number_of = lru_cache(maxsize=_CACHE)(parse_number)

_ZERO = Decimal(0)
_ONE = Decimal(1)
_HUNDRED = Decimal(100)
_NONE_WORDS = ("无", "零", "没有", "未发生", "无发生")
_DOTTED = re.compile(r"(?<![\d.])\d{4}\.\d{1,2}(?![\d.])")  # `2023.12`, not `2023.6.30`
#: An actual saying in words that a deadline was met (`按时完成`, `如期完成`, `提前完成`, `已按期完成`).
_ON_TIME = re.compile(r"(?:已|均已|均|全部)?(?:按时|按期|如期|提前|及时)(?:完成|完工|办结|到位|交付)?")


def _as_number(v: Value) -> Value:
    """`2023.12` reads as a date, but against a plain number it is the number 2023.12 (with its sign)."""
    match = _DOTTED.search(clean(v.text))
    if v.kind is not _DATE or match is None:
        return v
    return Value(_NUMBER, v.text, comparator=v.comparator, number=Decimal(match.group()))


#: How messages name the two value cells of a row: label, code prefix, what to type.
_VALUE_CELLS = {
    "target": ("年度指标值", "TARGET", "目标（如 ≥98%）"),
    "actual": ("实际完成值", "ACTUAL", "实际达到的数值"),
}


def _refused(value: Value, field: str) -> Outcome:
    """The outcome of an empty or unreadable (INVALID) target/actual cell (`field`)."""
    label, code, wanted = _VALUE_CELLS[field]
    if value.kind is _EMPTY:
        return unscored(f"未填写{label}，无法计分", error(f"{code}_MISSING", field, f"未填写：请填写{wanted}"))
    quoted = f"“{excerpt(value.text)}”无法识别"
    return unscored(f"{label}{quoted}", error(f"{code}_UNREADABLE", field, value.error or quoted))


class IndicatorRules:
    """The formulas of one profile."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.round = profile.score_rounding.apply
        over = profile.over_achievement
        self.over_ratio = 1 + over.threshold / _HUNDRED
        self.grade_labels = "、".join(g.label for g in profile.quality_grades)  # as messages list them

    def points(self, score: Decimal) -> str:
        return format_decimal(self.round(score))

    # ------------------------------------------------------------ dispatch

    def row(self, target: str, actual: str, weight: Decimal, negative_default: bool, grade: str = "",
            grade_score: str = "", year: int | None = None, name: str = "") -> tuple[Outcome, ScoreKind | None]:
        """A row's outcome (`_assess`) and the direction its target asks for (`_direction`)."""
        t = value_of(target)
        return (self._assess(t, value_of(actual), weight, negative_default, grade, grade_score, year, name),
                self._direction(t, negative_default, name))

    def _assess(self, t: Value, a: Value, weight: Decimal, negative_default: bool,
                grade: str, grade_score: str, year: int | None, name: str) -> Outcome:
        """Score one indicator worth `weight` points, its target `t` and actual `a` as read; never
        raises. `year` is the table's 年度 (None when not filled in), the year of a deadline written
        without one (`11月底前`); `name` the 三级 name, which says which way a bare rate points
        (`bare_direction`)."""
        t_kind, a_kind = t.kind, a.kind  # read once: a named tuple's fields are read through a descriptor
        if t_kind is _EMPTY or t_kind is _INVALID:
            return _refused(t, "target")
        if t_kind is _RELATIVE:
            return unscored(f"相对目标“{excerpt(t.text)}”无法按公式计分，需人工评分", Issue(
                "RELATIVE_TARGET", "target", _WARNING,
                f"“{excerpt(t.text)}”是相对值，无法按公式计分：请填写人工评分并说明理由"))
        if t_kind is _QUALITATIVE and not t.zero_event:
            return self._qualitative(t, a, weight, grade, grade_score)
        if a_kind is _EMPTY or a_kind is _INVALID:
            return _refused(a, "actual")
        if a_kind is _DATE and t_kind is not _DATE:
            a = _as_number(a)
            a_kind = a.kind
        if t_kind is _DATE and a_kind is _NUMBER and not (a.unit or a.zero_event):
            t = _as_number(t)
            t_kind = t.kind
        if t.zero_event or (t_kind is _NUMBER and t.number == _ZERO):
            return self._zero(t, a, weight)
        if t_kind is _DATE:
            return self._deadline(t, a, weight, year)
        if a_kind is not _NUMBER:
            return self._not_comparable(t, a, "数值")
        t_unit, a_unit = t.unit, a.unit
        if t_unit != "%" and (t_unit == a_unit or not (t_unit and a_unit)):
            # Nothing to read around the numbers (no rate, the units agree): the usual row.
            if t_kind is _RANGE:
                return self._range(t, a, weight)
            return self._number(t, a, weight, negative_default)
        negative_default, direction_note = bare_direction(t, name, negative_default)
        a, fraction_note = fraction_of_percent(t, a, negative_default)
        refused, unit_note = compare_units(t, a)
        if refused is not None:
            return refused
        if t.kind is _RANGE:
            outcome = self._range(t, a, weight)
        else:
            outcome = self._number(t, a, weight, negative_default)
        return noted(outcome, direction_note, fraction_note, unit_note)

    def _direction(self, t: Value, negative_default: bool, name: str) -> ScoreKind | None:
        """How a row with the target `t` is scored, known before its actual is typed (as `_assess`
        dispatches); None when the target cannot be scored by a rule."""
        kind, zero_event = t.kind, t.zero_event
        if kind is _NUMBER and not zero_event:  # most targets: settled without the other kinds' tests
            comparator = t.comparator
            if t.number == 0:
                return _ZERO_KIND
            if comparator is None:  # a bare number: the 二级's default, or what the row's name says
                return _NEGATIVE if bare_direction(t, name, negative_default)[0] else _POSITIVE
            return _NEGATIVE if comparator in CEILINGS else _EXACT if comparator is _EQ else _POSITIVE
        if kind is _EMPTY or kind is _INVALID or kind is _RELATIVE:
            return None
        if kind is _QUALITATIVE and not zero_event:
            return _GRADED
        if zero_event:
            return _ZERO_KIND
        if kind is _DATE:
            return _DEADLINE
        return _IN_RANGE

    def _not_comparable(self, t: Value, a: Value, wanted: str) -> Outcome:
        return unscored(f"实际完成值“{show_value(a)}”无法与目标“{show_value(t)}”比较", error(
            "ACTUAL_NOT_COMPARABLE", "actual",
            f"“{excerpt(a.text)}”无法与年度指标值“{excerpt(t.text)}”比较：请填写{wanted}"))

    # ------------------------------------------------------------ numbers

    def _number(self, t: Value, a: Value, w: Decimal, negative_default: bool) -> Outcome:
        comp = t.comparator
        negative = is_negative(comp, negative_default)
        if a.is_threshold:
            return self._threshold_actual(t, a, w, negative)
        if negative:
            return self._negative(t, a, w)
        kind, label = (_EXACT, "等值指标") if comp is _EQ else (_POSITIVE, "正向指标")
        return self._positive(t, a, w, kind, label)

    def _positive(self, t: Value, a: Value, w: Decimal, kind: ScoreKind, label: str) -> Outcome:
        goal, got = t.number, a.number
        assert goal is not None and got is not None  # both are NUMBERs here
        # Compared with Decimal constants, not ints (an int is converted at every comparison).
        if goal < _ZERO:  # a negative floor (e.g. growth ≥ -5%): no proportion makes sense
            met = got >= goal
            return Outcome(w if met else _ZERO, kind, partial(self._floor_why, label, t, a, w, met))
        ratio = got / goal
        capped = ratio >= _ONE and (self.profile.cap_scores or ratio == _ONE)
        proportional = w if capped else w * ratio
        over = ratio >= self.over_ratio
        deduction = self._over_deduction(ratio, w) if over else None
        raw = proportional if deduction is None else max(proportional - deduction, _ZERO)
        why = partial(self._positive_why, label, t, a, w, ratio, capped, proportional, over, deduction, raw)
        # max(raw, _ZERO) without the call; over_achieved positional (no kwargs dict).
        return Outcome(_ZERO if _ZERO > raw else raw, kind, why, over)

    # Explanations are written when read (most never are): a partial of a `…_why` method keeps the
    # numbers, far fewer objects than a closure over them (less work for the garbage collector).

    def _floor_why(self, label: str, t: Value, a: Value, w: Decimal, met: bool) -> str:
        return f"{label}：{_got(a)} {'≥' if met else '<'} {_goal(t)}，得{'满分' + self.points(w) if met else '0分'}"

    def _positive_why(self, label: str, t: Value, a: Value, w: Decimal, ratio: Decimal, capped: bool,
                      proportional: Decimal, over: bool, deduction: Decimal | None, raw: Decimal) -> str:
        if ratio < 1:
            text = f"{label}：得分 = {self.points(w)} × {_got(a)} ÷ {_goal(t)} = {self.points(max(raw, _ZERO))}"
        elif capped:
            text = f"{label}：{_got(a)} ÷ {_goal(t)} ≥ 1，得满分{self.points(w)}"
        else:
            text = (f"{label}：得分 = {self.points(w)} × {_got(a)} ÷ {_goal(t)} = {self.points(proportional)}"
                    "（模板不封顶）")
        return text + (self._over_text(ratio, deduction, raw) if over else "")

    def _over_deduction(self, ratio: Decimal, w: Decimal) -> Decimal | None:
        """Points the profile takes off for over-achievement (None: it only asks for a reason)."""
        rule = self.profile.over_achievement
        if rule.deduction == "fixed":
            return rule.points
        if rule.deduction == "per_percent":
            beyond = (ratio - 1) * _HUNDRED - rule.threshold
            return w * rule.percent_of_weight / _HUNDRED * beyond
        return None

    def _over_text(self, ratio: Decimal, deduction: Decimal | None, raw: Decimal) -> str:
        rule = self.profile.over_achievement
        text = f"；完成目标的{format_decimal(ratio * _HUNDRED)}%，超过{format_decimal(rule.threshold)}%需说明原因"
        return text if deduction is None else f"{text}，扣{self.points(deduction)}分，得{self.points(raw)}"

    def _negative(self, t: Value, a: Value, w: Decimal) -> Outcome:
        assert t.number is not None and a.number is not None  # both are NUMBERs here
        if a.number <= t.number:
            return Outcome(w, _NEGATIVE, lambda: f"反向指标：{_got(a)} ≤ {_goal(t)}，得满分{self.points(w)}")
        if t.number <= 0:
            return Outcome(_ZERO, _NEGATIVE, lambda: f"反向指标：{_got(a)} > {_goal(t)}，得0分")
        raw = w * t.number / a.number
        return Outcome(raw, _NEGATIVE,
                       lambda: f"反向指标：得分 = {self.points(w)} × {_goal(t)} ÷ {_got(a)} = {self.points(raw)}")

    def _threshold_actual(self, t: Value, a: Value, w: Decimal, negative: bool) -> Outcome:
        """`≥98%` written as an actual: full marks only where the bound settles it."""
        assert t.number is not None and a.number is not None  # both are NUMBERs here
        if negative:
            decided = a.comparator in (_LE, _LT) and a.number <= t.number
        else:
            decided = (t.comparator is not _EQ and a.comparator in (_GE, _GT)
                       and a.number >= t.number)
        return self._bound_outcome(t, a, w, decided, _NEGATIVE if negative else _POSITIVE)

    def _bound_outcome(self, t: Value, a: Value, w: Decimal, decided: bool, kind: ScoreKind) -> Outcome:
        """Full marks with a warning when every value inside the bound meets the target, else unscored."""
        written = f"“{excerpt(a.text)}”是界限而不是结果"
        if decided:
            issue = Issue("ACTUAL_IS_THRESHOLD", "actual", _WARNING,
                          f"{written}：已按达到目标计分，请改填实际达到的数值")
            return Outcome(w, kind, lambda: f"实际{written}，但可判定达到目标{t.text.strip()}，得满分{self.points(w)}",
                           issues=(issue,))
        return unscored(f"实际{written}，无法判断是否达到目标", error(
            "ACTUAL_IS_THRESHOLD", "actual", f"{written}，无法判断是否达到目标：请填写实际达到的数值"))

    # ------------------------------------------------------------ other kinds

    def _zero(self, t: Value, a: Value, w: Decimal) -> Outcome:
        unit_note = None
        if a.kind is _NUMBER:
            assert a.number is not None
            refused, unit_note = compare_units(t, a)
            if refused is not None:
                return refused
            if a.is_threshold:
                return noted(self._bound_outcome(t, a, w, _zero_bound_met(t.comparator, a), _ZERO_KIND), unit_note)
            if t.comparator in (_GE, _GT):
                met = a.number > 0 if t.comparator is _GT else a.number >= 0
            else:
                met = a.number <= 0
        elif a.kind is _QUALITATIVE:
            word = a.word or a.text.strip()
            met = a.zero_event or word == t.word or word in self.profile.met_words or word in _NONE_WORDS
            if not met:
                return self._not_comparable(t, a, "数值（如 0 起）")
        else:
            return self._not_comparable(t, a, "数值（如 0 起）")
        return noted(Outcome(w if met else _ZERO, _ZERO_KIND, partial(self._zero_why, t, a, w, met)), unit_note)

    def _zero_why(self, t: Value, a: Value, w: Decimal, met: bool) -> str:
        got = f"实际{show(a.number, a.unit)}" if a.kind is _NUMBER else f"实际“{a.word or a.text.strip()}”"
        goal = f"目标{t.text.strip() if t.zero_event else show_value(t)}"
        return f"零目标：{got}，" + (f"达到{goal}，得满分{self.points(w)}" if met else f"未达到{goal}，得0分")

    def _deadline(self, t: Value, a: Value, w: Decimal, year: int | None) -> Outcome:
        if a.kind is not _DATE:
            word = a.word or a.text.strip()
            if a.kind is _QUALITATIVE and (word in self.profile.met_words or _ON_TIME.fullmatch(word)):
                return self._met_in_words(t, word, w, year)
            return self._not_comparable(t, a, "日期（如 2023年10月）")
        if year is None and (t.year is None or a.year is None):
            return year_missing(t if t.year is None else a, "target" if t.year is None else "actual")
        due, done = in_year(t, year), in_year(a, year)
        assert due.year is not None and done.year is not None and due.month and done.month  # filled in above
        met = (done.year, done.month, done.day or 31) <= (due.year, due.month, due.day or 31)
        if a.is_threshold:  # `2023年11月前`: in time only if the whole span is
            return self._bound_outcome(t, a, w, met and a.comparator in (_LE, _LT),
                                       _DEADLINE)
        last = month_days(due.year, due.month)
        if a.day is None and (due.day or last) < last and (done.year, done.month) == (due.year, due.month):
            return self._not_comparable(t, a, "具体完成日期（如 2023年12月10日）")
        return Outcome(w if met else _ZERO, _DEADLINE, partial(self._deadline_why, t, a, due, done, w, met))

    def _deadline_why(self, t: Value, a: Value, due: Value, done: Value, w: Decimal, met: bool) -> str:
        said = f"时效指标：{due_text(t, due)}，实际{as_read(a, done)}"
        return f"{said}不晚于期限，得满分{self.points(w)}" if met else f"{said}晚于期限，得0分"

    def _met_in_words(self, t: Value, word: str, w: Decimal, year: int | None) -> Outcome:
        """`按时完成` against a deadline: met, said so, and the completion date asked for."""

        def why() -> str:
            due = due_text(t, in_year(t, year)) if t.year is not None or year is not None else f"期限“{t.text.strip()}”"
            return f"时效指标：{due}，实际“{word}”按在期限内完成计，得满分{self.points(w)}"

        return Outcome(w, _DEADLINE, why, issues=(Issue(
                           "DEADLINE_MET_IN_WORDS", "actual", _WARNING,
                           f"实际“{excerpt(word)}”已按在期限内完成计满分：请改填实际完成日期（如 2023年11月20日），"
                           "以便核对"),))

    def _range(self, t: Value, a: Value, w: Decimal) -> Outcome:
        assert t.low is not None and t.high is not None and a.number is not None  # a RANGE and a NUMBER
        if a.is_threshold:
            return unscored("实际完成值是界限而不是结果，无法计分", error(
                "ACTUAL_IS_THRESHOLD", "actual",
                f"“{excerpt(a.text)}”是界限而不是结果：请填写实际达到的数值"))
        number, rate = a.number, self.profile.range_deduction
        beyond = t.low - number if number < t.low else number - t.high if number > t.high else None
        raw = w if beyond is None else max(w - w * rate / _HUNDRED * beyond, _ZERO)
        return Outcome(raw, _IN_RANGE, partial(self._range_why, t, a, w, beyond, raw))

    def _range_why(self, t: Value, a: Value, w: Decimal, beyond: Decimal | None, raw: Decimal) -> str:
        got, goal = f"实际{show(a.number, a.unit or t.unit)}", f"目标{show_value(t)}"
        if beyond is None:
            return f"区间指标：{got}在{goal}之内，得满分{self.points(w)}"
        by = format_decimal(beyond, 4)
        return (f"区间指标：{got}超出{goal} {by}，"
                f"扣 {self.points(w)} × {format_decimal(self.profile.range_deduction)}% × {by}，得{self.points(raw)}")

    # ------------------------------------------------------------ qualitative

    def _qualitative(self, t: Value, a: Value, w: Decimal, grade_key: str, grade_score: str) -> Outcome:
        missing = (error("ACTUAL_MISSING", "actual", "未填写：请填写实际完成情况"),) \
            if a.kind is _EMPTY else ()
        if grade_key.strip():
            return self._graded(w, grade_key.strip(), grade_score, missing)
        if missing:
            return unscored("未填写实际完成值，无法计分", *missing)
        word = a.word or a.text.strip()
        if a.kind is _QUALITATIVE and (word == t.word or word in self.profile.met_words):
            # Full marks for now, but never silently: the filler must confirm the grade.
            top = self.profile.quality_grades[0]
            return Outcome(w, _GRADED, lambda: (
                           f"定性指标：实际“{word}”与目标“{t.word}”相符，暂按“{top.label}”计满分{self.points(w)}，"
                           "请选择完成档次确认"), issues=(Issue(
                               "QUALITY_GRADE_UNCONFIRMED", "quality_grade", _WARNING,
                               f"实际“{excerpt(word)}”暂按“{top.label}”计满分：请在实际完成值单元格按 Enter"
                               "（或单击）选择完成档次确认"),))
        return unscored(f"定性指标：实际“{excerpt(a.text)}”需评定完成档次", error(
            "QUALITY_GRADE_MISSING", "quality_grade", f"请选择完成档次（{self.grade_labels}）并在档次内打分"))

    def _graded(self, w: Decimal, key: str, grade_score: str, extra: tuple[Issue, ...]) -> Outcome:
        grades = self.profile.quality_grades
        grade = next((g for g in grades if g.key == key), None)
        if grade is None:
            return unscored(f"完成档次“{key}”不存在", error(
                "QUALITY_GRADE_MISSING", "quality_grade",
                f"完成档次“{key}”不在本模板中：请重新选择（{self.grade_labels}）"), *extra)
        low, high = grade.points(w)
        top = grade is grades[0]
        band = f"{format_decimal(low)}至{format_decimal(high)}分" + ("" if top else "，不含上限")
        if not grade_score.strip():
            if top:
                return Outcome(w, _GRADED,
                               lambda: f"定性指标：评为“{grade.label}”，得满分{self.points(w)}",
                               issues=extra, grade=grade.short)
            return unscored(f"定性指标：评为“{grade.label}”，未填档次得分", error(
                "QUALITY_SCORE_MISSING", "quality_score", f"已选“{grade.label}”，请在{band}之间填写得分"), *extra)
        score = number_of(grade_score)
        inside = score is not None and low <= score and (score <= high if top else score < high)
        if score is None or not inside:
            return unscored(f"定性指标：档次得分“{excerpt(grade_score)}”不在“{grade.label}”的{band}之内", error(
                "QUALITY_SCORE_OUT_OF_BAND", "quality_score",
                f"档次得分“{excerpt(grade_score)}”不在“{grade.label}”的{band}之内：请改为该区间内的分数"), *extra)
        return Outcome(score, _GRADED,
                       lambda: f"定性指标：评为“{grade.label}”（{band}），得{self.points(score)}", issues=extra,
                       grade=grade.short)


def _goal(t: Value) -> str:
    return f"目标{show(t.number, t.unit)}"


def _got(a: Value) -> str:
    return f"实际{show(a.number, a.unit)}"


def _zero_bound_met(target: Comparator | None, a: Value) -> bool:
    """Whether every value inside the bound `a` (`≤0起`, `≥5`) meets a zero target."""
    assert a.number is not None  # a NUMBER
    lower = a.comparator in (_GE, _GT)
    if target is _GE:
        return lower and a.number >= 0
    if target is _GT:
        return lower and (a.number > 0 or (a.number == 0 and a.comparator is _GT))
    return not lower and a.number <= 0


#: Profiles are few and immutable; equal profiles share one set of memoised formulas.
_RULES: dict[Profile, IndicatorRules] = {}


def rules_for(profile: Profile) -> IndicatorRules:
    """The memoised formulas of a profile."""
    rules = _RULES.get(profile)
    if rules is None:
        rules = _RULES[profile] = IndicatorRules(profile)
    return rules
