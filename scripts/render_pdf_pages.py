"""PNG pages of the PDF export for docs/: the worked example and a 120-indicator table.

    .venv/bin/python scripts/render_pdf_pages.py      (needs pdftoppm from poppler-utils)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from perfdesk.core.export.pdf import export_pdf  # noqa: E402
from perfdesk.core.files.storage import load_document  # noqa: E402
from perfdesk.core.rules.profile import TemplateLibrary  # noqa: E402
from tests.core.xlsx_samples import generated_document  # noqa: E402


def render(doc, profile, stem: str) -> None:
    for old in (ROOT / "docs").glob(f"{stem}-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "t.pdf"
        export_pdf(doc, profile, pdf)
        subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(ROOT / "docs" / stem)], check=True)
    print(*sorted(p.name for p in (ROOT / "docs").glob(f"{stem}-*.png")))


def main() -> None:
    library = TemplateLibrary()
    example = load_document(ROOT / "examples" / "ziyang-community-correction-2022.pdesk")
    render(example, library.get(example.template_id), "pdf-example-page")
    render(generated_document(library.default(), 120), library.default(), "pdf-long-page")


if __name__ == "__main__":
    main()
