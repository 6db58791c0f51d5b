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

import re
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from perfdesk.core.values.deadlines import month_days, read_period
from perfdesk.core.values.lazy_pattern import LazyPattern
from perfdesk.core.values.text import MAX_LENGTH, CleanError, clean, excerpt


class ValueKind(str, Enum):
    EMPTY = "empty"  # nothing typed: spaces, U+3000, or only a placeholder `—` `/` `……`
    NUMBER = "number"  # optional comparator, a number, optional unit: `≥ 4 个`, `100%`
    RANGE = "range"  # `80%-90%`, `1:10至1:15`: low..high, both inclusive
    DATE = "date"  # deadline `2023年12月`, `2023年12月31日`, `2023-12`
    QUALITATIVE = "qualitative"  # a word: 达标, 较高, 提升, 完成, 序时进度 …
    RELATIVE = "relative"  # a target relative to something unknown: `≥上年值` (always has a comparator)
    INVALID = "invalid"  # could not be read; `error` says why


class Comparator(str, Enum):
    GE = "≥"
    LE = "≤"
    GT = ">"
    LT = "<"
    EQ = "="


_NO_BOUND = (None, Comparator.EQ)  # made once: enum members are slow to look up (Python 3.11)


class Value(NamedTuple):
    """A parsed cell value. `text` is the original text, kept for messages.

    Numbers are as written: `98%` is number 98 with unit "%". A zero target written in
    words (`无安全事故发生`, `零事故`) is NUMBER 0 with zero_event=True and the words in `word`.
    A date written without a year (`12月底前`, `年内`, `第三季度`) has year None: the table's
    年度 is its year, which the rules supply. A part of the year is its last month
    (`第三季度` is month 9, `上半年` month 6, see deadlines). `2023年12月前` is a date with
    comparator LE.

    A named tuple: immutable (values are cached and shared by every row that reads the same
    text), and made in one step. Opening a table makes two per row, and a dataclass instance
    cost twice as much to make.
    """

    kind: ValueKind
    text: str = ""
    comparator: Comparator | None = None  # None: the writer gave no comparator
    number: Decimal | None = None  # NUMBER; for a ratio `1:15.8` the 15.8 (b/a)
    low: Decimal | None = None  # RANGE
    high: Decimal | None = None  # RANGE
    unit: str = ""  # "%", "人", "万元", "个", "场/次" …; "1:" for ratios
    year: int | None = None  # DATE; None = the table's 年度
    month: int | None = None  # DATE
    day: int | None = None  # DATE; None = end of the month
    word: str = ""  # QUALITATIVE / RELATIVE reference (`上年值`)
    zero_event: bool = False  # "无…发生", "零…": a zero target written in words
    error: str = ""  # INVALID: Chinese reason

    @property
    def is_threshold(self) -> bool:
        """Written with a comparator other than `=` (`≥98%`): a bound, not a result."""
        return self.comparator not in _NO_BOUND

    def same_as(self, other: Value) -> bool:
        """Equal in meaning, ignoring the original text."""
        return self[0] == other[0] and self[2:] == other[2:]


#: The usual cells are made with every field given in order (`_read_plain`): one tuple, without
#: the keyword arguments of `Value(...)`.
_new_value = tuple.__new__


def _with_text(value: Value, text: str) -> Value:
    """`value` (read from the cleaned text) with the text as typed."""
    return _new_value(Value, (value[0], text, *value[2:]))


class _Unreadable(Exception):
    """Raised inside the reader with the Chinese reason; parse_value turns it into INVALID."""


# Patterns are compiled on first use (see lazy_pattern): not at start-up.
_NUM = r"[+-]?(?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)"
_UNIT = r"[^\d.,:~<>=≥≤+\-至到]{0,12}"
_QUANTITY = LazyPattern(rf"(?P<a>{_NUM}):(?P<b>{_NUM})|(?P<n>{_NUM})(?P<unit>{_UNIT})", re.ASCII)
_PLAIN_NUMBER = LazyPattern(rf"({_NUM})(?:分)?", re.ASCII)
_RANGE_WORD = LazyPattern(r"(.+?)(?:至|到|~)(.+)")
_RANGE_DASH = LazyPattern(r"(-?[^-]+)-(-?[^-]+)")
_DATE_CN = LazyPattern(r"(?:(\d{4})年)?(\d{1,2})月份?(?:(\d{1,2})[日号]|底|末)?", re.ASCII)
_DATE_NUM = LazyPattern(r"(\d{4})([-./])(\d{1,2})(?:\2(\d{1,2}))?", re.ASCII)
_DIGIT = LazyPattern(r"[0-9]")
_EXPONENT = LazyPattern(r"\d[eE][+-]?\d", re.ASCII)
_PLACEHOLDER = LazyPattern(r"[-/…．.、]+")
_TRAILING_PUNCTUATION = "。.;；,，!！、"
_MAX_DIGITS = 28  # Decimal's default precision: longer numbers would be rounded silently
# Far beyond any real amount, count or rate, and small enough that every ratio, score and
# display of two such numbers fits Decimal's 28-digit precision (no crash when formatting).
_MAX_INTEGER_DIGITS = 15
_MIN_EXPONENT = -6  # smallest non-zero magnitude: 0.000001
_YEARS = range(1900, 2101)

