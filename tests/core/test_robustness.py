"""Attacks on the promise "bad input never crashes and never loses data" (core side).

Each test here once failed: a file that loaded but could not be saved, an
export that crashed on a path it could not write or cut the previous export in
half. The CLI side is in tests/test_cli.py.
"""

from __future__ import annotations

import json

import pytest

from perfdesk.core import export_xlsx as export_xlsx_module
from perfdesk.core import storage
from perfdesk.core.export_pdf import export_pdf
from perfdesk.core.export_xlsx import export_xlsx
from perfdesk.core.storage import DocumentFileError, loads
from tests.core.file_samples import filled_document


def _text_with(where: str, key_escape: str) -> str:
    """A saved file with an extra key written as a raw JSON escape at `where` (top or document)."""
    data = json.loads(storage.dumps(filled_document()))
    marker = "__key__"
    if where == "top":
        data[marker] = 1
    else:
        data["document"][marker] = 1
    return json.dumps(data, ensure_ascii=False).replace(f'"{marker}"', f'"{key_escape}"')


@pytest.mark.parametrize("where", ["top", "document"])
@pytest.mark.parametrize("escape", ["\\ud800", "\\udc00x"])
def test_unknown_key_with_a_lone_surrogate_is_refused_not_kept_unsavable(where, escape):
    with pytest.raises(DocumentFileError, match="不成对的代理项") as info:
        loads(_text_with(where, escape), "表.pdesk")
    info.value.message.encode("utf-8")  # the message itself can be printed and logged


def test_duplicate_surrogate_key_message_is_encodable():
    with pytest.raises(DocumentFileError, match="出现了两次") as info:
        loads('{"\\ud800": 1, "\\ud800": 2}', "表.pdesk")
    assert "\\ud800" in info.value.message.encode("utf-8").decode("utf-8")


EXPORTERS = [pytest.param(export_xlsx, "xlsx", id="xlsx"), pytest.param(export_pdf, "pdf", id="pdf")]


@pytest.mark.parametrize("export, suffix", EXPORTERS)
@pytest.mark.parametrize("place, words", [
    ("missing/t", "不存在"),
    ("a-file/t", "不是文件夹"),
    ("folder", "是一个文件夹"),
])
def test_export_to_unwritable_place_says_why(tmp_path, national, export, suffix, place, words):
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "folder").mkdir()
    target = tmp_path / (place if place == "folder" else f"{place}.{suffix}")
    with pytest.raises(DocumentFileError, match=words):
        export(filled_document(), national, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "folder"]  # no temp left behind


def test_failed_excel_export_keeps_the_previous_export(tmp_path, national, monkeypatch):
    target = tmp_path / "t.xlsx"
    export_xlsx(filled_document(), national, target)
    before = target.read_bytes()

    def broken(book, doc):
        raise RuntimeError("interrupted")

    monkeypatch.setattr(export_xlsx_module, "_embed_document", broken)
    with pytest.raises(RuntimeError):
        export_xlsx(filled_document(), national, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]


def test_excel_round_trip_keeps_characters_xml_cannot_hold(tmp_path, national):
    doc = filled_document()
    doc.project.name = "项目\ufffe\uffff_x0041_\x00\x1b"
    doc.level1[0].groups[0].indicators[0].reason = "\ufffe" * 3 + "说明"
    target = tmp_path / "t.xlsx"
    export_xlsx(doc, national, target)
    assert storage.load_document(target) == doc


def test_results_are_found_by_path_after_the_lists_change(national):
    from perfdesk.core.analysis import analyse

    ev = analyse(filled_document(), national)
    first = ev.indicators[0]
    assert ev.indicator(first.path) is first and ev.indicator(list(first.path)) is first
    assert ev.group(ev.groups[0].path) is ev.groups[0]
    assert ev.indicator((99, 0, 0)) is None
    ev.indicators = ev.indicators[1:]
    assert ev.indicator(first.path) is None
