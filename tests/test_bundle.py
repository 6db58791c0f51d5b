"""The PyInstaller bundle builds from build.spec and runs headless (Windows-ready folder)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ziyang-community-correction-2022.pdesk"

pytest.importorskip("PyInstaller", reason="PyInstaller is in the [bundle] extra that the test command installs")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
         "--distpath", str(out / "dist"), "--workpath", str(out / "build"), str(ROOT / "build.spec")],
        check=True, cwd=ROOT, timeout=600,
    )
    exe = out / "dist" / "PerfDesk" / ("PerfDesk.exe" if os.name == "nt" else "PerfDesk")
    assert exe.exists()
    return exe


@pytest.mark.slow
def test_bundled_program_exports_the_example_pdf(bundle, tmp_path):
    pdf = tmp_path / "example.pdf"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([str(bundle), "export", str(EXAMPLE), "--pdf", str(pdf)], env=env,
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and b"DroidSansFallback" in pdf.read_bytes()


@pytest.mark.slow
def test_bundle_carries_data_and_leaves_out_unused_qt(bundle):
    internal = bundle.parent / "_internal"
    names = {p.name for p in internal.rglob("*")}
    assert "DroidSansFallbackFull.ttf" in names and "LICENSE-DroidSansFallback.txt" in names
    assert "national-2020.json" in names
    assert not any(n.startswith(("libQt6Quick", "libQt6Qml", "Qt6Quick", "Qt6Qml")) for n in names)
    translations = [n for n in names if n.endswith(".qm")]
    assert all("zh_CN" in n for n in translations)


@pytest.mark.slow
def test_bundled_program_lists_templates(bundle):
    done = subprocess.run([str(bundle), "templates"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "national-2020" in done.stdout


@pytest.mark.slow
def test_bundled_program_summarises_a_folder_in_worker_processes(bundle, tmp_path):
    """Enough files for the process pool: the bundle starts its workers (freeze_support), not windows."""
    import json
    import shutil

    folder = tmp_path / "报送"
    folder.mkdir()
    for number in range(20):
        shutil.copy(EXAMPLE, folder / f"表{number:02d}.pdesk")
    done = subprocess.run([str(bundle), "summary", str(folder), "--json"], capture_output=True, text=True,
                          timeout=180, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    files = json.loads(done.stdout)["files"]
    assert len(files) == 20 and all(f["ok"] for f in files)


@pytest.mark.slow
def test_bundled_program_reads_word_97_and_pdf_tables(bundle, tmp_path):
    """olefile and pdfplumber travel with the bundle: the frozen program checks a .doc and a PDF."""
    from tests.core.imports.corpus import VARIANTS, content_for, render, write_docx
    from tests.core.libreoffice import converted

    layout, options = VARIANTS["national"]
    write_docx([render(content_for(options), layout)], tmp_path / "表.docx")
    files = converted([tmp_path / "表.docx"], "doc", tmp_path) + converted([tmp_path / "表.docx"], "pdf", tmp_path)
    for path in files:
        done = subprocess.run([str(bundle), "check", str(path)], capture_output=True, text=True, timeout=120)
        assert done.returncode in (0, 1) and "农村饮水安全巩固提升工程" in done.stdout, done.stderr
