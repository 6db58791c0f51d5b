"""Deadlines written as a part of the year: `年底前`, `年内`, `第三季度`, `三季度末`, `上半年`.

Such a deadline is the last month of its period (`第三季度` is September, `上半年` June,
`年内` December). Most are written without a year: the year is then the table's 年度
(`table_year`), which only the rules know, so the value keeps year None. This module reads
plain text and returns plain numbers; `parse` makes the values.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from perfdesk.core.values.lazy_pattern import LazyPattern

_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_HALVES = {"上": 6, "下": 12}
# `2022年第三季度`, `三季度末`, `第3季度前`, `上半年`, `2022年底前`, `年内`, `本年度内完成`.
_PERIOD = LazyPattern(
    r"(?:(?P<year>\d{4})年度?)?"
    r"(?:(?P<this>本|当)?(?P<yearword>年度?)?(?P<end>底|末|内)"
    r"|第?(?P<quarter>[一二三四1-4])季度|(?P<half>[上下])半年)"
    r"(?:末|底)?(?P<before>之前|以前|前|内)?(?:完成)?",
    re.ASCII,
)

#: Every text _PERIOD reads holds one of these (its 底/末/内, 季度 or 半年): a text with none
#: names no period (one set test, no pattern run).
_PERIOD_MARKS = frozenset("底末内季年")


@dataclass(frozen=True)
class Period:
    """A deadline written as a period (`第三季度`, `年底前`): its last month, in a year or the table's."""

    year: int | None  # None: the table's 年度
    month: int  # the period's last month
    before: bool  # written with 前/之前/以前/内: "by then", a deadline written as a bound


def read_period(text: str) -> Period | None:
    """The period a whole text names (`第三季度前` → September, before), or None."""
    if _PERIOD_MARKS.isdisjoint(text):
        return None  # most cells: no pattern run (nor compiled when a file is first read)
    match = _PERIOD.fullmatch(text)
    if match is None:
        return None
    year = int(match["year"]) if match["year"] else None
    if match["end"]:
        if year is None and not match["yearword"]:
            return None  # `底前`, `内`: no year named at all
        if match["this"] and year is not None:
            return None  # `2022年本年底`: not a way anyone writes
        month, before = 12, match["end"] == "内" or bool(match["before"])
    else:
        month = _QUARTERS[match["quarter"]] * 3 if match["quarter"] else _HALVES[match["half"]]
        before = bool(match["before"])
    return Period(year, month, before)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_days(year: int, month: int) -> int:
    """Days in the month (`year` decides February), Gregorian as `calendar.monthrange`: computed
    here because importing calendar imports datetime and locale, whose pattern compiling cost a
    file's first analysis about 3 M instructions."""
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1..12")
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _MONTH_DAYS[month - 1]


def table_year(text: str) -> int | None:
    """The table's 年度 as a year (`2022`, `２０２２年`, `2022年度`); None when empty or not a year."""
    year = unicodedata.normalize("NFKC", text or "").strip().removesuffix("年度").removesuffix("年").strip()
    ok = len(year) == 4 and year.isascii() and year.isdigit() and year[:2] in ("19", "20")
    return int(year) if ok else None
