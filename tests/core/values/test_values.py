"""Value parser: every way real tables write a value, the refusals, and round trips."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfdesk.core.values.parse import (
    Comparator,
    Value,
    ValueKind,
    format_value,
    parse_number,
    parse_value,
)

D = Decimal
GE, LE, GT, LT, EQ = Comparator.GE, Comparator.LE, Comparator.GT, Comparator.LT, Comparator.EQ


def num(number: str, unit: str = "", comparator: Comparator | None = None) -> Value:
    return Value(ValueKind.NUMBER, comparator=comparator, number=D(number), unit=unit)


def rng(low: str, high: str, unit: str = "") -> Value:
    return Value(ValueKind.RANGE, low=D(low), high=D(high), unit=unit)


def date(year: int | None, month: int, day: int | None = None, comparator: Comparator | None = None) -> Value:
    return Value(ValueKind.DATE, comparator=comparator, year=year, month=month, day=day)


def word(text: str) -> Value:
    return Value(ValueKind.QUALITATIVE, word=text)


def relative(comparator: Comparator, text: str) -> Value:
    return Value(ValueKind.RELATIVE, comparator=comparator, word=text)


def zero_event(text: str) -> Value:
    return Value(ValueKind.NUMBER, number=D(0), word=text, zero_event=True)


EMPTY = Value(ValueKind.EMPTY)

READABLE = [
    # seeds/000: the worked example table
    ("164人", num("164", "人")),
    ("　164人", num("164", "人")),
    ("　202人", num("202", "人")),
    ("1351人", num("1351", "人")),
    ("　270例 ", num("270", "例")),
    ("　278例", num("278", "例")),
    ("　达标", word("达标")),
    ("达标　", word("达标")),
    ("　完成", word("完成")),
    ("　100%", num("100", "%")),
    ("38万元", num("38", "万元")),
    ("19.62万元", num("19.62", "万元")),
    ("≤1%", num("1", "%", LE)),
    ("　≤0.2%", num("0.2", "%", LE)),
    ("　较高", word("较高")),
    ("　97%", num("97", "%")),
    ("　提升", word("提升")),
    ("　≥98%", num("98", "%", GE)),
    ("　≥95%", num("95", "%", GE)),
    ("100分", num("100", "分")),
    ("10分", num("10", "分")),
    ("51.63%", num("51.63", "%")),
    ("　", EMPTY),
    ("　\n　", EMPTY),
    ("", EMPTY),
    # seeds/004: the targets table
    ("≥200人次", num("200", "人次", GE)),
    ("≥1场次", num("1", "场次", GE)),
    ("≥ 16 课时", num("16", "课时", GE)),
    ("≥ 1 天", num("1", "天", GE)),
    ("≥ 4 个", num("4", "个", GE)),
    ("≥ 1 场/次", num("1", "场/次", GE)),
    ("≥ 50 人/次", num("50", "人/次", GE)),
    ("≥ 20 件", num("20", "件", GE)),
    ("$\\geq 70\\%$", num("70", "%", GE)),
    ("$\\geq 100\\%$", num("100", "%", GE)),
    ("$\\leq 0.1\\%$", num("0.1", "%", LE)),
    ("$\\ge 5\\%$", num("5", "%", GE)),
    ("$\\le\\ 8\\ \\text{万元}$", num("8", "万元", LE)),
    ("$80\\%\\sim 90\\%$", rng("80", "90", "%")),
    ("=0%", num("0", "%", EQ)),
    ("=100%", num("100", "%", EQ)),
    ("=50%", num("50", "%", EQ)),
    ("≤ 4 万元", num("4", "万元", LE)),
    ("≤ 8 万元", num("8", "万元", LE)),
    ("序时进度", word("序时进度")),
    ("合规", word("合规")),
    ("及时", word("及时")),
    ("充分", word("充分")),
    # seeds/001, 003: evaluation frameworks
    ("≥上年值", relative(GE, "上年值")),
    ("1:10至1:15", rng("10", "15", "1:")),
    ("1:15.8", num("15.8", "1:")),
    ("≥85%", num("85", "%", GE)),
    ("12个", num("12", "个")),
    ("≥0", num("0", "", GE)),
    # the other forms people type
    ("＞95％", num("95", "%", GT)),
    ("<5%", num("5", "%", LT)),
    ("＜5%", num("5", "%", LT)),
    ("≧100%", num("100", "%", GE)),
    ("≦3天", num("3", "天", LE)),
    ("═100%", num("100", "%", EQ)),
    ("＝100%", num("100", "%", EQ)),
    ("==100%", num("100", "%", EQ)),
    ("≥266米", num("266", "米", GE)),
    (">=90%", num("90", "%", GE)),
    ("<=0.5%", num("0.5", "%", LE)),
    ("≮90%", num("90", "%", GE)),
    ("≯10万元", num("10", "万元", LE)),
    ("不低于95%", num("95", "%", GE)),
    ("不少于3次", num("3", "次", GE)),
    ("不高于1%", num("1", "%", LE)),
    ("不超过8万元", num("8", "万元", LE)),
    ("大于等于90%", num("90", "%", GE)),
    ("小于等于5%", num("5", "%", LE)),
    ("大于90%", num("90", "%", GT)),
    ("低于2%", num("2", "%", LT)),
    ("95%以上", num("95", "%", GE)),
    ("95%及以上", num("95", "%", GE)),
    ("8万元以下", num("8", "万元", LE)),
    ("3个工作日内", num("3", "个工作日", LE)),
    ("≥95%以上", num("95", "%", GE)),
    ("达到95%以上", num("95", "%", GE)),
    ("不低于上年", relative(GE, "上年")),
    ("１０００人", num("1000", "人")),
    ("1,351", num("1351")),
    ("1，351人", num("1351", "人")),
    ("1,351.5万元", num("1351.5", "万元")),
    ("  ≥  98 % ", num("98", "%", GE)),
    ("≥ 1 场 / 次", num("1", "场/次", GE)),
    ("-5%", num("-5", "%")),
    ("−0.5", num("-0.5")),
    (".5", num("0.5")),
    ("+3", num("3")),
    ("0起", num("0", "起")),
    ("98.0%", num("98", "%")),
    ("80%-90%", rng("80", "90", "%")),
    ("80%～90%", rng("80", "90", "%")),
    ("80%~90%", rng("80", "90", "%")),
    ("80%至90%", rng("80", "90", "%")),
    ("80%到90%", rng("80", "90", "%")),
    ("80—90%", rng("80", "90", "%")),
    ("80-90%", rng("80", "90", "%")),
    ("1:10-1:15", rng("10", "15", "1:")),
    ("1：10至1：15", rng("10", "15", "1:")),
    ("10-15人", rng("10", "15", "人")),
    ("-5%至5%", rng("-5", "5", "%")),
    ("2:30", num("15", "1:")),
    ("2023.120", num("2023.12")),
    ("2023.12万元", num("2023.12", "万元")),
    ("2023年", num("2023", "年")),
    ("3个月", num("3", "个月")),
    ("2023年12月", date(2023, 12)),
    ("2023年12月31日", date(2023, 12, 31)),
    ("2024年2月29日", date(2024, 2, 29)),
    ("2022 年 9 月 7 日", date(2022, 9, 7)),
    ("2023-12", date(2023, 12)),
    ("2023.12", date(2023, 12)),
    ("2023/6/30", date(2023, 6, 30)),
    ("2023-12-31", date(2023, 12, 31)),
    ("2023年底", date(2023, 12)),
    ("2023年12月底前", date(2023, 12, None, LE)),
    ("2023年12月底前完成", date(2023, 12, None, LE)),
    ("2023年12月31日前", date(2023, 12, 31, LE)),
    ("2023年12月前", date(2023, 12, None, LE)),
    ("≤2023年10月", date(2023, 10, None, LE)),
    # deadlines without a year (the table's 年度 is theirs) and parts of the year
    ("12月底前", date(None, 12, None, LE)),
    ("11月底前", date(None, 11, None, LE)),
    ("12月31日", date(None, 12, 31)),
    ("12月31日前", date(None, 12, 31, LE)),
    ("2月29日前", date(None, 2, 29, LE)),
    ("11月份前", date(None, 11, None, LE)),
    ("2022年11月份", date(2022, 11)),
    ("年底前", date(None, 12, None, LE)),
    ("年底", date(None, 12)),
    ("年末", date(None, 12)),
    ("年内", date(None, 12, None, LE)),
    ("本年度内完成", date(None, 12, None, LE)),
    ("2022年底前", date(2022, 12, None, LE)),
    ("第三季度", date(None, 9)),
    ("三季度末", date(None, 9)),
    ("第3季度前", date(None, 9, None, LE)),
    ("2022年第一季度", date(2022, 3)),
    ("四季度末前完成", date(None, 12, None, LE)),
    ("上半年", date(None, 6)),
    ("下半年", date(None, 12)),
    ("2023年上半年前", date(2023, 6, None, LE)),
    ("≤第二季度", date(None, 6, None, LE)),
    ("=第三季度", date(None, 9, None, EQ)),
    ("半年内", word("半年内")),  # a duration, not a part of the year
    ("无安全事故发生", zero_event("无安全事故发生")),
    ("零事故", zero_event("零事故")),
    ("未发生安全事故", zero_event("未发生安全事故")),
    ("无", zero_event("无")),
    ("无法评估", word("无法评估")),
    ("零星发生", word("零星发生")),
    ("没有发生安全事故", zero_event("没有发生安全事故")),
    ("达到预期", word("达到预期")),
    ("达标。", word("达标")),
    ("达 标", word("达标")),
    ("有所应用", word("有所应用")),
    ("A级", word("A级")),
    ("—", EMPTY),
    ("/", EMPTY),
    ("……", EMPTY),
    ("\u200b", EMPTY),
]


@pytest.mark.parametrize(("text", "expected"), READABLE, ids=[repr(t) for t, _ in READABLE])
def test_reads_real_values(text: str, expected: Value) -> None:
    value = parse_value(text)
    assert value.same_as(expected), value
    assert value.text == text


@pytest.mark.parametrize(("text", "expected"), READABLE, ids=[repr(t) for t, _ in READABLE])
def test_canonical_text_reads_back_the_same(text: str, expected: Value) -> None:
    assert parse_value(format_value(expected)).same_as(expected)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [("≥ 4 个", "≥4个"), ("＞95％", ">95%"), ("≧100%", "≥100%"), ("$\\geq 70\\%$", "≥70%"), ("1:15.8", "1:15.8"),
     ("80%～90%", "80%-90%"), ("1:10-1:15", "1:10至1:15"), ("2023-12", "2023年12月"), ("2023.120", "2023.120"),
     ("　达标", "达标"),
     ("≥上年值", "≥上年值"), ("98.0%", "98%"), ("1,500人", "1500人"), ("2023年12月底前", "≤2023年12月"), ("　", ""),
     ("1e5", "1e5")],
)
def test_format_value_is_canonical(text: str, canonical: str) -> None:
    assert format_value(parse_value(text)) == canonical


INVALID = [
    ("≥abc", "无法识别“≥abc”：比较符号后应为数字"),
    ("≥", "比较符号后应为数字"),
    ("abc", "应为数字、范围、日期或中文评价词"),
    ("NaN", "应为数字、范围、日期或中文评价词"),
    ("Infinity", "应为数字、范围、日期或中文评价词"),
    ("-Infinity", "应为数字、范围、日期或中文评价词"),
    ("1e400", "不接受科学计数法"),
    ("1E5%", "不接受科学计数法"),
    ("80 90", "数字中间有空格"),
    ("1.2.3", "小数点多于一个"),
    ("1,23", "千位分隔符"),
    ("90%-80%", "下限大于上限"),
    ("80%-90人", "单位不一致"),
    ("≥80%-90%", "范围前后不应再写比较符号"),
    ("≥95%以下", "矛盾"),
    ("2023年13月", "月份13应在1到12之间"),
    ("2023年2月29日", "2月没有29日"),
    ("1800年12月", "年份1800"),
    ("≥3月", "时长请写“个月”"),
    ("≥年底前", "期限前不应写“≥”"),
    (">上半年", "期限前不应写“>”"),
    ("11月31日前", "11月没有31日"),
    ("0月", "月份0应在1到12之间"),
    ("1.5月", "时长请写“个月”"),
    ("5e到6e", "会与科学计数法混淆"),
    ("0:5", "比例的前项应大于0"),
    ("完成2022年任务", "评价词中不要带数字"),
    ("约95%", "不是可识别的数值"),
    ("1" * 30, "数字位数过多"),
    ("1" * 16 + "人", "数字过大（整数部分最多15位）"),
    ("0.0000001%", "数字过小（不能小于0.000001）"),
    ("0.000001:999999999999999", "比例超出可计算的范围"),
    ("10\x00", "控制字符（U+0000）"),
    ("\ud800", "控制字符（U+D800）"),
    ("$\\frac{1}{2}$", "无法识别的公式符号“\\frac”"),
    ("$\\neq 5$", "无法识别的公式符号“\\neq”"),
    ("x" * 201, "内容过长（201字）"),
]


@pytest.mark.parametrize(("text", "reason"), INVALID, ids=[repr(t)[:20] for t, _ in INVALID])
def test_refuses_with_a_chinese_reason(text: str, reason: str) -> None:
    value = parse_value(text)
    assert value.kind is ValueKind.INVALID
    assert value.error.startswith("无法识别“")
    assert reason in value.error
    assert value.text == text
    assert format_value(value) == text


def test_reason_quotes_a_visible_excerpt() -> None:
    error = parse_value("超长说明" * 100).error
    assert len(error) < 120 and "…" in error
    assert "\x00" not in parse_value("5\x00").error


def test_huge_text_is_refused() -> None:
    assert parse_value("9" * 10_000_000).kind is ValueKind.INVALID
    assert parse_value(" " * 10_000_000).kind is ValueKind.EMPTY
    assert parse_number("9" * 10_000_000) is None


def test_threshold_flag() -> None:
    assert parse_value("≥98%").is_threshold
    assert not parse_value("=100%").is_threshold
    assert not parse_value("98%").is_threshold


def test_same_as_ignores_text_and_trailing_zeros() -> None:
    assert parse_value("98%").same_as(parse_value("　98.00％"))
    assert not parse_value("98%").same_as(parse_value("98"))
    assert not parse_value("≥98%").same_as(parse_value("98%"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("19.62", D("19.62")), ("1,351", D("1351")), ("１０分", D("10")), (" 38 ", D("38")), ("　19.62", D("19.62")),
     ("10 分", D("10")), ("0", D("0")), ("-3", D("-3")), (".5", D("0.5"))],
)
def test_parse_number_reads_amounts_and_weights(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "　", "38万元", "51.63%", "≥10", "abc", "1e5", "NaN", "1,23", "10分分", "—"])
def test_parse_number_refuses_other_text(text: str) -> None:
    assert parse_number(text) is None


# Property tests -------------------------------------------------------------------------

UNITS = ["", "%", "人", "人次", "万元", "元", "个", "场/次", "课时", "例", "米", "天", "分", "次", "件", "1:"]
WORDS = ["达标", "较高", "提升", "完成", "及时", "合规", "序时进度", "有效", "基本达标", "A级"]
amounts = st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False)
comparators = st.none() | st.sampled_from(list(Comparator))


@st.composite
def numbers(draw: st.DrawFn) -> Value:
    unit = draw(st.sampled_from(UNITS))
    number = draw(positive if unit == "1:" else amounts)
    return Value(ValueKind.NUMBER, comparator=draw(comparators), number=number, unit=unit)


@st.composite
def ranges(draw: st.DrawFn) -> Value:
    unit = draw(st.sampled_from(UNITS))
    low, high = sorted([draw(positive if unit == "1:" else amounts), draw(positive if unit == "1:" else amounts)])
    return Value(ValueKind.RANGE, low=low, high=high, unit=unit)


@st.composite
def dates(draw: st.DrawFn) -> Value:
    year = draw(st.none() | st.integers(1900, 2100))  # None: written without a year (`11月底前`)
    month = draw(st.integers(1, 12))
    day = draw(st.none() | st.integers(1, 28))
    # `≥11月` is refused (a duration is written `个月`): only dates with a year take ≥, >, =.
    comparator = draw(comparators if year is not None else st.sampled_from([None, LE, LT, EQ]))
    return Value(ValueKind.DATE, comparator=comparator, year=year, month=month, day=day)


valid_values = st.one_of(
    numbers(),
    ranges(),
    dates(),
    st.sampled_from(WORDS).map(word),
    st.builds(relative, st.sampled_from(list(Comparator)), st.sampled_from(["上年值", "上年", "去年同期"])),
    st.sampled_from(["无安全事故发生", "零事故", "零投诉", "无"]).map(zero_event),
    st.just(EMPTY),
)


@given(valid_values)
def test_format_then_parse_round_trips(value: Value) -> None:
    assert parse_value(format_value(value)).same_as(value)


# A generous deadline: it catches runaway backtracking (seconds to hours), not a busy CI machine.
@settings(max_examples=500, deadline=2000)
@given(st.text(max_size=300))
def test_parse_value_never_raises_on_any_text(text: str) -> None:
    value = parse_value(text)
    assert isinstance(value.kind, ValueKind)
    assert (value.kind is ValueKind.INVALID) == bool(value.error)
    if value.kind is not ValueKind.INVALID:
        assert parse_value(format_value(value)).same_as(value)


@settings(max_examples=300, deadline=2000)
@given(st.text(alphabet="0123456789.,:-~/%≥≤<>=至到年月日底末前内以上下完成万元人无零e 　１２％＞$\\第一三季度半份本当",
               max_size=200))
def test_parse_value_never_raises_on_value_like_text(text: str) -> None:
    value = parse_value(text)
    if value.kind is not ValueKind.INVALID:
        assert parse_value(format_value(value)).same_as(value)
    assert parse_number(text) is None or value.kind in (ValueKind.NUMBER, ValueKind.DATE)


def test_a_dotted_year_month_after_at_least_is_a_number_not_a_deadline():
    floor = parse_value("≥2023.5")
    assert floor.kind is ValueKind.NUMBER and floor.number == Decimal("2023.5")
    assert parse_value("≤2023.12").kind is ValueKind.DATE  # "by December 2023"


@pytest.mark.parametrize(("text", "comparator", "number", "unit"), [
    ("≥95%（含）", Comparator.GE, "95", "%"),
    ("95%以上（含）", Comparator.GE, "95", "%"),
    ("98%。", None, "98", "%"),  # a final 。 or ； pasted from Word
    ("10万元；", None, "10", "万元"),
    ("100人左右", None, "100", "人"),
    ("至少5次", Comparator.GE, "5", "次"),
    ("最多3天", Comparator.LE, "3", "天"),
    ("每年2次", None, "2", "次"),
    ("每月1次", None, "1", "次"),
    ("累计100人", None, "100", "人"),
])
def test_words_clerks_write_around_a_number_are_read_away(text, comparator, number, unit):
    value = parse_value(text)
    assert value.kind is ValueKind.NUMBER, value
    assert (value.comparator, value.number, value.unit) == (comparator, Decimal(number), unit)
    assert value.text == text  # what was typed is kept as typed


def test_a_range_followed_by_between_is_a_range():
    value = parse_value("90%-95%之间")
    assert value.kind is ValueKind.RANGE and (value.low, value.high, value.unit) == (Decimal(90), Decimal(95), "%")
