"""One submitted table as one row of the 汇总表: what a supervisor compares across files.

A row holds figures only (never the document), so 10,000 of them fit in memory
and they cross process boundaries cheaply. Amounts are in 万元 whatever unit the
table was written in, so they can be summed; a unit PerfDesk cannot convert
leaves the amounts empty and says so in `note`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.model.document import Document
from perfdesk.core.model.results import Evaluation, Severity
from perfdesk.core.rules.profile import Profile, TemplateError, TemplateLibrary

#: Problems kept per row for the problems sheet (the table itself has them all).
MAX_PROBLEMS = 20
_TO_WAN = {"万元": Decimal(1), "元": Decimal("0.0001"), "千元": Decimal("0.1"), "亿元": Decimal(10000)}


@dataclass(frozen=True)
class SummaryRow:
    """The 汇总表's row for one file; `ok` False rows carry only `file` and `error`."""

    file: str
    ok: bool
    error: str = ""  # why the file could not be read, in Chinese
    where: str = ""  # the sheet or Word table, when the file holds several tables
    name: str = ""  # 项目名称
    department: str = ""  # 主管部门
    implementer: str = ""  # 实施单位
    year: str = ""  # 年度
    template: str = ""  # profile id
    budget: Decimal | None = None  # 全年预算数, 万元
    executed: Decimal | None = None  # 全年执行数, 万元
    rate: Decimal | None = None  # 执行率 as a fraction
    score: Decimal | None = None  # 自评得分 computed by the rules
    claimed: Decimal | None = None  # 原表得分 (the table's own 总分), None when absent or unreadable
    claimed_text: str = ""
    grade: str = ""
    errors: int = 0
    warnings: int = 0
    claims_differ: int = 0  # claimed scores (rows and total) that disagree with the rules
    review_status: str = ""  # key of review.model.STATUS_NAMES
    code: str = ""  # verification code printed on the PDF
    note: str = ""  # what the row itself cannot show (an unknown money unit …)
    problems: tuple[str, ...] = field(default=())  # first MAX_PROBLEMS messages, errors first

    @property
    def label(self) -> str:
        """The file's name, with the sheet or table when the file holds several: `各项目.xlsx › 项目A`."""
        name = Path(self.file).name or self.file
        return f"{name} › {self.where}" if self.where else name

    @property
    def difference(self) -> Decimal | None:
        """原表得分 minus 自评得分."""
        if self.claimed is None or self.score is None:
            return None
        return self.claimed - self.score

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            data[f.name] = float(value) if isinstance(value, Decimal) else value
        data["problems"] = list(self.problems)
        diff = self.difference
        data["difference"] = None if diff is None else float(diff)
        return data


def unreadable(path: str | Path, reason: str) -> SummaryRow:
    return SummaryRow(file=str(path), ok=False, error=reason)


def _amount_in_wan(text: str, factor: Decimal | None) -> Decimal | None:
    from perfdesk.core.rules.scoring import read_amount

    value, _ok = read_amount(text)
    if value is None or factor is None:
        return None
    return value * factor


def row_for(path: str | Path, doc: Document, profile: Profile, ev: Evaluation, where: str = "") -> SummaryRow:
    """The row of an analysed document (the caller has read and analysed it)."""
    from perfdesk.core.files.fingerprint import verification_code
    from perfdesk.core.rules.scoring import total_row

    unit = doc.project.money_unit.strip() or "万元"
    factor = _TO_WAN.get(unit)
    total = total_row(doc.funds)
    errors = [p for p in ev.problems if p.severity is Severity.ERROR]
    warnings = [p for p in ev.problems if p.severity is not Severity.ERROR]
    total_claim = next((c for c in ev.claims if c.location.field == "published_total"), None)
    review = doc.review if isinstance(doc.review, dict) else {}
    status = review.get("status", "")
    return SummaryRow(
        file=str(path),
        ok=True,
        where=where,
        name=doc.project.name.strip(),
        department=doc.project.department.strip(),
        implementer=doc.project.implementer.strip(),
        year=doc.project.year.strip(),
        template=profile.id,
        budget=_amount_in_wan(total.budget, factor),
        executed=_amount_in_wan(total.executed, factor),
        rate=ev.funds.rate,
        score=ev.total,
        claimed=total_claim.claimed if total_claim else None,
        claimed_text=doc.published_total.strip(),
        grade=ev.grade,
        errors=len(errors),
        warnings=len(warnings),
        claims_differ=sum(1 for c in ev.claims if not c.agrees),
        review_status=status if isinstance(status, str) else "",
        code=verification_code(doc),
        note="" if factor is not None else f"金额单位“{unit}”无法换算为万元，金额未计入合计",
        problems=tuple(p.message for p in (errors + warnings)[:MAX_PROBLEMS]),
    )


def summarize_file(path: str | Path, library: TemplateLibrary | None = None) -> list[SummaryRow]:
    """Read, score and check every table in one file; never raises for a bad file (a row says why).

    A bug in a reader is logged and reported as an unreadable file, so one
    hostile file cannot stop a batch of hundreds.
    """
    from perfdesk.core.files import problem_log
    from perfdesk.core.files.opening import open_tables
    from perfdesk.core.model.factory import ensure_rows
    from perfdesk.core.rules.analysis import analyse

    library = library or TemplateLibrary()
    if Path(path).is_dir():  # `scan` yields a folder it could not list
        name = Path(path).name
        return [unreadable(path, f"无法列出文件夹“{name}”中的文件（可能没有访问权限），其中的自评表未汇总。")]
    try:
        rows = []
        for where, doc in open_tables(path):
            profile = library.get(doc.template_id)
            ensure_rows(doc, profile)
            rows.append(row_for(path, doc, profile, analyse(doc, profile), where))
        return rows
    except (DocumentFileError, TemplateError) as exc:
        return [unreadable(path, str(exc))]
    except OSError as exc:
        return [unreadable(path, f"无法读取“{Path(path).name}”：{exc.strerror or exc}")]
    except Exception as exc:  # noqa: BLE001 — the contract: one bad file never stops the batch
        problem_log.record(Path(path).name, exc)
        return [unreadable(path, f"“{Path(path).name}”无法读取（内部错误，详细原因已记入日志）。")]


def row_from_json(data: dict[str, Any]) -> SummaryRow:
    """The inverse of `to_json` (used by tests and by a saved 汇总 list)."""
    known = {f.name for f in fields(SummaryRow)}
    values = {k: v for k, v in data.items() if k in known}
    for name in ("budget", "executed", "rate", "score", "claimed"):
        if values.get(name) is not None:
            number = Decimal(str(values[name]))
            values[name] = number if number.is_finite() else None  # a hand-edited list: nan, inf
    values["problems"] = tuple(values.get("problems", ()))
    return SummaryRow(**values)

