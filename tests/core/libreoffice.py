"""LibreOffice in tests: recalculating a workbook (do an export's formulas give its cached values?) and writing
the Word 97–2003 files Word and WPS users still send."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

_ALWAYS_RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def recalculated(path: Path, tmp_path: Path) -> Workbook:
    """The workbook after LibreOffice recalculated every formula of `path` (cached values removed first)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot check recalculated values")
    stripped = tmp_path / f"stripped-{path.name}"
    openpyxl.load_workbook(path).save(stripped)  # openpyxl writes formulas without cached values
    profile = Path(f"/tmp/perfdesk-lo-{uuid.uuid4().hex}")
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_ALWAYS_RECALC, encoding="utf-8")
    out = tmp_path / "lo"
    try:
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "xlsx",
                        "--outdir", str(out), str(stripped)], check=True, capture_output=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return openpyxl.load_workbook(out / stripped.name, data_only=True)


def converted(paths: list[Path], suffix: str, out: Path) -> list[Path]:
    """`paths` saved by LibreOffice in the format of `suffix` (`doc`: Word 97–2003), in one run."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot write Word 97 files")
    profile = Path(f"/tmp/perfdesk-lo-{uuid.uuid4().hex}")
    try:
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", suffix,
                        "--outdir", str(out), *map(str, paths)], check=True, capture_output=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return [out / f"{path.stem}.{suffix}" for path in paths]


def corpus_saved_as(folder: Path, suffix: str) -> Path:
    """Every variant of the import corpus written as a Word table and saved by LibreOffice in the format
    of `suffix` (one run for all), in `folder`."""
    from tests.core.imports.corpus import VARIANTS, content_for, render, write_docx

    sources = []
    for name, (layout, options) in VARIANTS.items():
        sources.append(folder / f"{name}.docx")
        write_docx([render(content_for(options), layout)], sources[-1])
    converted(sources, suffix, folder)
    return folder
