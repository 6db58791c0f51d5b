"""The review loop's steps: submit, withdraw, return, accept, start a new round, and comment.

Each step changes a `Review` in place and appends to its history; the caller
writes it back to `Document.review` (`codec.review_to_dict`), which leaves the
table's content, and so its verification code, untouched.
"""

from __future__ import annotations

from datetime import datetime

from perfdesk.core.files.fingerprint import verification_code
from perfdesk.core.model.document import Document
from perfdesk.core.model.results import Evaluation, format_decimal
from perfdesk.core.review.model import (
    Anchor,
    Comment,
    HistoryEntry,
    Reply,
    Returned,
    Review,
    Snapshot,
    status_name,
)

MAX_NAME = 50


class ReviewError(Exception):
    """A step that cannot be taken now, explained in Chinese."""


def now_text() -> str:
    """The current local time as the review stores it: `2024-01-20T09:30:00`."""
    return datetime.now().replace(microsecond=0).isoformat()


def _name(who: str) -> str:
    name = " ".join(who.split())
    if not name:
        raise ReviewError("请填写姓名：报送、审核和批注都要记下是谁做的。")
    if len(name) > MAX_NAME:
        raise ReviewError(f"姓名太长（{len(name)} 字），最多 {MAX_NAME} 字。")
    return name


def _text(text: str, what: str, limit: int) -> str:
    text = text.strip()
    if len(text) > limit:
        raise ReviewError(f"{what}太长（{len(text):,} 字），最多 {limit:,} 字。")
    return text


def scores_of(doc: Document, evaluation: Evaluation) -> dict[str, str]:
    """Every counted score by row id (groups and indicators) plus "funds": what a snapshot keeps."""
    scores: dict[str, str] = {}
    if evaluation.funds.counted:
        scores["funds"] = format_decimal(evaluation.funds.score)
    for result in evaluation.indicators:
        if result.counted:
            scores[doc.indicator_at(*result.path).id] = format_decimal(result.score)
    for group in evaluation.groups:
        scores[doc.group_at(*group.path).id] = format_decimal(group.score)
    return scores


def check_submittable(review: Review, evaluation: Evaluation) -> None:
    """Raise ReviewError saying why the table cannot be submitted now (errors, already submitted)."""
    if review.status == "submitted":
        raise ReviewError("这张表已经报送，正在等待审核。")
    if review.status == "accepted":
        raise ReviewError("这张表已审核通过；如需再次报送，请先“开始新一轮”。")
    if evaluation.errors:
        first = evaluation.errors[0].message
        raise ReviewError(f"表格还有 {len(evaluation.errors)} 处错误，不能报送。请先改正（见“问题”面板），"
                          f"第一处：{first}")


def submit(review: Review, doc: Document, evaluation: Evaluation, who: str, at: str) -> None:
    """报送: refused while the table has errors or is already submitted or accepted."""
    check_submittable(review, evaluation)
    by = _name(who)
    code = verification_code(doc)
    review.submission = Snapshot(by=by, at=at, code=code, total=format_decimal(evaluation.total),
                                 grade=evaluation.grade, scores=scores_of(doc, evaluation))
    review.status = "submitted"
    review.history.append(HistoryEntry("submit", by, at, code))


def withdraw(review: Review, doc: Document, who: str, at: str) -> None:
    """撤回报送 (the filler edits a submitted table): back to not submitted, the return kept."""
    if review.status != "submitted":
        raise ReviewError("这张表没有处于“已报送”状态，无需撤回。")
    review.status = "returned" if review.returned is not None else ""
    review.history.append(HistoryEntry("withdraw", _name(who), at, verification_code(doc)))


def _decide(review: Review, doc: Document, who: str, at: str, opinion: str, action: str) -> None:
    if review.status != "submitted":
        raise ReviewError(f"只有已报送的表格才能退回或审核通过（这张表现在是“{status_name(review.status)}”）。")
    by = _name(who)
    review.opinion = _text(opinion, "审核意见", 20_000)
    review.history.append(HistoryEntry(action, by, at, verification_code(doc), review.opinion))


def return_for_changes(review: Review, doc: Document, who: str, at: str, opinion: str) -> None:
    """退回修改: needs an opinion; keeps the table as returned, to show later what the unit changed."""
    if not opinion.strip():
        raise ReviewError("退回修改时请写明审核意见（要改什么）。")
    from perfdesk.core.files.schema import content_to_data  # the file schema: not at start-up

    _decide(review, doc, who, at, opinion, "return")
    review.status = "returned"
    review.returned = Returned(code=verification_code(doc), document=content_to_data(doc)["document"])


def accept(review: Review, doc: Document, who: str, at: str, opinion: str = "") -> None:
    """审核通过: the table is closed for editing until the filler starts a new round."""
    _decide(review, doc, who, at, opinion, "accept")
    review.status = "accepted"


def reopen(review: Review, doc: Document, who: str, at: str) -> None:
    """开始新一轮: an accepted table becomes editable again (history and comments kept)."""
    if review.status != "accepted":
        raise ReviewError("只有审核通过的表格才需要开始新一轮。")
    review.status = ""
    review.returned = None
    review.history.append(HistoryEntry("reopen", _name(who), at, verification_code(doc)))


# ---------------------------------------------------------------- comments

MAX_COMMENT = 5_000


def add_comment(review: Review, anchor: Anchor, label: str, who: str, at: str, text: str) -> Comment:
    body = _text(text, "批注", MAX_COMMENT)
    if not body:
        raise ReviewError("批注内容是空的。")
    taken = {c.id for c in review.comments}
    number = len(review.comments) + 1
    while f"c{number}" in taken:
        number += 1
    comment = Comment(id=f"c{number}", author=_name(who), at=at, anchor=anchor, text=body, label=label)
    review.comments.append(comment)
    return comment


def _own(review: Review, comment_id: str, who: str) -> Comment:
    comment = _find(review, comment_id)
    if comment.author != _name(who):
        raise ReviewError(f"这条批注是{comment.author}写的，只能由本人修改或删除。")
    return comment


def _find(review: Review, comment_id: str) -> Comment:
    comment = review.comment(comment_id)
    if comment is None:
        raise ReviewError("找不到这条批注（可能已被删除）。")
    return comment


def edit_comment(review: Review, comment_id: str, who: str, text: str) -> None:
    body = _text(text, "批注", MAX_COMMENT)
    if not body:
        raise ReviewError("批注内容是空的；要删除批注请用“删除”。")
    _own(review, comment_id, who).text = body


def delete_comment(review: Review, comment_id: str, who: str) -> None:
    review.comments.remove(_own(review, comment_id, who))


def reply(review: Review, comment_id: str, who: str, at: str, text: str) -> None:
    body = _text(text, "回复", MAX_COMMENT)
    if not body:
        raise ReviewError("回复内容是空的。")
    _find(review, comment_id).replies.append(Reply(_name(who), at, body))


def set_resolved(review: Review, comment_id: str, resolved: bool) -> None:
    _find(review, comment_id).resolved = resolved


def mark_fixed(review: Review, comment_id: str, answer: str, fixed: bool = True) -> None:
    """已修改: the filler's mark and short answer on a comment of a returned table."""
    comment = _find(review, comment_id)
    comment.fixed = fixed
    comment.answer = _text(answer, "修改说明", MAX_COMMENT) if fixed else ""
