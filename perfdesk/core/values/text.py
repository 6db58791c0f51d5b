"""Cleaning a typed cell value before it is read: full-width forms, look-alike signs,
LaTeX left by document converters, stray spaces and invisible characters.

Kept apart from `values` so the reading rules there see one spelling per sign.
"""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 200  # longer texts are explanations, not values (see values.parse_value)

# One spelling per sign. Full-width ASCII (U+FF01..U+FF5E) is handled by offset below.
_SIGNS = {
    "≧": "≥", "⩾": "≥", "≮": "≥",
    "≦": "≤", "⩽": "≤", "≯": "≤",
    "═": "=",
    "−": "-", "–": "-", "—": "-", "‒": "-", "―": "-", "﹣": "-",
    "〜": "~", "∼": "~",
    "﹪": "%", "︰": ":", "∶": ":",
}
_TABLE: dict[int, int | str] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_TABLE.update({ord(k): v for k, v in _SIGNS.items()})

# `$\geq 70\%$`: commands a converter leaves; `\text{…}` keeps its content.
_LATEX_COMMANDS = {
    "geq": "≥", "ge": "≥", "geqslant": "≥",
    "leq": "≤", "le": "≤", "leqslant": "≤",
    "gt": ">", "lt": "<", "sim": "~",
}
_LATEX_TEXT = re.compile(r"\\(?:text|mathrm|textrm|rm)\s*\{([^{}\\]{0,100})\}")
_LATEX_COMMAND = re.compile(r"\\([A-Za-z]{1,20})")
_LATEX_ESCAPE = re.compile(r"\\([%$ ,;:!])")
# A space between two digits is kept (so `80 90` is refused, not read as 8090);
# every other space goes: `≥ 4 个`, `≤ 8 万元`, `2022 年 9 月 7 日`.
_SPACES = re.compile(r" +")
_LOOSE_SPACE = re.compile(r"(?<![\d.]) | (?![\d.])")


class CleanError(ValueError):
    """The text holds something a value cannot contain; the message is Chinese."""


def excerpt(text: str, limit: int = 30) -> str:
    """The start of a text for a message: short, and with invisible characters shown as `?`
    (a control character or lone surrogate would break the Excel and PDF exports)."""
    text = text.strip()
    shown = text[:limit]
    if not shown.isprintable():  # printable: no control character and no space but " " (the usual case)
        shown = "".join(" " if c.isspace() else "?" if unicodedata.category(c)[0] == "C" else c for c in shown)
    return shown if len(text) <= limit else shown + "…"


def _replace_latex(text: str) -> str:
    text = _LATEX_TEXT.sub(r"\1", text)
    text = _LATEX_ESCAPE.sub(lambda m: m.group(1), text)

    def command(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in _LATEX_COMMANDS:
            raise CleanError(f"含有无法识别的公式符号“\\{name}”")
        return _LATEX_COMMANDS[name]

    text = _LATEX_COMMAND.sub(command, text)
    if "\\" in text:
        raise CleanError("含有无法识别的反斜杠“\\”")
    return text.replace("$", "").replace("{", "").replace("}", "")


def _drop_invisible(text: str) -> str:
    """Whitespace of any kind becomes a space; zero-width marks go; other controls are refused."""
    if text.isprintable():  # the usual cell: nothing to drop, skip the per-character walk
        return text
    out = []
    for char in text:
        if char.isspace():
            out.append(" ")
            continue
        category = unicodedata.category(char)
        if category == "Cf":  # zero-width space, BOM, soft hyphen pasted from Word
            continue
        if category in ("Cc", "Cs", "Co", "Cn"):
            raise CleanError(f"含有不可见的控制字符（U+{ord(char):04X}）")
        out.append(char)
    return "".join(out)


def clean(text: str) -> str:
    """The text with one spelling per sign and no meaningless space; raises CleanError."""
    text = _drop_invisible(text.translate(_TABLE))
    if "\\" in text or "$" in text:
        text = _replace_latex(text)
    text = _SPACES.sub(" ", text.strip())
    return _LOOSE_SPACE.sub("", text)
