"""The single entry point that computes everything shown for a document."""

from __future__ import annotations

import gc

from perfdesk.core.model.document import Document
from perfdesk.core.model.results import Evaluation
from perfdesk.core.rules.claims import recheck
from perfdesk.core.rules.profile import Profile
from perfdesk.core.rules.scoring import KeptRows, evaluate, plan
from perfdesk.core.rules.validation import check


def analyse(doc: Document, profile: Profile, kept: KeptRows | None = None) -> Evaluation:
    """Scores, totals and problems of `doc` under `profile`: what every view shows.

    `kept` is the table's rows from its last analysis (a document session keeps them, see
    `scoring.KeptRows`): only rows changed since are read, scored and checked again.

    The collector of reference cycles is paused meanwhile: an analysis makes tens of
    thousands of objects that either die at once or are kept as results, so collecting
    in between only walks the kept ones again (a tenth of analysing a 500-row table).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        scoring_plan = plan(doc, profile, kept)
        evaluation = evaluate(doc, profile, scoring_plan)
        evaluation.claims, claim_problems = recheck(doc, profile, evaluation)
        evaluation.problems = check(doc, profile, evaluation, scoring_plan) + claim_problems
        return evaluation
    finally:
        if collecting:  # left paused when it already was (by the caller, or by another thread's analysis)
            gc.enable()
