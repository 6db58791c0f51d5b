"""Texts of the computed and document-following cells of the printed table.

`build_layout` and `refresh_layout` both take these texts from here, so a
layout refreshed after an edit cannot drift from a rebuilt one.
"""

from __future__ import annotations

from decimal import Decimal

from perfdesk.core.model.document import Document
from perfdesk.core.model.results import (
    Evaluation,
    Explanation,
    IndicatorResult,
    ScoreKind,
    direction_label,
    format_decimal,
    format_percent,
    written,
)
from perfdesk.core.rules.profile import Profile

#: (text, number, tooltip) of a computed cell; the tooltip is written when first read (`Cell.tooltip`).
Content = tuple[str, Decimal | None, Explanation]


def score_text(score: Decimal | None, manual: bool) -> str:
    text = format_decimal(score)
    return f"{text}（人工）" if manual and text else text


class Computed:
    """What each computed cell shows, read from one evaluation.

    The builder and `refresh_layout` both take cell contents from here, so a
    refreshed layout cannot drift from a rebuilt one.
    """

    def __init__(self, ev: Evaluation, show_claims: bool = False) -> None:
        self.ev = ev
        #: Print claimed scores beside the computed ones (a reviewer's printout, not a unit's own).
        self.show_claims = show_claims
        self._claims = {(c.location.section, c.location.path): c for c in ev.claims}

    def content(self, key: str, path: tuple[int, ...] = ()) -> Content:
        """(text, number, tooltip) of the COMPUTED cell `key` at `path`, with the claimed score
        of the same place in the tooltip (and in the text when `show_claims`)."""
        text, number, tooltip = self._content(key, path)
        claim = self._claims.get((_CLAIM_SECTIONS.get(key, ""), tuple(path)))
        if claim is None:
            return text, number, tooltip
        if claim.agrees:
            note = f"原表得分 {claim.text.strip()}：与规则一致"
        else:
            note = f"原表得分 {claim.text.strip()}：与规则得分 {format_decimal(claim.computed) or '（无法计分）'} 不同"
        if self.show_claims:
            text = f"{text}\n（原表{self.claimed(key, path)}）"
        return text, number, lambda: _noted(note, written(tooltip))

    def claimed(self, key: str, path: tuple[int, ...] = ()) -> str:
        """The claimed score printed beside the COMPUTED cell `key` at `path` ("" when none or
        when claims are not printed)."""
        claim = self._claims.get((_CLAIM_SECTIONS.get(key, ""), tuple(path)))
        return claim.text.strip() if claim is not None and self.show_claims else ""

    def _content(self, key: str, path: tuple[int, ...]) -> Content:
        ev = self.ev
        if key == "indicator.score":
            res = ev.indicator(path)
            if res is None:
                return "", None, ""
            return score_text(res.score, res.kind is ScoreKind.MANUAL), res.score, lambda: _score_tooltip(res)
        if key == "group.score":
            group = ev.group(path)
            if group is None:
                return "", None, ""
            return score_text(group.score, group.manual), group.score, group.explanation
        if key == "funds.rate":
            return format_percent(ev.funds.rate), ev.funds.rate, ev.funds.explanation
        if key == "funds.score":
            return score_text(ev.funds.score, ev.funds.manual), ev.funds.score, ev.funds.explanation
        if key == "weights_total":
            return format_decimal(ev.weights_total), ev.weights_total, "计入总分的分值合计，应为 100"
        if key == "total":
            return format_decimal(ev.total), ev.total, ev.total_explanation
        if key == "grade":
            return f"评价等级：{ev.grade}", None, ev.total_explanation
        raise KeyError(key)

    def actual_text(self, actual: str, path: tuple[int, int, int]) -> str:
        """An indicator's 实际完成值 as shown and printed: with the qualitative grade the rules
        used (`达标（达成）`), so the grade is seen beside what it judges, also under a 整组分值."""
        res = self.ev.indicator(path)
        if res is None or not res.grade:
            return actual
        return f"{actual}（{res.grade}）" if actual.strip() else res.grade

    def level1_label(self, name: str) -> str:
        """一级 name with its weight when it has one: `产出指标\n（50分）`."""
        weight = self.ev.level1_weights.get(name)
        return name + (f"\n（{format_decimal(weight)}分）" if weight else "")


def _noted(note: str, tooltip: str) -> str:
    return f"{note}\n{tooltip}" if tooltip else note


def _score_tooltip(res: IndicatorResult) -> str:
    """How the row is scored (`评分方式：正向…`), then the rule's explanation with its numbers."""
    how = direction_label(res.direction, res.kind)
    return f"{how}\n{res.explanation}" if how else res.explanation


#: The claimed field shown in each computed cell (see `content`).
_CLAIM_SECTIONS = {"indicator.score": "indicator", "group.score": "group", "funds.score": "funds", "total": "table"}


def fixed_texts(doc: Document, profile: Profile) -> dict[str, str]:
    """Texts of the unkeyed cells that follow document fields (title, captions, funds label)."""
    p = doc.project
    return {
        "title": profile.title_for(p.year),
        "caption.implementer": f"填报单位（盖章）：{p.implementer}",
        "caption.unit": f"单位：{p.money_unit}",
        "funds.label": f"项目资金\n（{p.money_unit}）",
    }


def score_notes(doc: Document, ev: Evaluation) -> list[str]:
    """Lines under the table for what the grid alone would hide: a scored execution rate that
    the template leaves out of the total, and every score set by a person, with its reason."""
    notes: list[str] = []
    if ev.funds.scored and not ev.funds.counted and ev.funds.score is not None:
        score = format_decimal(ev.funds.score)
        notes.append(f"说明：预算执行率得分 {score} 分按本模板只作显示，不计入分值合计和总分。")
    if ev.funds.manual:
        notes.append(f"人工评分：预算执行率得 {format_decimal(ev.funds.score)} 分。理由：{doc.funds.manual_reason}")
    for g in ev.groups:
        if g.manual:
            group = doc.group_at(*g.path)
            names = " › ".join(g.names)
            notes.append(f"人工评分：{names} 得 {format_decimal(g.score)} 分。理由：{group.manual_reason}")
    for r in ev.indicators:
        if r.kind is ScoreKind.MANUAL:
            ind = doc.indicator_at(*r.path)
            notes.append(f"人工评分：{' › '.join(r.names)} 得 {format_decimal(r.score)} 分。理由：{ind.manual_reason}")
    return notes
