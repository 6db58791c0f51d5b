"""The JSON pre-scan: exact nesting depth, strings (closed or not) never counted, one pass.

How fast it stays on hostile input is measured by benchmarks/bench_hostile_files.py
(time ratio per doubling of the size); here only what it answers.
"""

from __future__ import annotations

import json

import pytest

from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.files.json_reader import nesting_depth, parse_json


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("", 0),
        ("1", 0),
        ("[]", 1),
        ('{"a": [1, {"b": []}]}', 4),
        ('["[[[", "]]]"]', 1),
        (r'["a\"[[[\\", "{{"]', 1),  # escaped quote, then an escaped backslash closing the string
        (r'[{"a": "\"[[[\"[[[', 2),  # unterminated string full of escaped quotes: its brackets are text
        ('[{"a": "[[[\\', 2),  # unterminated, ending in a lone backslash
        ('[[["unterminated', 3),
    ],
)
def test_nesting_depth_counts_brackets_outside_strings_only(text, depth):
    assert nesting_depth(text) == depth


def _depth(value) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


@pytest.mark.parametrize("value", [{"a": [[{"b": "[{]}"}], [1, [2, [3]]]], "c": "\\\"[["}, ["\\", ["\"", {}]], "x"])
def test_nesting_depth_agrees_with_the_parsed_value(value):
    assert nesting_depth(json.dumps(value)) == _depth(value)


@pytest.mark.timeout(60)  # the quadratic scan took about 40 minutes on this; linear takes milliseconds
def test_megabyte_of_escaped_quotes_in_an_unterminated_string_is_refused():
    text = '{"format": "perfdesk", "name": "' + '\\"' * 500_000
    with pytest.raises(DocumentFileError, match="不完整|没有结束引号"):
        parse_json(text, "表.pdesk")
