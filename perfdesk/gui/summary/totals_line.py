"""The line under the 汇总表: `totals()` of the rows on screen, in words."""

from __future__ import annotations

from collections.abc import Sequence

from perfdesk.core.model.results import format_decimal, format_percent
from perfdesk.core.summary.row import SummaryRow
from perfdesk.core.summary.totals import totals
from perfdesk.gui.summary.columns import money


def totals_text(shown: Sequence[SummaryRow], listed: int, grade_order: Sequence[str]) -> str:
    """`shown`: the filtered rows; `listed`: every row of the window (says when a filter hides some)."""
    t = totals(shown, grade_order)
    files = f"{t.files} 个文件" if t.files == listed else f"筛选出 {t.files} / {listed} 个文件"
    if t.unreadable:
        files += f"（{t.unreadable} 个未能读取）"
    parts = [files]
    if t.readable:
        parts += [f"全年预算数 {money(t.budget)} 万元", f"全年执行数 {money(t.executed)} 万元",
                  f"执行率 {format_percent(t.rate) or '—'}（按预算加权）",
                  f"平均自评得分 {format_decimal(t.average_score) or '—'}"]
        if t.by_grade:
            parts.append("，".join(f"{grade} {count}" for grade, count in t.by_grade.items()))
        if t.with_errors:
            parts.append(f"有错误 {t.with_errors}")
        if t.claims_differ:
            parts.append(f"原表得分不符 {t.claims_differ}")
    return "合计：" + " · ".join(parts)
