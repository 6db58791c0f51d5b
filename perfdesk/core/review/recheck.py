"""Rechecking a handed-in table: is it what was submitted, and do its scores still hold?

Run when a supervisor opens a file: every score is recomputed and compared with
the submission snapshot and with the scores printed in a source table; the
content is compared with the submitted verification code, so a file edited
after submission (by hand, or without withdrawing) is flagged plainly.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfdesk.core.files.fingerprint import verification_code
from perfdesk.core.model.document import Document
from perfdesk.core.model.results import Evaluation, format_decimal
from perfdesk.core.review.model import Review
from perfdesk.core.review.workflow import scores_of
from perfdesk.core.rules.claims import CLAIM_CODES


@dataclass(frozen=True)
class Finding:
    """One result of rechecking a handed-in table."""

    severity: str  # "error" (the file is not what was handed in) | "warning" | "ok"
    message: str


def recheck(doc: Document, evaluation: Evaluation, review: Review) -> list[Finding]:
    """Findings about the submission (one "ok" when all matches it), then about claimed scores."""
    findings: list[Finding] = []
    snap = review.submission
    if snap is not None and review.status in ("submitted", "accepted"):
        code = verification_code(doc)
        if code != snap.code:
            findings.append(Finding("error", f"报送后表格内容被改动过：报送时验证码 {snap.code}，现在是 {code}。"
                                             "这份文件与报送（盖章）的版本不同，请向填报单位核实。"))
        findings.extend(_score_findings(doc, evaluation, snap.scores, snap.total, snap.grade))
        if not findings:
            findings.append(Finding("ok", f"内容与报送时一致（验证码 {snap.code}），重新计算的得分与报送时相同。"))
    return findings + _claimed(evaluation)


def _score_findings(doc: Document, evaluation: Evaluation, scores: dict[str, str], total: str,
                    grade: str) -> list[Finding]:
    found = []
    now = scores_of(doc, evaluation)
    for key, was in scores.items():
        if key in now and now[key] != was:
            found.append(Finding("warning", f"{_row_name(doc, key)}：报送时得分 {was or '（无）'}，"
                                            f"重新计算为 {now[key] or '（无）'}。"))
    new_total = format_decimal(evaluation.total)
    if new_total != total or evaluation.grade != grade:
        found.append(Finding("warning", f"总分/等级：报送时 {total} 分（{grade}），重新计算为 {new_total} 分"
                                        f"（{evaluation.grade}）。"))
    return found


def _row_name(doc: Document, key: str) -> str:
    if key == "funds":
        return "预算执行率"
    path = doc.find_id(key)
    if path is None:
        return f"已删除的行 {key}"
    if len(path) == 3:
        return doc.indicator_at(*path).name.strip() or f"第{path[2] + 1}行指标"
    return doc.group_at(*path).name


def _claimed(evaluation: Evaluation) -> list[Finding]:
    """The claimed scores (原表得分) the rules do not reproduce: `rules.claims`' warnings."""
    return [Finding("warning", p.message) for p in evaluation.problems if p.code in CLAIM_CODES]
