"""Stable ids of 二级 groups and 三级 indicators.

A row's path changes whenever a row above it is inserted, moved or deleted;
its id does not. Review comments, problems and the grid anchor to ids, so they
stay on the right row. Ids are short random strings (never reused, so an
anchor to a deleted row can never land on a new one), unique in a document,
stored in the file as an optional `id`; files without them get them on opening.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from perfdesk.core.model.document import Document

_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no 0/o/1/l: ids may be read aloud or typed
_LENGTH = 6
GROUP_PREFIX, INDICATOR_PREFIX = "g", "i"
#: The OS's randomness, as `secrets.choice` uses; `secrets` itself would load OpenSSL at start-up.
_RANDOM = random.SystemRandom()


def new_id(prefix: str, taken: set[str]) -> str:
    """A fresh id starting with `prefix`, not in `taken` (which it joins)."""
    while True:
        candidate = prefix + "".join(_RANDOM.choice(_ALPHABET) for _ in range(_LENGTH))
        if candidate not in taken:
            taken.add(candidate)
            return candidate


def all_ids(doc: Document) -> set[str]:
    """Every group and indicator id in use in `doc`."""
    ids: set[str] = set()
    for l1 in doc.level1:
        for group in l1.groups:
            ids.add(group.id)
            ids.update(ind.id for ind in group.indicators)
    ids.discard("")
    return ids


def ensure_ids(doc: Document) -> bool:
    """Give every group and indicator a unique id (missing or repeated ones are replaced,
    the first holder of a repeated id keeps it); True when anything changed."""
    seen: set[str] = set()
    reserved = all_ids(doc)
    changed = False
    records: Iterable[tuple[str, object]] = (
        (prefix, record)
        for l1 in doc.level1
        for group in l1.groups
        for prefix, record in ((GROUP_PREFIX, group), *((INDICATOR_PREFIX, ind) for ind in group.indicators))
    )
    for prefix, record in records:
        current = record.id  # type: ignore[attr-defined]
        if not current or current in seen:
            record.id = new_id(prefix, reserved)  # type: ignore[attr-defined]
            changed = True
        seen.add(record.id)  # type: ignore[attr-defined]
    return changed
