"""Saving never destroys the previous file: faults, full disks, denied folders, kill -9."""

from __future__ import annotations

import errno
import multiprocessing
import os
import random
import re
import signal
import sys
import time
from pathlib import Path

import pytest

from perfdesk.core.files import atomic_write
from perfdesk.core.files.atomic_write import backup_path
from perfdesk.core.files.fingerprint import content_hash
from perfdesk.core.files.storage import DocumentFileError, load_document, save_document
from tests.core.file_samples import SharingViolation, filled_document


@pytest.fixture
def saved(tmp_path):
    """A folder holding `表.pdesk` saved once, and its bytes."""
    path = tmp_path / "表.pdesk"
    save_document(filled_document(), path)
    return path, path.read_bytes()


def _changed():
    doc = filled_document()
    doc.project.name = "改过的名称"
    return doc


def _assert_untouched(path: Path, old: bytes) -> None:
    assert path.read_bytes() == old
    leftovers = [p.name for p in path.parent.iterdir() if p.name not in (path.name, backup_path(path).name)]
    assert leftovers == []


def test_second_save_keeps_previous_version_as_bak(saved):
    path, old = saved
    save_document(_changed(), path)
    assert backup_path(path).read_bytes() == old
    assert load_document(path).project.name == "改过的名称"
    save_document(filled_document(), path)
    assert load_document(backup_path(path)).project.name == "改过的名称"


def test_first_save_has_no_backup_and_sensible_permissions(tmp_path):
    path = tmp_path / "new.pdesk"
    save_document(filled_document(), path)
    assert not backup_path(path).exists()
    assert path.stat().st_mode & 0o044  # readable by colleagues on a share, like any new file


def test_existing_permissions_kept(saved):
    path, _ = saved
    path.chmod(0o640)
    save_document(_changed(), path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_backup_copied_when_hard_links_are_unsupported(saved, monkeypatch):
    path, old = saved

    def no_links(*args):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    save_document(_changed(), path)
    assert backup_path(path).read_bytes() == old


@pytest.mark.parametrize("target", ["replace", "write", "fsync"])
def test_exception_mid_save_leaves_old_file_and_no_temp(saved, monkeypatch, target):
    path, old = saved
    real = getattr(os, target)
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        if target != "replace" or len(calls) == 2:  # replace: let the backup through, fail the swap
            raise RuntimeError("boom")
        return real(*args, **kwargs)

    monkeypatch.setattr(os, target, failing)
    with pytest.raises(RuntimeError):
        save_document(_changed(), path)
    monkeypatch.undo()
    _assert_untouched(path, old)


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足，无法保存“表.pdesk”"),
        (PermissionError(errno.EACCES, "Permission denied"), "没有权限写入“表.pdesk”"),
        (OSError(errno.EROFS, "Read-only file system"), "只读的磁盘"),
        (FileNotFoundError(errno.ENOENT, "No such file"), "不存在（U 盘或网络盘可能已断开）"),
        (OSError(errno.EIO, "Input/output error"), f"保存“表.pdesk”失败（系统错误 {errno.EIO}）"),
    ],
)
def test_os_errors_become_chinese_messages(saved, monkeypatch, error, words):
    path, old = saved

    def failing(fd):
        raise error

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(DocumentFileError, match=words) as info:
        save_document(_changed(), path)
    assert info.value.source == "表.pdesk"
    assert not re.search("[A-Za-z]{3,}", re.sub("“[^”]*”", "", info.value.message))  # system English is logged
    monkeypatch.undo()
    _assert_untouched(path, old)


def test_windows_sharing_violation_message(tmp_path):
    error = SharingViolation(errno.EACCES, "denied")
    message = atomic_write.explain_os_error(error, tmp_path / "表.pdesk").message
    assert "正被其他程序（如 Excel、WPS 或杀毒软件）占用" in message


def test_read_only_folder(saved, monkeypatch):
    """chmod does not stop root, so a denied temp-file creation is simulated."""
    path, old = saved
    real_open = os.open

    def denied(file, flags, *args):
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, flags, *args)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(DocumentFileError, match="没有权限写入"):
        save_document(_changed(), path)
    monkeypatch.undo()
    _assert_untouched(path, old)


def test_folder_vanished(tmp_path):
    with pytest.raises(DocumentFileError, match="不存在"):
        save_document(filled_document(), tmp_path / "gone" / "表.pdesk")


def _versions() -> list:
    versions = []
    for i in range(4):
        doc = filled_document(rows=300)
        doc.project.name = f"v{i}"
        versions.append(doc)
    return versions


def _save_forever(path: Path, versions: list, ready) -> None:
    ready.set()
    i = 0
    while True:
        save_document(versions[i % 4], path)
        i += 1


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")
def test_kill_during_saves_always_leaves_a_whole_version(tmp_path):
    """A forked child saves in a loop and is SIGKILLed at a random moment, 200 times."""
    context = multiprocessing.get_context("fork")
    path = tmp_path / "表.pdesk"
    versions = _versions()
    expected = {doc.project.name: content_hash(doc) for doc in versions}
    save_document(versions[0], path)
    rng = random.Random(20240501)
    for _ in range(200):
        ready = context.Event()
        child = context.Process(target=_save_forever, args=(path, versions, ready), daemon=True)
        child.start()
        assert ready.wait(10)
        time.sleep(rng.uniform(0, 0.02))
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        for candidate in (path, backup_path(path)):
            if candidate.exists():
                doc = load_document(candidate)
                assert content_hash(doc) == expected[doc.project.name]
    killed_mid_write = [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
    print(f"{len(killed_mid_write)} of 200 kills landed while a temp file existed")
    assert killed_mid_write  # the trials did hit the dangerous window
