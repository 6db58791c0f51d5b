"""How a target and an actual are read before a formula scores them, and what was assumed.

Clerks leave things out: the year of a deadline (`11月底前`, the table's 年度), the `/…` of
a unit (`元` for `元/人`), the % of a rate (`0.93` for 93%), the ≥ or ≤ of a rate under
成本指标. Each reading here returns what it read and a `Note`: the words the explanation
(the score's tooltip) adds, and the issue to show when the filler should check or say more.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from perfdesk.core.model.results import Severity
from perfdesk.core.rules.outcomes import Issue, Outcome, error, show, show_value, unscored
from perfdesk.core.rules.rate_names import rate_direction
from perfdesk.core.values.deadlines import month_days
from perfdesk.core.values.parse import Comparator, Value, ValueKind
from perfdesk.core.values.text import excerpt

_HUNDRED = Decimal(100)


def in_year(v: Value, year: int | None) -> Value:
    """A DATE with the table's year where none was written."""
    return v if v.year is not None else v._replace(year=year)


def due_text(written: Value, due: Value) -> str:
    """The deadline as the explanation says it, with the day assumed when it was not written."""
    assert due.year is not None and due.month is not None  # a DATE with its year filled in
    if written.year is not None and written.day is not None:
        return f"期限{show_value(due)}"
    last = due.day or month_days(due.year, due.month)
    return f"期限“{excerpt(written.text.strip())}”按{due.year}年{due.month}月{last}日计"


def as_read(written: Value, done: Value) -> str:
    """An actual date as the explanation says it: with the year assumed when it was not written."""
    if written.year is not None:
        return show_value(done)
    return f"“{excerpt(written.text.strip())}”（按{show_value(done)}计）"


def year_missing(v: Value, field: str) -> Outcome:
    """A date without a year in a table whose 年度 is not filled in: ask for the year."""
    text = excerpt(v.text.strip())
    assert v.month is not None  # every DATE has a month
    return unscored(f"“{text}”没有写年份，表头年度也未填写，无法计分", error(
        "DEADLINE_YEAR_MISSING", field,
        f"“{text}”没有写年份，按表头的年度计算，但年度未填写或不是四位年份："
        f"请在表头填写年度（如 2023），或在本格写明年份（如“2023年{v.month}月底前”）"))


#: A note on how a row was read: the words added to its explanation, and the issue if the reading
#: needs the filler's attention.
Note = tuple[str, Issue | None]
#: A percentage target at least this high is a rate no result of 1% or less is meant against:
#: an actual `0.93` or `1` there is a fraction (93%, 100%), not 0.93%.
FRACTION_FLOOR = Decimal(50)


def noted(outcome: Outcome, *notes: Note | None) -> Outcome:
    """`outcome` with what was assumed said in its explanation and the notes' issues added."""
    if not any(notes):  # the usual row: nothing assumed (no list built)
        return outcome
    given = [note for note in notes if note is not None]
    said = "；".join(text for text, _ in given)
    issues = tuple(issue for _, issue in given if issue is not None)
    return replace(outcome, why=lambda: f"{outcome.explanation}（{said}）", issues=outcome.issues + issues)


def bare_direction(t: Value, name: str, negative_default: bool) -> tuple[bool, Note | None]:
    """Whether a target is scored downwards when written without ≥/≤ (the 二级's default), and why.

    A percentage under a ceiling-by-default 二级 (成本指标) is read from the row's name: a rate
    (`到位率`) is better higher, a rate of something bad (`超支率`) lower; a percentage whose name
    says neither keeps the ceiling and asks for ≥ or ≤."""
    if not (negative_default and t.kind is ValueKind.NUMBER and t.comparator is None and t.unit == "%"):
        return negative_default, None
    label = excerpt(name.strip(), 20)
    said = rate_direction(name)
    if said == "positive":
        return False, (f"“{label}”是比率，按越高越好计分", None)
    if said == "negative":
        return True, (f"“{label}”按越低越好计分", None)
    shown = show(t.number, t.unit)
    return True, (f"目标{shown}未写≥或≤，按不超过{shown}计分", Issue(
        "DIRECTION_UNCLEAR", "target", Severity.WARNING,
        f"“{excerpt(t.text.strip())}”没有写“≥”或“≤”，本二级指标默认按不超过（越低越好）计分："
        f"如果越高越好（如到位率、完成率），请写成“≥{shown}”；如果是上限，请写成“≤{shown}”"))


