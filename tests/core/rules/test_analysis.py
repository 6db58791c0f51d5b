"""`analyse` pauses the cycle collector while it runs and leaves it as it found it."""

from __future__ import annotations

import gc

import pytest

from perfdesk.core.model.factory import new_document
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.scoring import plan


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_during_an_analysis_and_left_as_it_was(national, monkeypatch, enabled) -> None:
    seen: list[bool] = []

    def plan_watched(*args):
        seen.append(gc.isenabled())
        return plan(*args)

    monkeypatch.setattr("perfdesk.core.rules.analysis.plan", plan_watched)
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        analyse(new_document(national), national)
        assert seen == [False] and gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_the_collector_runs_again_when_an_analysis_fails(national, monkeypatch) -> None:
    def broken(*args):
        raise RuntimeError("a defect in a rule")

    monkeypatch.setattr("perfdesk.core.rules.analysis.evaluate", broken)
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        analyse(new_document(national), national)
    assert gc.isenabled()
