"""Every field of the document declared once: its Chinese label, what it holds, whether it is required.

Validation (required fields, how messages name a field), the table layout
(labels and column titles), edits (which fields are values), the file schema
(how its messages name a key) and the project-info dialog read this registry,
so a new field is one line here plus its slot in `model.document`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Holds(str, Enum):
    VALUE = "value"  # a number or a value the rules read: inner spaces are dropped when typed
    TEXT = "text"  # a name or a short text
    PROSE = "prose"  # long free text over several lines


@dataclass(frozen=True)
class FieldDef:
    """One editable field: where it lives, how the table names it, what it holds."""

    section: str  # "project" | "funds" | "goals" | "indicator" | "group" | "signature"
    name: str  # attribute of the record in `model.document`
    label: str  # how the table and the messages name it
    holds: Holds = Holds.TEXT
    required: str = ""  # "" optional, "error" or "warning": the severity when left empty


_V, _T, _P = Holds.VALUE, Holds.TEXT, Holds.PROSE

FIELDS: tuple[FieldDef, ...] = (
    FieldDef("project", "name", "项目名称", required="error"),
    FieldDef("project", "department", "主管部门", required="warning"),
    FieldDef("project", "implementer", "实施单位", required="error"),
    FieldDef("project", "year", "年度", required="error"),
    FieldDef("project", "leader", "项目负责人"),
    FieldDef("project", "phone", "联系电话"),
    FieldDef("project", "money_unit", "金额单位"),
    FieldDef("funds", "initial", "年初预算数", _V),
    FieldDef("funds", "budget", "全年预算数", _V),
    FieldDef("funds", "executed", "全年执行数", _V),
    FieldDef("funds", "weight", "分值", _V),
    FieldDef("funds", "manual_score", "人工评分", _V),
    FieldDef("funds", "manual_reason", "人工评分理由", _P),
    FieldDef("funds", "published_score", "原表得分", _V),
    FieldDef("goals", "expected", "预期目标", _P),
    FieldDef("goals", "achieved", "实际完成情况", _P),
    FieldDef("indicator", "name", "三级指标"),
    FieldDef("indicator", "target", "年度指标值", _V),
    FieldDef("indicator", "actual", "实际完成值", _V),
    FieldDef("indicator", "weight", "分值", _V),
    FieldDef("indicator", "reason", "偏差原因分析及改进措施", _P),
    FieldDef("indicator", "manual_score", "人工评分", _V),
    FieldDef("indicator", "manual_reason", "人工评分理由", _P),
    FieldDef("indicator", "quality_grade", "完成档次"),
    FieldDef("indicator", "quality_score", "档次得分", _V),
    FieldDef("indicator", "published_score", "原表得分", _V),
    FieldDef("group", "name", "二级指标"),
    FieldDef("group", "weight", "整组分值", _V),
    FieldDef("group", "manual_score", "人工评分", _V),
    FieldDef("group", "manual_reason", "人工评分理由", _P),
    FieldDef("group", "published_score", "原表得分", _V),
    FieldDef("signature", "filler", "填报人", required="warning"),
    FieldDef("signature", "phone", "联系电话"),
    FieldDef("signature", "reviewer", "审核人"),
    FieldDef("signature", "head", "单位负责人"),
    FieldDef("signature", "date", "填报日期", required="warning"),
    FieldDef("signature", "leader", "项目负责人"),
    FieldDef("signature", "finance", "财务负责人"),
)

_BY_KEY = {(f.section, f.name): f for f in FIELDS}

#: Field names holding values in any section (edits drop inner spaces from them).
VALUE_FIELDS = frozenset(f.name for f in FIELDS if f.holds is Holds.VALUE)


def field_def(section: str, name: str) -> FieldDef:
    """The declaration of `section.name`; KeyError for a field the document does not have."""
    return _BY_KEY[(section, name)]


def label(section: str, name: str) -> str:
    return _BY_KEY[(section, name)].label


def required_fields() -> tuple[FieldDef, ...]:
    """Fields that must be filled, in table order."""
    return tuple(f for f in FIELDS if f.required)
