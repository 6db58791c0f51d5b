"""The printout shows the figures the Excel file shows, in one type size: amounts with two
decimals, no label or score set smaller to squeeze it in, a phone number broken after its area code."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from perfdesk.core.export.pdf import plan_pages, render_pdf
from perfdesk.core.export.pdf_table import PrintStyle, printed
from perfdesk.core.export.pdf_wrap import pdf_face, wrap_text
from perfdesk.core.export.xlsx import NUMBER_FORMATS
from perfdesk.core.layout.table import Format, Role, build_layout
from perfdesk.core.rules.analysis import analyse
from tests.core.xlsx_samples import worked_example

PHONE = "0737-4221234"


@pytest.fixture(scope="module")
def signed():
    """The 资阳区 table as the clerk filled it: phone numbers, and a 二级 scored by hand (`9（人工）`)."""
    from perfdesk.core.rules.profile import TemplateLibrary

    profile = TemplateLibrary().get("county-ziyang")
    doc = worked_example(profile)
    doc.project.phone = doc.signature.phone = PHONE
    group = doc.level1[2].groups[0]
    group.manual_score, group.manual_reason = "9", "问卷回收率低，按抽样结果评定"
    layout = build_layout(doc, profile, analyse(doc, profile))
    return layout, render_pdf(doc, profile)


def test_amounts_print_with_two_decimals_as_the_excel_file_shows_them(signed):
    layout, pdf = signed
    assert NUMBER_FORMATS[Format.MONEY] == "0.00" and NUMBER_FORMATS[Format.PERCENT] == "0.00%"
    money = [c for c in layout.cells if c.fmt is Format.MONEY and c.number is not None]
    assert money and "38" in {c.text for c in money}
    assert all(printed(c) == f"{c.number:.2f}" for c in money)
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        words = {w["text"] for page in opened.pages for w in page.extract_words()}
    assert "38.00" in words and "19.62" in words and "38" not in words


@pytest.mark.parametrize("landscape", [False, True])
def test_no_label_score_or_value_is_set_in_a_smaller_type(signed, landscape):
    layout, _ = signed
    metrics = plan_pages(layout, landscape=landscape).metrics
    body = PrintStyle().body_size
    merged_label = [c for c in layout.cells if c.role is Role.LABEL and c.rowspan > 1]
    smaller = [c.text for c in layout.cells if c.role is not Role.TITLE and metrics.sizes[id(c)] < body
               and c not in merged_label]
    assert smaller == []
    lines = {printed(c): metrics.lines[id(c)] for c in layout.cells if printed(c) in ("填报日期", "9（人工）")}
    assert lines == {"填报日期": ["填报日期"], "9（人工）": ["9（人工）"]}


def test_the_drawn_label_and_manual_score_use_the_body_size(signed):
    _, pdf = signed
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        words = [w for page in opened.pages for w in page.extract_words(extra_attrs=["size"])]
    sizes = {w["text"]: round(w["size"], 1) for w in words if w["text"] in ("填报日期", "9（人工）", "38.00")}
    assert sizes == dict.fromkeys(("填报日期", "9（人工）", "38.00"), PrintStyle().body_size)


def test_a_phone_number_breaks_after_its_area_code(signed):
    face = pdf_face()
    narrow = face.width("0737-4221", 9)
    assert wrap_text(PHONE, face, 9, narrow) == ["0737-", "4221234"]
    assert wrap_text(f"电话 {PHONE}", face, 9, narrow) == ["电话 0737-", "4221234"]
    assert wrap_text("2023-12-31", face, 9, face.width("2023-12-", 9)) == ["2023-12-", "31"]
    layout, _ = signed
    metrics = plan_pages(layout).metrics
    phones = [metrics.lines[id(c)] for c in layout.cells if c.text == PHONE]
    assert len(phones) == 2 and all(lines in (["0737-", "4221234"], [PHONE]) for lines in phones)
