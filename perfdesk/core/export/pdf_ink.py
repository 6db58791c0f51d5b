"""Page content for the PDF export, written as PDF operators in one piece per page.

reportlab's canvas builds a text object for every string it draws, formats
every number through a pure-Python `fp_str` and sets colours through several
layers; a 25-page table draws about 6 000 strings and as many rectangles, so
those calls took most of the export time. `PageInk` writes the same operators
(`re f`, `re S`, `Tm`/`Td`/`Tf`/`Tj`) into a list and hands the page to the canvas
once with `addLiteral`. Text is encoded through the fonts' own subsets, the
route reportlab documents for dynamic fonts (`font.splitString` and
`getSubsetInternalName`), once per distinct text and size of the document.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from perfdesk.core.export.pdf_wrap import FontFace

#: A line ready to show at one size: its width in em, and its operators after the `Tm` that places it.
Shown = tuple[float, str]


@lru_cache(maxsize=8192)  # column edges, widths and sizes recur on every page
def num(value: float) -> str:
    """A coordinate as PDF writes it: four decimals at most, no trailing zeros, never `-0`."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def rgb(color: Color) -> str:
    return f"{num(color.red)} {num(color.green)} {num(color.blue)}"


class TextEncoder:
    """Text → show-text operators for one document (subset assignments belong to the document)."""

    def __init__(self, canvas: Canvas, face: FontFace) -> None:
        self.doc = canvas._doc  # the key of the fonts' per-document subsets, as in reportlab's TextObject
        self.face = face
        self.fonts = {name: pdfmetrics.getFont(name) for name in (face.cjk, face.latin)}
        self.cache: dict[tuple[str, float], Shown] = {}

    def line(self, text: str, size: float) -> Shown:
        """Each font run set in its font and moved (`Td`) to where its measured width puts it."""
        key = (text, size)
        found = self.cache.get(key)
        if found is None:
            ops: list[str] = []
            previous = 0.0  # width of the previous run in em: Td moves on from where that run started
            for name, run in self.face.runs(text):
                if ops:
                    ops.append(f"{num(previous * size)} 0 Td")
                font = self.fonts[name]
                for subset, chunk in font.splitString(run, self.doc):
                    ops.append(f"{font.getSubsetInternalName(subset, self.doc)} {num(size)} Tf ({escapePDF(chunk)}) Tj")
                previous = self.face.units(run) / 1000
            found = self.cache[key] = (self.face.units(text) / 1000, " ".join(ops))
        return found


class PageInk:
    """The operators of one page: rectangles first, then one text block on top of them."""

    def __init__(self, encoder: TextEncoder, line_width: float, stroke: Color) -> None:
        self.enc = encoder
        self.paths: list[str] = [f"{rgb(stroke)} RG {num(line_width)} w"]
        self.text: list[str] = []
        self.color: Color | None = None  # fill colour of the text block

    def fill_rect(self, x: float, y: float, width: float, height: float, color: Color) -> None:
        self.paths.append(f"{rgb(color)} rg {num(x)} {num(y)} {num(width)} {num(height)} re f")

    def stroke_rect(self, x: float, y: float, width: float, height: float) -> None:
        self.paths.append(f"{num(x)} {num(y)} {num(width)} {num(height)} re S")

    def show(self, text: str, size: float, x: float, y: float, color: Color, align: str = "left") -> None:
        """One line whose left, centre or right end is at x."""
        if color is not self.color:
            self.text.append(f"{rgb(color)} rg")
            self.color = color
        width, ops = self.enc.line(text, size)
        if align == "center":
            x -= size * width / 2
        elif align == "right":
            x -= size * width
        self.text.append(f"1 0 0 1 {num(x)} {num(y)} Tm {ops}")

    def code(self) -> str:
        """The page's operators, kept inside q … Q so they leave the canvas state untouched."""
        return "\n".join(["q", *self.paths, "BT", *self.text, "ET", "Q"])
