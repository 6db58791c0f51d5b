"""The columns of the printed table, declared once.

The indicator block defines the grid: one `Column` per column, in order, with
its title, print width and what it shows. A profile may leave columns off the
printed table (`unprinted_columns`: Yunnan 保山 prints no 分值 column); `grid_for`
then moves them right of the printed ones, where the window still shows them,
Excel hides them and the PDF leaves them out. The other blocks (funds, total)
sit on the same grid and take their positions from its `Grid`. The layout, the
grid view, the Excel export (widths, helper columns, formulas) and the PDF take
every position from here, so a new column is one line here plus its field
(model.fields) and, if it is scored, its rule.
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
    """One indicator column of the printed table."""

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

#: Columns a profile may leave off the printed table (`unprinted_columns` in its template).
UNPRINTABLE = frozenset({"weight"})

#: Indicator fields typed in their own column, left to right.
INDICATOR_INPUTS = tuple(c.source for c in INDICATOR_COLUMNS if c.shows is Shows.FIELD)


@dataclass(frozen=True)
class FundsColumns:
    """The funds block on the grid: its label under 一级, row names under 二级, the three
    amounts under the next columns, 分值 under 分值, and the execution rate and its score in
    the last two printed columns."""

    label: int
    row_label: int
    amounts: tuple[int, int, int]
    weight: int
    rate: int
    score: int


@dataclass(frozen=True)
class Grid:
    """The columns of one profile's table: the printed ones left to right, then those the
    profile does not print (typed in the window, hidden in Excel, left out of the PDF).

    Every block (caption, funds, goals, indicators, total) takes its positions from here.
    """

    columns: tuple[Column, ...]
    printed: int  # the first `printed` columns are printed

    @property
    def count(self) -> int:
        return len(self.columns)

    @property
    def widths(self) -> tuple[int, ...]:
        """Relative column widths (characters at 10 pt) shared by the grid view, Excel and PDF."""
        return tuple(c.width for c in self.columns)

    def col(self, key: str) -> int:
        """Position of the indicator column `key` ("name", "score" …)."""
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    @property
    def funds(self) -> FundsColumns:
        group = self.col("group")
        return FundsColumns(label=self.col("level1"), row_label=group, amounts=(group + 1, group + 2, group + 3),
                            weight=self.col("weight"), rate=self.printed - 2, score=self.printed - 1)

    @property
    def total_label_span(self) -> int:
        """The 总分 label spans the columns left of 分值 and 得分 (and the caption's 填报单位 as far)."""
        return min(self.col("weight"), self.col("score"))

    @property
    def goals_split(self) -> int:
        """The goals block: 预期目标 from column 1, 实际完成情况 from this column on."""
        return self.col("actual")

    @property
    def helpers(self) -> tuple[int, int, int]:
        """Hidden helper columns of the Excel export, right of all the grid's columns:
        the target's number, the actual's number, a group member's share."""
        return self.count, self.count + 1, self.count + 2


def grid_for(unprinted: frozenset[str] | tuple[str, ...] = ()) -> Grid:
    """The grid with the columns `unprinted` moved right of the printed ones."""
    unknown = set(unprinted) - UNPRINTABLE
    if unknown:
        raise ValueError(f"columns that cannot be left unprinted: {sorted(unknown)}")
    shown = tuple(c for c in INDICATOR_COLUMNS if c.key not in unprinted)
    return Grid(shown + tuple(c for c in INDICATOR_COLUMNS if c.key in unprinted), len(shown))


#: The standard table: every column printed.
STANDARD = grid_for()
