"""The `perfdesk` command as a user runs it: a real subprocess, exit codes, output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from perfdesk.core.rules.profile import TemplateLibrary

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ziyang-community-correction-2022.pdesk"


def perfdesk(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "perfdesk", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


def test_templates_lists_one_per_line_id_first():
    out = perfdesk("templates")
    assert out.returncode == 0
    ids = [line.split("\t")[0] for line in out.stdout.splitlines()]
    assert ids == [profile.id for profile in TemplateLibrary()]


def test_new_then_check(tmp_path):
    target = tmp_path / "t.pdesk"
    assert perfdesk("new", "-o", str(target)).returncode == 0
    out = perfdesk("check", str(target), "--json")
    assert out.returncode == 1  # an empty table has errors (weights do not total 100, no name)
    data = json.loads(out.stdout)
    assert data["template"] == "national-2020"
    codes = {p["code"] for p in data["problems"]}
    assert "WEIGHTS_TOTAL" in codes and "REQUIRED_FIELD" in codes


def test_new_with_template_and_refuses_to_overwrite(tmp_path):
    target = tmp_path / "h.pdesk"
    assert perfdesk("new", "--template", "hubei", "-o", str(target)).returncode == 0
    again = perfdesk("new", "-o", str(target))
    assert again.returncode == 2 and "已存在" in again.stderr
    assert json.loads(perfdesk("check", str(target), "--json").stdout)["template"] == "hubei"


def test_new_with_unknown_template(tmp_path):
    out = perfdesk("new", "--template", "mars", "-o", str(tmp_path / "x.pdesk"))
    assert out.returncode == 2 and "找不到模板 mars" in out.stderr


def test_check_example_text_shows_rule_beside_published():
    out = perfdesk("check", str(EXAMPLE))
    assert out.returncode == 0, out.stderr
    assert "预算执行率：51.63%" in out.stdout and "（原表 9，与规则不同）" in out.stdout
    assert "总分：100（原表 99，与规则不同）" in out.stdout and "等级：优" in out.stdout
    assert "原表得分 9，按规则应为 10（原表低 1 分）" in out.stdout  # the 成本指标 deduction


def test_check_example_json_fields():
    data = json.loads(perfdesk("check", str(EXAMPLE), "--json").stdout)
    assert data["total"] == 100 and data["grade"] == "优" and data["weights_total"] == 100
    assert data["execution_rate"] == pytest.approx(0.5163, abs=1e-4)
    first = data["indicators"][0]
    assert first["path"] == ["产出指标", "数量指标", "1.接收社区矫正对象"]
    assert {"weight", "score", "kind", "explanation"} <= set(first)
    assert (first["direction"], first["grade"]) == ("positive", "")
    cost = next(r for r in data["indicators"] if r["path"][1] == "成本指标")
    assert cost["direction"] == "negative"  # a bare number in 成本指标 is scored as a ceiling
    assert all({"severity", "code", "message", "location"} <= set(p) for p in data["problems"])


def test_check_json_carries_the_claimed_scores_and_their_differences():
    """The published table claimed 99 (a point off 成本指标) and 9 for the execution rate."""
    data = json.loads(perfdesk("check", str(EXAMPLE), "--json").stdout)
    claims = {(c["location"]["section"], c["location"]["label"]): c for c in data["claims"]}
    total = claims[("table", "原表总分")]
    assert (total["claimed"], total["computed"], total["difference"], total["agrees"]) == (99, 100, -1, False)
    rate = claims[("funds", "项目资金 › 原表得分")]
    assert rate["claimed"] == 9 and rate["computed"] == pytest.approx(5.16)
    assert {"CLAIM_TOTAL_DIFFERS", "CLAIM_RATE_SCORE", "CLAIM_DIFFERS"} <= {p["code"] for p in data["problems"]}
    assert all(c["location"]["id"] for c in data["claims"] if c["location"]["section"] in ("indicator", "group"))


@pytest.mark.parametrize("content", [b"", b"{not json", b"\x00\xff" * 50, b'{"format": "perfdesk", "version": 99}'])
def test_check_unreadable_file_exits_2_with_chinese_message(tmp_path, content):
    bad = tmp_path / "bad.pdesk"
    bad.write_bytes(content)
    out = perfdesk("check", str(bad))
    assert out.returncode == 2
    assert "bad.pdesk" in out.stderr and "Traceback" not in out.stderr
    assert bad.read_bytes() == content


def test_check_missing_file(tmp_path):
    out = perfdesk("check", str(tmp_path / "nowhere.pdesk"))
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_export_both(tmp_path):
    xlsx, pdf = tmp_path / "a.xlsx", tmp_path / "a.pdf"
    out = perfdesk("export", str(EXAMPLE), "--xlsx", str(xlsx), "--pdf", str(pdf), "--landscape")
    assert out.returncode == 0, out.stderr
    assert xlsx.stat().st_size > 0 and pdf.read_bytes().startswith(b"%PDF")


def test_export_needs_a_target():
    out = perfdesk("export", str(EXAMPLE))
    assert out.returncode == 2 and "--xlsx" in out.stderr


def test_bad_arguments_exit_2():
    out = perfdesk("check")
    assert out.returncode == 2 and "参数错误" in out.stderr


def test_export_never_overwrites_its_own_input(tmp_path):
    table = tmp_path / "表.pdesk"
    table.write_bytes(EXAMPLE.read_bytes())
    book = tmp_path / "表.xlsx"
    assert perfdesk("export", str(table), "--xlsx", str(book)).returncode == 0
    saved = book.read_bytes()
    for source, option, target in ((table, "--xlsx", table), (table, "--pdf", table), (book, "--xlsx", book)):
        out = perfdesk("export", str(source), option, str(target))
        assert out.returncode == 2 and "未写入" in out.stderr and "Traceback" not in out.stderr
    assert table.read_bytes() == EXAMPLE.read_bytes() and book.read_bytes() == saved


def test_new_refuses_a_name_that_is_not_pdesk(tmp_path):
    out = perfdesk("new", "-o", str(tmp_path / "t.xlsx"))
    assert out.returncode == 2 and ".pdesk" in out.stderr and not (tmp_path / "t.xlsx").exists()


@pytest.mark.parametrize("option, name", [("--xlsx", "t.xlsx"), ("--pdf", "t.pdf")])
def test_export_to_a_place_that_cannot_be_written(tmp_path, option, name):
    (tmp_path / "a-file").write_text("x")
    for target, words in ((tmp_path / "missing" / name, "不存在"), (tmp_path / "a-file" / name, "不是文件夹"),
                          (tmp_path / ("长" * 200 + name), "太长")):
        out = perfdesk("export", str(EXAMPLE), option, str(target))
        assert out.returncode == 2 and words in out.stderr and "Traceback" not in out.stderr
        assert "无法打开" not in out.stderr  # a write failure is not blamed on the input file


def test_check_on_a_console_without_the_characters(tmp_path):
    """A GBK console (Chinese Windows) cannot show emoji or U+20000+: escaped, not a crash."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["document"]["project"]["name"] = "社区😀𠀀"
    table = tmp_path / "t.pdesk"
    table.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    out = subprocess.run([sys.executable, "-m", "perfdesk", "check", str(table)], capture_output=True,
                         cwd=ROOT, env=env, timeout=120)
    assert out.returncode == 0, out.stderr.decode("gbk", "replace")
    assert "社区\\U0001f600\\U00020000".encode("gbk") in out.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="Windows file names are always Unicode")
