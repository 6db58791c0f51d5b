"""Attacks on the promise "bad input never crashes and never loses data" (core side).

Each test here once failed: a file that loaded but could not be saved, an
export that crashed on a path it could not write or cut the previous export in
half. The CLI side is in tests/test_cli.py.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfdesk.core.export import xlsx as export_xlsx_module
from perfdesk.core.export.pdf import export_pdf
from perfdesk.core.export.xlsx import export_xlsx
from perfdesk.core.files import storage
from perfdesk.core.files.opening import open_document
from perfdesk.core.files.storage import DocumentFileError, loads
from perfdesk.core.rules.profile import TemplateLibrary
from tests.core.file_samples import SharingViolation, filled_document


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
    assert open_document(target) == doc


def test_results_are_found_by_path_after_the_lists_change(national):
    from perfdesk.core.rules.analysis import analyse

    ev = analyse(filled_document(), national)
    first = ev.indicators[0]
    assert ev.indicator(first.path) is first and ev.indicator(list(first.path)) is first
    assert ev.group(ev.groups[0].path) is ev.groups[0]
    assert ev.indicator((99, 0, 0)) is None
    ev.indicators = ev.indicators[1:]
    assert ev.indicator(first.path) is None


# ---------------------------------------------------------------- random documents built by edits

TRICKY = ["", "　", "1e400", "NaN", "-5", "１０", "Infinity", "9" * 400, "0", "-0", "1_000", "10%", "≥98%",
          "≤0.2%", "=0", "1:10至1:15", "80%-90%", "2023年12月", "达标", "较高", "≥上年值", "$\\geq 70\\%$",
          "=1+1", "_x0041_", "\ufffe\uffff", "\x00\x07\x1b", "😀𠀀𪚥", "a\nb\r\nc", "<b>&amp;", "38000000"]
_text = st.one_of(
    st.sampled_from(TRICKY),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=60),
    st.builds(lambda s, n: s * n, st.sampled_from(["原因", "x", "𠀀"]), st.integers(1, 3000)),
)
_PROJECT = ["name", "department", "implementer", "year", "leader", "phone", "money_unit"]
_FUNDS = ["weight", "manual_score", "manual_reason", "published_score"]
_ROW = ["initial", "budget", "executed"]
_GROUP = ["name", "weight", "manual_score", "manual_reason"]
_INDICATOR = ["name", "target", "actual", "weight", "reason", "manual_score", "manual_reason", "quality_grade",
              "quality_score"]
_ops = st.lists(st.tuples(st.integers(0, 7), st.integers(0, 10**6), st.integers(0, 10**6), _text), max_size=25)


def _apply_edit(doc, kind: int, a: int, b: int, text: str) -> None:
    """One user edit through `perfdesk.core.model.edits`, aimed by two free integers."""
    from perfdesk.core.model import edits
    from perfdesk.core.model.results import Location

    groups = [(i1, i2) for i1, l1 in enumerate(doc.level1) for i2, _ in enumerate(l1.groups)]
    rows = [path for path, *_ in doc.iter_indicators()]
    if kind == 0:
        edits.set_field(doc, Location("project", (), _PROJECT[a % len(_PROJECT)]), text)
    elif kind == 1:
        where = ("funds", (), _FUNDS[a % len(_FUNDS)]) if b % 2 else ("funds", (b % len(doc.funds.rows),), _ROW[a % 3])
        edits.set_field(doc, Location(*where), edits.normalise_text(text, where[2]))
    elif kind == 2 and groups:
        edits.set_field(doc, Location("group", groups[b % len(groups)], _GROUP[a % len(_GROUP)]), text)
    elif kind == 3 and rows:
        name = _INDICATOR[a % len(_INDICATOR)]
        edits.set_field(doc, Location("indicator", rows[b % len(rows)], name), edits.normalise_text(text, name))
    elif kind == 4 and groups:
        i1, i2 = groups[b % len(groups)]
        edits.insert_indicator(doc, i1, i2, a)
    elif kind == 5 and rows:
        edits.remove_indicator(doc, rows[b % len(rows)])
    elif kind == 6 and rows:
        edits.move_indicator(doc, rows[b % len(rows)], a % 3 - 1)
    elif kind == 7 and groups:
        edits.toggle_group_weight(doc, *groups[b % len(groups)])


@settings(max_examples=int(os.environ.get("PERFDESK_FUZZ_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(template=st.sampled_from([profile.id for profile in TemplateLibrary()]), ops=_ops)
def test_any_edited_document_scores_exports_and_round_trips(library, template, ops):
    from perfdesk.core.export.pdf import render_pdf
    from perfdesk.core.export.xlsx import render_xlsx
    from perfdesk.core.layout.table import build_layout
    from perfdesk.core.model.factory import new_document
    from perfdesk.core.rules.analysis import analyse

    profile = library.get(template)
    doc = new_document(profile, year="2023")
    for op in ops:
        _apply_edit(doc, *op)
    build_layout(doc, profile, analyse(doc, profile))
    assert loads(storage.dumps(doc)) == doc
    assert render_pdf(doc, profile).startswith(b"%PDF")
    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "t.xlsx"
        book.write_bytes(render_xlsx(doc, profile))
        assert open_document(book) == doc


def test_folder_named_like_a_workbook(tmp_path):
    folder = tmp_path / "表.xlsx"
    folder.mkdir()
    with pytest.raises(DocumentFileError, match="是文件夹"):
        open_document(folder)


@pytest.mark.parametrize("export, suffix", EXPORTERS)
def test_export_over_a_file_open_in_excel_keeps_it(tmp_path, national, monkeypatch, export, suffix):
    """Windows refuses to replace a file another program holds open (sharing violation 32)."""
    target = tmp_path / f"t.{suffix}"
    target.write_bytes(b"old export")

    def held_open(src, dst):
        raise SharingViolation(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", held_open)
    with pytest.raises(DocumentFileError, match="占用"):
        export(filled_document(), national, target)
    assert target.read_bytes() == b"old export" and [p.name for p in tmp_path.iterdir()] == [target.name]


def test_table_longer_than_a_worksheet_is_refused_not_cut(tmp_path, national, monkeypatch):
    monkeypatch.setattr(export_xlsx_module, "EXCEL_ROWS", 20)  # the real limit, 1,048,576 rows, is slow to reach
    target = tmp_path / "t.xlsx"
    with pytest.raises(DocumentFileError, match="超过 Excel 的上限 20 行"):
        export_xlsx(filled_document(), national, target)
    assert not target.exists()


# ---------------------------------------------------------------- files with a value of the wrong kind anywhere

_json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=False, allow_infinity=False),
              st.sampled_from(TRICKY), st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["key", "name", "x"]), inner,
                                                                         max_size=3)),
    max_leaves=8,
)


def _places(data):
    """Every (container, key) in parsed JSON data, the root's keys included."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield data, key
        yield from _places(value)


