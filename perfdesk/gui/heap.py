"""Keeping Python's cycle collector off the big, long-lived heap of an open table.

A full collection walks every object the program holds: with a 500-row table open
that is tens of milliseconds, taken at whatever keystroke happens to trigger it (the
worst edit-to-repaint latencies). Once a table is shown its objects are set aside
(`gc.freeze`), so later collections walk only what is new; before a window closes or
shows another table they are handed back (`gc.unfreeze`), so the cycles they leave
behind are still collected.
"""

from __future__ import annotations

import gc

#: How long after a table is shown its heap is settled: after the first frames and the
#: deferred work of opening, before the user is likely to type.
SETTLE_AFTER_MS = 400


def settle() -> None:
    """Collect what is garbage now, then set the surviving objects aside."""
    gc.collect()
    gc.freeze()


def release() -> None:
    """Hand the set-aside objects back to the collector (some are about to become garbage)."""
    gc.unfreeze()
