"""Which template an imported table follows: the one whose structure matches best.

Counted: 一级/二级 names found in the table, funds row labels and column labels
(`调整后预算数` is Sichuan's), the funds 分值 (20 in Yunnan 保山 and Hubei) and
the 一级 shares printed in the labels. Ties go to the library's default, so an
ordinary national table stays national. The user can change it afterwards.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from perfdesk.core.imports import labels as L
from perfdesk.core.rules.profile import Profile, TemplateLibrary
from perfdesk.core.values.labels import bare_label

if TYPE_CHECKING:
    from perfdesk.core.imports.blocks import FundsRead
    from perfdesk.core.imports.indicators import RowRead

_FUNDS_WORDS = (
    ("total", ("资金总额", "合计", "总计", "总额")),
    ("current", ("当年财政拨款", "本年财政拨款", "财政拨款", "财政资金")),
    ("carryover", ("上年结转", "结转")),
    ("other", ("其他资金", "其他")),
)


def canonical_names(library: TemplateLibrary) -> dict[str, str]:
    """Loose form (`经济效益`) → the name templates use (`经济效益指标`)."""
    names: dict[str, str] = {}
    for profile in library:
        for d in profile.level1:
            names.setdefault(bare_label(d.name).removesuffix("指标"), d.name)
            for g in d.groups:
                names.setdefault(bare_label(g.name).removesuffix("指标"), g.name)
    return names


def funds_key(label: str, profile: Profile) -> str | None:
    """The profile's funds row a printed label stands for, or None."""
    k = L.key(label).removeprefix("其中:").removeprefix("其中")
    for d in profile.funds.rows:
        if L.key(d.label).removeprefix("其中:").removeprefix("其中") == k:
            return d.key
    keys = {d.key for d in profile.funds.rows}
    for key, words in _FUNDS_WORDS:
        if key in keys and any(w in k for w in words):
            return key
    return None


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip().removesuffix("分"))
    except InvalidOperation:
        return None


def _fit(profile: Profile, tree: dict[str, dict[str, list[RowRead]]], funds: FundsRead,
         shares: dict[str, str]) -> int:
    score = 0
    level1 = {d.name: {g.name for g in d.groups} for d in profile.level1}
    for name1, groups in tree.items():
        if name1 in level1:
            score += 2
            score += 2 * len(set(groups) & level1[name1])
    for label, _cell, values in funds.rows:
        score += funds_key(label, profile) is not None
        weight = _number(values.get("weight", ("", (0, 0)))[0])
        if weight is not None and weight == profile.funds.weight:
            score += 3
    score += sum(1 for text in funds.columns.values() if text in profile.funds.columns)
    for part in profile.split:
        for name in part.level1:
            share = _number(shares.get(name, ""))
            if share is not None and len(part.level1) == 1 and share == part.weight:
                score += 2
    return score


def choose_profile(library: TemplateLibrary, tree: dict[str, dict[str, list[RowRead]]], funds: FundsRead,
                   shares: dict[str, str]) -> Profile:
    """The best-fitting template; the default wins ties."""
    best = library.default()
    best_fit = _fit(best, tree, funds, shares)
    for profile in library:
        fit = _fit(profile, tree, funds, shares)
        if fit > best_fit:
            best, best_fit = profile, fit
    return best
