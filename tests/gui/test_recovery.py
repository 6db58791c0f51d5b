"""Never lose work: autosave to the recovery folder, and the restore offer after a crash."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from perfdesk.core.files.recovery import RecoveryStore
from perfdesk.core.files.storage import load_document, save_document
from perfdesk.core.model.factory import new_document
from perfdesk.gui.recovery import Autosaver
from perfdesk.gui.recovery_dialog import RecoveryDialog
from perfdesk.gui.session import DocumentSession
from perfdesk.paths import user_data_dir
from tests.gui.helpers import loc

ROOT = Path(__file__).resolve().parents[2]


def test_autosave_follows_changes_and_is_removed_when_clean(qtbot, national, tmp_path):
    session = DocumentSession(new_document(national), national)
    store = RecoveryStore(tmp_path / "recovery")
    saver = Autosaver(store.new_slot(), session, debounce_ms=50, period_ms=10_000)
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
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PERFDESK_DATA_DIR": str(user_data_dir()),
           "PYTHONPATH": str(ROOT)}
    driver = ROOT / "tests" / "gui" / "crash_driver.py"
    proc = subprocess.Popen([sys.executable, str(driver), str(original), "崩溃前的修改"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        assert proc.stdout is not None and proc.stderr is not None
        line = proc.stdout.readline().strip()
        assert line == "READY", proc.stderr.read() if line == "" else line
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
