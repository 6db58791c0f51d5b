"""A short code that proves a printed table and a file hold the same content.

The hash covers what the table says (kind, template, the "document" object,
unknown fields in it included, row ids excluded) and nothing else: a supervisor's review
comments, the program version that saved it and the file's own top-level
extras do not change it, so a reviewed file still matches the signed paper.
"""

from __future__ import annotations

import json
from typing import Any

from perfdesk.core.model.document import Document


def canonical_json(data: Any) -> str:
    """One spelling per value: sorted keys, no spaces, Chinese kept as is."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


#: Fields added after tables were first printed: left out of the hash while empty, so a file
#: saved before them keeps the code on its signed paper.
ADDED_LATER = {"signature": ("leader", "finance")}


def content_hash(doc: Document) -> str:
    """SHA-256 hex of the canonical JSON of the document's content (review and row ids excluded:
    ids are bookkeeping, given to old files on opening, and must not change a printed code)."""
    # Here, not at import: the window's first frame needs no code, and these load OpenSSL and the
    # whole file schema (the review modules import this module for later use).
    import hashlib

    from perfdesk.core.files.schema import content_to_data

    content = content_to_data(doc)
    for section, names in ADDED_LATER.items():
        record = content["document"][section]
        for name in names:
            if record.get(name) == "":
                del record[name]
    for l1 in content["document"]["level1"]:
        for group in l1.get("groups", []):
            group.pop("id", None)
            for ind in group.get("indicators", []):
                ind.pop("id", None)
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def verification_code(doc: Document) -> str:
    """`XXXX-XXXX-XXXX`: the first 12 hex digits of `content_hash`, upper case, for print."""
    head = content_hash(doc)[:12].upper()
    return "-".join(head[i : i + 4] for i in range(0, 12, 4))
