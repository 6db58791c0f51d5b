"""Window and dialog sizes that fit the screen (1366×768 laptops, 150% scaling)."""

from __future__ import annotations

from PySide6.QtCore import QRect

#: Room left for the title bar and borders the window manager adds around the client area.
FRAME_ALLOWANCE = 60
#: Room left beside a window (its borders, a little of the desktop).
SIDE_ALLOWANCE = 24


def fitted_size(area: QRect, preferred: tuple[int, int]) -> tuple[int, int]:
    """`preferred`, shrunk to the screen's available `area` with room for the window frame."""
    return min(preferred[0], area.width() - SIDE_ALLOWANCE), min(preferred[1], area.height() - FRAME_ALLOWANCE)
