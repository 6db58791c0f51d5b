"""导出Excel… / 导出PDF… of the 汇总 window: the rows on screen, written off the GUI thread.

The writers (`perfdesk.core.export.summary_xlsx` / `summary_pdf`) are imported
by name when a button is pressed: openpyxl and reportlab stay out of start-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QWidget

from perfdesk.core.summary.row import SummaryRow
from perfdesk.gui.dialogs import PDF_FILTER, XLSX_FILTER, Prompts
from perfdesk.gui.export_actions import show_exported
from perfdesk.gui.responsive import Cancelled, read_responsively


@dataclass(frozen=True)
class SummaryExport:
    title: str
    suffix: str
    file_filter: str
    module: str
    function: str


EXCEL = SummaryExport("导出Excel", ".xlsx", XLSX_FILTER, "perfdesk.core.export.summary_xlsx", "export_summary_xlsx")
PDF = SummaryExport("导出PDF", ".pdf", PDF_FILTER, "perfdesk.core.export.summary_pdf", "export_summary_pdf")


def export_rows(parent: QWidget, prompts: Prompts, kind: SummaryExport, rows: Sequence[SummaryRow],
                unit_name: str, grade_order: Sequence[str], filtered: bool) -> Path | None:
    """Ask where, write `rows` (in the order shown), offer to open the file; the path written, or None."""
    if not rows:
        prompts.warning(kind.title, "表中没有可导出的行。请先添加文件夹或文件，或放宽筛选条件。")
        return None
    suggested = f"{unit_name or '绩效自评'}汇总表-{date.today():%Y%m%d}{kind.suffix}"
    path = prompts.save_path(f"{kind.title}（汇总表）", suggested, kind.file_filter)
    if path is None:
        return None
    if path.suffix.lower() != kind.suffix:
        path = path.with_name(path.name + kind.suffix)
    write = getattr(importlib.import_module(kind.module), kind.function)
    try:
        read_responsively(parent, f"正在写入“{path.name}”……",
                          lambda: write(list(rows), path, unit_name=unit_name, grade_order=tuple(grade_order)))
    except Cancelled:
        prompts.warning(kind.title, f"已停止等待，文件可能没有写完整：\n{path}\n\n请重新导出。")
        return None
    except Exception as exc:  # noqa: BLE001 — any export failure is reported, the list stays as it is
        prompts.error(f"{kind.title}失败", f"无法写入 {path}：{exc}\n\n请确认文件没有在其他程序"
                                         "（如 Excel、WPS）中打开，并且所在文件夹可以写入，然后重试。")
        return None
    shown = f"按当前筛选导出了 {len(rows)} 个文件" if filtered else f"导出了全部 {len(rows)} 个文件"
    if prompts.ask_yes_no(kind.title, f"{shown}，已保存到：\n{path}\n\n是否现在打开？"):
        show_exported(prompts, path)
    return path
