"""The review room <-> typed records, read within bounds.

A review written by a newer or hostile program is refused with the same kind
of Chinese message as the rest of the file (what is wrong, at which JSON path)
when it is too big or of the wrong shape; unknown keys are kept. The caller
(`files.schema`) has already checked that every string is valid text.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any, TypeVar

from perfdesk.core.files.errors import DocumentFileError, file_label
from perfdesk.core.review.model import (
    Anchor,
    Comment,
    HistoryEntry,
    Reply,
    Returned,
    Review,
    Snapshot,
)

MAX_COMMENTS = 10_000  # as `files.schema.MAX_COMMENTS`, which counts them before this reads them
MAX_REPLIES = 200  # per comment
MAX_HISTORY = 1_000
MAX_SCORES = 20_000
MAX_TEXT = 5_000  # a comment, a reply, an answer
MAX_OPINION = 20_000
MAX_SHORT = 200  # names, dates, codes, keys

_LABELS = {
    "status": "审核状态", "opinion": "审核意见", "submission": "报送记录", "history": "审核历史",
    "comments": "审核批注", "replies": "回复", "returned": "退回时的表格", "text": "批注内容",
    "answer": "修改说明", "author": "批注人", "by": "经办人", "at": "时间", "code": "验证码",
    "anchor": "批注位置", "scores": "报送时得分", "action": "操作",
}
_T = TypeVar("_T")


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def error(self, path: str, problem: str) -> DocumentFileError:
        last = re.split(r"[.\[]", path)[-1]
        label = f"（{_LABELS[last]}）" if last in _LABELS else ""
        return DocumentFileError(f"{file_label(self.source)}内容有误：{path}{label}{problem}。",
                                 source=self.source, path=path)

    def mapping(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(path, "应为对象 {…}")
        return value

    def items(self, value: Any, path: str, limit: int, what: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.error(path, "应为列表 […]")
        if len(value) > limit:
            raise self.error(path, f"有 {len(value):,} 条{what}，超过上限 {limit:,} 条")
        return value

    def text(self, data: dict[str, Any], key: str, path: str, limit: int = MAX_SHORT, required: bool = False) -> str:
        where = f"{path}.{key if len(key) <= 40 else key[:40] + '…'}"  # a hostile key stays short in messages
        if key not in data:
            if required:
                raise self.error(where, "缺失（必填字段）")
            return ""
        value = data[key]
        if not isinstance(value, str):
            raise self.error(where, "应为文字")
        if len(value) > limit:
            raise self.error(where, f"长达 {len(value):,} 字，超过上限 {limit:,} 字")
        return value

    def flag(self, data: dict[str, Any], key: str, path: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            raise self.error(f"{path}.{key}", "应为 true 或 false")
        return value

    def listed(self, data: dict[str, Any], key: str, path: str, limit: int, what: str,
               build: Callable[[Any, str], _T]) -> list[_T]:
        raw = self.items(data.get(key, []), f"{path}.{key}", limit, what)
        return [build(item, f"{path}.{key}[{i}]") for i, item in enumerate(raw)]


def _extra(data: dict[str, Any], known: set[str]) -> dict[str, Any]:
    return {k: copy.deepcopy(v) for k, v in data.items() if k not in known}


def read_review(data: Any, source: str = "") -> Review:
    """The typed review of a file's `review` object; DocumentFileError when it is out of bounds."""
    r = _Reader(source)
    root = r.mapping(data, "review")
    review = Review(
        status=r.text(root, "status", "review"),
        opinion=r.text(root, "opinion", "review", MAX_OPINION),
        submission=_snapshot(r, root["submission"], "review.submission") if "submission" in root else None,
        returned=_returned(r, root["returned"], "review.returned") if "returned" in root else None,
        history=r.listed(root, "history", "review", MAX_HISTORY, "历史记录", lambda v, p: _history(r, v, p)),
        comments=r.listed(root, "comments", "review", MAX_COMMENTS, "批注", lambda v, p: _comment(r, v, p)),
        extra=_extra(root, {"status", "opinion", "submission", "returned", "history", "comments"}),
    )
    _give_comment_ids(review)
    return review


def _give_comment_ids(review: Review) -> None:
    """Comments written before ids (or with repeated ones) get a free `c1`, `c2` … so they can be edited."""
    taken = {c.id for c in review.comments}
    seen: set[str] = set()
    number = 0
    for comment in review.comments:
        if not comment.id or comment.id in seen:
            number += 1
            while f"c{number}" in taken:
                number += 1
            comment.id = f"c{number}"
            taken.add(comment.id)
        seen.add(comment.id)


