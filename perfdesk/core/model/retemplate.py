"""更换模板: carry a filled table over to another template without losing a typed value.

An import guesses the province's template and a clerk may start on the wrong one;
the scores then follow the wrong rules (funds weight 10 instead of 20, 满意度 as
its own 一级 instead of inside 效益 …). Changing the template rebuilds the table's
skeleton (funds rows, the 一级/二级 tree, the execution rate's default 分值) from
the new profile and carries every typed value, every stable id and every `extra`
over. What moved is said in Chinese notes; an amount that has no row in the new
template is kept in `Funds.extra` (saved with the file) and named in the notes,
and it comes back when a later change offers its row again.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from perfdesk.core.model.document import Document, Funds, FundsRow, Group, Level1
from perfdesk.core.model.factory import ensure_rows
from perfdesk.core.model.results import format_decimal
from perfdesk.core.rules.profile import Level1Def, Profile
from perfdesk.core.values.labels import label_key
from perfdesk.core.values.parse import parse_number

#: Key of `Funds.extra` holding funds rows with amounts that the template has no row for.
PARKED_FUNDS_ROWS = "unplaced_rows"
_AMOUNTS = ("initial", "budget", "executed")


def retemplate(doc: Document, old: Profile, new: Profile) -> tuple[Document, list[str]]:
    """A new document laid out on `new`, with `doc`'s values, and notes on what moved.

    `doc` is left as it is (the caller may keep it to undo the change).
    """
    result = copy.deepcopy(doc)
    result.template_id = new.id
    notes: list[str] = []
    _move_funds_rows(result.funds, old, new, notes)
    _move_funds_weight(result.funds, old, new, notes)
    result.level1 = _move_groups(result.level1, new, notes)
    ensure_rows(result, new)
    return result, notes


# ---------------------------------------------------------------- funds


def _has_amounts(row: FundsRow) -> bool:
    return any(getattr(row, name).strip() for name in _AMOUNTS)


def _parked_rows(funds: Funds) -> list[tuple[FundsRow, str]]:
    """Rows kept aside by an earlier change (read back from a file: anything odd is skipped)."""
    rows = []
    for item in funds.extra.pop(PARKED_FUNDS_ROWS, None) or []:
        if isinstance(item, dict):
            text = {name: str(item.get(name, "")) for name in ("key", "label", *_AMOUNTS)}
            extra = item.get("extra")
            row = FundsRow(text["key"], text["initial"], text["budget"], text["executed"],
                           dict(extra) if isinstance(extra, dict) else {})
            rows.append((row, text["label"] or text["key"]))
    return rows


def _move_funds_rows(funds: Funds, old: Profile, new: Profile, notes: list[str]) -> None:
    """年度资金总额 stays first; the other rows go to the new row of their key, else of their place."""
    labels = {d.key: d.label for d in old.funds.rows}
    typed = [(row, labels.get(row.key, row.key)) for row in funds.rows]
    parked = _parked_rows(funds)
    defs = new.funds.rows
    slots: list[tuple[FundsRow, str] | None] = [None] * len(defs)
    if typed:
        slots[0] = typed[0]
    waiting = typed[1:] + parked  # compared by identity: two rows may hold the same values
    for i, d in enumerate(defs[1:], start=1):
        match = next((entry for entry in waiting if entry[0].key == d.key), None)
        if match is not None:
            slots[i] = match
            waiting = [entry for entry in waiting if entry is not match]
    for i, unplaced in enumerate(typed[1:], start=1):  # by place: a row whose key the new template lacks
        if any(unplaced is w for w in waiting) and i < len(slots) and slots[i] is None:
            slots[i] = unplaced
            waiting = [w for w in waiting if w is not unplaced]
    rows = []
    for d, slot in zip(defs, slots, strict=True):
        if slot is None:
            rows.append(FundsRow(key=d.key))
            continue
        row, label = slot
        if any(slot is p for p in parked):
            notes.append(f"先前保留的资金行“{label}”的金额已放回“{d.label}”行。")
        elif label != d.label and _has_amounts(row):
            notes.append(f"资金行“{label}”的金额移到“{d.label}”行。")
        row.key = d.key
        rows.append(row)
    funds.rows = rows
    _park(funds, [entry for entry in waiting if _has_amounts(entry[0])], old, notes)


def _park(funds: Funds, entries: Iterable[tuple[FundsRow, str]], old: Profile, notes: list[str]) -> None:
    kept: list[dict[str, Any]] = []
    for row, label in entries:
        kept.append({"key": row.key, "label": label, **{name: getattr(row, name) for name in _AMOUNTS},
                     "extra": row.extra})
        amounts = "，".join(f"{column} {getattr(row, name)}" for column, name in zip(old.funds.columns, _AMOUNTS,
                                                                                    strict=True)
                           if getattr(row, name).strip())
        notes.append(f"新模板没有资金行“{label}”：其金额（{amounts}）保留在文件中，但不显示，也不计入合计。")
    if kept:
        funds.extra[PARKED_FUNDS_ROWS] = kept


def _move_funds_weight(funds: Funds, old: Profile, new: Profile, notes: list[str]) -> None:
    """The old template's default 分值 becomes the new one's; a 分值 the user chose is kept."""
    typed = funds.weight.strip()
    was_default = parse_number(typed) == old.funds.weight if old.funds.scored else not typed
    new_default = format_decimal(new.funds.weight) if new.funds.scored else ""
    if was_default:
        if typed != new_default:
            was, now = typed or "不计分", new_default or "不计分"
            notes.append(f"预算执行率分值由“{was}”改为“{now}”（新模板的默认值）。")
        funds.weight = new_default
    elif typed and not new.funds.scored:
        notes.append(f"新模板不为预算执行率计分：分值 {typed} 保留在文件中，但不计分。")
    elif typed != new_default:
        notes.append(f"预算执行率分值 {typed or '（空）'} 是填报人所定，保留不变（新模板默认为 {new_default}）。")


# ---------------------------------------------------------------- 一级 / 二级


def _move_groups(level1: list[Level1], new: Profile, notes: list[str]) -> list[Level1]:
    """Each 二级 goes to the 一级 that declares it, else to a 一级 of its old one's name
    (kept at the end when the new template has none); order as the new template says."""
    home: dict[str, int] = {}
    for i, d in enumerate(new.level1):
        for g in d.groups:
            home.setdefault(label_key(g.name), i)
    old_by_key: dict[str, Level1] = {}
    for l1 in level1:
        old_by_key.setdefault(label_key(l1.name), l1)
    targets: dict[str, Level1] = {}  # by 一级 name: the new template's first, then the table's own
    declared: list[tuple[Level1, Level1Def]] = []
    for d in new.level1:
        if label_key(d.name) not in targets:
            same = old_by_key.get(label_key(d.name))
            target = targets[label_key(d.name)] = Level1(same.name, [], same.extra) if same else Level1(d.name)
            declared.append((target, d))
    for l1 in level1:
        for group in l1.groups:
            key, own = label_key(group.name), label_key(l1.name)
            if key in home:
                target = targets[label_key(new.level1[home[key]].name)]
            elif own in targets:
                target = targets[own]
            else:
                target = targets[own] = Level1(l1.name, [], l1.extra)
                notes.append(f"新模板没有一级指标“{l1.name}”：其下未归入新模板的二级指标保留在表末。")
            if label_key(target.name) != own:
                notes.append(f"二级指标“{group.name}”由“{l1.name}”移到“{target.name}”下。")
            target.groups.append(group)
    added: list[str] = []
    for target, d in declared:
        target.groups = _in_template_order(target.groups, d, added)
    if added:
        notes.append(f"新模板的二级指标{'、'.join(f'“{name}”' for name in added)}原表没有，已加上空行。")
    return list(targets.values())


def _in_template_order(groups: list[Group], d: Level1Def, added: list[str]) -> list[Group]:
    """The template's 二级 in its order (missing ones added empty), then the table's own ones."""
    order: dict[str, int] = {}
    for i, g in enumerate(d.groups):
        order.setdefault(label_key(g.name), i)
    present = {label_key(g.name) for g in groups}
    missing = [Group(g.name) for g in d.groups if label_key(g.name) not in present]
    added.extend(g.name for g in missing)
    return sorted(groups + missing, key=lambda g: order.get(label_key(g.name), len(order)))
