"""Recovery copies of edited documents, so a crash or power cut never loses work.

Each open, modified document owns a *slot* in the recovery folder: a copy of the
document (`<id>.pdesk`, written with the ordinary atomic save) and a small JSON
sidecar (`<id>.json`) naming the user's own file, the template and the process
that owns it. The user's own file is never written here. A slot whose owner
process is gone was left by a crash and is offered at the next start; so is one
whose process number now names a newer process, or this one (a number reused
after the crash) while this process never wrote that slot.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from perfdesk.core.model.document import Document

# storage, the lock module, socket and uuid are imported where used: a window takes a
# slot at start-up but writes its first copy only after an edit.

#: Slots this process writes (made or adopted here): a slot naming this process's number
#: but not listed was left by a crashed predecessor that had the same number.
_own_slots: set[str] = set()


@dataclass(frozen=True)
class RecoveredEntry:
    """A recovery copy left behind by a process that no longer runs."""

    slot_id: str
    document_path: Path
    original: Path | None  # the user's file it belongs to; None for a never-saved document
    title: str  # what the window showed, e.g. `新建文档` or `项目.pdesk`
    saved_at: str  # ISO time of the copy


class RecoverySlot:
    """The recovery copy of one open document."""

    def __init__(self, folder: Path, slot_id: str) -> None:
        self.folder = folder
        self.id = slot_id
        self.document_path = folder / f"{slot_id}.pdesk"
        self.meta_path = folder / f"{slot_id}.json"

    def write(self, doc: Document, original: Path | None, title: str) -> None:
        """Save the copy first, then the sidecar, so a listed slot always has its document."""
        self.folder.mkdir(parents=True, exist_ok=True)
        from datetime import datetime  # with the writer: not needed to start

        from perfdesk.core.files.storage import save_document

        save_document(doc, self.document_path, compact=True)  # written often: the fast encoder
        meta = {
            "original": str(original) if original else None,
            "title": title,
            "template": doc.template_id,
            "saved_at": datetime.now().isoformat(timespec="seconds"),
            "pid": os.getpid(),
            "host": _host(),
        }
        tmp = self.meta_path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.meta_path)

    def exists(self) -> bool:
        return self.meta_path.exists() and self.document_path.exists()

    def remove(self) -> None:
        """Delete the copy, its sidecar and the save's backup; missing files are fine."""
        backup = self.document_path.with_name(self.document_path.name + ".bak")
        for path in (self.meta_path, self.document_path, backup):
            try:
                path.unlink()
            except FileNotFoundError:
                pass


class RecoveryStore:
    """The recovery folder (normally `user_data_dir()/recovery`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def new_slot(self) -> RecoverySlot:
        return self.adopt(f"{os.getpid()}-{os.urandom(6).hex()}")  # 12 random hex digits

    def slot(self, slot_id: str) -> RecoverySlot:
        return RecoverySlot(self.folder, slot_id)

    def adopt(self, slot_id: str) -> RecoverySlot:
        """A slot this process writes from now on (a new one, or a restored copy)."""
        _own_slots.add(slot_id)
        return self.slot(slot_id)

    def orphans(self) -> list[RecoveredEntry]:
        """Copies whose owner process is gone (crashed or killed), newest first."""
        entries: list[RecoveredEntry] = []
        if not self.folder.is_dir():
            return entries
        for meta_path in self.folder.glob("*.json"):
            meta = _read_meta(meta_path)
            slot = self.slot(meta_path.stem)
            if meta is None or not slot.document_path.exists():
                continue
            if meta.get("host") == _host() and _alive(slot.id, meta.get("pid"), meta.get("saved_at")):
                continue
            original = meta.get("original")
            entries.append(
                RecoveredEntry(
                    slot_id=slot.id,
                    document_path=slot.document_path,
                    original=Path(original) if isinstance(original, str) and original else None,
                    title=str(meta.get("title") or slot.document_path.name),
                    saved_at=str(meta.get("saved_at") or ""),
                )
            )
        entries.sort(key=lambda e: e.saved_at, reverse=True)
        return entries

    def load(self, entry: RecoveredEntry) -> Document:
        """The recovered document; DocumentFileError when the copy itself is damaged."""
        from perfdesk.core.files.storage import load_document

        return load_document(entry.document_path)

    def discard(self, entry: RecoveredEntry) -> None:
        self.slot(entry.slot_id).remove()


def _read_meta(path: Path) -> dict | None:
    """A sidecar's content, or None when it is unreadable (a half-written or foreign file)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _alive(slot_id: str, pid: object, saved_at: object) -> bool:
    """The slot's owner still runs (on this computer)."""
    if not isinstance(pid, int) or isinstance(pid, bool):
        return False
    if pid == os.getpid():
        return slot_id in _own_slots
    from perfdesk.core.files.lock import pid_alive, pid_reused

    return pid_alive(pid) and not pid_reused(pid, saved_at if isinstance(saved_at, str) else "")


def _host() -> str:
    import socket

    return socket.gethostname()
