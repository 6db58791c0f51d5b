"""The print preview shows the PDF's own pages, prints them and exports them."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from perfdesk.core.export.pdf import render_pdf
from perfdesk.gui.dialogs import Prompts
from perfdesk.gui.print_preview import PrintPreviewDialog
from tests.core.xlsx_samples import generated_document, worked_example


def pdf_pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def dialog(qtbot, national):
    doc = generated_document(national, 60)
    dlg = PrintPreviewDialog(doc, national, None)
    qtbot.addWidget(dlg)
    return dlg


def test_shows_as_many_pages_as_the_pdf_has(dialog, national):
    expected = pdf_pages(render_pdf(dialog.doc, national))
    assert expected > 1
    assert dialog.page_count == expected
    assert len(dialog.page_labels()) == expected
    assert dialog.page_info.text() == f"共 {expected} 页"


def test_landscape_renders_wide_pages(dialog, qtbot):
    dialog.landscape.setChecked(True)
    qtbot.waitUntil(lambda: len(dialog.page_labels()) == dialog.page_count)
    pixmap = dialog.page_labels()[0].pixmap()
    assert pixmap.width() > pixmap.height()
    assert dialog.page_count == pdf_pages(dialog.pdf_bytes)


def test_zoom_scales_the_pages(dialog, qtbot):
    before = dialog.page_labels()[0].pixmap().width()
    dialog.zoom.setCurrentIndex(dialog.zoom.count() - 1)
    qtbot.waitUntil(lambda: len(dialog.page_labels()) == dialog.page_count)
    assert dialog.page_labels()[0].pixmap().width() > before


def test_export_writes_the_previewed_pdf(qtbot, county, tmp_path, monkeypatch):
    dlg = PrintPreviewDialog(worked_example(county), county, None)
    qtbot.addWidget(dlg)
    target = tmp_path / "out.pdf"
    monkeypatch.setattr(Prompts, "save_path", lambda self, title, suggested, flt: target)
    dlg.export_button.click()
    assert target.read_bytes() == dlg.pdf_bytes


def test_printing_paints_every_page(dialog, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    dialog.print_to(printer)
    assert pdf_pages(out.read_bytes()) == dialog.page_count


def test_dialog_fits_the_screen_with_room_for_its_frame(dialog):
    """900×760 did not fit a 1366×768 laptop (nor this 800×800 test screen): 关闭 was off screen."""
    from perfdesk.gui.geometry import FRAME_ALLOWANCE

    area = dialog.screen().availableGeometry()
    assert dialog.width() <= area.width()
    assert dialog.height() + FRAME_ALLOWANCE <= area.height()
