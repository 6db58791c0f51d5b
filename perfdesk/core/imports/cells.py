"""Cell values as spreadsheets store them, turned into the text a person typed.

A hand-made table stores `95%` as 0.95 with a percent format, `2023年12月` as a
date serial, `38` as the float 38.0; PerfDesk keeps what the user typed, so each
is written back as the text the cell shows.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

_DAY_TOKEN = re.compile(r"(?<![a-z])d", re.IGNORECASE)
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def clean_text(text: str) -> str:
    """Line breaks kept, each line's surrounding spaces (also U+3000 and NBSP) dropped, blank lines removed."""
    lines = (line.strip(" \t\u3000\u00a0\r") for line in text.replace("\r\n", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def number_text(value: float | int | Decimal) -> str:
    """`38.0` → `38`, `19.62` → `19.62`, float noise (0.30000000000000004) rounded off."""
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    number = round(number, 10)
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def date_text(value: dt.date | dt.datetime, number_format: str = "") -> str:
    """`2023年12月` — with the day only when the cell's format shows a day."""
    shown = _QUOTED.sub("", number_format or "")
    if _DAY_TOKEN.search(shown) and value.day != 1 or "日" in (number_format or ""):
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.year}年{value.month}月"


def is_percent_format(number_format: str) -> bool:
    return "%" in _QUOTED.sub("", number_format or "")


def value_text(value: object, number_format: str = "") -> str:
    """The text a cell shows, from its stored value and number format."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (dt.datetime, dt.date)):
        return date_text(value, number_format)
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, (int, float, Decimal)):
        if is_percent_format(number_format):
            return number_text(Decimal(repr(value)) * 100 if isinstance(value, float) else Decimal(value) * 100) + "%"
        return number_text(value)
    return clean_text(str(value))
