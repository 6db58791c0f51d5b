"""The technical side of a refused file, kept in a log file instead of shown.

A refusal tells the user one Chinese sentence; what the library said
(`ParseError: not well-formed`, a warning with an installation path) is what
support needs, so it goes to `perfdesk.log` in the user's data folder.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from perfdesk.paths import user_data_dir

if TYPE_CHECKING:
    import logging

LOG_NAME = "perfdesk.log"
LOGGER_NAME = "perfdesk.files"


def log_path() -> Path:
    return user_data_dir() / LOG_NAME


@contextmanager
def warnings_logged(source: str) -> Iterator[None]:
    """Library warnings raised inside (openpyxl on an unknown extension, a missing style …) go to
    the log file about `source`, not to the user's terminal or window."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            for warning in caught:
                record(source, f"{warning.category.__name__}: {warning.message}")


def record(source: str, detail: BaseException | str) -> None:
    """Append why `source` was refused (with the traceback of an exception) to the log file."""
    logger = _attach(log_path())
    if isinstance(detail, BaseException):
        logger.warning("refused %s", source, exc_info=(type(detail), detail, detail.__traceback__))
    else:
        logger.warning("refused %s: %s", source, detail)


def _attach(path: Path) -> logging.Logger:
    """The logger, with one handler on the current data folder's log (tests and users may move it).

    `logging` is imported here, on the first refusal: with its handlers (socket, pickle …)
    it costs start-up time that a window opening a good file never needs."""
    import logging
    from logging.handlers import RotatingFileHandler

    logger = logging.getLogger(LOGGER_NAME)
    logger.propagate = False  # never to the console: the user has had the Chinese sentence
    for old in list(logger.handlers):
        if getattr(old, "baseFilename", None) == str(path.absolute()):
            return logger
        logger.removeHandler(old)
        old.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=1, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()  # no writable data folder: the refusal itself still reaches the user
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    return logger


def os_reason(source: str, exc: OSError) -> str:
    """`系统错误 5` for a message, since the system's own wording is often English; the wording is logged."""
    record(source, exc)
    return f"系统错误 {exc.errno}" if exc.errno else "系统错误"
