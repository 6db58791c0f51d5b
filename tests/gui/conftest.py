"""Fixtures for main-window tests: an isolated AppContext and scripted answers to every prompt.

No real modal dialog ever opens in a test that uses `answers` (directly or via
`context`/`window`): each question is answered from `Answers` and recorded, so a
test can check what the user was asked or told.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from perfdesk.core.model.results import Location
from perfdesk.gui import launch
from perfdesk.gui.dialogs import LockChoice, Prompts, SaveChoice
from perfdesk.gui.session import DocumentSession
from perfdesk.gui.table.view import TableView
from tests.gui.helpers import filled_document


@dataclass
class Answers:
    """What the simulated user answers, and what the program said to them."""

    save_choice: SaveChoice = SaveChoice.DISCARD
    yes: bool = False
    open_path: Path | None = None
    save_path: Path | None = None
    template_id: str | None = None
    project_changes: list[tuple[Location, str]] = field(default_factory=list)
    restore: bool = True
    lock_choice: LockChoice = LockChoice.CANCEL  # a file someone else holds: read-only, take over, cancel
    errors: list[tuple[str, str]] = field(default_factory=list)
    informed: list[tuple[str, str]] = field(default_factory=list)
    #: Each template question: the open table's template id (更换模板) or None (新建).
    template_questions: list[str | None] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    save_prompts: list[str] = field(default_factory=list)


@pytest.fixture
def answers(monkeypatch) -> Answers:
    a = Answers()

    def ask_save_changes(self, name):
        a.save_prompts.append(name)
        return a.save_choice

    def ask_yes_no(self, title, text):
        a.questions.append(text)
        return a.yes

    def ask_locked(self, message):
        a.questions.append(message)
        return a.lock_choice

    def choose_template(self, library, current=None):
        a.template_questions.append(current.id if current else None)
        return library.get(a.template_id) if a.template_id else None

    monkeypatch.setattr(Prompts, "ask_save_changes", ask_save_changes)
    monkeypatch.setattr(Prompts, "ask_yes_no", ask_yes_no)
    monkeypatch.setattr(Prompts, "ask_locked", ask_locked)
    monkeypatch.setattr(Prompts, "error", lambda self, title, text: a.errors.append((title, text)))
    monkeypatch.setattr(Prompts, "warning", lambda self, title, text: a.errors.append((title, text)))
    monkeypatch.setattr(Prompts, "inform", lambda self, title, text: a.informed.append((title, text)))
    monkeypatch.setattr(Prompts, "open_path", lambda self, folder: a.open_path)
    monkeypatch.setattr(Prompts, "save_path", lambda self, title, suggested, flt: a.save_path)
    monkeypatch.setattr(Prompts, "choose_template", choose_template)
    monkeypatch.setattr(Prompts, "edit_project",
                        lambda self, project, read_only=False: [] if read_only else a.project_changes)
    monkeypatch.setattr(Prompts, "choose_recovery", lambda self, entries: list(entries) if a.restore else [])
    return a


@pytest.fixture
def context(qapp, answers):
    from perfdesk.gui.app import AppContext

    ctx = AppContext.create()
    yield ctx
    for window in list(ctx.windows):
        window.session.undo_stack.setClean()  # nothing left to ask about
        window.close()


@pytest.fixture
def no_main_loop(monkeypatch):
    """`launch.run` up to the main loop, on the test runner's QApplication as it is (the real one
    would also set the shipped font on it, changing every later test's row heights)."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(launch, "create_qapplication", lambda argv: QApplication.instance())
    monkeypatch.setattr(QApplication, "exec", lambda *args: 0)


@pytest.fixture
def window(context, qtbot):
    win = context.new_window()  # closed by `context` (it deletes itself on close)
    win.show()
    qtbot.waitExposed(win)
    return win


# A filled national table in a grid of its own (modules with another table override `session`).
@pytest.fixture
def session(qtbot, national):
    return DocumentSession(filled_document(national), national)


@pytest.fixture
def view(qtbot, session):
    view = TableView(session)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    return view
