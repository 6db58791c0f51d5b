"""`perfdesk import` and `perfdesk check` on hand-made files, run as a user would (in-process)."""

from __future__ import annotations

import json
from pathlib import Path

from perfdesk.cli import main
from tests.core.imports.corpus import VARIANTS, content_for, render, write_docx, write_xlsx


def _file(tmp_path: Path, name: str, variant: str = "national") -> Path:
    layout, options = VARIANTS[variant]
    path = tmp_path / name
    sheet = render(content_for(options), layout)
    if path.suffix == ".docx":
        write_docx([sheet, sheet], path)
    else:
        write_xlsx(sheet, path)
    return path


def test_import_clean_table_exits_0_and_writes_pdesk(tmp_path: Path, capsys) -> None:
    source = _file(tmp_path, "clean.xlsx")
    out = tmp_path / "out.pdesk"
    assert main(["import", str(source), "-o", str(out)]) == 0
    assert out.exists()
    printed = capsys.readouterr().out
    assert "自评表 →" in printed
    # the source's claimed scores rechecked: 长期/长期 met gives 10, not the 5 printed; so the total differs
    assert ("原表得分 10 项，与规则得分不一致 2 项\n    1.工程长效运行：原表 5，规则 10\n"
            "    总分：原表 93.5，规则 98.53") in printed


def test_import_with_problems_exits_1_and_lists_them(tmp_path: Path, capsys) -> None:
    source = _file(tmp_path, "noweights.xlsx", "no-weight-column")
    assert main(["import", str(source), "-o", str(tmp_path / "o.pdesk")]) == 1
    assert "需要注意 自评表!A14：表中没有“分值”列" in capsys.readouterr().out


def test_further_tables_are_written_beside_the_output(tmp_path: Path, capsys) -> None:
    source = _file(tmp_path, "two.docx")
    out = tmp_path / "项目.pdesk"
    assert main(["import", str(source), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    second = tmp_path / "项目-表2.pdesk"
    assert out.exists() and second.exists()
    assert str(out) in printed and str(second) in printed
    assert main(["import", str(source), "-o", str(out)]) == 2  # never overwrites without --force
    assert "已存在" in capsys.readouterr().err


def test_unreadable_file_exits_2(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.xls"
    bad.write_bytes(b"\x00" * 100)
    assert main(["import", str(bad), "-o", str(tmp_path / "x.pdesk")]) == 2
    assert "bad.xls" in capsys.readouterr().err


def test_check_on_the_hand_made_file_equals_check_on_the_import(tmp_path: Path, capsys) -> None:
    for name in ("t.xlsx", "t.docx"):
        source = _file(tmp_path, name, "yunnan-split")
        out = tmp_path / f"{name}.pdesk"
        main(["import", str(source), "-o", str(out), "--force"])
        capsys.readouterr()
        code_direct = main(["check", str(source), "--json"])
        direct = json.loads(capsys.readouterr().out)
        code_imported = main(["check", str(out), "--json"])
        imported = json.loads(capsys.readouterr().out)
        direct.pop("file"), imported.pop("file")
        assert code_direct == code_imported
        assert _without_ids(direct) == _without_ids(imported)  # each import gives rows new ids
        assert direct["total"]


def _without_ids(data: object) -> object:
    """`data` with every location's row id left out."""
    if isinstance(data, dict):
        return {k: _without_ids(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list):
        return [_without_ids(v) for v in data]
    return data
