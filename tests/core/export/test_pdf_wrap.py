"""Chinese line breaking for the PDF: widths, kinsoku, whole Latin words, font runs."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfdesk.core.export.pdf_wrap import (
    LATIN_FONT,
    NO_LINE_END,
    NO_LINE_START,
    pdf_face,
    tokens,
    wrap_text,
)

SIZE = 10  # the Chinese font's glyphs are 1 em wide: one character = 10 pt


@pytest.fixture(scope="module")
def face():
    return pdf_face()


def test_empty_text_has_no_lines(face):
    assert wrap_text("", face, SIZE, 100) == []


def test_breaks_between_any_chinese_characters(face):
    assert wrap_text("一二三四五六七", face, SIZE, 30) == ["一二三", "四五六", "七"]


def test_keeps_latin_words_and_numbers_whole(face):
    lines = wrap_text("金额19.62万元", face, SIZE, 45)
    assert any("19.62" in line for line in lines)
    assert wrap_text("alpha beta", face, SIZE, face.width("alpha", SIZE) + 1) == ["alpha", "beta"]


def test_comparator_stays_with_its_number(face):
    lines = wrap_text("满意率≥98%以上", face, SIZE, face.width("满意率≥9", SIZE))
    assert "≥98%" in "\n".join(lines).split("\n")[1]


def test_word_wider_than_the_cell_is_cut_by_characters(face):
    word = "abcdefghijklmnopqrstuvwxyz0123456789"
    lines = wrap_text(word, face, SIZE, 40)
    assert "".join(lines) == word
    assert len(lines) > 1
    assert all(face.width(line, SIZE) <= 40 for line in lines)


def test_closing_punctuation_never_starts_a_line(face):
    assert wrap_text("一二三，四", face, SIZE, 30) == ["一二", "三，四"]


def test_run_of_closing_punctuation_pulls_the_character_down(face):
    assert wrap_text("一二三）。", face, SIZE, 30) == ["一二", "三）。"]


def test_a_word_is_not_broken_to_keep_punctuation_off_the_line_start(face):
    assert wrap_text("00000≥、、", face, SIZE, 60) == ["00000≥", "、、"]


def test_opening_bracket_never_ends_a_line(face):
    assert wrap_text("一二（三）", face, SIZE, 30) == ["一二", "（三）"]


def test_explicit_line_breaks_are_kept(face):
    assert wrap_text("产出指标\n（50分）", face, SIZE, 200) == ["产出指标", "（50分）"]
    assert wrap_text("a\r\n\nb", face, SIZE, 200) == ["a", "", "b"]


def test_spaces_at_a_break_are_dropped(face):
    width = face.width("word", SIZE) + 1
    assert wrap_text("word   word", face, SIZE, width) == ["word", "word"]


def test_plain_font_name_is_measured_by_reportlab():
    pdf_face()
    assert wrap_text("ab cd", LATIN_FONT, SIZE, 20) == ["ab", "cd"]


def test_runs_send_latin_to_the_latin_font(face):
    runs = face.runs("得分9.5分")
    assert [text for _, text in runs] == ["得分", "9.5", "分"]
    assert runs[1][0] == face.latin and runs[0][0] == face.cjk


_ALPHABET = st.sampled_from(list("社区矫正对象满意率指标完成") + list("abcXYZ0129.%≥") + list(" ，。（）、《》"))


@settings(max_examples=200, deadline=None)
@given(st.text(_ALPHABET, max_size=80), st.integers(min_value=12, max_value=200))
def test_every_line_fits_and_no_text_is_lost(text, width):
    face = pdf_face()
    lines = wrap_text(text, face, SIZE, width)
    assert all(face.width(line, SIZE) <= width for line in lines)
    assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", text)


@settings(max_examples=200, deadline=None)
@given(st.text(_ALPHABET, min_size=1, max_size=80))
def test_kinsoku_holds_when_there_is_room(text):
    face = pdf_face()
    lines = wrap_text(text, face, SIZE, 60)
    for before, line in zip(lines, lines[1:], strict=False):
        pulled = len(tokens(before)) <= 1  # nothing left to pull down: one character or one word
        assert pulled or not line or line[0] not in NO_LINE_START or _only_marks(before)
        assert pulled or not before or before[-1] not in NO_LINE_END or _only_marks(before)


def _only_marks(line: str) -> bool:
    """A line made only of punctuation cannot give a character away."""
    return all(ch in NO_LINE_START | NO_LINE_END or ch.isspace() for ch in line)
