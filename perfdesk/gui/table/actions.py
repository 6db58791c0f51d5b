"""The grid's commands as QActions (menus, toolbar, context menu), enabled by the current cell."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QMenu, QPlainTextEdit

from perfdesk.core.layout.table import Cell
from perfdesk.core.model.document import MAX_INDICATORS, Funds, Group, Indicator
from perfdesk.core.model.results import Location
from perfdesk.gui.new_action import new_action
from perfdesk.gui.table.row_moves import CutMark, group_choices

if TYPE_CHECKING:
    from perfdesk.gui.table.view import TableView

GROUP_WEIGHT_KEY = "Ctrl+G"
INDICATOR_FIELDS = ("name", "target", "actual", "reason")
COMPARATORS = (("≥", "插入 ≥（不低于）"), ("≤", "插入 ≤（不高于）"), ("＝", "插入 ＝（等于）"))
_LEADING_SIGNS = "≥≤=＝><≧≦ "


def indicator_path(cell: Cell | None) -> tuple[int, int, int] | None:
    if cell is None:
        return None
    if cell.binding is not None and cell.binding.section == "indicator":
        i1, i2, i3 = cell.binding.path
        return i1, i2, i3
    if cell.key == "indicator.score":
        i1, i2, i3 = cell.path
        return i1, i2, i3
    return None


def group_path(cell: Cell | None) -> tuple[int, int] | None:
    path = indicator_path(cell)
    if path is not None:
        return path[:2]
    if cell is not None and cell.binding is not None and cell.binding.section == "group":
        i1, i2 = cell.binding.path
        return i1, i2
    if cell is not None and cell.key in ("group", "group.score"):
        i1, i2 = cell.path
        return i1, i2
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
        self.cut_rows = self._action("剪切行", self.on_cut_rows, "Ctrl+Shift+X",
                                     "标记选中的指标行，再用“粘贴行”移到别处（可移到其他二级指标）")
        self.paste_rows = self._action("粘贴行", self.on_paste_rows, "Ctrl+Shift+V",
                                       "把剪切的行移到当前行之前；选中二级指标名称时移到该二级末尾")
        self.move_to = self._action("移动到…", self.on_move_to, "Ctrl+Shift+M", "把选中的指标行移到另一个二级指标")
        self.cut_mark = CutMark()
        self.group_weight = self._action("整组分值", self.on_group_weight, GROUP_WEIGHT_KEY,
                                         "整个二级指标只填一个分值（合并分值单元格），再按一次取消")
        self.group_weight.setCheckable(True)
        self.manual_score = self._action("人工评分…", self.on_manual_score)
        self.comparators = [
            self._action(tip, lambda _=False, s=sign: self.insert_sign(s)) for sign, tip in COMPARATORS
        ]
        for action, (sign, _) in zip(self.comparators, COMPARATORS, strict=True):
            action.setText(sign)
            action.setToolTip(action.statusTip())
        view.selectionModel().currentChanged.connect(self.update_enabled)

    def _action(self, text: str, slot, shortcut: str = "", tip: str = "") -> QAction:
        action = new_action(text, self.view)
        action.setStatusTip(tip or text)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        return action

    def all(self) -> list[QAction]:
        return [self.add_indicator, self.delete_indicator, self.move_up, self.move_down, *self.row_moves(),
                self.group_weight, self.manual_score, *self.comparators]

    def row_moves(self) -> list[QAction]:
        return [self.cut_rows, self.paste_rows, self.move_to]

    def fill_menu(self, menu: QMenu) -> None:
        menu.addActions([self.add_indicator, self.delete_indicator, self.move_up, self.move_down])
        menu.addActions(self.row_moves())
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
        self.move_up.setEnabled(ind is not None and (ind[2] > 0 or self.neighbour_group(group, -1) is not None))
        self.move_down.setEnabled(ind is not None and (ind[2] < count - 1
                                                       or self.neighbour_group(group, 1) is not None))
        self.cut_rows.setEnabled(ind is not None)
        self.move_to.setEnabled(ind is not None)
        was_cut = self.cut_mark.active
        cut = self.cut_mark.rows(session.undo_stack)
        if was_cut and not cut:
            self.view.viewport().update()  # the cut rows' dashed frames go
        self.paste_rows.setEnabled(group is not None and bool(cut))
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
        if not self.view.session.doc.room_for_indicators():
            self.view.status_message.emit(
                f"表格已有 {MAX_INDICATORS:,} 个三级指标，达到上限，不能再插入（否则文件将无法再打开）")
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
        """上移/下移 inside the 二级; past its first or last row, into the previous or next 二级."""
        cell = self.view.current_cell()
        ind = indicator_path(cell)
        if ind is None:
            return
        if 0 <= ind[2] + delta < len(self.view.session.doc.group_at(*ind[:2]).indicators):
            new = self.view.session.move_indicator(ind, delta)
            self._select_indicator(new, cell.binding.field if cell.binding else "name")
            return
        target = self.neighbour_group(ind[:2], delta)
        if target is not None:
            index = 0 if delta > 0 else len(self.view.session.doc.group_at(*target).indicators)
            self.move_rows([ind], (*target, index), "下移指标" if delta > 0 else "上移指标")

    def neighbour_group(self, group: tuple[int, int] | None, delta: int) -> tuple[int, int] | None:
        """The 二级 before (delta < 0) or after `group` in table order, across 一级 too; None at either end."""
        if group is None:
            return None
        order = [g for g, _ in group_choices(self.view.session.doc)]
        k = order.index((group[0], group[1])) + (1 if delta > 0 else -1)
        return order[k] if 0 <= k < len(order) else None

    def selected_rows(self) -> list[tuple[int, int, int]]:
        """The indicator rows of the selected cells, or the current cell's row."""
        cells = self.view._selected_cells() or [self.view.current_cell()]
        return sorted({p for p in map(indicator_path, cells) if p is not None})

    def on_cut_rows(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.cut_mark.set(self.view.session.undo_stack, rows)
            self.view.viewport().update()  # the delegate frames the cut rows
            key = self.paste_rows.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            self.say(f"已剪切 {len(rows)} 行指标：选中目标行后按“粘贴行”（{key}）移到该行之前，"
                     "选中二级指标名称则移到该二级末尾")
            self.update_enabled()

    def on_paste_rows(self) -> None:
        cell = self.view.current_cell()
        rows, group, ind = self.cut_mark.rows(self.view.session.undo_stack), group_path(cell), indicator_path(cell)
        if not rows or group is None:
            return
        # The move's undo step ends the cut (see CutMark.rows); a refused move, or one that leaves the rows
        # where they are, keeps it: the rows can still be pasted.
        index = ind[2] if ind else len(self.view.session.doc.group_at(*group).indicators)
        self.move_rows(rows, (*group, index), f"粘贴 {len(rows)} 行指标")

    def on_move_to(self) -> None:
        rows = self.selected_rows()
        if not rows or self.view.refuses_edits():
            return
        doc = self.view.session.doc
        choices = group_choices(doc)
        here = next(k for k, (g, _) in enumerate(choices) if g == rows[0][:2])
        from perfdesk.gui.table.move_to_dialog import MoveToDialog

        picked = MoveToDialog.ask(self.view, len(rows), [text for _, text in choices], here)
        if picked is not None:
            group = choices[picked][0]
            self.move_rows(rows, (*group, len(doc.group_at(*group).indicators)), f"移动 {len(rows)} 行指标")

    def move_rows(self, rows: list[tuple[int, int, int]], target: tuple[int, int, int], description: str) -> None:
        """Move `rows` before row target[2] of 二级 target[:2], keep the cursor on them and say where."""
        cell = self.view.current_cell()
        field = cell.binding.field if cell is not None and cell.binding is not None else "name"
        session = self.view.session
        new = session.move_indicators_to(rows, *target, description)
        self._select_indicator(new[0], field if field in INDICATOR_FIELDS else "name")
        if new == sorted(rows):  # refused, or already there: the status line keeps saying why
            return
        l1 = session.doc.level1[target[0]]
        self.say(f"已把 {len(rows)} 行指标移到“{l1.name} › {l1.groups[target[1]].name}”")

    def say(self, text: str) -> None:
        window = self.view.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 10_000)

    def on_group_weight(self) -> None:
        group = group_path(self.view.current_cell())
        if group is not None and self.view.session.profile.group_weights:
            self.view.session.toggle_group_weight(*group)
        self.update_enabled()

    def on_manual_score(self) -> None:
        target = self.manual_target()
        if target is None:
            return
        read_only = self.view.dialog_read_only()
        if read_only is None:  # refused, and the status line or a message said why
            return
        session = self.view.session
        ev, doc = session.evaluation, session.doc
        record: Funds | Group | Indicator
        if isinstance(target, str):  # "funds"
            what, weight, record = "预算执行率", ev.funds.weight, doc.funds
        elif len(target) == 2:
            result = ev.group(target)
            what = " › ".join(result.names) if result else "整组"
            weight, record = (result.weight if result else None), doc.group_at(*target)
        else:
            row = ev.indicator(target)
            what = " › ".join(row.names) if row else "指标"
            weight, record = (row.weight if row else None), doc.indicator_at(*target)
        from perfdesk.gui.table.manual_score_dialog import ManualScoreDialog

        answer = ManualScoreDialog.ask(self.view, what, weight, record.manual_score, record.manual_reason, read_only)
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
