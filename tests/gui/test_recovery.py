"""Never lose work: autosave to the recovery folder, and the restore offer after a crash."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from perfdesk.core.files.lock import lock_path, process_started_at
from perfdesk.core.files.recovery import RecoverySlot, RecoveryStore
from perfdesk.core.files.storage import load_document, save_document
from perfdesk.core.model.factory import new_document
from perfdesk.gui.app import install_signal_handlers
from perfdesk.gui.main_window import MainWindow
from perfdesk.gui.recovery import Autosaver
from perfdesk.gui.recovery_dialog import RecoveryDialog
from perfdesk.gui.session import DocumentSession
from perfdesk.paths import user_data_dir
from tests.gui import crash_driver
from tests.gui.helpers import loc
from tests.gui.user_input import type_text


def test_autosave_follows_changes_and_is_removed_when_clean(qtbot, national, tmp_path):
    session = DocumentSession(new_document(national), national)
    store = RecoveryStore(tmp_path / "recovery")
    saver = Autosaver(store.new_slot(), session, latency_ms=50)
    saver.attach(session, tmp_path / "mine.pdesk", "mine.pdesk")
    session.set_text(loc("project", (), "name"), "自动保存")
    qtbot.waitUntil(saver.slot.exists, timeout=3000)
    assert load_document(saver.slot.document_path).project.name == "自动保存"
    meta = json.loads(saver.slot.meta_path.read_text(encoding="utf-8"))
    assert meta["original"] == str(tmp_path / "mine.pdesk") and meta["pid"] == os.getpid()
    assert not (tmp_path / "mine.pdesk").exists()  # never the user's own file
    session.undo_stack.setClean()  # saved
    assert not saver.slot.exists()
    assert list((tmp_path / "recovery").iterdir()) == []


def test_live_copies_are_not_offered_but_dead_ones_are(national, tmp_path):
    store = RecoveryStore(tmp_path)
    live = store.new_slot()
    live.write(new_document(national), None, "新表")
    assert store.orphans() == []
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    meta = json.loads(live.meta_path.read_text(encoding="utf-8"))
    meta["pid"] = int(dead.stdout)
    live.meta_path.write_text(json.dumps(meta), encoding="utf-8")
    (tmp_path / "garbage.json").write_text("{not json", encoding="utf-8")
    assert [e.slot_id for e in store.orphans()] == [live.id]


def _rewrite_meta(slot: RecoverySlot, **fields) -> None:
    meta = json.loads(slot.meta_path.read_text(encoding="utf-8"))
    slot.meta_path.write_text(json.dumps({**meta, **fields}), encoding="utf-8")


def test_copy_naming_this_process_but_not_written_by_it_is_a_crashed_predecessors(national, tmp_path):
    """After a crash the new process may get the same number (containers, reboots): the copy is still offered."""
    store = RecoveryStore(tmp_path)
    left = store.slot(f"{os.getpid()}-predecessor")
    left.write(new_document(national), None, "崩溃前")
    assert [e.slot_id for e in store.orphans()] == [left.id]
    store.adopt(left.id)  # restored: this process writes it now
    assert store.orphans() == []


@pytest.mark.skipif(process_started_at(os.getpid()) is None, reason="the system does not tell start times")
def test_copy_whose_process_number_now_names_a_newer_process_is_offered(national, tmp_path):
    store = RecoveryStore(tmp_path)
    slot = store.new_slot()
    slot.write(new_document(national), None, "新表")
    newer = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _rewrite_meta(slot, pid=newer.pid, saved_at=datetime.fromtimestamp(time.time() - 3600).isoformat())
        assert [e.slot_id for e in store.orphans()] == [slot.id]  # written an hour before it started
        _rewrite_meta(slot, saved_at=datetime.now().isoformat(timespec="seconds"))
        assert store.orphans() == []  # written while it runs: it may be that process's copy
    finally:
        newer.kill()
        newer.wait()


def test_recovery_dialog_restores_the_ticked_entries(qtbot, national, tmp_path):
    store = RecoveryStore(tmp_path)
    for title in ("甲", "乙"):
        store.new_slot().write(new_document(national), None, title)
    entries = _as_dead(store)
    dialog = RecoveryDialog(entries)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2 and dialog.chosen() == entries
    dialog.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.chosen() == entries[1:]


def _as_dead(store: RecoveryStore):
    """Mark every copy in `store` as left by a finished process."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    for meta_path in store.folder.glob("*.json"):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["pid"] = int(dead.stdout)
        meta_path.write_text(json.dumps(meta), encoding="utf-8")
    return store.orphans()


