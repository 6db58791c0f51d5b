"""Checking a printed verification code against a file, and the QR text printed beside it.

People type the code from paper however it comes: with or without dashes,
lower case, full-width from a Chinese input method, with spaces.
"""

from __future__ import annotations

import re
import unicodedata

from perfdesk.core.files.fingerprint import verification_code
from perfdesk.core.model.document import Document

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−_.·:：]+")
_CODE = re.compile(r"[0-9A-F]{12}")


def normalise_code(text: str) -> str | None:
    """`4277-FA48-C90B` from any typed form of it; None when it cannot be a code (not 12 hex digits)."""
    plain = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()
    if plain.startswith("验证码"):
        plain = plain[3:]
    if not _CODE.fullmatch(plain):
        return None
    return "-".join(plain[i : i + 4] for i in range(0, 12, 4))


def code_error(text: str) -> str:
    """Why a typed code is not a code, in Chinese."""
    shown = text.strip()[:40]
    return f"“{shown}”不是有效的验证码：验证码是 12 位数字和字母 A–F，如 4277-FA48-C90B（短横线可省略）。"


def matches(doc: Document, typed: str) -> bool:
    """True when the typed code is the code of `doc`'s content (ValueError for a malformed code)."""
    code = normalise_code(typed)
    if code is None:
        raise ValueError(code_error(typed))
    return code == verification_code(doc)


def qr_text(code: str, project: str, total: str, grade: str) -> str:
    """What the QR code on each printed page holds: readable by any phone as plain lines."""
    name = " ".join(project.split())[:60] or "未命名项目"
    return f"PerfDesk 验证码：{code}\n项目：{name}\n总分：{total}\n等级：{grade}"
