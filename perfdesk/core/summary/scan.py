"""Which files of the folders a supervisor points at are tables to read."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from perfdesk.core.files.opening import IMPORT_SUFFIXES, WORKBOOK_SUFFIXES

#: What the 汇总 reads in a folder: PerfDesk files, workbooks (PerfDesk's or hand-made), Word and old
#: Excel tables. Not PDFs: a unit sends its table's stamped PDF beside the table itself, which would be
#: counted twice (a PDF named on its own is read).
TABLE_SUFFIXES = (".pdesk", *WORKBOOK_SUFFIXES, *(s for s in IMPORT_SUFFIXES if s != ".pdf"))


def _is_table_name(name: str) -> bool:
    """A table by its name; Office's `~$` owner files and hidden files are not."""
    return not name.startswith(("~$", ".")) and Path(name).suffix.lower() in TABLE_SUFFIXES


def table_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Every table under `paths` (files as given, folders recursively), each once, sorted per folder.

    A file named explicitly is taken whatever its name, so the reader can say
    why it is not a table; a folder that cannot be listed is yielded too, so
    its row says so (never a silent skip). Links to folders are not followed,
    so a link loop cannot make the walk endless.
    """
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield from _once(path, seen)
            continue
        unlistable: list[OSError] = []
        for folder, dirs, files in os.walk(path, onerror=unlistable.append):
            while unlistable:
                yield from _once(Path(unlistable.pop().filename), seen)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if _is_table_name(name):
                    yield from _once(Path(folder) / name, seen)
        while unlistable:
            yield from _once(Path(unlistable.pop().filename), seen)


def _once(path: Path, seen: set[Path]) -> Iterator[Path]:
    try:
        key = path.resolve()
    except OSError:
        key = path.absolute()
    if key not in seen:
        seen.add(key)
        yield path
