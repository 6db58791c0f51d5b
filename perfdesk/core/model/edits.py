"""Every change a user makes to a document, as small Qt-free functions per noun.

Each function changes the document in place and returns what is needed to undo
it, so the GUI's undo commands stay thin and the edits are tested without a
window. Cell text is normalised here (`normalise_text`) so a value typed with
full-width digits or `>=` is stored the way the parser and the printed table
expect it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from decimal import Decimal

from perfdesk.core.model.document import Document, Group, Indicator
from perfdesk.core.model.fields import VALUE_FIELDS
from perfdesk.core.model.ids import INDICATOR_PREFIX, all_ids, new_id
from perfdesk.core.model.results import Location, format_decimal
from perfdesk.core.values.parse import parse_number

# Full-width digits and the signs used in values; Chinese punctuation (，：。) is prose and kept.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９％．＋－＜＞＝≧≦═", "0123456789%.+-<>=≥≤=")
_COMPARATORS = ((">=", "≥"), ("<=", "≤"), ("==", "="))
_LINE_EDGES = re.compile(r"^[ \t\u3000]+|[ \t\u3000]+$", re.MULTILINE)


class EditError(ValueError):
    """An edit that names no field of the document; the message is Chinese."""


def normalise_text(text: str, field_name: str = "") -> str:
    """The stored form of typed text: half-width digits and signs, `≥`/`≤`/`=`, no stray spaces.

    Line breaks inside long texts are kept; leading and trailing spaces (also the
    ideographic space U+3000 left by templates) are removed from each line. In a
    value field (`VALUE_FIELDS`) inner spaces go too: `≥ 4 个` → `≥4个`.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_FULL_WIDTH)
    for typed, sign in _COMPARATORS:
        text = text.replace(typed, sign)
    text = _LINE_EDGES.sub("", text).strip("\n")
    if field_name in VALUE_FIELDS:
        text = re.sub(r"[ \t\u3000]+", "", text)
    return text


# ---------------------------------------------------------------- fields


def _target(doc: Document, location: Location) -> object:
    """The record a location's field lives on (project, a funds row, an indicator …)."""
    section, path = location.section, tuple(location.path)
    try:
        if section == "project" and not path:
            return doc.project
        if section == "goals" and not path:
            return doc.goals
        if section == "signature" and not path:
            return doc.signature
        if section == "funds" and not path:
            return doc.funds
        if section == "funds" and len(path) == 1:
            return doc.funds.rows[path[0]]
        if section == "group" and len(path) == 2:
            return doc.group_at(*path)
        if section == "indicator" and len(path) == 3:
            return doc.indicator_at(*path)
    except IndexError:
        raise EditError(f"表格中没有这一位置：{_describe(location)}") from None
    raise EditError(f"无法编辑这一位置：{_describe(location)}")


def _describe(location: Location) -> str:
    return location.label or f"{location.section} {list(location.path)} {location.field}"


def _check_field(record: object, location: Location) -> None:
    names = {f.name for f in fields(record) if f.type in ("str", str)}  # type: ignore[arg-type]
    names.difference_update(("key", "id"))  # identity, not content
    if location.field not in names:
        raise EditError(f"无法编辑这一项：{_describe(location)}")


def get_field(doc: Document, location: Location) -> str:
    """The text currently stored at `location`."""
    record = _target(doc, location)
    _check_field(record, location)
    return getattr(record, location.field)


def set_field(doc: Document, location: Location, text: str) -> str:
    """Store `text` (as given: normalise before) at `location`; returns the old text for undo."""
    record = _target(doc, location)
    _check_field(record, location)
    old = getattr(record, location.field)
    setattr(record, location.field, text)
    return old


def manual_score_locations(where: tuple[int, ...] | str) -> tuple[Location, Location]:
    """The (score, reason) fields of a manual score: an indicator path, a group path or "funds"."""
    path: tuple[int, ...]
    if where == "funds" or where == ():
        section, path = "funds", ()
    elif isinstance(where, tuple) and len(where) in (2, 3):
        section, path = ("group" if len(where) == 2 else "indicator"), tuple(where)
    else:
        raise EditError(f"无法为这一位置设置人工评分：{where}")
    return Location(section, path, "manual_score"), Location(section, path, "manual_reason")


