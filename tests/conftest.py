"""Shared fixtures: tests never touch the user's folders and run without a screen.

Hypothesis: local runs explore new examples each time (the `dev` profile); CI
(a `CI` environment variable, as Hypothesis itself detects it, or
HYPOTHESIS_PROFILE=ci as `.ci/run` sets) runs the same derandomized examples
every time, so a red CI is never a coin toss. A failure prints its reproduction
blob either way.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from perfdesk.core.rules.profile import Profile, TemplateLibrary

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_DEFAULT = settings.get_profile("default")
settings.register_profile("dev", _DEFAULT, print_blob=True)
# No timing deadline either: a slow shared CI machine must not turn a pass into a failure.
settings.register_profile("ci", _DEFAULT, derandomize=True, database=None, print_blob=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if "CI" in os.environ else "dev"))


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory, monkeypatch):
    """Point PerfDesk's per-user data folder (recovery, recent files) at a temp dir."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("PERFDESK_DATA_DIR", str(data))
    return data


@pytest.fixture
def library() -> TemplateLibrary:
    return TemplateLibrary()


@pytest.fixture(params=[profile.id for profile in TemplateLibrary()])
def shipped_profile(request, library) -> Profile:
    """Every template in templates/, one test run each: a new template file is tested without a test edit."""
    return library.get(request.param)


@pytest.fixture
def national(library):
    return library.get("national-2020")


@pytest.fixture
def county(library):
    return library.get("county-ziyang")
