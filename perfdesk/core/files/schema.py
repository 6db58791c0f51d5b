"""Document <-> plain JSON data, with a precise check of everything read.

The data classes in `document` are the schema: a `str` field is a JSON string,
a `list[X]` a JSON list of X objects, a nested data class a JSON object. A
field without a default is required; the others may be missing and take their
default. Keys this version does not know go into the object's `extra` dict and
are written back, so a file from a newer PerfDesk of the same format version
loses nothing.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import re
import typing
from typing import Any

from perfdesk.core.files.errors import DocumentFileError, file_label
from perfdesk.core.files.json_reader import OutOfRangeNumber
from perfdesk.core.model.document import (
    MAX_INDICATORS,
    Document,
    Funds,
    Goals,
    Level1,
    Project,
    Signature,
)
from perfdesk.core.model.ids import ensure_ids
from perfdesk.core.review.codec import read_review

#: Longest accepted text in any field (a whole report pasted in is far shorter).
MAX_STRING = 100_000
#: Most funds rows (a template has at most a handful).
MAX_FUNDS_ROWS = 100
#: Most 一级 indicators (a template has three or four).
MAX_LEVEL1 = 50
#: Most 二级 indicators over the whole table.
MAX_GROUPS = 1_000
#: Most 三级 indicators (`model.document.MAX_INDICATORS`); its export stays inside the
#: workbook limits of `safe_zip`, so it reopens.
#: Most review comments.
MAX_COMMENTS = 10_000
#: Most values inside unknown fields and the review, all together.
MAX_EXTRA_VALUES = 100_000
#: List field -> (limit, what the message calls its items); counted over the whole file.
_LIST_LIMITS = {
    "rows": (MAX_FUNDS_ROWS, "资金行"),
    "level1": (MAX_LEVEL1, "一级指标"),
    "groups": (MAX_GROUPS, "二级指标"),
    "indicators": (MAX_INDICATORS, "三级指标"),
    "comments": (MAX_COMMENTS, "审核批注"),
    "@values": (MAX_EXTRA_VALUES, "未知字段和审核意见中的值"),
}
#: Key of `Document.extra` holding unknown top-level keys of the file.
TOP_EXTRA = "@top"
#: Top-level keys of a file this version knows.
TOP_KNOWN = frozenset(
    {"format", "version", "kind", "template", "saved_by", "content_hash", "document", "review"}
)
#: Sections of the "document" object, all required.
SECTIONS: tuple[tuple[str, type], ...] = (
    ("project", Project),
    ("funds", Funds),
    ("goals", Goals),
    ("signature", Signature),
)

#: Keys of the "document" object this version knows; all but the last are required.
_BODY_KNOWN = (*(name for name, _ in SECTIONS), "level1", "published_total")

_LABELS = {
    "project": "项目信息", "funds": "项目资金", "goals": "年度总体目标", "signature": "签字栏",
    "level1": "一级指标", "groups": "二级指标", "indicators": "三级指标", "rows": "资金行",
    "name": "名称", "department": "主管部门", "implementer": "实施单位", "year": "年度",
    "leader": "项目负责人", "phone": "联系电话", "money_unit": "金额单位", "key": "行标识",
    "initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数",
    "weight": "分值", "manual_score": "人工评分", "manual_reason": "人工评分理由",
    "published_score": "原表得分", "expected": "预期目标", "achieved": "实际完成情况",
    "target": "年度指标值", "actual": "实际完成值", "reason": "偏差原因分析及改进措施",
    "quality_grade": "定性等级", "quality_score": "定性得分", "filler": "填报人",
    "reviewer": "审核人", "head": "单位负责人", "date": "填报日期", "finance": "财务负责人",
    "published_total": "原表总分", "review": "审核意见", "status": "审核状态",
    "comments": "审核批注", "template": "模板", "kind": "表格类型",
}
_SURROGATE = re.compile("[\ud800-\udfff]")


def _kind(value: Any) -> str:
    """What a JSON value is, in Chinese words (never Python's `None`/`True`)."""
    if isinstance(value, OutOfRangeNumber):
        return f"超出范围的数字 {value[:20]}"
    if isinstance(value, bool):
        return "真假值"
    if isinstance(value, (int, float)):
        return "数字"
    if value is None:
        return "空值"
    names: dict[type, str] = {str: "文字", list: "列表", dict: "对象"}
    return names.get(type(value), "无法识别的值")


def describe(value: Any) -> str:
    """`_kind`, with the figure itself for a number (`数字 0`), for a message about a wrong value."""
    if isinstance(value, (int, float)) and not isinstance(value, (bool, OutOfRangeNumber)):
        return f"数字 {str(value)[:20]}"
    return _kind(value)


def _shown(key: str) -> str:
    """A key as it appears in a JSON path of a message: cut short, lone surrogates as `\\udxxx`.

    The message must stay printable and encodable even when the key is not.
    """
    short = key if len(key) <= 40 else key[:40] + "…"
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", short)


class _Reader:
    """Builds data classes from parsed JSON, raising with the JSON path of a fault."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.counts = dict.fromkeys(_LIST_LIMITS, 0)

    def count(self, what: str, items: int, path: str) -> None:
        """Add `items` to the file's total of `what`, refusing past its limit (before building them)."""
        self.counts[what] += items
        limit, label = _LIST_LIMITS[what]
        if self.counts[what] > limit:
            raise DocumentFileError(
                f"{file_label(self.source)}中的{label}超过上限 {limit:,} 个（读到 {path} 时已有 "
                f"{self.counts[what]:,} 个），不像是 PerfDesk 保存的表格，或已损坏。",
                source=self.source,
                path=path,
            )

    def error(self, path: str, problem: str) -> DocumentFileError:
        last = re.split(r"[.\[]", path)[-1]
        label = f"（{_LABELS[last]}）" if last in _LABELS else ""
        return DocumentFileError(
            f"{file_label(self.source)}内容有误：{path}{label}{problem}。",
            source=self.source,
            path=path,
        )

    def text(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or isinstance(value, OutOfRangeNumber):
            raise self.error(path, f"应为文字，实际是{_kind(value)}")
        if len(value) > MAX_STRING:
            raise self.error(path, f"的文本长达 {len(value):,} 字，超过上限 {MAX_STRING:,} 字")
        if _SURROGATE.search(value):
            raise self.error(path, "含有无效的 Unicode 字符（不成对的代理项）")
        return value

    def mapping(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(path, f"应为对象 {{…}}，实际是{_kind(value)}")
        return value

    def sequence(self, value: Any, path: str, what: str = "") -> list[Any]:
        """A JSON list; with `what` (a key of `_LIST_LIMITS`) its items count towards that limit."""
        if not isinstance(value, list):
            raise self.error(path, f"应为列表 […]，实际是{_kind(value)}")
        if what:
            self.count(what, len(value), path)
        return value

    def key(self, key: str, parent: str) -> str:
        """The JSON path of `key` under `parent`, once the key itself is checked like any text."""
        where = f"{parent}.{_shown(key)}" if parent else _shown(key)
        self.text(key, f"{where}（字段名）")
        return where

    def plain(self, value: Any, path: str) -> Any:
        """Any JSON value kept as is (unknown fields, review); checks keys, strings and numbers."""
        self.count("@values", 1, path)
        if isinstance(value, dict):
            for key, item in value.items():
                self.plain(item, self.key(key, path))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.plain(item, f"{path}[{index}]")
        elif isinstance(value, OutOfRangeNumber):
            raise self.error(path, f"是{_kind(value)}，无法准确保存")
        elif isinstance(value, str):
            self.text(value, path)
        return value

    def record(self, cls: type, value: Any, path: str) -> Any:
        """One data class from a JSON object; unknown keys go to its `extra`.

        A path is only spelled out when something needs checking further: a
        well-formed text field costs one test (reading many files for a 汇总).
        """
        data = self.mapping(value, path)
        known = _known_fields(cls)
        kwargs: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, item in data.items():
            hint = known.get(key)
            if hint is str and _plain_text(item):
                kwargs[key] = item  # a known key is plain text already
                continue
            where = self.key(key, path)
            if hint is None:
                extra[key] = self.plain(item, where)
            elif hint is str:
                kwargs[key] = self.text(item, where)
            else:
                item_cls = typing.get_args(hint)[0]
                items = self.sequence(item, where, key)
                kwargs[key] = [self.record(item_cls, x, f"{where}[{i}]") for i, x in enumerate(items)]
        missing = [name for name in _required(cls) if name not in kwargs]
        if missing:
            raise self.error(f"{path}.{missing[0]}" if path else missing[0], "缺失（必填字段）")
        return cls(**kwargs, extra=extra)


def _plain_text(value: Any) -> bool:
    """Text `_Reader.text` would accept unchanged, tested without building its path."""
    return type(value) is str and len(value) <= MAX_STRING and (value.isascii() or not _SURROGATE.search(value))


@functools.cache
def _known_fields(cls: type) -> dict[str, Any]:
    """Field name -> type hint (`str` or `list[X]`), `extra` excluded."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls) if f.name != "extra"}


@functools.cache
def _required(cls: type) -> tuple[str, ...]:
    missing = dataclasses.MISSING
    return tuple(
        f.name
        for f in dataclasses.fields(cls)
        if f.default is missing and f.default_factory is missing and f.name != "extra"
    )


@functools.cache
def _field_names(cls: Any) -> tuple[str, ...]:  # a data class
    return tuple(f.name for f in dataclasses.fields(cls) if f.name != "extra")


def record_to_data(obj: Any) -> dict[str, Any]:
    """A data class as JSON data: its fields in declaration order, then its `extra`."""
    data: dict[str, Any] = {}
    for name in _field_names(obj.__class__):
        value = getattr(obj, name)
        data[name] = [record_to_data(v) for v in value] if isinstance(value, list) else value
    for key, value in obj.extra.items():
        data.setdefault(key, copy.deepcopy(value))
    return data


def content_to_data(doc: Document) -> dict[str, Any]:
    """What the table says: kind, template and the "document" object (no review)."""
    body: dict[str, Any] = {
        "project": record_to_data(doc.project),
        "funds": record_to_data(doc.funds),
        "goals": record_to_data(doc.goals),
        "level1": [record_to_data(l1) for l1 in doc.level1],
        "signature": record_to_data(doc.signature),
        "published_total": doc.published_total,
    }
    for key, value in doc.extra.items():
        if key != TOP_EXTRA:
            body.setdefault(key, copy.deepcopy(value))
    return {"kind": doc.kind, "template": doc.template_id, "document": body}


def top_extra_to_data(doc: Document) -> dict[str, Any]:
    """Unknown top-level keys read from the file, to write back."""
    return copy.deepcopy(doc.extra.get(TOP_EXTRA, {}))


def review_to_data(doc: Document) -> dict[str, Any]:
    """The review room as stored (empty until a supervisor writes in it)."""
    return copy.deepcopy(doc.review)


def data_to_document(data: dict[str, Any], source: str = "") -> Document:
    """Check and build a Document from a whole file's data (format/version already checked).

    Unknown top-level keys are kept in `Document.extra[TOP_EXTRA]`.
    """
    reader = _Reader(source)
    for key in ("kind", "template", "document"):
        if key not in data:
            raise reader.error(key, "缺失（必填字段）")
    kind = reader.text(data["kind"], "kind")
    template = reader.text(data["template"], "template")
    body = reader.mapping(data["document"], "document")
    for name in _BODY_KNOWN[:-1]:
        if name not in body:
            raise reader.error(name, "缺失（必填字段）")
    sections = {name: reader.record(cls, body[name], name) for name, cls in SECTIONS}
    rows = reader.sequence(body["level1"], "level1", "level1")
    level1 = [reader.record(Level1, x, f"level1[{i}]") for i, x in enumerate(rows)]
    _check_funds(reader, sections["funds"])
    extra = {k: reader.plain(v, reader.key(k, "")) for k, v in body.items() if k not in _BODY_KNOWN}
    if TOP_EXTRA in extra:
        raise reader.error(TOP_EXTRA, "是保留的字段名")
    for key in ("saved_by", "content_hash"):
        if key in data:
            reader.text(data[key], key)
    top = {k: reader.plain(v, reader.key(k, "")) for k, v in data.items() if k not in TOP_KNOWN}
    if top:
        extra[TOP_EXTRA] = top
    review = _review(reader, data.get("review", {}))
    read_review(review, source)  # the review's own bounds and shapes, refused like the rest of the file
    doc = Document(
        template_id=template,
        kind=kind,
        level1=level1,
        published_total=reader.text(body.get("published_total", ""), "published_total"),
        review=review,
        extra=extra,
        **sections,
    )
    ensure_ids(doc)  # files from before ids, or with ids repeated by hand-editing
    return doc


def _check_funds(reader: _Reader, funds: Funds) -> None:
    """The funds block keeps its invariant: a first (total) row and distinct row keys."""
    if not funds.rows:
        raise reader.error("funds.rows", "至少要有一行（年度资金总额）")
    seen: set[str] = set()
    for index, row in enumerate(funds.rows):
        if row.key in seen:
            raise reader.error(f"funds.rows[{index}].key", f"“{row.key}”与前面的行重复")
        seen.add(row.key)


def _review(reader: _Reader, value: Any) -> dict[str, Any]:
    review = reader.mapping(value, "review")
    if "status" in review:
        reader.text(review["status"], "review.status")
    for index, comment in enumerate(reader.sequence(review.get("comments", []), "review.comments", "comments")):
        reader.mapping(comment, f"review.comments[{index}]")
    return reader.plain(review, "review")
