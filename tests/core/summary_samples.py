"""汇总表 rows for the summary tests, built directly (no file is read)."""

from __future__ import annotations

from decimal import Decimal

from perfdesk.core.summary.row import SummaryRow, unreadable

DEPARTMENTS = ("区民政局", "区教育局", "区卫生健康局", "区农业农村局", "区司法局")
GRADES = ("优", "良", "中", "差")
#: Texts a spreadsheet would run as formulas or that break files: each must stay plain text.
HOSTILE = ("=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@HYPERLINK(\"http://x\")", "=1+1",
           "控制\x07字符\x1b和\x0c换页", "换行\r\n回车", "长" * 5000)


def summary_row(i: int, *, errors: int = 0, **changes: object) -> SummaryRow:
    """The i-th sample table: amounts, scores and grades that differ from row to row."""
    budget = Decimal(100 + 7 * i) + Decimal("0.25")
    executed = (budget * Decimal("0.8") + i).quantize(Decimal("0.01"))
    score = Decimal(97) - Decimal("0.65") * (i % 140)
    values: dict[str, object] = dict(
        file=f"/报送/{DEPARTMENTS[i % 5]}/项目{i}.pdesk", ok=True,
        name=f"2023年第{i}号社区矫正项目经费" + ("（含设备购置、人员培训、场地租赁等支出）" if i % 5 == 0 else ""),
        department=DEPARTMENTS[i % 5], implementer=f"某某街道办事处{i % 3}", year="2023", template="national-2020",
        budget=budget, executed=executed, rate=executed / budget, score=score,
        claimed=score + 1 if i % 2 else None, claimed_text=str(score + 1) if i % 2 else "",
        grade=GRADES[0 if score >= 90 else 1 if score >= 80 else 2 if score >= 60 else 3],
        errors=errors, warnings=i % 3, review_status=("", "submitted", "accepted", "returned")[i % 4],
        code=f"AB{i:02d}-CDEF-{i:04d}",
        problems=tuple(f"第{i}号表的问题{k}" for k in range(errors + i % 3)),
    )
    values.update(changes)
    return SummaryRow(**values)  # type: ignore[arg-type]


def summary_rows(count: int, *, errors_in: tuple[int, ...] = (), broken: int = 1) -> list[SummaryRow]:
    """`count` tables (those at `errors_in` with two errors) and `broken` unreadable files."""
    rows = [summary_row(i, errors=2 if i in errors_in else 0) for i in range(count)]
    rows += [unreadable(f"/报送/坏文件{k}.xlsx", f"“坏文件{k}.xlsx”不是有效的 Excel 文件。") for k in range(broken)]
    return rows
