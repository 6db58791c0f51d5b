"""Reading many tables on every core, rows arriving as they are read.

Worker processes are started once and keep their template library, so a file
costs its own reading and scoring only, not a program start. They are spawned
(never forked), because a Qt window's threads do not survive a fork.

A worker reports each file as it finishes it, so the reader knows which file
every worker is on and since when. A worker that dies on a file (a hostile
workbook) or spends longer than the time limit on one (a pathological one that
never returns) is killed and replaced: that file is a row saying it was skipped,
the rest of its files go to the next worker. Reading in the calling thread
(`workers` 0) cannot be interrupted, so it has no time limit.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.context import SpawnContext
from pathlib import Path

from perfdesk.core.rules.profile import TemplateLibrary
from perfdesk.core.summary.row import SummaryRow, summarize_file, unreadable

#: Seconds one file may take in a worker before it is skipped: generous, so a slow PC keeps a large workbook.
TIME_LIMIT = 60.0
_CHUNK = 8  # files sent to a worker at once: it goes on to the next without waiting for the reader
_AHEAD = 2  # chunks a worker holds at most: cancelling and a dead worker lose little
_TICK = 0.1  # seconds between looks at the cancel flag and the clocks
_library: TemplateLibrary | None = None


def _init_worker() -> None:
    global _library
    _lower_priority()
    _library = TemplateLibrary()


def _lower_priority() -> None:
    """Workers yield the cores to the window: rows keep arriving, the window keeps answering."""
    try:
        if sys.platform == "win32":
            import ctypes

            below_normal = 0x4000
            ctypes.windll.kernel32.SetPriorityClass(ctypes.windll.kernel32.GetCurrentProcess(), below_normal)
        else:
            os.nice(10)
    except (OSError, AttributeError):  # a sandbox may forbid it: reading goes on at normal priority
        pass


def _summarize_one(path: str) -> list[SummaryRow]:
    return summarize_file(path, _library)


def _serve(conn: Connection, start: Callable[[], None], read: Callable[[str], list[SummaryRow]]) -> None:
    """A worker process: `start`, say so (None), then send the rows of every file of every chunk received.

    `start` and `read` are passed in (not looked up here), so a test can hand the
    spawned process a reader that hangs or dies.
    """
    start()
    conn.send(None)
    while (chunk := conn.recv()) is not None:
        for path in chunk:
            conn.send(read(path))


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def summarize_paths(files: Iterable[str | Path], workers: int | None = None, cancel: threading.Event | None = None,
                    time_limit: float = TIME_LIMIT) -> Iterator[list[SummaryRow]]:
    """Rows for `files` in batches, in the order they finish; stops early when `cancel` is set.

    `workers` 0 reads in the calling thread: no process to start, but a file that
    never finishes reading stops the batch there (no time limit can interrupt it).
    Otherwise as many processes as there are chunks of files, at most `workers`;
    one worker is still a process: a window reading in its own process would wait
    for the reading thread at every event (Python runs one thread at a time).

    At most `_AHEAD` chunks per worker are in flight, so 10,000 files never sit in
    memory as documents. Cancelling stops at once: a busy worker is killed, an idle one told to exit.
    """
    names = [str(f) for f in files]
    workers = default_workers() if workers is None else max(0, workers)
    if workers and names:
        names = yield from _Crew(names, workers, cancel, time_limit).run()
    library = TemplateLibrary() if names else None
    for path in names:  # everything when workers is 0; what is left when no process could start
        if cancel is not None and cancel.is_set():
            return
        yield summarize_file(path, library)


class _Worker:
    """One worker process, the files sent to it not yet reported (in order), and since when it is on the first."""

    def __init__(self, context: SpawnContext) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, _init_worker, _summarize_one), daemon=True)
        self.process.start()
        child.close()  # only the worker holds its end: its death reads as end of file here
        self.ready = False
        self.files: deque[str] = deque()
        self.since = 0.0

    def give(self, chunk: list[str]) -> bool:
        """Send `chunk`; False when the worker has died meanwhile (its end of file says so next)."""
        try:
            self.conn.send(chunk)
        except OSError:
            return False
        if not self.files:
            self.since = time.monotonic()
        self.files.extend(chunk)
        return True

    def finish(self) -> None:
        """Ask an idle worker to exit; a busy or still starting one is killed, as it only reads."""
        if self.files or not self.ready:
            self.process.kill()
            return
        try:
            self.conn.send(None)
        except OSError:  # it has just died: nothing to ask
            pass

    def stop(self, kill: bool = False) -> None:
        """Wait for the worker to exit (kill it, or after `finish` give it two seconds)."""
        if not kill:
            self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


class _Crew:
    """The workers of one `summarize_paths` and the files not yet sent to them."""

    def __init__(self, names: list[str], workers: int, cancel: threading.Event | None, time_limit: float) -> None:
        self.chunks = deque(names[i:i + _CHUNK] for i in range(0, len(names), _CHUNK))
        self.size = min(workers, len(self.chunks))
        self.cancel = cancel
        self.time_limit = time_limit
        self.context = multiprocessing.get_context("spawn")
        self.workers: list[_Worker] = []

    def run(self) -> Generator[list[SummaryRow], None, list[str]]:
        """Rows as workers report them; returns the files left for the calling thread (none could start)."""
        try:
            self.workers = self._start(self.size)
            while self.chunks or any(w.files for w in self.workers):
                if not self.workers:  # every worker died before it could start: a sandbox
                    return [path for chunk in self.chunks for path in chunk]
                for worker in self.workers:
                    while worker.ready and self.chunks and len(worker.files) < _AHEAD * _CHUNK:
                        if not worker.give(self.chunks[0]):
                            break
                        self.chunks.popleft()
                ready = wait([w.conn for w in self.workers], self._timeout())
                if self.cancel is not None and self.cancel.is_set():
                    return []
                rows = [row for w in list(self.workers) if w.conn in ready for row in self._hear(w)]
                for worker in [w for w in self.workers if self._overdue(w)]:
                    rows += self._hear(worker)  # a file finished since `wait` is not blamed
                    if worker in self.workers and self._overdue(worker):
                        rows += self._replace(worker, _too_long)
                if rows:
                    yield rows
            return []
        finally:  # all asked first, so they exit side by side
            for worker in self.workers:
                worker.finish()
            for worker in self.workers:
                worker.stop()

    def _start(self, count: int) -> list[_Worker]:
        """Up to `count` new workers: fewer when the system refuses another process (handles, a sandbox)."""
        started: list[_Worker] = []
        for _ in range(count):
            try:
                started.append(_Worker(self.context))
            except OSError:
                break
        return started

    def _timeout(self) -> float:
        busy = [w.since + self.time_limit for w in self.workers if w.files]
        return max(0.0, min(_TICK, min(busy) - time.monotonic())) if busy else _TICK

    def _overdue(self, worker: _Worker) -> bool:
        return bool(worker.files) and time.monotonic() - worker.since > self.time_limit

    def _hear(self, worker: _Worker) -> list[SummaryRow]:
        """Everything `worker` has said: rows of the files it finished, or its death."""
        rows: list[SummaryRow] = []
        try:
            while worker.conn.poll():
                message = worker.conn.recv()
                if message is None:
                    worker.ready = True
                else:
                    worker.files.popleft()
                    worker.since = time.monotonic()
                    rows.extend(message)
        except (EOFError, OSError):
            if worker.ready:
                return rows + self._replace(worker, _crashed)
            self.workers.remove(worker)  # it never started, so no file is to blame; nor is one replaced
            worker.stop(kill=True)
        return rows

    def _replace(self, worker: _Worker, why: Callable[[str, float], str]) -> list[SummaryRow]:
        """Kill `worker` and start another; its current file is skipped, the files after it go back in line."""
        worker.stop(kill=True)
        at = self.workers.index(worker)
        self.workers[at:at + 1] = self._start(1)  # none if refused: the others (or the calling thread) read on
        if not worker.files:  # it died idle: no file to blame
            return []
        path = worker.files.popleft()
        if worker.files:
            self.chunks.appendleft(list(worker.files))
        return [unreadable(path, why(path, self.time_limit))]


def _crashed(path: str, _limit: float) -> str:
    return f"读取“{Path(path).name}”时读取进程意外终止（文件可能已损坏或过大），已跳过。"


def _too_long(path: str, limit: float) -> str:
    return f"“{Path(path).name}”读取超时（超过 {limit:g} 秒仍未读完，文件可能过大或结构异常），已跳过。"
