"""Scores of a whole table: execution rate, indicators, weighted groups, total and grade.

`plan(doc, profile)` reads every indicator once (weights, shares of a group
weight, rule outcomes); `evaluate` turns the plan into the `Evaluation` every
view shows, and `validation.check` reads the same plan to report problems, so
both always agree on what was scored and how. A row's entry is kept with its
result and problems, and the next plan takes it again while nothing the row is
read from has changed: a live edit reads, scores and checks one row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from perfdesk.core.model.document import Document, Funds, FundsRow, Group, Indicator
from perfdesk.core.model.results import (
    Evaluation,
    Explanation,
    FundsResult,
    GroupResult,
    IndicatorResult,
    Problem,
    ScoreKind,
    format_decimal,
    format_percent,
    written,
)
from perfdesk.core.rules.formulas import IndicatorRules, number_of, rules_for
from perfdesk.core.rules.outcomes import Outcome
from perfdesk.core.rules.profile import Profile
from perfdesk.core.values.deadlines import table_year
from perfdesk.core.values.text import excerpt

_ZERO = Decimal(0)


#: What tables print in an amount, weight or score cell that holds nothing: `—`, `— —`, `/`, `无`.
_NOTHING = re.compile(r"[-—–－‒―/／\\…]+|无|空")


def is_nothing(text: str) -> bool:
    """True for an empty amount cell or one holding only a placeholder (read as empty, not an error)."""
    squeezed = re.sub(r"[\s\u3000]+", "", text or "")
    return not squeezed or bool(_NOTHING.fullmatch(squeezed))


def read_amount(text: str) -> tuple[Decimal | None, bool]:
    """A funds amount: as `read_points`, and a placeholder (`—`, `— —`, `/`, `无`) is empty."""
    return (None, True) if is_nothing(text) else read_points(text)


def read_points(text: str) -> tuple[Decimal | None, bool]:
    """A typed weight or score: (value, readable). Empty is readable and None; negatives are not."""
    if not text or not text.strip():
        return None, True
    value = number_of(text)
    if value is None or value < 0 or not value.is_finite():
        return None, False
    return value, True


@dataclass(frozen=True)
class Manual:
    """A person's score replacing the rule's, read against the weight it may not exceed."""

    text: str
    score: Decimal | None  # None when unreadable or outside [0, weight]
    given: bool  # something was typed


NO_MANUAL = Manual("", None, False)


def manual_range_text(weight: Decimal | None) -> str:
    """The range a manual score must lie in, as messages and the manual-score dialog say it."""
    return f"0 至 {format_decimal(weight)}" if weight is not None else "0 至分值"


def read_manual(text: str, weight: Decimal | None) -> Manual:
    """A typed manual score: valid only as a number in [0, weight] (`manual_range_text`)."""
    if not text:
        return NO_MANUAL
    value, ok = read_points(text)
    inside = ok and value is not None and weight is not None and value <= weight
    return Manual(text, value if inside else None, bool(text.strip()))


@dataclass(slots=True)
class Entry:
    """One 三级 row as the rules see it; kept for the next analysis while its cells stay the same
    (`plan`), with its result and problems once they are made."""

    path: tuple[int, int, int]
    names: tuple[str, str, str]
    indicator: Indicator
    blank: bool
    in_group: bool  # scored at a share of its group's weight, not counted alone
    weight: Decimal | None  # own weight, or the share of the group weight
    weight_readable: bool  # False: its own weight text cannot be read
    outcome: Outcome | None  # None for blank rows
    manual: Manual
    direction: ScoreKind | None = None  # what the target asks for (`IndicatorRules.direction`)
    result: IndicatorResult | None = None  # made by `evaluate` on first use
    problems: list[Problem] | None = None  # made by `validation.check` on first use


@dataclass
class GroupPlan:
    """A 二级 scored as a whole, with the rows sharing its weight."""

    path: tuple[int, int]
    names: tuple[str, str]
    group: Group
    weight: Decimal | None  # None when unreadable
    members: list[Entry] = field(default_factory=list)  # non-blank rows sharing the weight
    manual: Manual = NO_MANUAL


@dataclass
class Plan:
    """Every row read once, shared by scoring and validation."""

    entries: list[Entry]
    groups: list[GroupPlan]
    ignored_group_weights: list[tuple[int, int]]  # group weights set where the profile has none


class KeptRows:
    """A table's rows as its last plan read them, for its next plan (a document session keeps one).

    Typing into a cell changes one row; every other row's entry, with its result and problems,
    is found here instead of being read, scored and checked again. Rows are kept by the id of
    their `Indicator` with what they were read from (`plan`'s `cells`); the entry holds its
    indicator, so the id cannot pass to another object while it is kept. Only the rows of the
    last plan are kept (a deleted row is dropped at the next one), and only under an equal profile.
    """

    __slots__ = ("profile", "rows")

    def __init__(self) -> None:
        self.profile: Profile | None = None
        self.rows: dict[int, tuple[tuple | None, Entry]] = {}


def plan(doc: Document, profile: Profile, kept: KeptRows | None = None) -> Plan:
    """Read every indicator once: its weight (or share) and its rule outcome.

    A row of `kept` (the table's last plan, under an equal profile) whose cells and surroundings
    are the same keeps its entry: `cells` holds every field the rules read and all they depend on
    around the row (its place and names, the table's year, its group's weight and share). Cells
    are compared as text: a weight `5.0` is not taken for a kept `5`, which shows otherwise.
    `kept` then holds this plan's rows. Without it every row is read afresh."""
    rules = rules_for(profile)
    keeping = kept is not None
    before = kept.rows if kept is not None and kept.profile == profile else {}
    rows: dict[int, tuple[tuple | None, Entry]] = {}
    year = table_year(doc.project.year)  # the year of deadlines written without one
    points: dict[str, tuple[Decimal | None, bool]] = {}  # weights as read: most rows share a few texts
    entries: list[Entry] = []
    groups: list[GroupPlan] = []
    ignored: list[tuple[int, int]] = []
    for i1, l1 in enumerate(doc.level1):
        for i2, group in enumerate(l1.groups):
            negative = profile.default_direction(l1.name, group.name) == "negative"
            weighted = group.has_group_weight and profile.group_weights
            if group.has_group_weight and not profile.group_weights:
                ignored.append((i1, i2))
            gplan, shared = None, None  # shared: (share, group weight readable) of a weighted group's rows
            if weighted:
                gweight, gweight_ok = read_points(group.weight)
                gplan = GroupPlan((i1, i2), (l1.name, group.name), group, gweight)
                gplan.manual = read_manual(group.manual_score, gweight)
                groups.append(gplan)
                members = [ind for ind in group.indicators if not ind.is_blank()]
                shared = (gweight / len(members) if gweight is not None and members else None), gweight_ok
            # The group's weight as typed too: an equal share may be written otherwise (`5`, `5.0`).
            around = (i1, i2, l1.name, group.name, group.weight, year, shared)
            for i3, ind in enumerate(group.indicators):
                cells = (ind.name, ind.target, ind.actual, ind.weight, ind.reason, ind.manual_score, ind.manual_reason,
                         ind.quality_grade, ind.quality_score, ind.id, i3, around) if keeping else None
                found = before.get(id(ind))
                if found is None or found[0] != cells:
                    found = cells, _entry(rules, (i1, i2, i3), (l1.name, group.name, ind.name.strip()), ind, year,
                                          negative, shared, points)
                if keeping:
                    rows[id(ind)] = found
                entry = found[1]
                entries.append(entry)
                if gplan is not None and not entry.blank:
                    gplan.members.append(entry)
    if kept is not None:
        kept.profile, kept.rows = profile, rows
    return Plan(entries, groups, ignored)


def _entry(rules: IndicatorRules, path: tuple[int, int, int], names: tuple[str, str, str], ind: Indicator,
           year: int | None, negative: bool, shared: tuple[Decimal | None, bool] | None,
           points: dict[str, tuple[Decimal | None, bool]]) -> Entry:
    """A row read: its weight (its own, or its `shared` part of its group's) and its rule outcome."""
    blank = not ind.target.strip() and ind.is_blank()  # most rows have a target: no call
    if shared is not None:
        weight, readable = (None if blank else shared[0]), shared[1]
    else:
        read = points.get(ind.weight)
        if read is None:
            read = points[ind.weight] = read_points(ind.weight)
        weight, readable = read
    outcome, direction = (None, None) if blank else rules.row(
        ind.target, ind.actual, weight if weight is not None else _ZERO, negative,
        ind.quality_grade, ind.quality_score, year, ind.name)
    return Entry(path, names, ind, blank, shared is not None, weight, readable, outcome,
                 read_manual(ind.manual_score, weight) if ind.manual_score else NO_MANUAL, direction)


# ---------------------------------------------------------------- indicators


def _raw_score(entry: Entry) -> Decimal | None:
    """Unrounded score: the manual one when given, else the rule's."""
    if entry.outcome is None or entry.weight is None:  # a blank row has no outcome
        return None
    if entry.manual.given:
        return entry.manual.score
    return entry.outcome.score


def _indicator_result(entry: Entry, profile: Profile) -> IndicatorResult:
    if entry.blank or entry.outcome is None:
        return IndicatorResult(entry.path, entry.names, None, None, ScoreKind.UNSCORED, "空白行，不计分", counted=False)
    outcome, manual = entry.outcome, entry.manual
    if entry.weight is None:
        why = "分值无法识别" if not entry.weight_readable else "未设分值"
        return IndicatorResult(entry.path, entry.names, None, None, ScoreKind.UNSCORED, f"{why}，无法计分",
                               counted=not entry.in_group, direction=entry.direction)
    raw = manual.score if manual.given else outcome.score  # _raw_score, for a row with an outcome and a weight
    score = None if raw is None else profile.score_rounding.apply(raw)
    text: Explanation
    if manual.given:
        kind = ScoreKind.MANUAL
        rule = format_decimal(profile.score_rounding.apply(outcome.score)) if outcome.score is not None else "无法计分"
        if score is None:
            text = f"人工评分“{excerpt(manual.text)}”无效（应在{manual_range_text(entry.weight)}之间）；规则得分{rule}"
        else:
            reason = entry.indicator.manual_reason.strip() or "未填写理由"
            text = f"人工评分{format_decimal(score)}（规则得分{rule}）：{reason}"
    else:
        kind, text = outcome.kind, outcome  # its explanation, written (and kept there) when first read
    if entry.in_group:
        text = _share_of_group(entry.weight, text)
    over = outcome.over_achieved and not manual.given
    below = score is not None and score < entry.weight
    # Positional: keyword arguments to a class cost a dict per row. The last five are over_achieved,
    # needs_reason, counted, grade and direction.
    return IndicatorResult(entry.path, entry.names, entry.weight, score, kind, text, over, below or over,
                           not entry.in_group, "" if manual.given else outcome.grade, entry.direction)


def _share_of_group(weight: Decimal, explanation: Explanation) -> Explanation:
    """The explanation of a row scored at a share of its group's weight, written when read."""
    return lambda: f"整组分值的一份（{format_decimal(weight)}分）；{written(explanation)}"


def _group_result(g: GroupPlan, profile: Profile) -> GroupResult:
    weight = g.weight if g.weight is not None else _ZERO
    raws = [_raw_score(m) for m in g.members]
    known = [r for r in raws if r is not None]
    over = any(m.outcome is not None and m.outcome.over_achieved and not m.manual.given for m in g.members)
    if g.weight is None:
        score, text = None, "整组分值无法识别，无法计分"
    elif not g.members:
        score, text = None, "整组没有填写指标，无法计分"
    elif len(known) < len(raws):
        score, text = None, "整组中有指标无法计分，整组暂不计分"
    else:
        score = profile.score_rounding.apply(sum(known, _ZERO))
        share = format_decimal(g.weight / len(g.members))
        parts = " + ".join(format_decimal(r) for r in known)
        text = (f"整组分值{format_decimal(g.weight)}，{len(g.members)}项指标各占{share}："
                f"{parts} = {format_decimal(score)}")
    if g.manual.given:
        rule = format_decimal(score) if score is not None else "无法计分"
        if g.manual.score is None:
            score = None
            text = f"人工评分“{excerpt(g.manual.text)}”无效（应在0至{format_decimal(weight)}之间）；规则得分{rule}"
        else:
            score = profile.score_rounding.apply(g.manual.score)
            reason = g.group.manual_reason.strip() or "未填写理由"
            text = f"人工评分{format_decimal(score)}（规则得分{rule}）：{reason}"
    below = score is not None and score < weight
    return GroupResult(g.path, g.names, weight, score, text, manual=g.manual.given and score is not None,
                       needs_reason=below or over)


# ---------------------------------------------------------------- funds


def total_row(funds: Funds) -> FundsRow:
    """The 年度资金总额 row; an empty one when a damaged file has no rows at all."""
    return funds.rows[0] if funds.rows else FundsRow("total")


def execution_rate(funds: Funds) -> Decimal | None:
    """全年执行数 ÷ 全年预算数 of the total row; None when either cannot be used."""
    row = total_row(funds)
    budget, ok_b = read_amount(row.budget)
    executed, ok_e = read_amount(row.executed)
    if not (ok_b and ok_e) or budget is None or executed is None or budget == 0:
        return None
    return executed / budget


def funds_weight(funds: Funds, profile: Profile) -> tuple[Decimal | None, bool]:
    """The execution rate's 分值: typed, or the profile's default when left empty."""
    value, ok = read_points(funds.weight)
    return (profile.funds.weight, True) if ok and value is None else (value, ok)


def score_funds(funds: Funds, profile: Profile) -> FundsResult:
    rules = profile.funds
    rate = execution_rate(funds)
    row = total_row(funds)
    _, budget, executed = rules.columns  # the profile's names (Sichuan: 调整后预算数)
    shown = (f"预算执行率 = {executed}{row.executed.strip() or '（空）'} ÷ {budget}{row.budget.strip() or '（空）'}"
             + (f" = {format_percent(rate)}" if rate is not None else "，无法计算"))
    counted = rules.scored and rules.counted
    if not rules.scored:
        return FundsResult(rate, None, None, f"{shown}；本模板的执行率只显示、不计分", counted, False)
    weight, _ = funds_weight(funds, profile)
    score = None
    if weight is None:
        text = f"{shown}；分值无法识别，不计分"
    elif rate is None:
        text = shown
    else:
        raw = weight * rate
        score = rules.rounding.apply(min(raw, weight) if rules.cap else raw)
        product = format_decimal(rules.rounding.apply(raw))
        text = f"{shown}，得分 = {format_decimal(weight)} × {format_percent(rate)} = {product}"
        if rules.cap and raw > weight:
            text += f"，不超过分值，计{format_decimal(score)}"
    manual = read_manual(funds.manual_score, weight)
    if manual.given:
        rule = format_decimal(score) if score is not None else "无法计分"
        if manual.score is None:
            score, text = None, f"人工评分“{excerpt(manual.text)}”无效；{text}"
        else:
            score = rules.rounding.apply(manual.score)
            text = f"人工评分{format_decimal(score)}（规则得分{rule}）：{funds.manual_reason.strip() or '未填写理由'}"
    if not counted:
        text += "；不计入总分"
    return FundsResult(rate, weight, score, text, counted, True, manual=manual.given and manual.score is not None)


# ---------------------------------------------------------------- totals


def _total(profile: Profile, funds: FundsResult, parts: Decimal) -> tuple[Decimal, Decimal, str]:
    funds_part = funds.score if funds.counted and funds.score is not None else _ZERO
    uncapped = profile.score_rounding.apply(funds_part + parts)
    text = f"总分 = 指标得分{format_decimal(parts)}"
    if funds.counted:
        text = f"总分 = 执行率得分{format_decimal(funds_part)} + 指标得分{format_decimal(parts)}"
    text += f" = {format_decimal(uncapped)}"
    total = uncapped
    if funds.rate is not None:
        percent = funds.rate * 100
        for cap in profile.total_caps:
            if cap.rate_from <= percent < cap.rate_to and total > cap.max_total:
                total = cap.max_total
                text += (f"；执行率{format_percent(funds.rate)}在{format_decimal(cap.rate_from)}%至"
                         f"{format_decimal(cap.rate_to)}%之间，总分最高{format_decimal(cap.max_total)}")
    total = profile.score_rounding.apply(total)
    grade = profile.grade_for(total)
    return uncapped, total, f"{text}，评价等级：{grade}"


def evaluate(doc: Document, profile: Profile, p: Plan | None = None) -> Evaluation:
    """Every score of `doc` under `profile`; problems are left to `validation.check`.

    `p` is `plan(doc, profile)` when the caller has it already (`analyse` hands the
    same plan to validation, so every row is read once)."""
    p = plan(doc, profile) if p is None else p
    funds = score_funds(doc.funds, profile)
    groups = [_group_result(g, profile) for g in p.groups]
    level1_weights = {l1.name: _ZERO for l1 in doc.level1}
    parts = _ZERO
    indicators: list[IndicatorResult] = []
    for entry in p.entries:
        result = entry.result
        if result is None:  # not kept from an earlier analysis (`plan`)
            result = entry.result = _indicator_result(entry, profile)
        indicators.append(result)
        if result.counted and result.weight is not None:
            level1_weights[entry.names[0]] += result.weight
            parts += result.score or _ZERO
    for g, group_result in zip(p.groups, groups, strict=True):
        if g.weight is not None:
            level1_weights[g.names[0]] += g.weight
            parts += group_result.score or _ZERO
    weights_total = sum(level1_weights.values(), _ZERO)
    if funds.counted and funds.weight is not None:
        weights_total += funds.weight
    uncapped, total, text = _total(profile, funds, parts)
    evaluation = Evaluation(
        funds=funds,
        indicators=indicators,
        groups=groups,
        level1_weights=level1_weights,
        weights_total=weights_total,
        total_uncapped=uncapped,
        total=total,
        total_explanation=text,
        grade=profile.grade_for(total),
    )
    return evaluation