def _snapshot(r: _Reader, value: Any, path: str) -> Snapshot:
    data = r.mapping(value, path)
    scores = r.mapping(data.get("scores", {}), f"{path}.scores")
    if len(scores) > MAX_SCORES:
        raise r.error(f"{path}.scores", f"有 {len(scores):,} 项，超过上限 {MAX_SCORES:,} 项")
    return Snapshot(
        by=r.text(data, "by", path), at=r.text(data, "at", path), code=r.text(data, "code", path),
        total=r.text(data, "total", path), grade=r.text(data, "grade", path),
        scores={key: r.text(scores, key, f"{path}.scores") for key in scores},
        extra=_extra(data, {"by", "at", "code", "total", "grade", "scores"}),
    )


def _returned(r: _Reader, value: Any, path: str) -> Returned:
    data = r.mapping(value, path)
    if "document" not in data:
        raise r.error(f"{path}.document", "缺失（必填字段）")
    # Shared, not copied (it is the largest part and read on every keystroke of a returned table):
    # nothing changes it in place, and `review_to_dict` writes a copy.
    document = r.mapping(data["document"], f"{path}.document")
    return Returned(code=r.text(data, "code", path), document=document, extra=_extra(data, {"code", "document"}))


def _history(r: _Reader, value: Any, path: str) -> HistoryEntry:
    data = r.mapping(value, path)
    return HistoryEntry(
        action=r.text(data, "action", path, required=True), by=r.text(data, "by", path),
        at=r.text(data, "at", path), code=r.text(data, "code", path),
        opinion=r.text(data, "opinion", path, MAX_OPINION),
        extra=_extra(data, {"action", "by", "at", "code", "opinion"}),
    )


def _comment(r: _Reader, value: Any, path: str) -> Comment:
    data = r.mapping(value, path)
    anchor = r.mapping(data.get("anchor", {}), f"{path}.anchor")
    where = f"{path}.anchor"
    return Comment(
        id=r.text(data, "id", path), author=r.text(data, "author", path), at=r.text(data, "at", path),
        anchor=Anchor(r.text(anchor, "section", where) or "table", r.text(anchor, "row", where),
                      r.text(anchor, "field", where)),
        text=r.text(data, "text", path, MAX_TEXT), label=r.text(data, "label", path, MAX_TEXT),
        replies=r.listed(data, "replies", path, MAX_REPLIES, "回复", lambda v, p: _reply(r, v, p)),
        resolved=r.flag(data, "resolved", path), fixed=r.flag(data, "fixed", path),
        answer=r.text(data, "answer", path, MAX_TEXT),
        extra=_extra(data, {"id", "author", "at", "anchor", "text", "label", "replies", "resolved", "fixed",
                            "answer"}),
    )


def _reply(r: _Reader, value: Any, path: str) -> Reply:
    data = r.mapping(value, path)
    return Reply(author=r.text(data, "author", path), at=r.text(data, "at", path),
                 text=r.text(data, "text", path, MAX_TEXT), extra=_extra(data, {"author", "at", "text"}))


def review_to_dict(review: Review) -> dict[str, Any]:
    """The review as the file stores it; empty parts are left out, unknown keys written back."""
    data: dict[str, Any] = {"status": review.status}
    if review.opinion:
        data["opinion"] = review.opinion
    if review.submission is not None:
        s = review.submission
        data["submission"] = {"by": s.by, "at": s.at, "code": s.code, "total": s.total, "grade": s.grade,
                              "scores": dict(s.scores), **copy.deepcopy(s.extra)}
    if review.returned is not None:
        data["returned"] = {"code": review.returned.code, "document": copy.deepcopy(review.returned.document),
                            **copy.deepcopy(review.returned.extra)}
    data["history"] = [{"action": h.action, "by": h.by, "at": h.at, "code": h.code, "opinion": h.opinion,
                        **copy.deepcopy(h.extra)} for h in review.history]
    data["comments"] = [_comment_data(c) for c in review.comments]
    for key, value in review.extra.items():
        data.setdefault(key, copy.deepcopy(value))
    return data


def _comment_data(c: Comment) -> dict[str, Any]:
    return {
        "id": c.id, "author": c.author, "at": c.at,
        "anchor": {"section": c.anchor.section, "row": c.anchor.row, "field": c.anchor.field},
        "label": c.label, "text": c.text,
        "replies": [{"author": x.author, "at": x.at, "text": x.text, **copy.deepcopy(x.extra)} for x in c.replies],
        "resolved": c.resolved, "fixed": c.fixed, "answer": c.answer, **copy.deepcopy(c.extra),
    }
