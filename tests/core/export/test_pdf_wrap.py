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


@pytest.mark.parametrize(("text", "lines"), [
    ("一二三四五、、", ["一二三四", "五、、"]),  # a run of marks comes down whole, with a character
    ("一二三四五。」", ["一二三四", "五。」"]),
    ("一二三四五）、", ["一二三四", "五）、"]),
    ("一二三四五……", ["一二三四", "五……"]),  # the ellipsis neither starts a line nor splits
    ("一二三四五六……", ["一二三四五", "六……"]),
    ("一二三四五——六", ["一二三四五", "——六"]),  # a dash may start a line but never splits
    ("一二三12%、四", ["一二三", "12%、四"]),  # a number comes down with the mark after it
])
def test_marks_come_down_with_the_character_before_them(face, text, lines):
    assert wrap_text(text, face, SIZE, 60) == lines


def test_a_mark_before_a_number_ends_its_line(face):
    # `.000000` is `.` then a number: the run `、、.` stays with the 0, the number goes down
    assert wrap_text("0、、.000000", face, SIZE, 60) == ["0、、.", "000000"]
    assert wrap_text("一二三、1234567", face, SIZE, 60) == ["一二三、", "1234567"]


def test_a_number_too_wide_for_the_cell_fills_the_line_and_keeps_kinsoku(face):
    assert wrap_text("一二三、1234567890", face, SIZE, 60) == ["一二三、123", "4567890"]
    assert wrap_text("一二三四五、1234567890", face, SIZE, 60) == ["一二三四五、", "123456789", "0"]
    assert wrap_text("123456789%", face, SIZE, 60) == ["12345678", "9%"]


def test_without_room_a_word_is_not_cut_for_kinsoku(face):
    # no break keeps kinsoku here short of cutting 00000≥ (the marks cannot come down with it)
    assert wrap_text("《00000≥、", face, SIZE, 60) == ["《00000≥", "、"]
    assert wrap_text("（（00000）", face, SIZE, 60) == ["（（00000", "）"]


def test_a_leading_space_is_not_measured_but_an_indent_is(face):
    assert wrap_text(" 一二三四五六", face, SIZE, 60) == ["一二三四五六"]
    assert wrap_text("\u3000一二三四五六", face, SIZE, 60) == ["\u3000一二三四五", "六"]


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
    ends: list[int] = []  # where each line ends in `text`: the spaces dropped at a break still take room
    for line in lines:
        ends.append(text.index(line, ends[-1] if ends else 0) + len(line))
    for number, (before, line) in enumerate(zip(lines, lines[1:], strict=False)):
        gap = text[ends[number] : ends[number + 1] - len(line)]
        best = _best_break_nearby(face, before, gap, line, 60)
        assert best >= _fault(before[-1:], line[:1]), (before, line)


def _fault(ends: str, starts: str) -> int:
    """How badly a break breaks kinsoku: 0 not at all, 1 a mark starts or an opener ends a line,
    2 it splits a run of marks (`、|、`, `（|《`)."""
    if starts not in NO_LINE_START and ends not in NO_LINE_END:
        return 0
    return 2 if {ends, starts} <= NO_LINE_START or {ends, starts} <= NO_LINE_END else 1


def _best_break_nearby(face, before: str, gap: str, line: str, width: float) -> int:
    """The least fault of a break between the same two lines moved to another word boundary.

    `gap` is the spaces dropped between them. Either the first words of `line` go up and
    `before` still fits. Or the last words of `before` come down, leaving it some text, and
    start a line that fits up to where that line may break without fault (the rest could go
    on to the next line).
    """
    above, below = tokens(before), tokens(line)
    best = 2
    for cut in range(1, len(below) + 1):
        up, left = _cut(below, cut)
        if face.width(before + gap + up, SIZE) <= width:
            best = min(best, _fault(up[-1], left[0]) if left else 0)
    head = next((cut for cut in range(1, len(below)) if not _fault(*_ends(_cut(below, cut)))), len(below))
    start = _cut(below, head)[0]
    for cut in range(1, len(above)):
        kept, down = _cut(above, cut)
        if kept and down and face.width(down + gap + start, SIZE) <= width:
            best = min(best, _fault(kept[-1], down[0]))
    return best


def _cut(words: list[str], cut: int) -> tuple[str, str]:
    """The two lines made by breaking before `words[cut]`, without the spaces at the break."""
    return "".join(words[:cut]).rstrip(), "".join(words[cut:]).lstrip()


def _ends(halves: tuple[str, str]) -> tuple[str, str]:
    return halves[0][-1:], halves[1][:1]
