"""The review's per-keystroke work on a returned table: `pytest benchmarks/bench_review.py --benchmark-enable`.

While a returned table is edited, the window reads the review and diffs the table
against the returned copy after every change (the returned copy's values are kept
between changes). Compare the sizes: the time should grow in proportion to the rows.
"""

from __future__ import annotations

import pytest

from perfdesk.core.model.document import Indicator
from perfdesk.core.model.factory import new_document
from perfdesk.core.model.ids import ensure_ids
from perfdesk.core.review import workflow as wf
from perfdesk.core.review.codec import read_review, review_to_dict
from perfdesk.core.review.diff import diff_values, field_values, returned_document
from perfdesk.core.review.model import Anchor
from perfdesk.core.rules.profile import TemplateLibrary


def _returned(rows: int):
    doc = new_document(TemplateLibrary().default(), year="2023")
    doc.level1[0].groups[0].indicators = [
        Indicator(name=f"{i}.指标", target="≥98%", actual="99%", weight="0.01") for i in range(rows)]
    ensure_ids(doc)
    review = read_review({})
    review.status = "submitted"
    for ind in doc.level1[0].groups[0].indicators[:200]:
        wf.add_comment(review, Anchor("indicator", ind.id, "actual"), "实际完成值", "李四", "t", "请核实")
    wf.return_for_changes(review, doc, "李四", "t", "请修改")
    doc.review = review_to_dict(review)
    doc.level1[0].groups[0].indicators[-1].actual = "100%"
    return doc


@pytest.mark.parametrize("rows", [1_000, 4_000])  # the file holds at most 5,000 rows
def test_update_after_a_keystroke(benchmark, rows):
    doc = _returned(rows)
    review = read_review(doc.review)
    assert review.returned is not None
    old = returned_document(review.returned, doc)
    before = field_values(old)

    def update():
        read_review(doc.review)
        return diff_values(old, before, doc, field_values(doc))

    assert len(benchmark(update)) == 1
