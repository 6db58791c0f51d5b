"""The grid's commands as QActions (menus, toolbar, context menu), enabled by the current cell."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit

from perfdesk.core.layout.table import Cell
from perfdesk.core.model.results import Location

if TYPE_CHECKING:
    from perfdesk.gui.table.view import TableView

COMPARATORS = (("≥", "插入 ≥（不低于）"), ("≤", "插入 ≤（不高于）"), ("＝", "插入 ＝（等于）"))
_LEADING_SIGNS = "≥≤=＝><≧≦ "


def indicator_path(cell: Cell | None) -> tuple[int, int, int] | None:
    if cell is None:
        return None
    if cell.binding is not None and cell.binding.section == "indicator":
        return tuple(cell.binding.path)
    if cell.key == "indicator.score":
        return tuple(cell.path)
    return None


def group_path(cell: Cell | None) -> tuple[int, int] | None:
    path = indicator_path(cell)
    if path is not None:
        return path[:2]
    if cell is not None and cell.binding is not None and cell.binding.section == "group":
        return tuple(cell.binding.path)
    if cell is not None and cell.key in ("group", "group.score"):
        return tuple(cell.path)
    return None


def is_funds_score(cell: Cell | None) -> bool:
    if cell is None:
        return False
    return cell.key in ("funds.rate", "funds.score") or (
        cell.binding is not None and cell.binding.section == "funds" and cell.binding.field == "weight"
    )


class TableActions(QObject):
    """Owns the actions; the view exposes them under the names the window uses."""

    def __init__(self, view: TableView) -> None:
        super().__init__(view)
        self.view = view
        self.add_indicator = self._action("新增指标", self.on_add, "Ctrl+Shift+=")
        self.delete_indicator = self._action("删除指标", self.on_delete, "Ctrl+-")
        self.move_up = self._action("上移", lambda: self.on_move(-1), "Ctrl+Shift+Up")
        self.move_down = self._action("下移", lambda: self.on_move(1), "Ctrl+Shift+Down")
        self.group_weight = self._action("设为整组分值", self.on_group_weight)
        self.group_weight.setCheckable(True)
        self.manual_score = self._action("人工评分…", self.on_manual_score)
        self.comparators = [
            self._action(tip, lambda _=False, s=sign: self.insert_sign(s)) for sign, tip in COMPARATORS
        ]
        for action, (sign, _) in zip(self.comparators, COMPARATORS):
            action.setText(sign)
            action.setToolTip(action.statusTip())
        view.selectionModel().currentChanged.connect(self.update_enabled)

    def _action(self, text: str, slot, shortcut: str = "") -> QAction:
        action = QAction(self.view)  # not QAction(text, parent): that creates QIcon's type at start-up
        action.setText(text)
        action.setStatusTip(text)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        return action

    def all(self) -> list[QAction]:
        return [self.add_indicator, self.delete_indicator, self.move_up, self.move_down,
                self.group_weight, self.manual_score, *self.comparators]

    def fill_menu(self, menu: QMenu) -> None:
        menu.addActions([self.add_indicator, self.delete_indicator, self.move_up, self.move_down])
        menu.addSeparator()
        menu.addActions([self.group_weight, self.manual_score])
        menu.addSeparator()
        menu.addActions(self.comparators)

    # ------------------------------------------------------------ state

    def update_enabled(self) -> None:
        session = self.view.session
        cell = self.view.current_cell()
        ind, group = indicator_path(cell), group_path(cell)
        count = len(session.doc.group_at(*group).indicators) if group else 0
        self.add_indicator.setEnabled(group is not None)
        self.delete_indicator.setEnabled(ind is not None)
        self.move_up.setEnabled(ind is not None and ind[2] > 0)
        self.move_down.setEnabled(ind is not None and ind[2] < count - 1)
        self.group_weight.setEnabled(group is not None and session.profile.group_weights)
        self.group_weight.setChecked(group is not None and session.doc.group_at(*group).has_group_weight)
        self.manual_score.setEnabled(self.manual_target() is not None)
        editable = cell is not None and cell.binding is not None
        for action in self.comparators:
            action.setEnabled(editable)

    def manual_target(self) -> tuple[int, ...] | str | None:
        """What a manual score would override here: an indicator, a weighted group, or the funds."""
        cell = self.view.current_cell()
        group = group_path(cell)
        if group is not None and self.view.session.doc.group_at(*group).has_group_weight:
            return group
        if indicator_path(cell) is not None:
            return indicator_path(cell)
        return "funds" if is_funds_score(cell) and self.view.session.profile.funds.scored else None

    # ------------------------------------------------------------ handlers

    def on_add(self) -> None:
        cell = self.view.current_cell()
        group, ind = group_path(cell), indicator_path(cell)
        if group is None:
            return
        index = ind[2] + 1 if ind else len(self.view.session.doc.group_at(*group).indicators)
        self.view.session.insert_indicator(group[0], group[1], index)
        self._select_indicator((group[0], group[1], index))

    def on_delete(self) -> None:
        ind = indicator_path(self.view.current_cell())
        if ind is not None:
            self.view.session.remove_indicator(ind)
            count = len(self.view.session.doc.group_at(ind[0], ind[1]).indicators)
            self._select_indicator((ind[0], ind[1], min(ind[2], count - 1)))

    def on_move(self, delta: int) -> None:
        cell = self.view.current_cell()
        ind = indicator_path(cell)
        if ind is not None:
            new = self.view.session.move_indicator(ind, delta)
            self._select_indicator(new, cell.binding.field if cell.binding else "name")

    def on_group_weight(self) -> None:
        group = group_path(self.view.current_cell())
        if group is not None and self.view.session.profile.group_weights:
            self.view.session.toggle_group_weight(*group)
        self.update_enabled()

    def on_manual_score(self) -> None:
        target = self.manual_target()
        if target is None:
            return
        session = self.view.session
        ev, doc = session.evaluation, session.doc
        if target == "funds":
            what, weight, record = "预算执行率", ev.funds.weight, doc.funds
        elif len(target) == 2:
            result = ev.group(target)
            what, weight, record = " › ".join(result.names) if result else "整组", result.weight if result else None, doc.group_at(*target)
        else:
            result = ev.indicator(target)
            what = " › ".join(result.names) if result else "指标"
            weight, record = (result.weight if result else None), doc.indicator_at(*target)
        from perfdesk.gui.table.manual_score_dialog import ManualScoreDialog  # rarely used: not at start-up

        answer = ManualScoreDialog.ask(self.view, what, weight, record.manual_score, record.manual_reason)
        if answer is not None:
            session.set_manual_score(target, *answer)

    def insert_sign(self, sign: str) -> None:
        """Insert a comparator at the cursor of the open editor, or at the start of the cell's text."""
        focus = QApplication.focusWidget()
        if isinstance(focus, (QLineEdit, QPlainTextEdit)) and self.view.viewport().isAncestorOf(focus):
            if isinstance(focus, QLineEdit):
                focus.insert(sign)
            else:
                focus.insertPlainText(sign)
            return
        cell = self.view.current_cell()
        if cell is not None and cell.binding is not None:
            text = self.view.session.text(cell.binding)
            self.view.session.set_text(cell.binding, sign + text.lstrip(_LEADING_SIGNS))

    def _select_indicator(self, path: tuple[int, int, int], field: str = "name") -> None:
        self.view.select_location(Location("indicator", path, field))
        self.update_enabled()
