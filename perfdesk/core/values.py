"""Reading the values people write in the table (`≥98%`, `164人`, `1:10至1:15`, `达标` …).

CONTRACT (other modules rely on it; keep it):

- `parse_value(text) -> Value` never raises. Whatever it cannot read comes back
  as `Value(kind=ValueKind.INVALID, error="…")` with a Chinese reason.
- `format_value(value) -> str` writes a canonical text; for every valid value
  `parse_value(format_value(v))` equals `v` (compared with `Value.same_as`).
- `parse_number(text) -> Decimal | None` reads a plain amount or weight
  (`19.62`, `1,351`, `１０分`, `10 分`); None when it is not a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum


class ValueKind(str, Enum):
    EMPTY = "empty"  # nothing typed (spaces and U+3000 only)
    NUMBER = "number"  # optional comparator, a number, optional unit: `≥ 4 个`, `100%`
    RANGE = "range"  # `80%-90%`, `1:10至1:15`: low..high, both inclusive
    DATE = "date"  # deadline `2023年12月`, `2023年12月31日`, `2023-12`
    QUALITATIVE = "qualitative"  # a word: 达标, 较高, 提升, 完成, 序时进度 …
    RELATIVE = "relative"  # a target relative to something unknown: `≥上年值`
    INVALID = "invalid"  # could not be read; `error` says why


class Comparator(str, Enum):
    GE = "≥"
    LE = "≤"
    GT = ">"
    LT = "<"
    EQ = "="


@dataclass(frozen=True)
class Value:
    """A parsed cell value. `text` is the original text, kept for messages."""

    kind: ValueKind
    text: str = ""
    comparator: Comparator | None = None  # None: the writer gave no comparator
    number: Decimal | None = None  # NUMBER; for a ratio `1:15.8` the 15.8 (b/a)
    low: Decimal | None = None  # RANGE
    high: Decimal | None = None  # RANGE
    unit: str = ""  # "%", "人", "万元", "个", "场/次" …; "1:" for ratios
    year: int | None = None  # DATE
    month: int | None = None  # DATE
    day: int | None = None  # DATE; None = end of the month
    word: str = ""  # QUALITATIVE / RELATIVE reference (`上年值`)
    zero_event: bool = False  # "无…发生", "零…": a zero target written in words
    error: str = ""  # INVALID: Chinese reason

    @property
    def is_threshold(self) -> bool:
        """Written with a comparator other than `=` (`≥98%`): a bound, not a result."""
        return self.comparator not in (None, Comparator.EQ)

    def same_as(self, other: "Value") -> bool:
        """Equal in meaning, ignoring the original text."""
        ...


def parse_value(text: str) -> Value:
    ...


def format_value(value: Value) -> str:
    ...


def parse_number(text: str) -> Decimal | None:
    ...
