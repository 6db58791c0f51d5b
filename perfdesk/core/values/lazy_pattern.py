"""Regular expressions compiled on first use.

Python compiles a pattern in Python code, and the value reader's patterns took
several milliseconds at every start-up although showing a new table reads
hardly any value. A `LazyPattern` compiles on its first call; after that its
methods are the compiled pattern's own (no extra cost per call).
"""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """`re.compile(pattern, flags)`, done when `match`, `fullmatch`, `search` or `sub` is first called."""

    _METHODS = ("match", "fullmatch", "search", "sub")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags

    def __getattr__(self, name: str) -> Any:  # reached only before the first compile
        if name not in self._METHODS:
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self.flags)
        for method in self._METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)
