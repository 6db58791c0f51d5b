"""How an exported workbook carries its document: the very hidden sheet and its encoding.

Shared by the Excel export (which writes it) and the workbook reader (which
reads it back), so neither imports the other.
"""

from __future__ import annotations

DATA_SHEET = "_perfdesk"
EMBED_FORMAT = "perfdesk-xlsx"
EMBED_VERSION = 1
CHUNK_CHARS = 30_000
_EXCEL_ESCAPES = str.maketrans({"_": "\\u005f", "\ufffe": "\\ufffe", "\uffff": "\\uffff"})


def embed_chunks(text: str) -> list[str]:
    """`text` in pieces that fit an Excel cell (32,767 characters at most)."""
    return [text[i:i + CHUNK_CHARS] for i in range(0, len(text), CHUNK_CHARS)] or [""]


def excel_safe_json(text: str) -> str:
    """JSON text that survives the workbook's XML and its `_xHHHH_` escapes unchanged.

    `_` only occurs inside JSON strings and never in an escape sequence, so
    writing it as the JSON escape `\u005f` keeps the value and hides the pattern
    from Excel when it re-saves the workbook. U+FFFE and U+FFFF are not allowed
    in XML, and XlsxWriter would store them as `_xFFFE_` text that no reader
    turns back; as JSON escapes they come back as typed.
    """
    return text.translate(_EXCEL_ESCAPES)
