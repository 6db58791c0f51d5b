"""Display helpers of the result records."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfdesk.core.model.results import format_decimal, format_percent
from perfdesk.core.rules.profile import Rounding


@pytest.mark.parametrize(
    ("value", "text"),
    [("51.625", "51.63"), ("0.005", "0.01"), ("9.50", "9.5"), ("10.00", "10"), ("-0.001", "0"), ("0", "0")],
)
def test_format_decimal_rounds_half_up_and_drops_trailing_zeros(value, text):
    assert format_decimal(Decimal(value)) == text


def test_format_percent():
    assert format_percent(Decimal("0.51625")) == "51.63%" and format_percent(None) == ""


def test_huge_values_round_without_decimal_errors():
    huge = Decimal("9" * 15) * Decimal("9" * 15)
    assert format_decimal(huge).startswith("99999999999999")
    assert Rounding(2, "down").apply(huge) == huge
