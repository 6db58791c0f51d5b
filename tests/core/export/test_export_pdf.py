"""The printable PDF: text, fonts, pagination, footer, verification code, draft mark."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from perfdesk.core.export.pdf import (
    DRAFT_MARK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    export_pdf,
    plan_pages,
    render_pdf,
)
from perfdesk.core.files.fingerprint import verification_code
from perfdesk.core.layout.table import build_layout
from perfdesk.core.rules.analysis import analyse
from tests.core.xlsx_samples import generated_document, worked_example

BODY = A4[1] - MARGIN_TOP - MARGIN_BOTTOM


def page_texts(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        return [page.extract_text() or "" for page in opened.pages]


def stream_text(pdf: bytes) -> str:
    """Text in drawing order (a cell's lines stay together; pdfplumber sorts by height and
    interleaves the lines of neighbouring wrapped cells)."""
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.fixture(scope="module")
def example():
    from perfdesk.core.rules.profile import TemplateLibrary

    profile = TemplateLibrary().get("county-ziyang")
    doc = worked_example(profile)
    return doc, profile, render_pdf(doc, profile)


@pytest.fixture(scope="module")
def long_table():
    from perfdesk.core.rules.profile import TemplateLibrary

    profile = TemplateLibrary().get("national-2020")
    doc = generated_document(profile, 120)
    return doc, profile, render_pdf(doc, profile)


def test_every_label_and_value_of_the_filled_table_is_in_the_text(example):
    doc, profile, pdf = example
    text = squeeze(stream_text(pdf))
    layout = build_layout(doc, profile, analyse(doc, profile))
    metrics = plan_pages(layout).metrics
    missing = [line for cell in layout.cells for line in metrics.lines[id(cell)] if squeeze(line) not in text]
    assert missing == []
    for value in ("社区矫正", "益阳市资阳区司法局", "19.62", "51.63%", "≥98%", "1351人", "评价等级：优",
                  "单位（盖章）"):
        assert value in text


def test_every_font_is_embedded_and_none_is_a_default(example, tmp_path):
    if shutil.which("pdffonts") is None:
        pytest.skip("poppler-utils (pdffonts) not installed")
    path = tmp_path / "t.pdf"
    path.write_bytes(example[2])
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        name, emb = row.split()[0], row.split()[-5]
        assert emb == "yes", row
        assert "Helvetica" not in name and "STSong" not in name, row
    assert any("DroidSansFallback" in row for row in rows)


def test_long_table_spreads_over_pages_with_header_labels_and_page_numbers(long_table):
    doc, _, pdf = long_table
    texts = page_texts(pdf)
    assert len(texts) >= 3
    level1_names = [l1.name for l1 in doc.level1]
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 共 {len(texts)} 页" in text
        if re.search(r"\d+\.指标\d+", text):
            assert "偏差原因分析及改进措施" in squeeze(text)
            assert any(name in text for name in level1_names)


def test_pages_never_overflow_and_continuations_repeat_the_header(long_table):
    doc, profile, _ = long_table
    layout = build_layout(doc, profile, analyse(doc, profile))
    pages = plan_pages(layout, draft=True).pages
    first, last = layout.indicator_rows
    for page in pages:
        assert sum(piece.height for piece in page) <= BODY + 0.01
        if page[0].row in range(first, last) or page[0].row == layout.indicator_header_row:
            assert page[0].row == layout.indicator_header_row
    placed = [piece.row for page in pages for piece in page if not piece.repeated]
    assert sorted(set(placed)) == list(range(layout.rows))


def test_signature_block_stays_on_one_page(long_table):
    doc, profile, _ = long_table
    layout = build_layout(doc, profile, analyse(doc, profile))
    pages = plan_pages(layout, draft=True).pages
    holding = {i for i, page in enumerate(pages) for piece in page if piece.row > layout.total_row}
    assert len(holding) == 1


def test_verification_code_is_the_documents(example):
    doc, _, pdf = example
    code = verification_code(doc)
    for text in page_texts(pdf):
        assert f"验证码：{code}" in text


def test_draft_mark_appears_exactly_when_there_are_errors(example, long_table):
    for doc, profile, pdf in (example, long_table):
        errors = analyse(doc, profile).errors
        for text in page_texts(pdf):
            assert (DRAFT_MARK in squeeze(text)) == bool(errors)
    assert not analyse(example[0], example[1]).errors and analyse(long_table[0], long_table[1]).errors


def test_cell_taller_than_a_page_continues_on_the_next(example):
    doc, profile, _ = example
    doc = worked_example(profile)
    doc.goals.expected = "完成社区矫正工作任务，维护社会稳定。" * 220 + "\n结尾标记"
    texts = page_texts(render_pdf(doc, profile))
    assert len(texts) >= 3
    assert "结尾标记" in squeeze("".join(texts))


def test_landscape_is_wider_than_tall(example):
    doc, profile, _ = example
    with pdfplumber.open(io.BytesIO(render_pdf(doc, profile, landscape=True))) as opened:
        page = opened.pages[0]
        assert page.width > page.height


def test_odd_input_still_exports(example):
    doc, profile, _ = example
    doc = worked_example(profile)
    doc.project.name = "😀\x07" + "x" * 400
    doc.level1[0].groups[0].indicators[0].actual = "（（（（（（（（（（（（"
    doc.goals.achieved = "，" * 300
    assert render_pdf(doc, profile).startswith(b"%PDF")
    doc.project.name = "\r"  # only a line break (found by the robustness fuzz test): no width to fit
    assert render_pdf(doc, profile).startswith(b"%PDF")


def test_export_replaces_the_file_and_leaves_no_temporary(example, tmp_path):
    doc, profile, pdf = example
    target = tmp_path / "自评表.pdf"
    target.write_bytes(b"old")
    export_pdf(doc, profile, target)
    assert target.read_bytes() == pdf
    assert [p.name for p in tmp_path.iterdir()] == ["自评表.pdf"]


def _xobjects(holder: Any) -> list[Any]:
    """The pictures and forms a page or a form draws (pypdf types its dictionaries as plain objects)."""
    resources = holder.get("/Resources", {})  # the QR code's form draws squares only
    return [x.get_object() for x in resources.get("/XObject", {}).values()]


def test_draft_watermark_is_one_picture_shown_on_every_page(example, long_table):
    for page in PdfReader(io.BytesIO(long_table[2])).pages:
        images = [image for form in _xobjects(page) for image in _xobjects(form)]
        assert len(images) == 1 and images[0]["/Subtype"] == "/Image" and "/SMask" in images[0]
    assert long_table[2].count(b"/Subtype /Image") == 2  # the picture and its transparency, stored once
    assert b"/Subtype /Image" not in example[2]  # a table that passes validation has no watermark


def test_every_shipped_profile_prints_its_layout(shipped_profile):
    """Every printed cell's text is in the PDF; a column the province does not print is not."""
    doc = generated_document(shipped_profile, 30)
    doc.signature.leader, doc.signature.finance = "王项目", "李财务"
    pdf = render_pdf(doc, shipped_profile)
    text = squeeze(stream_text(pdf))
    layout = build_layout(doc, shipped_profile, analyse(doc, shipped_profile))
    printed = layout.printed()
    metrics = plan_pages(printed).metrics
    assert [line for cell in printed.cells for line in metrics.lines[id(cell)] if squeeze(line) not in text] == []
    for row in shipped_profile.funds.rows:
        assert squeeze(row.label) in text
    headers = squeeze("".join(page_texts(pdf)))
    assert ("分值" in headers) == ("weight" not in shipped_profile.unprinted_columns)
    signed = {slot.field for row in shipped_profile.signature_rows for slot in row}
    assert ("王项目" in text) == ("leader" in signed) and ("李财务" in text) == ("finance" in signed)
