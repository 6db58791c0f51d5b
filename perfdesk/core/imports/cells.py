"""Cell values as spreadsheets store them, turned into the text a person typed.

A hand-made table stores `95%` as 0.95 with a percent format, `2023年12月` as a
date serial, `38` as the float 38.0, `164人` as 164 with the format `0"人"`; PerfDesk
keeps what the user typed, so each is written back as the text the cell shows.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Context, Decimal, InvalidOperation

_MOST_DIGITS = 40  # digits before or after the point written out in full
_TEN_PLACES = Decimal("1e-10")
_WIDE = Context(prec=2 * _MOST_DIGITS + 10)
_UNSAVEABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_DAY_TOKEN = re.compile(r"(?<![a-z])d", re.IGNORECASE)
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def clean_text(text: str) -> str:
    """Line breaks kept, each line's surrounding spaces (also U+3000 and NBSP) dropped, blank lines
    removed; control characters and lone surrogates (which no saved file may hold) dropped."""
    text = _UNSAVEABLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = (line.strip(" \t\u3000\u00a0") for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def ooxml_text(text: str) -> str:
    """A string as an .xlsx stores it, unescaped: Excel writes a carriage return pasted into a
    cell as `_x000D_` (and `_` itself as `_x005F_`), which openpyxl leaves as it is."""
    return _OOXML_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text) if "_x" in text else text


def number_text(value: float | int | Decimal) -> str:
    """`38.0` → `38`, `19.62` → `19.62`, float noise (0.30000000000000004) rounded off; a number
    typed where digits were meant (a bank account, 6.22848E+19) in full, one beyond reason as stored."""
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return str(value)
    if not number.is_finite() or abs(number.adjusted()) > _MOST_DIGITS:
        return str(value)
    if number.as_tuple().exponent < -10:  # type: ignore[operator]  # finite: an int
        number = number.quantize(_TEN_PLACES, context=_WIDE)
    text = format(number.normalize(context=_WIDE), "f")
    return "0" if text in ("-0", "") else text


def date_text(value: dt.date | dt.datetime, number_format: str = "") -> str:
    """`2023年12月` — with the day only when the cell's format shows a day."""
    shown = _QUOTED.sub("", number_format or "")
    if _DAY_TOKEN.search(shown) and value.day != 1 or "日" in (number_format or ""):
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.year}年{value.month}月"


def is_percent_format(number_format: str) -> bool:
    return "%" in _QUOTED.sub("", number_format or "")


#: A number format's parts: a quoted or escaped literal, a [colour]/[condition], a digit placeholder, anything else.
_FORMAT_TOKEN = re.compile(r'"([^"]*)"|\\(.)|(\[[^\]]*\])|([0#?])|(.)', re.DOTALL)


def format_affixes(number_format: str) -> tuple[str, str]:
    """The literal text a format shows before and after a positive number: `0"人"` → ("", "人"),
    `"≥"0.0%` → ("≥", ""), `0.00\\%` → ("", "%")."""
    before: list[str] = []
    after: list[str] = []
    digits = False
    for quoted, escaped, _bracket, digit, other in _FORMAT_TOKEN.findall(number_format or ""):
        if other == ";":
            break
        if digit:
            digits = True
            after.clear()  # a literal between digits (`0"."00`) is no suffix
        elif quoted or escaped:
            (after if digits else before).append(quoted or escaped)
    return ("".join(before), "".join(after)) if digits else ("", "")


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
        before, after = format_affixes(number_format)
        if is_percent_format(number_format):
            try:
                scaled = (Decimal(repr(value)) if isinstance(value, float) else Decimal(value)).scaleb(2)
            except ArithmeticError:  # 1E+999999 in a text workbook: shown as stored
                return str(value)
            return f"{before}{number_text(scaled)}%{after}"
        return f"{before}{number_text(value)}{after}"
    return clean_text(str(value))
