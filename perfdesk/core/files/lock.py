"""Telling a user that someone else already has a document open.

Two windows, or two colleagues on a shared folder, editing the same file would
overwrite each other's work. Opening a document drops a small lock file beside
it, `~$<name>.lock` (the `~$` prefix is how Office marks its own lock files,
which users know to leave alone), holding who opened it, where and when. A
lock left by a program that died on this same computer is taken over, also when
its process number now belongs to another process (started after the lock was
written) or to this very process (a predecessor's number, reused). A lock from
another computer cannot be checked: the user may take it over (`force=True`).

The lock is advisory: two programs taking over the same dead lock at the same
instant could both succeed. That is an accepted risk for a desk application.
"""

from __future__ import annotations

import errno
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
#: Seconds of slack when comparing a process's start with a lock's `opened_at` (whole seconds).
_CLOCK_SLACK = 2.0
#: Tokens of the locks this process holds: a lock naming this process but another token is stale.
_held_tokens: set[str] = set()


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

    def __init__(self, path: Path, holder: Holder, held: bool, problem: str = "") -> None:
        self.path = path
        self.holder = holder
        #: False when the lock file could not be created (full disk, read-only folder, share
        #: without write access): the document can still be opened; nobody else is warned.
        self.held = held
        #: Why the lock file could not be made (Chinese: 磁盘已满 …), when not held.
        self.problem = problem
        if held:
            _held_tokens.add(holder.token)

    def release(self) -> None:
        """Delete the lock file if it is still ours; safe to call twice."""
        if not self.held:
            return
        self.held = False
        _held_tokens.discard(self.holder.token)
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


def process_started_at(pid: int) -> float | None:
    """When a process started (Unix time), or None where the system does not say."""
    if sys.platform == "win32":
        return _windows_process_started_at(pid)
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        with open("/proc/stat", "rb") as handle:
            boot = next(int(line.split()[1]) for line in handle if line.startswith(b"btime "))
        return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22, starttime
    except (OSError, IndexError, ValueError, StopIteration):
        return None


def _windows_process_started_at(pid: int) -> float | None:
    if sys.platform != "win32":  # ctypes.windll exists only there
        return None
    import ctypes

    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return None
    try:
        times = [ctypes.c_ulonglong() for _ in range(4)]  # creation, exit, kernel, user (FILETIME)
        if not kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
            return None
        return times[0].value / 10_000_000 - 11_644_473_600  # 100 ns since 1601 → Unix time
    finally:
        kernel32.CloseHandle(handle)


def pid_reused(pid: int, since: str) -> bool:
    """Process number `pid` now names a process started after `since` (ISO local time written
    by the process that had the number then): so that one is gone."""
    try:
        then = datetime.fromisoformat(since).timestamp()
    except ValueError:
        return False
    started = process_started_at(pid)
    return started is not None and started > then + _CLOCK_SLACK


def _abandoned(lock_file: Path, holder: Holder) -> bool:
    """A lock nobody holds: its process is gone from this computer, or it is old garbage."""
    if not holder.token:
        try:
            age = time.time() - os.stat(lock_file).st_mtime
        except OSError:
            return True
        return age > UNREADABLE_GRACE_SECONDS
    if not holder.is_this_computer:
        return False
    if holder.pid == os.getpid():
        return holder.token not in _held_tokens
    return not pid_alive(holder.pid) or pid_reused(holder.pid, holder.opened_at)


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
            except OSError as exc:
                return Lock(lock_file, mine, held=False, problem=_problem(exc))
            continue
        except OSError as exc:
            return Lock(lock_file, mine, held=False, problem=_problem(exc))
        try:
            os.write(fd, payload)
        except OSError as exc:  # disk full: an empty lock would only confuse the next reader
            os.close(fd)
            os.remove(lock_file)
            return Lock(lock_file, mine, held=False, problem=_problem(exc))
        os.close(fd)
        return Lock(lock_file, mine, held=True)
    raise LockedError(Path(path), read_holder(lock_file))


def _problem(exc: OSError) -> str:
    """Why the lock file could not be made, in Chinese for the window's warning."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "磁盘已满"
    if exc.errno == errno.EROFS:
        return "磁盘只读"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有在该文件夹中创建文件的权限"
    return "无法在该文件夹中创建文件"