def fraction_of_percent(t: Value, a: Value, negative: bool) -> tuple[Value, Note | None]:
    """An actual without a unit in (0, 1] against a percentage target: `0.93` against `≥90%`.

    Against a high rate scored upwards (at least `FRACTION_FLOOR`%) it is a fraction and reads
    as 93%; against anything else either reading is possible, so it reads as written (0.93%)
    and asks. An actual above 1 (`95` against `≥90%`) is a percentage written without its sign,
    as before."""
    if t.unit != "%" or a.unit or a.is_threshold or a.number is None or not 0 < a.number <= 1:
        return a, None
    written = excerpt(a.text.strip())
    floor = t.low if t.kind is ValueKind.RANGE else t.number
    upward = t.kind is ValueKind.RANGE or not is_negative(t.comparator, negative)
    percent = show(a.number * _HUNDRED, "%")
    if upward and floor is not None and floor >= FRACTION_FLOOR:
        return a._replace(number=a.number * _HUNDRED, unit="%"), (f"实际“{written}”按{percent}计", Issue(
            "ACTUAL_FRACTION", "actual", Severity.WARNING,
            f"实际“{written}”没有写%，年度指标值是百分比，已按{percent}计：请写成“{percent}”"))
    as_written = show(a.number, "%")
    return a, (f"实际“{written}”按{as_written}计", Issue(
        "ACTUAL_FRACTION", "actual", Severity.WARNING,
        f"实际“{written}”没有写%，已按{as_written}计：如果指的是{percent}，请写成“{percent}”；"
        f"如果确是{as_written}，请写成“{as_written}”"))


def compare_units(t: Value, a: Value) -> tuple[Outcome | None, Note | None]:
    """(refusal, note) for the units of a target and an actual number: nothing when they agree
    or one is not written, a note when one only drops the other's `/…` part, else a refusal."""
    if not (t.unit and a.unit and t.unit != a.unit):
        return None, None
    note = shortened_unit(t, a)
    if note is not None:
        return None, note
    return unscored(f"单位不一致（目标{t.unit}，实际{a.unit}），无法计分", error(
        "UNIT_MISMATCH", "actual", f"单位“{a.unit}”与年度指标值的单位“{t.unit}”不一致：请换算成同一单位")), None


def shortened_unit(t: Value, a: Value) -> Note | None:
    """Units that differ only by a dropped `/…` part (`元/人` and `元`, `次/年` and `次`): the
    numbers are compared, with a warning naming both; None when the units really differ."""
    for whole, part in ((t.unit, a.unit), (a.unit, t.unit)):
        if "/" in whole and whole.split("/", 1)[0] == part:
            return (f"单位“{t.unit}”与“{a.unit}”按同一单位比较", Issue(
                "UNIT_SHORTENED", "actual", Severity.WARNING,
                f"实际的单位“{a.unit}”与年度指标值的单位“{t.unit}”不完全相同，已按同一单位比较数值："
                f"请核对后把两处都写成“{whole}”"))
    return None


CEILINGS = (Comparator.LE, Comparator.LT)  # looked up once: enum members are slow to look up


def is_negative(comparator: Comparator | None, negative_default: bool) -> bool:
    """A ceiling (`≤5%`), or a bare number where the 二级 is scored downwards (成本指标)."""
    return comparator in CEILINGS or (comparator is None and negative_default)