_GE, _LE, _GT, _LT, _EQ = Comparator.GE, Comparator.LE, Comparator.GT, Comparator.LT, Comparator.EQ
# The kinds as module names: every cell is made with one, and Python 3.11 looks `ValueKind.NUMBER`
# up through EnumType.__getattr__, about ten times a global's cost.
_EMPTY, _NUMBER, _RANGE, _DATE, _QUALITATIVE, _RELATIVE, _INVALID = (
    ValueKind.EMPTY, ValueKind.NUMBER, ValueKind.RANGE, ValueKind.DATE, ValueKind.QUALITATIVE, ValueKind.RELATIVE,
    ValueKind.INVALID)
_PREFIX_WORDS = {
    ">=": _GE, "=>": _GE, "≥=": _GE, "<=": _LE, "=<": _LE, "≤=": _LE, "==": _EQ,
    "≥": _GE, "≤": _LE, ">": _GT, "<": _LT, "=": _EQ,
    "大于或等于": _GE, "大于等于": _GE, "不低于": _GE, "不少于": _GE, "不小于": _GE, "达到": _GE,
    "小于或等于": _LE, "小于等于": _LE, "不高于": _LE, "不超过": _LE, "不多于": _LE, "不大于": _LE,
    "大于": _GT, "高于": _GT, "超过": _GT, "多于": _GT,
    "小于": _LT, "低于": _LT, "少于": _LT, "等于": _EQ,
}
# One alternation, longest word first, instead of a startswith() per word (hot on file open).
_PREFIX = LazyPattern("|".join(re.escape(w) for w in sorted(_PREFIX_WORDS, key=len, reverse=True)))
_PREFIX_STARTS = tuple(_PREFIX_WORDS)  # whether any word starts a text, without compiling _PREFIX
_NUMBER_ONLY_PREFIXES = {"达到"}  # `达到95%` is a bound, `达到预期` is a grade word
# Only after a number or a date: `95%以上`, `8万元以下`, `3日内`, `2023年12月前`.
_SUFFIX_WORDS = {"及以上": _GE, "以上": _GE, "及以下": _LE, "以下": _LE, "以内": _LE, "内": _LE,
                 "之前": _LE, "以前": _LE, "前": _LE}
# Words clerks write around a number that change nothing in how it is read: `≥95%（含）`,
# `100人左右`, `90%-95%之间`, `98%。` pasted from Word; `每年2次`, `累计100人` before it.
_TRAILING_QUALIFIERS = ("(含)", "左右", "之间")
_TRAILING_MARKS = "。；;，,、！!"
_LEADING_WORDS = (("至少", "≥"), ("最少", "≥"), ("最低", "≥"), ("最多", "≤"), ("最高", "≤"),
                  ("每年", ""), ("每季度", ""), ("每季", ""), ("每月", ""), ("每周", ""), ("每天", ""),
                  ("累计", ""), ("全年", ""), ("年均", ""))
_RANGE_FORBIDDEN_ENDINGS = (*_SUFFIX_WORDS, "完成", *_TRAILING_QUALIFIERS)
_SUFFIXES = sorted(_SUFFIX_WORDS.items(), key=lambda item: -len(item[0]))

