"""Problems of a filled table: what is wrong, where, and what to do about it.

`check(doc, profile, evaluation)` reads the same plan as the scoring (so the
rules are applied once) and adds the checks of the table as a whole: weights
adding up to 100, the expected split, funds rows, required fields. Every
problem has a stable code listed in `CODES` and a `Location` the window uses to
point at the cell. Blank placeholder rows never produce problems.
"""

from __future__ import annotations

from decimal import Decimal

from perfdesk.core.model.document import Document
from perfdesk.core.model.fields import required_fields
from perfdesk.core.model.places import block_place, group_place, indicator_place
from perfdesk.core.model.results import (
    Evaluation,
    Location,
    Problem,
    Severity,
    format_decimal,
)
from perfdesk.core.rules.claims import CLAIM_CODES
from perfdesk.core.rules.profile import Profile
from perfdesk.core.rules.scoring import (
    Entry,
    GroupPlan,
    Manual,
    Plan,
    funds_weight,
    is_nothing,
    manual_range_text,
    plan,
    read_amount,
    read_points,
    total_row,
)
from perfdesk.core.values.deadlines import table_year
from perfdesk.core.values.text import excerpt

CODES: dict[str, str] = {
    "WEIGHTS_TOTAL": "计分的分值合计不等于模板规定的总分（通常为 100）",
    "SPLIT_DEVIATION": "一级指标分值分配与模板的默认比例不同",
    "SCORE_ABOVE_WEIGHT": "得分超过分值（模板不封顶时）",
    "REASON_MISSING": "得分低于分值或超额完成，但未填写偏差原因分析及改进措施",
    "TARGET_MISSING": "有分值的指标未填写年度指标值",
    "TARGET_UNREADABLE": "年度指标值无法识别",
    "ACTUAL_MISSING": "未填写实际完成值",
    "ACTUAL_UNREADABLE": "实际完成值无法识别",
    "ACTUAL_NOT_COMPARABLE": "实际完成值与年度指标值类型不同，无法比较",
    "ACTUAL_IS_THRESHOLD": "实际完成值写成了界限（如 ≥98%），不是实际结果",
    "UNIT_MISMATCH": "实际完成值与年度指标值的单位不一致",
    "UNIT_SHORTENED": "实际完成值的单位少写了“/…”部分（如 元/人 写成 元），已按同一单位比较",
    "ACTUAL_FRACTION": "目标是百分比，实际写成了不带 % 的小数（如 0.93），已按所注明的读法计分",
    "DIRECTION_UNCLEAR": "百分比目标没有写 ≥ 或 ≤，按本二级指标的默认方向计分，需写明",
    "WEIGHT_UNREADABLE": "分值无法识别或为负数",
    "WEIGHT_MISSING": "填写了指标但没有分值（本行和所在二级指标都没有）",
    "GROUP_EMPTY": "二级指标设了整组分值，但没有填写三级指标",
    "GROUP_WEIGHT_NOT_ALLOWED": "本模板不支持二级指标整组分值",
    "FUNDS_UNREADABLE": "项目资金金额无法识别或为负数",
    "FUNDS_BUDGET_MISSING": "年度资金总额的全年预算数为空或为 0，无法计算执行率",
    "FUNDS_EXECUTED_MISSING": "年度资金总额的全年执行数为空，无法计算执行率",
    "FUNDS_OVER_BUDGET": "全年执行数大于全年预算数",
    "FUNDS_SUBROWS_SUM": "资金分项之和不等于年度资金总额",
    "REQUIRED_FIELD": "必填项目为空",
    "YEAR_INVALID": "年度不是四位年份",
    "MANUAL_REASON_MISSING": "人工评分未填写理由",
    "MANUAL_OUT_OF_RANGE": "人工评分无法识别或不在 0 至分值之间",
    "QUALITY_GRADE_MISSING": "定性指标未选择完成档次（或档次不存在）",
    "QUALITY_GRADE_UNCONFIRMED": "定性指标实际与目标相符，暂按最高档计满分，需选择完成档次确认",
    "QUALITY_SCORE_MISSING": "定性指标选了较低档次，但未填写档次得分",
    "QUALITY_SCORE_OUT_OF_BAND": "定性指标的档次得分不在所选档次的区间内",
    "OVER_ACHIEVEMENT": "实际完成值远高于目标，需分析原因",
    "RELATIVE_TARGET": "年度指标值是相对值（如 ≥上年值），需人工评分",
    "DEADLINE_YEAR_MISSING": "期限或完成日期没有写年份，表头的年度也未填写",
    "DEADLINE_MET_IN_WORDS": "实际完成值用文字说按期完成（如 按时完成），已按达到期限计分，需填写完成日期",
    "TOTAL_CAPPED": "总分因预算执行率被封顶",
    **CLAIM_CODES,
}

