"""Shared fixtures: tests never touch the user's folders and run without a screen.

Hypothesis: local runs explore new examples each time (the `dev` profile); CI
(the `CI` environment variable, set by `.ci/run`, or HYPOTHESIS_PROFILE=ci) runs
the same derandomized examples every time, so a red CI is never a coin toss.
A failure found locally prints its reproduction blob either way.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from perfdesk.core.rules.profile import Profile, TemplateLibrary

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

settings.register_profile("dev", print_blob=True)
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


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
