"""更换模板: a filled table moved onto another template keeps every typed value, id and extra."""

from __future__ import annotations

import copy
import dataclasses
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from perfdesk.core.files.storage import dumps, loads
from perfdesk.core.layout.table import build_layout
from perfdesk.core.model.document import Document, Group, Indicator, Level1
from perfdesk.core.model.factory import new_document
from perfdesk.core.model.ids import all_ids, ensure_ids
from perfdesk.core.model.retemplate import PARKED_FUNDS_ROWS, retemplate
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.profile import Profile, TemplateLibrary

PAIRS = [(a.id, b.id) for a in TemplateLibrary() for b in TemplateLibrary() if a.id != b.id]


def typed_document(profile: Profile) -> Document:
    """A table on `profile` with a distinct text in every field a person types, a 二级 and a 一级
    of the unit's own, extras and a review: whatever is lost by a change shows."""
    doc = new_document(profile, year="2023")
    for record, prefix in ((doc.project, "项目"), (doc.goals, "目标"), (doc.signature, "签字")):
        for f in dataclasses.fields(record):
            if f.name not in ("extra", "money_unit", "year"):
                setattr(record, f.name, f"{prefix}-{f.name}")
    for i, row in enumerate(doc.funds.rows):
        row.initial, row.budget, row.executed = f"{100 + i}", f"{200 + i}", f"{150 + i}"
        row.extra["备注"] = f"资金行备注{i}"
    doc.funds.published_score = "9.5"
    doc.level1[0].groups.append(Group("自定义二级指标"))
    doc.level1.append(Level1("其他指标", [Group("其他二级指标")], {"来源": "单位自加"}))
    for l1 in doc.level1:
        for group in l1.groups:
            group.extra["组备注"] = f"{group.name}的备注"
            group.indicators = [
                Indicator(name=f"{group.name}-{k}", target="≥100人", actual=f"{90 + k}人", weight="2",
                          reason=f"{group.name}-{k}的原因", published_score="1.5", extra={"行备注": f"{group.name}{k}"})
                for k in range(2)
            ]
    doc.level1[0].groups[0].weight = "6"  # one weighted 二级
    first = doc.level1[0].groups[1].indicators[0]
    first.manual_score, first.manual_reason = "1", "现场核查后酌情扣分"
    doc.published_total = "88"
    doc.review = {"status": "returned", "comments": [{"text": "请补充说明"}]}
    doc.extra["未知字段"] = {"保留": ["甲", "乙"]}
    ensure_ids(doc)
    return doc


def strings(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every non-empty text in a document (fields, lists, extras), with where it sits."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from strings(getattr(value, f.name), (*path, f.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*path, str(key)))
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, path)
    elif isinstance(value, str) and value.strip():
        yield path, value


#: Texts the template, not the unit, wrote: they may change with it.
TEMPLATE_TEXTS = {("template_id",), ("funds", "rows", "key"), ("funds", "weight"), ("level1", "name")}


def typed_texts(doc: Document) -> Counter[str]:
    return Counter(text for path, text in strings(doc) if path not in TEMPLATE_TEXTS)


def records_by_id(doc: Document) -> dict[str, Group | Indicator]:
    records: dict[str, Group | Indicator] = {}
    for l1 in doc.level1:
        for group in l1.groups:
            records[group.id] = group
            records.update((ind.id, ind) for ind in group.indicators)
    return records


@pytest.mark.parametrize(("old_id", "new_id"), PAIRS)
def test_every_pair_of_templates_keeps_every_typed_value_and_id(library, old_id: str, new_id: str) -> None:
    old, new = library.get(old_id), library.get(new_id)
    doc = typed_document(old)
    before = copy.deepcopy(doc)
    moved, notes = retemplate(doc, old, new)
    assert doc == before  # the old table is left for undo
    assert moved.template_id == new_id
    assert not typed_texts(before) - typed_texts(moved), notes
    kept = records_by_id(moved)
    for row_id, record in records_by_id(before).items():
        assert kept[row_id] == record  # same id, same values, same rows under a group
    assert [r.key for r in moved.funds.rows] == [d.key for d in new.funds.rows]
    assert moved.funds.rows[0] == before.funds.rows[0]
    for name in ("project", "goals", "signature", "review", "published_total", "extra"):
        assert getattr(moved, name) == getattr(before, name)
    template_order = [d.name for d in new.level1]
    assert [l1.name for l1 in moved.level1][:len(template_order)] == template_order
    assert moved.level1[-1].name == "其他指标" and moved.level1[-1].extra == {"来源": "单位自加"}
    evaluation = analyse(moved, new)
    assert build_layout(moved, new, evaluation).rows
    back, _ = retemplate(moved, new, old)
    assert back == before  # the round trip puts every value back in its place
    assert loads(dumps(moved)) == moved


def test_sichuan_puts_satisfaction_inside_benefits_and_back(library, national) -> None:
    sichuan = library.get("sichuan")
    doc = typed_document(national)
    satisfaction = doc.level1[2].groups[0]
    moved, notes = retemplate(doc, national, sichuan)
    assert [l1.name for l1 in moved.level1] == ["产出指标", "效益指标", "其他指标"]
    benefits = moved.level1[1]
    assert [g.name for g in benefits.groups][-1] == "服务对象满意度指标"
    assert benefits.groups[-1] == satisfaction and benefits.groups[-1].id == satisfaction.id
    assert "二级指标“服务对象满意度指标”由“满意度指标”移到“效益指标”下。" in notes
    assert "资金行“上年结转资金”的金额移到“财政专户管理资金”行。" in notes
    assert [(r.key, r.budget) for r in moved.funds.rows] == [
        ("total", "200"), ("fiscal", "201"), ("special_account", "202"), ("unit", "203")]
    back, back_notes = retemplate(moved, sichuan, national)
    assert back.level1[2].groups == [satisfaction]
    assert "二级指标“服务对象满意度指标”由“效益指标”移到“满意度指标”下。" in back_notes


