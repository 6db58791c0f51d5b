"""The one error a user sees when a file cannot be read or written.

Kept apart from `storage` so that the workbook checks (`safe_zip`) and the lock
code raise the same error without importing the whole storage layer.
"""

from __future__ import annotations


class DocumentFileError(Exception):
    """A file problem explained in Chinese: what is wrong, where, and what to do.

    `path` is the JSON path of the faulty field (``level1[0].groups[1].weight``)
    and `line`/`column` the position of a JSON syntax error, when known, so a
    dialog can show them apart from the sentence.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str = "",
        path: str = "",
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.path = path
        self.line = line
        self.column = column


def file_label(source: str) -> str:
    """How a message names a file: `文件“x.pdesk”` or just `文件` when unknown."""
    return f"文件“{source}”" if source else "文件"
