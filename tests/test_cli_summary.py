"""`perfdesk summary` as a supervisor runs it on a folder: lines, JSON, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.summary_hostile import hang_on_poison
from tests.summary_samples import mixed_folder
from tests.test_cli import perfdesk


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return mixed_folder(tmp_path_factory.mktemp("received"))


def test_json_lists_every_file_with_its_figures_and_the_totals(folder) -> None:
    out = perfdesk("summary", str(folder.root), "--json")
    assert out.returncode == 1, out.stderr  # a broken file and a table with errors
    data = json.loads(out.stdout)
    files = {Path(f["file"]).name: f for f in data["files"]}
    assert len(files) == folder.tables
    broken = files["坏文件.pdesk"]
    assert broken["ok"] is False and "坏文件.pdesk" in broken["error"]
    water = files["农村供水.pdesk"]
    assert water["ok"] and water["score"] == 100.0 and water["claimed"] == 95.0 and water["difference"] == -5.0
    assert water["rate"] == 0.95 and water["budget"] == 100.0
    assert "验证码相同" in files["社区矫正-副本.pdesk"]["duplicate"]
    assert "同一项目" in files["法律援助-第二版.pdesk"]["duplicate"]
    totals = data["totals"]
    assert totals["files"] == folder.tables and totals["unreadable"] == 2 and totals["with_errors"] == 1
    readable = [f for f in data["files"] if f["ok"]]
    assert totals["budget"] == pytest.approx(sum(f["budget"] for f in readable))


def test_text_output_has_one_line_per_file_and_a_totals_line(folder) -> None:
    out = perfdesk("summary", str(folder.root))
    lines = out.stdout.splitlines()
    assert len(lines) == folder.tables + 1 and lines[-1].startswith("合计：")
    assert any("未能读取" in line and "坏表格.xlsx" in line for line in lines)


def test_exit_0_when_every_table_is_clean(tmp_path, folder) -> None:
    for path in folder.good[:2]:
        shutil.copy(path, tmp_path / path.name)
    assert perfdesk("summary", str(tmp_path)).returncode == 0


def test_exit_2_when_nothing_is_readable(tmp_path, folder) -> None:
    shutil.copy(folder.broken[0], tmp_path)
    out = perfdesk("summary", str(tmp_path))
    assert out.returncode == 2 and "未能读取" in out.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    out = perfdesk("summary", str(empty))
    assert out.returncode == 2 and "没有自评表文件" in out.stderr


def test_missing_path_and_wrong_output_name_are_refused(tmp_path, folder) -> None:
    out = perfdesk("summary", str(tmp_path / "没有这个文件夹"))
    assert out.returncode == 2 and "找不到" in out.stderr
    out = perfdesk("summary", str(folder.root), "--xlsx", str(tmp_path / "汇总.pdf"))
    assert out.returncode == 2 and ".xlsx" in out.stderr


def test_xlsx_and_pdf_are_written_for_the_folder(tmp_path, folder) -> None:
    import openpyxl

    xlsx, pdf = tmp_path / "汇总.xlsx", tmp_path / "汇总.pdf"
    out = perfdesk("summary", str(folder.root), "--xlsx", str(xlsx), "--pdf", str(pdf), "--unit", "某县财政局")
    assert out.returncode == 1, out.stderr
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames[0] == "汇总表"
    texts = [c.value for row in book["汇总表"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any("某县财政局" in t for t in texts) and "农村供水" in texts
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_file_that_hangs_is_a_line_saying_it_was_skipped(tmp_path, folder, monkeypatch) -> None:
    from perfdesk.cli_summary import summary_command
    from perfdesk.core.summary import batch

    monkeypatch.setattr(batch, "_summarize_one", hang_on_poison)  # the spawned worker imports it
    for path in (folder.good[0], folder.good[1]):
        shutil.copy(path, tmp_path / path.name)
    shutil.copy(folder.good[0], tmp_path / "poison.pdesk")
    lines: list[str] = []
    code = summary_command([tmp_path], None, None, False, "", 1, lines.append, time_limit=3)
    assert code == 1 and len(lines) == 4
    assert "未能读取  poison.pdesk：“poison.pdesk”读取超时（超过 3 秒" in "".join(lines)
    assert "合计：3 个文件，读取 2 个，未能读取 1 个" in lines[-1]


@pytest.mark.parametrize("limit", ["0", "-5", "abc", "nan"])
def test_a_time_limit_that_is_not_a_positive_number_is_refused_in_chinese(folder, limit) -> None:
    out = perfdesk("summary", str(folder.root), "--time-limit", limit)
    assert out.returncode == 2 and f"“{limit}”不是有效的秒数" in out.stderr and not out.stdout


def test_a_time_limit_given_on_the_command_line_is_used(tmp_path, folder, monkeypatch, capsys) -> None:
    from perfdesk import cli
    from perfdesk.core.summary import batch

    monkeypatch.setattr(batch, "_summarize_one", hang_on_poison)  # the spawned worker imports it
    shutil.copy(folder.good[0], tmp_path / "甲.pdesk")
    shutil.copy(folder.good[0], tmp_path / "poison.pdesk")
    assert cli.main(["summary", str(tmp_path), "--time-limit", "2.5", "--workers", "1"]) == 1
    assert "“poison.pdesk”读取超时（超过 2.5 秒" in capsys.readouterr().out