# ---------------------------------------------------------------- indicator rows


@dataclass(frozen=True)
class Removed:
    """What `remove_indicator` took away; `cleared` when it blanked the group's only row."""

    path: tuple[int, int, int]
    indicator: Indicator
    cleared: bool


def _group(doc: Document, i1: int, i2: int) -> Group:
    try:
        return doc.group_at(i1, i2)
    except IndexError:
        raise EditError(f"表格中没有第 {i1 + 1} 个一级指标下的第 {i2 + 1} 个二级指标") from None


def insert_indicator(
    doc: Document, i1: int, i2: int, index: int, indicator: Indicator | None = None
) -> tuple[int, int, int]:
    """Insert a row (blank unless given) into a 二级 at `index` (clamped); returns its path."""
    group = _group(doc, i1, i2)
    index = max(0, min(index, len(group.indicators)))
    row = indicator if indicator is not None else Indicator()
    taken = all_ids(doc)
    if not row.id or row.id in taken:  # a new row, or a copy of one still in the table
        row.id = new_id(INDICATOR_PREFIX, taken)
    group.indicators.insert(index, row)
    return (i1, i2, index)


def remove_indicator(doc: Document, path: tuple[int, int, int]) -> Removed:
    """Remove a 三级 row. A 二级's only row is replaced by a blank one instead, so the
    group always keeps a row to type into (see factory.ensure_rows)."""
    i1, i2, i3 = path
    group = _group(doc, i1, i2)
    if not 0 <= i3 < len(group.indicators):
        raise EditError(f"表格中没有这一行指标（第 {i3 + 1} 行）")
    if len(group.indicators) == 1:
        old = group.indicators[0]
        group.indicators[0] = Indicator(id=new_id(INDICATOR_PREFIX, all_ids(doc)))
        return Removed((i1, i2, i3), old, cleared=True)
    return Removed((i1, i2, i3), group.indicators.pop(i3), cleared=False)


def restore_indicator(doc: Document, removed: Removed) -> None:
    """Undo `remove_indicator`."""
    i1, i2, i3 = removed.path
    if removed.cleared:
        _group(doc, i1, i2).indicators[i3] = removed.indicator
    else:
        insert_indicator(doc, i1, i2, i3, removed.indicator)


def move_indicator(doc: Document, path: tuple[int, int, int], delta: int) -> tuple[int, int, int]:
    """Move a row up (`delta` < 0) or down within its 二级; returns its new path (clamped)."""
    i1, i2, i3 = path
    rows = _group(doc, i1, i2).indicators
    if not 0 <= i3 < len(rows):
        raise EditError(f"表格中没有这一行指标（第 {i3 + 1} 行）")
    new = max(0, min(len(rows) - 1, i3 + delta))
    rows.insert(new, rows.pop(i3))
    return (i1, i2, new)


# ---------------------------------------------------------------- group weights


@dataclass(frozen=True)
class GroupWeights:
    """The weights of a 二级 and of its rows, to put back on undo."""

    group: str
    members: tuple[str, ...]


def group_weights(doc: Document, i1: int, i2: int) -> GroupWeights:
    group = _group(doc, i1, i2)
    return GroupWeights(group.weight, tuple(ind.weight for ind in group.indicators))


def restore_group_weights(doc: Document, i1: int, i2: int, saved: GroupWeights) -> None:
    group = _group(doc, i1, i2)
    group.weight = saved.group
    for ind, weight in zip(group.indicators, saved.members, strict=True):
        ind.weight = weight


