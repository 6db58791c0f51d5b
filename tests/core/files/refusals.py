"""What every refusal must look like: one Chinese sentence naming the file, no Python internals."""

from __future__ import annotations

import re

from perfdesk.core.files.errors import DocumentFileError

#: Latin words a Chinese refusal may contain; any other is a leak (`IndexError`, `None`, `limit`, `digits` …).
ALLOWED_WORDS = {"PerfDesk", "Excel", "WPS", "Word", "docx", "doc", "et", "wps", "xlsx", "xls", "pdesk", "bak", "MB",
                 "XML", "UTF", "JSON", "NaN",
                 "Infinity", "version", "format", "perfdesk", "Unicode"}
_QUOTED = re.compile(r"“[^”]*”")  # the file, a part of it or a value from it, in any script


def assert_clean_refusal(error: DocumentFileError, name: str) -> None:
    """The refusal names the file `name` and holds no Latin word but the product's own.

    The JSON path of the faulty field (`error.path`) and quoted names come from
    the file itself and may be in any script.
    """
    message = error.message
    assert name in message and error.source == name, message
    assert "\n" not in message and "Traceback" not in message, message
    words = _QUOTED.sub("", message.replace(error.path, "") if error.path else message)
    leaked = set(re.findall(r"[A-Za-z_]{2,}", words)) - ALLOWED_WORDS
    assert not leaked, (leaked, message)
