"""Readers that die or hang on the files named `poison…`, as a hostile or pathological workbook would.

Tests put one in place of `batch._summarize_one`; the spawned workers import this
module to call it, so it stays small and imports no Qt.
"""

from __future__ import annotations

import os
import time

from perfdesk.core.summary import batch
from perfdesk.core.summary.row import SummaryRow

POISON = "poison"


def die_on_poison(path: str) -> list[SummaryRow]:
    if POISON in path:
        os._exit(70)
    return batch._summarize_one(path)


def hang_on_poison(path: str) -> list[SummaryRow]:
    while POISON in path:
        time.sleep(1)
    return batch._summarize_one(path)
