"""导出Excel… / 导出PDF… / 打印预览… / 打印… of the main window.

Exports write the open document as it is (saved or not). After an export the
window offers to open the file with the system's viewer. The exporters are
imported on first use: reportlab and openpyxl would add to start-up time.
Exporting, previewing and printing show every problem of the table (the
window keeps 'still missing' problems of a new table quiet until then).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from perfdesk.gui.dialogs import PDF_FILTER, XLSX_FILTER, Prompts

#: What can open an exported file, named when the computer has no such program.
VIEWERS = {".xlsx": "Excel 或 WPS 表格", ".pdf": "WPS、浏览器或其他 PDF 阅读器"}

if TYPE_CHECKING:
    from perfdesk.gui.main_window import MainWindow


class ExportActions:
    """The export and print commands of one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def _suggested(self, suffix: str) -> str:
        state = self.window.file_state
        base = state.path or state.suggested
        if base is not None:
            return str(base.with_suffix(suffix))
        return f"{self.window.session.doc.project.name.strip() or '自评表'}{suffix}"

    def export_excel(self, with_review: bool = False) -> bool:
        """`with_review`: add the 审核意见 sheet and cell comments (a unit's own export leaves them out)."""
        from perfdesk.core.export.xlsx import export_xlsx

        session = self.window.session
        claims = self.window.claims_action.isChecked()
        return self._export("导出Excel", ".xlsx", XLSX_FILTER,
                            lambda path: export_xlsx(session.doc, session.profile, path, claims, with_review))

    def export_pdf(self, with_review: bool = False) -> bool:
        """`with_review`: add the 审核意见 pages after the table."""
        from perfdesk.core.export.pdf import export_pdf

        session = self.window.session
        claims = self.window.claims_action.isChecked()
        return self._export("导出PDF", ".pdf", PDF_FILTER,
                            lambda path: export_pdf(session.doc, session.profile, path, show_claims=claims,
                                                    with_review=with_review))

    def _settle(self) -> None:
        """What is printed is what the user sees: text still in an open cell editor counts, as on saving."""
        self.window.view.commit_open_editor()
        self.window.reveal_problems()

    def _export(self, title: str, suffix: str, file_filter: str, write: Callable[[Path], None]) -> bool:
        self._settle()
        prompts = self.window.prompts
        path = prompts.save_path(title, self._suggested(suffix), file_filter)
        if path is None:
            return False
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        try:
            write(path)
        except Exception as exc:  # noqa: BLE001 — any export failure is reported, the window keeps the work
            prompts.error(f"{title}失败", f"无法写入 {path}：{exc}\n\n请确认文件没有在其他程序（如 Excel、WPS）中打开，"
                                        "并且所在文件夹可以写入，然后重试。")
            return False
        if prompts.ask_yes_no(title, f"已导出到：\n{path}\n\n是否现在打开？"):
            self.show_file(path)
        return True

    def show_file(self, path: Path) -> None:
        show_exported(self.window.prompts, path)

    def print_preview(self) -> None:
        from perfdesk.gui.print_preview import PrintPreviewDialog

        self._settle()
        session = self.window.session
        PrintPreviewDialog(session.doc, session.profile, self.window, self._suggested(".pdf")).exec()

    def print_document(self) -> None:
        """Straight to the print dialog, printing the same pages the preview shows."""
        from perfdesk.gui.print_preview import PrintPreviewDialog

        self._settle()
        session = self.window.session
        preview = PrintPreviewDialog(session.doc, session.profile, self.window)
        preview.print_document()
        preview.deleteLater()


def show_exported(prompts: Prompts, path: Path) -> None:
    """Open `path` with the system's program for it; say so when there is none."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices  # with QUrl, some 20 enums: not before the first export

    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        viewer = VIEWERS.get(path.suffix.lower(), "相应的程序")
        prompts.warning("无法打开文件", f"这台电脑上没有找到可以打开此文件的程序（如 {viewer}）。\n\n"
                                    f"文件已导出，保存在：\n{path}\n\n可在安装了{viewer}的电脑上打开它。")
