"""`perfdesk summary`: many tables at once, as one 汇总 line per file, in the terminal or as files.

Exit 0 when every file was read and no table has errors, 1 when some table has
errors or some file could not be read, 2 when nothing readable was found.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.model.results import format_decimal, format_percent
from perfdesk.core.review.model import status_name
from perfdesk.core.rules.profile import TemplateLibrary
from perfdesk.core.summary.batch import TIME_LIMIT, summarize_paths
from perfdesk.core.summary.row import SummaryRow
from perfdesk.core.summary.scan import table_files
from perfdesk.core.summary.totals import Totals, duplicates, grade_order, totals

EXIT_OK, EXIT_PROBLEMS, EXIT_NOTHING = 0, 1, 2


def read_rows(paths: list[Path], workers: int | None = None, time_limit: float = TIME_LIMIT) -> list[SummaryRow]:
    """Every table under `paths`, one row each, in file order; a file that takes longer than
    `time_limit` seconds is a row saying it was skipped (not with `workers` 0, see `summarize_paths`)."""
    rows = [row for batch in summarize_paths(table_files(paths), workers, time_limit=time_limit) for row in batch]
    return sorted(rows, key=lambda r: r.file)


def library_grade_order() -> tuple[str, ...]:
    return grade_order([band.label for band in profile.grades] for profile in TemplateLibrary())


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def totals_json(t: Totals) -> dict[str, object]:
    return {
        "files": t.files, "readable": t.readable, "unreadable": t.unreadable,
        "budget": float(t.budget), "executed": float(t.executed), "rate": _number(t.rate),
        "average_score": _number(t.average_score), "lowest_score": _number(t.lowest_score),
        "highest_score": _number(t.highest_score), "with_errors": t.with_errors,
        "claims_differ": t.claims_differ, "by_grade": t.by_grade, "by_band": t.by_band,
    }


def _line(index: int, row: SummaryRow, duplicate: str) -> str:
    name = row.label
    if not row.ok:
        return f"{index:>4}  未能读取  {name}：{row.error}"
    claimed = "" if row.claimed is None else f"（原表 {format_decimal(row.claimed)}）"
    flags = [f"错误 {row.errors}"] if row.errors else []
    flags += [f"{row.claims_differ} 处原表得分不符"] if row.claims_differ else []
    flags += [duplicate] if duplicate else []
    flags += [row.note] if row.note else []
    return (f"{index:>4}  {row.name or '（未填项目名称）'}  {row.year}  执行率 {format_percent(row.rate)}  "
            f"得分 {format_decimal(row.score)}{claimed}  {row.grade}  {status_name(row.review_status)}  "
            f"{name}" + (f"  ⚠ {'；'.join(flags)}" if flags else ""))


def text_summary(rows: list[SummaryRow], dupes: dict[int, str], t: Totals, out: Callable[[str], None]) -> None:
    """One line per table, then the 合计 line; written line by line (10,000 tables are no big string)."""
    for i, row in enumerate(rows):
        out(_line(i + 1, row, dupes.get(i, "")) + "\n")
    grades = "、".join(f"{g} {n}" for g, n in t.by_grade.items()) or "无"
    out(f"合计：{t.files} 个文件，读取 {t.readable} 个，未能读取 {t.unreadable} 个；"
        f"预算 {format_decimal(t.budget)} 万元，执行 {format_decimal(t.executed)} 万元，"
        f"执行率 {format_percent(t.rate)}；平均得分 {format_decimal(t.average_score)}；等级：{grades}；"
        f"有错误的表 {t.with_errors} 个，原表得分不符的表 {t.claims_differ} 个\n")


def json_summary(rows: list[SummaryRow], dupes: dict[int, str], t: Totals, out: Callable[[str], None]) -> None:
    """`{"files": [...], "totals": {...}}`, one file per line, written as it goes."""
    out('{\n  "files": [')
    for i, row in enumerate(rows):
        item = json.dumps({**row.to_json(), "duplicate": dupes.get(i, "")}, ensure_ascii=False)
        out(("\n    " if i == 0 else ",\n    ") + item)
    out(f'\n  ],\n  "totals": {json.dumps(totals_json(t), ensure_ascii=False)}\n}}\n')


def summary_command(paths: list[Path], xlsx: Path | None, pdf: Path | None, as_json: bool, unit: str,
                    workers: int | None, out: Callable[[str], None], time_limit: float | None = None) -> int:
    rows = read_rows(paths, workers, TIME_LIMIT if time_limit is None else time_limit)
    if not rows:
        raise DocumentFileError("所给的文件和文件夹中没有自评表文件（.pdesk、.xlsx、.xls、.docx 等），未汇总。")
    order = library_grade_order()
    dupes = duplicates(rows)
    t = totals(rows, order)
    (json_summary if as_json else text_summary)(rows, dupes, t, out)
    if not t.readable:
        return EXIT_NOTHING
    if xlsx is not None:
        from perfdesk.core.export.summary_xlsx import export_summary_xlsx

        export_summary_xlsx(rows, xlsx, unit_name=unit, grade_order=order)
    if pdf is not None:
        from perfdesk.core.export.summary_pdf import export_summary_pdf

        export_summary_pdf(rows, pdf, unit_name=unit, grade_order=order)
    return EXIT_OK if not (t.unreadable or t.with_errors) else EXIT_PROBLEMS
