"""The .pdesk format: round trips, and every bad file refused with a Chinese message."""

from __future__ import annotations

import json

import pytest

from perfdesk.core.files import problem_log, storage
from perfdesk.core.files.opening import open_document
from perfdesk.core.files.schema import MAX_STRING
from perfdesk.core.files.storage import DocumentFileError, loads, save_document
from perfdesk.core.model.factory import new_document
from tests.core.file_samples import filled_document


def _data() -> dict:
    return json.loads(storage.dumps(filled_document()))


def _refused(data_or_text, match: str) -> DocumentFileError:
    text = data_or_text if isinstance(data_or_text, (str, bytes)) else json.dumps(data_or_text, ensure_ascii=False)
    with pytest.raises(DocumentFileError, match=match) as info:
        loads(text, "表.pdesk")
    return info.value


def test_new_documents_round_trip(shipped_profile):
    doc = new_document(shipped_profile, year="2024")
    assert loads(storage.dumps(doc)) == doc


def test_filled_document_round_trips_with_unknown_fields_everywhere(tmp_path):
    doc = filled_document()
    path = tmp_path / "自评表.pdesk"
    save_document(doc, path)
    again = open_document(path)
    assert again == doc
    assert again.level1[0].groups[0].indicators[0].extra["nested"] == {"a": [1, 2.5, None, True]}
    assert again.extra["@top"] == {"signature_blob": "abc"}
    data = json.loads(path.read_text("utf-8"))
    assert data["signature_blob"] == "abc"  # unknown top-level key written back at the top
    assert data["document"]["future_section"] == {"x": 1}
    assert storage.dumps(again) == storage.dumps(doc)


def test_file_header_and_chinese_written_as_is():
    text = storage.dumps(filled_document())
    data = json.loads(text)
    assert (data["format"], data["version"], data["kind"]) == ("perfdesk", 1, "self_evaluation")
    assert data["saved_by"].startswith("PerfDesk ")
    assert "社区矫正经费" in text
    assert list(data["document"])[:6] == ["project", "funds", "goals", "level1", "signature", "published_total"]


def test_unknown_keys_from_a_file_are_kept(tmp_path):
    data = _data()
    data["document"]["level1"][1]["groups"][0]["indicators"][0]["new_field"] = {"k": ["v"]}
    data["document"]["funds"]["rows"][0]["tax"] = "1.0"
    data["extension"] = [1, 2]
    doc = loads(json.dumps(data))
    assert doc.level1[1].groups[0].indicators[0].extra == {"new_field": {"k": ["v"]}}
    out = json.loads(storage.dumps(doc))
    assert out["document"]["level1"][1]["groups"][0]["indicators"][0]["new_field"] == {"k": ["v"]}
    assert out["document"]["funds"]["rows"][0]["tax"] == "1.0"
    assert out["extension"] == [1, 2]


def test_bom_is_tolerated():
    doc = filled_document()
    assert loads("\ufeff" + storage.dumps(doc)) == doc
    assert loads(b"\xef\xbb\xbf" + storage.dumps(doc).encode()) == doc


def test_missing_optional_text_fields_take_defaults():
    data = _data()
    del data["document"]["project"]["phone"]
    del data["review"]
    doc = loads(json.dumps(data))
    assert doc.project.phone == "" and doc.review == {}


