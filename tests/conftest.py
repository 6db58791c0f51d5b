"""Shared fixtures: tests never touch the user's folders and run without a screen."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory, monkeypatch):
    """Point PerfDesk's per-user data folder (recovery, recent files) at a temp dir."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("PERFDESK_DATA_DIR", str(data))
    return data


@pytest.fixture
def library():
    from perfdesk.core.rules.profile import TemplateLibrary

    return TemplateLibrary()


@pytest.fixture
def national(library):
    return library.get("national-2020")


@pytest.fixture
def county(library):
    return library.get("county-ziyang")
