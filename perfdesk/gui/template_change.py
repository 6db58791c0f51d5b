"""编辑 › 更换模板… (also in the import report): move the open table onto another template.

An import guesses the template and a clerk may start on the wrong one; the
scores then follow the wrong rules. The user picks the template, the session
moves the table as one undo step (`DocumentSession.change_template`) and the
window says what moved, so nothing changes silently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfdesk.core.rules.profile import Profile

if TYPE_CHECKING:
    from perfdesk.gui.main_window import MainWindow


def change_template(window: MainWindow) -> bool:
    """Ask for the template and change to it; False when the table stays as it was."""
    session = window.session
    old = session.profile
    if window.view.refuses_edits():
        return False
    chosen = window.prompts.choose_template(window.context.library, old)
    if chosen is None:
        return False
    notes = session.change_template(chosen)
    if notes is None:
        return False
    window.statusBar().showMessage(f"已更换模板：{chosen.name}（可撤销）", 15_000)
    window.prompts.inform("已更换模板", change_report(old, chosen, notes))
    return True


def change_report(old: Profile, new: Profile, notes: list[str]) -> str:
    """What the user reads after the change: from which template to which, then each move."""
    head = f"本表已由“{old.name}”改为“{new.name}”，得分已按新模板的规则重新计算。"
    moved = "\n".join(f"· {note}" for note in notes) if notes else "表中内容不需要移动。"
    return f"{head}\n\n{moved}\n\n如需恢复原模板，请使用“撤销”（Ctrl+Z）。"
