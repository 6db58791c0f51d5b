"""Reading many tables on every core, rows arriving as they are read.

Worker processes are started once and keep their template library, so a file
costs its own reading and scoring only, not a program start. They are spawned
(never forked), because a Qt window's threads do not survive a fork.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from perfdesk.core.rules.profile import TemplateLibrary
from perfdesk.core.summary.row import SummaryRow, summarize_file, unreadable

#: Below this many files a pool costs more to start than it saves.
POOL_THRESHOLD = 12
_CHUNK = 8  # files per task: fewer round trips, rows still arrive often
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


def _summarize_chunk(paths: list[str]) -> list[SummaryRow]:
    return [row for p in paths for row in summarize_file(p, _library)]


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def summarize_paths(files: Iterable[str | Path], workers: int | None = None,
                    cancel: threading.Event | None = None) -> Iterator[list[SummaryRow]]:
    """Rows for `files` in batches, in the order they finish; stops early when `cancel` is set.

    `workers` 0 (or fewer files than `POOL_THRESHOLD`) reads in the calling thread. One
    worker is still a process: a window reading in its own process would wait for the
    reading thread at every event (Python runs one thread at a time).

    At most a few chunks per worker are in flight, so 10,000 files never sit in
    memory as documents, and cancelling takes effect within one chunk.
    """
    names = [str(f) for f in files]
    workers = default_workers() if workers is None else max(0, workers)
    if workers == 0 or len(names) < POOL_THRESHOLD:
        library = TemplateLibrary()
        for path in names:
            if cancel is not None and cancel.is_set():
                return
            yield summarize_file(path, library)
        return
    chunks = [names[i:i + _CHUNK] for i in range(0, len(names), _CHUNK)]
    try:
        chunks, suspects = yield from _run_pool(chunks, workers, workers * 2, cancel, first=True)
    except _NoPool:  # no process can start here (a sandbox): read in this process instead
        yield from summarize_paths(names, 0, cancel)
        return
    while suspects or chunks:  # a worker died on a hostile file: find it alone, go on with the rest
        for path in suspects:
            if cancel is not None and cancel.is_set():
                return
            _, died = yield from _run_pool([[path]], 1, 1, cancel)
            if died:
                yield [unreadable(path, _crashed(path))]
        suspects = []
        if chunks:
            chunks, suspects = yield from _run_pool(chunks, workers, workers * 2, cancel)


def _run_pool(chunks: list[list[str]], workers: int, in_flight: int, cancel: threading.Event | None,
              first: bool = False) -> Generator[list[SummaryRow], None, tuple[list[list[str]], list[str]]]:
    """Rows of `chunks`; when a worker dies, returns (chunks not started, files that were in flight)."""
    context = multiprocessing.get_context("spawn")
    queue = list(reversed(chunks))
    pending: dict[Future[list[SummaryRow]], list[str]] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker) as pool:
        if first:  # a pool that cannot even start blames no file
            try:
                pool.submit(_ready).result()
            except BrokenProcessPool as exc:
                raise _NoPool from exc
        try:
            while queue or pending:
                while queue and len(pending) < in_flight:
                    chunk = queue.pop()
                    pending[pool.submit(_summarize_chunk, chunk)] = chunk
                done, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                if cancel is not None and cancel.is_set():
                    return [], []
                for future in done:
                    chunk = pending.pop(future)
                    try:
                        rows = future.result()
                    except BrokenProcessPool:
                        suspects = [p for c in (chunk, *pending.values()) for p in c]
                        pending.clear()
                        return list(reversed(queue)), suspects
                    yield rows
            return [], []
        finally:
            for future in pending:
                future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)


class _NoPool(Exception):
    """The worker processes could not start at all, so no file is to blame."""


def _ready() -> bool:
    return True


def _crashed(path: str) -> str:
    return f"读取“{Path(path).name}”时读取进程意外终止（文件可能已损坏或过大），已跳过。"
