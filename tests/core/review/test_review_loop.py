"""The review loop in the core: steps, bounds of the stored review, recheck, diff, verify."""

from __future__ import annotations

import copy
import json

import pytest

from perfdesk.core.files.fingerprint import verification_code
from perfdesk.core.files.storage import DocumentFileError, dumps, loads
from perfdesk.core.model import edits
from perfdesk.core.review import workflow as wf
from perfdesk.core.review.anchors import locate
from perfdesk.core.review.codec import MAX_COMMENTS, MAX_TEXT, read_review, review_to_dict
from perfdesk.core.review.diff import changes_since_return, diff_documents
from perfdesk.core.review.model import Anchor
from perfdesk.core.review.recheck import recheck
from perfdesk.core.review.report import review_json
from perfdesk.core.review.verify import matches, normalise_code, qr_text
from perfdesk.core.rules.analysis import analyse
from tests.core.review.review_docs import valid_document

T = "2024-01-20T09:30:00"


def _reopened(doc):
    return loads(dumps(doc), "t.pdesk")


def test_submit_return_resubmit_accept_keeps_the_code_and_the_history():
    doc, profile = valid_document()
    code = verification_code(doc)
    review = read_review(doc.review)
    wf.submit(review, doc, analyse(doc, profile), "张三", T)
    ind = doc.level1[0].groups[0].indicators[0]
    wf.add_comment(review, Anchor("indicator", ind.id, "actual"), "实际完成值", "李四", T, "请附里程表")
    wf.return_for_changes(review, doc, "李四", T, "请补充佐证")
    doc.review = review_to_dict(review)
    doc = _reopened(doc)
    assert verification_code(doc) == code  # the review never changes the printed code
    review = read_review(doc.review)
    assert review.status == "returned" and review.opinion == "请补充佐证"
    # The unit inserts a row above the commented one and changes the commented value.
    group = doc.level1[0].groups[0]
    edits.insert_indicator(doc, 0, 0, 0)
    group.indicators[1].actual = "13公里"
    comment = review.comments[0]
    place = locate(doc, comment.anchor)
    assert place is not None and place.path == (0, 0, 1)  # still on its row
    changes = changes_since_return(doc, review.returned)
    assert [(c.kind, c.old, c.new) for c in changes if c.kind == "changed"] == [("changed", "12公里", "13公里")]
    wf.mark_fixed(review, comment.id, "已改为 13 公里")
    wf.submit(review, doc, analyse(doc, profile), "张三", T)
    wf.accept(review, doc, "李四", T, "同意")
    assert [h.action for h in review.history] == ["submit", "return", "submit", "accept"]
    assert review.history[-1].code == verification_code(doc) != code
    assert review.locked
    with pytest.raises(wf.ReviewError, match="开始新一轮"):
        wf.submit(review, doc, analyse(doc, profile), "张三", T)
    wf.reopen(review, doc, "张三", T)
    assert review.status == "" and not review.locked


def test_submit_is_refused_while_the_table_has_errors():
    doc, profile = valid_document()
    doc.level1[0].groups[0].indicators[0].actual = "不知道"
    with pytest.raises(wf.ReviewError, match="错误，不能报送"):
        wf.submit(read_review({}), doc, analyse(doc, profile), "张三", T)


def test_return_needs_an_opinion_and_a_submitted_table():
    doc, profile = valid_document()
    review = read_review({})
    with pytest.raises(wf.ReviewError, match="未报送"):
        wf.accept(review, doc, "李四", T)
    wf.submit(review, doc, analyse(doc, profile), "张三", T)
    with pytest.raises(wf.ReviewError, match="审核意见"):
        wf.return_for_changes(review, doc, "李四", T, "  ")


def test_comments_edit_delete_only_own_and_keep_a_deleted_row():
    doc, _profile = valid_document()
    review = read_review({})
    ind = doc.level1[0].groups[0].indicators[0]
    c = wf.add_comment(review, Anchor("indicator", ind.id, "reason"), "原因", "李四", T, "原因太简单")
    with pytest.raises(wf.ReviewError, match="只能由本人"):
        wf.edit_comment(review, c.id, "王五", "x")
    wf.edit_comment(review, c.id, "李四", "原因太简单，请展开")
    wf.reply(review, c.id, "张三", T, "已展开")
    wf.set_resolved(review, c.id, True)
    edits.remove_indicator(doc, (0, 0, 0))
    doc.review = review_to_dict(review)
    data = review_json(doc, read_review(_reopened(doc).review))
    assert data["comments"][0]["deleted_row"] is True
    assert data["comments"][0]["place"].startswith("（该行已删除）原因")
    assert data["comments"][0]["replies"][0]["text"] == "已展开"
    wf.delete_comment(review, c.id, "李四")
    assert review.comments == []


def test_recheck_flags_a_file_changed_after_submission_and_changed_scores():
    doc, profile = valid_document()
    review = read_review({})
    wf.submit(review, doc, analyse(doc, profile), "张三", T)
    assert [f.severity for f in recheck(doc, analyse(doc, profile), review)] == ["ok"]
    doc.level1[0].groups[0].indicators[0].actual = "5公里"  # edited without withdrawing
    findings = recheck(doc, analyse(doc, profile), review)
    assert findings[0].severity == "error" and "报送后表格内容被改动过" in findings[0].message
    assert any("报送时得分" in f.message for f in findings)
    assert any("总分/等级" in f.message for f in findings)


