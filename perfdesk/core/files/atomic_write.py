"""Replace a file so that, whatever happens, it is either the old or the new version.

A save that dies half way (power cut, full USB stick, the program killed)
must not leave the user with half a file: the new bytes go to a temporary file
in the same folder, are flushed to disk, and only then renamed over the old
one. The previous version is kept as `<name>.bak`.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
import sys
from pathlib import Path

from perfdesk.core.files import problem_log
from perfdesk.core.files.errors import DocumentFileError

#: Why a file opens read-only, in the words the window uses when opening it (and a refused save repeats).
READ_ONLY_REASON = "文件或其所在文件夹不可写入"
#: Windows error codes meaning "another program has the file open".
_WINDOWS_SHARING = {32, 33}


def backup_path(path: Path) -> Path:
    """Where the previous version of `path` is kept (`x.pdesk` -> `x.pdesk.bak`)."""
    return path.with_name(path.name + ".bak")


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")


def _write_new(temp: Path, data: bytes, mode: int | None) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    if mode is not None:
        os.chmod(temp, mode)


def _keep_backup(path: Path, temps: list[Path]) -> None:
    """Make `<name>.bak` a copy of the current file without ever moving the file itself."""
    staged = _temp_name(path)
    temps.append(staged)
    try:
        os.link(path, staged)
    except OSError:
        shutil.copy2(path, staged)
    os.replace(staged, backup_path(path))


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX only; Windows has no directory handles)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some network file systems refuse fsync on a folder; the data is synced
    finally:
        os.close(fd)


def explain_os_error(exc: OSError, path: Path) -> DocumentFileError:
    """The Chinese message for a failed save: what went wrong and what to do."""
    name = f"“{path.name}”"
    folder = f"“{path.parent}”"
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        text = f"磁盘空间不足，无法保存{name}。请清理磁盘空间，或用“另存为”保存到其他位置。"
    elif getattr(exc, "winerror", None) in _WINDOWS_SHARING:
        text = f"{name}正被其他程序（如 Excel、WPS 或杀毒软件）占用，无法保存。请关闭该程序后重试，或另存为其他文件名。"
    elif code == errno.EROFS:
        text = f"{folder}位于只读的磁盘上（如写保护的 U 盘），无法保存{name}。请另存到其他位置。"
    elif isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        text = f"没有权限写入{name}（文件可能是只读的，或没有该文件夹的写入权限）。请另存到其他位置。"
    elif isinstance(exc, IsADirectoryError) or code == errno.EISDIR:
        text = f"{name}是一个文件夹，不能保存为文件。请换一个文件名。"
    elif isinstance(exc, NotADirectoryError) or code == errno.ENOTDIR:
        text = f"保存位置{folder}不是文件夹，无法保存{name}。请另选保存位置。"
    elif isinstance(exc, FileNotFoundError) or code == errno.ENOENT:
        text = f"保存位置{folder}不存在（U 盘或网络盘可能已断开）。请重新连接后再保存，或另存到其他位置。"
    elif code == errno.ENAMETOOLONG:
        text = f"文件名或路径太长，无法保存{name}。请缩短文件名或换一个较短的文件夹。"
    else:
        text = f"保存{name}失败（{problem_log.os_reason(path.name, exc)}）。原文件未被改动，请另存到其他位置。"
    return DocumentFileError(text, source=path.name)


def read_only_error(path: Path) -> DocumentFileError:
    """The refusal to replace a read-only file, worded as the window explains opening one."""
    return DocumentFileError(
        f"“{path.name}”是只读的（{READ_ONLY_REASON}），未保存。请用“另存为”保存到其他位置或换一个文件名。",
        source=path.name,
    )


def atomic_write(path: Path, data: bytes, *, keep_backup: bool = True) -> None:
    """Write `data` to `path` atomically; on failure the old file is intact and no temp remains.

    A file whose owner may not write it (Windows' read-only attribute, or
    `chmod a-w` on Linux) is refused even where the rename would succeed, as
    for root or in a writable folder. OS errors come out as `DocumentFileError`;
    anything else (a bug, Ctrl+C) is re-raised after the clean-up.
    """
    path = Path(path)
    temps: list[Path] = []
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode) if path.exists() else None
        if mode is not None and not mode & stat.S_IWUSR:
            raise read_only_error(path)
        temp = _temp_name(path)
        temps.append(temp)
        _write_new(temp, data, mode)
        if keep_backup and path.exists():
            _keep_backup(path, temps)
        os.replace(temp, path)
        temps.remove(temp)
        _sync_folder(path.parent)
    except BaseException as exc:
        for leftover in temps:
            try:
                os.remove(leftover)
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise explain_os_error(exc, path) from exc
        raise
