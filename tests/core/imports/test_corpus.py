"""Every variant of the corpus, in every format, read back field by field."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfdesk.core.imports.importer import import_file
from perfdesk.core.model.document import Document
from tests.core.imports.corpus import (
    VARIANTS,
    Content,
    Layout,
    _split,
    content_for,
    render,
    shown,
    write_docx,
    write_html,
    write_spreadsheetml,
    write_xls,
    write_xlsx,
)

WRITERS = {
    "xlsx": lambda sheet, path: write_xlsx(sheet, path),
    "xls": lambda sheet, path: write_xls(sheet, path),
    "docx": lambda sheet, path: write_docx([sheet], path),
    "html.xls": lambda sheet, path: write_html(sheet, path),
    "html-utf8.xls": lambda sheet, path: write_html(sheet, path, "utf-8", lines_outside=True),
    "xml.xls": lambda sheet, path: write_spreadsheetml(sheet, path),
}


def _expected_target(value, layout: Layout) -> str:
    if not (layout.split or layout.split_flat):
        return shown(value)
    op, number, unit = _split(value)
    return f"{'' if op == '定性' else op}{shown(number)}{unit}" if shown(number) else ""


def _prose(text: str, fmt: str) -> str:
    """A reason or goal as the format can give it back: a PDF shows a line the writer ended where
    the cell was full like one the cell's width wrapped, so there its line breaks are not compared."""
    return text.replace("\n", "") if fmt == "pdf" else text


def assert_document(doc: Document, content: Content, layout: Layout, fmt: str) -> None:
    """Field by field: project, funds, goals, each indicator, group weights, totals, signature."""
    p = doc.project
    assert (p.name, p.department, p.implementer, p.leader, p.phone) == (
        content.name, content.department, content.implementer, content.leader, content.phone)
    assert p.year == (content.year if layout.title else p.year)
    unit = "元" if "（元）" in layout.funds_label else "万元"
    assert p.money_unit == unit
    funds = list(content.funds.values())
    for row, amounts in zip(doc.funds.rows, funds, strict=True):
        got = (row.initial, row.budget, row.executed)
        printed = tuple(shown(a) for a in amounts)
        assert got == (printed if layout.initial else ("", *printed[1:]))
    assert doc.funds.weight == content.funds_weight
    assert doc.funds.published_score == content.funds_score
    assert _prose(doc.goals.expected, fmt) == _prose(content.expected, fmt)
    assert _prose(doc.goals.achieved, fmt) == _prose(content.achieved, fmt)
    assert [l1.name for l1 in doc.level1] == [l1.name for l1 in content.level1]
    for l1, want1 in zip(doc.level1, content.level1, strict=True):
        assert [g.name for g in l1.groups] == [g.name for g in want1.groups]
        for group, want2 in zip(l1.groups, want1.groups, strict=True):
            assert group.weight == (want2.weight if layout.weight_column else "")
            assert group.published_score == (want2.score if layout.score_column else "")
            assert len(group.indicators) == len(want2.inds)
            for ind, want in zip(group.indicators, want2.inds, strict=True):
                assert ind.name == (want.expected_name or want.name)
                assert ind.target == _expected_target(want.target, layout)
                assert ind.actual == shown(want.actual)
                assert ind.weight == (want.weight if layout.weight_column else "")
                assert ind.published_score == want.score
                assert _prose(ind.reason, fmt) == _prose(want.reasons, fmt)
    assert doc.published_total == content.total
    assert (doc.signature.filler, doc.signature.phone, doc.signature.head) == (
        content.signature["filler"], content.signature["phone"], content.signature["head"])


CASES = [(name, fmt) for name in VARIANTS for fmt in WRITERS]


@pytest.mark.parametrize("variant, fmt", CASES, ids=[f"{n}-{f}" for n, f in CASES])
def test_variant_is_read_field_by_field(variant: str, fmt: str, tmp_path: Path, library) -> None:
    layout, options = VARIANTS[variant]
    content = content_for(options)
    path = tmp_path / f"{variant}.{fmt}"
    WRITERS[fmt](render(content, layout), path)
    result = import_file(path, library)
    assert len(result.tables) == 1
    assert_document(result.tables[0].document, content, layout, fmt)
