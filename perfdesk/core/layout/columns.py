"""The columns of the printed table, declared once.

The indicator block defines the grid: one `Column` per printed column, in
order, with its title, print width and what it shows. The other blocks (funds,
total) sit on the same grid and name their columns after these. The layout,
the grid view, the Excel export (widths, helper columns, formulas) and the PDF
take every position from here, so a new column is one line here plus its
field (model.fields) and, if it is scored, its rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Shows(str, Enum):
    LABEL = "label"  # a fixed label of the tree (一级, 二级 names)
    FIELD = "field"  # an indicator field the user types (`source` names it)
    COMPUTED = "computed"  # a value the core computes (`source` is its layout key)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int  # relative width: characters at 10 pt
    shows: Shows
    source: str = ""  # the field or computed key shown

    @property
    def editable(self) -> bool:
        return self.shows is Shows.FIELD


INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("level1", "一级指标", 11, Shows.LABEL),
    Column("group", "二级指标", 13, Shows.LABEL),
    Column("name", "三级指标", 20, Shows.FIELD, "name"),
    Column("target", "年度指标值", 11, Shows.FIELD, "target"),
    Column("actual", "实际完成值", 11, Shows.FIELD, "actual"),
    Column("weight", "分值", 7, Shows.FIELD, "weight"),
    Column("score", "得分", 8, Shows.COMPUTED, "indicator.score"),
    Column("reason", "偏差原因分析及改进措施", 22, Shows.FIELD, "reason"),
)

_POSITION = {c.key: i for i, c in enumerate(INDICATOR_COLUMNS)}

COLUMNS = len(INDICATOR_COLUMNS)
#: Relative column widths (characters at 10 pt) shared by the grid, Excel and PDF.
COLUMN_WIDTHS = tuple(c.width for c in INDICATOR_COLUMNS)


def col(key: str) -> int:
    """Position of the indicator column `key` ("name", "score" …)."""
    return _POSITION[key]


def field_column(field: str) -> int | None:
    """Position of the column where an indicator field is typed, None when it has none."""
    return next((i for i, c in enumerate(INDICATOR_COLUMNS) if c.shows is Shows.FIELD and c.source == field), None)


#: Indicator fields typed in their own column, left to right.
INDICATOR_INPUTS = tuple(c.source for c in INDICATOR_COLUMNS if c.shows is Shows.FIELD)


@dataclass(frozen=True)
class FundsColumns:
    """The funds block on the same grid: its label under 一级, row names under 二级, the three
    amounts under the next columns, then 分值 under 分值 and the execution rate and its score
    in the last two columns."""

    label: int = col("level1")
    row_label: int = col("group")
    amounts: tuple[int, int, int] = (col("group") + 1, col("group") + 2, col("group") + 3)
    weight: int = col("weight")
    rate: int = COLUMNS - 2
    score: int = COLUMNS - 1


FUNDS = FundsColumns()
#: The 总分 row: its label spans the columns left of 分值; then 分值合计, 总分 and 等级.
TOTAL_LABEL_SPAN = col("weight")
TOTAL_WEIGHTS, TOTAL_SCORE, TOTAL_GRADE = col("weight"), col("score"), col("reason")
#: The caption line: 填报单位 left of this column, the money unit from it on.
CAPTION_SPLIT = col("weight")
#: The goals block: 预期目标 from column 1, 实际完成情况 from this column on.
GOALS_SPLIT = col("actual")
#: Hidden helper columns of the Excel export, right of the printed ones.
HELPER_TARGET, HELPER_ACTUAL, HELPER_SHARE = COLUMNS, COLUMNS + 1, COLUMNS + 2