#: Rule issues that a valid manual score settles (the judgement replaces the formula).
_SETTLED_BY_MANUAL = {"RELATIVE_TARGET", "QUALITY_GRADE_MISSING", "QUALITY_GRADE_UNCONFIRMED", "QUALITY_SCORE_MISSING"}
_ERROR, _WARNING = Severity.ERROR, Severity.WARNING


class _Report:
    """Collects problems; every message starts with where the problem is."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, severity: Severity, code: str, where: Location, message: str) -> None:
        self.problems.append(Problem(severity, code, f"{where.label}：{message}", where))


def _indicator_place(entry: Entry, field: str) -> Location:
    return indicator_place(entry.path, entry.names, field, entry.indicator.id)


def _group_place(g: GroupPlan, field: str) -> Location:
    return group_place(g.path, g.names, field, g.group.id)


def _check_manual(report: _Report, manual: Manual, reason: str, weight: Decimal | None,
                  place: Location, reason_place: Location) -> None:
    if manual.score is None:
        report.add(_ERROR, "MANUAL_OUT_OF_RANGE", place,
                   f"人工评分“{excerpt(manual.text)}”无效：应为 {manual_range_text(weight)} 之间的数字")
    if not reason.strip():
        report.add(_ERROR, "MANUAL_REASON_MISSING", reason_place, "填写了人工评分，请说明理由（将随表导出）")


def _check_entry(report: _Report, entry: Entry, evaluation: Evaluation, index: int, profile: Profile) -> None:
    ind = entry.indicator
    if not entry.in_group:
        if not entry.weight_readable:
            report.add(_ERROR, "WEIGHT_UNREADABLE", _indicator_place(entry, "weight"),
                       f"分值“{excerpt(ind.weight)}”无法识别：请填写不小于 0 的数字")
            return
        if entry.weight is None:
            if ind.target.strip() or ind.actual.strip():
                whole_group = ("，或在本行按 Ctrl+G（编辑 › 整组分值）为所在二级指标填写一个分值"
                               if profile.group_weights else "")
                report.add(_ERROR, "WEIGHT_MISSING", _indicator_place(entry, "weight"),
                           f"没有分值：请为本行填写分值{whole_group}")
            return
    manual_ok = entry.manual.given and entry.manual.score is not None
    assert entry.outcome is not None  # only non-blank rows are checked
    for issue in entry.outcome.issues:
        if not (manual_ok and issue.code in _SETTLED_BY_MANUAL):
            report.add(issue.severity, issue.code, _indicator_place(entry, issue.field), issue.message)
    if entry.manual.given:
        _check_manual(report, entry.manual, ind.manual_reason, entry.weight,
                      _indicator_place(entry, "manual_score"), _indicator_place(entry, "manual_reason"))
    result = evaluation.indicators[index]
    if result.score is not None and entry.weight is not None and result.score > entry.weight:
        report.add(_WARNING, "SCORE_ABOVE_WEIGHT", _indicator_place(entry, "weight"),
                   f"得分{format_decimal(result.score)}超过分值{format_decimal(entry.weight)}：请核实是否应封顶")
    if result.over_achieved:
        report.add(_WARNING, "OVER_ACHIEVEMENT", _indicator_place(entry, "actual"),
                   f"实际完成值超过目标{format_decimal(profile.over_achievement.threshold)}%以上："
                   "请分析是否目标设定偏低，并在偏差原因中说明")
    if not entry.in_group and result.needs_reason and not ind.reason.strip():
        why = "超额完成较多" if result.over_achieved else f"得分{format_decimal(result.score)}低于分值"
        report.add(_ERROR, "REASON_MISSING", _indicator_place(entry, "reason"), f"{why}：请填写偏差原因分析及改进措施")


def _check_group(report: _Report, g: GroupPlan, evaluation: Evaluation, index: int) -> None:
    if g.weight is None:
        report.add(_ERROR, "WEIGHT_UNREADABLE", _group_place(g, "weight"),
                   f"整组分值“{excerpt(g.group.weight)}”无法识别：请填写不小于 0 的数字")
        return
    if not g.members:
        report.add(_ERROR, "GROUP_EMPTY", _group_place(g, "weight"),
                   "设了整组分值，但没有填写三级指标：请填写指标或清空整组分值")
        return
    if g.manual.given:
        _check_manual(report, g.manual, g.group.manual_reason, g.weight,
                      _group_place(g, "manual_score"), _group_place(g, "manual_reason"))
    result = evaluation.groups[index]
    if result.score is not None and result.score > g.weight:
        report.add(_WARNING, "SCORE_ABOVE_WEIGHT", _group_place(g, "weight"),
                   f"整组得分{format_decimal(result.score)}超过分值{format_decimal(g.weight)}：请核实是否应封顶")
    if result.needs_reason and not any(m.indicator.reason.strip() for m in g.members):
        report.add(_ERROR, "REASON_MISSING", _indicator_place(g.members[0], "reason"),
                   f"整组得分{format_decimal(result.score)}低于分值或有超额完成：请至少在一行填写偏差原因分析")


_FUNDS_COLUMNS = ("initial", "budget", "executed")


def _check_funds(report: _Report, doc: Document, profile: Profile, evaluation: Evaluation) -> None:
    labels = {d.key: d.label for d in profile.funds.rows}
    column_labels = dict(zip(_FUNDS_COLUMNS, profile.funds.columns, strict=True))
    amounts: list[dict[str, Decimal | None]] = []
    for i, row in enumerate(doc.funds.rows):
        values: dict[str, Decimal | None] = {}
        for name in _FUNDS_COLUMNS:
            text = getattr(row, name)
            value, ok = read_amount(text)
            values[name] = value
            if not ok:
                report.add(_ERROR, "FUNDS_UNREADABLE", _funds_place(i, name, labels, column_labels, row.key),
                           f"金额“{excerpt(text)}”无法识别：请填写不小于 0 的数字（单位{doc.project.money_unit}）")
        amounts.append(values)
        budget, executed = values["budget"], values["executed"]
        if budget is not None and executed is not None and executed > budget:
            report.add(_WARNING, "FUNDS_OVER_BUDGET", _funds_place(i, "executed", labels, column_labels, row.key),
                       f"{column_labels['executed']}{format_decimal(executed)}大于{column_labels['budget']}"
                       f"{format_decimal(budget)}：请核对")
    total = total_row(doc.funds)
    if not amounts:
        amounts.append({name: None for name in _FUNDS_COLUMNS})
    place = _funds_place(0, "budget", labels, column_labels, total.key)
    if is_nothing(total.budget) or amounts[0]["budget"] == 0:
        report.add(_ERROR, "FUNDS_BUDGET_MISSING", place,
                   f"{column_labels['budget']}为空或为 0，无法计算预算执行率：请填写")
    if is_nothing(total.executed):
        report.add(_ERROR, "FUNDS_EXECUTED_MISSING", _funds_place(0, "executed", labels, column_labels, total.key),
                   f"{column_labels['executed']}为空，无法计算预算执行率：请填写（没有支出填 0）")
    for name in _FUNDS_COLUMNS:
        parts = [a[name] for a in amounts[1:]]
        texts = [getattr(r, name) for r in doc.funds.rows[1:]]
        if not any(t.strip() for t in texts) or not all(read_points(t)[1] for t in texts):
            continue
        subtotal = sum((p for p in parts if p is not None), Decimal(0))
        if amounts[0][name] is not None and subtotal != amounts[0][name]:
            report.add(_WARNING, "FUNDS_SUBROWS_SUM", _funds_place(0, name, labels, column_labels, total.key),
                       f"分项之和{format_decimal(subtotal)}不等于总额{format_decimal(amounts[0][name])}：请核对各行")
    if not profile.funds.scored:
        return
    weight, ok = funds_weight(doc.funds, profile)
    weight_place = Location("funds", (), "weight", "项目资金 › 分值")
    if not ok:
        report.add(_ERROR, "WEIGHT_UNREADABLE", weight_place,
                   f"分值“{excerpt(doc.funds.weight)}”无法识别：请填写不小于 0 的数字")
    text = doc.funds.manual_score
    manual = Manual(text, evaluation.funds.score if evaluation.funds.manual else None, bool(text.strip()))
    if manual.given:
        _check_manual(report, manual, doc.funds.manual_reason, weight,
                      Location("funds", (), "manual_score", "项目资金 › 人工评分"),
                      Location("funds", (), "manual_reason", "项目资金 › 人工评分理由"))


def _funds_place(i: int, name: str, labels: dict, column_labels: dict, key: str) -> Location:
    return Location("funds", (i,), name, f"项目资金 › {labels.get(key, key)} › {column_labels[name]}")


def _check_fields(report: _Report, doc: Document) -> None:
    p = doc.project
    records = {"project": doc.project, "signature": doc.signature}
    for spec in required_fields():
        if not getattr(records[spec.section], spec.name).strip():
            report.add(Severity(spec.required), "REQUIRED_FIELD", block_place(spec.section, spec.name),
                       "未填写，请补上")
    if p.year.strip() and table_year(p.year) is None:
        report.add(_ERROR, "YEAR_INVALID", Location("project", (), "year", "年度"),
                   f"“{excerpt(p.year)}”不是年份：请填写四位年份，如 2023")


def _check_table(report: _Report, profile: Profile, evaluation: Evaluation) -> None:
    table = Location("table", (), "", "总分")
    if evaluation.weights_total != profile.weights_total:
        report.add(_ERROR, "WEIGHTS_TOTAL", table,
                   f"计分的分值合计为{format_decimal(evaluation.weights_total)}，应为"
                   f"{format_decimal(profile.weights_total)}：请调整各项分值")
    for part in profile.split:
        have = sum((evaluation.level1_weights.get(n, Decimal(0)) for n in part.level1), Decimal(0))
        if have != part.weight:
            names = "与".join(part.level1)
            report.add(_WARNING, "SPLIT_DEVIATION", Location("table", (), "", names),
                       f"分值合计{format_decimal(have)}，模板默认为{format_decimal(part.weight)}："
                       "如有特殊情况请在说明中写明理由")
    if evaluation.total < evaluation.total_uncapped:
        report.add(_WARNING, "TOTAL_CAPPED", table,
                   f"按预算执行率规则，总分由{format_decimal(evaluation.total_uncapped)}封顶为"
                   f"{format_decimal(evaluation.total)}")


def check(doc: Document, profile: Profile, evaluation: Evaluation, scoring_plan: Plan | None = None) -> list[Problem]:
    """All problems of `doc`: fields, funds, indicators, groups, then the table as a whole.

    `scoring_plan` is the plan `evaluation` was computed from (read afresh when not given)."""
    report = _Report()
    _check_fields(report, doc)
    _check_funds(report, doc, profile, evaluation)
    p = plan(doc, profile) if scoring_plan is None else scoring_plan
    for index, entry in enumerate(p.entries):
        if not entry.blank:
            if entry.problems is None:  # not kept from an earlier analysis (`plan`)
                start = len(report.problems)
                _check_entry(report, entry, evaluation, index, profile)
                entry.problems = report.problems[start:]
            else:
                report.problems += entry.problems
    for index, g in enumerate(p.groups):
        _check_group(report, g, evaluation, index)
    for path in p.ignored_group_weights:
        g = GroupPlan(path, (doc.level1[path[0]].name, doc.group_at(*path).name), doc.group_at(*path), None)
        report.add(_WARNING, "GROUP_WEIGHT_NOT_ALLOWED", _group_place(g, "weight"),
                   "本模板不支持整组分值，已忽略：请把分值填在各三级指标上")
    _check_table(report, profile, evaluation)
    return report.problems