def toggle_group_weight(doc: Document, i1: int, i2: int) -> GroupWeights:
    """Put one weight on the whole 二级 (the sum of its rows' weights), or spread it back.

    Spreading back gives each non-blank row an equal share (two decimals; the last
    row takes the rounding remainder so the sum is unchanged). Returns the weights
    before the change, for `restore_group_weights`.
    """
    group = _group(doc, i1, i2)
    before = group_weights(doc, i1, i2)
    if group.has_group_weight:
        total = parse_number(group.weight) or Decimal(0)
        rows = [ind for ind in group.indicators if not ind.is_blank()] or group.indicators[:1]
        share = (total / len(rows)).quantize(Decimal("0.01"))
        for ind in rows[:-1]:
            ind.weight = format_decimal(share)
        rows[-1].weight = format_decimal(total - share * (len(rows) - 1))
        group.weight = ""
    else:
        total = sum((parse_number(ind.weight) or Decimal(0) for ind in group.indicators), Decimal(0))
        group.weight = format_decimal(total)
        for ind in group.indicators:
            ind.weight = ""
    return before


# ---------------------------------------------------------------- moving rows between 二级

#: The rows of some 二级, by (i1, i2): what a move changed, and what undo puts back.
RowLists = dict[tuple[int, int], list[Indicator]]


def row_lists(doc: Document, groups: Iterable[tuple[int, int]]) -> RowLists:
    """The current rows of `groups` (the lists copied, the rows themselves shared)."""
    return {g: list(_group(doc, *g).indicators) for g in groups}


def set_row_lists(doc: Document, lists: RowLists) -> None:
    """Give each 二级 in `lists` exactly those rows (undo and redo of a move)."""
    for g, rows in lists.items():
        _group(doc, *g).indicators[:] = rows


def rows_after_move(doc: Document, paths: list[tuple[int, int, int]], i1: int, i2: int, index: int) -> RowLists:
    """The rows of every 二级 a move touches once `paths` sit, in table order, before row
    `index` of 二级 (i1, i2) (at its end when `index` is past the last row).

    The document is not changed. A 二级 left without rows gets a blank one (a group always
    has a row to type into); another 二级 whose only row is blank gives it up to the moved rows.
    """
    target = _group(doc, i1, i2)
    moving: list[Indicator] = []
    for path in sorted(set(map(tuple, paths))):
        if len(path) != 3:
            raise EditError(f"无法移动这一位置：{list(path)}")
        rows = _group(doc, path[0], path[1]).indicators
        if not 0 <= path[2] < len(rows):
            raise EditError(f"表格中没有这一行指标（第 {path[2] + 1} 行）")
        moving.append(rows[path[2]])
    taken = {id(ind) for ind in moving}
    anchor = next((ind for ind in target.indicators[max(index, 0):] if id(ind) not in taken), None)
    lists = {(p[0], p[1]): [ind for ind in _group(doc, p[0], p[1]).indicators if id(ind) not in taken]
             for p in paths}
    for g, rows in lists.items():
        if not rows and g != (i1, i2):
            rows.append(Indicator())
    rest = lists.get((i1, i2))
    if rest is None:  # rows come from elsewhere: a lone placeholder row gives way to them
        rest = list(target.indicators)
        if len(rest) == 1 and rest[0].is_blank():
            rest, anchor = [], None
    at = len(rest) if anchor is None else next(k for k, ind in enumerate(rest) if ind is anchor)
    lists[(i1, i2)] = rest[:at] + moving + rest[at:]
    return lists


def move_indicators_to(doc: Document, paths: list[tuple[int, int, int]], i1: int, i2: int,
                       index: int) -> tuple[RowLists, list[tuple[int, int, int]]]:
    """Move rows into 二级 (i1, i2) before its row `index` (see `rows_after_move`).

    Returns the touched 二级's rows before the move (undo: `set_row_lists`) and the
    moved rows' new paths.
    """
    after = rows_after_move(doc, paths, i1, i2, index)
    before = row_lists(doc, after.keys())
    moving = {id(before[(p[0], p[1])][p[2]]) for p in paths}
    set_row_lists(doc, after)
    return before, [(i1, i2, k) for k, ind in enumerate(after[(i1, i2)]) if id(ind) in moving]
