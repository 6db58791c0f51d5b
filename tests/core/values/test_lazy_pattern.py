"""A pattern compiled on first use behaves as the compiled pattern."""

from __future__ import annotations

import re

import pytest

from perfdesk.core.values.lazy_pattern import LazyPattern


def test_compiles_on_first_use_and_then_is_the_compiled_pattern() -> None:
    lazy = LazyPattern(r"(\d+)人", re.ASCII)
    assert "fullmatch" not in vars(lazy)
    assert lazy.fullmatch("12人").group(1) == "12"
    assert "fullmatch" in vars(lazy) and lazy.search("约3人").group() == "3人"
    assert lazy.match("人") is None and lazy.sub("x", "1人2人") == "xx"
    assert lazy.fullmatch("١٢人") is None  # the flags are kept: ASCII digits only


def test_other_attributes_are_refused() -> None:
    with pytest.raises(AttributeError):
        LazyPattern("a").split  # noqa: B018
