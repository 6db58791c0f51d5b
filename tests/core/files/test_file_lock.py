"""Lock files beside documents: who has it open, stale locks, garbage."""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys
import time
from datetime import datetime

import pytest

from perfdesk.core.files import lock as file_lock
from perfdesk.core.files.lock import (
    Holder,
    LockedError,
    acquire,
    lock_path,
    read_holder,
)


@pytest.fixture
def doc_path(tmp_path):
    path = tmp_path / "自评表.pdesk"
    path.write_text("{}", "utf-8")
    return path


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _write_lock(doc_path, **fields) -> None:
    lock_path(doc_path).write_text(json.dumps(fields, ensure_ascii=False), "utf-8")


def test_lock_file_beside_the_document_holds_who_and_when(doc_path):
    with acquire(doc_path) as lock:
        assert lock.held and lock.path == doc_path.parent / "~$自评表.pdesk.lock"
        data = json.loads(lock.path.read_text("utf-8"))
        assert data["pid"] == os.getpid() and data["host"] == socket.gethostname()
        assert {"user", "opened_at", "token"} <= set(data)
    assert not lock_path(doc_path).exists()


def test_second_acquire_reports_the_holder(doc_path):
    _write_lock(doc_path, user="张三", host="办公室-PC", pid=4242, opened_at="2024-05-01T10:20:33", token="t")
    with pytest.raises(LockedError) as info:
        acquire(doc_path)
    assert info.value.message.startswith("此文件正由 张三（电脑 办公室-PC）于 2024-05-01 10:20 打开")
    assert info.value.holder.user == "张三"


def test_second_acquire_in_the_same_process_is_refused(doc_path):
    with acquire(doc_path):
        with pytest.raises(LockedError) as info:
            acquire(doc_path)
        assert info.value.holder.pid == os.getpid() and info.value.holder.is_this_computer


def test_stale_lock_of_a_dead_process_on_this_computer_is_taken_over(doc_path):
    _write_lock(doc_path, user="张三", host=socket.gethostname(), pid=_dead_pid(), opened_at="x", token="old")
    with acquire(doc_path) as lock:
        assert read_holder(lock.path).token == lock.holder.token != "old"


def test_lock_of_a_dead_pid_on_another_computer_is_respected(doc_path):
    _write_lock(doc_path, user="李四", host="other-host", pid=_dead_pid(), opened_at="", token="t")
    with pytest.raises(LockedError, match="李四（电脑 other-host）打开"):
        acquire(doc_path)


def test_force_takes_over_a_live_lock(doc_path):
    _write_lock(doc_path, user="李四", host="other-host", pid=1, token="t")
    with acquire(doc_path, force=True) as lock:
        assert lock.held and read_holder(lock.path).pid == os.getpid()


@pytest.mark.parametrize(
    "content", [b"", b"\xff\xfe garbage", b"[1,2]", b"{\"pid\": \"x\", \"user\": [1]}", b"[" * 100_000]
)
def test_garbage_lock_read_without_crash(doc_path, content):
    lock_path(doc_path).write_bytes(content)
    holder = read_holder(lock_path(doc_path))
    assert holder.pid == 0
    with pytest.raises(LockedError, match="此文件正由 其他用户"):
        acquire(doc_path)  # fresh garbage may be a lock being written right now


def test_old_garbage_lock_is_taken_over(doc_path):
    lock_path(doc_path).write_bytes(b"\x00\x01")
    old = time.time() - file_lock.UNREADABLE_GRACE_SECONDS - 5
    os.utime(lock_path(doc_path), (old, old))
    with acquire(doc_path) as lock:
        assert lock.held


def test_release_is_idempotent_and_leaves_a_lock_taken_over_by_someone_else(doc_path):
    lock = acquire(doc_path)
    lock.release()
    lock.release()
    lock = acquire(doc_path)
    _write_lock(doc_path, user="王五", host="h", pid=1, token="theirs")
    lock.release()
    assert read_holder(lock_path(doc_path)).token == "theirs"


def test_read_only_folder_gives_an_unheld_lock(doc_path, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    lock = acquire(doc_path)
    assert not lock.held
    lock.release()


def test_pid_alive():
    assert file_lock.pid_alive(os.getpid())
    assert not file_lock.pid_alive(_dead_pid())
    assert not file_lock.pid_alive(0)


def test_holder_description_when_fields_are_missing():
    assert Holder().describe() == "其他用户"


def test_lock_naming_this_process_but_not_held_by_it_is_a_predecessors(doc_path):
    """A crashed program's number given again to the new one (common in containers and after reboots)."""
    _write_lock(doc_path, user="张三", host=socket.gethostname(), pid=os.getpid(), opened_at="2024-01-01T08:00:00",
                token="predecessor")
    with acquire(doc_path) as lock:
        assert read_holder(lock.path).token == lock.holder.token


@pytest.mark.skipif(file_lock.process_started_at(os.getpid()) is None, reason="the system does not tell start times")
def test_lock_whose_process_number_now_names_a_newer_process_is_taken_over(doc_path):
    newer = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _write_lock(doc_path, user="张三", host=socket.gethostname(), pid=newer.pid,
                    opened_at=datetime.fromtimestamp(time.time() - 3600).isoformat(timespec="seconds"), token="old")
        with acquire(doc_path) as lock:  # written an hour before that process started: not its lock
            assert read_holder(lock.path).token == lock.holder.token
        _write_lock(doc_path, user="张三", host=socket.gethostname(), pid=newer.pid,
                    opened_at=datetime.now().isoformat(timespec="seconds"), token="live")
        with pytest.raises(LockedError):  # written while it runs: it may well be its lock
            acquire(doc_path)
    finally:
        newer.kill()
        newer.wait()


def test_process_start_time_is_before_now_for_this_process():
    started = file_lock.process_started_at(os.getpid())
    assert started is None or started <= time.time()
    assert file_lock.process_started_at(_dead_pid()) is None


def test_full_disk_gives_an_unheld_lock_that_says_why(doc_path, monkeypatch):
    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    lock = acquire(doc_path)
    assert not lock.held and lock.problem == "磁盘已满"
    assert not lock_path(doc_path).exists()  # no empty lock to confuse the next reader
