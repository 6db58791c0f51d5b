"""Fonts and Chinese line breaking for the PDF export.

The application's Chinese font (DroidSansFallbackFull) has no Latin letters,
digits or signs such as `%` and `≥`: it is a fallback font. So text is drawn
in runs, Chinese glyphs from it and everything else from DejaVu Sans; both are
TrueType and reportlab embeds a subset of each. Widths are measured the same
way, so wrapped text stays inside its cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from perfdesk.paths import chinese_font, resource

CJK_FONT = "PerfDeskCJK"
LATIN_FONT = "PerfDeskLatin"

#: Never at the start of a line (kinsoku): the previous character comes down with it.
#: Pause and stop marks, closing brackets and quotes of every kind, `%` and the ellipsis.
NO_LINE_START = frozenset("，。；：！？、）》」』】〉〕〗］｝”’％,.;:!?)]}%…‥⋯")
#: Never at the end of a line: it goes down to the next one.
NO_LINE_END = frozenset("（《「『【〈〔〖［｛“‘([{")

# A run of characters that reads as one word: Latin letters, digits (half and
# full width), and the signs that belong to a number (`≥98.5%`, `1:15`, `2,000`).
# A word never starts with one of its signs that may not start a line (`、.5` reads `、` `.` `5`),
# so such a mark can stay at the end of the line before it. An ellipsis `……` and a
# dash `——` are one piece each: they are never split across lines.
_WORD = r"[0-9A-Za-z\u00C0-\u024F\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A.,:%/\-+_'@#&*=<>~^$€¥°±×÷≥≤≧≦≠≈＞＜＝％．：]"
_TOKEN = re.compile(
    rf"(?![.,:%％．：]){_WORD}+"
    r"|[…‥⋯]+|[—―]+"
    r"|[ \t\u3000]+"
    r"|.",
    re.S,
)


class _EmWidths(dict):
    """Character → advance width in 1/1000 em of the font that draws it, filled on first use.

    TrueType advances are whole font units scaled by 1000/unitsPerEm (a power of
    two for our fonts), so these floats are exact and their sums do not depend
    on the order of addition: a line measured piece by piece while wrapping has
    exactly the width of the same line measured whole.
    """

    def __init__(self, face: FontFace) -> None:
        super().__init__()
        self.face = face

    def __missing__(self, ch: str) -> float:
        width = self[ch] = pdfmetrics.stringWidth(ch, self.face.font_of(ch), 1000)
        return width


@dataclass(frozen=True)
class FontFace:
    """Two registered TrueType fonts used as one: Chinese glyphs first, Latin for the rest."""

    cjk: str
    latin: str
    cjk_chars: frozenset[int] = field(repr=False)
    _em: _EmWidths = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_em", _EmWidths(self))

    def font_of(self, ch: str) -> str:
        return self.cjk if (ord(ch) in self.cjk_chars and ch != " ") else self.latin

    def runs(self, text: str) -> list[tuple[str, str]]:
        """`text` cut into `(font name, run)` pieces, each drawable with one font."""
        return [(font, "".join(chars)) for font, chars in groupby(text, self.font_of)]

    def units(self, text: str) -> float:
        """Width of `text` in 1/1000 em (exact, see `_EmWidths`)."""
        return sum(map(self._em.__getitem__, text))

    def width(self, text: str, size: float) -> float:
        """Exact: reportlab applies no kerning to TrueType text, so glyph widths simply add up."""
        return size * self.units(text) / 1000


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


def _units_of(font: str | FontFace) -> Callable[[str], float]:
    """A text's width in 1/1000 em: additive for TrueType and Type 1 fonts alike."""
    if isinstance(font, FontFace):
        return font.units
    return lambda text: pdfmetrics.stringWidth(text, font, 1000)


def wrap_text(text: str, font: str | FontFace, size: float, width: float) -> list[str]:
    """Lines of `text` no wider than `width` at `size` points.

    Breaks between any two Chinese characters and at spaces, keeps Latin words
    and numbers whole (cutting them only when one alone is too wide), honours
    explicit line breaks, and follows kinsoku: no line starts with `，。）…` nor
    ends with `（《…`. Empty text gives no lines.
    """
    if not text:
        return []
    fit = _Fit(_units_of(font), size, width)
    lines: list[str] = []
    for paragraph in paragraphs(text):
        lines.extend(_wrap_paragraph(paragraph, fit))
    return lines


