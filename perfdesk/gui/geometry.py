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


def kept_inside(rect: QRect, area: QRect) -> QRect:
    """`rect` moved left or up just enough to lie inside `area` (shrunk only when larger than it).

    An editor wider than its cell (the qualitative grade editor) would otherwise run
    off the right edge of the grid on a small screen, its last box unreachable.
    """
    moved = QRect(rect)
    moved.setWidth(min(moved.width(), area.width()))
    moved.setHeight(min(moved.height(), area.height()))
    moved.moveLeft(max(area.left(), min(moved.left(), area.right() - moved.width() + 1)))
    moved.moveTop(max(area.top(), min(moved.top(), area.bottom() - moved.height() + 1)))
    return moved