def test_recheck_compares_claimed_scores():
    doc, profile = valid_document()
    doc.level1[0].groups[0].indicators[0].published_score = "1"
    messages = [f.message for f in recheck(doc, analyse(doc, profile), read_review({}))]
    assert any("原表得分 1" in m for m in messages)


@pytest.mark.parametrize("typed", ["ABCD-1234-EF56", "abcd1234ef56", "ＡＢＣＤ－１２３４－ＥＦ５６", " abcd 1234 ef56 ",
                                   "验证码：ABCD-1234-EF56"])
def test_a_printed_code_is_read_however_it_is_typed(typed):
    assert normalise_code(typed) == "ABCD-1234-EF56"


@pytest.mark.parametrize("typed", ["", "ABCD-1234-EF5", "ABCD-1234-EF567", "GHIJ-1234-EF56"])
def test_what_is_not_a_code_is_refused(typed):
    assert normalise_code(typed) is None


def test_verify_matches_the_content_only():
    doc, _profile = valid_document()
    code = verification_code(doc)
    doc.review = {"status": "accepted", "comments": []}
    assert matches(doc, code.lower().replace("-", ""))
    doc.project.name += "（改）"
    assert not matches(doc, code)
    with pytest.raises(ValueError, match="不是有效的验证码"):
        matches(doc, "123")


def test_qr_text_holds_code_project_total_and_grade():
    text = qr_text("ABCD-1234-EF56", "农村\n道路", "95", "优")
    assert text.splitlines() == ["PerfDesk 验证码：ABCD-1234-EF56", "项目：农村 道路", "总分：95", "等级：优"]


def test_diff_matches_rows_by_id_and_reports_added_and_removed_rows():
    doc, _profile = valid_document()
    new = copy.deepcopy(doc)
    edits.move_indicator(new, (0, 0, 0), 0)
    edits.insert_indicator(new, 0, 1, 0)
    new.level1[0].groups[1].indicators[0].name = "新增指标"
    edits.remove_indicator(new, (1, 0, 0))
    kinds = {(c.kind, c.label.split(" › ")[-1]) for c in diff_documents(doc, new)}
    assert ("added", "三级指标") in kinds
    assert ("removed", "实际完成值") in kinds
    assert not any(k == "changed" for k, _ in kinds)


# ---------------------------------------------------------------- bad input


def _file_with_review(review) -> str:
    doc, _profile = valid_document()
    data = json.loads(dumps(doc))
    data["review"] = review
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(("review", "message"), [
    ({"comments": [{"text": "x" * (MAX_TEXT + 1)}]}, "review.comments[0].text（批注内容）长达"),
    ({"comments": [{}] * (MAX_COMMENTS + 1)}, "超过上限 10,000"),
    ({"history": [{"action": "submit"}] * 1001}, "条历史记录，超过上限"),
    ({"history": [{"by": "x"}]}, "review.history[0].action（操作）缺失"),
    ({"comments": [{"resolved": "yes"}]}, "应为 true 或 false"),
    ({"comments": [{"replies": {}}]}, "review.comments[0].replies（回复）应为列表"),
    ({"submission": {"scores": {"a": 1}}}, "review.submission.scores.a应为文字"),
    ({"returned": {"code": "x"}}, "review.returned.document缺失"),
    ({"status": "submitted", "opinion": 5}, "review.opinion（审核意见）应为文字"),
    ({"submission": {"scores": {"k" * 5000: 1}}}, "review.submission.scores." + "k" * 40 + "…应为文字"),
    ({"comments": [{"anchor": []}]}, "review.comments[0].anchor（批注位置）应为对象"),
])
def test_a_hostile_review_is_refused_with_the_file_and_the_place(review, message):
    with pytest.raises(DocumentFileError) as caught:
        loads(_file_with_review(review), "坏.pdesk")
    assert caught.value.message.startswith("文件“坏.pdesk”")
    assert message in caught.value.message


def test_the_review_reader_and_the_file_reader_allow_as_many_comments():
    from perfdesk.core.files import schema

    assert MAX_COMMENTS == schema.MAX_COMMENTS


def test_a_damaged_returned_copy_is_reported_not_crashed():
    doc, _profile = valid_document()
    review = read_review({"status": "returned", "returned": {"code": "x", "document": {"project": {}}}})
    with pytest.raises(DocumentFileError, match="退回时的表格”已损坏"):
        changes_since_return(doc, review.returned)


def test_comments_without_ids_get_free_ones():
    typed = read_review({"comments": [{"text": "a"}, {"id": "c1", "text": "b"}, {"id": "c1", "text": "c"}]})
    assert [c.id for c in typed.comments] == ["c2", "c1", "c3"]


def test_an_older_review_and_a_newer_programs_keys_survive():
    review = {"status": "reviewing-2", "comments": [{"author": "李四", "path": "level1[0]", "text": "旧批注"}],
              "future": {"x": 1}}
    doc = loads(_file_with_review(review), "t.pdesk")
    typed = read_review(doc.review)
    assert typed.status == "reviewing-2" and typed.comments[0].id == "c1"
    again = review_to_dict(typed)
    assert again["future"] == {"x": 1} and again["comments"][0]["path"] == "level1[0]"
