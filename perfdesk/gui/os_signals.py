"""Being stopped by the system: SIGTERM/SIGHUP (log-out, shutdown, `kill`) and SIGINT (Ctrl+C).

Python runs a signal handler only when the interpreter gets control, which an
idle Qt event loop waiting in C++ never gives it. The standard remedy is used:
`signal.set_wakeup_fd` writes each signal's number to one end of a socket pair,
a `QSocketNotifier` on the other end wakes the event loop, and the numbers are
acted on there — not inside the handler, which may interrupt any Python line.
"""

from __future__ import annotations

import signal
import socket

from PySide6.QtCore import QObject, QSocketNotifier, Signal

#: Signals that end the program with no chance to ask the user anything.
TERMINATING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _noted(number: int, frame: object) -> None:
    """The real work happens in SignalBridge._dispatch (the wake-up byte names the signal)."""


class SignalBridge(QObject):
    """Turns operating-system signals into Qt signals delivered by the event loop."""

    terminate = Signal(int)  # SIGTERM / SIGHUP, with the signal's number
    interrupt = Signal()  # SIGINT

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._dispatch)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {number: signal.signal(number, _noted) for number in (*TERMINATING, signal.SIGINT)}

    def uninstall(self) -> None:
        """Give the signals back to whoever had them (tests; a program embedding the window)."""
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()

    def _dispatch(self) -> None:
        try:
            numbers = self._reader.recv(256)
        except OSError:  # woken without data: nothing to do
            return
        for number in numbers:
            if number == signal.SIGINT:
                self.interrupt.emit()
            elif number in TERMINATING:
                self.terminate.emit(number)
