"""A read-only file stays as it is: saving or exporting over it is refused, on Linux as on Windows.

Replacing a file by renaming a new one over it needs only the folder's write
permission, so without a check the atomic save quietly went around the file's
read-only mark (and even made a `.bak`). Root ignores permissions, so the mark
itself (the owner's write bit, Windows' read-only attribute) is what counts.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from perfdesk.core.files.atomic_write import READ_ONLY_REASON, atomic_write, backup_path
from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.files.storage import save_document
from perfdesk.core.model.factory import new_document
from perfdesk.core.rules.profile import TemplateLibrary

ROOT = Path(__file__).resolve().parents[3]


def _read_only(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    return path


def _untouched(path: Path, content: bytes) -> None:
    assert path.read_bytes() == content
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no .bak, no temporary file


@pytest.mark.parametrize("keep_backup", [True, False])
def test_atomic_write_refuses_a_read_only_file(tmp_path, keep_backup):
    path = _read_only(tmp_path / "表.pdesk", b"old")
    with pytest.raises(DocumentFileError) as info:
        atomic_write(path, b"new", keep_backup=keep_backup)
    assert "“表.pdesk”" in info.value.message and READ_ONLY_REASON in info.value.message
    assert "另存为" in info.value.message and info.value.source == "表.pdesk"
    _untouched(path, b"old")
    assert not backup_path(path).exists()


def test_save_made_read_only_after_opening_is_refused(tmp_path):
    doc = new_document(TemplateLibrary().default())
    path = tmp_path / "表.pdesk"
    save_document(doc, path)
    content = path.read_bytes()
    os.chmod(path, 0o444)  # made read-only by someone else while the window had it open
    doc.project.name = "改过"
    with pytest.raises(DocumentFileError, match="只读"):
        save_document(doc, path)
    _untouched(path, content)


def test_a_writable_file_is_still_replaced(tmp_path):
    path = tmp_path / "表.pdesk"
    path.write_bytes(b"old")
    atomic_write(path, b"new", keep_backup=False)
    assert path.read_bytes() == b"new"


def test_cli_export_over_a_read_only_workbook_exits_2(tmp_path):
    table = tmp_path / "表.pdesk"
    save_document(new_document(TemplateLibrary().default()), table)
    target = _read_only(tmp_path / "RO.xlsx", b"keep me")
    out = subprocess.run([sys.executable, "-m", "perfdesk", "export", str(table), "--xlsx", str(target)],
                         capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                         timeout=120)
    assert out.returncode == 2, out.stderr
    assert "“RO.xlsx”" in out.stderr and READ_ONLY_REASON in out.stderr and "Traceback" not in out.stderr
    assert target.read_bytes() == b"keep me"
