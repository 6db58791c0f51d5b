"""`perfdesk review`, `verify`, `diff` and `export --with-review` as a user runs them."""

from __future__ import annotations

import json

import openpyxl
import pytest
from pypdf import PdfReader

from perfdesk.core.files.fingerprint import verification_code
from perfdesk.core.files.storage import save_document
from perfdesk.core.review import workflow as wf
from perfdesk.core.review.codec import read_review, review_to_dict
from perfdesk.core.review.model import Anchor
from perfdesk.core.rules.analysis import analyse
from tests.core.review.review_docs import valid_document
from tests.test_cli import perfdesk

T = "2024-01-20T09:30:00"


@pytest.fixture
def returned(tmp_path):
    """A submitted table returned with a cell comment and a formula-looking one on the whole table."""
    doc, profile = valid_document()
    review = read_review({})
    wf.submit(review, doc, analyse(doc, profile), "张三", T)
    ind = doc.level1[0].groups[0].indicators[0]
    wf.add_comment(review, Anchor("indicator", ind.id, "actual"), "实际完成值", "李四", T, "请附里程表")
    wf.add_comment(review, Anchor(), "", "李四", T, '=HYPERLINK("http://evil","点我")')
    wf.return_for_changes(review, doc, "李四", T, "请补充佐证")
    doc.review = review_to_dict(review)
    path = tmp_path / "退回.pdesk"
    save_document(doc, path)
    return path, doc


def test_review_json_has_status_history_and_comments(returned):
    path, _doc = returned
    out = perfdesk("review", str(path), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["status"] == "returned"
    assert [h["action"] for h in data["history"]] == ["submit", "return"]
    assert data["comments"][0]["place"].endswith("实际完成值") and data["comments"][0]["text"] == "请附里程表"


def test_review_text_names_the_status_and_the_opinion(returned):
    out = perfdesk("review", str(returned[0]))
    assert out.returncode == 0
    assert "审核状态：已退回修改" in out.stdout and "请补充佐证" in out.stdout


def test_verify_accepts_the_code_however_typed_and_refuses_another(returned):
    path, doc = returned
    code = verification_code(doc)
    fullwidth = code.lower().translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789abcdef-"})
    for typed in (code, code.replace("-", "").lower(), fullwidth):
        out = perfdesk("verify", str(path), typed)
        assert out.returncode == 0, (typed, out.stdout, out.stderr)
        assert "一致" in out.stdout
    other = "0000-0000-0000" if code != "0000-0000-0000" else "1111-1111-1111"
    out = perfdesk("verify", str(path), other)
    assert out.returncode == 1 and "不一致" in out.stdout


@pytest.mark.parametrize("content", [b"", b"not json", b'{"format": "perfdesk", "version": 99}'])
def test_verify_and_review_and_diff_refuse_an_unreadable_file(tmp_path, returned, content):
    bad = tmp_path / "坏.pdesk"
    bad.write_bytes(content)
    for args in (("verify", str(bad), "ABCD-1234-EF56"), ("review", str(bad)), ("diff", str(returned[0]), str(bad))):
        out = perfdesk(*args)
        assert out.returncode == 2, args
        assert "坏.pdesk" in out.stderr and "Traceback" not in out.stderr


def test_verify_refuses_a_malformed_code(returned):
    out = perfdesk("verify", str(returned[0]), "12-34")
    assert out.returncode == 2 and "不是有效的验证码" in out.stderr


def test_diff_lists_the_changed_cell_and_exits_1(returned, tmp_path):
    path, doc = returned
    doc.level1[0].groups[0].indicators[0].actual = "13公里"
    changed = tmp_path / "改后.pdesk"
    save_document(doc, changed)
    out = perfdesk("diff", str(path), str(changed), "--json")
    assert out.returncode == 1
    changes = json.loads(out.stdout)["changes"]
    assert [(c["kind"], c["old"], c["new"]) for c in changes] == [("changed", "12公里", "13公里")]
    same = perfdesk("diff", str(path), str(path))
    assert same.returncode == 0 and "内容相同" in same.stdout


def test_export_with_review_adds_the_page_the_sheet_and_cell_comments(returned, tmp_path):
    path, _doc = returned
    xlsx, pdf = tmp_path / "a.xlsx", tmp_path / "a.pdf"
    out = perfdesk("export", str(path), "--xlsx", str(xlsx), "--pdf", str(pdf), "--with-review")
    assert out.returncode == 0, out.stderr
    book = openpyxl.load_workbook(xlsx)
    sheet = book["审核意见"]
    texts = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert "审核状态：已退回修改" in texts
    formula_like = next(c for row in sheet.iter_rows() for c in row if "HYPERLINK" in str(c.value))
    assert formula_like.data_type == "s"  # a comment never runs as a formula
    notes = [c.comment.text for row in book.worksheets[0].iter_rows() for c in row if c.comment]
    assert len(notes) == 1 and "请附里程表" in notes[0]
    last = PdfReader(pdf).pages[-1].extract_text()
    assert "审核意见" in last and "请附里程表" in last


def test_a_units_own_printout_shows_no_review(returned, tmp_path):
    path, _doc = returned
    xlsx, pdf = tmp_path / "a.xlsx", tmp_path / "a.pdf"
    assert perfdesk("export", str(path), "--xlsx", str(xlsx), "--pdf", str(pdf)).returncode == 0
    book = openpyxl.load_workbook(xlsx)
    assert "审核意见" not in book.sheetnames
    assert not [c for row in book.worksheets[0].iter_rows() for c in row if c.comment]
    assert all("请附里程表" not in page.extract_text() for page in PdfReader(pdf).pages)
