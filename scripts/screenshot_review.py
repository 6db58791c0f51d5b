"""Screenshots of the review loop with the worked example, for the README.

`.venv/bin/python scripts/screenshot_review.py` writes
docs/screenshot-review-mode.png (the supervisor's review mode on a submitted
table with two comments), docs/screenshot-returned.png (the unit's view of the
returned table after correcting one value) and docs/pdf-review-page.png (the
审核意见 page of the PDF, `pdftoppm -png -r 60`). Each window shot runs in a
fresh process on an offscreen 1366×768 screen.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.laptop_screen import laptop_env  # noqa: E402

EXAMPLE = ROOT / "examples" / "ziyang-community-correction-2022.pdesk"
SUBMITTED, RETURNED = "submitted.pdesk", "returned.pdesk"


def prepare(folder: Path) -> None:
    """The example submitted with comments, and the same returned then corrected by the unit."""
    from pypdf import PdfReader

    from perfdesk.core.export.pdf import render_pdf
    from perfdesk.core.files.storage import load_document, save_document
    from perfdesk.core.model.results import Location
    from perfdesk.core.review import workflow as wf
    from perfdesk.core.review.anchors import anchor_of
    from perfdesk.core.review.codec import read_review, review_to_dict
    from perfdesk.core.review.model import Anchor
    from perfdesk.core.rules.analysis import analyse
    from perfdesk.core.rules.profile import TemplateLibrary

    doc = load_document(EXAMPLE)
    profile = TemplateLibrary().get(doc.template_id)
    review = read_review(doc.review)
    wf.submit(review, doc, analyse(doc, profile), "张三", "2023-01-12T10:05:00")
    actual = Location("indicator", (0, 0, 0), "actual")
    reason = Location("indicator", (1, 0, 0), "reason")
    wf.add_comment(review, anchor_of(doc, actual), "产出指标 › 数量指标 › 1 › 实际完成值", "李四",
                   "2023-01-15T09:30:00", "实际完成值与台账不符，请核实接收人数。")
    wf.add_comment(review, anchor_of(doc, reason), "效益指标 › 1 › 偏差原因", "李四", "2023-01-15T09:32:00",
                   "“≤1%”是目标不是结果，请填写实际违纪率。")
    wf.add_comment(review, Anchor(), "整张表格", "李四", "2023-01-15T09:35:00", "请补填主管部门、填报人和填报日期。")
    doc.review = review_to_dict(review)
    save_document(doc, folder / SUBMITTED)
    wf.return_for_changes(review, doc, "李四", "2023-01-15T09:40:00", "请按批注核实数据后重新报送。")
    ind = doc.indicator_at(0, 0, 0)
    ind.actual = "166人"
    wf.mark_fixed(review, review.comments[0].id, "已按台账核实")
    doc.review = review_to_dict(review)
    save_document(doc, folder / RETURNED)
    pdf = folder / "review.pdf"
    pdf.write_bytes(render_pdf(doc, profile, with_review=True))
    pages = len(PdfReader(pdf).pages)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(pages), "-l", str(pages), "-singlefile", str(pdf),
                    str(ROOT / "docs" / "pdf-review-page")], check=True)


def shoot(path: Path, review_mode: bool, output: Path) -> None:
    """In this process: open `path` (in review mode if asked), fill the screen, save the window's image."""
    from PySide6.QtWidgets import QApplication

    from perfdesk.core.model.results import Location
    from perfdesk.gui.app import AppContext
    from perfdesk.gui.launch import create_qapplication
    from perfdesk.gui.preferences import settings
    from perfdesk.gui.review.controller import REVIEWER_KEY

    app = create_qapplication([])
    settings().setValue(REVIEWER_KEY, "李四")
    context = AppContext.create()
    window = context.open_file(path)
    if window is None:
        raise SystemExit(f"cannot open {path}")
    if review_mode:
        window.review.set_review_mode(True)
    window.resize(window.screen().availableGeometry().size())
    window.show()
    window.view.select_location(Location("project", (), "name"))  # leave the marked cells unselected
    deadline = time.monotonic() + 0.5
    while time.monotonic() < deadline:
        app.processEvents()
    window.grab().save(str(output))
    window.session.undo_stack.setClean()
    QApplication.closeAllWindows()


def main() -> int:
    if len(sys.argv) == 4:
        shoot(Path(sys.argv[1]), sys.argv[2] == "review", Path(sys.argv[3]))
        return 0
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm (poppler-utils) is needed for the PDF page")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        prepare(folder)
        print("docs/pdf-review-page.png")
        env = laptop_env(Path(tmp))
        for name, mode, output in ((SUBMITTED, "review", "screenshot-review-mode.png"),
                                   (RETURNED, "unit", "screenshot-returned.png")):
            subprocess.run([sys.executable, __file__, str(folder / name), mode, str(ROOT / "docs" / output)],
                           check=True, env=env)
            print(f"docs/{output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
