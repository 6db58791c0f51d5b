"""Fuzzing: damaged .pdesk files and workbooks give DocumentFileError or a document, nothing else."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfdesk.core.files import storage
from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.files.opening import open_document
from perfdesk.core.model.document import Document
from tests.core.file_samples import filled_document
from tests.core.files.refusals import assert_clean_refusal
from tests.core.zip_samples import real_workbook

VALID = storage.dumps(filled_document()).encode("utf-8")
_FUZZ = settings(max_examples=int(os.environ.get("PERFDESK_FUZZ_EXAMPLES", "300")), deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])

_edit = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(1, 255)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("delete"), st.integers(0, 10**6), st.integers(1, 64)),
)


def _apply(data: bytes, edits) -> bytes:
    buffer = bytearray(data)
    for kind, position, arg in edits:
        at = position % (len(buffer) or 1)
        if kind == "flip" and buffer:
            buffer[at] ^= arg
        elif kind == "insert":
            buffer[at:at] = arg
        elif kind == "delete":
            del buffer[at : at + arg]
    return bytes(buffer)


def _load_in_folder(raw: bytes) -> Document | None:
    """Load `raw` from a file; check the folder is left exactly as it was."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "表.pdesk"
        path.write_bytes(raw)
        try:
            return open_document(path)
        except DocumentFileError as error:
            assert_clean_refusal(error, "表.pdesk")
            return None
        finally:
            assert [p.name for p in Path(folder).iterdir()] == ["表.pdesk"]
            assert path.read_bytes() == raw


@pytest.mark.timeout(300)
@_FUZZ
@given(st.lists(_edit, min_size=1, max_size=6))
def test_mutated_bytes_load_or_give_document_file_error(edits):
    doc = _load_in_folder(_apply(VALID, edits))
    if doc is not None:
        assert storage.loads(storage.dumps(doc)) == doc  # whatever loads, saves and reloads


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)


def _containers(value, found):
    """Every dict and list inside `value`, in document order."""
    if isinstance(value, (dict, list)):
        found.append(value)
        for item in value.values() if isinstance(value, dict) else value:
            _containers(item, found)
    return found


@pytest.mark.timeout(300)
@_FUZZ
@given(st.data())
def test_mutated_json_values_load_or_give_document_file_error(data):
    tree = json.loads(VALID)
    containers = _containers(tree, [])
    for _ in range(data.draw(st.integers(1, 3))):
        target = data.draw(st.sampled_from(containers))
        keys = list(target) if isinstance(target, dict) else list(range(len(target)))
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "add" or not keys:
            if isinstance(target, dict):
                target[data.draw(st.text(max_size=8))] = data.draw(_json_values)
            else:
                target.append(data.draw(_json_values))
        elif action == "delete":
            del target[data.draw(st.sampled_from(keys))]
        else:
            target[data.draw(st.sampled_from(keys))] = data.draw(_json_values)
    doc = _load_in_folder(json.dumps(tree, ensure_ascii=False).encode("utf-8"))
    if doc is not None:
        assert storage.loads(storage.dumps(doc)) == doc


def _workbook_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return real_workbook(Path(folder) / "book.xlsx").read_bytes()


WORKBOOK = _workbook_bytes()


@pytest.mark.timeout(300)
@_FUZZ
@given(st.lists(_edit, min_size=1, max_size=4))
def test_mutated_workbooks_pass_or_give_document_file_error(edits):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "表.xlsx"
        path.write_bytes(_apply(WORKBOOK, edits))
        try:
            open_document(path)
        except DocumentFileError as error:
            assert_clean_refusal(error, "表.xlsx")
