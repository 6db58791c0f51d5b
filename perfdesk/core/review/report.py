"""The review in words: what the 审核意见 page, the Excel sheet and `perfdesk review` show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from perfdesk.core.model.document import Document
from perfdesk.core.review.anchors import locate
from perfdesk.core.review.model import ACTION_NAMES, WHOLE_TABLE, Comment, Review, status_name


@dataclass(frozen=True)
class Line:
    """One line of the review in words."""

    kind: str  # "title" | "heading" | "text"
    text: str


def comment_place(doc: Document, comment: Comment) -> str:
    """Where a comment is now, or that its row was deleted (its label from when it was written kept)."""
    if comment.anchor.section == WHOLE_TABLE:
        return "整张表格"
    location = locate(doc, comment.anchor)
    if location is None:
        return f"（该行已删除）{comment.label}".rstrip()
    return location.label


def when(at: str) -> str:
    """`2024-01-20T09:30:00` as people write it: `2024-01-20 09:30`."""
    return at.replace("T", " ")[:16]


def comment_state(comment: Comment) -> str:
    parts = ["已解决" if comment.resolved else "未解决"]
    if comment.fixed:
        parts.append("单位已修改")
    return "，".join(parts)


def review_lines(doc: Document, review: Review) -> list[Line]:
    """Status, opinion, history and every comment with its cell, in reading order."""
    lines = [Line("title", "审核意见"), Line("text", f"项目：{doc.project.name.strip() or '未命名项目'}"),
             Line("text", f"审核状态：{status_name(review.status)}")]
    if review.submission is not None:
        s = review.submission
        lines.append(Line("text", f"报送：{s.by}，{when(s.at)}，验证码 {s.code}，总分 {s.total}（{s.grade}）"))
    if review.opinion:
        lines += [Line("heading", "审核意见"), Line("text", review.opinion)]
    if review.history:
        lines.append(Line("heading", "审核历史"))
        for h in review.history:
            opinion = f"：{h.opinion}" if h.opinion else ""
            lines.append(Line("text", f"{when(h.at)}  {h.by}  {ACTION_NAMES.get(h.action, h.action)}"
                                      f"（验证码 {h.code}）{opinion}"))
    if review.comments:
        lines.append(Line("heading", f"批注（{len(review.comments)} 条）"))
        for number, c in enumerate(review.comments, start=1):
            lines.append(Line("text", f"{number}. 【{comment_place(doc, c)}】{c.text}"
                                      f"（{c.author}，{when(c.at)}；{comment_state(c)}）"))
            if c.answer:
                lines.append(Line("text", f"　　单位说明：{c.answer}"))
            lines += [Line("text", f"　　回复 {r.author}（{when(r.at)}）：{r.text}") for r in c.replies]
    return lines


def review_json(doc: Document, review: Review) -> dict[str, Any]:
    """`perfdesk review --json`: status, history and comments (with where each is now)."""
    return {
        "status": review.status,
        "status_name": status_name(review.status),
        "opinion": review.opinion,
        "submission": None if review.submission is None else {
            "by": review.submission.by, "at": review.submission.at, "code": review.submission.code,
            "total": review.submission.total, "grade": review.submission.grade},
        "history": [{"action": h.action, "action_name": ACTION_NAMES.get(h.action, h.action), "by": h.by,
                     "at": h.at, "code": h.code, "opinion": h.opinion} for h in review.history],
        "comments": [{"id": c.id, "author": c.author, "at": c.at, "text": c.text, "place": comment_place(doc, c),
                      "deleted_row": c.anchor.section != WHOLE_TABLE and locate(doc, c.anchor) is None,
                      "anchor": {"section": c.anchor.section, "row": c.anchor.row, "field": c.anchor.field},
                      "resolved": c.resolved, "fixed": c.fixed, "answer": c.answer,
                      "replies": [{"author": r.author, "at": r.at, "text": r.text} for r in c.replies]}
                     for c in review.comments],
    }