def test_truncated_file_says_incomplete_with_position():
    text = storage.dumps(filled_document())
    error = _refused(text[: text.index("\n", len(text) // 2)], "不完整.*第 \\d+ 行第 \\d+ 列")
    assert error.line and error.column
    assert ".bak" in error.message


def test_not_json():
    error = _refused("这不是 JSON", "不是有效的 PerfDesk 文件：第 1 行第 1 列此处应为一个值")
    assert (error.line, error.column) == (1, 1)


@pytest.mark.parametrize("text", ["", "   \n"])
def test_empty_file(text):
    _refused(text, "是空的")


def test_binary_garbage_is_not_utf8():
    _refused(bytes(range(256)) * 4, "不是 UTF-8 文本")


def test_zip_given_as_pdesk():
    _refused(b"PK\x03\x04rest", "Excel 文件，不是 .pdesk")


@pytest.mark.parametrize("data", [[1, 2], "\"text\"", 5, {"format": "other"}, {"version": 1}])
def test_not_a_perfdesk_file(data):
    _refused(data, "不是 PerfDesk 文件")


def test_newer_version_refused():
    data = _data()
    data["version"] = 7
    data["document"] = "whatever a future version writes"
    error = _refused(data, "^文件“表.pdesk”由较新版本的 PerfDesk（格式版本 7）保存，请升级后再打开。$")
    assert error.path == "version"


@pytest.mark.parametrize("version", ["1", 0, True, 1.0, None])
def test_bad_version(version):
    data = _data()
    data["version"] = version
    _refused(data, "格式版本 version 应为正整数")


@pytest.mark.parametrize(
    ("mutate", "path", "words"),
    [
        (lambda d: d["document"]["level1"][0]["groups"][1]["indicators"].append({"weight": 5}),
         "level1[0].groups[1].indicators[1].weight", "（分值）应为文字，实际是数字"),
        (lambda d: d["document"]["level1"][0]["groups"].__setitem__(0, []),
         "level1[0].groups[0]", "应为对象"),
        (lambda d: d["document"].__setitem__("level1", {}), "level1", "应为列表"),
        (lambda d: d["document"]["level1"][0].pop("name"), "level1[0].name", "缺失（必填字段）"),
        (lambda d: d["document"].pop("funds"), "funds", "缺失"),
        (lambda d: d["document"]["funds"].__setitem__("rows", []), "funds.rows", "至少要有一行"),
        (lambda d: d["document"]["funds"]["rows"][1].__setitem__("key", "total"),
         "funds.rows[1].key", "重复"),
        (lambda d: d["document"]["project"].__setitem__("name", None), "project.name", "空值"),
        (lambda d: d["document"]["signature"].__setitem__("date", True), "signature.date", "真假值"),
        (lambda d: d.__setitem__("template", ["x"]), "template", "应为文字，实际是列表"),
        (lambda d: d.__setitem__("review", {"status": 1}), "review.status", "应为文字"),
        (lambda d: d.__setitem__("review", {"comments": ["x"]}), "review.comments[0]", "应为对象"),
        (lambda d: d["document"].__setitem__("@top", 1), "@top", "保留"),
    ],
)
def test_wrong_shapes_name_the_json_path(mutate, path, words):
    data = _data()
    mutate(data)
    error = _refused(data, "表.pdesk")
    assert error.path == path
    assert path in error.message and words in error.message


def test_huge_number_where_text_expected_names_the_field():
    text = storage.dumps(filled_document()).replace('"budget": "19.62"', '"budget": 1e400')
    error = _refused(text, "funds.rows\\[0\\].budget（全年预算数）应为文字，实际是超出范围的数字 1e400")
    assert error.path == "funds.rows[0].budget"


def test_huge_number_in_an_unknown_field_is_refused_not_turned_into_infinity():
    text = storage.dumps(filled_document()).replace('"x": 1', '"x": -1e400')
    _refused(text, "future_section.x是超出范围的数字 -1e400，无法准确保存")
    _refused(storage.dumps(filled_document()).replace('"x": 1', '"x": 1' + "0" * 5000), "future_section.x是超出范围")


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_literals_refused(literal):
    text = storage.dumps(filled_document()).replace('"x": 1', f'"x": {literal}')
    _refused(text, f"不允许 {literal}")


def test_overlong_string_names_the_field():
    doc = filled_document()
    doc.goals.achieved = "很" * (10 * 1024 * 1024 // 3)
    error = _refused(storage.dumps(doc), f"goals.achieved（实际完成情况）的文本长达 .*，超过上限 {MAX_STRING:,}")
    assert error.path == "goals.achieved"


def test_overlong_unknown_key_name_refused():
    data = _data()
    data["document"]["goals"]["k" * (MAX_STRING + 1)] = 1
    _refused(data, "字段名")


def test_lone_surrogate_refused():
    text = storage.dumps(filled_document()).replace("张三", "\\ud800")
    _refused(text, "signature.filler.*无效的 Unicode")


def test_duplicate_keys_refused():
    text = storage.dumps(filled_document()).replace('"kind": "self_evaluation",', '"kind": "a", "kind": "b",')
    _refused(text, "“kind”在同一对象中出现了两次")


@pytest.mark.parametrize("opener", ["[", "{\"a\":"])
def test_deep_nesting_refused_without_recursion_error(opener):
    _refused(opener * 100_000, "嵌套层数超过")


def test_deep_nesting_inside_strings_does_not_count():
    data = _data()
    data["document"]["goals"]["expected"] = "[" * 1000
    assert loads(json.dumps(data)).goals.expected == "[" * 1000


def test_nesting_a_little_deeper_than_python_allows_inside_the_limit_is_fine():
    data = _data()
    data["document"]["deep"] = json.loads("[" * 50 + "]" * 50)
    assert loads(json.dumps(data)).extra["deep"] == json.loads("[" * 50 + "]" * 50)


def test_load_missing_file(tmp_path):
    with pytest.raises(DocumentFileError, match="找不到文件“无.pdesk”"):
        open_document(tmp_path / "无.pdesk")


def test_load_directory(tmp_path):
    (tmp_path / "d.pdesk").mkdir()
    with pytest.raises(DocumentFileError, match="是文件夹"):
        open_document(tmp_path / "d.pdesk")


def test_load_too_big_file(tmp_path, monkeypatch):
    monkeypatch.setattr(storage, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.pdesk"
    save_document(filled_document(), path)
    with pytest.raises(DocumentFileError, match="超过 0 MB"):
        open_document(path)


def test_load_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "x.pdesk"
    save_document(filled_document(), path)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", denied)
    with pytest.raises(DocumentFileError, match="没有权限读取"):
        open_document(path)


def test_load_xlsx_that_is_not_a_zip_gives_document_file_error(tmp_path):
    path = tmp_path / "表.XLSX"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(DocumentFileError, match="不是有效的 Excel 工作簿"):
        open_document(path)


def test_load_xlsx_wraps_unexpected_importer_errors(tmp_path, monkeypatch):
    import zipfile

    from perfdesk.core.files import xlsx_import
    path = tmp_path / "表.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.xml", "<a/>")

    def broken(_path):
        raise KeyError("sheet")

    monkeypatch.setattr(xlsx_import, "read_document_from_workbook", broken)
    with pytest.raises(DocumentFileError, match="^Excel 文件“表.xlsx”已损坏") as info:
        open_document(path)
    assert "KeyError" not in info.value.message
    assert "KeyError: 'sheet'" in problem_log.log_path().read_text(encoding="utf-8")  # the detail, for support


def test_example_in_the_format_document_is_current():
    """docs/file-format.md's example loads, re-saves identically, and its hash and code are right."""
    import re
    from pathlib import Path

    from perfdesk.core.files.fingerprint import content_hash, verification_code

    spec = (Path(__file__).resolve().parents[3] / "docs" / "file-format.md").read_text("utf-8")
    match = re.search(r"```json\n(.*?)```", spec, re.DOTALL)
    assert match is not None
    example = match.group(1)
    doc = loads(example)
    written, stored = json.loads(storage.dumps(doc)), json.loads(example)
    written.pop("saved_by"), stored.pop("saved_by")
    assert written == stored
    assert stored["content_hash"] == content_hash(doc)
    assert verification_code(doc) in spec


def test_huge_unknown_key_is_cut_short_in_the_message():
    data = _data()
    data["document"]["goals"]["k" * 5000] = [None, {"v": 1e300}, "x" * (MAX_STRING + 1)]
    error = _refused(data, "超过上限")
    assert len(error.message) < 200 and "…" in error.path
