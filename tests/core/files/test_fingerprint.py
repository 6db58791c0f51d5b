"""The content hash and the printed verification code."""

from __future__ import annotations

import hashlib
import json
import re

from perfdesk.core.files import storage
from perfdesk.core.files.fingerprint import (
    canonical_json,
    content_hash,
    verification_code,
)
from tests.core.file_samples import filled_document


def test_hash_is_sha256_of_the_canonical_content():
    doc = filled_document()
    data = json.loads(storage.dumps(doc))
    content = {"kind": data["kind"], "template": data["template"], "document": data["document"]}
    for l1 in content["document"]["level1"]:
        for group in l1["groups"]:
            assert group.pop("id")  # saved in the file, left out of the hash
            for ind in group["indicators"]:
                assert ind.pop("id")
    for name in ("leader", "finance"):  # added later: left out while empty
        assert content["document"]["signature"].pop(name) == ""
    expected = hashlib.sha256(
        json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    ).hexdigest()
    assert content_hash(doc) == expected == data["content_hash"]


def test_code_is_the_hash_head_grouped():
    doc = filled_document()
    code = verification_code(doc)
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", code)
    assert code.replace("-", "") == content_hash(doc)[:12].upper()


def test_fields_added_later_count_only_once_filled():
    """A file saved before 项目负责人/财务负责人 joined the signature line keeps its printed code."""
    doc = filled_document()
    before = content_hash(doc)
    doc.signature.finance = "李四"
    assert content_hash(doc) != before
    doc.signature.finance = ""
    assert content_hash(doc) == before


def test_review_and_top_level_extras_do_not_change_the_hash():
    doc = filled_document()
    before = content_hash(doc)
    doc.review = {"status": "accepted", "comments": []}
    doc.extra["@top"] = {"other": 1}
    assert content_hash(doc) == before


def test_any_content_change_changes_the_hash():
    doc = filled_document()
    before = content_hash(doc)
    doc.level1[0].groups[0].indicators[1].actual = "165人"
    assert content_hash(doc) != before
    doc = filled_document()
    doc.extra["future_section"] = {"x": 2}
    assert content_hash(doc) != before


def test_hash_survives_a_round_trip():
    doc = filled_document()
    assert content_hash(storage.loads(storage.dumps(doc))) == content_hash(doc)


def test_canonical_json_is_key_order_independent():
    assert canonical_json({"b": 1, "a": "中"}) == canonical_json({"a": "中", "b": 1}) == '{"a":"中","b":1}'


def test_row_ids_do_not_change_the_hash():
    """Old files get ids on opening: their printed code must still match."""
    doc = filled_document()
    before = content_hash(doc)
    for _path, _l1, group, ind in doc.iter_indicators():
        group.id, ind.id = "", ""
    assert content_hash(doc) == before
