"""Bounded JSON parsing for files from anywhere (USB sticks, e-mail, shares).

`json.loads` alone accepts `NaN`, turns `1e400` into infinity, keeps the last of
two equal keys, and raises `RecursionError` on deeply nested input. Here each
of those becomes a `DocumentFileError` in Chinese, or a marker the schema check
reports with the field's path.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from typing import Any

from perfdesk.core.files import problem_log
from perfdesk.core.files.errors import DocumentFileError, file_label

#: Deepest nesting of objects/lists accepted (a real file is about 8 deep).
MAX_DEPTH = 64
#: Longest accepted integer literal, in digits (Python refuses > 4300 anyway).
MAX_INT_DIGITS = 40

# A string, or an unterminated one up to the end: the closing quote is optional so
# the match never fails and the scan never restarts at a later (escaped) quote,
# which made the pre-scan quadratic on a string full of `\"` with no end.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}

_SYNTAX_MESSAGES = {
    "Expecting value": "此处应为一个值",
    "Expecting property name enclosed in double quotes": "此处应为带双引号的字段名",
    "Expecting ':' delimiter": "字段名后应为冒号“:”",
    "Expecting ',' delimiter": "此处缺少逗号“,”",
    "Unterminated string starting at": "文本没有结束引号",
    "Invalid control character at": "文本中有不允许的控制字符",
    "Invalid \\escape": "文本中有无效的转义符“\\”",
    "Invalid \\uXXXX escape": "文本中有无效的 \\u 转义",
    "Extra data": "内容结束后还有多余的字符",
    "Illegal trailing comma before end of object": "对象末尾多了逗号",
    "Illegal trailing comma before end of array": "列表末尾多了逗号",
}


class _Refusal(ValueError):
    """A reason of ours, in Chinese, raised from inside `json.loads`."""


class OutOfRangeNumber(str):
    """A number literal that has no faithful value (`1e400`, 5,000 digits).

    Kept as its text so the schema check can name the field it sits in.
    """


def _parse_float(text: str) -> float | OutOfRangeNumber:
    value = float(text)
    return value if math.isfinite(value) else OutOfRangeNumber(text)


def _parse_int(text: str) -> int | OutOfRangeNumber:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        return OutOfRangeNumber(text)
    return int(text)


def _refuse_constant(name: str) -> Any:
    raise _Refusal(f"JSON 不允许 {name}")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            shown = key[:40].encode("utf-8", "backslashreplace").decode("utf-8")  # lone surrogates
            raise _Refusal(f"字段名“{shown}”在同一对象中出现了两次")
        result[key] = value
    return result


def nesting_depth(text: str) -> int:
    """Deepest `[`/`{` nesting outside strings, in one linear pass without recursion.

    Brackets inside a string that never ends are text, as the parser would see them.
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if not brackets:
        return 0
    return max(itertools.accumulate(map(_DEPTH_STEP.__getitem__, brackets)))


def _syntax_error(exc: json.JSONDecodeError, text: str, source: str) -> DocumentFileError:
    reason = next((zh for en, zh in _SYNTAX_MESSAGES.items() if exc.msg.startswith(en)), exc.msg)
    where = f"第 {exc.lineno} 行第 {exc.colno} 列"
    if not text[exc.pos:].strip() and exc.msg != "Extra data":
        message = (
            f"{file_label(source)}不完整，在{where}提前结束（可能没有保存完或复制时中断）。"
            "可以尝试打开同一文件夹中的 .bak 备份。"
        )
    else:
        message = f"{file_label(source)}不是有效的 PerfDesk 文件：{where}{reason}。"
    return DocumentFileError(message, source=source, line=exc.lineno, column=exc.colno)


def parse_json(text: str, source: str = "") -> Any:
    """Parse `text` with the bounds above; only `DocumentFileError` escapes."""
    too_deep = DocumentFileError(
        f"{file_label(source)}的嵌套层数超过 {MAX_DEPTH} 层，不是 PerfDesk 保存的文件（或已损坏）。",
        source=source,
    )
    if nesting_depth(text) > MAX_DEPTH:
        raise too_deep
    try:
        return json.loads(
            text,
            parse_float=_parse_float,
            parse_int=_parse_int,
            parse_constant=_refuse_constant,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as exc:
        raise _syntax_error(exc, text, source) from exc
    except RecursionError as exc:  # insurance: the pre-scan counts at least as deep as the parser goes
        raise too_deep from exc
    except _Refusal as exc:
        raise DocumentFileError(f"{file_label(source)}不是有效的 PerfDesk 文件：{exc}。", source=source) from exc
    except ValueError as exc:  # the parser's own words are English: logged, not shown
        problem_log.record(source, exc)
        message = f"{file_label(source)}不是有效的 PerfDesk 文件（有无法读取的值）。"
        raise DocumentFileError(message, source=source) from exc