@pytest.mark.slow
def test_killed_process_edit_is_offered_and_restored(context, answers, national, tmp_path):
    original = tmp_path / "项目.pdesk"
    save_document(new_document(national), original)
    proc = crash_driver.start("edit", original, "崩溃前的修改", user_data_dir())
    try:
        crash_driver.expect(proc, original, "READY")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert load_document(original).project.name == ""  # the user's file was never touched

    entries = context.recovery.orphans()
    assert [e.original for e in entries] == [original]
    assert context.recovery.load(entries[0]).project.name == "崩溃前的修改"

    answers.restore = True
    windows = context.start([])
    assert len(windows) == 1
    restored = windows[0]
    assert restored.session.doc.project.name == "崩溃前的修改"
    assert restored.isWindowModified()
    assert restored.file_state.path == original and not restored.file_state.read_only
    assert restored.autosaver.slot.id == entries[0].slot_id
    assert context.recovery.orphans() == []  # adopted by this process now
    assert restored.files.save()
    assert load_document(original).project.name == "崩溃前的修改"
    assert not restored.autosaver.slot.exists()


def test_discarding_the_offer_deletes_the_copies(context, answers, national):
    slot = context.recovery.new_slot()
    slot.write(new_document(national), None, "新表")
    _as_dead(context.recovery)
    answers.restore = False
    windows = context.start([])
    assert len(windows) == 1 and windows[0].session.doc.project.name == ""
    assert not slot.exists()


def test_damaged_copy_is_reported_and_removed(context, answers, national):
    slot = context.recovery.new_slot()
    slot.write(new_document(national), None, "新表")
    slot.document_path.write_text("{broken", encoding="utf-8")
    _as_dead(context.recovery)
    windows = context.start([])
    assert answers.errors and answers.errors[0][0] == "无法恢复"
    assert len(windows) == 1 and not slot.exists()


# ---------------------------------------------------------------- latency and open editors


def test_steady_editing_does_not_postpone_the_copy(qtbot, national, tmp_path):
    """A maximum latency, not a debounce: an edit every 50 ms must not keep the copy from being written."""
    session = DocumentSession(new_document(national), national)
    saver = Autosaver(RecoveryStore(tmp_path).new_slot(), session, latency_ms=300)
    saver.attach(session, None, "新表")
    session.set_text(loc("project", (), "name"), "名称0")
    qtbot.waitUntil(saver.slot.exists, timeout=5_000)
    for number in range(1, 60):  # 3 s of edits, ten times the latency
        session.set_text(loc("project", (), "name"), f"名称{number}")
        qtbot.wait(50)
        if load_document(saver.slot.document_path).project.name != "名称0":
            break
    assert load_document(saver.slot.document_path).project.name != "名称0", "every edit postponed the copy"
    saver.discard()


def test_first_change_after_a_quiet_spell_is_written_at_once(qtbot, national, tmp_path):
    """So a crash a moment after the first key still offers it back; later keys wait for the latency."""
    session = DocumentSession(new_document(national), national)
    saver = Autosaver(RecoveryStore(tmp_path).new_slot(), session, latency_ms=60_000)
    saver.attach(session, None, "新表")
    session.set_text(loc("project", (), "name"), "第一个字")
    qtbot.waitUntil(saver.slot.exists, timeout=5_000)
    session.set_text(loc("project", (), "name"), "第二个字")
    qtbot.wait(100)
    assert load_document(saver.slot.document_path).project.name == "第一个字"  # within the latency, not yet
    assert saver.save_now()
    assert load_document(saver.slot.document_path).project.name == "第二个字"
    saver.discard()


def _type_without_committing(window, where, text):
    view = window.view
    assert view.select_location(where)
    view.setFocus()
    type_text(view, text[:1])
    editor = QApplication.focusWidget()
    assert editor is not view, "typing did not open an editor"
    type_text(editor, text[1:])
    return editor


def test_text_in_an_open_editor_is_in_the_copy_without_an_undo_step(window, qtbot):
    where = loc("project", (), "leader")
    _type_without_committing(window, where, "张三丰 ")
    assert window.session.doc.project.leader == "" and window.session.undo_stack.count() == 0
    assert window.autosaver.save_now()
    copy = load_document(window.autosaver.slot.document_path)
    assert copy.project.leader == "张三丰"  # stored as the committed text would be (normalised)
    assert window.session.doc.project.leader == "" and window.session.undo_stack.count() == 0
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # the user throws the text away
    assert window.autosaver.save_now()
    assert not window.autosaver.slot.exists()  # nothing unsaved, nothing to recover


def test_typing_into_an_editor_schedules_the_copy(window, qtbot):
    _type_without_committing(window, loc("project", (), "name"), "未提交")
    qtbot.waitUntil(window.autosaver.slot.exists, timeout=10_000)
    assert load_document(window.autosaver.slot.document_path).project.name == "未提交"


def test_failing_copy_shows_a_warning_that_stays_until_a_copy_is_written(window, monkeypatch):
    def full(self, doc, original, title):
        raise OSError(errno.ENOSPC, "No space left on device")

    window.session.set_text(loc("project", (), "name"), "磁盘满")
    with monkeypatch.context() as patch:
        patch.setattr(RecoverySlot, "write", full)
        assert not window.autosaver.save_now()
        assert window.unprotected.isVisible()
        note = window.unprotected.full_text()  # cut with … in the status bar, whole in its tooltip
        assert "恢复副本无法写入" in note and "修改未受保护" in note and "磁盘可能已满" in note
        assert "Errno" not in note and "space" not in note  # Chinese only
        window.statusBar().showMessage("别的消息", 10)  # a passing message does not replace it
        assert not window.autosaver.save_now()
        assert window.unprotected.isVisible()
    assert window.autosaver.save_now()
    assert not window.unprotected.isVisible()