@settings(max_examples=int(os.environ.get("PERFDESK_FUZZ_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(changes=st.lists(st.tuples(st.integers(0, 10**6), st.booleans(), _json_value), min_size=1, max_size=4))
def test_wrong_kind_of_value_anywhere_is_refused_or_handled(library, changes):
    data = json.loads(storage.dumps(filled_document()))
    for where, delete, value in changes:
        places = list(_places(data))
        if not places:
            break
        container, key = places[where % len(places)]
        if delete:
            del container[key]
        else:
            container[key] = value
    try:
        doc = loads(json.dumps(data, ensure_ascii=False), "表.pdesk")
    except DocumentFileError as exc:
        assert "表.pdesk" in exc.message
        return
    from perfdesk.core.export.pdf import render_pdf
    from perfdesk.core.export.xlsx import render_xlsx
    from perfdesk.core.model.factory import ensure_rows
    from perfdesk.core.rules.analysis import analyse
    from perfdesk.core.rules.profile import TemplateError

    try:
        profile = library.get(doc.template_id)
    except TemplateError:
        return
    ensure_rows(doc, profile)
    analyse(doc, profile)
    render_xlsx(doc, profile)
    render_pdf(doc, profile)
    assert loads(storage.dumps(doc)) == doc


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("name", ["管道.pdesk", "管道.xlsx"])
def test_a_pipe_is_refused_instead_of_waiting_for_ever(tmp_path, name):
    pipe = tmp_path / name
    os.mkfifo(pipe)
    with pytest.raises(DocumentFileError, match="不是普通文件"):
        open_document(pipe)


def test_damaged_data_in_a_workbook_is_not_blamed_on_a_backup(tmp_path, national):
    import openpyxl

    target = tmp_path / "t.xlsx"
    export_xlsx(filled_document(), national, target)
    book = openpyxl.load_workbook(target)
    book["_perfdesk"]["A2"] = book["_perfdesk"]["A2"].value[:-50]
    book.save(target)
    with pytest.raises(DocumentFileError, match="内嵌的自评表数据已损坏") as info:
        open_document(target)
    assert ".bak" not in info.value.message and "t.xlsx" in info.value.message
