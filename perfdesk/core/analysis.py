"""The single entry point that computes everything shown for a document."""

from __future__ import annotations

from perfdesk.core.document import Document
from perfdesk.core.profile import Profile
from perfdesk.core.results import Evaluation
from perfdesk.core.scoring import evaluate
from perfdesk.core.validation import check


def analyse(doc: Document, profile: Profile) -> Evaluation:
    """Scores, totals and problems of `doc` under `profile`: what every view shows."""
    evaluation = evaluate(doc, profile)
    evaluation.problems = check(doc, profile, evaluation)
    return evaluation
