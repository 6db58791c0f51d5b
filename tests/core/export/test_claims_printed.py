"""A reviewer's printout can carry the claimed scores; a unit's own printout never does."""

from __future__ import annotations

import io

import openpyxl
import pdfplumber

from perfdesk.core.export.pdf import render_pdf
from perfdesk.core.export.xlsx import render_xlsx
from perfdesk.core.files.opening import open_document
from perfdesk.core.rules.profile import TemplateLibrary
from tests.core.layout.test_table_layout import EXAMPLE


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "".join(page.extract_text() or "" for page in pdf.pages)


def test_claims_printed_only_when_asked():
    doc = open_document(EXAMPLE)
    profile = TemplateLibrary().get(doc.template_id)
    own = _pdf_text(render_pdf(doc, profile)).replace("\n", "")
    reviewed = _pdf_text(render_pdf(doc, profile, show_claims=True)).replace("\n", "")
    # the published table claimed a score for the funds, every 二级 and the total
    claimed = 1 + sum(1 for l1 in doc.level1 for g in l1.groups if g.published_score) + 1
    assert own.count("（原表") == 0 and reviewed.count("（原表") == claimed


def test_claims_become_notes_on_the_score_cells_in_excel():
    doc = open_document(EXAMPLE)
    profile = TemplateLibrary().get(doc.template_id)
    plain = openpyxl.load_workbook(io.BytesIO(render_xlsx(doc, profile)))
    noted = openpyxl.load_workbook(io.BytesIO(render_xlsx(doc, profile, show_claims=True)))
    assert not [c for row in plain.worksheets[0].iter_rows() for c in row if c.comment]
    notes = [c.comment.text for row in noted.worksheets[0].iter_rows() for c in row if c.comment]
    assert "原表得分：99" in notes and "原表得分：9" in notes