# The usual cells in their clean spelling, read without the full reader (see _read_plain).
# Within _MAX_INTEGER_DIGITS; _plain_decimal checks _MAX_DIGITS and _MIN_EXPONENT. Decimals as
# long as a float's (`57.120000000000005`, what a spreadsheet or a script may write).
_PLAIN_NUM = r"([0-9]{1,15}(?:\.[0-9]{1,27})?)"
# Non-ASCII, not `[\u4e00-\u9fff]`: re compiles a class over a large range slowly (~5 ms
# per pattern); _plain_unit and _read_plain check that the characters are Chinese instead.
_PLAIN_UNIT = r"(%|[^\x00-\x7f]{1,6})"
_PLAIN_QUANTITY = LazyPattern(rf"([≥≤<>=]?){_PLAIN_NUM}{_PLAIN_UNIT}?")
_PLAIN_RANGE = LazyPattern(rf"{_PLAIN_NUM}{_PLAIN_UNIT}?-{_PLAIN_NUM}{_PLAIN_UNIT}?")
_PLAIN_DATE = LazyPattern(r"([0-9]{4})年([0-9]{1,2})月")
_PLAIN_WORD_LENGTH = 20
_PLAIN_SIGNS = {"": None, "≥": _GE, "≤": _LE, ">": _GT, "<": _LT, "=": _EQ}


def parse_value(text: str) -> Value:
    """Read a cell value; never raises (unreadable text is INVALID with a Chinese reason).

    Texts longer than MAX_LENGTH characters are INVALID: a value is a number, range, date or
    short word, and a long explanation belongs in 偏差原因分析及改进措施.
    """
    text = "" if text is None else str(text)
    stripped = text.strip()
    if not stripped:
        return Value(_EMPTY, text)
    value = _read_plain(stripped, text)
    return _parse_full(text, stripped) if value is None else value


def _parse_full(text: str, stripped: str) -> Value:
    """parse_value for any text: cleaned, then read by every rule."""
    if len(stripped) > MAX_LENGTH:
        return _invalid(text, f"内容过长（{len(stripped)}字），指标值应为简短的数字、范围、日期或评价词，"
                              "说明请写在偏差原因分析栏")
    try:
        cleaned = clean(stripped)
        if not cleaned or _PLACEHOLDER.fullmatch(cleaned):
            return Value(_EMPTY, text)
        return _with_text(_read(_without_qualifiers(cleaned)), text)
    except (CleanError, _Unreadable) as reason:
        return _invalid(text, str(reason))


def _without_qualifiers(text: str) -> str:
    """`text` without the words around a number that do not change its meaning (see
    _TRAILING_QUALIFIERS, _LEADING_WORDS); a text with no digit is left as it is."""
    if not _has_digit(text):
        return text
    trimmed = text.rstrip(_TRAILING_MARKS) or text
    changed = True
    while changed:
        changed = False
        for word in _TRAILING_QUALIFIERS:
            if trimmed.endswith(word) and len(trimmed) > len(word):
                trimmed, changed = trimmed[: -len(word)].rstrip(_TRAILING_MARKS), True
    for word, sign in _LEADING_WORDS:
        rest = trimmed[len(word):]
        if trimmed.startswith(word) and rest[:1].isdigit():
            return sign + rest
    return trimmed


@lru_cache(maxsize=256)
def _plain_unit(unit: str | None) -> bool:
    """A unit no rule of _read treats specially (no date word, no range word, no 以上/内/前 …)."""
    return unit is None or unit == "%" or _chinese(unit) and not (
        unit[0] == "月" or unit in ("年底", "年末") or "至" in unit or "到" in unit
        or "季度" in unit or "半年" in unit or unit.endswith(_RANGE_FORBIDDEN_ENDINGS)
    )


def _chinese(text: str) -> bool:
    """Only CJK unified ideographs (the common Chinese characters): its least and greatest are."""
    return "\u4e00" <= min(text) and max(text) <= "\u9fff"


def _has_cjk(text: str) -> bool:
    """Any CJK ideograph, the extensions and compatibility forms included."""
    return any("\u3400" <= c <= "\u4dbf" or "\u4e00" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text)


