"""CI replays the same Hypothesis examples every run; a developer's run keeps exploring."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_SHOW = "import tests.conftest; from hypothesis import settings; d = settings.default; print(d.derandomize, d.database)"


@pytest.mark.parametrize(
    "env, derandomized",
    [({"CI": "true"}, True), ({"HYPOTHESIS_PROFILE": "ci"}, True), ({}, False),
     ({"CI": "true", "HYPOTHESIS_PROFILE": "dev"}, False)],
)
def test_profile_follows_the_environment(env, derandomized):
    base = {k: v for k, v in os.environ.items() if k not in ("CI", "HYPOTHESIS_PROFILE")}
    out = subprocess.run([sys.executable, "-c", _SHOW], capture_output=True, text=True, cwd=ROOT,
                         env={**base, **env}, timeout=60)
    assert out.returncode == 0, out.stderr
    shown_derandomize, shown_database = out.stdout.split(" ", 1)
    assert shown_derandomize == str(derandomized)
    assert (shown_database.strip() == "None") == derandomized  # CI keeps no example database
