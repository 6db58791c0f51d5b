"""A .pdesk file is bounded: lists longer than any real table are refused, naming the limit and the file.

A 6.4 MB file of 100,000 funds rows once checked clean and took 33 s and 740 MB
to export; now each list has a ceiling far above what anyone types, and the
refusal says which. Messages describe JSON values in Chinese words only.
"""

from __future__ import annotations

import json
import re

import pytest

from perfdesk.core.files import schema, storage
from perfdesk.core.files.storage import DocumentFileError, loads
from perfdesk.core.model.document import MAX_INDICATORS
from perfdesk.core.model.factory import new_document
from perfdesk.core.rules.profile import TemplateLibrary
from tests.core.files.refusals import assert_clean_refusal

NAME = "大表.pdesk"


def _data() -> dict:
    """A new table: no unknown fields or comments of its own, so the counts below are exact."""
    return json.loads(storage.dumps(new_document(TemplateLibrary().default())))


def _refusal(data: dict) -> str:
    with pytest.raises(DocumentFileError) as info:
        loads(json.dumps(data, ensure_ascii=False), NAME)
    assert_clean_refusal(info.value, NAME)
    return info.value.message


def _indicator(i: int) -> dict:
    return {"name": f"{i}.指标", "target": "1", "actual": "1"}


def _spread(data: dict, count: int) -> None:
    """`count` indicators in all, spread over every group of the table."""
    groups = [g for l1 in data["document"]["level1"] for g in l1["groups"]]
    for g in groups:
        g["indicators"] = []
    for i in range(count):
        groups[i % len(groups)]["indicators"].append(_indicator(i))


LIMITS = [
    ("funds rows", lambda d, n: d["document"]["funds"].__setitem__(
        "rows", [{"key": f"r{i}"} for i in range(n)]), schema.MAX_FUNDS_ROWS, "资金行"),
    ("level1", lambda d, n: d["document"].__setitem__(
        "level1", [{"name": f"一级{i}", "groups": []} for i in range(n)]), schema.MAX_LEVEL1, "一级指标"),
    ("groups", lambda d, n: d["document"].__setitem__(
        "level1", [{"name": "一级", "groups": [{"name": f"二级{i}"} for i in range(n)]}]),
     schema.MAX_GROUPS, "二级指标"),
    ("indicators over all groups", _spread, MAX_INDICATORS, "三级指标"),
    ("comments", lambda d, n: d["review"].__setitem__(
        "comments", [{"text": "请补充"} for _ in range(n)]), schema.MAX_COMMENTS, "审核批注"),
    # The review object, the unknown object and its list are values too: 3 of them.
    ("values in unknown fields", lambda d, n: d["document"].__setitem__(
        "future_section", {"x": [0] * (n - 3)}), schema.MAX_EXTRA_VALUES, "未知字段"),
]


@pytest.mark.parametrize(("what", "fill", "limit", "label"), LIMITS, ids=[x[0] for x in LIMITS])
def test_one_past_each_limit_is_refused_naming_it(what, fill, limit, label):
    data = _data()
    fill(data, limit + 1)
    message = _refusal(data)
    assert label in message and f"{limit:,}" in message and "上限" in message


@pytest.mark.parametrize(("what", "fill", "limit", "label"), LIMITS, ids=[x[0] for x in LIMITS])
def test_exactly_at_each_limit_loads(what, fill, limit, label):
    data = _data()
    fill(data, limit)
    loads(json.dumps(data, ensure_ascii=False), NAME)


@pytest.mark.parametrize(
    ("value", "words"),
    [(None, "实际是空值"), (True, "实际是真假值"), (1.5, "实际是数字"), (["a"], "实际是列表"), ({}, "实际是对象")],
)
def test_wrong_types_are_described_in_chinese_words(value, words):
    data = _data()
    data["document"]["project"]["name"] = value
    message = _refusal(data)
    assert words in message and "应为文字" in message
    assert not re.search(r"None|True|False|null|true|false|list|dict", message), message


@pytest.mark.parametrize(
    ("version", "words"), [(None, "空值"), (True, "真假值"), ("1", "文字"), (0, "数字 0"), ([], "列表")]
)
def test_a_bad_version_is_described_in_chinese_words(version, words):
    data = _data()
    data["version"] = version
    message = _refusal(data)
    assert f"实际是{words}" in message
    assert not re.search(r"None|True|False|\[\]", message), message


def test_a_newer_version_is_refused_naming_the_file():
    data = _data()
    data["version"] = 99
    assert "格式版本 99" in _refusal(data)


def test_a_syntax_error_the_reader_has_no_words_for_is_still_chinese(monkeypatch):
    from perfdesk.core.files import json_reader

    monkeypatch.setattr(json_reader, "_SYNTAX_MESSAGES", {})  # as if a newer Python worded an error differently
    with pytest.raises(DocumentFileError) as info:
        loads('{"format": "perfdesk", "version": 1,, }', NAME)
    assert_clean_refusal(info.value, NAME)
