"""Qt's own texts in Chinese: the OK/Cancel/Yes/No buttons, file dialogs, context menus.

Without a translator Qt shows English on every standard button (a QMessageBox's
Yes/No, a dialog's OK/Cancel), which the county staff who use PerfDesk may not read.
The Windows bundle ships `qtbase_zh_CN.qm` (see build.spec).
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtWidgets import QApplication

CATALOGUE = "qtbase_zh_CN"


def install_qt_translations(app: QApplication) -> bool:
    """Load Qt's Simplified Chinese catalogue once per application; False when it is missing."""
    if app.property("perfdeskQtTranslator") is not None:
        return True
    translator = QTranslator(app)  # parented: lives as long as the application
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(CATALOGUE, folder) or not app.installTranslator(translator):
        return False
    app.setProperty("perfdeskQtTranslator", CATALOGUE)
    return True
