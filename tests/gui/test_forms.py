"""The committed compiled forms match their Designer sources in ui/ (regenerate with scripts/compile_forms.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORMS = sorted((ROOT / "ui").glob("*.ui"))


def _compile_forms():
    spec = importlib.util.spec_from_file_location("compile_forms", ROOT / "scripts" / "compile_forms.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _without_version_line(text: str) -> list[str]:
    """The uic version comment changes with PySide6 releases; nothing else may differ."""
    return [line for line in text.splitlines() if "Created by: Qt User Interface Compiler" not in line]


def test_every_form_is_compiled_and_used():
    assert {f.stem for f in FORMS} == {"about", "project_info", "template_choice"}


@pytest.mark.parametrize("ui_file", FORMS, ids=lambda f: f.name)
def test_committed_form_matches_its_source(ui_file, tmp_path):
    generated = _compile_forms().compile_form(ui_file, tmp_path)
    committed = ROOT / "perfdesk" / "gui" / "forms" / generated.name
    assert committed.exists(), f"{committed.name} missing: run scripts/compile_forms.py"
    assert _without_version_line(generated.read_text(encoding="utf-8")) == _without_version_line(
        committed.read_text(encoding="utf-8")
    ), f"{committed.name} differs from ui/{ui_file.name}: run scripts/compile_forms.py"
