"""打开 / 另存为 / 导出 file dialogs: beside the current document, every word in Chinese.

Qt's own file dialog is used everywhere (not the system's), so it looks and
reads the same on every computer: Qt's Chinese catalogue leaves "Look in" and
"Files of type" in English, so those labels are set here. A dialog starts in the
folder of the open document; a new document's dialog starts where the user last
chose a file, else in 文档 (never in the program's own folder).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtWidgets import QFileDialog, QWidget

from perfdesk.gui import preferences

Label = QFileDialog.DialogLabel
LABELS = {Label.LookIn: "查找范围：", Label.FileName: "文件名：", Label.FileType: "文件类型：", Label.Reject: "取消"}


def start_folder(*candidates: Path | None) -> Path:
    """The first existing folder among `candidates`, the last folder used, 文档, or the home folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for folder in (*candidates, preferences.last_folder(), Path(documents) if documents else None):
        if folder is not None and folder.is_absolute() and folder.is_dir():
            return folder
    return Path.home()


def file_dialog(parent: QWidget | None, title: str, suggested: Path, file_filter: str, save: bool) -> QFileDialog:
    """A dialog in `suggested`'s folder (`start_folder()` for a bare name) with its name filled in;
    `suggested` may also be a folder."""
    hint, name = (suggested, "") if suggested.is_dir() else (suggested.parent, suggested.name)
    folder = start_folder(hint if hint.is_absolute() else None)
    dialog = QFileDialog(parent, title, str(folder), file_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    for label, text in LABELS.items():
        dialog.setLabelText(label, text)
    dialog.setLabelText(Label.Accept, "保存" if save else "打开")
    places = [QStandardPaths.writableLocation(p) for p in (QStandardPaths.StandardLocation.DesktopLocation,
                                                           QStandardPaths.StandardLocation.DocumentsLocation)]
    dialog.setSidebarUrls([QUrl.fromLocalFile(p) for p in (*places, str(Path.home())) if p and Path(p).is_dir()])
    if save and name:
        dialog.selectFile(name)
    return dialog


def ask_path(parent: QWidget | None, title: str, suggested: Path, file_filter: str, save: bool) -> Path | None:
    """The file the user chose (its folder is remembered), or None when they cancelled."""
    dialog = file_dialog(parent, title, suggested, file_filter, save)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    path = Path(dialog.selectedFiles()[0])
    preferences.remember_folder(path.parent)
    return path


def ask_folder(parent: QWidget | None, title: str) -> Path | None:
    """A folder the user chose (remembered like a file's), or None."""
    dialog = file_dialog(parent, title, start_folder(), "", save=False)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    dialog.setLabelText(Label.Accept, "选择")
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    folder = Path(dialog.selectedFiles()[0])
    preferences.remember_folder(folder)
    return folder


def ask_files(parent: QWidget | None, title: str, file_filter: str) -> list[Path]:
    """The existing files the user chose (several at once), or [] when they cancelled."""
    dialog = file_dialog(parent, title, start_folder(), file_filter, save=False)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return []
    paths = [Path(p) for p in dialog.selectedFiles()]
    if paths:
        preferences.remember_folder(paths[0].parent)
    return paths
