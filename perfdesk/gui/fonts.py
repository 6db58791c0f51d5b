"""The shipped Chinese font as the application's fallback, for PCs without a Chinese font."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from perfdesk.paths import chinese_font


def install_chinese_font(app: QApplication) -> str | None:
    """Register the bundled font and append it to the application font's families.

    Qt then uses the system's own font for what it covers and the bundled one
    for any Chinese character it lacks. Returns the family name, or None when
    the font file is missing or unreadable (the app still runs with system fonts).
    """
    font_id = QFontDatabase.addApplicationFont(str(chinese_font()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    family = families[0]
    font = QFont(app.font())
    font.setFamilies([*font.families(), family])
    app.setFont(font)
    return family