def paragraphs(text: str) -> list[str]:
    """The explicit lines of `text` (at `\\n`, `\\r\\n` or `\\r`), at least one even when empty.

    The one definition of a line break in print: `wrap_text` gives at least one
    line for each of these, and callers comparing with it must count the same way.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class _Fit:
    """Whether text fits the width: `size * units / 1000 <= width`, as `FontFace.width` measures."""

    def __init__(self, units: Callable[[str], float], size: float, width: float) -> None:
        self.units, self.size, self.width = units, size, width

    def ok(self, units: float) -> bool:
        return self.size * units / 1000 <= self.width

    def text(self, text: str) -> bool:
        return self.ok(self.units(text))


def tokens(paragraph: str) -> list[str]:
    """The unbreakable pieces of a paragraph: words and numbers, runs of spaces, single characters."""
    return _TOKEN.findall(paragraph)


def _wrap_paragraph(paragraph: str, fit: _Fit) -> list[str]:
    """Greedy filling; each line's width is kept as a running sum instead of re-measured."""
    lines: list[list[str]] = [[]]
    total = inked = 0.0  # units of the current line, and up to its last non-space token
    # Spaces that start the paragraph are not printed, so not measured; an indent `\u3000` is.
    for token, units in _measured(tokens(paragraph.lstrip(" \t")), fit):
        line = lines[-1]
        space = token.isspace()
        if fit.ok(inked if space else total + units):
            line.append(token)
            total += units
            if not space:
                inked = total
            continue
        if space:
            if line:
                lines.append([])
                total = inked = 0.0
            continue
        lines.append(_pull_down(line, token, fit))
        total = fit.units("".join(lines[-1]))
        inked = fit.units("".join(lines[-1]).rstrip())
    # A line keeps an indent `\u3000` but no space at its end: centred text would shift.
    return ["".join(parts).lstrip(" \t").rstrip() for parts in lines if parts] or [""]


def _measured(words: list[str], fit: _Fit) -> Iterator[tuple[str, float]]:
    """Each token with its width; a word wider than the cell comes in pieces, characters at worst."""
    for word in words:
        units = fit.units(word)
        if fit.ok(units) or len(word) == 1 or word.isspace():
            yield word, units
        else:
            yield from _measured(_pieces(word), fit)


def _pull_down(line: list[str], token: str, fit: _Fit) -> list[str]:
    """Start a new line with `token`, taking down from `line` the fewest tokens that let both
    lines keep kinsoku and still fit.

    When no number of tokens does (a long word before the marks), the break still never
    falls inside a run of marks (`、、`, `。」`, `（《`): the whole run goes down if it fits,
    as it would with the character before it; otherwise only `token` goes down.
    """
    fallback: int | None = None
    starts = token[0]
    for count in range(len(line)):  # `count` tokens come down; the line keeps some ink
        end = len(line) - count
        if count and not line[end].isspace():
            starts = line[end][0]
            if not fit.text("".join(line[end:]) + token):
                break  # moving more only widens the new line
        ends = _last_ink(line, end)
        if not ends:
            break  # the line would be left empty
        if starts not in NO_LINE_START and ends not in NO_LINE_END:
            return _take_down(line, count, token)
        inside_a_run = (ends in NO_LINE_START and starts in NO_LINE_START) or (
            ends in NO_LINE_END and starts in NO_LINE_END)
        if fallback is None and not inside_a_run:
            fallback = count
    return _take_down(line, fallback or 0, token)


def _last_ink(line: list[str], end: int) -> str:
    """The last printed character of `line[:end]`, or "" when it has none."""
    for index in range(end - 1, -1, -1):
        if not line[index].isspace():
            return line[index].rstrip()[-1]
    return ""


def _take_down(line: list[str], count: int, token: str) -> list[str]:
    """The new line: the last `count` tokens of `line` (removed from it) and `token`."""
    moved = [*line[len(line) - count :], token]
    del line[len(line) - count :]
    while moved[0].isspace():
        moved.pop(0)
    return moved


#: Where a word too wide for its cell may break first: after a hyphen or slash (`0737-` / `4221234`).
_SOFT_BREAK = re.compile(r"[^-/]*[-/]+(?=[^-/])|[^-/]+$|.+")


def _pieces(word: str) -> list[str]:
    """A word wider than the cell, cut to be wrapped again: after a hyphen or slash inside it
    (a phone or date number stays readable), else into characters. The pieces fill the current
    line and follow kinsoku like any other token (`123456` / `7%`)."""
    parts = _SOFT_BREAK.findall(word)
    if len(parts) == 1:
        return list(word)
    return [piece for part in parts for piece in tokens(part)]  # `/%0`: `%` is a mark again
