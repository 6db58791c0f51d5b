"""Qt's standard buttons speak Chinese in PerfDesk's dialogs."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QDialogButtonBox

from perfdesk.gui.launch import create_qapplication
from perfdesk.gui.qt_translations import install_qt_translations
from perfdesk.gui.table.manual_score_dialog import ManualScoreDialog


def test_dialog_buttons_are_chinese_not_ok_cancel(qapp, qtbot):
    create_qapplication([])
    dialog = ManualScoreDialog("产出指标 › 数量指标 › 接收对象", Decimal("20"), "", "")
    qtbot.addWidget(dialog)
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    texts = sorted(b.text() for b in box.buttons())
    assert texts == sorted(["确定", "取消", "清除人工评分"])


def test_installing_twice_keeps_one_translator(qapp):
    assert install_qt_translations(qapp)
    assert install_qt_translations(qapp)
    assert len(qapp.findChildren(QTranslator)) == 1