def test_file_name_that_is_not_utf8(tmp_path):
    folder = os.fsencode(tmp_path)
    source, book = folder + b"/a\xff.pdesk", folder + b"/b\xff.xlsx"
    with open(source, "wb") as handle:
        handle.write(EXAMPLE.read_bytes())
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for args in ([b"check", source, b"--json"], [b"export", source, b"--xlsx", book]):
        out = subprocess.run([sys.executable, "-m", "perfdesk", *args], capture_output=True, cwd=ROOT, env=env,
                             timeout=120)
        assert out.returncode == 0 and b"Traceback" not in out.stderr, out.stderr
    assert os.path.getsize(book) > 0


def test_check_does_not_send_control_characters_to_the_terminal(tmp_path):
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["document"]["project"]["name"] = "社区\x1b[2J\x07"
    table = tmp_path / "t.pdesk"
    table.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = perfdesk("check", str(table))
    assert out.returncode == 0 and "社区\\x1b[2J\\x07" in out.stdout and "\x1b" not in out.stdout


def _with_reader_gone(*args: str) -> subprocess.CompletedProcess:
    """Run with stdout a pipe whose reader has already left, as `| head` does once it has its lines."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run([sys.executable, "-m", "perfdesk", *args], stdout=write, stderr=subprocess.PIPE,
                              text=True, cwd=ROOT, env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=120)
    finally:
        os.close(write)


@pytest.mark.parametrize("args", [("check", "--json"), ("check",), ("templates",)])
def test_closed_stdout_ends_quietly_with_the_usual_exit_code(tmp_path, args):
    empty = tmp_path / "empty.pdesk"  # has errors: check exits 1
    assert perfdesk("new", "-o", str(empty)).returncode == 0
    args = (*args[:1], str(empty), *args[1:]) if args[0] == "check" else args
    usual = perfdesk(*args).returncode
    out = _with_reader_gone(*args)
    assert (out.returncode, out.stderr) == (usual, "")


@pytest.mark.parametrize("word", ["chek", "export-pdf", "帮助"])
def test_mistyped_command_is_refused_with_the_list_of_commands(word):
    assert not (ROOT / word).exists()
    out = perfdesk(word)  # would start the window, never returning without a screen
    assert out.returncode == 2 and out.stdout == ""
    assert f"未知命令“{word}”" in out.stderr and "templates、new、check、export" in out.stderr


def test_mistyped_command_gets_the_nearest_one():
    assert "是不是要输入 perfdesk check？" in perfdesk("chek").stderr


@pytest.mark.parametrize("name", ["表.pdesk", "sub/表.pdesk", "导出.xlsx"])
def test_missing_file_for_the_window_is_refused(name):
    assert not (ROOT / name).exists()
    out = perfdesk(name)
    assert out.returncode == 2 and out.stderr == f"找不到文件：{name}。请检查文件名和所在文件夹。\n"
