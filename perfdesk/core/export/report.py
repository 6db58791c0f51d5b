"""A plain-text report of a checked document, for the command line (and later batch summaries)."""

from __future__ import annotations

from perfdesk.core.model.document import Document
from perfdesk.core.model.results import (
    Claim,
    Evaluation,
    Severity,
    format_decimal,
    format_percent,
)
from perfdesk.core.rules.profile import Profile
from perfdesk.core.values.parse import parse_number

SEVERITY_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告"}


def _published(text: str, claim: Claim | None = None) -> str:
    """`（原表 9）` when a source table's score is kept for comparison (`（原表 9，与规则不同）`
    when the recheck disagrees), else ``."""
    number = parse_number(text) if text.strip() else None
    if number is None:
        return f"（原表 {text.strip()}）" if text.strip() else ""
    differs = "，与规则不同" if claim is not None and not claim.agrees else ""
    return f"（原表 {format_decimal(number)}{differs}）"


def text_report(doc: Document, profile: Profile, ev: Evaluation) -> str:
    """Readable summary: every score with its rule and the published one, then the problems."""
    p = doc.project
    claims = {(c.location.section, c.location.path): c for c in ev.claims}
    lines = [
        f"{profile.title_for(p.year)}",
        f"项目名称：{p.name or '（未填）'}    实施单位：{p.implementer or '（未填）'}",
        f"模板：{profile.name}（{profile.id}）",
        "",
        "预算执行率："
        + (format_percent(ev.funds.rate) or "无法计算")
        + f"    得分 {format_decimal(ev.funds.score) or '—'} / {format_decimal(ev.funds.weight) or '—'}"
        + ("" if ev.funds.counted else "（不计入总分）")
        + _published(doc.funds.published_score, claims.get(("funds", ()))),
        f"    {ev.funds.explanation}",
        "",
        "绩效指标：",
    ]
    groups = {g.path: g for g in ev.groups}
    shown_groups: set[tuple[int, int]] = set()
    for r in ev.indicators:
        if not r.counted and r.path[:2] not in groups:
            continue  # blank placeholder rows
        group = groups.get(r.path[:2])
        if group is not None and group.path not in shown_groups:
            shown_groups.add(group.path)
            published = _published(doc.group_at(*group.path).published_score, claims.get(("group", group.path)))
            lines.append(
                f"  {' › '.join(group.names)}（整组）  得分 {format_decimal(group.score) or '—'} / "
                f"{format_decimal(group.weight)}{published}"
            )
            lines.append(f"      {group.explanation}")
        indent = "    " if group is not None else "  "
        published = _published(doc.indicator_at(*r.path).published_score, claims.get(("indicator", r.path)))
        lines.append(
            f"{indent}{' › '.join(r.names)}  得分 {format_decimal(r.score) or '—'} / "
            f"{format_decimal(r.weight) or '—'}{published}"
        )
        lines.append(f"{indent}    {r.explanation}")
    total_claim = _published(doc.published_total, claims.get(("table", ())))
    lines += [
        "",
        f"分值合计：{format_decimal(ev.weights_total)} / {format_decimal(profile.weights_total)}",
        f"总分：{format_decimal(ev.total)}{total_claim}    等级：{ev.grade}",
        f"    {ev.total_explanation}",
        "",
    ]
    if not ev.problems:
        lines.append("未发现问题。")
    else:
        errors = len(ev.errors)
        lines.append(f"发现 {errors} 个错误、{len(ev.problems) - errors} 个警告：")
        for problem in ev.problems:
            label = problem.location.label
            where = f"［{label}］" if label and not problem.message.startswith(label) else ""
            lines.append(f"  {SEVERITY_LABEL[problem.severity]} {problem.code} {where}{problem.message}")
    return "\n".join(lines) + "\n"