def _read_plain(text: str, typed: str) -> Value | None:
    """`≥150人`, `19.62万元`, `=60%`, `60%-70%`, `2023年12月`, `达标`, read directly; None: use _read.

    Only texts that clean() leaves as they are and that no special rule of _read concerns
    take this path, so the result is the one _read gives (the value tests compare both).
    `text` is `typed` stripped. Values are made with all of Value's fields in order.
    """
    if "\u4e00" <= text[0] <= "\u9fff":  # a word: every number, range and date form starts otherwise
        if (len(text) <= _PLAIN_WORD_LENGTH and _chinese(text) and not text.startswith(_PREFIX_STARTS)
                and not _zero_event(text) and read_period(text) is None):
            return _new_value(Value, (_QUALITATIVE, typed, None, None, None, None, "", None, None, None, text, False,
                                      ""))
        return None
    if match := _PLAIN_QUANTITY.fullmatch(text):
        sign, numeral, unit = match.groups()
        if unit is None and "." in numeral and numeral.index(".") == 4:
            return None  # `2023.12` may be a date
        number = _plain_decimal(numeral)
        if number is None or not _plain_unit(unit):
            return None
        return _new_value(Value, (_NUMBER, typed, _PLAIN_SIGNS[sign], number, None, None, unit or "", None, None, None,
                                  "", False, ""))
    if "-" in text and (match := _PLAIN_RANGE.fullmatch(text)):
        low, low_unit, high, high_unit = match.groups()
        if (low_unit is None and high_unit is None) or not (_plain_unit(low_unit) and _plain_unit(high_unit)):
            return None  # `2023-12` is a date
        if low_unit and high_unit and low_unit != high_unit:
            return None
        low_number, high_number = _plain_decimal(low), _plain_decimal(high)
        if low_number is None or high_number is None or low_number > high_number:
            return None
        return _new_value(Value, (_RANGE, typed, None, None, low_number, high_number, low_unit or high_unit, None, None,
                                  None, "", False, ""))
    if match := _PLAIN_DATE.fullmatch(text):
        year, month = int(match.group(1)), int(match.group(2))
        if year not in _YEARS or not 1 <= month <= 12:
            return None
        return _new_value(Value, (_DATE, typed, None, None, None, None, "", year, month, None, "", False, ""))
    return None


def _plain_decimal(numeral: str) -> Decimal | None:
    """A numeral of _PLAIN_NUM as a Decimal; None when _decimal might refuse it (too many digits,
    too small): the full reader then says why."""
    if len(numeral) > _MAX_DIGITS + 1:  # more digits than Decimal keeps (the dot aside)
        return None
    number = Decimal(numeral)
    small = numeral[0] == "0" and number and number.adjusted() < _MIN_EXPONENT  # no digit before the dot
    return None if small else number


def _zero_event(word: str) -> bool:
    """A zero target written in words: `零事故` (not `零星`), `无…发生` (not `无法`, `无偿`, `无限`),
    `未发生`, `没有发生`, `杜绝` at its start. Plain string tests: no pattern compiled on file open."""
    if word.startswith("零"):
        return not word.startswith("零星")
    if word.startswith("无"):
        return not word.startswith(("无法", "无偿", "无限"))
    return word.startswith(("未发生", "没有发生", "杜绝"))


def _invalid(text: str, reason: str) -> Value:
    return Value(_INVALID, text, error=f"无法识别“{excerpt(text)}”：{reason}")


def _read(text: str) -> Value:
    if _EXPONENT.search(text):
        raise _Unreadable("不接受科学计数法（如1e5），请直接写出数字")
    comparator, body = _split_prefix(text)
    if comparator is not None and _split_prefix(body)[0] is not None:
        raise _Unreadable("比较符号重复或写法不对，应只写一个，例如“≥98%”")
    if (period := read_period(body)) is not None:
        return _period(period.year, period.month, comparator, period.before)
    if not _has_digit(body):
        return _read_words(body, comparator)
    comparator, body = _split_suffix(body, comparator)
    date = _read_date(body, comparator)
    if date is not None:
        return date
    bounds = _split_range(body)
    if bounds is not None:
        if comparator is not None:
            raise _Unreadable("范围前后不应再写比较符号")
        return _range(*bounds)
    number, unit = _quantity(body, comparator)
    return Value(_NUMBER, comparator=comparator, number=number, unit=unit)


def _split_prefix(text: str) -> tuple[Comparator | None, str]:
    match = _PREFIX.match(text)
    if match is None:
        return None, text
    word, rest = match.group(), text[match.end():]
    if word in _NUMBER_ONLY_PREFIXES and not _has_digit(rest):
        return None, text
    return _PREFIX_WORDS[word], rest


def _has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


def _split_suffix(body: str, comparator: Comparator | None) -> tuple[Comparator | None, str]:
    """`95%以上` → (≥, `95%`); a suffix contradicting a written sign is refused."""
    body = body.removesuffix("完成")  # `12月底前完成`
    suffix, rest = _strip_suffix(body)
    if suffix is None:
        return comparator, body
    if comparator not in (None, suffix):
        raise _Unreadable(f"比较符号“{comparator.value}”与“{body[len(rest):]}”矛盾")
    if _strip_suffix(rest)[0] is not None or rest.endswith("完成"):
        raise _Unreadable(f"“{body[len(rest):]}”前的写法不对，例如“95%以上”“3日内”")
    return suffix, rest