def test_a_group_is_found_whatever_its_spaces_and_brackets(library, national) -> None:
    doc = new_document(national)
    doc.level1[2].name = "满意度指标（10分）"
    doc.level1[2].groups[0].name = "服务对象 满意度指标"
    doc.level1[2].groups.append(Group("社会公众满意度指标", [Indicator(name="1.群众满意率", target="≥90%")]))
    ensure_ids(doc)
    moved, notes = retemplate(doc, national, library.get("sichuan"))
    names = [[g.name for g in l1.groups] for l1 in moved.level1]
    assert names[1][-1] == "服务对象 满意度指标" and "服务对象满意度指标" not in names[1]  # no empty twin added
    assert moved.level1[2].name == "满意度指标（10分）"  # the unit's own 二级 stays under its 一级, at the end
    assert names[2] == ["社会公众满意度指标"]
    assert "新模板没有一级指标“满意度指标（10分）”：其下未归入新模板的二级指标保留在表末。" in notes


def test_baoshan_takes_its_funds_weight_of_20_unless_the_unit_chose_one(library, national) -> None:
    baoshan, hubei = library.get("yunnan-baoshan"), library.get("hubei")
    doc = typed_document(national)
    moved, notes = retemplate(doc, national, baoshan)
    assert moved.funds.weight == "20"
    assert "预算执行率分值由“10”改为“20”（新模板的默认值）。" in notes
    assert analyse(moved, baoshan).funds.weight == Decimal(20)
    doc.funds.weight = "15"
    moved, notes = retemplate(doc, national, baoshan)
    assert moved.funds.weight == "15"
    assert "预算执行率分值 15 是填报人所定，保留不变（新模板默认为 20）。" in notes
    from_hubei, notes = retemplate(typed_document(hubei), hubei, baoshan)
    assert from_hubei.funds.weight == "20" and not any("分值" in n for n in notes)


def test_a_template_that_does_not_score_funds_empties_only_the_default_weight(national) -> None:
    unscored = dataclasses.replace(national, id="unscored",
                                   funds=dataclasses.replace(national.funds, scored=False))
    doc = typed_document(national)
    moved, notes = retemplate(doc, national, unscored)
    assert moved.funds.weight == "" and "预算执行率分值由“10”改为“不计分”（新模板的默认值）。" in notes
    back, _ = retemplate(moved, unscored, national)
    assert back.funds.weight == "10"
    doc.funds.weight = "12"
    moved, notes = retemplate(doc, national, unscored)
    assert moved.funds.weight == "12" and "新模板不为预算执行率计分：分值 12 保留在文件中，但不计分。" in notes


def test_a_funds_row_without_a_place_is_kept_aside_and_comes_back(national) -> None:
    short = dataclasses.replace(national, id="short",
                                funds=dataclasses.replace(national.funds, rows=national.funds.rows[:2]))
    doc = typed_document(national)
    doc.funds.rows[3].initial = doc.funds.rows[3].budget = ""  # only 全年执行数 typed
    moved, notes = retemplate(doc, national, short)
    assert [r.key for r in moved.funds.rows] == ["total", "current"]
    parked = moved.funds.extra[PARKED_FUNDS_ROWS]
    assert [(p["key"], p["label"], p["budget"]) for p in parked] == [
        ("carryover", "上年结转资金", "202"), ("other", "其他资金", "")]
    assert "新模板没有资金行“上年结转资金”：其金额（年初预算数 102，全年预算数 202，全年执行数 152）" \
           "保留在文件中，但不显示，也不计入合计。" in notes
    assert "新模板没有资金行“其他资金”：其金额（全年执行数 153）保留在文件中，但不显示，也不计入合计。" in notes
    reopened = loads(dumps(moved))
    back, back_notes = retemplate(reopened, short, national)
    assert back.funds == doc.funds
    assert "先前保留的资金行“上年结转资金”的金额已放回“上年结转资金”行。" in back_notes


def test_an_empty_funds_row_without_a_place_leaves_nothing_behind(national) -> None:
    short = dataclasses.replace(national, id="short",
                                funds=dataclasses.replace(national.funds, rows=national.funds.rows[:2]))
    moved, notes = retemplate(new_document(national), national, short)
    assert PARKED_FUNDS_ROWS not in moved.funds.extra and not notes


def test_groups_the_table_lacks_are_added_empty_in_template_order(library, national) -> None:
    doc = new_document(national)
    doc.level1[1].groups = [doc.level1[1].groups[3], doc.level1[1].groups[0]]  # 可持续影响 before 经济效益
    doc.level1[1].groups[0].indicators[0].name = "1.长效机制"
    ids = all_ids(doc)
    moved, notes = retemplate(doc, national, library.get("hubei"))
    assert [g.name for g in moved.level1[1].groups] == [g.name for g in national.level1[1].groups]
    assert moved.level1[1].groups[3].indicators[0].name == "1.长效机制"
    assert ids <= all_ids(moved) and len(all_ids(moved)) == len(ids) + 4  # two groups, each with its blank row
    assert "新模板的二级指标“社会效益指标”、“生态效益指标”原表没有，已加上空行。" in notes
