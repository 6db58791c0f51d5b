"""The single entry point that computes everything shown for a document."""

from __future__ import annotations

from perfdesk.core.model.document import Document
from perfdesk.core.model.results import Evaluation
from perfdesk.core.rules.claims import recheck
from perfdesk.core.rules.profile import Profile
from perfdesk.core.rules.scoring import evaluate, plan
from perfdesk.core.rules.validation import check


def analyse(doc: Document, profile: Profile) -> Evaluation:
    """Scores, totals and problems of `doc` under `profile`: what every view shows."""
    scoring_plan = plan(doc, profile)
    evaluation = evaluate(doc, profile, scoring_plan)
    evaluation.claims, claim_problems = recheck(doc, profile, evaluation)
    evaluation.problems = check(doc, profile, evaluation, scoring_plan) + claim_problems
    return evaluation