def _strip_suffix(body: str) -> tuple[Comparator | None, str]:
    for word, suffix in _SUFFIXES:
        if body.endswith(word) and body[: -len(word)]:
            return suffix, body[: -len(word)]
    return None, body


def _read_words(body: str, comparator: Comparator | None) -> Value:
    """A value without digits: a grade word, a zero event, or a relative target."""
    word = body.rstrip(_TRAILING_PUNCTUATION + " ")
    if not _has_cjk(word):
        if comparator is not None:
            raise _Unreadable("比较符号后应为数字，例如“≥98%”")
        raise _Unreadable("应为数字、范围、日期或中文评价词（例如“≥98%”“80%-90%”“2023年12月”“达标”）")
    if comparator is not None:
        return Value(_RELATIVE, comparator=comparator, word=word)
    if _zero_event(word):
        return Value(_NUMBER, number=Decimal(0), word=word, zero_event=True)
    return Value(_QUALITATIVE, word=word)


def _period(year: int | None, month: int, comparator: Comparator | None, before: bool) -> Value:
    """A deadline named as a part of the year (`第三季度前`): its last month, `before` meaning ≤."""
    if comparator in (Comparator.GE, Comparator.GT):
        raise _Unreadable(f"期限前不应写“{comparator.value}”：写“前”或“≤”，例如“年底前”“≤第三季度”")
    return _date(year, month, None, comparator or (Comparator.LE if before else None))


def _read_date(body: str, comparator: Comparator | None) -> Value | None:
    """`2023年12月`, `2023年12月31日`, `12月底`, `11月份`, `2023-12`, `2023.12.31`; None if not a date."""
    if match := _DATE_CN.fullmatch(body):
        year = int(match.group(1)) if match.group(1) else None
        month, day = int(match.group(2)), int(match.group(3)) if match.group(3) else None
    elif comparator not in (Comparator.GE, Comparator.GT) and (match := _numeric_date(body)):
        # `≥2023.5` is a floor, never a deadline: a dotted form with ≥/> stays a number.
        year, month = int(match.group(1)), int(match.group(3))
        day = int(match.group(4)) if match.group(4) else None
    else:
        return None
    if year is None and comparator in (Comparator.GE, Comparator.GT):
        raise _Unreadable("日期请写成“2023年12月”这样的完整日期；时长请写“个月”")
    return _date(year, month, day, comparator)


def _date(year: int | None, month: int, day: int | None, comparator: Comparator | None) -> Value:
    """A checked DATE; without a year, February may have 29 days (the table's year decides)."""
    if not 1 <= month <= 12:
        raise _Unreadable(f"月份{month}应在1到12之间")
    if year is not None and year not in _YEARS:
        raise _Unreadable(f"年份{year}不在{_YEARS.start}到{_YEARS.stop - 1}之间")
    if day is not None and not 1 <= day <= month_days(2000 if year is None else year, month):
        raise _Unreadable(f"{month}月没有{day}日")
    return Value(_DATE, comparator=comparator, year=year, month=month, day=day)


def _numeric_date(text: str) -> re.Match[str] | None:
    """`2023-12`, `2023.12`, `2023/6/30`: only with a plausible year and month, else a number."""
    match = _DATE_NUM.fullmatch(text)
    return match if match and int(match.group(1)) in _YEARS and 1 <= int(match.group(3)) <= 12 else None


def _split_range(body: str) -> tuple[str, str] | None:
    match = _RANGE_WORD.fullmatch(body) or _RANGE_DASH.fullmatch(body)
    return (match.group(1), match.group(2)) if match else None


def _range(low_text: str, high_text: str) -> Value:
    low, low_unit = _quantity(low_text, None)
    high, high_unit = _quantity(high_text, None)
    if (low_unit + high_unit).endswith(_RANGE_FORBIDDEN_ENDINGS):
        raise _Unreadable("范围两端不应写“以上”“以内”“前”等比较的词")
    if low_unit and high_unit and low_unit != high_unit:
        raise _Unreadable(f"范围两端的单位不一致（“{low_unit}”与“{high_unit}”）")
    if low > high:
        raise _Unreadable("范围的下限大于上限，应先写小的数")
    return Value(_RANGE, low=low, high=high, unit=low_unit or high_unit)


