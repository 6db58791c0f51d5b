"""The QR code beside the printed verification code, and the 审核意见 pages of the PDF."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from perfdesk.core.export.pdf import render_pdf
from perfdesk.core.export.pdf_review import QR_FORM, define_qr
from perfdesk.core.files.fingerprint import verification_code
from perfdesk.core.model.results import format_decimal
from perfdesk.core.review import workflow as wf
from perfdesk.core.review.codec import read_review, review_to_dict
from perfdesk.core.review.model import Anchor
from perfdesk.core.review.verify import qr_text
from perfdesk.core.rules.analysis import analyse
from tests.core.review.review_docs import valid_document

FORM = f"/FormXob.{QR_FORM}"


def _modules(stream: bytes) -> list[bytes]:
    """The QR's dark modules: the rectangles its form draws."""
    return re.findall(rb"[-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ re", stream)


def _qr_stream(text: str) -> list[bytes]:
    """The QR form's drawing for `text`, made alone in a scratch PDF."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    define_qr(canvas, text)
    canvas.doForm(QR_FORM)
    canvas.showPage()
    canvas.save()
    return _modules(_form(PdfReader(io.BytesIO(buffer.getvalue())).pages[0]))


def _form(page: Any) -> bytes:
    return page["/Resources"]["/XObject"][FORM].get_object().get_data()


def test_every_page_carries_the_qr_of_code_project_total_and_grade():
    doc, profile = valid_document()
    doc.level1[0].groups[0].indicators += [doc.level1[0].groups[0].indicators[0].__class__(name=f"行{i}")
                                           for i in range(40)]  # blank rows: several pages, still valid
    ev = analyse(doc, profile)
    reader = PdfReader(io.BytesIO(render_pdf(doc, profile)))
    assert len(reader.pages) > 1
    expected = _qr_stream(qr_text(verification_code(doc), doc.project.name, format_decimal(ev.total), ev.grade))
    other = _qr_stream(qr_text(verification_code(doc), doc.project.name, "0", ev.grade))
    assert len(expected) > 100 and expected != other
    for page in reader.pages:
        contents: Any = page.get_contents()
        assert f"{FORM} Do" in contents.get_data().decode("latin-1")
        assert _modules(_form(page)) == expected


def test_the_review_pages_come_last_numbered_with_the_table():
    doc, profile = valid_document()
    review = read_review({})
    wf.submit(review, doc, analyse(doc, profile), "张三", "2024-01-20T09:30:00")
    for i in range(80):  # enough comments for more than one review page
        wf.add_comment(review, Anchor(), "", "李四", "2024-01-20T09:31:00", f"第{i}条意见")
    wf.accept(review, doc, "李四", "2024-01-21T10:00:00", "同意")
    doc.review = review_to_dict(review)
    plain = PdfReader(io.BytesIO(render_pdf(doc, profile)))
    reviewed = PdfReader(io.BytesIO(render_pdf(doc, profile, with_review=True)))
    extra = len(reviewed.pages) - len(plain.pages)
    assert extra >= 2
    texts = [p.extract_text() for p in reviewed.pages]
    assert "审核状态：审核通过" in texts[len(plain.pages)]
    assert "第79条意见" in texts[-1]
    assert f"共 {len(reviewed.pages)} 页" in texts[0]


@pytest.mark.skipif(shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
                    reason="zbarimg (zbar-tools) and pdftoppm (poppler-utils) read the printed page")
def test_a_phone_reads_the_qr_of_a_page_printed_at_150_dpi(tmp_path):
    doc, profile = valid_document()
    ev = analyse(doc, profile)
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(render_pdf(doc, profile))
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(tmp_path / "page")], check=True)
    read = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "page.png")], capture_output=True, check=True)
    assert read.stdout.decode("utf-8").rstrip("\n") == qr_text(
        verification_code(doc), doc.project.name, format_decimal(ev.total), ev.grade)
