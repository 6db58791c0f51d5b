"""Reopening exported workbooks: the embedded document comes back whole; anything else is refused clearly."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfdesk.core.export.xlsx import export_xlsx
from perfdesk.core.files import storage
from perfdesk.core.files.embedding import DATA_SHEET
from perfdesk.core.files.opening import open_document
from perfdesk.core.files.storage import DocumentFileError
from perfdesk.core.files.xlsx_import import NOT_PERFDESK, read_document_from_workbook
from tests.core.xlsx_samples import generated_document, worked_example


def _roundtrip(doc, profile, tmp_path: Path):
    path = tmp_path / "table.xlsx"
    export_xlsx(doc, profile, path)
    return read_document_from_workbook(path)


def test_worked_example_reopens_without_loss(county, tmp_path):
    doc = worked_example(county)
    assert storage.document_to_data(_roundtrip(doc, county, tmp_path)) == storage.document_to_data(doc)


def test_awkward_text_reopens_without_loss(national, tmp_path):
    doc = generated_document(national, 12)
    ind = doc.level1[0].groups[0].indicators[0]
    ind.name = "=1+1"
    ind.reason = " 前后空格 \n第二行\t制表 _x0041_ \u3000 \"引号\" \\反斜杠 😀 "
    ind.extra = {"newer_field": [1, "二"]}
    doc.review = {"status": "退回", "comments": [{"text": "@SUM(A1)", "cell": "=A1"}]}
    doc.project.name = "+A1"
    assert storage.document_to_data(_roundtrip(doc, national, tmp_path)) == storage.document_to_data(doc)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=40), reason=st.text(max_size=200), target=st.text(max_size=12))
def test_any_typed_text_reopens_without_loss(name, reason, target, national, tmp_path):
    doc = generated_document(national, 3)
    ind = doc.level1[0].groups[0].indicators[0]
    ind.name, ind.reason, ind.target = name, reason, target
    doc.goals.achieved = reason
    assert storage.document_to_data(_roundtrip(doc, national, tmp_path)) == storage.document_to_data(doc)


def test_large_document_reopens_from_many_chunks(national, tmp_path):
    doc = generated_document(national, 200)
    for _, _, _, ind in doc.iter_indicators():
        ind.reason = "说明" * 300
    assert storage.document_to_data(_roundtrip(doc, national, tmp_path)) == storage.document_to_data(doc)


def test_storage_opens_exported_workbooks(county, tmp_path):
    doc = worked_example(county)
    path = tmp_path / "table.xlsx"
    export_xlsx(doc, county, path)
    assert storage.document_to_data(open_document(path)) == storage.document_to_data(doc)


def test_hand_made_workbook_is_refused(tmp_path):
    path = tmp_path / "hand.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "2022年度项目支出绩效自评表"
    book.save(path)
    with pytest.raises(DocumentFileError) as err:
        read_document_from_workbook(path)
    assert str(err.value) == f"文件“hand.xlsx”：{NOT_PERFDESK}"


def _with_data_sheet(tmp_path: Path, cells: list[str]) -> Path:
    path = tmp_path / "forged.xlsx"
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    book.add_worksheet("绩效自评表")
    sheet = book.add_worksheet(DATA_SHEET)
    for i, text in enumerate(cells):
        sheet.write_string(i, 0, text)
    book.close()
    return path


def _marker(**kw) -> str:
    return json.dumps({"format": "perfdesk-xlsx", "version": 1, "template": "national-2020", "chunks": 1, **kw})


@pytest.mark.parametrize(
    "cells, expected",
    [
        (["随便写的"], NOT_PERFDESK),
        ([_marker(format="other")], NOT_PERFDESK),
        ([_marker(version=99), "{}"], "版本（99）比本程序新"),
        ([_marker(version=None), "{}"], "版本号无效"),
        ([_marker(version="2"), "{}"], "版本号无效"),
        ([_marker(chunks=10**6)], "超过上限"),
        (['{"format": "perfdesk-xlsx", "chunks": ' + "9" * 5000 + "}"], NOT_PERFDESK),
        ([_marker(chunks=0)], "段数无效"),
        ([_marker(chunks=3), "{"], "应有 3 段，只找到 1 段"),
    ],
)
def test_damaged_data_sheet_is_explained(cells, expected, tmp_path):
    with pytest.raises(DocumentFileError) as err:
        read_document_from_workbook(_with_data_sheet(tmp_path, cells))
    assert expected in str(err.value)


def test_damaged_document_text_is_reported_by_storage(tmp_path):
    with pytest.raises(DocumentFileError):
        read_document_from_workbook(_with_data_sheet(tmp_path, [_marker(), '{"format": "perfdesk"']))


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(DocumentFileError) as err:
        read_document_from_workbook(path)
    assert "fake.xlsx" in str(err.value)