# ---------------------------------------------------------------- real processes


def test_text_in_an_open_editor_survives_a_kill(context, answers, national, tmp_path, qtbot):
    original = tmp_path / "表.pdesk"
    save_document(new_document(national), original)
    proc = crash_driver.start("hold", original, "还在编辑框里", user_data_dir())
    try:
        crash_driver.expect(proc, original, "TYPED")
        store = RecoveryStore(user_data_dir() / "recovery")
        slots = lambda: [store.slot(p.stem) for p in store.folder.glob("*.json")]  # noqa: E731
        qtbot.waitUntil(lambda: any(s.exists() and load_document(s.document_path).project.name == "还在编辑框里"
                                    for s in slots()), timeout=20_000)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    windows = context.start([])
    assert [w.session.doc.project.name for w in windows] == ["还在编辑框里"]
    assert windows[0].isWindowModified() and windows[0].file_state.path == original


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGHUP])
def test_terminate_keeps_the_copy_and_releases_the_lock(context, answers, national, tmp_path, how):
    original = tmp_path / "表.pdesk"
    save_document(new_document(national), original)
    proc = crash_driver.start("hold", original, "刚打的字", user_data_dir())
    try:
        crash_driver.expect(proc, original, "TYPED")
        assert lock_path(original).exists()
        proc.send_signal(how)  # at once: long before the autosave would run
        assert proc.wait(timeout=20) == 128 + how
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert not lock_path(original).exists()
    entries = context.recovery.orphans()
    assert [e.original for e in entries] == [original]
    assert context.recovery.load(entries[0]).project.name == "刚打的字"
    assert load_document(original).project.name == ""


def test_interrupt_closes_the_windows_as_the_close_button_does(context, answers, window, qtbot):
    window.session.set_text(loc("project", (), "name"), "未保存")
    bridge = install_signal_handlers(context, QApplication.instance())
    try:
        os.kill(os.getpid(), signal.SIGINT)
        qtbot.waitUntil(lambda: window not in context.windows, timeout=10_000)
    finally:
        bridge.uninstall()
    assert answers.save_prompts == ["未命名自评表"]  # asked, as on closing; the answer was 不保存


@pytest.mark.slow
def test_random_kills_while_typing_lose_at_most_about_the_latency(tmp_path):
    """The recovery trial (benchmarks/bench_crash_loss.py prints the figures): every copy is a
    consistent prefix of the typing, one is offered whenever anything was typed a moment
    before, and what is lost stays near the autosave latency (generous slack for a busy machine)."""
    rng = random.Random(13)
    losses = []
    for number in range(12):
        folder = tmp_path / str(number)
        folder.mkdir()
        trial = crash_driver.run_trial(folder, number, rng.uniform(0.3, 12.0))
        losses.append(trial.lost_seconds)
        if trial.typing_seconds > 2:  # longer than the latency: offered even without the write at the first key
            assert trial.offered and trial.kept > 0, trial
        assert trial.lost_seconds < 5, trial
    assert statistics.median(losses) < 2.5, losses


@pytest.mark.slow
def test_terminate_while_typing_keeps_every_key(tmp_path):
    """SIGTERM (log-out, shutdown, `kill`) flushes the copy: nothing typed before it is lost."""
    rng = random.Random(15)
    for number in range(4):
        folder = tmp_path / str(number)
        folder.mkdir()
        trial = crash_driver.run_trial(folder, 100 + number, rng.uniform(0.3, 8.0), how=signal.SIGTERM)
        assert trial.offered and trial.kept >= trial.typed and trial.lost_seconds == 0, trial


def test_terminate_during_a_start_up_question_still_ends_the_program(answers, monkeypatch):
    from perfdesk.gui import app as app_module
    from perfdesk.gui import launch

    def start_then_terminated(self, paths):
        windows = [self.new_window()]
        self.shut_down(128 + signal.SIGTERM)  # as the signal bridge does while the recovery question is open
        return windows

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    # The test runner's QApplication as it is: the real one would also set the shipped font
    # on it, changing every later test's row heights.
    monkeypatch.setattr(launch, "create_qapplication", lambda argv: QApplication.instance())
    monkeypatch.setattr(QApplication, "exit", lambda code=0: None)  # no loop to leave; keep the runner's
    monkeypatch.setattr(app_module.AppContext, "start", start_then_terminated)
    monkeypatch.setattr(QApplication, "exec", lambda *args: pytest.fail("the main loop must not start"))
    assert launch.run([]) == 128 + signal.SIGTERM
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            widget.close()
