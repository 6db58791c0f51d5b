"""Page operators written directly: numbers, text placement, colours, fonts per run."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from reportlab.lib.colors import Color, black
from reportlab.pdfgen.canvas import Canvas

from perfdesk.core.export.pdf_ink import PageInk, TextEncoder, num
from perfdesk.core.export.pdf_wrap import pdf_face

RED = Color(0.8, 0.05, 0.05)


@pytest.mark.parametrize(("value", "text"), [
    (0.0, "0"), (-0.00001, "0"), (12.0, "12"), (100.5, "100.5"), (3.14159265, "3.1416"), (-2.25, "-2.25"),
])
def test_numbers_are_short_and_exact_enough(value, text):
    assert num(value) == text


def draw(*lines: tuple[str, float, float, str]) -> pdfplumber.page.Page:
    face = pdf_face()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(400, 200), invariant=1)
    ink = PageInk(TextEncoder(canvas, face), 0.6, black)
    ink.fill_rect(10, 10, 100, 20, Color(0.9, 0.9, 0.9))
    ink.stroke_rect(10, 10, 100, 20)
    for text, x, y, align in lines:
        ink.show(text, 10, x, y, RED if align == "right" else black, align)
    canvas.addLiteral(ink.code())
    canvas.showPage()
    canvas.save()
    return pdfplumber.open(io.BytesIO(buffer.getvalue())).pages[0]


def test_mixed_runs_sit_where_they_were_measured():
    face = pdf_face()
    page = draw(("得分9.5分", 50, 100, "left"), ("满意率≥98%", 200, 50, "center"), ("验证码：AB12", 390, 20, "right"))
    chars = page.chars
    assert "".join(c["text"] for c in chars) == "得分9.5分满意率≥98%验证码：AB12"
    first = chars[:6]  # 得分9.5分
    assert first[0]["x0"] == pytest.approx(50, abs=0.01)
    assert first[2]["x0"] == pytest.approx(50 + face.width("得分", 10), abs=0.01)  # the Latin run starts after it
    centred = chars[6:13]  # 满意率≥98%
    assert (centred[0]["x0"] + centred[-1]["x1"]) / 2 == pytest.approx(200, abs=0.05)
    right = chars[13:]  # 验证码：AB12
    assert right[-1]["x1"] == pytest.approx(390, abs=0.05)
    assert {c["fontname"].split("+")[-1] for c in chars} == {"DroidSansFallback", "DejaVuSans"}


def test_colours_and_rectangles_reach_the_page():
    page = draw(("草稿", 300, 20, "right"), ("正文", 20, 150, "left"))
    colours = {c["text"]: tuple(c["non_stroking_color"]) for c in page.chars}
    assert colours["草"] == pytest.approx((0.8, 0.05, 0.05))
    assert colours["正"] == pytest.approx((0, 0, 0))
    rects = page.rects
    assert any(r["fill"] and r["width"] == pytest.approx(100) for r in rects)
    assert any(r["stroke"] and r["linewidth"] == pytest.approx(0.6) for r in rects)


def test_each_text_is_encoded_once_per_document():
    canvas = Canvas(io.BytesIO())
    encoder = TextEncoder(canvas, pdf_face())
    assert encoder.line("得分9.5分", 10) is encoder.line("得分9.5分", 10)
    width, ops = encoder.line("得分9.5分", 10)
    assert width * 10 == pytest.approx(pdf_face().width("得分9.5分", 10))
    assert ops.count(" Tj") == 3 and ops.count(" Td") == 2
