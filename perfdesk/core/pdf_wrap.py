"""Fonts and Chinese line breaking for the PDF export.

The application's Chinese font (DroidSansFallbackFull) has no Latin letters,
digits or signs such as `%` and `≥`: it is a fallback font. So text is drawn
in runs, Chinese glyphs from it and everything else from DejaVu Sans; both are
TrueType and reportlab embeds a subset of each. Widths are measured the same
way, so wrapped text stays inside its cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from perfdesk.paths import chinese_font, resource

CJK_FONT = "PerfDeskCJK"
LATIN_FONT = "PerfDeskLatin"

#: Never at the start of a line (kinsoku): the previous character comes down with it.
NO_LINE_START = frozenset("，。；：！？、）》」』】〉”’％,.;:!?)]}")
#: Never at the end of a line: it goes down to the next one.
NO_LINE_END = frozenset("（《「『【〈“‘([{")

# A run of characters that reads as one word: Latin letters, digits (half and
# full width), and the signs that belong to a number (`≥98.5%`, `1:15`, `2,000`).
_TOKEN = re.compile(
    r"[0-9A-Za-z\u00C0-\u024F\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A.,:%/\-+_'@#&*=<>~^$€¥°±×÷≥≤≧≦≠≈＞＜＝％．：]+"
    r"|[ \t\u3000]+"
    r"|.",
    re.S,
)


@dataclass(frozen=True)
class FontFace:
    """Two registered TrueType fonts used as one: Chinese glyphs first, Latin for the rest."""

    cjk: str
    latin: str
    cjk_chars: frozenset[int] = field(repr=False)

    def runs(self, text: str) -> list[tuple[str, str]]:
        """`text` cut into `(font name, run)` pieces, each drawable with one font."""
        out: list[tuple[str, str]] = []
        for ch in text:
            font = self.cjk if (ord(ch) in self.cjk_chars and ch != " ") else self.latin
            if out and out[-1][0] == font:
                out[-1] = (font, out[-1][1] + ch)
            else:
                out.append((font, ch))
        return out

    def width(self, text: str, size: float) -> float:
        """Exact: reportlab applies no kerning to TrueType text, so glyph widths simply add up."""
        cjk, chars = self.cjk, self.cjk_chars
        return size * sum(_em_width(cjk if ord(ch) in chars and ch != " " else self.latin, ch) for ch in text)


@lru_cache(maxsize=20_000)
def _em_width(font: str, ch: str) -> float:
    """Width of one character at 1 pt (cached: measuring is the export's hot path)."""
    return pdfmetrics.stringWidth(ch, font, 1)


@lru_cache(maxsize=1)
def pdf_face() -> FontFace:
    """Register the application's fonts with reportlab (once) and return them as one face."""
    cjk = TTFont(CJK_FONT, str(chinese_font()))
    latin = TTFont(LATIN_FONT, str(resource("fonts", "DejaVuSans.ttf")))
    pdfmetrics.registerFont(cjk)
    pdfmetrics.registerFont(latin)
    # Map only real glyphs: the Chinese font maps a few code points to glyph 0 (.notdef).
    chars = frozenset(code for code, glyph in cjk.face.charToGlyph.items() if glyph)
    return FontFace(CJK_FONT, LATIN_FONT, chars)


def _measure(font: str | FontFace):
    if isinstance(font, FontFace):
        return font.width
    return lambda text, size: pdfmetrics.stringWidth(text, font, size)


def wrap_text(text: str, font: str | FontFace, size: float, width: float) -> list[str]:
    """Lines of `text` no wider than `width` at `size` points.

    Breaks between any two Chinese characters and at spaces, keeps Latin words
    and numbers whole (cutting them only when one alone is too wide), honours
    explicit line breaks, and follows kinsoku: no line starts with `，。）…` nor
    ends with `（《…`. Empty text gives no lines.
    """
    if not text:
        return []
    measure = _measure(font)
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        lines.extend(_wrap_paragraph(paragraph, measure, size, width))
    return lines


def _wrap_paragraph(paragraph: str, measure, size: float, width: float) -> list[str]:
    tokens = _TOKEN.findall(paragraph)
    lines: list[list[str]] = [[]]

    def fits(parts: list[str]) -> bool:
        return measure("".join(parts).rstrip(), size) <= width

    for token in tokens:
        line = lines[-1]
        if fits(line + [token]):
            line.append(token)
            continue
        if token.isspace():
            if line:
                lines.append([])
            continue
        if not fits([token]):
            lines[-1:] = _hard_break(line, token, measure, size, width)
            continue
        lines.append(_pull_down(line, token, fits))
    return ["".join(parts).strip(" \t") for parts in lines if parts] or [""]


def _pull_down(line: list[str], token: str, fits) -> list[str]:
    """Start a new line with `token`, moving tokens down from `line` as kinsoku asks."""
    moved = [token]
    while len(line) > 1:
        starts = "".join(moved).lstrip()[:1]
        ends = "".join(line).rstrip()[-1:]
        if starts not in NO_LINE_START and ends not in NO_LINE_END:
            break
        candidate = [line[-1]] + moved
        if not fits(candidate):
            break
        moved = candidate
        line.pop()
    while moved and moved[0].isspace():
        moved.pop(0)
    return moved


def _hard_break(line: list[str], token: str, measure, size: float, width: float) -> list[list[str]]:
    """A word wider than the cell: it fills the current line, then is cut by characters."""
    out: list[str] = []
    current = "".join(line)
    for ch in token:
        if current.strip() and measure(current + ch, size) > width:
            out.append(current)
            current = ""
        current += ch
    out.append(current)
    return [[text] for text in out]
