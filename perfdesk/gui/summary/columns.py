"""The 汇总表's columns: title, width, the text shown and the key it sorts by.

Figures sort by value (10 after 9, blanks last), names by pinyin; every key
starts with a type tag so a blank never meets a number in a comparison.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from PySide6.QtCore import QLocale

from perfdesk.core.review.model import status_name
from perfdesk.core.summary.row import SummaryRow
from perfdesk.gui.summary.collation import Collation

#: One for every 汇总 window: the characters' ranks are learnt once.
COLLATION = Collation(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


class Entry:
    """One row of the window: the file's row, its place in the list and what the window adds.

    The cells' texts, sort keys and search text are kept once made: painting,
    filters and sorting look at them again and again, and they change only when
    the file is read again or its duplicate note changes.
    """

    __slots__ = ("seq", "row", "duplicate", "file_name", "haystack", "_texts", "_keys", "_generation")

    def __init__(self, seq: int, row: SummaryRow) -> None:
        self.seq = seq  # 序号: the file's place in the order the folders were listed
        self.duplicate = ""  # why it looks like a duplicate (totals.duplicates), "" when it does not
        self.set_row(row)

    def set_row(self, row: SummaryRow) -> None:
        self.row = row
        self.file_name = row.label
        self.haystack = "\n".join((row.name, row.department, row.implementer, self.file_name)).casefold()
        self._texts: list[str] | None = None
        self._keys: dict[int, tuple[Any, ...]] = {}
        self._generation = COLLATION.generation

    def set_duplicate(self, note: str) -> None:
        self.duplicate = note
        self._texts, self._keys = None, {}

    def text(self, column: int) -> str:
        if self._texts is None:
            self._texts = [c.text(self) for c in COLUMNS]
        return self._texts[column]

    def key(self, column: int) -> tuple[Any, ...]:
        """The column's sort key; made again when a character first seen since renumbered `COLLATION`."""
        if self._generation != COLLATION.generation:
            self._keys, self._generation = {}, COLLATION.generation
        key = self._keys.get(column)
        if key is None:
            key = self._keys[column] = COLUMNS[column].key(self)
        return key

    @property
    def remark(self) -> str:
        """备注: why the file could not be read, else the duplicate and the row's own note."""
        if not self.row.ok:
            return self.row.error
        return "；".join(n for n in (self.duplicate, self.row.note) if n)


def _number(value: Decimal | int | None) -> tuple[Any, ...]:
    return (0, float(value)) if value is not None else (1, 0.0)


def _text(value: str) -> tuple[Any, ...]:
    """Chinese by pinyin (`COLLATION`), blanks last."""
    return (0, COLLATION.key(value), value) if value else (1, (), "")


def _name(entry: Entry) -> str:
    """项目名称; for a file that could not be read, that it could not (the reason is in 备注)."""
    return entry.row.name if entry.row.ok else "（未能读取）"


def _count(entry: Entry, value: int) -> str:
    return str(value) if entry.row.ok else ""


@dataclass(frozen=True)
class Column:
    title: str
    width: int  # of the content, in digits (`latin`) or half Chinese characters; never narrower than the title
    text: Callable[[Entry], str]
    key: Callable[[Entry], tuple[Any, ...]]
    numeric: bool = False  # right-aligned
    latin: bool = False  # digits and letters: measured in the (wider) digit of the Latin font
    tip: str = ""  # the header's tooltip


def money(value: Decimal | None) -> str:
    """万元 with two decimals and thousands separators, as in a 汇总表."""
    return fixed(value, thousands=True)


def fixed(value: Decimal | None, thousands: bool = False) -> str:
    """Two decimals, as the exported 汇总表 prints figures (`97.00`), so a column lines up."""
    if value is None:
        return ""
    two = value.quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{two:,}" if thousands else f"{two}"


def percent(fraction: Decimal | None) -> str:
    """执行率 with two decimals (`95.00%`), as the exported 汇总表 prints it."""
    return "" if fraction is None else f"{fixed(fraction * 100)}%"


COLUMNS: tuple[Column, ...] = (
    Column("序号", 3, lambda e: str(e.seq + 1), lambda e: (0, e.seq), numeric=True, latin=True),
    Column("项目名称", 22, _name, lambda e: _text(e.row.name)),
    Column("主管部门", 12, lambda e: e.row.department, lambda e: _text(e.row.department)),
    Column("实施单位", 13, lambda e: e.row.implementer, lambda e: _text(e.row.implementer)),
    Column("年度", 4, lambda e: e.row.year, lambda e: _text(e.row.year), latin=True),
    Column("全年预算数\n（万元）", 8, lambda e: money(e.row.budget), lambda e: _number(e.row.budget), numeric=True,
           latin=True),
    Column("全年执行数\n（万元）", 8, lambda e: money(e.row.executed), lambda e: _number(e.row.executed),
           numeric=True, latin=True),
    Column("执行率", 7, lambda e: percent(e.row.rate), lambda e: _number(e.row.rate), numeric=True,
           latin=True, tip="全年执行数 ÷ 全年预算数"),
    Column("自评得分", 5, lambda e: fixed(e.row.score), lambda e: _number(e.row.score), numeric=True,
           latin=True, tip="PerfDesk 按模板规则计算的总分"),
    Column("原表得分", 5, lambda e: e.row.claimed_text if e.row.claimed is None else fixed(e.row.claimed),
           lambda e: _number(e.row.claimed), numeric=True, latin=True, tip="表中填写的总分（导入的手工表常有）"),
    Column("差异", 4, lambda e: fixed(e.row.difference), lambda e: _number(e.row.difference), numeric=True,
           latin=True, tip="原表得分 − 自评得分"),
    Column("等级", 4, lambda e: e.row.grade, lambda e: _text(e.row.grade)),
    Column("错误", 4, lambda e: _count(e, e.row.errors), lambda e: _number(e.row.errors if e.row.ok else None),
           numeric=True),
    Column("警告", 4, lambda e: _count(e, e.row.warnings), lambda e: _number(e.row.warnings if e.row.ok else None),
           numeric=True),
    Column("审核状态", 15, lambda e: status_name(e.row.review_status) if e.row.ok else "",
           lambda e: _text(status_name(e.row.review_status) if e.row.ok else "")),
    Column("验证码", 14, lambda e: e.row.code, lambda e: _text(e.row.code), latin=True,
           tip="与 PDF 页脚印出的验证码相同时，纸质表与文件内容一致"),
    Column("文件", 16, lambda e: e.file_name, lambda e: _text(e.file_name)),
    Column("备注", 24, lambda e: e.remark, lambda e: _text(e.remark),
           tip="未能读取的原因、疑似重复的文件、金额单位无法换算等"),
)

#: Column numbers the window refers to.
NAME, DEPARTMENT, BUDGET, DIFFERENCE, ERRORS, WARNINGS, FILE, REMARK = 1, 2, 5, 10, 12, 13, 16, 17
