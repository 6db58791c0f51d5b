"""The plain-cell shortcut of parse_value gives exactly what the full reader gives."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfdesk.core.values.deadlines import _PERIOD, _PERIOD_MARKS
from perfdesk.core.values.parse import ValueKind, _parse_full, _zero_event, parse_value
from tests.core.values.test_values import INVALID, READABLE

# Units and words chosen to reach every rule the shortcut must leave to the full reader:
# dates (月, 年底), range words (至, 到), bounds written after the number (以上, 内, 前), 完成.
UNITS = ["", "%", "人", "万元", "个", "场/次", "月", "月底", "个月", "年", "年底", "年末", "日", "以上", "及以下", "内",
         "天内", "前", "完成", "人到场", "至", "e", "％", "千克", "kg", "人　", "月份", "月份前", "季度", "季度末",
         "年第三季度", "年上半年", "年度内", "半年"]
SIGNS = ["", "≥", "≤", ">", "<", "=", ">=", "==", "≧", "不低于", "达到", "-", "+"]
WORDS = ["达标", "较高", "一般", "达到预期", "达到", "无安全事故发生", "零投诉", "无法评价", "不低于上年", "序时进度",
         "完成", "杜绝", "等于上年", "好。", "A级", "年底前", "年内", "年底", "第三季度", "三季度末", "上半年",
         "下半年", "半年内", "本年度内完成", "按时完成"]
# Up to and past the shortcut's 15 integer digits and 28 digits in all (floats' 17 included);
# small ones near 0.000001, the smallest number the reader accepts.
NUMERALS = st.one_of(st.from_regex(r"[0-9]{1,17}(\.[0-9]{1,30})?", fullmatch=True),
                     st.from_regex(r"0\.0{4,8}[0-9]{1,6}", fullmatch=True))


@st.composite
def plain_like(draw: st.DrawFn) -> str:
    """Texts on both sides of the shortcut's border."""
    kind = draw(st.sampled_from(["number", "range", "date", "word"]))
    unit = st.sampled_from(UNITS)
    if kind == "number":
        return draw(st.sampled_from(SIGNS)) + draw(NUMERALS) + draw(unit)
    if kind == "range":
        return draw(NUMERALS) + draw(unit) + draw(st.sampled_from(["-", "至", "~"])) + draw(NUMERALS) + draw(unit)
    if kind == "date":
        ending = draw(st.sampled_from(["", "底", "前", "份", "份前"]))
        year = draw(st.sampled_from(["", f"{draw(st.integers(1800, 2200))}年"]))
        return f"{year}{draw(st.integers(0, 13))}月{ending}"
    return draw(st.sampled_from(WORDS))


def _same_as_full_reader(text: str) -> None:
    assert parse_value(text) == _parse_full(text, text.strip()), text


@pytest.mark.parametrize("text", [t for t, _ in READABLE] + [t for t, _ in INVALID])
def test_real_cells_read_as_the_full_reader_reads_them(text: str) -> None:
    _same_as_full_reader(text)


@settings(max_examples=300)
@given(plain_like())
def test_plain_looking_cells_read_as_the_full_reader_reads_them(text: str) -> None:
    _same_as_full_reader(text)


@pytest.mark.parametrize("text", ["≥150人", "60%-70%", "2023年12月", "达标", "", "1:15"])
def test_values_stay_immutable(text: str) -> None:
    value = parse_value(text)
    with pytest.raises(AttributeError):  # cached values are shared by every row reading the text
        value.unit = "个"  # type: ignore[misc]
    assert value.kind is not ValueKind.INVALID and hash(value) == hash(parse_value(text))


#: What `_zero_event` stands for: a zero target in words at the start of a text.
ZERO_EVENT = re.compile(r"零(?!星)|无(?!法|偿|限)|未发生|没有发生|杜绝")
ZERO_EVENT_TEXTS = st.text(alphabet="零星无法偿限未发生没有杜绝事故达标", max_size=6)


@settings(max_examples=500)
@given(ZERO_EVENT_TEXTS)
def test_zero_event_words_are_the_patterns(text: str) -> None:
    assert _zero_event(text) == bool(ZERO_EVENT.match(text)), text


@settings(max_examples=500)
@given(st.text(alphabet="本当年度底末内第一二三四1234季上下半之以前完成2023达标月", max_size=10))
def test_a_text_naming_no_period_word_is_no_period(text: str) -> None:
    """read_period skips the pattern for texts without 底/末/内/季度/年: none of them match it."""
    if _PERIOD_MARKS.isdisjoint(text):
        assert _PERIOD.fullmatch(text) is None, text
