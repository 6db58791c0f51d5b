"""Days of a month, computed without importing calendar, agree with calendar."""

from __future__ import annotations

import calendar

import pytest

from perfdesk.core.values.deadlines import month_days


def test_month_days_is_calendars_for_every_year_a_value_may_name() -> None:
    for year in range(1900, 2101):
        for month in range(1, 13):
            assert month_days(year, month) == calendar.monthrange(year, month)[1], (year, month)


@pytest.mark.parametrize("month", [0, 13, -1])
def test_a_month_outside_the_year_is_refused_as_calendar_refuses_it(month: int) -> None:
    with pytest.raises(ValueError):
        month_days(2023, month)
