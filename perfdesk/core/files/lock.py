"""Telling a user that someone else already has a document open.

Two windows, or two colleagues on a shared folder, editing the same file would
overwrite each other's work. Opening a document drops a small lock file beside
it, `~$<name>.lock` (the `~$` prefix is how Office marks its own lock files,
which users know to leave alone), holding who opened it, where and when. A
lock left by a program that died on this same computer is taken over.

The lock is advisory: two programs taking over the same dead lock at the same
instant could both succeed. That is an accepted risk for a desk application.
"""

from __future__ import annotations

import getpass
import json
import os
import secrets
import socket
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

#: A lock file that cannot be read is treated as abandoned after this many seconds
#: (a fresh one may be mid-write by the program that is opening the file).
UNREADABLE_GRACE_SECONDS = 10.0
_MAX_LOCK_BYTES = 4096


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The lock file of a document: `~$<name>.lock` in the same folder."""
    path = Path(path)
    return path.with_name(f"~${path.name}.lock")


@dataclass(frozen=True)
class Holder:
    """Who holds a lock, as written in the lock file (fields may be empty when unreadable)."""

    user: str = ""
    host: str = ""
    pid: int = 0
    opened_at: str = ""
    token: str = ""

    def describe(self) -> str:
        """`张三（电脑 X）于 2024-05-01 10:20` for a message."""
        user = self.user or "其他用户"
        host = f"（电脑 {self.host}）" if self.host else ""
        when = f"于 {self.opened_at.replace('T', ' ')[:16]} " if self.opened_at else ""
        return f"{user}{host}{when}"

    @property
    def is_this_computer(self) -> bool:
        return self.host == socket.gethostname()


class LockedError(Exception):
    """The document is open elsewhere; `holder` says by whom."""

    def __init__(self, path: Path, holder: Holder) -> None:
        self.path = path
        self.holder = holder
        self.message = f"此文件正由 {holder.describe()}打开。可以稍后再试，或选择“仍然打开”（对方的修改可能被覆盖）。"
        super().__init__(self.message)


class Lock:
    """A held (or, where the folder is read-only, merely attempted) lock; release it on close."""

    def __init__(self, path: Path, holder: Holder, held: bool) -> None:
        self.path = path
        self.holder = holder
        #: False when the lock file could not be created (read-only folder, CD, share without
        #: write access): the document can still be opened; nobody else is warned.
        self.held = held

    def release(self) -> None:
        """Delete the lock file if it is still ours; safe to call twice."""
        if not self.held:
            return
        self.held = False
        if read_holder(self.path).token == self.holder.token:
            try:
                os.remove(self.path)
            except OSError:
                pass  # already gone or the folder vanished: nothing left to release

    def __enter__(self) -> Lock:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.release()


def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getpass raises OSError/KeyError when no user name is set
        return os.environ.get("USERNAME", "")


def _new_holder() -> Holder:
    return Holder(
        user=_current_user(),
        host=socket.gethostname(),
        pid=os.getpid(),
        opened_at=datetime.now().isoformat(timespec="seconds"),
        token=secrets.token_hex(8),
    )


def read_holder(lock_file: Path) -> Holder:
    """The holder written in a lock file; an empty Holder when missing or garbage."""
    try:
        with open(lock_file, "rb") as handle:
            data = json.loads(handle.read(_MAX_LOCK_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return Holder()
    if not isinstance(data, dict):
        return Holder()
    text = {k: data[k][:100] if isinstance(data.get(k), str) else "" for k in ("user", "host", "opened_at", "token")}
    pid = data.get("pid")
    return Holder(pid=pid if isinstance(pid, int) and not isinstance(pid, bool) else 0, **text)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer (never signals it)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _windows_pid_alive(pid: int) -> bool:
    """os.kill(pid, 0) would terminate the process on Windows, so ask the kernel instead."""
    if sys.platform != "win32":  # ctypes.windll exists only there
        raise OSError("only on Windows")
    import ctypes

    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # ERROR_ACCESS_DENIED: exists, not ours
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _abandoned(lock_file: Path, holder: Holder) -> bool:
    """A lock nobody holds: its process died on this computer, or it is old garbage."""
    if not holder.token:
        try:
            age = time.time() - os.stat(lock_file).st_mtime
        except OSError:
            return True
        return age > UNREADABLE_GRACE_SECONDS
    return holder.is_this_computer and not pid_alive(holder.pid)


def acquire(path: str | os.PathLike[str], *, force: bool = False) -> Lock:
    """Lock the document at `path`, or raise `LockedError` naming who has it open.

    `force=True` takes the lock over anyway (the user chose “仍然打开”).
    """
    lock_file = lock_path(path)
    mine = _new_holder()
    payload = json.dumps(mine.__dict__, ensure_ascii=False).encode("utf-8")
    for _ in range(2):
        try:
            fd = os.open(lock_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            holder = read_holder(lock_file)
            if not (force or _abandoned(lock_file, holder)):
                raise LockedError(Path(path), holder) from None
            try:
                os.remove(lock_file)
            except FileNotFoundError:
                pass
            except OSError:
                return Lock(lock_file, mine, held=False)
            continue
        except OSError:
            return Lock(lock_file, mine, held=False)
        try:
            os.write(fd, payload)
        except OSError:  # disk full: an empty lock would only confuse the next reader
            os.close(fd)
            os.remove(lock_file)
            return Lock(lock_file, mine, held=False)
        os.close(fd)
        return Lock(lock_file, mine, held=True)
    raise LockedError(Path(path), read_holder(lock_file))
