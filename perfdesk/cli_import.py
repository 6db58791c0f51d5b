"""`perfdesk import`: a hand-made table to .pdesk files, with the import report on the terminal.

The first table goes to OUT; every further one beside it, named after its sheet
or Word table (`OUT-表2.pdesk`), so nothing found in the file is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.files.storage import save_document
from perfdesk.core.imports.compare import use_visible
from perfdesk.core.imports.importer import import_file
from perfdesk.core.imports.recheck import recheck
from perfdesk.core.imports.report import ImportedTable
from perfdesk.core.model.factory import ensure_rows
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.profile import TemplateLibrary

EXIT_OK, EXIT_PROBLEMS = 0, 1
_UNSAFE = re.compile(r'[\\/:*?"<>|\s（）()]+')


def output_paths(output: Path, tables: list[ImportedTable]) -> list[Path]:
    """OUT for the first table, `OUT-<sheet or 表n>.pdesk` for the others (made unique)."""
    paths = [output]
    for table in tables[1:]:
        stem = _UNSAFE.sub("_", table.where).strip("_") or "表"
        candidate = output.with_name(f"{output.stem}-{stem}.pdesk")
        n = 2
        while candidate in paths:
            candidate = output.with_name(f"{output.stem}-{stem}-{n}.pdesk")
            n += 1
        paths.append(candidate)
    return paths


def report_text(table: ImportedTable, target: Path, library: TemplateLibrary) -> str:
    """The report of one table, as printed by the command."""
    lines = [f"{table.where} → {target}（模板：{table.template_name}；读取 {len(table.read)} 项）"]
    checks = recheck(table.document, analyse(table.document, library.get(table.document.template_id)))
    differing = [c for c in checks if c.differs]
    if checks:
        lines.append(f"  原表得分 {len(checks)} 项，与规则得分不一致 {len(differing)} 项"
                     + "".join(f"\n    {c.what}：原表 {c.claimed}，规则 {c.computed or '—'}" for c in differing))
    lines += [f"  需要注意 {p.address}：{p.message}" for p in table.problems]
    lines += [f"  与内嵌数据不同 {d.address}：Excel 中为“{d.excel}”，内嵌为“{d.embedded}”" for d in table.differences]
    if table.differences:
        lines.append("  （已保留内嵌数据；加 --excel 采用 Excel 中的值）" if table.embedded is table.document
                     else "  （已采用 Excel 中的值）")
    return "\n".join(lines) + "\n"


def import_command(source: Path, output: Path, *, use_excel: bool, force: bool, out: Callable[[str], None]) -> int:
    result = import_file(source)
    paths = output_paths(output, result.tables)
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        raise DocumentFileError(f"文件 {existing[0]} 已存在，未覆盖。请换一个文件名，或加 --force 覆盖。")
    library = TemplateLibrary()
    for table, path in zip(result.tables, paths, strict=True):
        if use_excel:
            use_visible(table)
        ensure_rows(table.document, library.get(table.document.template_id))
        save_document(table.document, path)
        out(report_text(table, path, library))
    for skipped in result.skipped:
        out(f"未导入 {skipped}\n")
    return EXIT_OK if result.clean else EXIT_PROBLEMS