def _quantity(text: str, comparator: Comparator | None) -> tuple[Decimal, str]:
    """`19.62万元` → (19.62, "万元"); `1:15.8` → (15.8, "1:")."""
    match = _QUANTITY.fullmatch(text)
    if match is None:
        raise _Unreadable(_why_unreadable(text, comparator))
    if match.group("n") is not None:
        unit = match.group("unit")
        if unit.startswith("月") or unit in ("年底", "年末"):
            raise _Unreadable("日期请写成“2023年12月”这样的完整日期；时长请写“个月”")
        if unit[:1] in ("e", "E"):
            raise _Unreadable(f"单位“{unit}”以字母e开头，会与科学计数法混淆")
        return _decimal(match.group("n")), unit
    first, second = _decimal(match.group("a")), _decimal(match.group("b"))
    if first <= 0 or second < 0:
        raise _Unreadable("比例的前项应大于0，后项不能为负")
    ratio = second / first
    if ratio and not Decimal(10) ** _MIN_EXPONENT <= ratio < Decimal(10) ** _MAX_INTEGER_DIGITS:
        raise _Unreadable("比例超出可计算的范围，请检查前后项")
    return ratio, "1:"


def _decimal(numeral: str) -> Decimal:
    number = Decimal(numeral.replace(",", ""))
    if len(number.as_tuple().digits) > _MAX_DIGITS:
        raise _Unreadable(f"数字位数过多（最多{_MAX_DIGITS}位有效数字）")
    if number and number.adjusted() >= _MAX_INTEGER_DIGITS:
        raise _Unreadable(f"数字过大（整数部分最多{_MAX_INTEGER_DIGITS}位），请检查是否多写了数字或换用更大的单位")
    if number and number.adjusted() < _MIN_EXPONENT:
        raise _Unreadable(f"数字过小（不能小于{Decimal(10) ** _MIN_EXPONENT:f}）")
    return number


def _why_unreadable(text: str, comparator: Comparator | None) -> str:
    """The most specific reason a text with digits is not a value."""
    if re.search(r"[0-9] [0-9.]", text):
        return "数字中间有空格"
    if re.search(r"[0-9]*\.[0-9]*\.", text):
        return "小数点多于一个"
    if re.search(r"[0-9],(?![0-9]{3}(?![0-9]))", text):
        return "千位分隔符“,”应每三位数字一个"
    if comparator is not None and not re.match(r"[+\-.0-9]", text):
        return "比较符号后应为数字，例如“≥98%”"
    return "不是可识别的数值、范围或日期（例如“≥98%”“80%-90%”“1:15”“2023年12月”），评价词中不要带数字"


def format_value(value: Value) -> str:
    """The canonical text of a value; INVALID keeps what was typed."""
    sign = value.comparator.value if value.comparator else ""
    if value.kind is _EMPTY:
        return ""
    if value.kind is _INVALID:
        return value.text
    if value.kind is _NUMBER:
        assert value.number is not None  # set for every NUMBER
        return value.word if value.zero_event else sign + _quantity_text(value.number, value.unit)
    if value.kind is _RANGE:
        assert value.low is not None and value.high is not None  # set for every RANGE
        dash = "-" if value.low >= 0 and value.unit != "1:" else "至"
        return _quantity_text(value.low, value.unit) + dash + _quantity_text(value.high, value.unit)
    if value.kind is _DATE:
        day = f"{value.day}日" if value.day is not None else ""
        year = f"{value.year}年" if value.year is not None else ""
        return f"{sign}{year}{value.month}月{day}"
    return sign + value.word  # QUALITATIVE, RELATIVE


def _quantity_text(number: Decimal, unit: str) -> str:
    text = _number_text(number)
    if not unit and _numeric_date(text):
        text = f"{number:.3f}"  # 2023.1 must not read back as January 2023
    return "1:" + text if unit == "1:" else text + unit


def _number_text(number: Decimal) -> str:
    """Plain digits, no exponent, no trailing zeros: 98, 19.62, 0.5, 1500."""
    return "0" if number == 0 else format(number.normalize(), "f")


def parse_number(text: str) -> Decimal | None:
    """A plain amount or weight (`19.62`, `1,351`, `１０分`, `　38 `); None for anything else."""
    stripped = "" if text is None else str(text).strip()
    try:
        match = _PLAIN_NUMBER.fullmatch(clean(stripped)) if len(stripped) <= MAX_LENGTH else None
        return _decimal(match.group(1)) if match else None
    except (CleanError, _Unreadable):
        return None
