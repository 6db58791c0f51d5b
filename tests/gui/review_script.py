"""Scripted answers to the review's dialogs (names, texts, codes), for the review tests."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import pytest

from perfdesk.gui.review.dialogs import ReviewPrompts


@dataclass
class ReviewScript:
    """The review dialogs' answers, and what they were asked."""

    names: deque[str] = field(default_factory=deque)
    texts: deque[str] = field(default_factory=deque)
    codes: deque[str] = field(default_factory=deque)
    asked_names: list[str] = field(default_factory=list)
    told: list[str] = field(default_factory=list)


@pytest.fixture(name="script")
def script_fixture(monkeypatch) -> ReviewScript:
    s = ReviewScript()

    def ask_name(self, title, prompt, default=""):
        s.asked_names.append(title)
        return s.names.popleft()

    monkeypatch.setattr(ReviewPrompts, "ask_name", ask_name)
    monkeypatch.setattr(ReviewPrompts, "ask_text", lambda self, title, prompt, text="": s.texts.popleft())
    monkeypatch.setattr(ReviewPrompts, "ask_code", lambda self: s.codes.popleft())
    monkeypatch.setattr(ReviewPrompts, "information", lambda self, title, text: s.told.append(text))
    return s
