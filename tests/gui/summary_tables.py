"""Folders of submitted tables for the 汇总 tests and screenshot: the worked example, edited through the core."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from perfdesk.core.files.storage import load_document, save_document
from perfdesk.core.model.document import Document
from perfdesk.core.model.factory import ensure_rows
from perfdesk.core.review.codec import read_review, review_to_dict
from perfdesk.core.review.workflow import submit
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.profile import TemplateLibrary

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ziyang-community-correction-2022.pdesk"


@dataclass(frozen=True)
class Table:
    """One county's table: the example with its own names, money and faults."""

    file: str
    name: str
    department: str = "区司法局"
    implementer: str = "益阳市资阳区司法局"
    budget: str = "38"
    executed: str = "19.62"
    blank_actuals: int = 0  # 实际完成值 left empty (each an error, and fewer points)
    claims: bool = True  # keep the example's printed scores, which disagree with the rules
    submitted: bool = False


def _drop_claims(doc: Document) -> None:
    doc.published_total = doc.funds.published_score = ""
    for level1 in doc.level1:
        for group in level1.groups:
            group.published_score = ""
            for indicator in group.indicators:
                indicator.published_score = ""


def write_table(folder: Path, table: Table, library: TemplateLibrary) -> Path:
    doc = load_document(EXAMPLE)
    doc.project.name, doc.project.department, doc.project.implementer = table.name, table.department, table.implementer
    doc.funds.total.initial = doc.funds.total.budget = table.budget
    doc.funds.total.executed = table.executed
    indicators = [i for level1 in doc.level1 for group in level1.groups for i in group.indicators]
    for indicator in indicators[:table.blank_actuals]:
        indicator.actual = ""
    if not table.claims:
        _drop_claims(doc)
    if table.submitted:
        profile = library.get(doc.template_id)
        ensure_rows(doc, profile)
        review = read_review(doc.review)
        submit(review, doc, analyse(doc, profile), "张三", "2023-01-10 09:00")
        doc.review = review_to_dict(review)
    path = folder / table.file
    path.parent.mkdir(parents=True, exist_ok=True)
    save_document(doc, path)
    return path


def write_tables(folder: Path, tables: list[Table]) -> list[Path]:
    library = TemplateLibrary()
    return [write_table(folder, t, library) for t in tables]
