"""The core must run without Qt: import every core module in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import perfdesk.core


def test_core_modules_never_import_qt():
    names = sorted(m.name for m in pkgutil.iter_modules(perfdesk.core.__path__, "perfdesk.core."))
    assert "perfdesk.core.scoring" in names  # the walk found the real modules
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "import perfdesk.cli\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core pulled in Qt: {out.stdout}"
